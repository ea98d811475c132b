/* cli/cmd_speed.c - `fips140 speed [--json] [--seconds S] [--sizes N,N…] [ALG…]`: throughput of the module's
 * hashes, HMAC and AES modes over buffers of 16..16384 bytes, each timed for about S seconds with
 * CLOCK_MONOTONIC. Output: a table of MB/s (10^6 bytes per second), or with --json one object per line
 * {"algorithm":…,"size":…,"bytes_per_second":…} (DESIGN §3.2). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "cli.h"
#include "fips140/fips140.h"

#define MAX_SIZES 16
#define MAX_BUF 16384u

/* bench_state - everything one benchmark needs; allocated once (the contexts are a few KB). */
typedef struct bench_state {
    uint8_t *in, *out;
    uint8_t iv[16];
    uint8_t tag[16];
    fips140_hash_alg hash;
    fips140_hmac_ctx hmac;
    fips140_aes_key key;
    fips140_aes_ctr_ctx ctr;
    fips140_aes_gcm_ctx gcm;
} bench_state;

typedef struct bench_alg {
    const char *name;   /* printed name (ACVP-like) */
    const char *group;  /* extra name the filter accepts (e.g. "AES-128-CBC" for both directions), or NULL */
    fips140_status (*setup)(bench_state *b, int param);
    fips140_status (*run)(bench_state *b, size_t len);
    int param;          /* hash algorithm or key bytes */
} bench_alg;

static const uint8_t bench_key[32] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
                                      0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15,
                                      0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};
static const uint8_t bench_aad[13] = {0}; /* TLS-record-sized AAD, as `openssl speed -aead` uses */

/* setup_hash - remember which hash to run. */
static fips140_status setup_hash(bench_state *b, int param)
{
    b->hash = (fips140_hash_alg)param;
    return FIPS140_OK;
}

/* run_hash - one-shot digest of len bytes (SHAKE: its default output, 16 or 32 bytes, as OpenSSL's). */
static fips140_status run_hash(bench_state *b, size_t len)
{
    return fips140_hash(b->hash, b->out, fips140_hash_digest_size(b->hash), b->in, len);
}

/* setup_hmac - key an HMAC context once with a 32-byte key. */
static fips140_status setup_hmac(bench_state *b, int param)
{
    b->hash = (fips140_hash_alg)param;
    return fips140_hmac_init(&b->hmac, b->hash, bench_key, 32);
}

/* run_hmac - one MAC over len bytes under the already-keyed context (reset, update, final). */
static fips140_status run_hmac(bench_state *b, size_t len)
{
    fips140_status rc = fips140_hmac_reset(&b->hmac);
    if (rc == FIPS140_OK)
        rc = fips140_hmac_update(&b->hmac, b->in, len);
    if (rc == FIPS140_OK)
        rc = fips140_hmac_final(&b->hmac, b->out, fips140_hash_digest_size(b->hash));
    return rc;
}

/* setup_aes_key - expand a param-byte AES key (ECB, CBC). */
static fips140_status setup_aes_key(bench_state *b, int param)
{
    memset(b->iv, 0x5a, sizeof b->iv);
    return fips140_aes_key_init(&b->key, bench_key, (size_t)param);
}

static fips140_status run_ecb(bench_state *b, size_t len) { return fips140_aes_ecb_encrypt(&b->key, b->out, b->in, len); }

static fips140_status run_cbc_enc(bench_state *b, size_t len)
{
    return fips140_aes_cbc_encrypt(&b->key, b->iv, b->out, b->in, len);
}

static fips140_status run_cbc_dec(bench_state *b, size_t len)
{
    return fips140_aes_cbc_decrypt(&b->key, b->iv, b->out, b->in, len);
}

/* setup_ctr - key a CTR stream once; each run continues the same stream. */
static fips140_status setup_ctr(bench_state *b, int param)
{
    memset(b->iv, 0, sizeof b->iv);
    return fips140_aes_ctr_init(&b->ctr, bench_key, (size_t)param, b->iv);
}

static fips140_status run_ctr(bench_state *b, size_t len) { return fips140_aes_ctr_update(&b->ctr, b->out, b->in, len); }

/* setup_gcm - key a GCM context once (H and its powers are computed here, not per message). */
static fips140_status setup_gcm(bench_state *b, int param)
{
    memset(b->iv, 0xa5, sizeof b->iv);
    return fips140_aes_gcm_init(&b->gcm, bench_key, (size_t)param);
}

