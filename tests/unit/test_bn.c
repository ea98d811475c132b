/* tests/unit/test_bn.c - the internal big-number layer (module/bn/bn.h) against OpenSSL's BN_* on random inputs:
 * byte conversions, add/sub/compare/select/conditional subtract; Montgomery set-up (R^2 mod n), montmul on both
 * paths (portable and MULX/ADX when the CPU has it) for 1..128-limb moduli; constant-time and public-exponent
 * modular exponentiation for 1024..4096-bit (and 8192-bit) odd moduli; inversion modulo primes and odd moduli, gcd;
 * Miller-Rabin (FIPS 186-5 B.3.1) on known primes, products of primes and Carmichael numbers; FIPS 186-5 A.1.3
 * RSA prime pairs checked with OpenSSL.
 * `test_bn bench` also times montmul (both paths) and a 2048-bit private-size modexp against OpenSSL's
 * BN_mod_exp_mont_consttime. */
#include "test_util.h"

#include <time.h>
#include <openssl/bn.h>

#include "bn/bn.h"

static BN_CTX *ctx;

static void to_bn(BIGNUM *r, const uint64_t *a, size_t n)
{
    uint8_t buf[BN_MAX_LIMBS * 8];
    bn_to_bytes(buf, n * 8, a, n);
    BN_bin2bn(buf, (int)(n * 8), r);
}

static void from_bn(uint64_t *r, size_t n, const BIGNUM *a)
{
    uint8_t buf[BN_MAX_LIMBS * 8];
    BN_bn2binpad(a, buf, (int)(n * 8));
    if (bn_from_bytes(r, n, buf, n * 8) != 0)
        abort();
}

/* limbs equal to the BIGNUM? */
static int same(const uint64_t *a, size_t n, const BIGNUM *b)
{
    BIGNUM *t = BN_new();
    to_bn(t, a, n);
    int eq = BN_cmp(t, b) == 0;
    BN_free(t);
    return eq;
}

/* a random odd modulus of exactly bits bits (top bit set), or with the top bits of its limb cleared when loose */
static void rand_odd(tu_rng *rng, uint64_t *n, size_t nl, size_t bits)
{
    tu_fill(rng, n, nl * 8);
    size_t topbits = bits - 64 * (nl - 1);
    if (topbits < 64)
        n[nl - 1] &= (1ull << topbits) - 1;
    n[nl - 1] |= 1ull << (topbits - 1);
    n[0] |= 1;
}

/* a random value below n (reduced by OpenSSL) */
static void rand_below(tu_rng *rng, uint64_t *a, const uint64_t *n, size_t nl)
{
    BIGNUM *x = BN_new(), *m = BN_new();
    tu_fill(rng, a, nl * 8);
    to_bn(x, a, nl);
    to_bn(m, n, nl);
    BN_mod(x, x, m, ctx);
    from_bn(a, nl, x);
    BN_free(x);
    BN_free(m);
}

static void test_basic(tu_rng *rng)
{
    uint64_t a[BN_MAX_LIMBS], b[BN_MAX_LIMBS], r[BN_MAX_LIMBS];
    uint8_t buf[BN_MAX_LIMBS * 8 + 8], out[BN_MAX_LIMBS * 8 + 8];
    BIGNUM *x = BN_new(), *y = BN_new(), *z = BN_new();
    for (int it = 0; it < 2000; it++) {
        size_t n = 1 + tu_below(rng, BN_MAX_LIMBS);
        size_t len = tu_below(rng, n * 8 + 1);
        tu_fill(rng, buf, len);
        CHECK(bn_from_bytes(a, n, buf, len) == 0, "from_bytes len %zu n %zu", len, n);
        BN_bin2bn(buf, (int)len, x);
        CHECK(same(a, n, x), "from_bytes value len %zu", len);
        bn_to_bytes(out, len, a, n);
        CHECK_MEM(out, buf, len, "to_bytes len %zu", len);
        /* one byte too many: fits only if it is zero */
        buf[0] = (uint8_t)(tu_next(rng) | 1);
        memset(buf + 1, 0, n * 8);
        CHECK(bn_from_bytes(a, n, buf, n * 8 + 1) == -1, "overflow not detected n %zu", n);
        buf[0] = 0;
        CHECK(bn_from_bytes(a, n, buf, n * 8 + 1) == 0, "leading zero refused n %zu", n);

        tu_fill(rng, a, n * 8);
        tu_fill(rng, b, n * 8);
        if (it % 4 == 0)
            memcpy(b, a, n * 8);
        if (it % 8 == 1)
            b[n - 1] = a[n - 1]; /* equal top limbs */
        to_bn(x, a, n);
        to_bn(y, b, n);
        int c = BN_cmp(x, y);
        CHECK(bn_cmp(a, b, n) == c, "cmp");
        CHECK((bn_lt_mask(a, b, n) == ~0ull) == (c < 0) && (bn_lt_mask(a, b, n) == 0) == (c >= 0), "lt");
        CHECK((bn_eq_mask(a, b, n) == ~0ull) == (c == 0) && (bn_eq_mask(a, b, n) == 0) == (c != 0), "eq");
        uint64_t carry = bn_add(r, a, b, n);
        BN_add(z, x, y);
        BN_mask_bits(z, (int)(64 * n));
        CHECK(same(r, n, z) && carry == (uint64_t)(BN_num_bits(x) >= 0 && BN_cmp(z, x) < 0), "add");
        uint64_t borrow = bn_sub(r, a, b, n);
        CHECK(borrow == (uint64_t)(c < 0), "sub borrow");
        if (c >= 0) {
            BN_sub(z, x, y);
            CHECK(same(r, n, z), "sub");
        }
        bn_select(r, ~0ull, a, b, n);
        CHECK(memcmp(r, a, n * 8) == 0, "select a");
        bn_select(r, 0, a, b, n);
        CHECK(memcmp(r, b, n * 8) == 0, "select b");
        memset(r, 0x55, n * 8);
        CHECK(bn_is_zero_mask(r, n) == 0, "nonzero");
        memset(r, 0, n * 8);
        CHECK(bn_is_zero_mask(r, n) == ~0ull, "zero");
        /* cond_sub: a < 2m with m = b | top bit */
        b[n - 1] |= 1ull << 63;
        to_bn(y, b, n);
        for (int hi = 0; hi < 2; hi++) {
            to_bn(x, a, n);
            if (hi) {
                BN_set_bit(x, (int)(64 * n));
                if (BN_cmp(x, y) >= 0)
                    BN_sub(z, x, y), BN_copy(x, z);
                BN_lshift1(z, y);
                to_bn(x, a, n);
                BN_set_bit(x, (int)(64 * n));
                if (BN_cmp(x, z) >= 0)
                    continue; /* outside the contract */
            }
            bn_cond_sub(r, (uint64_t)hi, a, b, n);
            if (BN_cmp(x, y) >= 0)
                BN_sub(x, x, y);
            CHECK(same(r, n, x), "cond_sub hi %d", hi);
        }
    }
    BN_free(x);
    BN_free(y);
    BN_free(z);
}

