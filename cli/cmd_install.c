/* cli/cmd_install.c - `fips140 install --module PATH --out FILE [--section NAME]` (issue 7, docs/PROVIDER.md):
 * write the OpenSSL config section that the fips140 provider (build/lib/ossl-modules/fips140.so) checks at load,
 * the same values `openssl fipsinstall` writes:
 *
 *   [NAME]                      (default fips140_sect)
 *   activate = 1
 *   install-version = 1
 *   module-mac = HMAC-SHA2-256 over the whole file PATH, keyed with fipsinstall's default FIPS key
 *   install-status = INSTALL_SELF_TEST_KATS_RUN
 *   install-mac = HMAC-SHA2-256 of the install-status string with the same key
 *
 * MACs as colon-separated upper-case hex bytes, like fipsinstall. fipsinstall's conditional-errors and
 * security-checks lines are not written: the provider has no such switches (conditional tests are always on,
 * approval checks are the module's). Before writing, it runs every self-test of the module (the same module code
 * as the provider's), as fipsinstall runs the provider's KATs before recording install-status.
 * The section is included from openssl.cnf (`.include FILE`) and named in [provider_sect]:
 * `fips140 = NAME`. Exit 0 success, 1 failure, 2 usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fips140/fips140.h"

/* The default FIPS key of OpenSSL's fipsinstall (-macopt hexkey default); provider/config.c holds the same. */
static const uint8_t fipsinstall_key[32] = {
    0xf4, 0x55, 0x66, 0x50, 0xac, 0x31, 0xd3, 0x54, 0x61, 0x61, 0x0b, 0xac, 0x4e, 0xd8, 0x1b, 0x1a,
    0x18, 0x1b, 0x2d, 0x8a, 0x43, 0xea, 0x28, 0x54, 0xcb, 0xae, 0x22, 0xca, 0x74, 0x56, 0x08, 0x13};
static const char install_status[] = "INSTALL_SELF_TEST_KATS_RUN";

static int install_usage(void)
{
    fprintf(stderr, "usage: fips140 install --module PATH --out FILE [--section NAME]\n");
    return EXIT_USAGE;
}

/* mac_file - HMAC-SHA2-256 (fipsinstall key) over the whole file; 0 on success, -1 with a message printed. */
static int mac_file(const char *path, uint8_t mac[32])
{
    fips140_hmac_ctx h;
    if (fips140_hmac_init(&h, FIPS140_SHA256, fipsinstall_key, sizeof(fipsinstall_key)) != FIPS140_OK) {
        fprintf(stderr, "fips140 install: HMAC unavailable\n");
        return -1;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "fips140 install: %s: %s\n", path, strerror(errno));
        fips140_hmac_wipe(&h);
        return -1;
    }
    uint8_t buf[16384];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(buf, 1, sizeof(buf), f)) > 0)
        if (fips140_hmac_update(&h, buf, n) != FIPS140_OK)
            rc = -1;
    if (ferror(f)) {
        fprintf(stderr, "fips140 install: %s: read error\n", path);
        rc = -1;
    }
    fclose(f);
    if (rc == 0 && fips140_hmac_final(&h, mac, 32) != FIPS140_OK)
        rc = -1;
    fips140_hmac_wipe(&h);
    return rc;
}

static void put_mac(FILE *f, const char *key, const uint8_t mac[32])
{
    fprintf(f, "%s = ", key);
    for (int i = 0; i < 32; i++)
        fprintf(f, "%02X%s", mac[i], i < 31 ? ":" : "\n");
}

/* section_ok - a config section name: letters, digits, '_', '.', '-' (what openssl.cnf accepts unquoted). */
static int section_ok(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '.' || *s == '-'))
            return 0;
    return 1;
}

int cmd_install(int argc, char **argv)
{
    const char *module = NULL, *out = NULL, *section = "fips140_sect";
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && strcmp(argv[i], "--module") == 0)
            module = argv[++i];
        else if (i + 1 < argc && strcmp(argv[i], "--out") == 0)
            out = argv[++i];
        else if (i + 1 < argc && strcmp(argv[i], "--section") == 0)
            section = argv[++i];
        else
            return install_usage();
    }
    if (module == NULL || out == NULL)
        return install_usage();
    if (!section_ok(section)) {
        fprintf(stderr, "fips140 install: invalid section name \"%s\"\n", section);
        return EXIT_USAGE;
    }

    /* Run the module's self-tests first: a failure aborts the process inside the module. */
    if (fips140_selftest_run_all(NULL, NULL) != FIPS140_OK) {
        fprintf(stderr, "fips140 install: self-tests failed\n");
        return EXIT_FAIL;
    }
    uint8_t module_mac[32], install_mac[32];
    if (mac_file(module, module_mac) != 0)
        return EXIT_FAIL;
    if (fips140_hmac(FIPS140_SHA256, install_mac, sizeof(install_mac), fipsinstall_key, sizeof(fipsinstall_key),
                     install_status, strlen(install_status)) != FIPS140_OK) {
        fprintf(stderr, "fips140 install: HMAC unavailable\n");
        return EXIT_FAIL;
    }

    FILE *f = fopen(out, "w");
    if (f == NULL) {
        fprintf(stderr, "fips140 install: %s: %s\n", out, strerror(errno));
        return EXIT_FAIL;
    }
    fprintf(f, "# written by `fips140 install` for %s\n[%s]\nactivate = 1\ninstall-version = 1\n", module, section);
    put_mac(f, "module-mac", module_mac);
    fprintf(f, "install-status = %s\n", install_status);
    put_mac(f, "install-mac", install_mac);
    if (ferror(f) | (fclose(f) != 0)) {
        fprintf(stderr, "fips140 install: %s: write error\n", out);
        remove(out);
        return EXIT_FAIL;
    }
    printf("fips140 install: wrote [%s] for %s to %s\n", section, module, out);
    return EXIT_OK;
}