/* run_gcm - one sealed record: 12-byte IV, 13-byte AAD, len bytes, 16-byte tag. The IV repeats only because this
 * is a benchmark of throughput; nothing produced here is ever used. */
static fips140_status run_gcm(bench_state *b, size_t len)
{
    return fips140_aes_gcm_encrypt(&b->gcm, b->out, b->tag, 16, b->iv, 12, bench_aad, sizeof bench_aad, b->in, len);
}

/* setup_rand / run_rand - len bytes from the module RNG (fips140_rand_bytes); no setup. */
static fips140_status setup_rand(bench_state *b, int param)
{
    (void)b, (void)param;
    return FIPS140_OK;
}

static fips140_status run_rand(bench_state *b, size_t len) { return fips140_rand_bytes(b->out, len); }

static const bench_alg algs[] = {
    {"SHA-1", NULL, setup_hash, run_hash, FIPS140_SHA1},
    {"SHA2-256", NULL, setup_hash, run_hash, FIPS140_SHA256},
    {"SHA2-512", NULL, setup_hash, run_hash, FIPS140_SHA512},
    {"SHA3-256", NULL, setup_hash, run_hash, FIPS140_SHA3_256},
    {"SHAKE-128", NULL, setup_hash, run_hash, FIPS140_SHAKE128},
    {"HMAC-SHA2-256", NULL, setup_hmac, run_hmac, FIPS140_SHA256},
    {"AES-128-ECB", NULL, setup_aes_key, run_ecb, 16},
    {"AES-128-CBC-enc", "AES-128-CBC", setup_aes_key, run_cbc_enc, 16},
    {"AES-128-CBC-dec", "AES-128-CBC", setup_aes_key, run_cbc_dec, 16},
    {"AES-128-CTR", NULL, setup_ctr, run_ctr, 16},
    {"AES-256-CTR", NULL, setup_ctr, run_ctr, 32},
    {"AES-128-GCM", NULL, setup_gcm, run_gcm, 16},
    {"AES-256-GCM", NULL, setup_gcm, run_gcm, 32},
    {"RAND", NULL, setup_rand, run_rand, 0},
};

#define N_ALGS (sizeof algs / sizeof algs[0])

/* now_seconds - CLOCK_MONOTONIC as a double. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* measure - run alg on len-byte buffers for about `seconds`; *bps gets bytes per second. Iterations run in
 * batches that grow until one batch takes ~1 ms, so reading the clock costs nothing measurable. */
static fips140_status measure(bench_state *b, const bench_alg *alg, size_t len, double seconds, double *bps)
{
    fips140_status rc = alg->run(b, len); /* warm up: triggers the lazy CAST, fills caches */
    if (rc != FIPS140_OK)
        return rc;
    unsigned long long total = 0, batch = 1;
    double start = now_seconds(), elapsed = 0.0;
    do {
        double t0 = now_seconds();
        for (unsigned long long i = 0; i < batch; i++) {
            rc = alg->run(b, len);
            if (rc != FIPS140_OK)
                return rc;
        }
        double t1 = now_seconds();
        total += batch;
        elapsed = t1 - start;
        if (t1 - t0 < 1e-3 && batch < (1ull << 40))
            batch *= 2;
    } while (elapsed < seconds);
    *bps = elapsed > 0 ? (double)total * (double)len / elapsed : 0.0;
    return FIPS140_OK;
}

/* matches - whether filter names alg (case-insensitively, by its name or its group). */
static int matches(const bench_alg *alg, const char *filter)
{
    return strcasecmp(alg->name, filter) == 0 || (alg->group && strcasecmp(alg->group, filter) == 0);
}

/* parse_sizes - "16,1024,…" into sizes[]; 0 on a malformed list or a size outside 1..16384. */
static int parse_sizes(const char *s, size_t *sizes, size_t *n)
{
    *n = 0;
    while (*s) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(s, &end, 10);
        if (end == s || errno || v == 0 || v > MAX_BUF || *n == MAX_SIZES || (*end && *end != ','))
            return 0;
        sizes[(*n)++] = (size_t)v;
        s = *end ? end + 1 : end;
        if (*end == ',' && !*s)
            return 0;
    }
    return *n > 0;
}

