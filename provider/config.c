/* provider/config.c - the installation check of the provider at OSSL_provider_init (docs/PROVIDER.md), the same
 * scheme as OpenSSL's FIPS provider and `openssl fipsinstall`:
 *
 *   module-mac     = HMAC-SHA2-256 over the whole provider file (OSSL_PROV_PARAM_CORE_MODULE_FILENAME) keyed with
 *                    fipsinstall's default FIPS key; required.
 *   install-status = "INSTALL_SELF_TEST_KATS_RUN"
 *   install-mac    = HMAC-SHA2-256 of the install-status string with the same key.
 *
 * The values are the keys of the provider's config section, which the core hands to the provider as parameters
 * of the same name (core get_params). MACs are written as colon-separated hex bytes ("AB:01:..", as fipsinstall
 * writes them, either case). install-status and install-mac are both present (checked) or both absent (OpenSSL's
 * `-self_test_onload` form: the self-tests run at every load, which this provider does in any case); one without
 * the other, a wrong value or a missing module-mac fails the load.
 *
 * All computation uses the module's HMAC (fips140_hmac_*). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/self_test.h>

#include "prov.h"

/* The default FIPS key of OpenSSL's fipsinstall (hexkey default), 32 bytes. It is public: the MAC detects
 * accidental change and a wrong installation, not a deliberate forgery (the same as OpenSSL's). */
static const uint8_t fipsinstall_key[32] = {
    0xf4, 0x55, 0x66, 0x50, 0xac, 0x31, 0xd3, 0x54, 0x61, 0x61, 0x0b, 0xac, 0x4e, 0xd8, 0x1b, 0x1a,
    0x18, 0x1b, 0x2d, 0x8a, 0x43, 0xea, 0x28, 0x54, 0xcb, 0xae, 0x22, 0xca, 0x74, 0x56, 0x08, 0x13};

#define MAC_LEN 32

static int fail(fips140_prov_ctx *ctx, int reason, const char *what, const char *detail)
{
    const char *why = fips140_prov_reason_string(reason);
    fips140_prov_raise_at(ctx, __FILE__, __LINE__, "fips140_prov_config_verify", reason, "%s: %s: %s", why, what,
                          detail);
    fprintf(stderr, "fips140 provider: %s: %s: %s\n", why, what, detail);
    return 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* parse_mac - "AB:CD:..." (32 bytes, colons between bytes optional, surrounding blanks ignored) into out. */
static int parse_mac(const char *s, uint8_t out[MAC_LEN])
{
    size_t n = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
        if (n > 0 && *s == ':')
            s++;
        int hi = hexval((unsigned char)s[0]);
        int lo = hi < 0 ? -1 : hexval((unsigned char)s[1]);
        if (hi < 0 || lo < 0 || n == MAC_LEN)
            return 0;
        out[n++] = (uint8_t)(hi << 4 | lo);
        s += 2;
    }
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    return n == MAC_LEN && *s == '\0';
}

/* file_mac_matches - FIPS140_OK if HMAC(key, whole file) equals expected; FIPS140_ERR_AUTH if it differs;
 * another status (and errno for I/O) otherwise. */
static fips140_status file_mac_matches(const char *path, const uint8_t expected[MAC_LEN], int *io_errno)
{
    fips140_hmac_ctx h;
    fips140_status st = fips140_hmac_init(&h, FIPS140_SHA256, fipsinstall_key, sizeof(fipsinstall_key));
    *io_errno = 0;
    if (st != FIPS140_OK)
        return st;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        *io_errno = errno != 0 ? errno : EIO;
        fips140_hmac_wipe(&h);
        return FIPS140_ERR_ARG;
    }
    enum { CHUNK = 1 << 16 };
    uint8_t *buf = malloc(CHUNK);
    if (buf == NULL) {
        *io_errno = ENOMEM;
        st = FIPS140_ERR_ARG;
    }
    size_t n;
    while (st == FIPS140_OK && (n = fread(buf, 1, CHUNK, f)) > 0)
        st = fips140_hmac_update(&h, buf, n);
    if (st == FIPS140_OK && ferror(f)) {
        *io_errno = EIO;
        st = FIPS140_ERR_ARG;
    }
    free(buf);
    fclose(f);
    if (st == FIPS140_OK)
        st = fips140_hmac_verify_final(&h, expected, MAC_LEN);
    fips140_hmac_wipe(&h);
    return st;
}

static fips140_status string_mac_matches(const char *s, const uint8_t expected[MAC_LEN])
{
    fips140_hmac_ctx h;
    fips140_status st = fips140_hmac_init(&h, FIPS140_SHA256, fipsinstall_key, sizeof(fipsinstall_key));
    if (st == FIPS140_OK)
        st = fips140_hmac_update(&h, s, strlen(s));
    if (st == FIPS140_OK)
        st = fips140_hmac_verify_final(&h, expected, MAC_LEN);
    fips140_hmac_wipe(&h);
    return st;
}

