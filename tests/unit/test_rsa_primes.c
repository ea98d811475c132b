/* tests/unit/test_rsa_primes.c - FIPS 186-5 Appendix A.1 prime generation (module/rsa/rsa_primes*.c,
 * rsa_provable.c):
 *  - every AFT case of NIST's ACVP RSA keyGen FIPS186-5 set (provable, provable with provable auxiliary primes,
 *    probable with provable auxiliary primes, probable with probable auxiliary primes; table rsa_primes_kat.h made
 *    by tests/gen_rsa_primes_kat.py from the vendored set) gives NIST's p and q;
 *  - random generation by every method, with and without the p / q mod 8 requirements, checked with OpenSSL:
 *    BN_check_prime, nlen/2 bits and >= sqrt(2) 2^(nlen/2 - 1), |p - q| > 2^(nlen/2 - 100), gcd(p - 1, e) =
 *    gcd(q - 1, e) = 1, p = a mod 8 and q = b mod 8;
 *  - parameters a method does not allow are refused (RSA_PRIMES_BAD_PARAMS), and a given X that leads nowhere is
 *    FAILURE (RSA_PRIMES_FAIL).
 * Under ASan (-O0) fewer cases run (see SANITIZED). `test_rsa_primes kat|det|bad|random` runs one part.
 * `test_rsa_primes bench` times each method at 2048, 3072 and 4096 bits. */
#include "test_util.h"

#include <time.h>
#include <openssl/bn.h>

#include "rsa/rsa_internal.h"
#include "rsa_primes_kat.h"

static BN_CTX *ctx;

/* Under the sanitizers (a -O0 build several times slower) the test keeps its coverage of every method and mod-8
 * value but runs fewer cases: the first AFT case of each NIST group and fewer random pairs. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static size_t unhex(uint8_t *out, size_t cap, const char *hex)
{
    size_t n = strlen(hex) / 2;
    if (n > cap)
        abort();
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1)
            abort();
        out[i] = (uint8_t)v;
    }
    return n;
}

static BIGNUM *limbs_to_bn(const uint64_t *a, size_t n)
{
    uint8_t buf[BN_MAX_LIMBS * 8];
    bn_to_bytes(buf, n * 8, a, n);
    return BN_bin2bn(buf, (int)(n * 8), NULL);
}

/* e as limbs for rsa_primes_generate; returns el */
static size_t e_limbs(uint64_t *e, const uint8_t *eb, size_t elen)
{
    if (bn_from_bytes(e, 4, eb, elen) != 0)
        abort();
    size_t bits = bn_bits_vartime(e, 4);
    return (bits + 63) / 64;
}