typedef void (*mulfn)(const bn_mont *, uint64_t *, const uint64_t *, const uint64_t *);

static void test_mont(tu_rng *rng)
{
    static bn_mont m;
    uint64_t n[BN_MAX_LIMBS], a[BN_MAX_LIMBS], b[BN_MAX_LIMBS], r[BN_MAX_LIMBS], am[BN_MAX_LIMBS], bm[BN_MAX_LIMBS];
    BIGNUM *N = BN_new(), *A = BN_new(), *B = BN_new(), *W = BN_new(), *R = BN_new();
    mulfn fns[1] = {bn_mont_mul_c64};
    int nfns = 1;
    printf("bn_mont_impl: %s\n", bn_mont_impl());
    /* bad moduli */
    bn_set_word(n, 4, 1);
    CHECK(bn_mont_init(&m, n, 1) == -1, "even modulus");
    bn_set_word(n, 1, 1);
    CHECK(bn_mont_init(&m, n, 1) == -1, "modulus 1");
    bn_set_word(n, 3, 2);
    CHECK(bn_mont_init(&m, n, 2) == -1, "zero top limb");
    CHECK(bn_mont_init(&m, n, 0) == -1 && bn_mont_init(&m, n, BN_MAX_LIMBS + 1) == -1, "limb count");
    for (int it = 0; it < 600; it++) {
        size_t nl = it < 128 ? (size_t)it % 128 + 1 : 1 + tu_below(rng, it < 500 ? 64 : BN_MAX_LIMBS);
        size_t bits = 64 * nl - (it % 3 == 0 ? tu_below(rng, 63) : 0);
        rand_odd(rng, n, nl, bits);
        if (nl == 1 && n[0] == 1)
            n[0] = 3;
        CHECK(bn_mont_init(&m, n, nl) == 0, "init %zu limbs", nl);
        to_bn(N, n, nl);
        BN_zero(R);
        BN_set_bit(R, (int)(128 * nl));
        BN_mod(R, R, N, ctx);
        CHECK(same(m.rr, nl, R), "R^2 mod n, %zu bits", bits);
        rand_below(rng, a, n, nl);
        rand_below(rng, b, n, nl);
        if (it % 7 == 0) /* n - 1 operands: the largest products */
            bn_sub(a, n, (uint64_t[BN_MAX_LIMBS]){1}, nl), memcpy(b, a, nl * 8);
        to_bn(A, a, nl);
        to_bn(B, b, nl);
        BN_mod_mul(W, A, B, N, ctx);
        for (int f = 0; f < nfns; f++) {
            bn_mont_mul(&m, am, a, m.rr);
            bn_mont_mul(&m, bm, b, m.rr);
            fns[f](&m, r, am, bm);
            bn_from_mont(&m, r, r);
            CHECK(same(r, nl, W), "montmul path %d, %zu bits", f, bits);
            /* raw a*b*R^-1 */
            fns[f](&m, r, a, b);
            bn_mont_mul(&m, r, r, m.rr);
            CHECK(same(r, nl, W), "raw montmul path %d, %zu bits", f, bits);
            /* aliasing r = a = b */
            memcpy(r, am, nl * 8);
            fns[f](&m, r, r, r);
            bn_mont_mul(&m, bm, am, am);
            CHECK(memcmp(r, bm, nl * 8) == 0, "aliased square path %d", f);
        }
        bn_to_mont(&m, am, a);
        bn_from_mont(&m, r, am);
        CHECK(memcmp(r, a, nl * 8) == 0, "to/from mont round trip");
        /* bn_reduce of values of 1..BN_MAX_LIMBS limbs: random, all ones, and multiples of n (plus 0 or 1) */
        size_t an = 1 + tu_below(rng, BN_MAX_LIMBS);
        uint64_t big[BN_MAX_LIMBS];
        tu_fill(rng, big, an * 8);
        if (it % 5 == 1)
            memset(big, 0xff, an * 8);
        to_bn(A, big, an);
        if (it % 5 == 2 && an >= nl) { /* A = n * (A >> bits(n)) + (0 or 1) */
            BN_rshift(A, A, (int)BN_num_bits(N));
            BN_mul(A, A, N, ctx);
            if (it & 8)
                BN_add_word(A, 1);
            uint8_t tmp[BN_MAX_LIMBS * 8];
            BN_bn2binpad(A, tmp, (int)(an * 8));
            bn_from_bytes(big, an, tmp, an * 8);
        }
        bn_reduce(&m, r, big, an);
        BN_mod(W, A, N, ctx);
        CHECK(same(r, nl, W), "reduce %zu limbs mod %zu limbs", an, nl);
    }
    BN_free(N);
    BN_free(A);
    BN_free(B);
    BN_free(W);
    BN_free(R);
}

