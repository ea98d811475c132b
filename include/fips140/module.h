/* fips140/module.h - module identity, lifecycle, runtime mode, self-tests, service indicator, CPU paths.
 *
 * The module is designed to FIPS 140-3 requirements; it is not CMVP-validated. */
#ifndef FIPS140_MODULE_H
#define FIPS140_MODULE_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_module_name / fips140_module_version - identity strings ("fips140", "0.1.0"). */
FIPS140_API const char *fips140_module_name(void);
FIPS140_API const char *fips140_module_version(void);

/* fips140_state - the module lifecycle (FIPS 140-3 §7.11 "finite state model"). */
typedef enum fips140_state {
    FIPS140_STATE_POWER_ON = 0,   /* loaded, nothing run yet */
    FIPS140_STATE_SELF_TEST = 1,  /* running power-up self-tests */
    FIPS140_STATE_OPERATIONAL = 2,
    FIPS140_STATE_ERROR = 3       /* a self-test or integrity failure: every service returns FIPS140_ERR_ERROR_STATE */
} fips140_state;

FIPS140_API fips140_state fips140_get_state(void);

/* fips140_mode - the runtime mode chosen by the FIPS140 environment variable, read once (DESIGN §3.3). */
typedef enum fips140_mode {
    FIPS140_MODE_OFF = 0,
    FIPS140_MODE_ON = 1,
    FIPS140_MODE_ONLY = 2,
    FIPS140_MODE_DEBUG = 3
} fips140_mode;

FIPS140_API fips140_mode fips140_get_mode(void);
FIPS140_API const char *fips140_mode_name(fips140_mode mode);

/* Self-tests (CASTs). Each is registered under its ACVP algorithm name. They run lazily before an algorithm's
 * first use; fips140_selftest_run_all() runs every one of them now.
 * A failure is fatal: it prints "fips140: self-test failed: <NAME>" and aborts. */
FIPS140_API size_t fips140_selftest_count(void);
FIPS140_API const char *fips140_selftest_name(size_t index);

/* fips140_selftest_report - called once per test by fips140_selftest_run_all with its name and duration: first
 * "integrity" (the power-on integrity check, repeated on demand), then every CAST in registry order. */
typedef void (*fips140_selftest_report)(void *arg, const char *name, uint64_t nanoseconds);
FIPS140_API fips140_status fips140_selftest_run_all(fips140_selftest_report report, void *arg) FIPS140_MUST_CHECK;

/* fips140_selftest_entry - one entry of the complete self-test registry: the CASTs above (indexes 0 to
 * fips140_selftest_count() - 1, same order), then the integrity check, the entropy source's continuous health
 * tests and the pairwise consistency tests. For the security policy and the break tests. */
typedef struct fips140_selftest_entry {
    const char *name;   /* registered name: what FIPS140_BREAK=<name> forces to fail in a break-test build */
    const char *kind;   /* "cast", "integrity", "entropy-continuous" or "pct" */
    const char *when;   /* when it runs, in words */
    const char *what;   /* the fatal line on failure is "fips140: <what>: <detail>" */
    const char *detail; /* the detail of that line; NULL when it varies (integrity: the reason) */
} fips140_selftest_entry;

/* fips140_selftest_registry_count / fips140_selftest_describe - the registry's size, and entry index into *out
 * (FIPS140_ERR_NULL, or FIPS140_ERR_ARG past the end). */
FIPS140_API size_t fips140_selftest_registry_count(void);
FIPS140_API fips140_status fips140_selftest_describe(size_t index, fips140_selftest_entry *out) FIPS140_MUST_CHECK;

/* Service indicator (per thread). Every service call sets it when it succeeds: APPROVED when the service and
 * its parameters are approved, NOT_APPROVED otherwise. fips140_indicator_clear() resets it to NONE. */
typedef enum fips140_indicator {
    FIPS140_INDICATOR_NONE = 0,
    FIPS140_INDICATOR_APPROVED = 1,
    FIPS140_INDICATOR_NOT_APPROVED = 2
} fips140_indicator;

FIPS140_API void fips140_indicator_clear(void);
FIPS140_API fips140_indicator fips140_indicator_get(void);

/* fips140_last_refusal - the rule behind the last FIPS140_ERR_NOT_APPROVED returned on this thread by a service
 * that names one, e.g. "SP 800-132 5.1: salt shorter than 128 bits"; NULL if none did. A constant string. */
FIPS140_API const char *fips140_last_refusal(void);

/* fips140_wipe - zeroise n bytes at p in a way the compiler cannot remove. */
FIPS140_API void fips140_wipe(void *p, size_t n);

/* CPU features the module detected (after the FIPS140_CPU mask), as FIPS140_CPU_* bits. */
#define FIPS140_CPU_SSSE3    (1u << 0)
#define FIPS140_CPU_SSE41    (1u << 1)
#define FIPS140_CPU_AESNI    (1u << 2)
#define FIPS140_CPU_PCLMUL   (1u << 3)
#define FIPS140_CPU_AVX      (1u << 4)
#define FIPS140_CPU_AVX2     (1u << 5)
#define FIPS140_CPU_BMI1     (1u << 6)
#define FIPS140_CPU_BMI2     (1u << 7)
#define FIPS140_CPU_ADX      (1u << 8)
#define FIPS140_CPU_SHANI    (1u << 9)
#define FIPS140_CPU_VAES     (1u << 10)
#define FIPS140_CPU_VPCLMUL  (1u << 11)
#define FIPS140_CPU_AVX512F  (1u << 12)
#define FIPS140_CPU_AVX512IFMA (1u << 13)

FIPS140_API uint32_t fips140_cpu_features(void);
/* fips140_cpu_feature_name - name of one FIPS140_CPU_* bit ("aesni", "vaes"...), NULL for an unknown bit. */
FIPS140_API const char *fips140_cpu_feature_name(uint32_t bit);

/* fips140_impl_name - the implementation chosen at run time for a family: "sha1", "sha256", "sha512",
 * "keccak", "aes", "ghash". Returns e.g. "sha-ni", "avx2", "aesni", "vaes-avx2", "portable"; NULL if unknown. */
FIPS140_API const char *fips140_impl_name(const char *family);

/* The algorithm table (for `fips140 info`): name and whether the service is approved. */
FIPS140_API size_t fips140_algorithm_count(void);
FIPS140_API const char *fips140_algorithm_name(size_t index);
FIPS140_API int fips140_algorithm_approved(size_t index);

#ifdef __cplusplus
}
#endif
#endif
