/* module/core/selftest.c - the self-test registry: every self-test's registered name in one place (DESIGN §4.6):
 * the CASTs (ACVP names, with their functions), then the integrity check, the entropy source's continuous health
 * tests and the pairwise consistency tests (test_id in internal.h). Also the runner that executes the CASTs lazily
 * or all at once, and the one failure exit of PCTs. FIPS 140-3 IG 10.3.A.
 *
 * Break tests: in a -DFIPS140_BREAK_TESTS=ON build, FIPS140_BREAK=<registered name> makes that test fail through
 * its normal failure path. tests/break/break_test.py parses the two tables below (keep one entry per line, in the
 * form shown) and checks each name against `fips140 info --json` and against the aborting process. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <time.h>
#include "internal.h"
#include "integrity.h"

_Atomic int fips140_cast_passed[CAST_COUNT];
_Thread_local int fips140_in_cast;

typedef struct cast_entry {
    const char *name; /* ACVP algorithm name (DESIGN §3.5) */
    int (*run)(void);
    int at_load;      /* 1: run at load by the power-on sequence (the integrity check relies on it) */
} cast_entry;

/* Indexed by cast_id. Keep this the single list of CAST names. */
static const cast_entry casts[CAST_COUNT] = {
    [CAST_SHA1] = {"SHA-1", fips140_cast_sha1, 0},
    [CAST_SHA2_256] = {"SHA2-256", fips140_cast_sha256, 1},
    [CAST_SHA2_512] = {"SHA2-512", fips140_cast_sha512, 0},
    [CAST_SHA3_256] = {"SHA3-256", fips140_cast_sha3_256, 0},
    [CAST_SHAKE_128] = {"SHAKE-128", fips140_cast_shake128, 0},
    [CAST_HMAC_SHA2_256] = {"HMAC-SHA2-256", fips140_cast_hmac_sha256, 1},
    [CAST_AES_ECB] = {"ACVP-AES-ECB", fips140_cast_aes_ecb, 0},
    [CAST_AES_CBC] = {"ACVP-AES-CBC", fips140_cast_aes_cbc, 0},
    [CAST_AES_CTR] = {"ACVP-AES-CTR", fips140_cast_aes_ctr, 0},
    [CAST_AES_GCM] = {"ACVP-AES-GCM", fips140_cast_aes_gcm, 0},
    [CAST_CTR_DRBG] = {"ctrDRBG", fips140_cast_ctr_drbg, 0},
    [CAST_HMAC_DRBG] = {"hmacDRBG", fips140_cast_hmac_drbg, 0},
    [CAST_HASH_DRBG] = {"hashDRBG", fips140_cast_hash_drbg, 0},
    [CAST_ENTROPY_STARTUP] = {"ENTROPY-STARTUP", fips140_entropy_startup_test, 0},
    [CAST_ECDSA] = {"ECDSA-SigGen", fips140_cast_ecdsa, 0},
    [CAST_ECDH] = {"KAS-ECC-SSC", fips140_cast_ecdh, 0},
    [CAST_EDDSA] = {"EDDSA-SigGen", fips140_cast_eddsa, 0},
    [CAST_RSA_SIG] = {"RSA-SigGen", fips140_cast_rsa_sig, 0},
    [CAST_RSA_OAEP] = {"KTS-IFC", fips140_cast_rsa_oaep, 0},
    [CAST_FFDH] = {"KAS-FFC-SSC", fips140_cast_ffdh, 0},
    [CAST_CMAC] = {"CMAC-AES", fips140_cast_cmac, 0},
    [CAST_GMAC] = {"ACVP-AES-GMAC", fips140_cast_gmac, 0},
    [CAST_AES_CCM] = {"ACVP-AES-CCM", fips140_cast_aes_ccm, 0},
    [CAST_AES_XTS] = {"ACVP-AES-XTS", fips140_cast_aes_xts, 0},
    [CAST_AES_KW] = {"ACVP-AES-KW", fips140_cast_aes_kw, 0},
    [CAST_AES_KWP] = {"ACVP-AES-KWP", fips140_cast_aes_kwp, 0},
    [CAST_KDA_HKDF] = {"KDA-HKDF", fips140_cast_kda_hkdf, 0},
    [CAST_KDA_ONESTEP] = {"KDA-OneStep", fips140_cast_kda_onestep, 0},
    [CAST_TLS12_KDF] = {"TLS-v1.2-KDF", fips140_cast_tls12_kdf, 0},
    [CAST_TLS13_KDF] = {"TLS-v1.3-KDF", fips140_cast_tls13_kdf, 0},
    [CAST_PBKDF] = {"PBKDF", fips140_cast_pbkdf, 0},
    [CAST_KBKDF] = {"KDF", fips140_cast_kbkdf, 0},
    [CAST_X963_KDF] = {"kdf-components-ansix9.63", fips140_cast_x963_kdf, 0},
    [CAST_SSH_KDF] = {"kdf-components-ssh", fips140_cast_ssh_kdf, 0},
};

