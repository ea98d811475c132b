/* provider/prov.c - the entry point of the fips140 OpenSSL 3 provider (issue 7, docs/PROVIDER.md):
 * OSSL_provider_init, teardown, provider parameters, query_operation, reason strings, the on-demand self-test and
 * self-test events, and the error helpers of prov.h.
 *
 * Nothing here calls libcrypto: the core functions come from the `in` dispatch table, the cryptography from the
 * fips140 module linked into this shared object. */
#include <stdatomic.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/self_test.h> /* OSSL_SELF_TEST_PHASE_* / TYPE_* / DESC_* strings (macros only) */

#include "prov.h"

#ifndef FIPS140_PROVIDER_BUILDINFO
#define FIPS140_PROVIDER_BUILDINFO "unknown"
#endif

fips140_prov_core fips140_prov_core_fns;

/* The handle of the last instance initialised, for fips140_prov_raise(NULL, ...); NULL once it is torn down
 * (errors raised with a NULL provctx are then dropped). */
static const OSSL_CORE_HANDLE *_Atomic last_handle;
/* 1 once an instance passed its configuration check and self-tests; 0 again if an on-demand self-test fails. */
static atomic_int prov_operational;

int fips140_prov_is_running(void)
{
    return atomic_load(&prov_operational) && fips140_get_state() != FIPS140_STATE_ERROR;
}

void *fips140_prov_new_ctx(void *provctx, size_t size, const char *what)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, what != NULL ? "%s" : NULL, what);
        return NULL;
    }
    void *ctx = calloc(1, size);
    if (ctx == NULL)
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, what != NULL ? "%s" : NULL, what);
    return ctx;
}

/* ---- errors */

static void raise_v(void *provctx, const char *file, int line, const char *func, int reason, const char *fmt,
                    va_list ap)
{
    const fips140_prov_core *c = &fips140_prov_core_fns;
    const OSSL_CORE_HANDLE *h = provctx != NULL ? fips140_prov_ctx_of(provctx)->handle : atomic_load(&last_handle);
    if (c->new_error == NULL || c->vset_error == NULL || h == NULL)
        return;
    c->new_error(h);
    if (c->set_error_debug != NULL)
        c->set_error_debug(h, file, line, func);
    c->vset_error(h, (uint32_t)reason, fmt, ap);
}

void fips140_prov_raise(void *provctx_or_NULL, int reason, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    raise_v(provctx_or_NULL, NULL, 0, NULL, reason, fmt, ap);
    va_end(ap);
}

void fips140_prov_raise_at(void *provctx_or_NULL, const char *file, int line, const char *func, int reason,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    raise_v(provctx_or_NULL, file, line, func, reason, fmt, ap);
    va_end(ap);
}

int fips140_prov_reason_of(fips140_status st)
{
    switch (st) {
    case FIPS140_ERR_NULL: return FIPS140_PROV_R_INVALID_NULL;
    case FIPS140_ERR_ARG: return FIPS140_PROV_R_INVALID_PARAM;
    case FIPS140_ERR_KEY_LENGTH: return FIPS140_PROV_R_INVALID_KEY_LENGTH;
    case FIPS140_ERR_IV_LENGTH: return FIPS140_PROV_R_INVALID_IV_LENGTH;
    case FIPS140_ERR_TAG_LENGTH: return FIPS140_PROV_R_INVALID_TAG_LENGTH;
    case FIPS140_ERR_DATA_LENGTH: return FIPS140_PROV_R_INVALID_DATA_LENGTH;
    case FIPS140_ERR_OUTPUT_LENGTH: return FIPS140_PROV_R_INVALID_OUTPUT_LENGTH;
    case FIPS140_ERR_STATE: return FIPS140_PROV_R_BAD_STATE;
    case FIPS140_ERR_AUTH: return FIPS140_PROV_R_AUTH_FAILED;
    case FIPS140_ERR_ERROR_STATE: return FIPS140_PROV_R_NOT_OPERATIONAL;
    case FIPS140_ERR_NOT_APPROVED: return FIPS140_PROV_R_NOT_APPROVED;
    default: return FIPS140_PROV_R_MODULE_ERROR;
    }
}

