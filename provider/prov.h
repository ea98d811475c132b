/* provider/prov.h - shared declarations of the fips140 OpenSSL 3 provider (docs/PROVIDER.md).
 *
 * The provider lives outside the module boundary. It is compiled against OpenSSL's public headers only and does
 * NOT link libcrypto: every OpenSSL service it uses comes from the core dispatch table given to
 * OSSL_provider_init (kept in fips140_prov_core below), and every cryptographic operation goes through the
 * fips140 C API (<fips140/fips140.h>).
 *
 * Consequence for every provider file: the libcrypto functions declared in OpenSSL's headers (OSSL_PARAM_locate,
 * OSSL_PARAM_get_*, OSSL_PARAM_construct_*, OPENSSL_zalloc, ERR_raise...) are NOT available: the module is linked
 * with -Wl,--no-undefined, so calling one fails the link. Use the fips140_prov_param_* helpers below, calloc/free
 * and fips140_prov_raise(). The macros of <openssl/params.h> that build OSSL_PARAM descriptor tables
 * (OSSL_PARAM_utf8_string, OSSL_PARAM_size_t, OSSL_PARAM_END...) are plain initialisers and may be used.
 * Declarations of one family's files only (cipher_local.h, pk_rsa.h, rand_local.h) stay in their own headers. */
#ifndef FIPS140_PROVIDER_PROV_H
#define FIPS140_PROVIDER_PROV_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/core.h>
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#include <fips140/fips140.h>

/* ---- properties every algorithm is registered with */
#define FIPS140_PROV_PROPS "provider=fips140,fips=yes"

/* ---- the core functions fetched from the `in` dispatch table at OSSL_provider_init. The same for every
 * instance of the provider (they are OpenSSL's core functions), so they are kept once, process-wide; a pointer is
 * NULL when the core did not offer the function. */
typedef struct fips140_prov_core {
    OSSL_FUNC_core_gettable_params_fn *gettable_params;
    OSSL_FUNC_core_get_params_fn *get_params;
    OSSL_FUNC_core_get_libctx_fn *get_libctx;
    OSSL_FUNC_core_new_error_fn *new_error;
    OSSL_FUNC_core_set_error_debug_fn *set_error_debug;
    OSSL_FUNC_core_vset_error_fn *vset_error;
    OSSL_FUNC_core_set_error_mark_fn *set_error_mark;
    OSSL_FUNC_core_clear_last_error_mark_fn *clear_last_error_mark;
    OSSL_FUNC_core_pop_error_to_mark_fn *pop_error_to_mark;
    OSSL_FUNC_self_test_cb_fn *self_test_cb; /* OSSL_FUNC_SELF_TEST_CB: the application's self-test callback */
} fips140_prov_core;

extern fips140_prov_core fips140_prov_core_fns;

/* ---- the provider context: what OpenSSL passes back as `provctx` to every algorithm function
 * (newctx(void *provctx), ...). Cast with fips140_prov_ctx_of(). */
typedef struct fips140_prov_ctx {
    const OSSL_CORE_HANDLE *handle; /* the core handle given to OSSL_provider_init */
    OPENSSL_CORE_CTX *corectx;      /* the library context as the core sees it (get_libctx); NULL is valid and
                                     * means OpenSSL's default library context */
    char *module_path;              /* OSSL_PROV_PARAM_CORE_MODULE_FILENAME, malloc'd; NULL if unknown */
} fips140_prov_ctx;

static inline fips140_prov_ctx *fips140_prov_ctx_of(void *provctx) {
    return (fips140_prov_ctx *)provctx;
}

/* fips140_prov_is_running - 1 while the provider is usable: initialised, its configuration verified, and the
 * module not in its error state (fips140_get_state() != FIPS140_STATE_ERROR). Every newctx / init function of
 * an algorithm should return NULL / 0 when it is 0 (raise FIPS140_PROV_R_NOT_OPERATIONAL). */
int fips140_prov_is_running(void);
/* fips140_prov_new_ctx - the start of every newctx / new / gen_init: a zeroed allocation of size bytes, or NULL after
 * raising why (the provider is not operational, or out of memory); what names the algorithm in the message (may be
 * NULL). */
void *fips140_prov_new_ctx(void *provctx, size_t size, const char *what);

