/* bench/kdf_bench.c - OpenSSL's side of the key-derivation rows of bench/compare.py: OpenSSL 3 libcrypto's EVP_KDF
 * "HKDF" and "PBKDF2" with exactly the parameters `fips140 speed` uses for HKDF-SHA2-256 and PBKDF2-HMAC-SHA2-256
 * (cli/cmd_speed.c), since `openssl speed` has no KDF benchmark.
 *
 *   HKDF-SHA2-256         extract-and-expand (RFC 5869), 32-byte IKM, 32-byte salt, 10-byte info, 32 bytes out:
 *                         derivations per second ("ops_per_second").
 *   PBKDF2-HMAC-SHA2-256  16-byte password, 16-byte salt, 10000 iterations, 32 bytes out (one HMAC block):
 *                         iterations per second ("iterations_per_second" = calls per second x 10000).
 *
 * The parameters are set on the EVP_KDF_CTX once and each timed call is EVP_KDF_derive(ctx, out, len, NULL): the
 * digest is fetched once, as in OpenSSL's best case; the derivation itself (HMAC keying, extract, expand) runs in
 * full on every call. Output: one JSON object per line, as `fips140 speed --json`, e.g.
 *   {"algorithm":"HKDF-SHA2-256","ops_per_second":123456.7}
 *   {"algorithm":"PBKDF2-HMAC-SHA2-256","iterations_per_second":1234567.0,"iterations":10000}
 * Every set-up is checked against a known answer first (RFC 5869 A.1, and the benchmark inputs' outputs computed
 * with Python's hmac and hashlib modules), so a broken set-up cannot be timed as a fast one.
 *
 * Built by CMake as build/bin/kdf_bench when OpenSSL's libcrypto is found (it does not link the module); by hand:
 *   cc -O2 -std=c11 bench/kdf_bench.c -lcrypto -o /tmp/kdf_bench
 * Usage: kdf_bench [--seconds S] [--cpu-time] [ALG...]   (default: both; S = 1)
 * --cpu-time counts the process' CPU time (CLOCK_PROCESS_CPUTIME_ID), like `fips140 speed --cpu-time` and
 * `openssl speed` without -elapsed; otherwise wall-clock time (CLOCK_MONOTONIC). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#define PBKDF2_ITERATIONS 10000u /* must match cli/cmd_speed.c (compare.py checks the "iterations" fields) */
/* HKDF_EXPECTED - the benchmark's HKDF output for the inputs of bench_hkdf, computed with Python's hmac module */
#define HKDF_EXPECTED "012bf6dee010abc1256b4d300223a8fcbe63aee7f9da1f7eb16c0d5d82fb438d"
/* PBKDF2_EXPECTED - hashlib.pbkdf2_hmac("sha256", password, salt, 10000, 32) for the inputs of bench_pbkdf2 */
#define PBKDF2_EXPECTED "7298e4e3521e556d1e05fd86716898fad1bcec796df455ebed535111d26f8e75"

static clockid_t bench_clock = CLOCK_MONOTONIC;

/* now_seconds - the chosen clock as a double. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(bench_clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* fill - a deterministic byte pattern (the same formula as cli/cmd_speed.c's KDF inputs). */
static void fill(unsigned char *p, size_t n, unsigned mul, unsigned add)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * mul + add);
}

/* new_kdf - an EVP_KDF_CTX for name with params set once, or NULL (with OpenSSL's error queue on stderr). */
static EVP_KDF_CTX *new_kdf(const char *name, const OSSL_PARAM *params)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, name, NULL);
    EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    EVP_KDF_free(kdf);
    if (ctx && EVP_KDF_CTX_set_params(ctx, params) != 1) {
        EVP_KDF_CTX_free(ctx);
        ctx = NULL;
    }
    if (!ctx) {
        fprintf(stderr, "kdf_bench: %s: cannot set up EVP_KDF\n", name);
        ERR_print_errors_fp(stderr);
    }
    return ctx;
}

/* time_derive - calls per second of EVP_KDF_derive(ctx, out, outlen) over about `seconds` (batches grow until one
 * takes ~1 ms, at least 2 calls); 0 on a failed call. */
static double time_derive(EVP_KDF_CTX *ctx, unsigned char *out, size_t outlen, double seconds)
{
    unsigned long long total = 0, batch = 1;
    double start = now_seconds(), elapsed = 0.0;
    do {
        double t0 = now_seconds();
        for (unsigned long long i = 0; i < batch; i++)
            if (EVP_KDF_derive(ctx, out, outlen, NULL) != 1)
                return 0.0;
        double t1 = now_seconds();
        total += batch;
        elapsed = t1 - start;
        if (t1 - t0 < 1e-3 && batch < (1ull << 40))
            batch *= 2;
    } while (elapsed < seconds || total < 2);
    return elapsed > 0 ? (double)total / elapsed : 0.0;
}

