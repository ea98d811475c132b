/* module/ec/ec_field.c - constant-time arithmetic modulo the field primes and group orders of P-256 and P-384
 * (SP 800-186 §3.2.1.3-4): Montgomery multiplication on 64-bit limbs (word-by-word reduction, CIOS), modular
 * addition/subtraction with masked corrections, and inversion by Fermat's little theorem (a^(m-2), m prime). */
#include <string.h>
#include "ec_internal.h"
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

void ec_mod_to_mont(const ec_mod *m, uint64_t *r, const uint64_t *a) { ec_mod_mul(m, r, a, m->rr); }

void ec_mod_from_mont(const ec_mod *m, uint64_t *r, const uint64_t *a)
{
    uint64_t one[EC_MAX_LIMBS] = {1};
    ec_mod_mul(m, r, a, one);
}

/* ec_mod_inv - a^(m-2) in the Montgomery domain. The exponent is public, so its bits may drive the loop. */
void ec_mod_inv(const ec_mod *m, uint64_t *r, const uint64_t *a)
{
    unsigned n = m->limbs;
    uint64_t e[EC_MAX_LIMBS], acc[EC_MAX_LIMBS], base[EC_MAX_LIMBS];
    memcpy(e, m->m, sizeof e);
    e[0] -= 2; /* m is odd and > 2: no borrow */
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
    size_t n = len / 8;
    for (size_t j = 0; j < n; j++) {
        uint64_t v = 0;
        for (size_t k = 0; k < 8; k++) v = (v << 8) | in[len - 8 * j - 8 + k];
        r[j] = v;
    }
}

void ec_to_bytes(uint8_t *out, const uint64_t *a, size_t len)
{
    size_t n = len / 8;
    for (size_t j = 0; j < n; j++)
        for (size_t k = 0; k < 8; k++) out[len - 8 * j - 1 - k] = (uint8_t)(a[j] >> (8 * k));
}
