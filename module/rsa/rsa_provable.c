/* module/rsa/rsa_provable.c - provable primes for RSA: the Shawe-Taylor random prime and the construction of a
 * provable prime from auxiliary provable primes (FIPS 186-5 Appendix B.10; FIPS 186-4 C.6 and C.10), and the
 * methods built on them: A.1.2 (provable p and q, N1 = N2 = 1) and A.1.4 (provable p and q with auxiliary provable
 * primes p1, p2, q1, q2 of given lengths).
 *
 * Every integer drawn from the seed is Hash(seed + i) for consecutive i, concatenated most significant last
 * (x = sum Hash(seed + i) * 2^(i * outlen)). Candidates walk t = t0, t0 + 1, ... as the appendix prescribes; one
 * with a factor below 2048 is skipped without its exponentiations (it would fail the Pocklington test anyway; the
 * seed still advances exactly as the appendix says, so the outputs are those of the plain algorithm). */
#include <string.h>
#include <fips140/fips140.h>
#include <fips140/rand.h>

#include "rsa_primes_local.h"
#include "../core/ct.h"

int rp_seed_set(rp_seed *s, fips140_hash_alg hash, const uint8_t *seed, size_t seedlen)
{
    /* an approved fixed-length hash: SHA-2 or SHA-3 (SHA-1 and the XOFs are refused) */
    if (hash < FIPS140_SHA224 || hash > FIPS140_SHA3_512 || seed == NULL || seedlen == 0 || seedlen > 64)
        return -1;
    while (seedlen > 0 && seed[0] == 0) {
        seed++;
        seedlen--;
    }
    if (seedlen == 0)
        return -1;
    memset(s->b, 0, sizeof s->b);
    memcpy(s->b + RP_SEED_MAX - seedlen, seed, seedlen);
    s->len = seedlen;
    s->hash = hash;
    s->outlen = fips140_hash_digest_size(hash) * 8;
    return 0;
}

/* seed := seed + k */
static void seed_advance(rp_seed *s, uint32_t k)
{
    uint32_t carry = k;
    for (size_t i = RP_SEED_MAX; i-- > 0 && carry;) {
        carry += s->b[i];
        s->b[i] = (uint8_t)carry;
        carry >>= 8;
    }
    size_t len = RP_SEED_MAX;
    while (len > 0 && s->b[RP_SEED_MAX - len] == 0)
        len--;
    s->len = len;
}

/* out = Hash(seed + i) */
static int seed_hash(const rp_seed *s, uint32_t i, uint8_t *out)
{
    rp_seed t = *s;
    seed_advance(&t, i);
    size_t len = (t.len + 3) / 4 * 4; /* the minimal encoding, left-padded to a multiple of 32 bits */
    fips140_status st = fips140_hash(t.hash, out, t.outlen / 8, t.b + RP_SEED_MAX - len, len);
    fips140_wipe(&t, sizeof t);
    return st == FIPS140_OK ? 0 : -1;
}

/* x[0..*xn) = sum_{i=0..it} Hash(seed + i) * 2^(i * outlen) with it = ceil(length / outlen) - 1; then seed :=
 * seed + it + 1 (B.10 steps "x = 0; for i = 0 to iterations..."; "pseed = pseed + iterations + 1"). */
static int seed_integer(rp_seed *s, size_t length, uint64_t *x, size_t *xn)
{
    uint8_t buf[RP_LIMBS * 8];
    const size_t hl = s->outlen / 8, iters = (length + s->outlen - 1) / s->outlen, total = iters * hl;
    for (size_t i = 0; i < iters; i++)
        if (seed_hash(s, (uint32_t)i, buf + total - (i + 1) * hl) != 0)
            return RSA_PRIMES_RNG;
    *xn = rp_limbs(total * 8);
    (void)bn_from_bytes(x, *xn, buf, total);
    fips140_wipe(buf, total);
    seed_advance(s, (uint32_t)iters);
    return RSA_PRIMES_OK;
}

/* keep the low `bits` bits of a[0..n) */
static void truncate_bits(uint64_t *a, size_t n, size_t bits)
{
    for (size_t i = 0; i < n; i++) {
        if (i * 64 >= bits)
            a[i] = 0;
        else if (bits - i * 64 < 64)
            a[i] &= (1ull << (bits - i * 64)) - 1u;
    }
}