int fips140_prov_raise_status(void *provctx_or_NULL, fips140_status st, const char *what)
{
    const char *refusal = st == FIPS140_ERR_NOT_APPROVED ? fips140_last_refusal() : NULL;
    if (what == NULL)
        what = "fips140";
    if (refusal != NULL)
        fips140_prov_raise(provctx_or_NULL, fips140_prov_reason_of(st), "%s: %s (%s)", what,
                           fips140_status_string(st), refusal);
    else
        fips140_prov_raise(provctx_or_NULL, fips140_prov_reason_of(st), "%s: %s", what, fips140_status_string(st));
    return 0;
}

static const OSSL_ITEM reason_strings[] = {
    {FIPS140_PROV_R_MODULE_ERROR, "fips140 module error"},
    {FIPS140_PROV_R_NOT_OPERATIONAL, "module not operational"},
    {FIPS140_PROV_R_SELF_TEST_FAILED, "self-test failed"},
    {FIPS140_PROV_R_MISSING_CONFIG, "missing config data"},
    {FIPS140_PROV_R_INVALID_CONFIG, "invalid config data"},
    {FIPS140_PROV_R_MODULE_INTEGRITY, "module integrity failure"},
    {FIPS140_PROV_R_INSTALL_INTEGRITY, "install integrity failure"},
    {FIPS140_PROV_R_INVALID_PARAM, "invalid parameter"},
    {FIPS140_PROV_R_MALLOC_FAILURE, "memory allocation failed"},
    {FIPS140_PROV_R_NOT_APPROVED, "not approved"},
    {FIPS140_PROV_R_INVALID_KEY_LENGTH, "invalid key length"},
    {FIPS140_PROV_R_INVALID_IV_LENGTH, "invalid iv length"},
    {FIPS140_PROV_R_INVALID_TAG_LENGTH, "invalid tag length"},
    {FIPS140_PROV_R_INVALID_DATA_LENGTH, "invalid data length"},
    {FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "invalid output length"},
    {FIPS140_PROV_R_BAD_STATE, "call out of sequence"},
    {FIPS140_PROV_R_AUTH_FAILED, "authentication failed"},
    {FIPS140_PROV_R_UNSUPPORTED, "unsupported"},
    {FIPS140_PROV_R_MISSING_PARAM, "missing parameter"},
    {FIPS140_PROV_R_OPENSSL_TOO_OLD, "OpenSSL core too old (3.0 or later needed)"},
    {FIPS140_PROV_R_INVALID_NULL, "required pointer is NULL"},
    {0, NULL}};

const char *fips140_prov_reason_string(int reason)
{
    for (const OSSL_ITEM *it = reason_strings; it->ptr != NULL; it++)
        if (it->id == (unsigned int)reason)
            return it->ptr;
    return "unknown reason";
}

static const OSSL_ITEM *prov_get_reason_strings(void *provctx)
{
    (void)provctx;
    return reason_strings;
}

/* ---- self-test events */

int fips140_prov_self_test_event(const fips140_prov_ctx *ctx, const char *phase, const char *type,
                                 const char *desc)
{
    OSSL_CALLBACK *cb = NULL;
    void *cbarg = NULL;
    /* ctx->corectx may be NULL: that is how the core names the default library context */
    if (ctx == NULL || fips140_prov_core_fns.self_test_cb == NULL)
        return 1;
    fips140_prov_core_fns.self_test_cb(ctx->corectx, &cb, &cbarg);
    if (cb == NULL)
        return 1;
    OSSL_PARAM params[4] = {
        {OSSL_PROV_PARAM_SELF_TEST_PHASE, OSSL_PARAM_UTF8_STRING, (void *)phase, strlen(phase), OSSL_PARAM_UNMODIFIED},
        {OSSL_PROV_PARAM_SELF_TEST_TYPE, OSSL_PARAM_UTF8_STRING, (void *)type, strlen(type), OSSL_PARAM_UNMODIFIED},
        {OSSL_PROV_PARAM_SELF_TEST_DESC, OSSL_PARAM_UTF8_STRING, (void *)desc, strlen(desc), OSSL_PARAM_UNMODIFIED},
        {NULL, 0, NULL, 0, 0}};
    return cb(params, cbarg);
}

