/* module/sha3/keccak.c - the Keccak sponge (FIPS 202 §4, Algorithm 8) with the multi-rate padding pad10*1
 * (§5.1) and the SHA-3 / SHAKE domain suffixes (§6.1, §6.2, Appendix B.2), over a caller-owned
 * fips140_keccak_ctx. Incremental: absorb any number of times, finish once, squeeze any number of times.
 *
 * Byte and bit order (FIPS 202 Appendix B.1): byte i of the input holds bits 8i..8i+7 of the message bit string,
 * least significant bit first, and byte 8j + k of a block is byte k (little endian) of lane j; likewise for the
 * output. The state is kept as native uint64_t lanes, so bytes are XORed into / read out of lanes by shifting.
 *
 * Bit-oriented messages (finish with nbits != 0). ACVP hex strings for SHA3-* and SHAKE-* give a message of
 * len bits as ceil(len/8) bytes with the n = len % 8 bits of the partial last byte left-aligned in that byte
 * (its 8 - n low bits are zero; e.g. msg "80", len 1 is the one-bit message 1). Checked against every AFT case
 * of SHA3-256-2.0, SHA3-512-2.0, SHAKE-128-1.0 and SHAKE-256-1.0: the bits the sponge absorbs are the byte value
 * last_bits >> (8 - n), whose bit 0 is the first of the n message bits in FIPS 202 order. Within the partial
 * byte the ACVP bit that is leftmost in the hex is therefore the *last* message bit: each message byte, whole or
 * partial, is a little-endian number in FIPS 202's sense and ACVP only pads it on the right. Reading the n bits
 * MSB-first as individual bits (the FIPS 180-4 convention for SHA-1/SHA-2) matches only for n = 1 and fails the
 * vectors otherwise.
 *
 * Bit-oriented outputs (SHAKE with outLen % 8 != 0, ACVP VOT groups and the SHAKE-*-FIPS202 sets). The sponge
 * squeezes ceil(outLen/8) bytes; ACVP then renders the final partial byte one of two ways:
 *  - SHAKE-128-1.0 / SHAKE-256-1.0 (all VOT cases checked): the n = outLen % 8 output bits stay in the low bits
 *    of the last byte, where FIPS 202 puts them, and the 8 - n high bits are zero (the older SHAVS convention,
 *    NIST's "ShakeTruncation" examples): last &= (1 << n) - 1. fips140_keccak_truncate_bits() does this.
 *  - SHAKE-128-FIPS202 / SHAKE-256-FIPS202 (all cases checked): the n bits are moved to the top of the byte:
 *    last = (last << (8 - n)) & 0xFF. fips140_keccak_truncate_bits_msb() does this.
 * (usnistgov/ACVP-Server issue #347 discusses the two renderings.) */
#include <string.h>
#include "../core/internal.h"
#include "../hash/hash_internal.h"
#include "keccak_internal.h"
#include "sha3_bits.h"

/* lane_load / lane_store - a lane from / to 8 bytes, little endian (Appendix B.1 byte order). core/internal.h's
 * load64_le / store64_le are byte loops that GCC 12 does not merge into single moves here (they cost ~8% of
 * SHA3-256's time on x86-64), so little-endian hosts copy the lane directly; others use the portable helpers. */
static inline uint64_t lane_load(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
#else
    return load64_le(p);
#endif
}

static inline void lane_store(uint8_t *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, sizeof v);
#else
    store64_le(p, v);
#endif
}

/* xor_bytes - XOR n bytes at p into the state at byte offset pos; pos + n <= rate. Whole aligned lanes go in
 * with one little-endian load each. */
static void xor_bytes(uint64_t a[25], unsigned pos, const uint8_t *p, size_t n)
{
    while (n > 0 && (pos & 7u) != 0) {
        a[pos >> 3] ^= (uint64_t)*p++ << (8u * (pos & 7u));
        pos++;
        n--;
    }
    while (n >= 8) {
        a[pos >> 3] ^= lane_load(p);
        p += 8;
        pos += 8;
        n -= 8;
    }
    while (n > 0) {
        a[pos >> 3] ^= (uint64_t)*p++ << (8u * (pos & 7u));
        pos++;
        n--;
    }
}

/* xor_byte - XOR one byte into the state at byte offset pos. */
static inline void xor_byte(uint64_t a[25], unsigned pos, unsigned v)
{
    a[pos >> 3] ^= (uint64_t)(v & 0xFFu) << (8u * (pos & 7u));
}

/* read_bytes - copy n bytes of the state from byte offset pos to out; pos + n <= rate. */
static void read_bytes(const uint64_t a[25], unsigned pos, uint8_t *out, size_t n)
{
    while (n > 0 && (pos & 7u) != 0) {
        *out++ = (uint8_t)(a[pos >> 3] >> (8u * (pos & 7u)));
        pos++;
        n--;
    }
    while (n >= 8) {
        lane_store(out, a[pos >> 3]);
        out += 8;
        pos += 8;
        n -= 8;
    }
    while (n > 0) {
        *out++ = (uint8_t)(a[pos >> 3] >> (8u * (pos & 7u)));
        pos++;
        n--;
    }
}

