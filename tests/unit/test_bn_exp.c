/* tests/unit/test_bn_exp.c - the fast paths of module/bn against OpenSSL's BN_*: bn_mod_exp2 (two interleaved
 * constant-time exponentiations, AVX-512 IFMA when present) for moduli of 1..64 limbs with equal and different
 * exponent lengths, extreme operands (0, 1, n-1, all-ones exponents); bn_mod_exp_vartime with short public
 * exponents; bn_mod_inv_odd (optimised binary GCD) on special and random inputs, including moduli with short top
 * limbs and non-invertible values. Runs on every FIPS140_CPU path (the IFMA code where the CPU has it, the portable
 * code under FIPS140_CPU=portable). */
#include "test_util.h"

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

static int same(const uint64_t *a, size_t n, const BIGNUM *b)
{
    BIGNUM *t = BN_new();
    to_bn(t, a, n);
    int eq = BN_cmp(t, b) == 0;
    BN_free(t);
    return eq;
}

/* an odd modulus of nl limbs whose top limb keeps `bits` bits (1..64) */
static void rand_mod(tu_rng *rng, uint64_t *n, size_t nl, unsigned bits)
{
    tu_fill(rng, n, nl * 8);
    if (bits < 64)
        n[nl - 1] &= (1ull << bits) - 1;
    n[nl - 1] |= 1ull << (bits - 1);
    n[0] |= 1;
    if (nl == 1 && n[0] < 3)
        n[0] = 3;
}

/* a below n: random, or (kind) 0, 1, n-1 */
static void rand_base(tu_rng *rng, uint64_t *a, const uint64_t *n, size_t nl, int kind)
{
    BIGNUM *A = BN_new(), *N = BN_new();
    to_bn(N, n, nl);
    if (kind == 0)
        BN_zero(A);
    else if (kind == 1)
        BN_one(A);
    else if (kind == 2)
        BN_sub(A, N, BN_value_one());
    else {
        tu_fill(rng, a, nl * 8);
        to_bn(A, a, nl);
        BN_mod(A, A, N, ctx);
    }
    from_bn(a, nl, A);
    BN_free(A);
    BN_free(N);
}

/* the expected a^e mod n, e's bits at and above ebits ignored */
static void expect(BIGNUM *W, const uint64_t *a, const uint64_t *e, size_t ebits, const uint64_t *n, size_t nl)
{
    BIGNUM *A = BN_new(), *E = BN_new(), *N = BN_new();
    to_bn(A, a, nl);
    to_bn(N, n, nl);
    to_bn(E, e, nl);
    BN_mask_bits(E, (int)ebits);
    BN_mod_exp(W, A, E, N, ctx);
    BN_free(A);
    BN_free(E);
    BN_free(N);
}