/* cast_type - the OpenSSL self-test type string closest to one of the module's CAST names. */
static const char *cast_type(const char *name)
{
    if (strcmp(name, "integrity") == 0)
        return OSSL_SELF_TEST_TYPE_MODULE_INTEGRITY;
    if (strstr(name, "DRBG") != NULL)
        return OSSL_SELF_TEST_TYPE_DRBG;
    if (strncmp(name, "ENTROPY", 7) == 0)
        return OSSL_SELF_TEST_TYPE_CRNG;
    if (strstr(name, "HMAC-") != NULL || strstr(name, "CMAC") != NULL || strstr(name, "GMAC") != NULL)
        return "KAT_MAC";
    if (strstr(name, "AES") != NULL)
        return OSSL_SELF_TEST_TYPE_KAT_CIPHER;
    if (strstr(name, "SigGen") != NULL)
        return OSSL_SELF_TEST_TYPE_KAT_SIGNATURE;
    if (strncmp(name, "KAS", 3) == 0)
        return OSSL_SELF_TEST_TYPE_KAT_KA;
    if (strncmp(name, "KTS", 3) == 0)
        return OSSL_SELF_TEST_TYPE_KAT_ASYM_CIPHER;
    if (strstr(name, "KDF") != NULL || strstr(name, "KDA") != NULL || strstr(name, "kdf") != NULL)
        return OSSL_SELF_TEST_TYPE_KAT_KDF;
    if (strncmp(name, "SHA", 3) == 0)
        return OSSL_SELF_TEST_TYPE_KAT_DIGEST;
    return "KAT";
}

/* A run of the module's self-tests with event reporting. */
typedef struct selftest_run {
    const fips140_prov_ctx *ctx;
    const char *corrupted; /* the first test the application asked to corrupt, or NULL */
} selftest_run;

/* report_event - fips140_selftest_run_all's per-test report. The module calls it after a test passed (a real
 * failure is fatal inside the module), so the application sees Start, Corrupt and Pass for each test after the
 * fact. When the callback answers 0 in the Corrupt phase (`openssl fipsinstall -corrupt_desc`), the test is
 * reported as failed and the run fails, as if its answer had been corrupted: the provider stops (status 0). */
static void report_event(void *arg, const char *name, uint64_t nanoseconds)
{
    selftest_run *run = arg;
    const char *type = cast_type(name);
    const char *desc = strcmp(name, "integrity") == 0 ? OSSL_SELF_TEST_DESC_INTEGRITY_HMAC : name;
    (void)nanoseconds;
    (void)fips140_prov_self_test_event(run->ctx, OSSL_SELF_TEST_PHASE_START, type, desc);
    if (!fips140_prov_self_test_event(run->ctx, OSSL_SELF_TEST_PHASE_CORRUPT, type, desc)) {
        if (run->corrupted == NULL)
            run->corrupted = name;
        (void)fips140_prov_self_test_event(run->ctx, OSSL_SELF_TEST_PHASE_FAIL, type, desc);
        return;
    }
    (void)fips140_prov_self_test_event(run->ctx, OSSL_SELF_TEST_PHASE_PASS, type, desc);
}

/* run_self_tests - the module's integrity check and every CAST now; 1 if they all passed. On failure the
 * provider stops being operational (every instance: query_operation answers NULL, status 0). */
static int run_self_tests(fips140_prov_ctx *ctx)
{
    selftest_run run = {ctx, NULL};
    fips140_status st = fips140_selftest_run_all(report_event, &run);
    if (st != FIPS140_OK) {
        atomic_store(&prov_operational, 0);
        fips140_prov_raise(ctx, FIPS140_PROV_R_SELF_TEST_FAILED, "self-test failed: fips140_selftest_run_all: %s",
                           fips140_status_string(st));
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, "KAT", "fips140 self-tests");
        fprintf(stderr, "fips140 provider: self-test failed: %s\n", fips140_status_string(st));
        return 0;
    }
    if (run.corrupted != NULL) {
        atomic_store(&prov_operational, 0);
        fips140_prov_raise(ctx, FIPS140_PROV_R_SELF_TEST_FAILED,
                           "self-test failed: %s (corrupted at the application's request)", run.corrupted);
        fprintf(stderr, "fips140 provider: self-test failed: %s (corrupted at the application's request)\n",
                run.corrupted);
        return 0;
    }
    return 1;
}

static int prov_self_test(void *provctx)
{
    return run_self_tests(fips140_prov_ctx_of(provctx));
}

/* ---- provider parameters */