/* The integrity check (core/integrity.c): breakable under this name, which it passes to fips140_break_requested. */
static const fips140_selftest_entry integrity_test = {
    "integrity", "integrity", "at load, before any service (library constructor)", "integrity check failed", NULL};

/* Indexed by test_id: every other self-test. PCTs: kind "pct", what "pairwise consistency test failed", detail
 * the name (what fips140_pct_check prints). */
static const fips140_selftest_entry tests[TEST_COUNT] = {
    [TEST_ENTROPY_RCT] = {"ENTROPY-RCT", "entropy-continuous", "on every raw noise sample, from the start-up test on",
                          "entropy health test failed", "repetition count"},
    [TEST_ENTROPY_APT] = {"ENTROPY-APT", "entropy-continuous", "on every raw noise sample, from the start-up test on",
                          "entropy health test failed", "adaptive proportion"},
    [TEST_PCT_ECDSA] = {"ECDSA-KeyGen", "pct", "after every ECDSA/ECDH key-pair generation, and in the ECDSA-SigGen CAST",
                        "pairwise consistency test failed", "ECDSA-KeyGen"},
    [TEST_PCT_EDDSA] = {"EDDSA-KeyGen", "pct", "after every EdDSA key-pair generation, and in the EDDSA-SigGen CAST",
                        "pairwise consistency test failed", "EDDSA-KeyGen"},
    [TEST_PCT_RSA] = {"RSA-KeyGen", "pct", "after every RSA key-pair generation, and in the RSA-SigGen CAST",
                      "pairwise consistency test failed", "RSA-KeyGen"},
    [TEST_PCT_FFDH] = {"safePrimes-KeyGen", "pct",
                       "after every safe-prime FFC key-pair generation, and in the KAS-FFC-SSC CAST",
                       "pairwise consistency test failed", "safePrimes-KeyGen"},
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
    failed |= fips140_break_requested(casts[id].name); /* break-test builds: take the failure path below */
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
    /* On-demand self-tests repeat the power-on integrity check first (FIPS 140-3 §7.10.2); fatal on failure. */
    uint64_t integrity_ns = fips140_integrity_check();
    if (report != NULL)
        report(arg, "integrity", integrity_ns);
    for (int id = 0; id < CAST_COUNT; id++) {
        uint64_t dt = run_one((cast_id)id);
        if (report != NULL)
            report(arg, casts[id].name, dt);
    }
    return FIPS140_OK;
}

int fips140_test_break(test_id id)
{
    return (unsigned)id < TEST_COUNT && fips140_break_requested(tests[id].name);
}

void fips140_pct_check(test_id id, int failed)
{
    if (FIPS140_UNLIKELY(failed || fips140_test_break(id)))
        fips140_fatal("pairwise consistency test failed", (unsigned)id < TEST_COUNT ? tests[id].name : "?");
}

size_t fips140_selftest_registry_count(void) { return CAST_COUNT + 1u + TEST_COUNT; }

fips140_status fips140_selftest_describe(size_t index, fips140_selftest_entry *out)
{
    if (out == NULL)
        return FIPS140_ERR_NULL;
    if (index < CAST_COUNT) {
        out->name = casts[index].name;
        out->kind = "cast";
        out->when = casts[index].at_load
                        ? "at load (power-on: the integrity check relies on it); with fips140 selftest"
                        : "before the first use of its algorithm (lazy); with fips140 selftest";
        if (index == CAST_ENTROPY_STARTUP)
            out->when = "before the first use of the entropy source (SP 800-90B 4.3), again after a fault; with "
                        "fips140 selftest";
        out->what = "self-test failed";
        out->detail = casts[index].name;
        return FIPS140_OK;
    }
    index -= CAST_COUNT;
    if (index == 0) {
        *out = integrity_test;
        return FIPS140_OK;
    }
    index -= 1;
    if (index < TEST_COUNT) {
        *out = tests[index];
        return FIPS140_OK;
    }
    return FIPS140_ERR_ARG;
}