int fips140_prov_config_verify(fips140_prov_ctx *ctx)
{
    const char *module_mac = NULL, *install_mac = NULL, *install_status = NULL;
    OSSL_PARAM q[4] = {
        {"module-mac", OSSL_PARAM_UTF8_PTR, &module_mac, 0, OSSL_PARAM_UNMODIFIED},
        {"install-mac", OSSL_PARAM_UTF8_PTR, &install_mac, 0, OSSL_PARAM_UNMODIFIED},
        {"install-status", OSSL_PARAM_UTF8_PTR, &install_status, 0, OSSL_PARAM_UNMODIFIED},
        {NULL, 0, NULL, 0, 0}};
    uint8_t mac[MAC_LEN];
    const char *integrity = OSSL_SELF_TEST_TYPE_MODULE_INTEGRITY, *hmac = OSSL_SELF_TEST_DESC_INTEGRITY_HMAC;

    if (fips140_prov_core_fns.get_params == NULL || !fips140_prov_core_fns.get_params(ctx->handle, q))
        return fail(ctx, FIPS140_PROV_R_MISSING_CONFIG, "config", "the core did not return the config parameters");
    if (ctx->module_path == NULL)
        return fail(ctx, FIPS140_PROV_R_MISSING_CONFIG, "module-mac", "the core did not give the module's file name");

    /* module-mac */
    (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_START, integrity, hmac);
    if (module_mac == NULL) {
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        return fail(ctx, FIPS140_PROV_R_MISSING_CONFIG, "module-mac",
                    "missing from the provider's config section (run `fips140 install` or `openssl fipsinstall`)");
    }
    if (!parse_mac(module_mac, mac)) {
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        return fail(ctx, FIPS140_PROV_R_INVALID_CONFIG, "module-mac", "not 32 colon-separated hex bytes");
    }
    int err;
    fips140_status st = file_mac_matches(ctx->module_path, mac, &err);
    if (st == FIPS140_OK && !fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_CORRUPT, integrity, hmac)) {
        /* the application asked to corrupt this test (fipsinstall -corrupt_desc / -corrupt_type) */
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        return fail(ctx, FIPS140_PROV_R_MODULE_INTEGRITY, "module-mac", "corrupted at the application's request");
    }
    if (st != FIPS140_OK) {
        char detail[512];
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        if (err != 0) {
            snprintf(detail, sizeof(detail), "cannot read %s: %s", ctx->module_path, strerror(err));
            return fail(ctx, FIPS140_PROV_R_MODULE_INTEGRITY, "module-mac", detail);
        }
        if (st == FIPS140_ERR_AUTH) {
            snprintf(detail, sizeof(detail), "does not match %s (altered module or configuration)", ctx->module_path);
            return fail(ctx, FIPS140_PROV_R_MODULE_INTEGRITY, "module-mac", detail);
        }
        return fail(ctx, FIPS140_PROV_R_MODULE_INTEGRITY, "module-mac", fips140_status_string(st));
    }
    (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_PASS, integrity, hmac);

    /* install-status / install-mac */
    if (install_status == NULL && install_mac == NULL)
        return 1; /* -self_test_onload form: the self-tests run at every load anyway */
    integrity = OSSL_SELF_TEST_TYPE_INSTALL_INTEGRITY;
    (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_START, integrity, hmac);
    if (install_status == NULL || install_mac == NULL) {
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        return fail(ctx, FIPS140_PROV_R_MISSING_CONFIG, install_status == NULL ? "install-status" : "install-mac",
                    "missing (install-status and install-mac go together)");
    }
    if (strcmp(install_status, FIPS140_PROV_INSTALL_STATUS) != 0) {
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        return fail(ctx, FIPS140_PROV_R_INSTALL_INTEGRITY, "install-status", "is not " FIPS140_PROV_INSTALL_STATUS);
    }
    if (!parse_mac(install_mac, mac)) {
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        return fail(ctx, FIPS140_PROV_R_INVALID_CONFIG, "install-mac", "not 32 colon-separated hex bytes");
    }
    st = string_mac_matches(install_status, mac);
    if (st == FIPS140_OK && !fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_CORRUPT, integrity, hmac)) {
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        return fail(ctx, FIPS140_PROV_R_INSTALL_INTEGRITY, "install-mac", "corrupted at the application's request");
    }
    if (st != FIPS140_OK) {
        (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_FAIL, integrity, hmac);
        return fail(ctx, FIPS140_PROV_R_INSTALL_INTEGRITY, "install-mac",
                    st == FIPS140_ERR_AUTH ? "does not match install-status" : fips140_status_string(st));
    }
    (void)fips140_prov_self_test_event(ctx, OSSL_SELF_TEST_PHASE_PASS, integrity, hmac);
    return 1;
}