/* ---- the algorithm tables, one per family. Each ends with {NULL, NULL, NULL, NULL}; every entry carries
 * FIPS140_PROV_PROPS. */
extern const OSSL_ALGORITHM fips140_prov_digests[]; /* provider/digests.c */
extern const OSSL_ALGORITHM fips140_prov_macs[]; /* provider/macs.c */
extern const OSSL_ALGORITHM fips140_prov_rands[]; /* provider/rands.c */
extern const OSSL_ALGORITHM fips140_prov_kdfs[]; /* provider/kdfs.c */
extern const OSSL_ALGORITHM fips140_prov_ciphers[]; /* provider/ciphers*.c */

/* Public-key operations: one table per operation and family (each ends with {NULL, NULL, NULL, NULL});
 * query_operation hands out, per operation, the concatenation of the families' tables (built once, prov.c).
 *   ec     provider/pk_ec.c      EC keymgmt (P-224..P-521), ECDSA signature, ECDH keyexch
 *   rsa    provider/pk_rsa_keymgmt.c, pk_rsa_sig.c, pk_rsa_cipher.c (pk_rsa.h): RSA and RSA-PSS keymgmt, RSA
 *          signature (PKCS#1 v1.5, PSS), RSA asym-cipher (OAEP)
 *   eddh   provider/pk_ed25519.c, pk_dh.c: ED25519 keymgmt + signature; DH keymgmt (safe-prime groups) + DH keyexch */
extern const OSSL_ALGORITHM fips140_prov_keymgmt_ec[], fips140_prov_signature_ec[], fips140_prov_keyexch_ec[];
extern const OSSL_ALGORITHM fips140_prov_keymgmt_rsa[], fips140_prov_signature_rsa[], fips140_prov_asym_cipher_rsa[];
extern const OSSL_ALGORITHM fips140_prov_keymgmt_eddh[], fips140_prov_signature_eddh[], fips140_prov_keyexch_eddh[];

/* TLS-GROUP capabilities (OSSL_FUNC_PROVIDER_GET_CAPABILITIES, "TLS-GROUP"): each family calls cb once per group
 * it offers (an OSSL_PARAM list: tls-group-name, -name-internal, -id, -alg, -secbits, -min-tls, -max-tls,
 * -min-dtls, -max-dtls, as libssl expects) and returns 0 if cb fails. ec: secp256r1, secp384r1, secp521r1;
 * eddh: ffdhe2048..ffdhe8192. */
int fips140_prov_tls_groups_ec(OSSL_CALLBACK *cb, void *arg);
int fips140_prov_tls_groups_eddh(OSSL_CALLBACK *cb, void *arg);

/* ---- errors. Reason codes of the provider's error library (the strings are returned by get_reason_strings,
 * provider/prov.c). OpenSSL prints them as "...:fips140:<reason string>:<formatted detail>". */
#define FIPS140_PROV_R_MODULE_ERROR 1           /* "fips140 module error": any other fips140_status */
#define FIPS140_PROV_R_NOT_OPERATIONAL 2        /* "module not operational" (error state, or not initialised) */
#define FIPS140_PROV_R_SELF_TEST_FAILED 3       /* "self-test failed" */
#define FIPS140_PROV_R_MISSING_CONFIG 4         /* "missing config data" (module-mac, install-mac, ...) */
#define FIPS140_PROV_R_INVALID_CONFIG 5         /* "invalid config data" (malformed value) */
#define FIPS140_PROV_R_MODULE_INTEGRITY 6       /* "module integrity failure" (module-mac mismatch) */
#define FIPS140_PROV_R_INSTALL_INTEGRITY 7      /* "install integrity failure" (install-mac / install-status) */
#define FIPS140_PROV_R_INVALID_PARAM 8          /* "invalid parameter" (bad OSSL_PARAM type or value) */
#define FIPS140_PROV_R_MALLOC_FAILURE 9         /* "memory allocation failed" */
#define FIPS140_PROV_R_NOT_APPROVED 10          /* "not approved" (FIPS140_ERR_NOT_APPROVED) */
#define FIPS140_PROV_R_INVALID_KEY_LENGTH 11    /* FIPS140_ERR_KEY_LENGTH */
#define FIPS140_PROV_R_INVALID_IV_LENGTH 12     /* FIPS140_ERR_IV_LENGTH */
#define FIPS140_PROV_R_INVALID_TAG_LENGTH 13    /* FIPS140_ERR_TAG_LENGTH */
#define FIPS140_PROV_R_INVALID_DATA_LENGTH 14   /* FIPS140_ERR_DATA_LENGTH */
#define FIPS140_PROV_R_INVALID_OUTPUT_LENGTH 15 /* FIPS140_ERR_OUTPUT_LENGTH */
#define FIPS140_PROV_R_BAD_STATE 16             /* FIPS140_ERR_STATE: call out of sequence */
#define FIPS140_PROV_R_AUTH_FAILED 17           /* FIPS140_ERR_AUTH: tag mismatch / bad decrypt */
#define FIPS140_PROV_R_UNSUPPORTED 18           /* "unsupported" algorithm, mode or parameter value */
#define FIPS140_PROV_R_MISSING_PARAM 19         /* "missing parameter" (key, salt, digest not set) */
#define FIPS140_PROV_R_OPENSSL_TOO_OLD 20       /* "OpenSSL core too old" (< 3.0) */
#define FIPS140_PROV_R_INVALID_NULL 21          /* FIPS140_ERR_NULL: a required pointer was NULL */