static void test_exp(tu_rng *rng)
{
    static bn_mont m;
    static const size_t sizes[] = {64, 128, 520, 1024, 1536, 2048, 3072, 4096, 8192};
    uint64_t n[BN_MAX_LIMBS], a[BN_MAX_LIMBS], e[BN_MAX_LIMBS], r[BN_MAX_LIMBS];
    BIGNUM *N = BN_new(), *A = BN_new(), *E = BN_new(), *W = BN_new();
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t bits = sizes[s], nl = (bits + 63) / 64;
        int reps = bits >= 8192 ? 1 : bits >= 3072 ? 3 : 8;
        for (int it = 0; it < reps; it++) {
            rand_odd(rng, n, nl, bits);
            if (bn_mont_init(&m, n, nl) != 0) {
                CHECK(0, "init");
                continue;
            }
            rand_below(rng, a, n, nl);
            size_t ebits = it == 0 ? bits : it == 1 ? 17 : it == 2 ? 0 : 1 + tu_below(rng, bits);
            memset(e, 0, sizeof e);
            tu_fill(rng, e, (ebits + 7) / 8);
            if (ebits % 64)
                e[ebits / 64] &= (1ull << (ebits % 64)) - 1;
            if (it == 1)
                bn_set_word(e, 65537, nl);
            to_bn(N, n, nl);
            to_bn(A, a, nl);
            to_bn(E, e, nl);
            BN_mod_exp(W, A, E, N, ctx);
            bn_mod_exp(&m, r, a, e, ebits);
            CHECK(same(r, nl, W), "mod_exp %zu-bit modulus, %zu-bit exponent", bits, ebits);
            bn_mod_exp_vartime(&m, r, a, e, ebits);
            CHECK(same(r, nl, W), "mod_exp_vartime %zu-bit modulus, %zu-bit exponent", bits, ebits);
            /* bits of e above ebits are ignored */
            if (ebits > 0 && ebits < 64 * nl) {
                e[ebits / 64] |= 1ull << (ebits % 64);
                bn_mod_exp(&m, r, a, e, ebits);
                CHECK(same(r, nl, W), "mod_exp ignores bits above ebits (%zu)", ebits);
            }
            /* aliasing r = a */
            memcpy(r, a, nl * 8);
            e[ebits / 64 < nl ? ebits / 64 : 0] &= ebits % 64 ? (1ull << (ebits % 64)) - 1 : (ebits ? ~0ull : 0);
            bn_mod_exp(&m, r, r, e, ebits);
            CHECK(same(r, nl, W), "mod_exp aliased");
        }
    }
    BN_free(N);
    BN_free(A);
    BN_free(E);
    BN_free(W);
}

static void test_inv(tu_rng *rng)
{
    static bn_mont m;
    uint64_t p[BN_MAX_LIMBS], a[BN_MAX_LIMBS], r[BN_MAX_LIMBS], g[BN_MAX_LIMBS];
    BIGNUM *P = BN_new(), *A = BN_new(), *W = BN_new(), *G = BN_new();
    static const int pbits[] = {64, 127, 256, 521, 1024, 2048};
    for (size_t s = 0; s < sizeof pbits / sizeof pbits[0]; s++) {
        BN_generate_prime_ex(P, pbits[s], 0, NULL, NULL, NULL);
        size_t nl = ((size_t)pbits[s] + 63) / 64;
        from_bn(p, nl, P);
        CHECK(bn_mont_init(&m, p, nl) == 0, "init prime");
        for (int it = 0; it < 4; it++) {
            rand_below(rng, a, p, nl);
            if (it == 0)
                bn_set_word(a, 1, nl);
            to_bn(A, a, nl);
            BN_mod_inverse(W, A, P, ctx);
            CHECK(bn_mod_inv_prime(&m, r, a) == ~0ull && same(r, nl, W), "inv_prime %d bits", pbits[s]);
            CHECK(bn_mod_inv_odd(r, a, p, nl) == ~0ull && same(r, nl, W), "inv_odd (prime) %d bits", pbits[s]);
        }
        bn_set_word(a, 0, nl);
        CHECK(bn_mod_inv_prime(&m, r, a) == 0 && bn_is_zero_mask(r, nl) == ~0ull, "inv_prime of 0");
        CHECK(bn_mod_inv_odd(r, a, p, nl) == 0, "inv_odd of 0");
    }
    for (int it = 0; it < 300; it++) {
        size_t nl = 1 + tu_below(rng, it < 280 ? 16 : 64);
        rand_odd(rng, p, nl, 64 * nl - tu_below(rng, 8));
        rand_below(rng, a, p, nl);
        if (it % 5 == 0) { /* force a common factor 3 or 5 sometimes */
            to_bn(P, p, nl);
            to_bn(A, a, nl);
            BN_mul_word(P, 3);
            BN_mul_word(A, 3);
            BN_mod(A, A, P, ctx);
            if (BN_num_bits(P) <= (int)(64 * nl)) {
                from_bn(p, nl, P);
                from_bn(a, nl, A);
            }
        }
        to_bn(P, p, nl);
        to_bn(A, a, nl);
        BN_gcd(G, A, P, ctx);
        int invertible = BN_is_one(G);
        uint64_t ok = bn_mod_inv_odd(r, a, p, nl);
        CHECK(ok == (invertible ? ~0ull : 0), "inv_odd verdict, %zu limbs", nl);
        if (invertible) {
            BN_mod_inverse(W, A, P, ctx);
            CHECK(same(r, nl, W), "inv_odd value, %zu limbs", nl);
        }
        bn_gcd_odd(g, a, p, nl);
        CHECK(same(g, nl, G), "gcd, %zu limbs", nl);
        /* RSA's check: gcd(p - 1, e) with e = 65537 */
        uint64_t e[BN_MAX_LIMBS];
        bn_set_word(e, 65537, nl);
        a[0] &= ~1ull;
        to_bn(A, a, nl);
        BN_set_word(W, 65537);
        BN_gcd(G, A, W, ctx);
        bn_gcd_odd(g, a, e, nl);
        CHECK(same(g, nl, G), "gcd(even, 65537)");
    }
    BN_free(P);
    BN_free(A);
    BN_free(W);
    BN_free(G);
}