/* fips140_keccak_init - empty state, rate in bytes (a multiple of 8, below 200), dsbyte as in hash_internal.h. */
void fips140_keccak_init(fips140_keccak_ctx *k, unsigned rate, uint8_t dsbyte)
{
    /* Algorithm 8 step 5: S = 0^b. */
    memset(k->a, 0, sizeof k->a);
    k->rate = rate;
    k->pos = 0;
    k->dsbyte = dsbyte;
    k->squeezing = 0;
}

/* fips140_keccak_absorb - absorb n bytes; whole blocks go straight from p into the state, no buffer copy. */
void fips140_keccak_absorb(fips140_keccak_ctx *k, const uint8_t *p, size_t n)
{
    const unsigned rate = k->rate;
    unsigned pos = k->pos;

    if (n == 0)
        return;
    /* Algorithm 8 step 6, one block P_i at a time: S = f(S ^ (P_i || 0^c)). A block started by an earlier call
     * is completed first. */
    if (pos != 0) {
        size_t take = rate - pos;
        if (take > n)
            take = n;
        xor_bytes(k->a, pos, p, take);
        pos += (unsigned)take;
        p += take;
        n -= take;
        if (pos < rate) {
            k->pos = pos;
            return;
        }
        fips140_keccak_f1600(k->a);
    }
    while (n >= rate) {
        for (unsigned i = 0; i < rate / 8u; i++)
            k->a[i] ^= lane_load(p + 8u * i);
        fips140_keccak_f1600(k->a);
        p += rate;
        n -= rate;
    }
    xor_bytes(k->a, 0, p, n);
    k->pos = (unsigned)n;
}

/* fips140_keccak_finish - absorb the final nbits (0..7) message bits, left-aligned in last_bits as in ACVP
 * hex strings (see the top of this file), then the domain suffix and pad10*1; switch to squeezing. */
void fips140_keccak_finish(fips140_keccak_ctx *k, uint8_t last_bits, unsigned nbits)
{
    const unsigned rate = k->rate;
    unsigned pos = k->pos;

    nbits &= 7u; /* the documented range is 0..7; keep every shift below defined regardless */
    /* M || suffix || pad10*1 (§6.1, §6.2, §5.1). v collects, from its bit 0 up: the nbits message bits of the
     * partial byte (ACVP alignment, see the top of this file), then dsbyte = the domain suffix (01 for SHA-3,
     * 1111 for SHAKE) followed by pad10*1's first 1 bit. At most 7 + 5 + 1 bits, so v may spill into a
     * second byte, and that byte may start the next block. */
    unsigned v = (nbits != 0 ? (unsigned)last_bits >> (8u - nbits) : 0u) | ((unsigned)k->dsbyte << nbits);
    unsigned last = v & 0xFFu;
    xor_byte(k->a, pos, last);
    if ((v >> 8) != 0) {
        if (++pos == rate) {
            fips140_keccak_f1600(k->a);
            pos = 0;
        }
        last = v >> 8;
        xor_byte(k->a, pos, last);
    }
    /* pad10*1's final 1 is the last bit of the block. If the first 1 (the top bit of v) already took that bit,
     * the padding needs one more block: 0^(r-1) || 1. */
    if (pos == rate - 1u && (last & 0x80u) != 0)
        fips140_keccak_f1600(k->a);
    xor_byte(k->a, rate - 1u, 0x80u);
    fips140_keccak_f1600(k->a);
    /* Algorithm 8 steps 7-10 start from this state: Z = Trunc_r(S), S = f(S), ... */
    k->pos = 0;
    k->squeezing = 1;
}

/* fips140_keccak_squeeze - the next n output bytes; finishes first (empty final bits) if finish was not called. */
void fips140_keccak_squeeze(fips140_keccak_ctx *k, uint8_t *out, size_t n)
{
    const unsigned rate = k->rate;
    unsigned pos;

    if (!k->squeezing)
        fips140_keccak_finish(k, 0, 0);
    pos = k->pos;
    /* Algorithm 8 steps 8-10: output Trunc_r(S), then S = f(S), as long as output is wanted. pos counts the bytes
     * of the current S already output; f is applied only when more output is actually requested. */
    while (n > 0) {
        if (pos == rate) {
            fips140_keccak_f1600(k->a);
            pos = 0;
        }
        size_t take = rate - pos;
        if (take > n)
            take = n;
        read_bytes(k->a, pos, out, take);
        pos += (unsigned)take;
        out += take;
        n -= take;
    }
    k->pos = pos;
}

void fips140_keccak_truncate_bits(uint8_t *out, size_t outbits)
{
    unsigned n = (unsigned)(outbits & 7u);
    if (n != 0)
        out[outbits >> 3] &= (uint8_t)((1u << n) - 1u);
}

void fips140_keccak_truncate_bits_msb(uint8_t *out, size_t outbits)
{
    unsigned n = (unsigned)(outbits & 7u);
    if (n != 0)
        out[outbits >> 3] = (uint8_t)(out[outbits >> 3] << (8u - n));
}