static void test_kats(void)
{
    for (size_t i = 0; i < sizeof rsa_primes_kats / sizeof rsa_primes_kats[0]; i++) {
        const struct rsa_primes_kat *k = &rsa_primes_kats[i];
        const struct rsa_primes_kat *prev = i > 0 ? &rsa_primes_kats[i - 1] : NULL;
        if (SANITIZED && prev && prev->method == k->method && prev->nbits == k->nbits)
            continue;
        uint8_t eb[32], seed[64], xp[512], xq[512], x1[512], x2[512], x3[512], x4[512], wp[512], wq[512];
        uint64_t e[4], p[BN_MAX_LIMBS], q[BN_MAX_LIMBS];
        fips140_rsa_keygen_params pr;
        memset(&pr, 0, sizeof pr);
        pr.method = k->method;
        pr.nbits = k->nbits;
        pr.p_mod8 = k->pmod8;
        pr.q_mod8 = k->qmod8;
        pr.hash = k->hash;
        memcpy(pr.bitlens, k->bitlens, sizeof pr.bitlens);
        size_t elen = unhex(eb, sizeof eb, k->e);
        pr.e = eb;
        pr.elen = elen;
        if (k->seed)
            pr.seed = seed, pr.seedlen = unhex(seed, sizeof seed, k->seed);
        if (k->xp)
            pr.xp = xp, pr.xplen = unhex(xp, sizeof xp, k->xp);
        if (k->xq)
            pr.xq = xq, pr.xqlen = unhex(xq, sizeof xq, k->xq);
        if (k->xp1)
            pr.xp1 = x1, pr.xp1len = unhex(x1, sizeof x1, k->xp1);
        if (k->xp2)
            pr.xp2 = x2, pr.xp2len = unhex(x2, sizeof x2, k->xp2);
        if (k->xq1)
            pr.xq1 = x3, pr.xq1len = unhex(x3, sizeof x3, k->xq1);
        if (k->xq2)
            pr.xq2 = x4, pr.xq2len = unhex(x4, sizeof x4, k->xq2);
        size_t el = e_limbs(e, eb, elen), half = k->nbits / 128, hb = half * 8;
        int rc = rsa_primes_generate(&pr, e, el, p, q);
        CHECK(rc == RSA_PRIMES_OK, "tcId %d: rsa_primes_generate = %d", k->tcid, rc);
        if (rc != RSA_PRIMES_OK)
            continue;
        uint8_t gp[512], gq[512];
        bn_to_bytes(gp, hb, p, half);
        bn_to_bytes(gq, hb, q, half);
        size_t lp = unhex(wp, sizeof wp, k->p), lq = unhex(wq, sizeof wq, k->q);
        CHECK(lp == hb && lq == hb, "tcId %d: expected lengths", k->tcid);
        CHECK_MEM(gp, wp, hb, "tcId %d: p", k->tcid);
        CHECK_MEM(gq, wq, hb, "tcId %d: q", k->tcid);
    }
}

/* the checks of a generated pair; returns 1 when all hold */
static int check_pair(const char *what, const uint64_t *p, const uint64_t *q, unsigned nbits, const BIGNUM *e,
                      unsigned a, unsigned b)
{
    const size_t half = nbits / 128, L = nbits / 2;
    BIGNUM *bp = limbs_to_bn(p, half), *bq = limbs_to_bn(q, half), *t = BN_new(), *g = BN_new(), *bound = BN_new();
    unsigned long before = tu_failed;
    CHECK(BN_check_prime(bp, ctx, NULL) == 1, "%s: p prime", what);
    CHECK(BN_check_prime(bq, ctx, NULL) == 1, "%s: q prime", what);
    CHECK(BN_num_bits(bp) == (int)L && BN_num_bits(bq) == (int)L, "%s: nlen/2 bits", what);
    /* p >= sqrt(2) 2^(L-1) <=> p^2 >= 2^(2L-1) */
    BN_set_word(bound, 0);
    BN_set_bit(bound, (int)(2 * L - 1));
    BN_sqr(t, bp, ctx);
    CHECK(BN_cmp(t, bound) >= 0, "%s: p >= sqrt(2) 2^(L-1)", what);
    BN_sqr(t, bq, ctx);
    CHECK(BN_cmp(t, bound) >= 0, "%s: q >= sqrt(2) 2^(L-1)", what);
    BN_sub(t, bp, bq);
    BN_set_negative(t, 0);
    BN_set_word(bound, 0);
    BN_set_bit(bound, (int)(L - 100));
    CHECK(BN_cmp(t, bound) > 0, "%s: |p - q| > 2^(L-100)", what);
    BN_sub(t, bp, BN_value_one());
    BN_gcd(g, t, e, ctx);
    CHECK(BN_is_one(g), "%s: gcd(p - 1, e) = 1", what);
    BN_sub(t, bq, BN_value_one());
    BN_gcd(g, t, e, ctx);
    CHECK(BN_is_one(g), "%s: gcd(q - 1, e) = 1", what);
    if (a)
        CHECK((p[0] & 7u) == a, "%s: p = %u mod 8 (got %u)", what, a, (unsigned)(p[0] & 7u));
    if (b)
        CHECK((q[0] & 7u) == b, "%s: q = %u mod 8 (got %u)", what, b, (unsigned)(q[0] & 7u));
    BN_free(bp);
    BN_free(bq);
    BN_free(t);
    BN_free(g);
    BN_free(bound);
    return tu_failed == before;
}