static void test_mr(void)
{
    uint64_t w[BN_MAX_LIMBS];
    BIGNUM *P = BN_new(), *Q = BN_new(), *N = BN_new();
    /* Carmichael numbers and strong pseudoprimes to small bases; 40 rounds make a false "prime" < 2^-80 */
    static const uint64_t composites[] = {9, 15, 561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 825265, 321197185,
                                          2047, 1373653, 25326001, 3215031751ull, 2152302898747ull,
                                          3474749660383ull, 341550071728321ull, 3825123056546413051ull,
                                          18446744073709551557ull * 0 + 4611686014132420609ull /* (2^31-1)^2 */};
    for (size_t i = 0; i < sizeof composites / sizeof composites[0]; i++) {
        bn_set_word(w, composites[i], 1);
        CHECK(bn_miller_rabin(w, 1, 40) == 0, "composite %llu", (unsigned long long)composites[i]);
    }
    static const uint64_t primes[] = {5, 7, 65537, 2147483647, 18446744073709551557ull /* 2^64 - 59 */};
    for (size_t i = 0; i < sizeof primes / sizeof primes[0]; i++) {
        bn_set_word(w, primes[i], 1);
        CHECK(bn_miller_rabin(w, 1, 40) == 1, "prime %llu", (unsigned long long)primes[i]);
    }
    bn_set_word(w, 4, 1);
    CHECK(bn_miller_rabin(w, 1, 5) == -1 && (w[0] = 3, bn_miller_rabin(w, 1, 5)) == -1, "bad input");
    /* 2^127 - 1 and 2^521 - 1 (Mersenne primes), 2^128 + 1 (composite, = 59649589127497217 * 5704689200685129054721) */
    memset(w, 0, sizeof w);
    w[0] = ~0ull;
    w[1] = ~0ull >> 1;
    CHECK(bn_miller_rabin(w, 2, 5) == 1, "2^127 - 1");
    for (int i = 0; i < 9; i++)
        w[i] = i == 8 ? 0x1ff : ~0ull;
    CHECK(bn_miller_rabin(w, 9, 5) == 1, "2^521 - 1");
    memset(w, 0, sizeof w);
    w[0] = 1;
    w[2] = 1;
    CHECK(bn_miller_rabin(w, 3, 40) == 0, "2^128 + 1");
    /* OpenSSL primes, their products and a square */
    static const int sizes[] = {512, 1024, 1536, 2048};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t nl = (size_t)sizes[s] / 64;
        BN_generate_prime_ex(P, sizes[s], 0, NULL, NULL, NULL);
        from_bn(w, nl, P);
        CHECK(bn_miller_rabin(w, nl, bn_mr_rounds((size_t)sizes[s])) == 1, "%d-bit prime", sizes[s]);
        if (sizes[s] <= 1024) {
            BN_generate_prime_ex(Q, sizes[s], 0, NULL, NULL, NULL);
            BN_mul(N, P, Q, ctx);
            from_bn(w, 2 * nl, N);
            CHECK(bn_miller_rabin(w, 2 * nl, 5) == 0, "p*q, %d-bit p", sizes[s]);
            BN_sqr(N, P, ctx);
            from_bn(w, 2 * nl, N);
            CHECK(bn_miller_rabin(w, 2 * nl, 5) == 0, "p^2, %d-bit p", sizes[s]);
        }
    }
    CHECK(bn_mr_rounds(1024) == 5 && bn_mr_rounds(1536) == 4 && bn_mr_rounds(2048) == 4, "Table B.1 rounds");
    BN_free(P);
    BN_free(Q);
    BN_free(N);
}

/* bn_mod_u64_ct / bn_mod_word_ct (reciprocal division, no DIV on the value) against '%' and OpenSSL's BN_mod_word:
 * every odd prime below 2048 (the trial divisors of RSA key generation), 2, powers of two, the largest 32-bit
 * divisors and random ones; values 0, d - 1, multiples of d and their neighbours, all-ones, random ones of 1 to
 * BN_MAX_LIMBS limbs. */
