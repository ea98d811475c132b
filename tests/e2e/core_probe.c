/* tests/e2e/core_probe.c - a libcrypto client for tests/e2e/test_core.sh: loads OPENSSL_CONF with a self-test
 * callback installed, then asks the provider named argv[1] for its parameters and runs its on-demand self-test
 * (OSSL_PROVIDER_self_test), printing every self-test event as "event PHASE TYPE DESC".
 * Built by the test itself (cc ... -lcrypto); it is a test client, not part of the provider. */
#include <stdio.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/self_test.h>

static int events;

static int on_event(const OSSL_PARAM params[], void *arg)
{
    const OSSL_PARAM *p;
    const char *phase = "?", *type = "?", *desc = "?";
    (void)arg;
    if ((p = OSSL_PARAM_locate_const(params, OSSL_PROV_PARAM_SELF_TEST_PHASE)) != NULL)
        phase = p->data;
    if ((p = OSSL_PARAM_locate_const(params, OSSL_PROV_PARAM_SELF_TEST_TYPE)) != NULL)
        type = p->data;
    if ((p = OSSL_PARAM_locate_const(params, OSSL_PROV_PARAM_SELF_TEST_DESC)) != NULL)
        desc = p->data;
    printf("event %s %s %s\n", phase, type, desc);
    events++;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: core_probe PROVIDER_NAME\n");
        return 2;
    }
    OSSL_SELF_TEST_set_callback(NULL, on_event, NULL);
    if (!OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL)) {
        ERR_print_errors_fp(stdout);
        return 1;
    }
    printf("load-events %d\n", events);
    if (!OSSL_PROVIDER_available(NULL, argv[1])) {
        printf("not-available %s\n", argv[1]);
        ERR_print_errors_fp(stdout);
        return 1;
    }
    OSSL_PROVIDER *prov = OSSL_PROVIDER_load(NULL, argv[1]); /* a reference to the configured instance */
    if (prov == NULL) {
        ERR_print_errors_fp(stdout);
        return 1;
    }
    const char *name = NULL, *version = NULL, *buildinfo = NULL;
    int status = -1;
    OSSL_PARAM q[] = {OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_NAME, (char **)&name, 0),
                      OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_VERSION, (char **)&version, 0),
                      OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_BUILDINFO, (char **)&buildinfo, 0),
                      OSSL_PARAM_construct_int(OSSL_PROV_PARAM_STATUS, &status), OSSL_PARAM_construct_end()};
    if (!OSSL_PROVIDER_get_params(prov, q)) {
        ERR_print_errors_fp(stdout);
        return 1;
    }
    printf("name %s\nversion %s\nbuildinfo %s\nstatus %d\n", name ? name : "(none)", version ? version : "(none)",
           buildinfo ? buildinfo : "(none)", status);
    events = 0;
    int rc = OSSL_PROVIDER_self_test(prov);
    printf("self_test %d\nself_test-events %d\n", rc, events);
    OSSL_PROVIDER_unload(prov);
    return rc == 1 ? 0 : 1;
}
