/* cli/cmd_wycheproof.c - `fips140 wycheproof FILE`: runs one C2SP Wycheproof v1 test file (plain or gzip JSON)
 * against the module. Dispatches on the file's top-level "algorithm" to a per-schema test function, judges each
 * outcome against the test's "result" (valid: must succeed with the exact outputs; invalid: must be rejected or
 * give different outputs; acceptable: either), prints each failure and the closing line `N passed, M failed`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "json.h"
#include "wycheproof.h"

typedef struct wp_schema {
    const char *algorithm;   /* top-level "algorithm"; NULL = any HMAC name known to wp_hmac_hash */
    const char *schema;      /* expected top-level "schema" (checked when present) */
    const char *group_type;  /* expected testGroups[].type (checked when present) */
    wp_test_fn run;
} wp_schema;

static const wp_schema schemas[] = {
    {"AES-GCM", "aead_test_schema_v1.json", "AeadTest", wp_test_aes_gcm},
    {"AES-CMAC", "mac_test_schema_v1.json", "MacTest", wp_test_aes_cmac},
    {"AES-CCM", "aead_test_schema_v1.json", "AeadTest", wp_test_aes_ccm},
    {"AES-CBC-PKCS5", "ind_cpa_test_schema_v1.json", "IndCpaTest", wp_test_aes_cbc_pkcs5},
    {"EDDSA", "eddsa_verify_schema_v1.json", "EddsaVerify", wp_test_eddsa_verify},
    {"ECDSA", "ecdsa_p1363_verify_schema_v1.json", "EcdsaP1363Verify", wp_test_ecdsa_p1363},
    {"ECDH", "ecdh_ecpoint_test_schema_v1.json", "EcdhEcpointTest", wp_test_ecdh_ecpoint},
    {"ECDSA", "ecdsa_verify_schema_v1.json", "EcdsaVerify", wp_test_ecdsa_der},
    {"ECDH", "ecdh_test_schema_v1.json", "EcdhTest", wp_test_ecdh_der},
    {"RSASSA-PKCS1-v1_5", "rsassa_pkcs1_verify_schema_v1.json", "RsassaPkcs1Verify", wp_test_rsa_pkcs1_verify},
    {"RSASSA-PSS", "rsassa_pss_verify_schema_v1.json", "RsassaPssVerify", wp_test_rsa_pss_verify},
    {"RSAES-OAEP", "rsaes_oaep_decrypt_schema_v1.json", "RsaesOaepDecrypt", wp_test_rsa_oaep_decrypt},
    {NULL, "mac_test_schema_v1.json", "MacTest", wp_test_hmac},
    {"HKDF-SHA-1", "hkdf_test_schema_v1.json", "HkdfTest", wp_test_hkdf},
    {"HKDF-SHA-256", "hkdf_test_schema_v1.json", "HkdfTest", wp_test_hkdf},
    {"HKDF-SHA-384", "hkdf_test_schema_v1.json", "HkdfTest", wp_test_hkdf},
    {"HKDF-SHA-512", "hkdf_test_schema_v1.json", "HkdfTest", wp_test_hkdf},
    {"HKDF-SHA-256", "hkdf_test_schema.json", "HkdfTest", wp_test_hkdf}, /* older files: schema name without _v1 */
};

/* wp_hex_field - see wycheproof.h. */
uint8_t *wp_hex_field(const json_value *obj, const char *key, size_t *len, char *detail, size_t detail_len)
{
    const char *s = json_get_str(obj, key);
    if (!s) {
        snprintf(detail, detail_len, "missing field \"%s\"", key);
        return NULL;
    }
    uint8_t *p = hex_decode(s, len);
    if (!p)
        snprintf(detail, detail_len, "field \"%s\" is not hex", key);
    return p;
}

/* wp_bits_field - see wycheproof.h. */
int wp_bits_field(const json_value *obj, const char *key, size_t *bytes)
{
    long long v;
    if (!json_get_int(obj, key, &v) || v < 0 || v > (1ll << 20) || v % 8 != 0)
        return 0;
    *bytes = (size_t)(v / 8);
    return 1;
}

/* find_schema - the entry for a file's algorithm and schema (one algorithm may come in several schemas, e.g.
 * ECDSA with DER or P1363 signatures); NULL when unsupported. Without a schema, the first entry for alg. */