static const struct {
    fips140_rsa_prime_method method;
    int aux_lengths; /* give bitlens */
    const char *name;
} methods[] = {
    {FIPS140_RSA_PRIMES_PROBABLE, 0, "A.1.3 probable"},
    {FIPS140_RSA_PRIMES_PROVABLE, 0, "A.1.2 provable"},
    {FIPS140_RSA_PRIMES_PROVABLE, 1, "A.1.4 provable, provable aux"},
    {FIPS140_RSA_PRIMES_PROBABLE_PROVABLE_AUX, 0, "A.1.5 probable, provable aux"},
    {FIPS140_RSA_PRIMES_PROBABLE_PROBABLE_AUX, 1, "A.1.6 probable, probable aux"},
};

static void test_random(void)
{
    /* every method with no requirement and with every p and q residue; one 3072-bit pair per method */
    static const unsigned mods[][2] = {{0, 0}, {1, 3}, {5, 7}, {7, 1}, {3, 5}};
    static const uint8_t f4[3] = {1, 0, 1}, ebig[9] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x11};
    for (size_t mi = 0; mi < sizeof methods / sizeof methods[0]; mi++) {
        for (size_t k = 0; k < sizeof mods / sizeof mods[0]; k++) {
            if (SANITIZED && k != 0 && k != 1 + mi % 4) /* sanitizers: (0, 0) and one residue pair per method */
                continue;
            unsigned nbits = k == 4 ? 3072 : 2048; /* one larger modulus per method */
            const uint8_t *eb = k % 2 ? ebig : f4;
            size_t elen = k % 2 ? sizeof ebig : sizeof f4;
            fips140_rsa_keygen_params pr;
            memset(&pr, 0, sizeof pr);
            pr.method = methods[mi].method;
            pr.nbits = nbits;
            pr.e = eb;
            pr.elen = elen;
            pr.p_mod8 = mods[k][0];
            pr.q_mod8 = mods[k][1];
            if (methods[mi].aux_lengths) {
                unsigned base = nbits == 2048 ? 150 : 180;
                pr.bitlens[0] = base + 7;
                pr.bitlens[1] = base + 33;
                pr.bitlens[2] = base + 64;
                pr.bitlens[3] = base + 1;
            }
            if (pr.method == FIPS140_RSA_PRIMES_PROVABLE && k == 3)
                pr.hash = FIPS140_SHA3_384;
            uint64_t e[4], p[BN_MAX_LIMBS], q[BN_MAX_LIMBS];
            size_t el = e_limbs(e, eb, elen);
            char what[128];
            snprintf(what, sizeof what, "%s nlen %u mod8 %u/%u", methods[mi].name, nbits, pr.p_mod8, pr.q_mod8);
            int rc = rsa_primes_generate(&pr, e, el, p, q);
            CHECK(rc == RSA_PRIMES_OK, "%s: rc %d", what, rc);
            if (rc != RSA_PRIMES_OK)
                continue;
            BIGNUM *be = BN_bin2bn(eb, (int)elen, NULL);
            check_pair(what, p, q, nbits, be, pr.p_mod8, pr.q_mod8);
            BN_free(be);
        }
    }
}