static const OSSL_PARAM prov_param_types[] = {
    OSSL_PARAM_DEFN(OSSL_PROV_PARAM_NAME, OSSL_PARAM_UTF8_PTR, NULL, 0),
    OSSL_PARAM_DEFN(OSSL_PROV_PARAM_VERSION, OSSL_PARAM_UTF8_PTR, NULL, 0),
    OSSL_PARAM_DEFN(OSSL_PROV_PARAM_BUILDINFO, OSSL_PARAM_UTF8_PTR, NULL, 0),
    OSSL_PARAM_DEFN(OSSL_PROV_PARAM_STATUS, OSSL_PARAM_INTEGER, NULL, 0),
    OSSL_PARAM_END};

static const OSSL_PARAM *prov_gettable_params(void *provctx)
{
    (void)provctx;
    return prov_param_types;
}

static int prov_get_params(void *provctx, OSSL_PARAM params[])
{
    static char buildinfo[96];
    OSSL_PARAM *p;
    (void)provctx;
    if (buildinfo[0] == '\0')
        snprintf(buildinfo, sizeof(buildinfo), "fips140 %s (%s)", fips140_module_version(),
                 FIPS140_PROVIDER_BUILDINFO);
    p = fips140_prov_param_locate(params, OSSL_PROV_PARAM_NAME);
    if (p != NULL && !fips140_prov_param_set_utf8_string(p, "fips140 provider (FIPS 140-3 design, not validated)"))
        return 0;
    p = fips140_prov_param_locate(params, OSSL_PROV_PARAM_VERSION);
    if (p != NULL && !fips140_prov_param_set_utf8_string(p, fips140_module_version()))
        return 0;
    p = fips140_prov_param_locate(params, OSSL_PROV_PARAM_BUILDINFO);
    if (p != NULL && !fips140_prov_param_set_utf8_string(p, buildinfo))
        return 0;
    p = fips140_prov_param_locate(params, OSSL_PROV_PARAM_STATUS);
    if (p != NULL && !fips140_prov_param_set_int(p, fips140_prov_is_running()))
        return 0;
    return 1;
}

/* ---- algorithms */

static const OSSL_ALGORITHM *nonempty(const OSSL_ALGORITHM *table)
{
    return table[0].algorithm_names != NULL ? table : NULL;
}

/* The public-key operations' tables: the concatenation of the families' tables (prov.h), built once. */
#define PK_TABLE_MAX 64
enum { PK_KEYMGMT, PK_SIGNATURE, PK_KEYEXCH, PK_ASYM_CIPHER, PK_OPS };
static OSSL_ALGORITHM pk_tables[PK_OPS][PK_TABLE_MAX];
static pthread_once_t pk_once = PTHREAD_ONCE_INIT;

/* pk_append - copy table's entries after the n already in out (the last slot stays the terminator). */
static void pk_append(OSSL_ALGORITHM *out, size_t *n, const OSSL_ALGORITHM *table)
{
    for (size_t i = 0; table[i].algorithm_names != NULL && *n < PK_TABLE_MAX - 1; i++)
        out[(*n)++] = table[i];
}

static void pk_build(void)
{
    size_t n[PK_OPS] = {0};
    pk_append(pk_tables[PK_KEYMGMT], &n[PK_KEYMGMT], fips140_prov_keymgmt_ec);
    pk_append(pk_tables[PK_KEYMGMT], &n[PK_KEYMGMT], fips140_prov_keymgmt_rsa);
    pk_append(pk_tables[PK_KEYMGMT], &n[PK_KEYMGMT], fips140_prov_keymgmt_eddh);
    pk_append(pk_tables[PK_SIGNATURE], &n[PK_SIGNATURE], fips140_prov_signature_ec);
    pk_append(pk_tables[PK_SIGNATURE], &n[PK_SIGNATURE], fips140_prov_signature_rsa);
    pk_append(pk_tables[PK_SIGNATURE], &n[PK_SIGNATURE], fips140_prov_signature_eddh);
    pk_append(pk_tables[PK_KEYEXCH], &n[PK_KEYEXCH], fips140_prov_keyexch_ec);
    pk_append(pk_tables[PK_KEYEXCH], &n[PK_KEYEXCH], fips140_prov_keyexch_eddh);
    pk_append(pk_tables[PK_ASYM_CIPHER], &n[PK_ASYM_CIPHER], fips140_prov_asym_cipher_rsa);
}

static const OSSL_ALGORITHM *pk_table(int op)
{
    pthread_once(&pk_once, pk_build);
    return nonempty(pk_tables[op]);
}