static int bit_at(const uint64_t *a, size_t bit)
{
    return (int)((a[bit / 64] >> (bit % 64)) & 1u);
}

/* Deterministic primality of a c < 2^32 by trial division (B.10 / C.6 step 10). */
static int small_is_prime(uint64_t c)
{
    if (c < 2)
        return 0;
    if (c % 2 == 0)
        return c == 2;
    for (uint64_t d = 3; d * d <= c; d += 2)
        if (c % d == 0)
            return 0;
    return 1;
}

/* The Pocklington test of B.10 / C.6 steps 26-30 and C.10 step 19: with a = 2 + (a' mod (c - 3)) from the seed,
 * z = a^E mod c; prime when gcd(z - 1, c) = 1 and z^c0 mod c = 1. c[0..cn) odd with a non-zero top limb. */
static int pocklington(rp_seed *s, const uint64_t *c, size_t cn, size_t clen, const uint64_t *E, size_t ebits,
                       const uint64_t *c0, size_t c0bits, int *prime)
{
    bn_mont m;
    uint64_t h[RP_LIMBS], a[RP_LIMBS], cm3[RP_LIMBS], z[RP_LIMBS], w[RP_LIMBS], one[RP_LIMBS];
    size_t hn;
    int rc = seed_integer(s, clen, h, &hn);
    if (rc != RSA_PRIMES_OK)
        return rc;
    if (bn_mont_init(&m, c, cn) != 0)
        return RSA_PRIMES_FAIL;
    bn_set_word(one, 1, cn);
    bn_set_word(w, 3, cn);
    (void)bn_sub(cm3, c, w, cn); /* c - 3 */
    rp_mod(a, h, hn, cm3, cn);
    (void)rp_add_word(a, cn, 2);
    bn_mod_exp(&m, z, a, E, ebits);
    (void)bn_sub(w, z, one, cn); /* z - 1 */
    int g1 = rp_gcd_is_one(w, c, cn);
    bn_mod_exp(&m, w, z, c0, c0bits);
    *prime = g1 & (int)(bn_eq_mask(w, one, cn) & 1u);
    bn_wipe(h, hn);
    bn_wipe(a, cn);
    bn_wipe(z, cn);
    bn_wipe(w, cn);
    return RSA_PRIMES_OK;
}

