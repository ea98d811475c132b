/* cli/inject_elf.c - ELF64 reading for `fips140 inject` (System V ABI gABI, elf(5)): section headers, program
 * headers and the dynamic relocation tables of a linked file; the module's integrity MAC over its hashed ranges.
 * Every offset and size read from the file is bounds-checked before use. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "fips140/hmac.h"
#include "inject_elf.h"

/* ELF constants (elf(5)). */
enum {
    ET_EXEC_ = 2, ET_DYN_ = 3,
    SHT_PROGBITS_ = 1, SHT_RELA_ = 4, SHT_REL_ = 9, SHT_RELR_ = 19,
    PT_LOAD_ = 1,
    SHN_XINDEX_ = 0xffff,
};
#define SHF_WRITE_ 0x1u
#define SHF_ALLOC_ 0x2u

/* The module's integrity key: the same 32 public bytes as FIPS140_INTEGRITY_KEY in module/core/integrity.h. */
static const char integrity_key[] = "fips140 module integrity key v1!";

/* The placeholder XOR 0xff (see inject_placeholder). */
static const uint8_t placeholder_masked[32] = {
    0xb9, 0xb6, 0xaf, 0xac, 0xce, 0xcb, 0xcf, 0xd2, 0xb2, 0xbe, 0xbc, 0xd2, 0xb1, 0xb0, 0xab, 0xd2,
    0xb6, 0xb1, 0xb5, 0xba, 0xbc, 0xab, 0xba, 0xbb, 0x61, 0xc8, 0x86, 0x46, 0x80, 0xb5, 0x83, 0xea};

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)rd16(p) | ((uint32_t)rd16(p + 2) << 16); }
static uint64_t rd64(const uint8_t *p) { return (uint64_t)rd32(p) | ((uint64_t)rd32(p + 4) << 32); }

/* fail - format the reason into err; returns -1. */
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* in_file - true when [off, off + n) lies inside a file of len bytes. */
static int in_file(uint64_t off, uint64_t n, size_t len) { return off <= len && n <= len - off; }

void inject_placeholder(uint8_t out[32])
{
    const volatile uint8_t *m = placeholder_masked; /* volatile: keep the compiler from unmasking at build time */
    for (size_t i = 0; i < 32; i++)
        out[i] = (uint8_t)(m[i] ^ 0xffu);
}

size_t inject_find(const inject_image *img, const uint8_t *pat, size_t n, size_t *at)
{
    size_t count = 0;
    for (size_t i = 0; n <= img->len && i <= img->len - n; i++) {
        if (img->data[i] == pat[0] && memcmp(img->data + i, pat, n) == 0) {
            if (count++ == 0 && at != NULL)
                *at = i;
        }
    }
    return count;
}

/* section_header - pointer to section header i (bounds already checked by the caller). */
static const uint8_t *section_header(const uint8_t *data, uint64_t shoff, size_t i) { return data + shoff + 64 * i; }

/* reloc_hits - true when a relocation patching up to 8 bytes at address a touches one of the ranges. */
static const inject_range *reloc_hits(const inject_image *img, uint64_t a)
{
    for (int r = 0; r < 2; r++) {
        const inject_range *g = &img->range[r];
        if (a < g->addr + g->size && a + 8 > g->addr)
            return g;
    }
    return NULL;
}