static void test_exp2(tu_rng *rng)
{
    static bn_mont m1, m2;
    uint64_t n1[BN_MAX_LIMBS], n2[BN_MAX_LIMBS], a1[BN_MAX_LIMBS], a2[BN_MAX_LIMBS], e1[BN_MAX_LIMBS],
        e2[BN_MAX_LIMBS], r1[BN_MAX_LIMBS], r2[BN_MAX_LIMBS];
    BIGNUM *W = BN_new();
    for (int it = 0; it < 160; it++) {
        /* mostly the sizes with an interleaved path (13..25 limbs), some others, some large */
        size_t nl = it < 60 ? 13 + (size_t)it % 13 : it < 155 ? 1 + tu_below(rng, 40) : 41 + tu_below(rng, 24);
        unsigned tb1 = it % 4 == 0 ? 1 + (unsigned)tu_below(rng, 64) : 64;
        unsigned tb2 = it % 5 == 0 ? 1 + (unsigned)tu_below(rng, 64) : 64;
        rand_mod(rng, n1, nl, tb1);
        rand_mod(rng, n2, nl, tb2);
        if (it % 17 == 0)
            memcpy(n2, n1, nl * 8); /* the same modulus twice */
        CHECK(bn_mont_init(&m1, n1, nl) == 0 && bn_mont_init(&m2, n2, nl) == 0, "init %zu limbs", nl);
        rand_base(rng, a1, n1, nl, it % 11 < 3 ? it % 11 : 3);
        rand_base(rng, a2, n2, nl, it % 7 < 3 ? (it + 1) % 3 : 3);
        tu_fill(rng, e1, nl * 8);
        tu_fill(rng, e2, nl * 8);
        if (it % 9 == 0)
            memset(e1, 0xff, nl * 8); /* every window the largest */
        size_t eb1 = 64 * nl - tu_below(rng, 70 < 64 * nl ? 70 : 64 * nl);
        size_t eb2 = it % 3 == 0 ? eb1 : tu_below(rng, 64 * nl + 1);
        if (it % 23 == 0)
            eb2 = 0;
        bn_mod_exp2(&m1, r1, a1, e1, eb1, &m2, r2, a2, e2, eb2);
        expect(W, a1, e1, eb1, n1, nl);
        CHECK(same(r1, nl, W), "exp2 first, %zu limbs, %zu exponent bits", nl, eb1);
        expect(W, a2, e2, eb2, n2, nl);
        CHECK(same(r2, nl, W), "exp2 second, %zu limbs, %zu exponent bits", nl, eb2);
        /* the single form agrees, also in place */
        memcpy(r2, a1, nl * 8);
        bn_mod_exp(&m1, r2, r2, e1, eb1);
        CHECK(memcmp(r1, r2, nl * 8) == 0, "exp2 == exp, %zu limbs", nl);
        /* public exponents: 65537, 3, a 256-bit one */
        uint64_t f[4] = {65537, 0, 0, 0};
        size_t fb = 17;
        if (it % 3 == 1)
            f[0] = 3, fb = 2;
        else if (it % 3 == 2 && nl >= 4)
            tu_fill(rng, f, sizeof f), f[3] |= 1ull << 63, f[0] |= 1, fb = 256;
        uint64_t fe[BN_MAX_LIMBS] = {0};
        memcpy(fe, f, (nl < 4 ? nl : 4) * 8);
        bn_mod_exp_vartime(&m1, r1, a1, fe, fb);
        expect(W, a1, fe, fb, n1, nl);
        CHECK(same(r1, nl, W), "exp_vartime, %zu limbs, %zu exponent bits", nl, fb);
    }
    BN_free(W);
}

static void test_inv(tu_rng *rng)
{
    uint64_t m[BN_MAX_LIMBS], x[BN_MAX_LIMBS], r[BN_MAX_LIMBS];
    BIGNUM *M = BN_new(), *X = BN_new(), *W = BN_new(), *G = BN_new();
    for (int it = 0; it < 800; it++) {
        size_t nl = 1 + tu_below(rng, it % 40 == 0 ? BN_MAX_LIMBS : 20);
        rand_mod(rng, m, nl, it % 3 == 0 ? 1 + (unsigned)tu_below(rng, 64) : 64);
        if (it % 7 == 0) /* all ones below the top bit */
            for (size_t i = 0; i + 1 < nl; i++)
                m[i] = ~0ull;
        to_bn(M, m, nl);
        switch (it % 8) {
        case 0: BN_one(X); break;
        case 1: BN_sub(X, M, BN_value_one()); break;
        case 2: BN_set_word(X, 2); break;
        case 3: BN_zero(X); BN_set_bit(X, (int)tu_below(rng, (size_t)BN_num_bits(M))); break;
        case 4: BN_rshift1(X, M); break; /* (m-1)/2 */
        case 5: BN_set_word(X, 3); BN_mul(X, X, M, ctx); BN_set_word(W, 9); BN_add(X, X, W); break; /* gcd 3? */
        default: BN_rand_range(X, M);
        }
        BN_mod(X, X, M, ctx);
        from_bn(x, nl, X);
        uint64_t ok = bn_mod_inv_odd(r, x, m, nl);
        BN_gcd(G, X, M, ctx);
        int invertible = BN_is_one(G);
        CHECK(ok == (invertible ? ~0ull : 0), "inv verdict, %zu limbs, case %d", nl, it % 8);
        if (invertible && ok) {
            BN_mod_inverse(W, X, M, ctx);
            CHECK(same(r, nl, W), "inv value, %zu limbs, case %d", nl, it % 8);
        }
    }
    BN_free(M);
    BN_free(X);
    BN_free(W);
    BN_free(G);
}

int main(void)
{
    ctx = BN_CTX_new();
    tu_rng rng = {0x65787032};
    test_exp2(&rng);
    test_inv(&rng);
    BN_CTX_free(ctx);
    return tu_done();
}
