#!/usr/bin/env python3
"""tests/tamper/elfpatch.py - small in-place edits of a linked ELF file for the tamper and inject-refusal tests.

  elfpatch.py flip FILE SECTION          flip one bit of the byte in the middle of SECTION (e.g. fips140_text)
  elfpatch.py flip-string FILE TEXT      flip one bit in the first occurrence of TEXT, which must lie outside the
                                         module's hashed sections (e.g. a string the program prints)
  elfpatch.py add-placeholder FILE       append a second copy of the module's MAC placeholder to FILE
  elfpatch.py erase-placeholder FILE     overwrite the placeholder with zeros
The section table is read with tools/inject.py's parser.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import inject  # noqa: E402  (tools/inject.py)


def sections(data):
    """name -> (offset, size) for every section of the file."""
    shoff, shnum, shstrndx = struct.unpack_from("<Q", data, 40)[0], *struct.unpack_from("<HH", data, 60)
    heads = [struct.unpack_from("<IIQQQQ", data, shoff + 64 * i) for i in range(shnum)]
    stroff = heads[shstrndx][4]
    out = {}
    for name, _, _, _, off, size in heads:
        end = data.index(b"\0", stroff + name)
        out[data[stroff + name:end].decode("latin-1")] = (off, size)
    return out


def main(argv):
    cmd, path = argv[0], argv[1]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if cmd == "flip":
        off, size = sections(data)[argv[2]]
        at = off + size // 2
        data[at] ^= 0x01
        print("flipped byte 0x%x (middle of %s)" % (at, argv[2]))
    elif cmd == "flip-string":
        at = data.find(argv[2].encode())
        if at < 0:
            sys.exit("elfpatch: %r not found" % argv[2])
        for name, _, off, size in inject.parse(data):
            if off <= at < off + size:
                sys.exit("elfpatch: %r lies inside %s" % (argv[2], name))
        data[at] ^= 0x20
        print("flipped byte 0x%x (outside the hashed sections)" % at)
    elif cmd == "add-placeholder":
        data += inject.PLACEHOLDER
    elif cmd == "erase-placeholder":
        at = data.find(inject.PLACEHOLDER)
        if at < 0:
            sys.exit("elfpatch: no placeholder")
        data[at:at + 32] = bytes(32)
    else:
        sys.exit("elfpatch: unknown command %s" % cmd)
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv[1:])
