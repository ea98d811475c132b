/* module/ec/ec_field.c - constant-time arithmetic modulo the field primes and group orders of P-224, P-256, P-384
 * and P-521 (SP 800-186 §3.2.1.2-5): Montgomery multiplication on 64-bit limbs (word-by-word reduction, CIOS), modular
 * addition/subtraction with masked corrections, and inversion by Fermat's little theorem (a^(m-2), m prime). */
#include <string.h>
#include "ec_internal.h"
#include "ec_fast.h"
#include "../core/ct.h"
#include "ec_mont.h"

typedef unsigned __int128 u128;

void ec_mod_mul(const ec_mod *m, uint64_t *r, const uint64_t *a, const uint64_t *b) { m->mul(r, a, b); }

/* ec_mod_add / ec_mod_sub - the out-of-line forms of ec_mont.h's masked modular addition and subtraction. */
void ec_mod_add(const ec_mod *m, uint64_t *r, const uint64_t *a, const uint64_t *b) { mod_add_n(m, r, a, b, m->limbs); }

void ec_mod_sub(const ec_mod *m, uint64_t *r, const uint64_t *a, const uint64_t *b) { mod_sub_n(m, r, a, b, m->limbs); }

void ec_mod_reduce_once(const ec_mod *m, uint64_t *r, const uint64_t *a)
{
    unsigned n = m->limbs;
    uint64_t s[EC_MAX_LIMBS], borrow = 0;
    for (unsigned j = 0; j < n; j++) {
        u128 d = (u128)a[j] - m->m[j] - borrow;
        s[j] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1u;
    }
    uint64_t keep = ct_barrier_u64(0u - borrow);
    for (unsigned j = 0; j < n; j++) r[j] = ct_select_u64(keep, a[j], s[j]);
}

/* ec_p521_mul - r = a·b mod p for P-521's p = 2^521 - 1 (a, b < p, 9 limbs; r may alias). Since 2^521 = 1 (mod p),
 * the product t < 2^1042 folds to s = (t mod 2^521) + (t >> 521), and s < 2p because t <= (p-1)^2; one masked
 * subtraction of p finishes. P-521 field elements are therefore kept plain (R = 1: rr = one = 1 in ec_curves.c). */
void ec_p521_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    uint64_t t[18], s[9], d[9], carry = 0, borrow = 0;
    for (unsigned j = 0; j < 18; j++) t[j] = 0;
    for (unsigned i = 0; i < 9; i++) {
        uint64_t c = 0;
        for (unsigned j = 0; j < 9; j++) {
            u128 v = (u128)a[i] * b[j] + t[i + j] + c;
            t[i + j] = (uint64_t)v;
            c = (uint64_t)(v >> 64);
        }
        t[i + 9] = c;
    }
    for (unsigned j = 0; j < 9; j++) { /* s = (t mod 2^521) + (t >> 521) */
        uint64_t lo = j < 8 ? t[j] : t[8] & 0x1ff, hi = (t[8 + j] >> 9) | (t[9 + j] << 55);
        u128 v = (u128)lo + hi + carry;
        s[j] = (uint64_t)v;
        carry = (uint64_t)(v >> 64);
    }
    for (unsigned j = 0; j < 9; j++) { /* s < 2p (t <= (p-1)^2): subtract p once unless s < p */
        u128 v = (u128)s[j] - (j < 8 ? ~0ull : 0x1ffull) - borrow;
        d[j] = (uint64_t)v;
        borrow = (uint64_t)(v >> 64) & 1u;
    }
    uint64_t keep = ct_barrier_u64(0u - borrow);
    for (unsigned j = 0; j < 9; j++) r[j] = ct_select_u64(keep, s[j], d[j]);
    fips140_wipe(t, sizeof t);
}

void ec_mod_to_mont(const ec_mod *m, uint64_t *r, const uint64_t *a) { ec_mod_mul(m, r, a, m->rr); }

void ec_mod_from_mont(const ec_mod *m, uint64_t *r, const uint64_t *a)
{
    uint64_t one[EC_MAX_LIMBS] = {1};
    ec_mod_mul(m, r, a, one);
}

/* ec_mod_inv - a^(m-2) in the Montgomery domain. The exponent is public, so its bits may drive the loop. */
void ec_mod_inv(const ec_mod *m, uint64_t *r, const uint64_t *a)
{
    if (ec_fast_inv(m, r, a))
        return;
    unsigned n = m->limbs;
    uint64_t e[EC_MAX_LIMBS], acc[EC_MAX_LIMBS], base[EC_MAX_LIMBS];
    memcpy(e, m->m, sizeof e);
    /* e = m - 2 with the borrow carried (P-224's p ends in limb 0x...0001). */
    for (unsigned j = 0, borrow = 2; j < n && borrow != 0; j++) {
        uint64_t t = e[j];
        e[j] = t - borrow;
        borrow = t < borrow;
    }
    memcpy(base, a, n * 8);
    memcpy(acc, m->one, n * 8);
    for (int i = (int)(64 * n) - 1; i >= 0; i--) {
        ec_mod_mul(m, acc, acc, acc);
        if ((e[i / 64] >> (i % 64)) & 1u)
            ec_mod_mul(m, acc, acc, base);
    }
    memcpy(r, acc, n * 8);
}

uint64_t ec_lt_mask(const uint64_t *a, const uint64_t *b, unsigned limbs)
{
    uint64_t borrow = 0;
    for (unsigned j = 0; j < limbs; j++) {
        u128 d = (u128)a[j] - b[j] - borrow;
        borrow = (uint64_t)(d >> 64) & 1u;
    }
    return ct_barrier_u64(0u - borrow);
}

uint64_t ec_is_zero_mask(const uint64_t *a, unsigned limbs)
{
    uint64_t acc = 0;
    for (unsigned j = 0; j < limbs; j++) acc |= a[j];
    return ct_barrier_u64(0u - (uint64_t)(((acc | (0u - acc)) >> 63) ^ 1u));
}

void ec_from_bytes(uint64_t *r, const uint8_t *in, size_t len)
{
    size_t n = (len + 7) / 8;
    for (size_t j = 0; j < n; j++) r[j] = 0;
    for (size_t i = 0; i < len; i++) r[i / 8] |= (uint64_t)in[len - 1 - i] << (8 * (i % 8));
}

void ec_to_bytes(uint8_t *out, const uint64_t *a, size_t len)
{
    for (size_t i = 0; i < len; i++) out[len - 1 - i] = (uint8_t)(a[i / 8] >> (8 * (i % 8)));
}
