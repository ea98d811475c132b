/* module/ed25519/ed25519_field.h - arithmetic in GF(p), p = 2^255 - 19 (RFC 8032 §5.1, FIPS 186-5 §7.3 and
 * SP 800-186 §3.2.2.1), for Ed25519. An element is five 64-bit limbs in radix 2^51: v = sum f[i] * 2^(51 i).
 * Limbs may exceed 51 bits between operations (up to about 2^54 after an add); mul/sq carry the result back to
 * 52 bits. Every operation runs in time independent of the values (no branches or indexes on data). */
#ifndef FIPS140_ED25519_FIELD_H
#define FIPS140_ED25519_FIELD_H

#include <stdint.h>
#include <string.h>

typedef uint64_t fe25519[5];
typedef unsigned __int128 fe_u128;

#define FE_MASK51 ((uint64_t)0x7ffffffffffffULL)

static inline void fe_copy(fe25519 r, const fe25519 a) { memcpy(r, a, sizeof(fe25519)); }
static inline void fe_zero(fe25519 r) { memset(r, 0, sizeof(fe25519)); }
static inline void fe_one(fe25519 r)
{
    fe_zero(r);
    r[0] = 1;
}

static inline void fe_add(fe25519 r, const fe25519 a, const fe25519 b)
{
    for (int i = 0; i < 5; i++)
        r[i] = a[i] + b[i];
}

/* fe_sub - a - b + 4p, so that limbs stay non-negative for inputs below 2^54. */
static inline void fe_sub(fe25519 r, const fe25519 a, const fe25519 b)
{
    r[0] = (a[0] + 0x1fffffffffffb4ULL) - b[0];
    for (int i = 1; i < 5; i++)
        r[i] = (a[i] + 0x1ffffffffffffcULL) - b[i];
    /* carry once so that repeated subtractions stay bounded */
    uint64_t c;
    c = r[0] >> 51, r[0] &= FE_MASK51, r[1] += c;
    c = r[1] >> 51, r[1] &= FE_MASK51, r[2] += c;
    c = r[2] >> 51, r[2] &= FE_MASK51, r[3] += c;
    c = r[3] >> 51, r[3] &= FE_MASK51, r[4] += c;
    c = r[4] >> 51, r[4] &= FE_MASK51, r[0] += c * 19;
}

static inline void fe_neg(fe25519 r, const fe25519 a)
{
    fe25519 z;
    fe_zero(z);
    fe_sub(r, z, a);
}

/* fe_carry128 - reduce five 128-bit column sums to limbs of at most 52 bits (2^255 = 19 mod p). */
static inline void fe_carry128(fe25519 r, fe_u128 t[5])
{
    t[1] += t[0] >> 51;
    r[0] = (uint64_t)t[0] & FE_MASK51;
    t[2] += t[1] >> 51;
    r[1] = (uint64_t)t[1] & FE_MASK51;
    t[3] += t[2] >> 51;
    r[2] = (uint64_t)t[2] & FE_MASK51;
    t[4] += t[3] >> 51;
    r[3] = (uint64_t)t[3] & FE_MASK51;
    r[4] = (uint64_t)t[4] & FE_MASK51;
    fe_u128 c = (t[4] >> 51) * 19 + r[0];
    r[0] = (uint64_t)c & FE_MASK51;
    r[1] += (uint64_t)(c >> 51);
}

static inline void fe_mul(fe25519 r, const fe25519 a, const fe25519 b)
{
    uint64_t b1 = b[1] * 19, b2 = b[2] * 19, b3 = b[3] * 19, b4 = b[4] * 19;
    fe_u128 t[5];
    t[0] = (fe_u128)a[0] * b[0] + (fe_u128)a[1] * b4 + (fe_u128)a[2] * b3 + (fe_u128)a[3] * b2 + (fe_u128)a[4] * b1;
    t[1] = (fe_u128)a[0] * b[1] + (fe_u128)a[1] * b[0] + (fe_u128)a[2] * b4 + (fe_u128)a[3] * b3 + (fe_u128)a[4] * b2;
    t[2] = (fe_u128)a[0] * b[2] + (fe_u128)a[1] * b[1] + (fe_u128)a[2] * b[0] + (fe_u128)a[3] * b4 + (fe_u128)a[4] * b3;
    t[3] = (fe_u128)a[0] * b[3] + (fe_u128)a[1] * b[2] + (fe_u128)a[2] * b[1] +
           (fe_u128)a[3] * b[0] + (fe_u128)a[4] * b4;
    t[4] = (fe_u128)a[0] * b[4] + (fe_u128)a[1] * b[3] + (fe_u128)a[2] * b[2] +
           (fe_u128)a[3] * b[1] + (fe_u128)a[4] * b[0];
    fe_carry128(r, t);
}

static inline void fe_sq(fe25519 r, const fe25519 a)
{
    uint64_t d0 = a[0] * 2, d1 = a[1] * 2, d3_19 = a[3] * 38, a4_19 = a[4] * 19, d4_19 = a[4] * 38;
    fe_u128 t[5];
    t[0] = (fe_u128)a[0] * a[0] + (fe_u128)a[1] * d4_19 + (fe_u128)a[2] * d3_19;
    t[1] = (fe_u128)d0 * a[1] + (fe_u128)a[2] * d4_19 + (fe_u128)a[3] * (a[3] * 19);
    t[2] = (fe_u128)d0 * a[2] + (fe_u128)a[1] * a[1] + (fe_u128)a[3] * d4_19;
    t[3] = (fe_u128)d0 * a[3] + (fe_u128)d1 * a[2] + (fe_u128)a[4] * a4_19;
    t[4] = (fe_u128)d0 * a[4] + (fe_u128)d1 * a[3] + (fe_u128)a[2] * a[2];
    fe_carry128(r, t);
}

/* fe_cmov - r = mask ? a : r, for mask all ones or zero. */
static inline void fe_cmov(fe25519 r, const fe25519 a, uint64_t mask)
{
    for (int i = 0; i < 5; i++)
        r[i] ^= mask & (r[i] ^ a[i]);
}

void fe25519_frombytes(fe25519 r, const uint8_t s[32]);      /* bits 0..254; bit 255 ignored */
void fe25519_tobytes(uint8_t s[32], const fe25519 a);        /* canonical: value in [0, p) */
void fe25519_invert(fe25519 r, const fe25519 a);             /* a^(p-2) (Fermat) */
void fe25519_pow22523(fe25519 r, const fe25519 a);           /* a^((p-5)/8), for square roots (RFC 8032 §5.1.3) */
int fe25519_isnegative(const fe25519 a);                     /* low bit of the canonical value */
int fe25519_iszero(const fe25519 a);                         /* 1 when a = 0 mod p */

#endif
