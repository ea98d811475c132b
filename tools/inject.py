#!/usr/bin/env python3
"""tools/inject.py - the bootstrap integrity-MAC injector (docs/INTEGRITY.md).

`fips140 inject` cannot inject build/bin/fips140 itself: the CLI contains the module, whose power-on constructor
aborts ("module not injected") before main() runs. This script does the same job with Python's hmac/hashlib and is
used for that one file; everything else the build makes is injected by the (then injected) CLI, and the tamper
tests check that both injectors produce identical files.

Usage: inject.py [--check] FILE    exit 0 success, 1 refusal or failure, 2 usage.
Same checks as cli/cmd_inject.c: linked little-endian ELF64; exactly one fips140_text and one fips140_rodata
section, allocated, read-only, file-backed by a PT_LOAD segment; no allocated RELA/REL/RELR entry inside them;
the 32-byte placeholder exactly once and outside them. The MAC is HMAC-SHA2-256 keyed with the module's public
integrity key over the two sections in address order, each prefixed by its size as 8 bytes big-endian.
"""
import hashlib
import hmac
import os
import struct
import sys
import tempfile

KEY = b"fips140 module integrity key v1!"
PLACEHOLDER = b"FIPS140-MAC-NOT-INJECTED" + bytes([0x9E, 0x37, 0x79, 0xB9, 0x7F, 0x4A, 0x7C, 0x15])
HASHED = ("fips140_text", "fips140_rodata")
SHT_PROGBITS, SHT_RELA, SHT_REL, SHT_RELR = 1, 4, 9, 19
SHF_WRITE, SHF_ALLOC = 1, 2
PT_LOAD = 1


class Refused(Exception):
    """The file cannot be injected; the message says why."""


def u(fmt, data, off):
    """One little-endian field (struct format fmt) at off, bounds-checked."""
    size = struct.calcsize(fmt)
    if off < 0 or off + size > len(data):
        raise Refused("truncated ELF file")
    return struct.unpack_from("<" + fmt, data, off)[0]


def parse(data):
    """The two hashed ranges as (name, addr, offset, size), sorted by address, after every check."""
    if data[:4] != b"\x7fELF":
        raise Refused("not an ELF file")
    if data[4] != 2 or data[5] != 1:
        raise Refused("not a little-endian ELF64 file")
    etype = u("H", data, 16)
    if etype not in (2, 3):
        raise Refused("not a linked executable or shared object (ELF type %d)" % etype)
    phoff, shoff = u("Q", data, 32), u("Q", data, 40)
    phnum, shentsize, shnum, shstrndx = u("H", data, 56), u("H", data, 58), u("H", data, 60), u("H", data, 62)
    if shentsize != 64 or shoff == 0:
        raise Refused("no section headers (the section names locate the module)")
    if shnum == 0:
        shnum = u("Q", data, shoff + 32)
    if shstrndx == 0xFFFF:
        shstrndx = u("I", data, shoff + 40)
    if shoff + 64 * shnum > len(data) or shstrndx >= shnum:
        raise Refused("section headers lie outside the file")
    sections = []
    for i in range(shnum):
        b = shoff + 64 * i
        sections.append(dict(name=u("I", data, b), type=u("I", data, b + 4), flags=u("Q", data, b + 8),
                             addr=u("Q", data, b + 16), offset=u("Q", data, b + 24), size=u("Q", data, b + 32)))
    strtab = sections[shstrndx]
    names = data[strtab["offset"]:strtab["offset"] + strtab["size"]]
    for s in sections:
        end = names.find(b"\0", s["name"])
        if end < 0:
            raise Refused("bad section name table")
        s["name"] = names[s["name"]:end].decode("latin-1")
    ranges = []
    for want in HASHED:
        found = [s for s in sections if s["name"] == want]
        if not found:
            raise Refused("no fips140 module here (sections fips140_text and fips140_rodata not found)")
        if len(found) > 1:
            raise Refused("section %s appears twice" % want)
        s = found[0]
        if s["type"] != SHT_PROGBITS or not s["flags"] & SHF_ALLOC or s["offset"] + s["size"] > len(data):
            raise Refused("section %s is not loaded from the file" % want)
        if s["flags"] & SHF_WRITE:
            raise Refused("section %s is writable (something writable was linked into it)" % want)
        mapped = False
        for i in range(phnum):
            b = phoff + 56 * i
            if u("I", data, b) != PT_LOAD:
                continue
            off, vaddr, filesz = u("Q", data, b + 8), u("Q", data, b + 16), u("Q", data, b + 32)
            if off <= s["offset"] and s["offset"] + s["size"] <= off + filesz and vaddr - off == s["addr"] - s["offset"]:
                mapped = True
        if not mapped:
            raise Refused("section %s is not mapped from the file by a loadable segment" % want)
        ranges.append((want, s["addr"], s["offset"], s["size"]))
    ranges.sort(key=lambda r: r[1])

    def hit(where, secname):
        for name, addr, _, size in ranges:
            if where < addr + size and where + 8 > addr:
                raise Refused("dynamic relocation in %s at 0x%x falls inside the hashed section %s"
                              % (secname, where, name))

    for s in sections:
        if not s["flags"] & SHF_ALLOC or s["type"] not in (SHT_RELA, SHT_REL, SHT_RELR):
            continue
        body = data[s["offset"]:s["offset"] + s["size"]]
        if s["type"] in (SHT_RELA, SHT_REL):
            ent = 24 if s["type"] == SHT_RELA else 16
            for i in range(0, len(body) - ent + 1, ent):
                where, info = struct.unpack_from("<QQ", body, i)
                if info & 0xFFFFFFFF:  # type 0 is R_*_NONE
                    hit(where, s["name"])
        else:  # SHT_RELR: address words and bitmap words (gABI)
            base = 0
            for i in range(0, len(body) - 7, 8):
                w = struct.unpack_from("<Q", body, i)[0]
                if w & 1 == 0:
                    hit(w, s["name"])
                    base = w + 8
                else:
                    for bit in range(1, 64):
                        if (w >> bit) & 1:
                            hit(base + (bit - 1) * 8, s["name"])
                    base += 63 * 8
    return ranges