/* the given-seed constructions are deterministic: the same seed gives the same primes, another seed others */
static void test_deterministic(void)
{
    uint8_t seed[32], f4[3] = {1, 0, 1};
    for (size_t i = 0; i < sizeof seed; i++)
        seed[i] = (uint8_t)(0x80 + 7 * i);
    uint64_t e[4], p1[BN_MAX_LIMBS], q1[BN_MAX_LIMBS], p2[BN_MAX_LIMBS], q2[BN_MAX_LIMBS];
    size_t el = e_limbs(e, f4, sizeof f4);
    fips140_rsa_keygen_params pr;
    memset(&pr, 0, sizeof pr);
    pr.method = FIPS140_RSA_PRIMES_PROVABLE;
    pr.nbits = 2048;
    pr.seed = seed;
    pr.seedlen = sizeof seed;
    pr.p_mod8 = 3;
    pr.q_mod8 = 7;
    CHECK(rsa_primes_generate(&pr, e, el, p1, q1) == RSA_PRIMES_OK, "seeded provable");
    CHECK(rsa_primes_generate(&pr, e, el, p2, q2) == RSA_PRIMES_OK, "seeded provable again");
    CHECK(memcmp(p1, p2, 16 * 8) == 0 && memcmp(q1, q2, 16 * 8) == 0, "same seed, same primes");
    BIGNUM *be = BN_bin2bn(f4, 3, NULL);
    check_pair("seeded provable mod8 3/7", p1, q1, 2048, be, 3, 7);
    seed[31] ^= 1;
    CHECK(rsa_primes_generate(&pr, e, el, p2, q2) == RSA_PRIMES_OK, "other seed");
    CHECK(memcmp(p1, p2, 16 * 8) != 0, "other seed, other p");
    BN_free(be);
}

static void test_bad_params(void)
{
    uint8_t f4[3] = {1, 0, 1}, seed[32], small_seed[20], x[129];
    memset(seed, 0xA5, sizeof seed);
    memset(small_seed, 0xA5, sizeof small_seed);
    uint64_t e[4], p[BN_MAX_LIMBS], q[BN_MAX_LIMBS];
    size_t el = e_limbs(e, f4, sizeof f4);
    fips140_rsa_keygen_params pr, base;
    memset(&base, 0, sizeof base);
    base.nbits = 2048;
    base.method = FIPS140_RSA_PRIMES_PROBABLE;
#define EXPECT(rcwant, what)                                                                     \
    do {                                                                                         \
        memset(p, 0x5a, sizeof p);                                                               \
        int rc_ = rsa_primes_generate(&pr, e, el, p, q);                                         \
        CHECK(rc_ == (rcwant), "%s: rc %d, want %d", what, rc_, rcwant);                         \
        if (rc_ != RSA_PRIMES_OK)                                                                \
            CHECK(p[0] == 0x5a5a5a5a5a5a5a5aull || p[0] == 0, "%s: p untouched or zeroised", what); \
    } while (0)
    pr = base, pr.p_mod8 = 2;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "p_mod8 even");
    pr = base, pr.q_mod8 = 9;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "q_mod8 9");
    pr = base, pr.method = (fips140_rsa_prime_method)0;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "method 0");
    pr = base, pr.method = (fips140_rsa_prime_method)9;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "method 9");
    pr = base, pr.nbits = 2000;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "nbits 2000");
    pr = base, pr.nbits = 1024;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "nbits 1024");
    pr = base, pr.seed = seed, pr.seedlen = sizeof seed;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "A.1.3 with a seed");
    pr = base, pr.bitlens[0] = 200;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "A.1.3 with bitlens");
    pr = base, pr.hash = FIPS140_SHA256;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "A.1.3 with a hash");
    base.method = FIPS140_RSA_PRIMES_PROVABLE;
    pr = base, pr.seed = small_seed, pr.seedlen = sizeof small_seed;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "seed below 2 * 112 bits");
    pr = base, pr.seed = seed, pr.seedlen = sizeof seed, pr.hash = FIPS140_SHA1;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "SHA-1");
    pr = base, pr.seed = seed, pr.seedlen = sizeof seed, pr.hash = FIPS140_SHAKE128;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "SHAKE128");
    pr = base, pr.seed = seed, pr.seedlen = sizeof seed, pr.bitlens[0] = 140, pr.bitlens[1] = 150,
    pr.bitlens[2] = 150, pr.bitlens[3] = 150;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "auxiliary prime of 140 bits");
    pr = base, pr.seed = seed, pr.seedlen = sizeof seed, pr.bitlens[0] = 300, pr.bitlens[1] = 200,
    pr.bitlens[2] = 150, pr.bitlens[3] = 150;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "provable: len(p1) + len(p2) >= 494");
    pr = base, pr.xp = x, pr.xplen = sizeof x;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "provable with xP");
    base.method = FIPS140_RSA_PRIMES_PROBABLE_PROBABLE_AUX;
    memset(x, 0xff, sizeof x);
    pr = base, pr.xp1 = x, pr.xp1len = 20;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "xP1 without xP2, xQ1, xQ2");
    pr = base, pr.seed = seed, pr.seedlen = sizeof seed;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "A.1.6 with a seed");
    pr = base, pr.bitlens[0] = 600, pr.bitlens[1] = 500, pr.bitlens[2] = 150, pr.bitlens[3] = 150;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "probable: len(p1) + len(p2) >= 1007");
    x[0] = 0x40;
    pr = base, pr.xp = x, pr.xplen = sizeof x;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "xP below sqrt(2) 2^1023");
    x[0] = 0xff;
    pr = base, pr.xp = x, pr.xplen = 129;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "xP longer than 1024 bits");
    /* xP = 2^1024 - 1: Y = X + ((R - X) mod 2 p1 p2) is 2^1024 or more unless R = X mod 2 p1 p2: FAILURE */
    pr = base, pr.xp = x, pr.xplen = 128;
    EXPECT(RSA_PRIMES_FAIL, "xP = 2^1024 - 1");
    base.method = FIPS140_RSA_PRIMES_PROBABLE_PROVABLE_AUX;
    pr = base, pr.xp1 = x, pr.xp1len = 20;
    EXPECT(RSA_PRIMES_BAD_PARAMS, "A.1.5 with xP1");