/* check - derive once and compare with the expected hex string. */
static int check(EVP_KDF_CTX *ctx, const char *name, size_t outlen, const char *expected_hex)
{
    unsigned char out[64];
    char hex[129];
    if (outlen > sizeof out || EVP_KDF_derive(ctx, out, outlen, NULL) != 1) {
        fprintf(stderr, "kdf_bench: %s: derive failed\n", name);
        return 0;
    }
    for (size_t i = 0; i < outlen; i++)
        snprintf(hex + 2 * i, 3, "%02x", out[i]);
    if (strcmp(hex, expected_hex) != 0) {
        fprintf(stderr, "kdf_bench: %s: wrong output %s (expected %s)\n", name, hex, expected_hex);
        return 0;
    }
    return 1;
}

/* bench_hkdf - HKDF-SHA2-256 derivations per second; RFC 5869 A.1 checks the set-up first. */
static int bench_hkdf(double seconds)
{
    /* RFC 5869 A.1: IKM = 22 x 0x0b, salt = 00..0c, info = f0..f9, L = 42 */
    unsigned char ikm1[22], salt1[13], info1[10];
    memset(ikm1, 0x0b, sizeof ikm1);
    fill(salt1, sizeof salt1, 1, 0);
    fill(info1, sizeof info1, 1, 0xf0);
    OSSL_PARAM p1[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikm1, sizeof ikm1),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt1, sizeof salt1),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info1, sizeof info1),
        OSSL_PARAM_construct_end(),
    };
    EVP_KDF_CTX *ctx = new_kdf("HKDF", p1);
    int ok = ctx && check(ctx, "HKDF (RFC 5869 A.1)", 42,
                          "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    EVP_KDF_CTX_free(ctx);
    if (!ok)
        return 0;

    /* the benchmark: 32-byte IKM, 32-byte salt, 10-byte info, 32 bytes out */
    unsigned char ikm[32], salt[32], info[10], out[32];
    fill(ikm, sizeof ikm, 7, 1);
    fill(salt, sizeof salt, 11, 2);
    fill(info, sizeof info, 13, 3);
    OSSL_PARAM p[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikm, sizeof ikm),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt, sizeof salt),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info, sizeof info),
        OSSL_PARAM_construct_end(),
    };
    ctx = new_kdf("HKDF", p);
    ok = ctx && check(ctx, "HKDF (hmac module)", sizeof out, HKDF_EXPECTED);
    double ops = ok ? time_derive(ctx, out, sizeof out, seconds) : 0.0;
    EVP_KDF_CTX_free(ctx);
    if (ops <= 0.0)
        return 0;
    printf("{\"algorithm\":\"HKDF-SHA2-256\",\"ops_per_second\":%.1f}\n", ops);
    return 1;
}

/* bench_pbkdf2 - PBKDF2-HMAC-SHA2-256 iterations per second at PBKDF2_ITERATIONS per call. The known answer for the
 * benchmark's own inputs comes from Python's hashlib.pbkdf2_hmac("sha256", password, salt, 10000, 32). */
static int bench_pbkdf2(double seconds)
{
    unsigned char pass[16], salt[16], out[32];
    unsigned iter = PBKDF2_ITERATIONS;
    fill(pass, sizeof pass, 5, 0x41);
    fill(salt, sizeof salt, 9, 4);
    OSSL_PARAM p[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, pass, sizeof pass),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt, sizeof salt),
        OSSL_PARAM_construct_uint(OSSL_KDF_PARAM_ITER, &iter),
        OSSL_PARAM_construct_end(),
    };
    EVP_KDF_CTX *ctx = new_kdf("PBKDF2", p);
    int ok = ctx && check(ctx, "PBKDF2 (hashlib)", sizeof out, PBKDF2_EXPECTED);
    double calls = ok ? time_derive(ctx, out, sizeof out, seconds) : 0.0;
    EVP_KDF_CTX_free(ctx);
    if (calls <= 0.0)
        return 0;
    printf("{\"algorithm\":\"PBKDF2-HMAC-SHA2-256\",\"iterations_per_second\":%.1f,\"iterations\":%u}\n",
           calls * PBKDF2_ITERATIONS, PBKDF2_ITERATIONS);
    return 1;
}

static int usage(void)
{
    fprintf(stderr, "usage: kdf_bench [--seconds S] [--cpu-time] [HKDF-SHA2-256] [PBKDF2-HMAC-SHA2-256]\n");
    return 2;
}

int main(int argc, char **argv)
{
    double seconds = 1.0;
    int want_hkdf = 0, want_pbkdf2 = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--cpu-time") == 0) {
            bench_clock = CLOCK_PROCESS_CPUTIME_ID;
        } else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            char *end;
            seconds = strtod(argv[++i], &end);
            if (*end || !(seconds > 0.0) || seconds > 3600.0)
                return usage();
        } else if (strcasecmp(argv[i], "HKDF-SHA2-256") == 0) {
            want_hkdf = 1;
        } else if (strcasecmp(argv[i], "PBKDF2-HMAC-SHA2-256") == 0) {
            want_pbkdf2 = 1;
        } else {
            return usage();
        }
    }
    if (!want_hkdf && !want_pbkdf2)
        want_hkdf = want_pbkdf2 = 1;
    int ok = 1;
    if (want_hkdf)
        ok &= bench_hkdf(seconds);
    fflush(stdout);
    if (want_pbkdf2)
        ok &= bench_pbkdf2(seconds);
    return ok ? 0 : 1;
}