def module_mac(data, ranges):
    """HMAC-SHA2-256 over the ranges in address order, each prefixed by its size (8 bytes big-endian)."""
    h = hmac.new(KEY, digestmod=hashlib.sha256)
    for _, _, off, size in ranges:
        h.update(struct.pack(">Q", size))
        h.update(data[off:off + size])
    return h.digest()


def inject(path, check):
    """Inject (or with check, verify) the MAC of FILE; returns the exit status."""
    real = os.path.realpath(path)
    with open(real, "rb") as f:
        data = bytearray(f.read())
    ranges = parse(data)
    mac = module_mac(data, ranges)
    count = data.count(PLACEHOLDER)
    if count == 0:
        if data.count(mac) == 1:
            print("%s: module MAC %s %s" % (path, mac.hex(), "verified" if check else "already injected"))
            return 0
        raise Refused("module MAC mismatch (the hashed code or data differ from what was injected)" if check else
                      "the MAC placeholder is missing (the module's MAC slot was altered, or this file was modified "
                      "after injection)")
    if count > 1:
        raise Refused("the MAC placeholder appears %d times (expected once)" % count)
    at = data.find(PLACEHOLDER)
    for name, _, off, size in ranges:
        if at + 32 > off and at < off + size:
            raise Refused("the MAC placeholder lies inside the hashed section %s" % name)
    if check:
        raise Refused("module not injected")
    data[at:at + 32] = mac
    mode = os.stat(real).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(real) + ".inject", dir=os.path.dirname(real))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        os.unlink(tmp)
        raise
    print("%s: module MAC %s injected (%s %d bytes, %s %d bytes)"
          % (path, mac.hex(), ranges[0][0], ranges[0][3], ranges[1][0], ranges[1][3]))
    return 0


def main(argv):
    args = [a for a in argv if a != "--check"]
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: inject.py [--check] FILE", file=sys.stderr)
        return 2
    try:
        return inject(args[0], "--check" in argv)
    except Refused as e:
        print("inject.py: %s: refused: %s" % (args[0], e), file=sys.stderr)
    except OSError as e:
        print("inject.py: %s: %s" % (args[0], e.strerror or e), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