static void test_mod_word(tu_rng *rng)
{
    uint32_t divs[400 + 16];
    size_t nd = 0;
    uint8_t composite[2048] = {0};
    for (uint32_t i = 3; i < 2048; i += 2) {
        if (composite[i])
            continue;
        divs[nd++] = i;
        for (uint32_t j = i * i; j < 2048; j += 2 * i)
            composite[j] = 1;
    }
    CHECK(nd == 308, "308 odd primes below 2048 (got %zu)", nd);
    static const uint32_t extra[] = {2, 4, 1u << 16, 1u << 31, 0xffffffffu, 0xfffffffbu /* prime */, 0x80000001u,
                                     65537, 0xfffffffeu};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        divs[nd++] = extra[i];
    for (int i = 0; i < 4; i++)
        divs[nd++] = (uint32_t)tu_next(rng) | 2u; /* >= 2 */
    CHECK(bn_mod_word_recip(0) == 0 && bn_mod_word_recip(1) == 0, "no reciprocal for d < 2");
    CHECK(bn_mod_word_recip(2) == 1ull << 63 && bn_mod_word_recip(3) == 0x5555555555555555ull, "reciprocals");
    uint64_t a[BN_MAX_LIMBS];
    BIGNUM *A = BN_new();
    static const size_t lens[] = {1, 2, 3, 16, 17, 32, 48, 64, BN_MAX_LIMBS};
    for (size_t k = 0; k < nd; k++) {
        const uint32_t d = divs[k];
        const uint64_t v = bn_mod_word_recip(d);
        /* one word: around multiples of d, the extremes, random */
        uint64_t top = ~0ull / d * d; /* the largest multiple of d below 2^64 */
        const uint64_t xs[] = {0, 1, d - 1, d, (uint64_t)d + 1, 2ull * d - 1, 2ull * d, top, top - 1, top - d, ~0ull,
                               ~0ull - 1, (uint64_t)(d - 1) << 32 | 0xffffffffu, tu_next(rng), tu_next(rng) >> 20};
        int ok = 1;
        for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
            ok &= bn_mod_u64_ct(xs[i], d, v) == xs[i] % d;
        for (int i = 0; i < 200; i++) {
            uint64_t x = tu_next(rng);
            ok &= bn_mod_u64_ct(x, d, v) == x % d;
        }
        CHECK(ok, "bn_mod_u64_ct, d = %u", d);
        /* whole numbers */
        ok = 1;
        for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
            size_t n = lens[l];
            for (int c = 0; c < 6; c++) {
                switch (c) {
                case 0: bn_set_word(a, 0, n); break;
                case 1: bn_set_word(a, d - 1, n); break;
                case 2: memset(a, 0xff, n * 8); break;
                default: tu_fill(rng, a, n * 8); break;
                }
                to_bn(A, a, n);
                ok &= (BN_ULONG)bn_mod_word_ct(a, n, d, v) == BN_mod_word(A, d);
                if (c >= 3 && n > 1) { /* a multiple of d and its neighbours: a - (a mod d), then -1 and +1 */
                    BN_sub_word(A, BN_mod_word(A, d));
                    if (BN_num_bits(A) > 1)
                        for (int dlt = -1; dlt <= 1; dlt++) {
                            BIGNUM *B = BN_dup(A);
                            if (dlt < 0)
                                BN_sub_word(B, 1);
                            else if (dlt > 0)
                                BN_add_word(B, 1);
                            if (BN_num_bytes(B) <= (int)(n * 8)) {
                                from_bn(a, n, B);
                                ok &= (BN_ULONG)bn_mod_word_ct(a, n, d, v) == BN_mod_word(B, d);
                            }
                            BN_free(B);
                        }
                }
            }
        }
        CHECK(ok, "bn_mod_word_ct against BN_mod_word, d = %u", d);
    }
    bn_set_word(a, 12345, 1);
    CHECK(bn_mod_word_ct(a, 1, 1, bn_mod_word_recip(1)) == 0 && bn_mod_word_ct(a, 1, 0, 0) == 0, "d < 2 gives 0");
    BN_free(A);
}

/* Miller-Rabin on numbers of special forms, found with OpenSSL: primes and composites w with w - 1 = 2^a k for
 * a = 1 (safe primes), 62, 63 (the last a of the 62 fixed squarings), 64, 65 and 100 (the long path, w = 1 mod
 * 2^64); Chernick's Carmichael numbers (6t + 1)(12t + 1)(18t + 1) with three prime factors; random primes and
 * random odd composites of lengths that leave the top limb partly empty (the bases are masked to wlen bits). */
