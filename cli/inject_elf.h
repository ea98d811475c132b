/* cli/inject_elf.h - what `fips140 inject` needs to know about a linked ELF64 file: where the module's hashed
 * ranges are (in the file and in memory), whether a dynamic relocation touches them, and the integrity MAC they
 * should carry. The layout hashed is documented in docs/INTEGRITY.md; module/core/integrity.c computes the same
 * value in memory. */
#ifndef FIPS140_CLI_INJECT_ELF_H
#define FIPS140_CLI_INJECT_ELF_H

#include <stddef.h>
#include <stdint.h>

/* inject_range - one hashed section of the file: its name, address, file offset and size. */
typedef struct inject_range {
    const char *name;
    uint64_t addr, offset, size;
} inject_range;

/* inject_image - a parsed file: its two hashed ranges, sorted by address. */
typedef struct inject_image {
    const uint8_t *data;
    size_t len;
    inject_range range[2];
} inject_image;

/* inject_elf_parse - check that data is a linked little-endian ELF64 file (executable or shared object) holding
 * exactly one fips140_text and one fips140_rodata section, read-only, allocated, backed by the file inside one
 * PT_LOAD segment, and that no dynamic relocation (.rela.dyn, .rela.plt, .rel.*, .relr.dyn: any allocated
 * SHT_RELA, SHT_REL or SHT_RELR section) falls inside them. Returns 0, or -1 with the reason in err. */
int inject_elf_parse(inject_image *img, const uint8_t *data, size_t len, char *err, size_t errlen);

/* inject_elf_mac - HMAC-SHA2-256 with the module's integrity key over the ranges in address order, each
 * prefixed by its size as 8 bytes big-endian. Returns 0, or -1 when the HMAC service fails. */
int inject_elf_mac(const inject_image *img, uint8_t mac[32]);

/* inject_placeholder - the 32-byte placeholder the module's MAC slot holds before injection. It is rebuilt at run
 * time from a masked copy, so that the pattern itself occurs once in a binary: in its module's MAC slot. */
void inject_placeholder(uint8_t out[32]);

/* inject_find - number of occurrences of the n bytes at pat in the image, and the offset of the first (*at). */
size_t inject_find(const inject_image *img, const uint8_t *pat, size_t n, size_t *at);

#endif
