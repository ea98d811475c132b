/* module/sha3/sha3_bits.h - how NIST ACVP renders SHAKE outputs whose length in bits is not a multiple of 8
 * (FIPS 202 §6.2 allows any output length d). See the convention notes at the top of keccak.c. */
#ifndef FIPS140_SHA3_BITS_H
#define FIPS140_SHA3_BITS_H

#include <stddef.h>
#include <stdint.h>

/* fips140_keccak_truncate_bits - render the first outbits bits of a SHAKE output the way ACVP's SHAKE-128-1.0
 * and SHAKE-256-1.0 vector sets (AFT and VOT "md") do. out holds (outbits + 7) / 8 bytes squeezed from the
 * sponge; if outbits % 8 = n != 0, the last byte keeps its n low bits (the first n of its output bits in FIPS
 * 202's bit order, exactly where the sponge put them) and its 8 - n high bits are cleared. Whole bytes are left
 * alone. */
void fips140_keccak_truncate_bits(uint8_t *out, size_t outbits);

/* fips140_keccak_truncate_bits_msb - the rendering of the SHAKE-*-FIPS202 revision vector sets instead: the
 * last byte's n low bits are moved up to its n high bits (byte << (8 - n)) and the low bits are zero, i.e. the
 * partial byte is left-aligned, as ACVP's msg hex strings align a partial input byte. */
void fips140_keccak_truncate_bits_msb(uint8_t *out, size_t outbits);

#endif
