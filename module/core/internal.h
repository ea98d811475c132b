/* module/core/internal.h - what every part of the module shares: lifecycle, lazy CASTs, the service
 * indicator, CPU feature tests and fatal errors. Never installed; never included outside module/ and tests/. */
#ifndef FIPS140_CORE_INTERNAL_H
#define FIPS140_CORE_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <fips140/fips140.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FIPS140_X86_64 1
#else
#define FIPS140_X86_64 0
#endif

#define FIPS140_NORETURN _Noreturn
#define FIPS140_LIKELY(x) __builtin_expect(!!(x), 1)
#define FIPS140_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* cast_id - one per registered CAST; names (ACVP) and functions are listed once, in core/selftest.c. */
typedef enum cast_id {
    CAST_SHA1 = 0,
    CAST_SHA2_256,
    CAST_SHA2_512,
    CAST_SHA3_256,
    CAST_SHAKE_128,
    CAST_HMAC_SHA2_256,
    CAST_AES_ECB,
    CAST_AES_CBC,
    CAST_AES_CTR,
    CAST_AES_GCM,
    CAST_CTR_DRBG,
    CAST_HMAC_DRBG,
    CAST_HASH_DRBG,
    CAST_ENTROPY_STARTUP,
    CAST_ECDSA,
    CAST_ECDH,
    CAST_EDDSA,
    CAST_RSA_SIG,
    CAST_RSA_OAEP,
    CAST_FFDH,
    CAST_CMAC,
    CAST_GMAC,
    CAST_AES_CCM,
    CAST_AES_XTS,
    CAST_AES_KW,
    CAST_AES_KWP,
    CAST_KDA_HKDF,
    CAST_KDA_ONESTEP,
    CAST_TLS12_KDF,
    CAST_TLS13_KDF,
    CAST_PBKDF,
    CAST_KBKDF,
    CAST_X963_KDF,
    CAST_SSH_KDF,
    CAST_COUNT
} cast_id;

/* The CAST functions, one per family, next to the code they test. Return 0 on pass, non-zero on failure.
 * They call the public services; the lazy-CAST guard is bypassed while a CAST runs on this thread. */
int fips140_cast_sha1(void);
int fips140_cast_sha256(void);
int fips140_cast_sha512(void);
int fips140_cast_sha3_256(void);
int fips140_cast_shake128(void);
int fips140_cast_hmac_sha256(void);
int fips140_cast_aes_ecb(void);
int fips140_cast_aes_cbc(void);
int fips140_cast_aes_ctr(void);
int fips140_cast_aes_gcm(void);
int fips140_cast_ctr_drbg(void);
int fips140_cast_hmac_drbg(void);
int fips140_cast_hash_drbg(void);
/* The SP 800-90B start-up test of the entropy source (§4.3 item 7), registered with the CASTs so that it runs
 * before the first entropy request and with `fips140 selftest`. */
int fips140_entropy_startup_test(void);
/* Public-key CASTs (issue 5): ECDSA sign + verify, KAS-ECC-SSC shared secret, EdDSA sign + verify. Each also runs
 * its family's pairwise consistency test on a fixed key pair, so `fips140 selftest` reaches the PCT. */
int fips140_cast_ecdsa(void);
int fips140_cast_ecdh(void);
int fips140_cast_eddsa(void);
/* RSA signature (sign + verify, with the RSA key-pair PCT), RSA-OAEP (decrypt known answer + encrypt round trip),
 * KAS-FFC-SSC shared secret (with the safe-prime key-pair PCT). */
int fips140_cast_rsa_sig(void);
int fips140_cast_rsa_oaep(void);
int fips140_cast_ffdh(void);
/* Issue 6: MACs, modes and KDFs. */
int fips140_cast_cmac(void);        /* aes/ */
int fips140_cast_gmac(void);
int fips140_cast_aes_ccm(void);
int fips140_cast_aes_xts(void);
int fips140_cast_aes_kw(void);
int fips140_cast_aes_kwp(void);
int fips140_cast_kda_hkdf(void);    /* kdf/ */
int fips140_cast_kda_onestep(void);
int fips140_cast_tls12_kdf(void);
int fips140_cast_tls13_kdf(void);
int fips140_cast_pbkdf(void);
int fips140_cast_kbkdf(void);
int fips140_cast_x963_kdf(void);
int fips140_cast_ssh_kdf(void);

/* Lifecycle state and per-CAST state (0 untested, 1 passed). */
extern _Atomic int fips140_state_value;
extern _Atomic int fips140_cast_passed[CAST_COUNT];
extern _Thread_local int fips140_in_cast;

/* fips140_cast_run_lazy - run CAST id now (first use); fatal on failure. */
fips140_status fips140_cast_run_lazy(cast_id id);

/* fips140_service_begin - the gate every service passes: fails in the error state, and runs the algorithm's
 * CAST before its first use. */
static inline fips140_status fips140_service_begin(cast_id id)
{
    if (FIPS140_UNLIKELY(atomic_load_explicit(&fips140_state_value, memory_order_relaxed) == FIPS140_STATE_ERROR))
        return FIPS140_ERR_ERROR_STATE;
    if (FIPS140_LIKELY(atomic_load_explicit(&fips140_cast_passed[id], memory_order_acquire)) || fips140_in_cast)
        return FIPS140_OK;
    return fips140_cast_run_lazy(id);
}