static void test_mr_forms(tu_rng *rng)
{
    uint64_t w[BN_MAX_LIMBS];
    BIGNUM *W = BN_new(), *K = BN_new(), *T = BN_new(), *F[3] = {BN_new(), BN_new(), BN_new()};
    static const int as[] = {62, 63, 64, 65, 100, 190};
    for (size_t i = 0; i < sizeof as / sizeof as[0]; i++) {
        int found_p = 0, found_c = 0;
        for (uint64_t k = 1; k < 100000 && !(found_p && found_c); k += 2) { /* w = k 2^a + 1, k odd: exactly a */
            BN_set_word(W, k);
            BN_lshift(W, W, as[i]);
            BN_add_word(W, 1);
            int isp = BN_check_prime(W, ctx, NULL);
            size_t nl = (size_t)(BN_num_bits(W) + 63) / 64;
            if (isp == 1 && !found_p) {
                from_bn(w, nl, W);
                CHECK(bn_miller_rabin(w, nl, 20) == 1, "prime %llu 2^%d + 1", (unsigned long long)k, as[i]);
                found_p = 1;
            } else if (isp == 0 && !found_c) {
                from_bn(w, nl, W);
                CHECK(bn_miller_rabin(w, nl, 20) == 0, "composite %llu 2^%d + 1", (unsigned long long)k, as[i]);
                found_c = 1;
            }
        }
        CHECK(found_p && found_c, "a prime and a composite with a = %d", as[i]);
    }
    /* safe primes: a = 1 */
    for (int i = 0; i < 2; i++) {
        BN_generate_prime_ex(W, i ? 512 : 256, 1, NULL, NULL, NULL);
        size_t nl = (size_t)(BN_num_bits(W) + 63) / 64;
        from_bn(w, nl, W);
        CHECK(bn_miller_rabin(w, nl, 10) == 1, "safe prime %d bits", BN_num_bits(W));
    }
    /* Chernick: t from 2^tbits upward until all three factors are prime */
    static const int tbits[] = {20, 40, 64};
    for (size_t i = 0; i < sizeof tbits / sizeof tbits[0]; i++) {
        int found = 0;
        BN_zero(K);
        BN_set_bit(K, tbits[i]);
        for (int tries = 0; tries < 2000000 && !found; tries++) {
            BN_add_word(K, 1);
            static const unsigned mul[3] = {6, 12, 18};
            int all = 1;
            for (int f = 0; f < 3 && all; f++) {
                BN_copy(F[f], K);
                BN_mul_word(F[f], mul[f]);
                BN_add_word(F[f], 1);
                all = BN_check_prime(F[f], ctx, NULL) == 1;
            }
            if (!all)
                continue;
            found = 1;
            BN_mul(T, F[0], F[1], ctx);
            BN_mul(W, T, F[2], ctx);
            size_t nl = (size_t)(BN_num_bits(W) + 63) / 64;
            from_bn(w, nl, W);
            CHECK(bn_miller_rabin(w, nl, 20) == 0, "Carmichael number of %d bits", BN_num_bits(W));
        }
        CHECK(found, "a Chernick Carmichael number near 2^%d", tbits[i]);
    }
    /* random primes and odd composites, lengths not a multiple of 64 */
    static const int bits[] = {65, 100, 127, 200, 521, 1000, 1030};
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        BN_generate_prime_ex(W, bits[i], 0, NULL, NULL, NULL);
        size_t nl = (size_t)(bits[i] + 63) / 64;
        from_bn(w, nl, W);
        CHECK(bn_miller_rabin(w, nl, bn_mr_rounds((size_t)bits[i])) == 1, "random %d-bit prime", bits[i]);
        int comp = 0;
        for (int tries = 0; tries < 100 && comp < 3; tries++) {
            rand_odd(rng, w, nl, (size_t)bits[i]);
            to_bn(W, w, nl);
            if (BN_check_prime(W, ctx, NULL) != 0)
                continue;
            comp++;
            CHECK(bn_miller_rabin(w, nl, 5) == 0, "random odd %d-bit composite", bits[i]);
        }
    }
    /* bad input: even, zero top limb, w <= 3, no rounds, no limbs */
    bn_set_word(w, 0, 2);
    w[0] = 1000001;
    CHECK(bn_miller_rabin(w, 2, 5) == -1, "top limb zero");
    bn_set_word(w, 1, 1);
    CHECK(bn_miller_rabin(w, 1, 5) == -1, "w = 1");
    bn_set_word(w, 7, 1);
    CHECK(bn_miller_rabin(w, 1, 0) == -1 && bn_miller_rabin(w, 0, 5) == -1, "no rounds / no limbs");
    w[0] = 6;
    w[1] = 1;
    CHECK(bn_miller_rabin(w, 2, 5) == -1, "even");
    BN_free(W);
    BN_free(K);
    BN_free(T);
    for (int f = 0; f < 3; f++)
        BN_free(F[f]);
}

/* FIPS 186-5 A.1.3 prime pairs, checked with OpenSSL: prime, size, the sqrt(2) bound (p^2 >= 2^(nlen-1)),
 * gcd(p - 1, e) = 1, |p - q| > 2^(nlen/2 - 100); parameter errors. */
