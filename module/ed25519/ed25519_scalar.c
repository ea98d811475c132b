/* module/ed25519/ed25519_scalar.c - integers modulo the group order L = 2^252 + 27742317777372353535851937790883648493
 * (RFC 8032 §5.1). Reduction is a constant-time long division in base 256 (see reduce_words). */
#include <string.h>
#include "ed25519_internal.h"

static const uint64_t L64[4] = {0x5812631a5cf5d3edULL, 0x14def9dea2f79cd6ULL, 0x0000000000000000ULL,
                                0x1000000000000000ULL};

static void load_le(uint64_t *w, const uint8_t *s, size_t nwords)
{
    for (size_t i = 0; i < nwords; i++) {
        uint64_t v = 0;
        for (int j = 7; j >= 0; j--)
            v = (v << 8) | s[8 * i + (size_t)j];
        w[i] = v;
    }
}

static void store_le(uint8_t *s, const uint64_t *w, size_t nwords)
{
    for (size_t i = 0; i < nwords; i++)
        for (int j = 0; j < 8; j++)
            s[8 * i + (size_t)j] = (uint8_t)(w[i] >> (8 * j));
}

/* reduce_words - r = x mod L for x of n 64-bit words (most significant last), a byte at a time from the top:
 * a = 256 a + byte (< 2^261 as a < L < 2^253); the quotient estimate q = floor(a / 2^252) is the true quotient
 * or one more (L exceeds 2^252 by less than 2^125), so a - q L is either in [0, L) or negative by less than L,
 * and then L is added back under a mask. */
static void reduce_words(uint64_t r[4], const uint64_t *x, size_t n)
{
    uint64_t a[5] = {0, 0, 0, 0, 0};
    for (size_t i = n * 8; i-- > 0;) {
        uint64_t byte = (x[i / 8] >> (8 * (i % 8))) & 0xff;
        a[4] = (a[3] >> 56);
        a[3] = (a[3] << 8) | (a[2] >> 56);
        a[2] = (a[2] << 8) | (a[1] >> 56);
        a[1] = (a[1] << 8) | (a[0] >> 56);
        a[0] = (a[0] << 8) | byte;
        uint64_t q = (a[3] >> 60) | (a[4] << 4);
        /* a -= q L */
        uint64_t carry = 0, borrow = 0;
        for (int j = 0; j < 5; j++) {
            fe_u128 m = (fe_u128)q * (j < 4 ? L64[j] : 0) + carry;
            carry = (uint64_t)(m >> 64);
            fe_u128 d = (fe_u128)a[j] - (uint64_t)m - borrow;
            a[j] = (uint64_t)d;
            borrow = (uint64_t)(d >> 127);
        }
        /* a += L when the subtraction went below zero */
        uint64_t mask = (uint64_t)0 - borrow, c = 0;
        for (int j = 0; j < 4; j++) {
            fe_u128 t = (fe_u128)a[j] + (L64[j] & mask) + c;
            a[j] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        a[4] = 0;
    }
    memcpy(r, a, 4 * sizeof(uint64_t));
}

void sc25519_reduce64(uint8_t r[32], const uint8_t x[64])
{
    uint64_t w[8], out[4];
    load_le(w, x, 8);
    reduce_words(out, w, 8);
    store_le(r, out, 4);
}

void sc25519_muladd(uint8_t r[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32])
{
    uint64_t A[4], B[4], C[4], p[9] = {0}, out[4];
    load_le(A, a, 4);
    load_le(B, b, 4);
    load_le(C, c, 4);
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 4; j++) {
            fe_u128 t = (fe_u128)A[i] * B[j] + p[i + j] + carry;
            p[i + j] = (uint64_t)t;
            carry = (uint64_t)(t >> 64);
        }
        p[i + 4] = carry;
    }
    uint64_t carry = 0;
    for (int i = 0; i < 9; i++) {
        fe_u128 t = (fe_u128)p[i] + (i < 4 ? C[i] : 0) + carry;
        p[i] = (uint64_t)t;
        carry = (uint64_t)(t >> 64);
    }
    reduce_words(out, p, 9);
    store_le(r, out, 4);
}

int sc25519_is_canonical(const uint8_t s[32])
{
    uint64_t w[4];
    load_le(w, s, 4);
    for (int i = 3; i >= 0; i--) {
        if (w[i] < L64[i])
            return 1;
        if (w[i] > L64[i])
            return 0;
    }
    return 0; /* s == L */
}