static const OSSL_ALGORITHM *prov_query_operation(void *provctx, int operation_id, int *no_cache)
{
    (void)provctx;
    *no_cache = 0;
    if (!fips140_prov_is_running())
        return NULL;
    switch (operation_id) {
    case OSSL_OP_DIGEST: return nonempty(fips140_prov_digests);
    case OSSL_OP_CIPHER: return nonempty(fips140_prov_ciphers);
    case OSSL_OP_MAC: return nonempty(fips140_prov_macs);
    case OSSL_OP_KDF: return nonempty(fips140_prov_kdfs);
    case OSSL_OP_RAND: return nonempty(fips140_prov_rands);
    case OSSL_OP_KEYMGMT: return pk_table(PK_KEYMGMT);
    case OSSL_OP_SIGNATURE: return pk_table(PK_SIGNATURE);
    case OSSL_OP_KEYEXCH: return pk_table(PK_KEYEXCH);
    case OSSL_OP_ASYM_CIPHER: return pk_table(PK_ASYM_CIPHER);
    default: return NULL;
    }
}

/* prov_get_capabilities - "TLS-GROUP": the groups libssl may negotiate through this provider (prov.h). */
static int prov_get_capabilities(void *provctx, const char *capability, OSSL_CALLBACK *cb, void *arg)
{
    (void)provctx;
    if (capability == NULL || strcmp(capability, "TLS-GROUP") != 0)
        return 0;
    return fips140_prov_tls_groups_ec(cb, arg) && fips140_prov_tls_groups_eddh(cb, arg);
}

/* ---- life cycle */

static void ctx_free(fips140_prov_ctx *ctx)
{
    if (ctx == NULL)
        return;
    free(ctx->module_path);
    free(ctx);
}

static void prov_teardown(void *provctx)
{
    fips140_prov_ctx *ctx = fips140_prov_ctx_of(provctx);
    if (ctx != NULL) {
        /* fips140_prov_raise(NULL, ...) must not reach a handle the core is about to free */
        const OSSL_CORE_HANDLE *expected = ctx->handle;
        (void)atomic_compare_exchange_strong(&last_handle, &expected, NULL);
    }
    ctx_free(ctx);
}

static const OSSL_DISPATCH prov_dispatch[] = {
    {OSSL_FUNC_PROVIDER_TEARDOWN, (void (*)(void))prov_teardown},
    {OSSL_FUNC_PROVIDER_GETTABLE_PARAMS, (void (*)(void))prov_gettable_params},
    {OSSL_FUNC_PROVIDER_GET_PARAMS, (void (*)(void))prov_get_params},
    {OSSL_FUNC_PROVIDER_QUERY_OPERATION, (void (*)(void))prov_query_operation},
    {OSSL_FUNC_PROVIDER_GET_REASON_STRINGS, (void (*)(void))prov_get_reason_strings},
    {OSSL_FUNC_PROVIDER_SELF_TEST, (void (*)(void))prov_self_test},
    {OSSL_FUNC_PROVIDER_GET_CAPABILITIES, (void (*)(void))prov_get_capabilities},
    {0, NULL}};

/* fetch_core - copy the core functions the provider uses out of the `in` dispatch table. */
static void fetch_core(const OSSL_DISPATCH *in, fips140_prov_core *c)
{
    memset(c, 0, sizeof(*c));
    for (; in != NULL && in->function_id != 0; in++) {
        switch (in->function_id) {
        case OSSL_FUNC_CORE_GETTABLE_PARAMS: c->gettable_params = OSSL_FUNC_core_gettable_params(in); break;
        case OSSL_FUNC_CORE_GET_PARAMS: c->get_params = OSSL_FUNC_core_get_params(in); break;
        case OSSL_FUNC_CORE_GET_LIBCTX: c->get_libctx = OSSL_FUNC_core_get_libctx(in); break;
        case OSSL_FUNC_CORE_NEW_ERROR: c->new_error = OSSL_FUNC_core_new_error(in); break;
        case OSSL_FUNC_CORE_SET_ERROR_DEBUG: c->set_error_debug = OSSL_FUNC_core_set_error_debug(in); break;
        case OSSL_FUNC_CORE_VSET_ERROR: c->vset_error = OSSL_FUNC_core_vset_error(in); break;
        case OSSL_FUNC_CORE_SET_ERROR_MARK: c->set_error_mark = OSSL_FUNC_core_set_error_mark(in); break;
        case OSSL_FUNC_CORE_CLEAR_LAST_ERROR_MARK:
            c->clear_last_error_mark = OSSL_FUNC_core_clear_last_error_mark(in);
            break;
        case OSSL_FUNC_CORE_POP_ERROR_TO_MARK: c->pop_error_to_mark = OSSL_FUNC_core_pop_error_to_mark(in); break;
        case OSSL_FUNC_SELF_TEST_CB: c->self_test_cb = OSSL_FUNC_self_test_cb(in); break;
        default: break;
        }
    }
}

