/* cli/cmd_acvp.c - `fips140 acvp FILE` (DESIGN §3.2): answer one NIST ACVP vector set.
 *
 * FILE is a prompt.json or internalProjection.json (as in usnistgov/ACVP-Server gen-val/json-files), plain or
 * gzip; the server's array form [{"acvVersion"...}, {vector set}] is accepted too. Answer fields in the input
 * are ignored. The response goes to stdout in the expectedResults.json shape, written only once every test has
 * been answered:
 *   {"vsId", "algorithm", "mode" (if the input has one), "revision", "testGroups": [{"tgId", "tests": [{"tcId",
 *   ...answers}]}]}
 * Exit status: 0 answered; 1 unreadable or malformed file, missing or invalid fields (the message names the
 * tgId and tcId), module failure; 2 usage, or an algorithm / mode / revision this harness does not support.
 * FIPS140_ACVP_SKIP_LDT=1 omits the large data tests (several GiB hashed each) from the response. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acvp.h"
#include "cli.h"

static const acvp_family *const families[] = {&acvp_family_sha, &acvp_family_shake, &acvp_family_hmac,
                                              &acvp_family_aes, &acvp_family_drbg,
                                              &acvp_family_eddsa, &acvp_family_ecdsa, &acvp_family_kas_ecc,
                                              &acvp_family_rsa_keygen, &acvp_family_rsa_sig,
                                              &acvp_family_cmac, &acvp_family_ccm, &acvp_family_xts, &acvp_family_kw,
                                              &acvp_family_hkdf, &acvp_family_kda, &acvp_family_kbkdf,
                                              &acvp_family_kdf135, &acvp_family_tls_kdf, &acvp_family_pbkdf};

/* find_vector_set - the vector set object: the root, or the element of a root array that has "algorithm". */
static const json_value *find_vector_set(const json_value *root)
{
    size_t i;
    if (json_typeof(root) == JSON_OBJECT) return root;
    if (json_typeof(root) != JSON_ARRAY) return NULL;
    for (i = 0; i < json_len(root); i++)
        if (json_get_str(json_at(root, i), "algorithm")) return json_at(root, i);
    return NULL;
}

/* answer_group - answer every test of one group into out_tests (group-level answers go to out_group). Returns
 * ACVP_OK or ACVP_FAIL. */
static int answer_group(const acvp_family *fam, const acvp_set *set, const json_value *group, long long tgid,
                        json_value *out_group, json_value *out_tests)
{
    const json_value *tests = json_get(group, "tests");
    acvp_case c;
    size_t i;

    memset(&c, 0, sizeof c);
    c.set = set;
    c.group = group;
    c.tgid = tgid;
    c.tcid = -1;
    c.group_out = out_group;
    if (json_typeof(tests) != JSON_ARRAY) return acvp_fail(&c, "missing array \"tests\"");
    for (i = 0; i < json_len(tests); i++) {
        json_value *out;
        int rc;
        c.test = json_at(tests, i);
        c.tcid = -1;
        if (json_typeof(c.test) != JSON_OBJECT) return acvp_fail(&c, "test #%zu is not an object", i + 1);
        if (!json_get_int(c.test, "tcId", &c.tcid)) {
            c.tcid = -1;
            return acvp_fail(&c, "test #%zu has no integer \"tcId\"", i + 1);
        }
        out = json_new_object();
        json_set_int(out, "tcId", c.tcid);
        rc = fam->run(&c, out);
        if (rc == ACVP_OK) {
            json_push(out_tests, out);
        } else {
            json_free(out);
            if (rc != ACVP_SKIP) return ACVP_FAIL;
        }
    }
    return ACVP_OK;
}

