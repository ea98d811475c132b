/* module/ed25519/ed25519_field.c - the non-inline GF(2^255 - 19) operations: encoding (RFC 8032 §5.1.2: 255-bit
 * little-endian), canonical reduction, inversion and the (p-5)/8 power used to decode points (RFC 8032 §5.1.3). */
#include "ed25519_field.h"

static uint64_t load64_le(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

void fe25519_frombytes(fe25519 r, const uint8_t s[32])
{
    uint64_t w0 = load64_le(s), w1 = load64_le(s + 8), w2 = load64_le(s + 16), w3 = load64_le(s + 24);
    r[0] = w0 & FE_MASK51;
    r[1] = ((w0 >> 51) | (w1 << 13)) & FE_MASK51;
    r[2] = ((w1 >> 38) | (w2 << 26)) & FE_MASK51;
    r[3] = ((w2 >> 25) | (w3 << 39)) & FE_MASK51;
    r[4] = (w3 >> 12) & FE_MASK51;
}

static void fe_carry(uint64_t l[5])
{
    for (int i = 0; i < 4; i++) {
        l[i + 1] += l[i] >> 51;
        l[i] &= FE_MASK51;
    }
    l[0] += 19 * (l[4] >> 51);
    l[4] &= FE_MASK51;
}

void fe25519_tobytes(uint8_t s[32], const fe25519 a)
{
    uint64_t l[5];
    memcpy(l, a, sizeof l);
    fe_carry(l);
    fe_carry(l);
    /* Now 0 <= v < 2p. q = 1 exactly when v + 19 >= 2^255, i.e. v >= p; then subtract p (add 19, drop 2^255). */
    uint64_t q = (l[0] + 19) >> 51;
    for (int i = 1; i < 5; i++)
        q = (l[i] + q) >> 51;
    l[0] += 19 * q;
    for (int i = 0; i < 4; i++) {
        l[i + 1] += l[i] >> 51;
        l[i] &= FE_MASK51;
    }
    l[4] &= FE_MASK51;
    uint64_t w[4] = {l[0] | (l[1] << 51), (l[1] >> 13) | (l[2] << 38), (l[2] >> 26) | (l[3] << 25),
                     (l[3] >> 39) | (l[4] << 12)};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            s[8 * i + j] = (uint8_t)(w[i] >> (8 * j));
}

static void fe_sqn(fe25519 r, const fe25519 a, int n)
{
    fe_sq(r, a);
    for (int i = 1; i < n; i++)
        fe_sq(r, r);
}

/* pow_2_250_1 - z^(2^250 - 1), and z^11 in z11 (an addition chain over squarings). */
static void pow_2_250_1(fe25519 out, fe25519 z11, const fe25519 z)
{
    fe25519 z2, t, z9, a, b, c;
    fe_sq(z2, z);
    fe_sqn(t, z2, 2);     /* z^8 */
    fe_mul(z9, t, z);     /* z^9 */
    fe_mul(z11, z9, z2);  /* z^11 */
    fe_sq(t, z11);        /* z^22 */
    fe_mul(a, t, z9);     /* z^(2^5 - 1) */
    fe_sqn(t, a, 5);
    fe_mul(a, t, a);      /* z^(2^10 - 1) */
    fe_sqn(t, a, 10);
    fe_mul(b, t, a);      /* z^(2^20 - 1) */
    fe_sqn(t, b, 20);
    fe_mul(t, t, b);      /* z^(2^40 - 1) */
    fe_sqn(t, t, 10);
    fe_mul(b, t, a);      /* z^(2^50 - 1) */
    fe_sqn(t, b, 50);
    fe_mul(c, t, b);      /* z^(2^100 - 1) */
    fe_sqn(t, c, 100);
    fe_mul(t, t, c);      /* z^(2^200 - 1) */
    fe_sqn(t, t, 50);
    fe_mul(out, t, b);    /* z^(2^250 - 1) */
}

void fe25519_invert(fe25519 r, const fe25519 a)
{
    fe25519 t, z11;
    pow_2_250_1(t, z11, a);
    fe_sqn(t, t, 5);   /* z^(2^255 - 32) */
    fe_mul(r, t, z11); /* z^(2^255 - 21) = z^(p - 2) */
}

void fe25519_pow22523(fe25519 r, const fe25519 a)
{
    fe25519 t, z11;
    pow_2_250_1(t, z11, a);
    fe_sqn(t, t, 2);  /* z^(2^252 - 4) */
    fe_mul(r, t, a);  /* z^(2^252 - 3) = z^((p - 5) / 8) */
}

int fe25519_isnegative(const fe25519 a)
{
    uint8_t s[32];
    fe25519_tobytes(s, a);
    return s[0] & 1;
}

int fe25519_iszero(const fe25519 a)
{
    uint8_t s[32];
    fe25519_tobytes(s, a);
    uint8_t acc = 0;
    for (int i = 0; i < 32; i++)
        acc |= s[i];
    return (int)(((uint32_t)acc - 1u) >> 31);
}