/* core_version_ok - 1 if the core reports OpenSSL 3.0 or later ("openssl-version" = "3.0.22"...). */
static int core_version_ok(const OSSL_CORE_HANDLE *handle, const char **version)
{
    const char *v = NULL;
    OSSL_PARAM q[2] = {{OSSL_PROV_PARAM_CORE_VERSION, OSSL_PARAM_UTF8_PTR, &v, 0, OSSL_PARAM_UNMODIFIED},
                       {NULL, 0, NULL, 0, 0}};
    *version = "unknown";
    if (!fips140_prov_core_fns.get_params(handle, q) || v == NULL)
        return 0;
    *version = v;
    long major = strtol(v, NULL, 10);
    return major >= 3;
}

/* say - the one line on stderr that accompanies a failed OSSL_provider_init. */
static void say(const char *msg)
{
    fprintf(stderr, "fips140 provider: %s\n", msg);
}

static int init_instance(const OSSL_CORE_HANDLE *handle, const OSSL_DISPATCH *in, const OSSL_DISPATCH **out,
                         void **provctx)
{
    fips140_prov_core c;
    fetch_core(in, &c);
    if (c.get_params == NULL) {
        say("the OpenSSL core offers no get_params function: not an OpenSSL 3 core");
        return 0;
    }
    fips140_prov_core_fns = c;
    atomic_store(&last_handle, handle);

    const char *version;
    if (!core_version_ok(handle, &version)) {
        char msg[128];
        snprintf(msg, sizeof(msg), "OpenSSL %s is too old (3.0 or later needed)", version);
        fips140_prov_raise(NULL, FIPS140_PROV_R_OPENSSL_TOO_OLD, "%s", msg);
        say(msg);
        return 0;
    }

    fips140_prov_ctx *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) {
        fips140_prov_raise(NULL, FIPS140_PROV_R_MALLOC_FAILURE, "%s", "memory allocation failed");
        say("out of memory");
        return 0;
    }
    ctx->handle = handle;
    ctx->corectx = c.get_libctx != NULL ? c.get_libctx(handle) : NULL;

    const char *path = NULL;
    OSSL_PARAM q[2] = {{OSSL_PROV_PARAM_CORE_MODULE_FILENAME, OSSL_PARAM_UTF8_PTR, &path, 0, OSSL_PARAM_UNMODIFIED},
                       {NULL, 0, NULL, 0, 0}};
    if (c.get_params(handle, q) && path != NULL) {
        size_t n = strlen(path) + 1;
        ctx->module_path = malloc(n);
        if (ctx->module_path != NULL)
            memcpy(ctx->module_path, path, n);
        if (ctx->module_path == NULL) {
            fips140_prov_raise(NULL, FIPS140_PROV_R_MALLOC_FAILURE, "%s", "memory allocation failed");
            say("out of memory");
            ctx_free(ctx);
            return 0;
        }
    }

    /* The configuration check (module-mac, install-status, install-mac) raises and prints its own reason. */
    if (!fips140_prov_config_verify(ctx)) {
        ctx_free(ctx);
        return 0;
    }
    if (!run_self_tests(ctx)) { /* raises and prints its own reason */
        ctx_free(ctx);
        return 0;
    }
    atomic_store(&prov_operational, 1);
    *out = prov_dispatch;
    *provctx = ctx;
    return 1;
}

OSSL_provider_init_fn OSSL_provider_init;
__attribute__((visibility("default"))) int OSSL_provider_init(const OSSL_CORE_HANDLE *handle,
                                                              const OSSL_DISPATCH *in, const OSSL_DISPATCH **out,
                                                              void **provctx)
{
    int ok = init_instance(handle, in, out, provctx);
    if (!ok) {
        /* the core frees a provider whose init failed: forget its handle */
        const OSSL_CORE_HANDLE *expected = handle;
        (void)atomic_compare_exchange_strong(&last_handle, &expected, NULL);
    }
    return ok;
}