/* fips140_prov_raise - put one error on OpenSSL's error stack (core new_error + set_error_debug + vset_error),
 * printf-style detail (fmt may be NULL). provctx may be NULL: the handle of the last initialised instance is
 * used. Does nothing if the core offered no error functions. The file/line/function recorded are the caller's
 * through the FIPS140_PROV_RAISE macro; the function form records none. */
void fips140_prov_raise(void *provctx_or_NULL, int reason, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void fips140_prov_raise_at(void *provctx_or_NULL, const char *file, int line, const char *func, int reason,
                           const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
#define FIPS140_PROV_RAISE(provctx, reason, ...) \
    fips140_prov_raise_at((provctx), __FILE__, __LINE__, __func__, (reason), __VA_ARGS__)

/* fips140_prov_reason_string - the text of a FIPS140_PROV_R_* code ("module integrity failure"...), never NULL.
 * OpenSSL registers the provider's reason strings only after a successful OSSL_provider_init, so errors raised
 * during init carry this text in their detail. */
const char *fips140_prov_reason_string(int reason);
/* fips140_prov_reason_of - the reason code for a failed fips140_status (FIPS140_ERR_KEY_LENGTH ->
 * FIPS140_PROV_R_INVALID_KEY_LENGTH, ...). */
int fips140_prov_reason_of(fips140_status st);
/* fips140_prov_raise_status - raise the reason of st with the detail "<what>: <fips140_status_string(st)>",
 * plus fips140_last_refusal() for FIPS140_ERR_NOT_APPROVED. Returns 0 so that `return fips140_prov_raise_status(...)`
 * reads naturally in OpenSSL-style int functions (1 = success). */
int fips140_prov_raise_status(void *provctx_or_NULL, fips140_status st, const char *what);

/* ---- OSSL_PARAM helpers (provider/params.c): libcrypto's OSSL_PARAM_* functions are not available.
 * Getters return 1 on success, 0 on a wrong type / size / missing data (they do not raise). Setters set
 * return_size and return 1, or 0 if the type does not fit or the buffer is too small (return_size is still set,
 * so a size query with data == NULL works like OpenSSL's). */
const OSSL_PARAM *fips140_prov_param_locate_const(const OSSL_PARAM *params, const char *key);
OSSL_PARAM *fips140_prov_param_locate(OSSL_PARAM *params, const char *key);
/* integers: accept OSSL_PARAM_INTEGER and OSSL_PARAM_UNSIGNED_INTEGER of 1, 2, 4 or 8 bytes, range-checked */
int fips140_prov_param_get_int(const OSSL_PARAM *p, int *out);
int fips140_prov_param_get_uint(const OSSL_PARAM *p, unsigned int *out);
int fips140_prov_param_get_size_t(const OSSL_PARAM *p, size_t *out);
int fips140_prov_param_get_uint64(const OSSL_PARAM *p, uint64_t *out);
int fips140_prov_param_set_int(OSSL_PARAM *p, int v);
int fips140_prov_param_set_uint(OSSL_PARAM *p, unsigned int v);
int fips140_prov_param_set_size_t(OSSL_PARAM *p, size_t v);
int fips140_prov_param_set_uint64(OSSL_PARAM *p, uint64_t v);
/* strings: UTF8_STRING (copy out, NUL-terminated, fails if it does not fit) or UTF8_PTR (get: either type) */
int fips140_prov_param_get_utf8_string(const OSSL_PARAM *p, char *buf, size_t bufsize);
/* get_utf8_ptr: a view of the caller's string, like libcrypto's getter (its NUL may lie just past data_size);
 * prefer get_utf8_string, which is bounded by data_size, for names you compare. */
int fips140_prov_param_get_utf8_ptr(const OSSL_PARAM *p, const char **out);
int fips140_prov_param_set_utf8_string(OSSL_PARAM *p, const char *s);       /* UTF8_STRING or UTF8_PTR */
/* octet strings: OCTET_STRING (or OCTET_PTR for get) as a view into the caller's memory */
int fips140_prov_param_get_octet_ptr(const OSSL_PARAM *p, const void **data, size_t *len);
int fips140_prov_param_set_octet_string(OSSL_PARAM *p, const void *data, size_t len);

/* ---- self-test events (provider/prov.c): report one event to the application's self-test callback
 * (OSSL_SELF_TEST_set_callback) through the core's OSSL_FUNC_SELF_TEST_CB, with the phase / type / desc strings
 * of <openssl/self_test.h>. Returns the callback's answer (0 = the application asks to fail the test), 1 when
 * there is no callback. */
int fips140_prov_self_test_event(const fips140_prov_ctx *ctx, const char *phase, const char *type,
                                 const char *desc);

/* ---- provider/config.c : verify the provider's config section (module-mac, install-status, install-mac,
 * docs/PROVIDER.md) at OSSL_provider_init. Returns 1, or 0 after raising the reason and printing one line on stderr. */
int fips140_prov_config_verify(fips140_prov_ctx *ctx);
/* The install-status value fipsinstall writes once the self-tests ran (cli/cmd_install.c writes the same). */
#define FIPS140_PROV_INSTALL_STATUS "INSTALL_SELF_TEST_KATS_RUN"

/* provider/digests.c */
/* fips140_prov_name_in_list - 1 when name equals (ASCII case-insensitively, as OpenSSL compares algorithm names)
 * one of the entries of the colon-separated list, e.g. "SHA2-256:SHA-256:SHA256:2.16.840.1.101.3.4.2.1". */
int fips140_prov_name_in_list(const char *name, const char *list);
/* fips140_prov_digest_lookup - the module hash named by any of OpenSSL's names, aliases or OID of the digests this
 * provider registers (SHA-1, SHA-2, SHA-3, SHAKE); 1 and *alg set (alg may be NULL), or 0 if unknown. */
int fips140_prov_digest_lookup(const char *name, fips140_hash_alg *alg);

/* provider/pk_dh.c: the DH keymgmt dispatch table, listed in fips140_prov_keymgmt_eddh[]
 * (provider/pk_ed25519.c) */
extern const OSSL_DISPATCH fips140_prov_dh_keymgmt_fns[];

/* BIGNUM parameters (provider/params.c): OSSL_PARAM_UNSIGNED_INTEGER in native byte order <-> the module's big-endian
 * strings.
 * fips140_prov_param_get_bn - p's value as exactly outlen big-endian bytes (left-padded); 0 on a wrong type or if it
 *   does not fit.
 * fips140_prov_param_set_bn - set p from be[len] (leading zeros dropped; return_size = the minimal length; data NULL:
 *   size query); 0 on a wrong type or a buffer too small.
 * fips140_prov_bn_be_to_native - n big-endian bytes to native order (the data of an UNSIGNED_INTEGER param). */
int fips140_prov_param_get_bn(const OSSL_PARAM *p, uint8_t *out, size_t outlen);
int fips140_prov_param_set_bn(OSSL_PARAM *p, const uint8_t *be, size_t len);
void fips140_prov_bn_be_to_native(uint8_t *out, const uint8_t *be, size_t n);

#endif