/* check_relocs - scan one allocated relocation section (RELA, REL or RELR) for entries inside the ranges. */
static int check_relocs(const inject_image *img, const uint8_t *sh, const char *secname, char *err, size_t errlen)
{
    uint32_t type = rd32(sh + 4);
    uint64_t off = rd64(sh + 24), size = rd64(sh + 32);
    if (!in_file(off, size, img->len))
        return fail(err, errlen, "relocation section %s lies outside the file", secname);
    const uint8_t *p = img->data + off;
    if (type == SHT_RELA_ || type == SHT_REL_) {
        size_t ent = type == SHT_RELA_ ? 24 : 16;
        for (uint64_t i = 0; i + ent <= size; i += ent) {
            uint64_t where = rd64(p + i), info = rd64(p + i + 8);
            const inject_range *g = (uint32_t)info != 0 ? reloc_hits(img, where) : NULL; /* type 0: R_*_NONE */
            if (g != NULL)
                return fail(err, errlen, "dynamic relocation in %s at 0x%llx falls inside the hashed section %s",
                            secname, (unsigned long long)where, g->name);
        }
        return 0;
    }
    /* SHT_RELR (gABI): an even word is an address to relocate, the next base is 8 bytes after it; an odd word is
     * a bitmap whose bits 1..63 relocate base + (bit - 1) * 8, after which the base advances by 63 words. */
    uint64_t base = 0;
    for (uint64_t i = 0; i + 8 <= size; i += 8) {
        uint64_t w = rd64(p + i);
        if ((w & 1u) == 0) {
            const inject_range *g = reloc_hits(img, w);
            if (g != NULL)
                return fail(err, errlen, "dynamic relocation in %s at 0x%llx falls inside the hashed section %s",
                            secname, (unsigned long long)w, g->name);
            base = w + 8;
        } else {
            for (unsigned b = 1; b < 64; b++) {
                uint64_t where = base + (uint64_t)(b - 1) * 8;
                const inject_range *g = (w >> b) & 1u ? reloc_hits(img, where) : NULL;
                if (g != NULL)
                    return fail(err, errlen, "dynamic relocation in %s at 0x%llx falls inside the hashed section %s",
                                secname, (unsigned long long)where, g->name);
            }
            base += 63 * 8;
        }
    }
    return 0;
}

/* check_loaded - the range must be file-backed by one PT_LOAD segment with the same address-offset mapping, so the
 * bytes hashed here are the bytes the loader maps. */
static int check_loaded(const inject_image *img, const inject_range *g, uint64_t phoff, size_t phnum, char *err,
                        size_t errlen)
{
    for (size_t i = 0; i < phnum; i++) {
        const uint8_t *ph = img->data + phoff + 56 * i;
        uint64_t off = rd64(ph + 8), vaddr = rd64(ph + 16), filesz = rd64(ph + 32);
        if (rd32(ph) != PT_LOAD_ || g->offset < off || g->offset - off > filesz || g->size > filesz - (g->offset - off))
            continue;
        if (vaddr - off == g->addr - g->offset)
            return 0;
    }
    return fail(err, errlen, "section %s is not mapped from the file by a loadable segment", g->name);
}