/* fips140_service_check - the gate for calls that continue a started operation (update / final). */
static inline fips140_status fips140_service_check(void)
{
    if (FIPS140_UNLIKELY(atomic_load_explicit(&fips140_state_value, memory_order_relaxed) == FIPS140_STATE_ERROR))
        return FIPS140_ERR_ERROR_STATE;
    return FIPS140_OK;
}

/* fips140_break_requested - 1 when this test build was asked to force the self-test, PCT, integrity or entropy test
 * called name (the registered name, e.g. "SHA2-256", "integrity") to fail: FIPS140_BREAK=<name> in a build
 * configured with -DFIPS140_BREAK_TESTS=ON. Always 0 in other builds (core/break.c). */
int fips140_break_requested(const char *name);

/* test_id - the module's self-tests other than the CASTs (entropy continuous tests, pairwise consistency tests),
 * registered by name next to the CASTs in core/selftest.c, the one list of self-test names (DESIGN §4.6). The
 * integrity check is registered there too under "integrity". tests/break/break_test.py scans that list. */
typedef enum test_id {
    TEST_ENTROPY_RCT = 0, /* SP 800-90B §4.4.1 Repetition Count Test */
    TEST_ENTROPY_APT,     /* SP 800-90B §4.4.2 Adaptive Proportion Test */
    TEST_PCT_ECDSA,       /* FIPS 140-3 IG 10.3.A / SP 800-56Ar3 §5.6.2.1.4: ECDSA/ECDH key-pair PCT */
    TEST_PCT_EDDSA,       /* EdDSA key-pair PCT */
    TEST_PCT_RSA,         /* RSA key-pair PCT (FIPS 186-5 §5.1, SP 800-56B Rev. 2 §6.4.1.1) */
    TEST_PCT_FFDH,        /* safe-prime FFC key-pair PCT (SP 800-56A Rev. 3 §5.6.2.1.4) */
    TEST_COUNT
} test_id;

/* fips140_test_break - 1 when a break-test build was asked to force registered test id to fail
 * (fips140_break_requested with its registered name). The test's own code then takes its normal failure path. */
int fips140_test_break(test_id id);

/* fips140_pct_check - the one exit of every pairwise consistency test (FIPS 140-3 IG 10.3.A): failed is the PCT's
 * own verdict for the key pair just generated. A failure, or a break-test build asked to break PCT id, is fatal:
 * "fips140: pairwise consistency test failed: <name>". Returns only when the PCT passed. A PCT's family CAST must
 * generate a key pair, so that `fips140 selftest` reaches every PCT (the break test relies on it). */
void fips140_pct_check(test_id id, int failed);

/* fips140_fatal - enter the error state, print "fips140: <what>: <detail>" on stderr and abort. */
FIPS140_NORETURN void fips140_fatal(const char *what, const char *detail);

/* fips140_refuse_unapproved - true when a non-approved service must be refused: FIPS140=only (DESIGN §3.3),
 * outside the module's own self-tests. The caller returns FIPS140_ERR_NOT_APPROVED ("not allowed in
 * FIPS140=only mode"). */
static inline int fips140_refuse_unapproved(void)
{
    return fips140_get_mode() == FIPS140_MODE_ONLY && !fips140_in_cast;
}

/* fips140_refuse - a FIPS140=only refusal that names its rule: remembers rule (a string constant naming the document,
 * section and condition) for fips140_last_refusal() and returns FIPS140_ERR_NOT_APPROVED. Use as
 * `if (!approved && fips140_refuse_unapproved()) return fips140_refuse("SP 800-132 5.1: salt shorter than 128 bits");` */
fips140_status fips140_refuse(const char *rule);

/* Service indicator (core/indicator.c). */
void fips140_indicator_set(fips140_indicator value);
static inline void fips140_indicator_approved(int approved)
{
    fips140_indicator_set(approved ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED);
}

/* CPU features (core/cpu.c): detected once, masked by FIPS140_CPU. */
extern _Atomic uint32_t fips140_cpu_cached;  /* bit 31 set once detection ran */
uint32_t fips140_cpu_detect(void);
static inline uint32_t fips140_cpu(void)
{
    uint32_t v = atomic_load_explicit(&fips140_cpu_cached, memory_order_relaxed);
    if (FIPS140_UNLIKELY(!(v & 0x80000000u)))
        v = fips140_cpu_detect();
    return v;
}
/* cpu_has - true when every feature bit in mask is available. */
static inline int cpu_has(uint32_t mask) { return (fips140_cpu() & mask) == mask; }

/* Per-family implementation names for fips140_impl_name() (each family defines its own). */
const char *fips140_sha1_impl(void);
const char *fips140_sha256_impl(void);
const char *fips140_sha512_impl(void);
const char *fips140_keccak_impl(void);
const char *fips140_aes_impl(void);
const char *fips140_ghash_impl(void);

/* Big-endian / little-endian loads and stores. */
static inline uint32_t load32_be(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}
static inline void store32_be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline uint64_t load64_be(const uint8_t *p)
{
    return ((uint64_t)load32_be(p) << 32) | load32_be(p + 4);
}
static inline void store64_be(uint8_t *p, uint64_t v)
{
    store32_be(p, (uint32_t)(v >> 32)); store32_be(p + 4, (uint32_t)v);
}
/* Little-endian 64-bit loads/stores: memcpy lets the compiler emit one unaligned move on little-endian
 * machines (a byte loop is not recognised by gcc 12 as a load). */
static inline uint64_t load64_le(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
#else
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
#endif
}
static inline void store64_le(uint8_t *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, sizeof v);
#else
    for (int i = 0; i < 8; i++) { p[i] = (uint8_t)v; v >>= 8; }
#endif
}

#endif