/* answer_set - build the response for a vector set, or NULL (message printed; *status = exit code). */
static json_value *answer_set(const char *path, const json_value *vs, int *status)
{
    acvp_set set;
    const acvp_family *fam = NULL;
    const json_value *groups = json_get(vs, "testGroups"), *vsid = json_get(vs, "vsId");
    const char *env = getenv("FIPS140_ACVP_SKIP_LDT");
    json_value *resp, *out_groups;
    long long vsid_value;
    size_t i;

    memset(&set, 0, sizeof set);
    set.path = path;
    set.algorithm = json_get_str(vs, "algorithm");
    set.mode = json_get_str(vs, "mode");
    set.revision = json_get_str(vs, "revision");
    set.skip_ldt = env && strcmp(env, "1") == 0;
    *status = EXIT_FAIL;
    if (!set.algorithm || !set.revision) {
        fprintf(stderr, "fips140 acvp: %s: not an ACVP vector set (no \"algorithm\" or \"revision\" string)\n", path);
        return NULL;
    }
    for (i = 0; i < sizeof families / sizeof families[0] && !fam; i++)
        if (families[i]->match(&set)) fam = families[i];
    if (!fam) {
        fprintf(stderr, "fips140 acvp: %s: unsupported algorithm \"%s\"%s%s%s revision \"%s\"\n", path,
                set.algorithm, set.mode ? " mode \"" : "", set.mode ? set.mode : "", set.mode ? "\"" : "",
                set.revision);
        *status = EXIT_USAGE;
        return NULL;
    }
    if (json_typeof(groups) != JSON_ARRAY) {
        fprintf(stderr, "fips140 acvp: %s: missing array \"testGroups\"\n", path);
        return NULL;
    }

    resp = json_new_object();
    vsid_value = 0;
    json_int(vsid, &vsid_value); /* absent or not an integer: 0 */
    json_set_int(resp, "vsId", vsid_value);
    json_set_str(resp, "algorithm", set.algorithm);
    if (set.mode) json_set_str(resp, "mode", set.mode);
    json_set_str(resp, "revision", set.revision);
    out_groups = json_new_array();
    json_set(resp, "testGroups", out_groups);
    for (i = 0; i < json_len(groups); i++) {
        const json_value *g = json_at(groups, i);
        json_value *og, *ot;
        long long tgid;
        if (json_typeof(g) != JSON_OBJECT || !json_get_int(g, "tgId", &tgid)) {
            fprintf(stderr, "fips140 acvp: %s: test group #%zu has no integer \"tgId\"\n", path, i + 1);
            json_free(resp);
            return NULL;
        }
        og = json_new_object();
        json_set_int(og, "tgId", tgid);
        ot = json_new_array();
        json_set(og, "tests", ot);
        json_push(out_groups, og);
        if (answer_group(fam, &set, g, tgid, og, ot) != ACVP_OK) {
            json_free(resp);
            return NULL;
        }
    }
    *status = EXIT_OK;
    return resp;
}

int cmd_acvp(int argc, char **argv)
{
    char err[256];
    size_t len;
    char *text;
    json_value *root, *resp;
    const json_value *vs;
    int status;

    if (argc != 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fprintf(argc == 2 ? stdout : stderr,
                "usage: fips140 acvp FILE\n"
                "  answer one ACVP vector set (prompt.json or internalProjection.json, plain or .gz);\n"
                "  the response is written to stdout in the expectedResults.json shape.\n"
                "  FIPS140_ACVP_SKIP_LDT=1 omits large data tests.\n");
        return argc == 2 ? EXIT_OK : EXIT_USAGE;
    }
    text = cli_read_file(argv[1], &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, "fips140 acvp: %s: %s\n", argv[1], err);
        return EXIT_FAIL;
    }
    root = json_parse(text, len, err, sizeof err);
    free(text);
    if (!root) {
        fprintf(stderr, "fips140 acvp: %s: %s\n", argv[1], err);
        return EXIT_FAIL;
    }
    vs = find_vector_set(root);
    if (!vs) {
        fprintf(stderr, "fips140 acvp: %s: no ACVP vector set object found\n", argv[1]);
        json_free(root);
        return EXIT_FAIL;
    }
    resp = answer_set(argv[1], vs, &status);
    json_free(root);
    if (!resp) return status;
    json_write(stdout, resp);
    json_free(resp);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "fips140 acvp: write error on stdout\n");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