int inject_elf_parse(inject_image *img, const uint8_t *data, size_t len, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    img->data = data;
    img->len = len;
    if (len < 64 || memcmp(data, "\177ELF", 4) != 0)
        return fail(err, errlen, "not an ELF file");
    if (data[4] != 2 || data[5] != 1)
        return fail(err, errlen, "not a little-endian ELF64 file");
    uint16_t etype = rd16(data + 16);
    if (etype != ET_EXEC_ && etype != ET_DYN_)
        return fail(err, errlen, "not a linked executable or shared object (ELF type %u)", etype);
    uint64_t phoff = rd64(data + 32), shoff = rd64(data + 40);
    size_t phnum = rd16(data + 56), shnum = rd16(data + 60), shstrndx = rd16(data + 62);
    if (rd16(data + 58) != 64 || shoff == 0)
        return fail(err, errlen, "no section headers (the section names locate the module)");
    if (phnum != 0 && (rd16(data + 54) != 56 || !in_file(phoff, 56 * (uint64_t)phnum, len)))
        return fail(err, errlen, "program headers lie outside the file");
    if (!in_file(shoff, 64, len))
        return fail(err, errlen, "section headers lie outside the file");
    if (shnum == 0)
        shnum = (size_t)rd64(section_header(data, shoff, 0) + 32); /* extended numbering: sh[0].sh_size */
    if (shstrndx == SHN_XINDEX_)
        shstrndx = rd32(section_header(data, shoff, 0) + 40); /* sh[0].sh_link */
    if (shnum > len / 64 || !in_file(shoff, 64 * (uint64_t)shnum, len) || shstrndx >= shnum)
        return fail(err, errlen, "section headers lie outside the file");
    const uint8_t *strsh = section_header(data, shoff, shstrndx);
    uint64_t stroff = rd64(strsh + 24), strsize = rd64(strsh + 32);
    if (!in_file(stroff, strsize, len) || strsize == 0 || data[stroff + strsize - 1] != 0)
        return fail(err, errlen, "bad section name table");

    static const char *const names[2] = {"fips140_text", "fips140_rodata"};
    int found[2] = {0, 0};
    for (size_t i = 0; i < shnum; i++) {
        const uint8_t *sh = section_header(data, shoff, i);
        uint32_t name = rd32(sh);
        if (name >= strsize)
            return fail(err, errlen, "bad section name offset");
        const char *sname = (const char *)data + stroff + name;
        for (int r = 0; r < 2; r++) {
            if (strcmp(sname, names[r]) != 0)
                continue;
            if (found[r]++)
                return fail(err, errlen, "section %s appears twice", names[r]);
            uint64_t flags = rd64(sh + 8);
            inject_range *g = &img->range[r];
            g->name = names[r];
            g->addr = rd64(sh + 16);
            g->offset = rd64(sh + 24);
            g->size = rd64(sh + 32);
            if (rd32(sh + 4) != SHT_PROGBITS_ || !(flags & SHF_ALLOC_) || !in_file(g->offset, g->size, len)
                || g->addr + g->size < g->addr)
                return fail(err, errlen, "section %s is not loaded from the file", names[r]);
            if (flags & SHF_WRITE_)
                return fail(err, errlen, "section %s is writable (something writable was linked into it)", names[r]);
        }
    }
    if (!found[0] || !found[1])
        return fail(err, errlen, "no fips140 module here (sections fips140_text and fips140_rodata not found)");
    for (int r = 0; r < 2; r++)
        if (check_loaded(img, &img->range[r], phoff, phnum, err, errlen) != 0)
            return -1;
    if (img->range[1].addr < img->range[0].addr) {
        inject_range t = img->range[0];
        img->range[0] = img->range[1];
        img->range[1] = t;
    }
    for (size_t i = 0; i < shnum; i++) {
        const uint8_t *sh = section_header(data, shoff, i);
        uint32_t type = rd32(sh + 4);
        if ((type == SHT_RELA_ || type == SHT_REL_ || type == SHT_RELR_) && (rd64(sh + 8) & SHF_ALLOC_)
            && check_relocs(img, sh, (const char *)data + stroff + rd32(sh), err, errlen) != 0)
            return -1;
    }
    return 0;
}

int inject_elf_mac(const inject_image *img, uint8_t mac[32])
{
    fips140_hmac_ctx ctx;
    if (fips140_hmac_init(&ctx, FIPS140_SHA256, (const uint8_t *)integrity_key, sizeof integrity_key - 1) != FIPS140_OK)
        return -1;
    int rc = 0;
    for (int r = 0; r < 2 && rc == 0; r++) {
        uint8_t be[8];
        uint64_t n = img->range[r].size;
        for (int i = 0; i < 8; i++)
            be[i] = (uint8_t)(n >> (56 - 8 * i));
        if (fips140_hmac_update(&ctx, be, sizeof be) != FIPS140_OK
            || fips140_hmac_update(&ctx, img->data + img->range[r].offset, (size_t)n) != FIPS140_OK)
            rc = -1;
    }
    if (rc == 0 && fips140_hmac_final(&ctx, mac, 32) != FIPS140_OK)
        rc = -1;
    fips140_hmac_wipe(&ctx);
    return rc;
}