static void test_rsa_primes(void)
{
    uint64_t p[BN_MAX_LIMBS], q[BN_MAX_LIMBS], e[4] = {65537, 0, 0, 0};
    BIGNUM *P = BN_new(), *Q = BN_new(), *T = BN_new(), *E = BN_new(), *B = BN_new();
    BN_set_word(E, 65537);
    static const size_t nlens[] = {2048, 2048, 3072};
    for (size_t s = 0; s < sizeof nlens / sizeof nlens[0]; s++) {
        size_t nlen = nlens[s], k = nlen / 2, nl = k / 64;
        CHECK(bn_rsa_gen_primes(p, q, nlen, e, 1) == 0, "gen primes nlen %zu", nlen);
        to_bn(P, p, nl);
        to_bn(Q, q, nl);
        for (int w = 0; w < 2; w++) {
            BIGNUM *X = w ? Q : P;
            CHECK(BN_check_prime(X, ctx, NULL) == 1, "%c is prime (nlen %zu)", w ? 'q' : 'p', nlen);
            CHECK(BN_num_bits(X) == (int)k, "%c has nlen/2 bits", w ? 'q' : 'p');
            BN_sqr(T, X, ctx);
            BN_zero(B);
            BN_set_bit(B, (int)nlen - 1);
            CHECK(BN_cmp(T, B) >= 0, "%c >= sqrt(2) 2^(nlen/2-1)", w ? 'q' : 'p');
            BN_sub(T, X, BN_value_one());
            BN_gcd(T, T, E, ctx);
            CHECK(BN_is_one(T), "gcd(%c - 1, e) = 1", w ? 'q' : 'p');
        }
        BN_sub(T, P, Q);
        BN_set_negative(T, 0);
        CHECK(BN_num_bits(T) > (int)k - 100, "|p - q| > 2^(nlen/2 - 100)");
    }
    CHECK(bn_rsa_gen_primes(p, q, 1024, e, 1) == -1, "nlen 1024 refused");
    CHECK(bn_rsa_gen_primes(p, q, 2000, e, 1) == -1, "nlen 2000 refused");
    e[0] = 65536;
    CHECK(bn_rsa_gen_primes(p, q, 2048, e, 1) == -1, "even e refused");
    e[0] = 3;
    CHECK(bn_rsa_gen_primes(p, q, 2048, e, 1) == -1, "e = 3 refused");
    /* a 255-bit prime e = 2^255 - 19 (a prime e, so that gcd(p - 1, e) = 1 rejects almost nothing; 2^255 + 1, with
     * its factors 3, 11, 43..., leaves A.1.3 few enough candidates to fail now and then, as the standard allows) */
    e[0] = 0xffffffffffffffedull;
    e[1] = e[2] = ~0ull;
    e[3] = ~0ull >> 1;
    CHECK(bn_rsa_gen_primes(p, q, 2048, e, 4) == 0, "e = 2^255 - 19");
    uint64_t e5[5] = {0x10001, 0, 0, 0, 1}; /* 2^256 + 65537: too large */
    CHECK(bn_rsa_gen_primes(p, q, 2048, e5, 5) == -1, "e >= 2^256 refused");
    BN_free(P);
    BN_free(Q);
    BN_free(T);
    BN_free(E);
    BN_free(B);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void bench(tu_rng *rng)
{
    static bn_mont m;
    uint64_t n[BN_MAX_LIMBS], a[BN_MAX_LIMBS], e[BN_MAX_LIMBS], r[BN_MAX_LIMBS];
    static const size_t sizes[] = {2048, 3072, 4096};
    volatile uint64_t sink = 0;
    for (size_t s = 0; s < 3; s++) {
        size_t bits = sizes[s], nl = bits / 64;
        rand_odd(rng, n, nl, bits);
        bn_mont_init(&m, n, nl);
        rand_below(rng, a, n, nl);
        mulfn fns[1] = {bn_mont_mul_c64};
        const char *names[1] = {"c64"};
        for (int f = 0; f < 1; f++) {
            int iters = 40000 / (int)nl;
            double best = 1e9;
            for (int trial = 0; trial < 9; trial++) { /* the fastest of 9: the machine may be shared */
                double t0 = now();
                for (int i = 0; i < iters; i++)
                    fns[f](&m, r, r, a), sink ^= r[0];
                double t = now() - t0;
                best = t < best ? t : best;
                t0 = now();
                for (int i = 0; i < iters; i++)
                    fns[f](&m, r, r, r), sink ^= r[0];
                t = now() - t0;
                best = t < best ? t : best;
            }
            printf("montmul %4zu-bit %-8s: %8.1f ns (best of mul and square)\n", bits, names[f], best / iters * 1e9);
        }
    }
    /* 2048-bit modulus, 2048-bit secret-size exponent: ours vs BN_mod_exp_mont_consttime */
    size_t nl = 32;
    rand_odd(rng, n, nl, 2048);
    bn_mont_init(&m, n, nl);
    rand_below(rng, a, n, nl);
    tu_fill(rng, e, nl * 8);
    BIGNUM *N = BN_new(), *A = BN_new(), *E = BN_new(), *W = BN_new();
    to_bn(N, n, nl);
    to_bn(A, a, nl);
    to_bn(E, e, nl);
    BN_MONT_CTX *mc = BN_MONT_CTX_new();
    BN_MONT_CTX_set(mc, N, ctx);
    int iters = 20;
    double ours = 1e9, theirs = 1e9;
    for (int trial = 0; trial < 9; trial++) { /* the fastest of 9, interleaved */
        double t0 = now();
        for (int i = 0; i < iters; i++)
            bn_mod_exp(&m, r, a, e, 2048), sink ^= r[0];
        double t = (now() - t0) / iters;
        ours = t < ours ? t : ours;
        t0 = now();
        for (int i = 0; i < iters; i++)
            BN_mod_exp_mont_consttime(W, A, E, N, ctx, mc);
        t = (now() - t0) / iters;
        theirs = t < theirs ? t : theirs;
    }
    printf("modexp [%s] 2048-bit (2048-bit exponent): fips140 %.3f ms, OpenSSL BN_mod_exp_mont_consttime %.3f ms, "
           "ratio %.2fx\n", bn_mont_impl(), ours * 1e3, theirs * 1e3, theirs / ours);
    CHECK(same(r, nl, W), "bench modexp agrees");
    /* 1024-bit (CRT half of RSA-2048) */
    nl = 16;
    rand_odd(rng, n, nl, 1024);
    bn_mont_init(&m, n, nl);
    rand_below(rng, a, n, nl);
    to_bn(N, n, nl);
    to_bn(A, a, nl);
    to_bn(E, e, nl);
    BN_MONT_CTX_set(mc, N, ctx);
    iters = 100;
    ours = theirs = 1e9;
    for (int trial = 0; trial < 9; trial++) {
        double t0 = now();
        for (int i = 0; i < iters; i++)
            bn_mod_exp(&m, r, a, e, 1024), sink ^= r[0];
        double t = (now() - t0) / iters;
        ours = t < ours ? t : ours;
        t0 = now();
        for (int i = 0; i < iters; i++)
            BN_mod_exp_mont_consttime(W, A, E, N, ctx, mc);
        t = (now() - t0) / iters;
        theirs = t < theirs ? t : theirs;
    }
    printf("modexp [%s] 1024-bit (1024-bit exponent): fips140 %.3f ms, OpenSSL BN_mod_exp_mont_consttime %.3f ms, "
           "ratio %.2fx\n", bn_mont_impl(), ours * 1e3, theirs * 1e3, theirs / ours);
    CHECK(same(r, nl, W), "bench modexp 1024 agrees");
    BN_MONT_CTX_free(mc);
    BN_free(N);
    BN_free(A);
    BN_free(E);
    BN_free(W);
    (void)sink;
}

/* `test_bn bench-prime`: Miller-Rabin on a 1024-bit prime (all bn_mr_rounds(1024) rounds) and on a 1024-bit
 * composite (one round), trial division of a 1024-bit number by the 308 odd primes below 2048, and FIPS 186-5 A.1.3
 * prime pairs for RSA-2048 (bn_rsa_gen_primes; random, so averaged over many pairs). Best of several runs. */
static void bench_prime(void)
{
    uint64_t w[BN_MAX_LIMBS], p[BN_MAX_LIMBS], q[BN_MAX_LIMBS], e[1] = {65537};
    BIGNUM *P = BN_new();
    BN_generate_prime_ex(P, 1024, 0, NULL, NULL, NULL);
    from_bn(w, 16, P);
    int rounds = bn_mr_rounds(1024), ok = 1;
    double best = 1e9;
    for (int trial = 0; trial < 5; trial++) {
        double t0 = now();
        for (int i = 0; i < 20; i++)
            ok &= bn_miller_rabin(w, 16, rounds) == 1;
        double t = (now() - t0) / 20;
        best = t < best ? t : best;
    }
    printf("Miller-Rabin 1024-bit prime, %d rounds: %.3f ms\n", rounds, best * 1e3);
    w[0] += 2; /* p + 2: odd; composite unless p, p + 2 are twin primes (checked) */
    BN_add_word(P, 2);
    int composite = BN_check_prime(P, ctx, NULL) == 0;
    best = 1e9;
    for (int trial = 0; trial < 5 && composite; trial++) {
        double t0 = now();
        for (int i = 0; i < 50; i++)
            ok &= bn_miller_rabin(w, 16, rounds) == 0;
        double t = (now() - t0) / 50;
        best = t < best ? t : best;
    }
    if (composite)
        printf("Miller-Rabin 1024-bit composite: %.3f ms\n", best * 1e3);
    CHECK(ok, "bench Miller-Rabin verdicts");
    /* trial division of the 1024-bit w by the 308 odd primes below 2048, all of them (the kept candidate's path) */
    uint32_t sp[308];
    uint64_t rc[308];
    size_t nsp = 0;
    for (uint32_t d = 3; d < 2048; d += 2) {
        int prime = 1;
        for (uint32_t f = 3; f * f <= d && prime; f += 2)
            prime = d % f != 0;
        if (prime) {
            rc[nsp] = bn_mod_word_recip(d);
            sp[nsp++] = d;
        }
    }
    volatile uint32_t acc = 0;
    best = 1e9;
    for (int trial = 0; trial < 5; trial++) {
        double t0 = now();
        for (int i = 0; i < 200; i++)
            for (size_t j = 0; j < nsp; j++)
                acc += bn_mod_word_ct(w, 16, sp[j], rc[j]);
        double t = (now() - t0) / 200;
        best = t < best ? t : best;
    }
    printf("trial division of a 1024-bit number by the %zu odd primes below 2048 (bn_mod_word_ct): %.1f us "
           "(checksum %u)\n", nsp, best * 1e6, (unsigned)acc);
    int pairs = 20, gen_ok = 1;
    double t0 = now();
    for (int i = 0; i < pairs; i++)
        gen_ok &= bn_rsa_gen_primes(p, q, 2048, e, 1) == 0;
    printf("A.1.3 prime pair for RSA-2048 (bn_rsa_gen_primes): %.1f ms average of %d\n",
           (now() - t0) / pairs * 1e3, pairs);
    CHECK(gen_ok, "bench prime pairs");
    BN_free(P);
}

int main(int argc, char **argv)
{
    ctx = BN_CTX_new();
    tu_rng rng = {0x626e};
    if (argc > 1 && strcmp(argv[1], "bench") == 0) {
        bench(&rng);
    } else if (argc > 1 && strcmp(argv[1], "bench-prime") == 0) {
        bench_prime();
    } else {
        test_basic(&rng);
        test_mont(&rng);
        test_exp(&rng);
        test_inv(&rng);
        test_mr();
        test_mod_word(&rng);
        test_mr_forms(&rng);
        test_rsa_primes();
    }
    BN_CTX_free(ctx);
    return tu_done();
}