/* st_prime - Shawe-Taylor random prime of `length` bits; *counter is prime_gen_counter. */
static int st_prime(uint64_t *out, size_t length, rp_seed *s, size_t *counter)
{
    if (length < 2 || length > 4096)
        return RSA_PRIMES_BAD_PARAMS;
    if (length < 33) { /* steps 3-13 */
        *counter = 0;
        for (;;) {
            uint8_t h1[64], h2[64];
            const size_t hl = s->outlen / 8;
            if (seed_hash(s, 0, h1) != 0 || seed_hash(s, 1, h2) != 0)
                return RSA_PRIMES_RNG;
            uint64_t c = 0;
            for (size_t i = hl - 8; i < hl; i++) /* the low 64 bits of Hash(seed) XOR Hash(seed + 1) */
                c = (c << 8) | (uint8_t)(h1[i] ^ h2[i]);
            fips140_wipe(h1, sizeof h1);
            fips140_wipe(h2, sizeof h2);
            c = (1ull << (length - 1)) + (c & ((1ull << (length - 1)) - 1u)); /* step 6 */
            c |= 1u;                                                          /* step 7 */
            (*counter)++;
            seed_advance(s, 2);
            if (small_is_prime(c)) {
                out[0] = c;
                return RSA_PRIMES_OK;
            }
            if (*counter > 4 * length)
                return RSA_PRIMES_FAIL;
        }
    }
    /* steps 14-15: c0 of ceil(length / 2) + 1 bits */
    const size_t b0 = (length + 1) / 2 + 1, c0n = rp_limbs(b0), cn = rp_limbs(length), n = rp_limbs(length + 1);
    uint64_t c0[RP_LIMBS], x[RP_LIMBS], d[RP_LIMBS], t[RP_LIMBS], c[RP_LIMBS], E[RP_LIMBS];
    size_t xn;
    int rc = st_prime(c0, b0, s, counter);
    if (rc != RSA_PRIMES_OK)
        return rc;
    const size_t old_counter = *counter; /* step 17 */
    rc = seed_integer(s, length, x, &xn); /* steps 18-20 */
    if (rc != RSA_PRIMES_OK)
        return rc;
    truncate_bits(x, xn, length - 1); /* step 21: x = 2^(length-1) + (x mod 2^(length-1)) */
    rp_copy(x, n, x, xn);
    x[(length - 1) / 64] |= 1ull << ((length - 1) % 64);
    rp_copy(d, n, c0, c0n); /* d = 2 c0 */
    rp_shl1(d, n);
    rp_div_ceil(t, x, n, d, n); /* step 22: t = ceil(x / (2 c0)) */
    rp_sieve sv;
    int restart = 1;
    for (;;) {
        if (restart) { /* c = 2 t c0 + 1, E = 2t */
            rp_mul(c, n, t, n, d, n);
            (void)rp_add_word(c, n, 1);
            if (bit_at(c, length)) {
                /* step 23: 2 t c0 + 1 > 2^length: t = ceil(2^(length-1) / (2 c0)) */
                bn_set_word(x, 0, n);
                x[(length - 1) / 64] = 1ull << ((length - 1) % 64);
                rp_div_ceil(t, x, n, d, n);
                rp_mul(c, n, t, n, d, n);
                (void)rp_add_word(c, n, 1);
            }
            rp_copy(E, n, t, n);
            rp_shl1(E, n);
            rp_sieve_init(&sv, c, n, d, n);
            restart = 0;
        }
        (*counter)++; /* step 25 */
        int prime = 0;
        if (rp_sieve_composite(&sv)) {
            seed_advance(s, (uint32_t)((length + s->outlen - 1) / s->outlen)); /* steps 26-27 without the hashing */
        } else {
            rc = pocklington(s, c, cn, length, E, length - b0 + 1, c0, b0, &prime); /* steps 26-30 */
            if (rc != RSA_PRIMES_OK)
                return rc;
        }
        if (prime) {
            rp_copy(out, cn, c, cn);
            rc = RSA_PRIMES_OK;
            break;
        }
        if (*counter >= 4 * length + old_counter) { /* step 31 */
            rc = RSA_PRIMES_FAIL;
            break;
        }
        /* steps 32-33: t = t + 1, back to step 23 */
        (void)rp_add_word(t, n, 1);
        (void)bn_add(c, c, d, n);
        (void)rp_add_word(E, n, 2);
        rp_sieve_step(&sv, 1);
        restart = bit_at(c, length);
    }
    bn_wipe(c0, c0n);
    bn_wipe(x, n);
    bn_wipe(t, n);
    bn_wipe(c, n);
    bn_wipe(E, n);
    fips140_wipe(&sv, sizeof sv);
    return rc;
}

int rp_st_random_prime(uint64_t *c, size_t length, rp_seed *seed)
{
    size_t counter = 0;
    return st_prime(c, length, seed, &counter);
}

/* ppc - B.10 "construct a provable prime based on auxiliary provable primes" (FIPS 186-4 C.10): p of L bits
 * (L a multiple of 64) with p - 1 divisible by the provable primes p1 (N1 bits; 1 when N1 = 1) and p2, p >=
 * sqrt(2) 2^(L-1), gcd(p - 1, e) = 1; and p = a8 mod 8 when a8 != 0 (candidates of another residue are passed
 * over without counting). */
