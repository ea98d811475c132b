/* bench/bn_bench.c - the module's big-number exponentiation (module/bn) against OpenSSL's BIGNUM, in one run:
 * constant-time modexp with an exponent as long as the modulus (1024/1536/2048 bits: the CRT halves of RSA-2048/
 * 3072 and a full RSA-2048 exponent), public-exponent modexp with e = 65537 (RSA verification) and Montgomery
 * set-up. Each cell is the median of R rounds, the two libraries alternating per round so that load from other
 * processes hits both alike. FIPS140_CPU=portable selects the portable path (see `fips140 info`).
 *
 * Build (from the repository root, after building fips140_static in build-<dir>):
 *   cc -O2 -std=c11 -Iinclude -Imodule bench/bn_bench.c build-<dir>/lib/libfips140.a -lcrypto -o /tmp/bn_bench
 * Usage: bn_bench [rounds, default 7] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/bn.h>
#include "bn/bn.h"
#include "bn/bn_x86.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static void to_bn(BIGNUM *r, const uint64_t *a, size_t n)
{
    uint8_t buf[BN_MAX_LIMBS * 8];
    bn_to_bytes(buf, n * 8, a, n);
    BN_bin2bn(buf, (int)(n * 8), r);
}

/* a deterministic pseudo-random fill (xorshift64*) */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 7;
    if (rounds < 1 || rounds > 99)
        rounds = 7;
    static bn_mont m;
    uint64_t n[BN_MAX_LIMBS], a[BN_MAX_LIMBS], e[BN_MAX_LIMBS], r[BN_MAX_LIMBS];
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *N = BN_new(), *A = BN_new(), *E = BN_new(), *W = BN_new(), *F4 = BN_new();
    BN_set_word(F4, 65537);
    double ours[99], theirs[99];
    volatile uint64_t sink = 0;
    int bad = 0;
    printf("| Operation | fips140 [%s] | OpenSSL | Ratio (OpenSSL time / fips140 time) |\n|---|---:|---:|---:|\n",
           bn_exp_impl(16));
    static const size_t sizes[] = {1024, 1536, 2048, 3072};
    for (size_t s = 0; s < 4; s++) {
        size_t bits = sizes[s], nl = bits / 64;
        for (size_t i = 0; i < nl; i++)
            n[i] = rnd(), a[i] = rnd(), e[i] = rnd();
        n[nl - 1] |= 1ull << 63;
        n[0] |= 1;
        a[nl - 1] >>= 1;
        bn_mont_init(&m, n, nl);
        to_bn(N, n, nl);
        to_bn(A, a, nl);
        to_bn(E, e, nl);
        BN_MONT_CTX *mc = BN_MONT_CTX_new();
        BN_MONT_CTX_set(mc, N, ctx);
        int iters = (int)(200 * 1024 * 1024 / (bits * bits)) + 1;
        /* secret exponent of the modulus' length */
        for (int t = 0; t < rounds; t++) {
            double t0 = now();
            for (int i = 0; i < iters; i++)
                bn_mod_exp(&m, r, a, e, bits), sink ^= r[0];
            ours[t] = (now() - t0) / iters;
            t0 = now();
            for (int i = 0; i < iters; i++)
                BN_mod_exp_mont_consttime(W, A, E, N, ctx, mc);
            theirs[t] = (now() - t0) / iters;
        }
        to_bn(A, r, nl);
        bad |= BN_cmp(A, W) != 0;
        to_bn(A, a, nl);
        double o = median(ours, rounds), th = median(theirs, rounds);
        printf("| modexp %zu-bit, %zu-bit secret exponent | %.1f us | %.1f us (BN_mod_exp_mont_consttime) | %.2f |\n",
               bits, bits, o * 1e6, th * 1e6, th / o);
        /* public exponent 65537 */
        uint64_t f4[1] = {65537};
        iters *= 20;
        for (int t = 0; t < rounds; t++) {
            double t0 = now();
            for (int i = 0; i < iters; i++)
                bn_mod_exp_vartime(&m, r, a, f4, 17), sink ^= r[0];
            ours[t] = (now() - t0) / iters;
            t0 = now();
            for (int i = 0; i < iters; i++)
                BN_mod_exp_mont(W, A, F4, N, ctx, mc);
            theirs[t] = (now() - t0) / iters;
        }
        to_bn(A, r, nl);
        bad |= BN_cmp(A, W) != 0;
        o = median(ours, rounds), th = median(theirs, rounds);
        printf("| modexp %zu-bit, e = 65537 | %.2f us | %.2f us (BN_mod_exp_mont) | %.2f |\n", bits, o * 1e6,
               th * 1e6, th / o);
        /* Montgomery set-up (R^2 mod n) */
        for (int t = 0; t < rounds; t++) {
            double t0 = now();
            for (int i = 0; i < iters; i++)
                bn_mont_init(&m, n, nl), sink ^= m.rr[0];
            ours[t] = (now() - t0) / iters;
            t0 = now();
            for (int i = 0; i < iters; i++)
                BN_MONT_CTX_set(mc, N, ctx);
            theirs[t] = (now() - t0) / iters;
        }
        o = median(ours, rounds), th = median(theirs, rounds);
        printf("| Montgomery set-up %zu-bit | %.2f us | %.2f us (BN_MONT_CTX_set) | %.2f |\n", bits, o * 1e6,
               th * 1e6, th / o);
        BN_MONT_CTX_free(mc);
    }
    /* bn_mod_exp2: the two CRT halves of RSA-2048 / RSA-3072 / RSA-4096 at once, against two bn_mod_exp calls */
    for (size_t bits = 1024; bits <= 2048; bits += 512) {
        static bn_mont m2;
        uint64_t n2[BN_MAX_LIMBS], a2[BN_MAX_LIMBS], e2[BN_MAX_LIMBS], r2[BN_MAX_LIMBS];
        size_t nl = bits / 64;
        for (size_t i = 0; i < nl; i++)
            n[i] = rnd(), a[i] = rnd(), e[i] = rnd(), n2[i] = rnd(), a2[i] = rnd(), e2[i] = rnd();
        n[nl - 1] |= 1ull << 63, n2[nl - 1] |= 1ull << 63;
        n[0] |= 1, n2[0] |= 1;
        a[nl - 1] >>= 1, a2[nl - 1] >>= 1;
        bn_mont_init(&m, n, nl);
        bn_mont_init(&m2, n2, nl);
        int iters = (int)(100 * 1024 * 1024 / (bits * bits)) + 1;
        for (int t = 0; t < rounds; t++) {
            double t0 = now();
            for (int i = 0; i < iters; i++)
                bn_mod_exp2(&m, r, a, e, bits, &m2, r2, a2, e2, bits), sink ^= r[0] ^ r2[0];
            ours[t] = (now() - t0) / iters;
            t0 = now();
            for (int i = 0; i < iters; i++) {
                bn_mod_exp(&m, r, a, e, bits);
                bn_mod_exp(&m2, r2, a2, e2, bits);
                sink ^= r[0] ^ r2[0];
            }
            theirs[t] = (now() - t0) / iters;
        }
        BN_MONT_CTX *mc = BN_MONT_CTX_new();
        uint64_t x[BN_MAX_LIMBS], y[BN_MAX_LIMBS];
        bn_mod_exp2(&m, x, a, e, bits, &m2, y, a2, e2, bits - 3);
        to_bn(N, n, nl), to_bn(A, a, nl), to_bn(E, e, nl);
        BN_MONT_CTX_set(mc, N, ctx);
        BN_mod_exp_mont_consttime(W, A, E, N, ctx, mc);
        to_bn(A, x, nl);
        bad |= BN_cmp(A, W) != 0;
        e2[(bits - 3) / 64] &= (1ull << ((bits - 3) % 64)) - 1; /* the bits above ebits2 do not count */
        for (size_t i = (bits - 3) / 64 + 1; i < nl; i++)
            e2[i] = 0;
        to_bn(N, n2, nl), to_bn(A, a2, nl), to_bn(E, e2, nl);
        BN_MONT_CTX_set(mc, N, ctx);
        BN_mod_exp_mont_consttime(W, A, E, N, ctx, mc);
        to_bn(A, y, nl);
        bad |= BN_cmp(A, W) != 0;
        BN_MONT_CTX_free(mc);
        double o = median(ours, rounds), th = median(theirs, rounds);
        printf("| two %zu-bit modexps: bn_mod_exp2 vs 2 x bn_mod_exp | %.1f us | %.1f us (fips140, two calls) | %.2f |\n",
               bits, o * 1e6, th * 1e6, th / o);
    }
    BN_free(N), BN_free(A), BN_free(E), BN_free(W), BN_free(F4);
    BN_CTX_free(ctx);
    (void)sink;
    if (bad)
        fprintf(stderr, "bn_bench: MISMATCH with OpenSSL\n");
    return bad;
}