#undef EXPECT
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void bench(void)
{
    static const uint8_t f4[3] = {1, 0, 1};
    static const unsigned sizes[] = {2048, 3072, 4096};
    uint64_t e[4], p[BN_MAX_LIMBS], q[BN_MAX_LIMBS];
    size_t el = e_limbs(e, f4, sizeof f4);
    for (size_t mi = 0; mi < sizeof methods / sizeof methods[0]; mi++) {
        for (size_t s = 0; s < 3; s++) {
            fips140_rsa_keygen_params pr;
            memset(&pr, 0, sizeof pr);
            pr.method = methods[mi].method;
            pr.nbits = sizes[s];
            if (methods[mi].aux_lengths)
                for (int i = 0; i < 4; i++)
                    pr.bitlens[i] = sizes[s] == 2048 ? 141 : sizes[s] == 3072 ? 171 : 201;
            const int reps = 5;
            double t0 = now();
            for (int r = 0; r < reps; r++)
                if (rsa_primes_generate(&pr, e, el, p, q) != RSA_PRIMES_OK)
                    printf("  failed\n");
            printf("%-32s nlen %u: %8.1f ms per pair (mean of %d)\n", methods[mi].name, sizes[s],
                   (now() - t0) * 1000 / reps, reps);
        }
    }
}

int main(int argc, char **argv)
{
    ctx = BN_CTX_new();
    if (argc > 1 && strcmp(argv[1], "bench") == 0) {
        bench();
        BN_CTX_free(ctx);
        return 0;
    }
    const char *only = argc > 1 ? argv[1] : "";
    if (!*only || strcmp(only, "kat") == 0)
        test_kats();
    if (!*only || strcmp(only, "det") == 0)
        test_deterministic();
    if (!*only || strcmp(only, "bad") == 0)
        test_bad_params();
    if (!*only || strcmp(only, "random") == 0)
        test_random();
    BN_CTX_free(ctx);
    return tu_done();
}