static const wp_schema *find_schema(const char *alg, const char *schema)
{
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
        if ((schemas[i].algorithm ? strcmp(schemas[i].algorithm, alg) == 0 : wp_hmac_hash(alg) != 0) &&
            (schema == NULL || strcmp(schemas[i].schema, schema) == 0))
            return &schemas[i];
    }
    return NULL;
}

/* outcome_name - a word for an outcome, for failure lines. */
static const char *outcome_name(wp_outcome o)
{
    return o == WP_SUCCESS ? "accepted" : o == WP_REJECTED ? "rejected" : "error";
}

/* run_file - run every test of a parsed file with sc; count into *passed / *failed. */
static void run_file(const json_value *root, const wp_schema *sc, const char *alg, size_t *passed, size_t *failed)
{
    const json_value *groups = json_get(root, "testGroups");
    for (size_t g = 0; g < json_len(groups); g++) {
        const json_value *group = json_at(groups, g);
        const json_value *tests = json_get(group, "tests");
        if (!tests || json_typeof(tests) != JSON_ARRAY) {
            (*failed)++;
            printf("FAIL testGroups[%zu]: no \"tests\" array\n", g);
            continue;
        }
        const char *type = json_get_str(group, "type");
        int bad_group = type && strcmp(type, sc->group_type) != 0;
        for (size_t t = 0; t < json_len(tests); t++) {
            const json_value *test = json_at(tests, t);
            long long tcid = -1;
            (void)json_get_int(test, "tcId", &tcid);
            const char *comment = json_get_str(test, "comment");
            const char *result = json_get_str(test, "result");
            char detail[256] = "";
            wp_outcome o = WP_BROKEN;
            if (bad_group)
                snprintf(detail, sizeof detail, "unexpected group type \"%s\"", type);
            else if (!result || (strcmp(result, "valid") && strcmp(result, "invalid") && strcmp(result, "acceptable")))
                snprintf(detail, sizeof detail, "missing or unknown \"result\"");
            else
                o = sc->run(alg, group, test, detail, sizeof detail);

            int ok;
            if (o == WP_BROKEN)
                ok = 0;
            else if (strcmp(result, "valid") == 0)
                ok = o == WP_SUCCESS;
            else if (strcmp(result, "invalid") == 0)
                ok = o == WP_REJECTED;
            else
                ok = 1;
            if (ok) {
                (*passed)++;
                continue;
            }
            (*failed)++;
            printf("FAIL tcId %lld (%s): expected %s, got %s%s%s\n", tcid, comment && *comment ? comment : "no comment",
                   result ? result : "?", outcome_name(o), *detail ? ": " : "", detail);
        }
    }
}

/* cmd_wycheproof - load FILE, pick the test function, run it, report. */
int cmd_wycheproof(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: fips140 wycheproof FILE\n");
        return EXIT_USAGE;
    }
    char err[256] = "";
    size_t len = 0;
    char *text = cli_read_file(argv[1], &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, "fips140 wycheproof: %s: %s\n", argv[1], err);
        return EXIT_FAIL;
    }
    json_value *root = json_parse(text, len, err, sizeof err);
    free(text);
    if (!root) {
        fprintf(stderr, "fips140 wycheproof: %s: bad JSON: %s\n", argv[1], err);
        return EXIT_FAIL;
    }
    const char *alg = json_get_str(root, "algorithm");
    const char *schema = json_get_str(root, "schema");
    const wp_schema *sc = alg ? find_schema(alg, schema) : NULL;
    if (!sc || (schema && strcmp(schema, sc->schema) != 0)) {
        fprintf(stderr, "fips140 wycheproof: %s: unsupported algorithm \"%s\" (schema \"%s\")\n", argv[1],
                alg ? alg : "?", schema ? schema : "?");
        json_free(root);
        return EXIT_USAGE;
    }
    const json_value *groups = json_get(root, "testGroups");
    if (!groups || json_typeof(groups) != JSON_ARRAY) {
        fprintf(stderr, "fips140 wycheproof: %s: no \"testGroups\" array\n", argv[1]);
        json_free(root);
        return EXIT_FAIL;
    }
    size_t passed = 0, failed = 0;
    run_file(root, sc, alg, &passed, &failed);
    long long declared;
    if (json_get_int(root, "numberOfTests", &declared) && declared != (long long)(passed + failed))
        fprintf(stderr, "fips140 wycheproof: note: file declares %lld tests, ran %zu\n", declared, passed + failed);
    json_free(root);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? EXIT_OK : EXIT_FAIL;
}