static int ppc(uint64_t *out, size_t L, size_t N1, size_t N2, unsigned a8, rp_seed *s, const uint64_t *e,
               size_t el)
{
    if (L < 128 || L % 64 != 0 || N1 < 1 || N2 < 1 || N1 + N2 > L - (L + 1) / 2 - 4) /* step 1 */
        return RSA_PRIMES_BAD_PARAMS;
    const size_t pn = L / 64, n = pn + 1, b0 = (L + 1) / 2 + 1;
    uint64_t p1[RP_LIMBS], p2[RP_LIMBS], p0[RP_LIMBS], x[RP_LIMBS], lb[RP_LIMBS], y[RP_LIMBS];
    uint64_t p01[RP_LIMBS], d[RP_LIMBS], estep[RP_LIMBS], num[RP_LIMBS], t[RP_LIMBS], k[RP_LIMBS], p[RP_LIMBS],
        E[RP_LIMBS], tmp[RP_LIMBS];
    size_t xn;
    int rc;
    bn_set_word(p1, 1, n);
    bn_set_word(p2, 1, n);
    if (N1 >= 2 && (rc = rp_st_random_prime(p1, N1, s)) != RSA_PRIMES_OK) /* steps 2-3 */
        return rc;
    rp_copy(p1, n, p1, rp_limbs(N1));
    if (N2 >= 2 && (rc = rp_st_random_prime(p2, N2, s)) != RSA_PRIMES_OK) /* steps 4-5 */
        return rc;
    rp_copy(p2, n, p2, rp_limbs(N2));
    if ((rc = rp_st_random_prime(p0, b0, s)) != RSA_PRIMES_OK) /* step 6 */
        return rc;
    rp_copy(p0, n, p0, rp_limbs(b0));
    if ((rc = seed_integer(s, L, x, &xn)) != RSA_PRIMES_OK) /* steps 7-11 */
        return rc;
    /* step 12: x = ceil(sqrt(2) 2^(L-1)) + (x mod (2^L - ceil(sqrt(2) 2^(L-1)))) */
    rp_sqrt2_bound(lb, L);
    rp_copy(lb, n, lb, pn);
    bn_set_word(tmp, 0, n);
    tmp[pn] = 1;
    (void)bn_sub(tmp, tmp, lb, n);
    rp_mod(num, x, xn, tmp, n);
    (void)bn_add(x, num, lb, n);
    rp_mul(p01, n, p0, n, p1, n);
    /* steps 13-14: gcd(p0 p1, p2) = 1; y in [1, p2] with y p0 p1 = 1 mod p2 */
    const size_t p2n = rp_limbs(N2);
    if (N2 >= 2) {
        rp_mod(tmp, p01, n, p2, p2n);
        if (!(bn_mod_inv_odd(y, tmp, p2, p2n) & 1u)) {
            rc = RSA_PRIMES_FAIL;
            goto done;
        }
        rp_copy(y, n, y, p2n);
    } else {
        bn_set_word(y, 1, n);
    }
    rp_mul(d, n, p01, n, p2, n); /* d = 2 p0 p1 p2: the step of p as t grows */
    rp_shl1(d, n);
    rp_mul(estep, n, p1, n, p2, n); /* 2 p1 p2: the step of the exponent 2 (t p2 - y) p1 */
    rp_shl1(estep, n);
    rp_sieve sv;
    size_t counter = 0;
    const uint64_t *base = x;
    for (int restart = 1;;) {
        if (restart) {
            /* step 15 (base x) or 16 (base ceil(sqrt(2) 2^(L-1))): t = ceil((2 y p0 p1 + base) / (2 p0 p1 p2)) */
            rp_mul(num, n, y, n, p01, n);
            rp_shl1(num, n);
            (void)bn_add(num, num, base, n);
            rp_div_ceil(t, num, n, d, n);
            rp_mul(k, n, t, n, p2, n); /* k = t p2 - y */
            (void)bn_sub(k, k, y, n);
            rp_mul(p, n, k, n, p01, n); /* step 17: p = 2 k p0 p1 + 1 */
            rp_shl1(p, n);
            (void)rp_add_word(p, n, 1);
            if (bit_at(p, L) && base == x) { /* step 16: p > 2^L */
                base = lb;
                continue;
            }
            rp_mul(E, n, k, n, p1, n);
            rp_shl1(E, n);
            rp_sieve_init(&sv, p, n, d, n);
            restart = 0;
        }
        if (a8 == 0 || (p[0] & 7u) == a8) {
            counter++; /* step 18 */
            int prime = 0;
            if (rp_gcd_e_is_one(p, pn, e, el)) { /* step 19 */
                if (rp_sieve_composite(&sv)) {
                    seed_advance(s, (uint32_t)((L + s->outlen - 1) / s->outlen));
                } else if ((rc = pocklington(s, p, pn, L, E, L - b0 + 1, p0, b0, &prime)) != RSA_PRIMES_OK) {
                    goto done;
                }
            }
            if (prime) {
                rp_copy(out, pn, p, pn);
                rc = RSA_PRIMES_OK;
                goto done;
            }
            if (counter >= 5 * L) { /* step 20 */
                rc = RSA_PRIMES_FAIL;
                goto done;
            }
        }
        /* step 21: t = t + 1 */
        (void)bn_add(p, p, d, n);
        (void)bn_add(E, E, estep, n);
        rp_sieve_step(&sv, 1);
        if (bit_at(p, L)) { /* step 16 again */
            base = lb;
            restart = 1;
        }
    }
done:
    bn_wipe(p1, n);
    bn_wipe(p2, n);
    bn_wipe(p0, n);
    bn_wipe(x, n);
    bn_wipe(y, n);
    bn_wipe(p01, n);
    bn_wipe(num, n);
    bn_wipe(t, n);
    bn_wipe(k, n);
    bn_wipe(p, n);
    bn_wipe(E, n);
    bn_wipe(tmp, n);
    return rc;
}

