/* module/core/selftest.c - the CAST registry: every self-test's ACVP name and function, in one place
 * (DESIGN §4.6), and the runner that executes them lazily or all at once. FIPS 140-3 IG 10.3.A. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <time.h>
#include "internal.h"

_Atomic int fips140_cast_passed[CAST_COUNT];
_Thread_local int fips140_in_cast;

typedef struct cast_entry {
    const char *name; /* ACVP algorithm name (DESIGN §3.5) */
    int (*run)(void);
} cast_entry;

/* Indexed by cast_id. Keep this the single list of self-test names. */
static const cast_entry casts[CAST_COUNT] = {
    [CAST_SHA1] = {"SHA-1", fips140_cast_sha1},
    [CAST_SHA2_256] = {"SHA2-256", fips140_cast_sha256},
    [CAST_SHA2_512] = {"SHA2-512", fips140_cast_sha512},
    [CAST_SHA3_256] = {"SHA3-256", fips140_cast_sha3_256},
    [CAST_SHAKE_128] = {"SHAKE-128", fips140_cast_shake128},
    [CAST_HMAC_SHA2_256] = {"HMAC-SHA2-256", fips140_cast_hmac_sha256},
    [CAST_AES_ECB] = {"ACVP-AES-ECB", fips140_cast_aes_ecb},
    [CAST_AES_CBC] = {"ACVP-AES-CBC", fips140_cast_aes_cbc},
    [CAST_AES_CTR] = {"ACVP-AES-CTR", fips140_cast_aes_ctr},
    [CAST_AES_GCM] = {"ACVP-AES-GCM", fips140_cast_aes_gcm},
    [CAST_CTR_DRBG] = {"ctrDRBG", fips140_cast_ctr_drbg},
    [CAST_HMAC_DRBG] = {"hmacDRBG", fips140_cast_hmac_drbg},
    [CAST_HASH_DRBG] = {"hashDRBG", fips140_cast_hash_drbg},
    [CAST_ENTROPY_STARTUP] = {"ENTROPY-STARTUP", fips140_entropy_startup_test},
};

size_t fips140_selftest_count(void) { return CAST_COUNT; }

const char *fips140_selftest_name(size_t index)
{
    return index < CAST_COUNT ? casts[index].name : NULL;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* run_one - run CAST id, mark it passed, or enter the error state. Returns its duration in ns. */
static uint64_t run_one(cast_id id)
{
    int prev = atomic_load_explicit(&fips140_state_value, memory_order_relaxed);
    if (prev == FIPS140_STATE_POWER_ON)
        atomic_compare_exchange_strong(&fips140_state_value, &prev, FIPS140_STATE_SELF_TEST);
    uint64_t t0 = now_ns();
    fips140_in_cast++;
    int failed = casts[id].run();
    fips140_in_cast--;
    uint64_t dt = now_ns() - t0;
    if (failed)
        fips140_fatal("self-test failed", casts[id].name);
    atomic_store_explicit(&fips140_cast_passed[id], 1, memory_order_release);
    int st = FIPS140_STATE_SELF_TEST;
    atomic_compare_exchange_strong(&fips140_state_value, &st, FIPS140_STATE_OPERATIONAL);
    if (fips140_get_mode() == FIPS140_MODE_DEBUG)
        fprintf(stderr, "fips140: self-test passed: %s (%llu us)\n", casts[id].name,
                (unsigned long long)(dt / 1000u));
    return dt;
}

fips140_status fips140_cast_run_lazy(cast_id id)
{
    /* FIPS140=off: the module is not operating in approved mode; CASTs run only on request. */
    if (fips140_get_mode() == FIPS140_MODE_OFF)
        return FIPS140_OK;
    run_one(id);
    return FIPS140_OK;
}

fips140_status fips140_selftest_run_all(fips140_selftest_report report, void *arg)
{
    if (atomic_load_explicit(&fips140_state_value, memory_order_relaxed) == FIPS140_STATE_ERROR)
        return FIPS140_ERR_ERROR_STATE;
    for (int id = 0; id < CAST_COUNT; id++) {
        uint64_t dt = run_one((cast_id)id);
        if (report != NULL)
            report(arg, casts[id].name, dt);
    }
    return FIPS140_OK;
}