/* speed_usage - print the usage and the algorithm names to stderr. */
static int speed_usage(void)
{
    fprintf(stderr, "usage: fips140 speed [--json] [--seconds S] [--sizes N[,N...]] [ALG...]\nalgorithms:");
    for (size_t i = 0; i < N_ALGS; i++)
        fprintf(stderr, " %s", algs[i].name);
    fprintf(stderr, " AES-128-CBC\n");
    return EXIT_USAGE;
}

/* cmd_speed - parse options, run the selected benchmarks, print the table or JSON lines. */
int cmd_speed(int argc, char **argv)
{
    int json = 0;
    double seconds = 0.3;
    size_t sizes[MAX_SIZES] = {16, 256, 1024, 8192, 16384};
    size_t nsizes = 5;
    int selected[N_ALGS] = {0};
    int any_filter = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--seconds") == 0 || strncmp(a, "--seconds=", 10) == 0) {
            const char *v = a[9] == '=' ? a + 10 : (i + 1 < argc ? argv[++i] : NULL);
            char *end;
            if (!v)
                return speed_usage();
            errno = 0;
            seconds = strtod(v, &end);
            if (end == v || *end || errno || !(seconds > 0.0) || seconds > 3600.0) {
                fprintf(stderr, "fips140 speed: bad --seconds value \"%s\"\n", v);
                return speed_usage();
            }
        } else if (strcmp(a, "--sizes") == 0 || strncmp(a, "--sizes=", 8) == 0) {
            const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !parse_sizes(v, sizes, &nsizes)) {
                fprintf(stderr, "fips140 speed: bad --sizes value (sizes 1..%u, comma-separated)\n", MAX_BUF);
                return speed_usage();
            }
        } else if (a[0] == '-') {
            fprintf(stderr, "fips140 speed: unknown option \"%s\"\n", a);
            return speed_usage();
        } else {
            int found = 0;
            for (size_t k = 0; k < N_ALGS; k++)
                if (matches(&algs[k], a))
                    selected[k] = found = 1;
            if (!found) {
                fprintf(stderr, "fips140 speed: unknown algorithm \"%s\"\n", a);
                return speed_usage();
            }
            any_filter = 1;
        }
    }

    bench_state *b = calloc(1, sizeof *b);
    uint8_t *in = malloc(MAX_BUF + 64), *out = malloc(MAX_BUF + 64);
    if (!b || !in || !out) {
        fprintf(stderr, "fips140 speed: out of memory\n");
        free(b), free(in), free(out);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < MAX_BUF + 64; i++)
        in[i] = (uint8_t)(i * 31u + 7u);
    b->in = in;
    b->out = out;

    int rcode = EXIT_OK;
    if (!json) {
        printf("%-16s", "MB/s");
        for (size_t s = 0; s < nsizes; s++)
            printf(" %10zu B", sizes[s]);
        printf("\n");
    }
    for (size_t k = 0; k < N_ALGS; k++) {
        if (any_filter && !selected[k])
            continue;
        const bench_alg *alg = &algs[k];
        fips140_status rc = alg->setup(b, alg->param);
        if (!json)
            printf("%-16s", alg->name);
        for (size_t s = 0; s < nsizes && rc == FIPS140_OK; s++) {
            /* block-only modes run on whole blocks: round the size down (never below one block) */
            size_t len = sizes[s];
            if (alg->run == run_ecb || alg->run == run_cbc_enc || alg->run == run_cbc_dec)
                len = len < 16 ? 16 : len - len % 16;
            double bps = 0.0;
            rc = measure(b, alg, len, seconds, &bps);
            if (rc != FIPS140_OK)
                break;
            if (json)
                printf("{\"algorithm\":\"%s\",\"size\":%zu,\"bytes_per_second\":%.0f}\n", alg->name, len, bps);
            else
                printf(" %12.1f", bps / 1e6);
            fflush(stdout);
        }
        if (!json)
            printf("\n");
        if (rc != FIPS140_OK) {
            fprintf(stderr, "fips140 speed: %s: %s\n", alg->name, fips140_status_string(rc));
            rcode = EXIT_FAIL;
        }
    }
    fips140_hmac_wipe(&b->hmac);
    fips140_wipe(b, sizeof *b);
    free(b), free(in), free(out);
    return rcode;
}