int rp_far_apart(const uint64_t *a, const uint64_t *b, size_t n, size_t L)
{
    uint64_t d1[RP_LIMBS], d2[RP_LIMBS];
    (void)bn_sub(d1, a, b, n);
    uint64_t a_above = 0 - bn_sub(d2, b, a, n); /* borrow: b < a */
    bn_select(d1, a_above, d1, d2, n);           /* |a - b| */
    const size_t lim = L - 100;
    uint64_t high = 0, exact = 1; /* bits at 2^lim and above; |a - b| == 2^lim */
    for (size_t i = 0; i < n; i++) {
        uint64_t w = d1[i];
        if (i == lim / 64) {
            exact &= w == (1ull << (lim % 64));
            w >>= lim % 64;
        } else {
            exact &= w == 0;
        }
        if (i >= lim / 64)
            high |= w;
    }
    bn_wipe(d1, n);
    bn_wipe(d2, n);
    return high != 0 && !exact;
}

int rp_provable_generate(const fips140_rsa_keygen_params *pr, const uint64_t *e, size_t el, uint64_t *p,
                         uint64_t *q)
{
    const size_t nlen = pr->nbits, L = nlen / 2, pn = L / 64;
    const int aux = pr->bitlens[0] | pr->bitlens[1] | pr->bitlens[2] | pr->bitlens[3];
    size_t N[4] = {1, 1, 1, 1};
    rp_seed s;
    uint8_t sb[64];
    int rc;
    if (aux) { /* A.1.4: all four lengths within Table A.1 */
        if (rp_check_bitlens(pr->bitlens, nlen, 1) != 0)
            return RSA_PRIMES_BAD_PARAMS;
        for (int i = 0; i < 4; i++)
            N[i] = pr->bitlens[i];
    }
    fips140_hash_alg h = pr->hash ? pr->hash : FIPS140_SHA256;
    if (pr->seed != NULL) { /* A.1.2 / A.1.4 step 3: a seed of 2 * security_strength bits at least */
        if (pr->seedlen < (nlen <= 2048 ? 28u : 32u) || rp_seed_set(&s, h, pr->seed, pr->seedlen) != 0)
            return RSA_PRIMES_BAD_PARAMS;
    } else {
        size_t sl = rp_seed_len(nlen);
        if (fips140_rand_bytes(sb, sl) != FIPS140_OK)
            return RSA_PRIMES_RNG;
        sb[0] |= 0x80; /* full length: the hashed encoding is exactly the seedlen-bit string */
        rc = rp_seed_set(&s, h, sb, sl);
        fips140_wipe(sb, sizeof sb);
        if (rc != 0)
            return RSA_PRIMES_BAD_PARAMS;
    }
    rc = ppc(p, L, N[0], N[1], pr->p_mod8, &s, e, el); /* step 6 */
    for (int tries = 0; rc == RSA_PRIMES_OK; tries++) {
        rc = ppc(q, L, N[2], N[3], pr->q_mod8, &s, e, el); /* step 7 */
        if (rc != RSA_PRIMES_OK)
            break;
        if (rp_far_apart(p, q, pn, L)) /* step 8: |p - q| > 2^(nlen/2 - 100) */
            break;
        if (tries == 16)
            rc = RSA_PRIMES_FAIL;
    }
    fips140_wipe(&s, sizeof s);
    if (rc != RSA_PRIMES_OK) {
        bn_wipe(p, pn);
        bn_wipe(q, pn);
    }
    return rc;
}
