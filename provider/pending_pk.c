/* provider/pending_pk.c - TEMPORARY integration scaffolding: weak empty public-key tables and TLS-GROUP callbacks
 * for the families being written (prov.h); each family's file defines the strong ones. Deleted at integration. */
#include "prov.h"

#define PENDING_TABLE(name) __attribute__((weak)) const OSSL_ALGORITHM name[] = {{NULL, NULL, NULL, NULL}}
PENDING_TABLE(fips140_prov_keymgmt_ec);
PENDING_TABLE(fips140_prov_signature_ec);
PENDING_TABLE(fips140_prov_keyexch_ec);
PENDING_TABLE(fips140_prov_keymgmt_rsa);
PENDING_TABLE(fips140_prov_signature_rsa);
PENDING_TABLE(fips140_prov_asym_cipher_rsa);
PENDING_TABLE(fips140_prov_keymgmt_eddh);
PENDING_TABLE(fips140_prov_signature_eddh);
PENDING_TABLE(fips140_prov_keyexch_eddh);
__attribute__((weak)) int fips140_prov_tls_groups_ec(OSSL_CALLBACK *cb, void *arg) { (void)cb; (void)arg; return 1; }
__attribute__((weak)) int fips140_prov_tls_groups_eddh(OSSL_CALLBACK *cb, void *arg) { (void)cb; (void)arg; return 1; }
