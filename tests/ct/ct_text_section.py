#!/usr/bin/env python3
"""tests/ct/ct_text_section.py - let valgrind read the module's debug information in tests/ct's ct_test.

Valgrind (3.x) keeps DWARF line and inline information only for code inside the section named ".text"; the module's
code lives in its own section, fips140_text (cmake/fips140_module.lds, docs/INTEGRITY.md), so memcheck's reports
would name module functions without file:line and without the functions inlined into them, and a suppression could
not name an inlined function. This script swaps the two section names (the sh_name fields of their section
headers) in an already injected ELF64 little-endian executable. Nothing that is loaded or hashed changes: the
module's power-on integrity check hashes the bytes between its own symbols, not sections found by name, so the
program still passes it. Only the test program gets this treatment; run it after `fips140 inject`.

Usage: ct_text_section.py <executable>"""
import struct
import sys


def main(path):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            sys.exit(f"{path}: not an ELF64 little-endian file")
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        strtab_off, = struct.unpack_from("<Q", data, shoff + shstrndx * shentsize + 0x18)

        def name(i):
            off = strtab_off + struct.unpack_from("<I", data, shoff + i * shentsize)[0]
            return bytes(data[off:data.index(b"\0", off)]).decode()

        idx = {}
        for i in range(shnum):
            idx.setdefault(name(i), []).append(i)
        if len(idx.get(".text", [])) != 1 or len(idx.get("fips140_text", [])) != 1:
            sys.exit(f"{path}: expected one .text and one fips140_text section")
        a, b = shoff + idx[".text"][0] * shentsize, shoff + idx["fips140_text"][0] * shentsize
        na, nb = data[a:a + 4], data[b:b + 4]
        data[a:a + 4], data[b:b + 4] = nb, na
        f.seek(0)
        f.write(data)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
