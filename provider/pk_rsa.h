/* provider/pk_rsa.h - what the three RSA files of the fips140 provider share; private to them:
 * pk_rsa_keymgmt.c (keymgmt "RSA" and "RSA-PSS"), pk_rsa_sig.c (signature "RSA": RSASSA-PKCS1-v1_5, RSASSA-PSS),
 * pk_rsa_cipher.c (asym-cipher "RSA": RSAES-OAEP). The provider reads only the three OSSL_ALGORITHM tables, declared
 * in prov.h (fips140_prov_keymgmt_rsa, fips140_prov_signature_rsa, fips140_prov_asym_cipher_rsa). */
#ifndef FIPS140_PROV_PK_RSA_H
#define FIPS140_PROV_PK_RSA_H

#include "prov.h"
#include <fips140/rsa.h>

/* OpenSSL's values (<openssl/rsa.h> constants, repeated here: the provider does not include libcrypto headers
 * beyond the core ones) */
#define PAD_PKCS1 1
#define PAD_NONE 3
#define PAD_OAEP 4
#define PAD_X931 5
#define PAD_PSS 6
#define SALT_DIGEST (-1)
#define SALT_AUTO (-2)
#define SALT_MAX (-3)

/* RSA-PSS keys (RFC 4055) are RSA keys usable only for RSASSA-PSS, optionally restricted to one hash, one MGF1 hash
 * and a minimum salt length (exported / imported as digest, mgf1-digest, saltlen). */
typedef struct pss_restr {
    int set;
    fips140_hash_alg md, mgf1;
    int saltlen;
} pss_restr;

/* rsa_key - the keydata of both keymgmts (pk_rsa_keymgmt.c), handed to the signature and asym-cipher contexts. */
typedef struct rsa_key {
    void *provctx;
    fips140_rsa_key *k; /* NULL until generated or imported */
    int pss;            /* an RSA-PSS key */
    pss_restr restr;
} rsa_key;

/* fips140_prov_rsa_has - keymgmt "has": 1 when keydata holds what selection asks for (the public key, or the private
 * key too); keydata may be NULL. */
int fips140_prov_rsa_has(const void *keydata, int selection);
/* fips140_prov_rsa_get_pad - the padding mode of p, an int or a name ("pkcs1", "none", "oaep", "x931", "pss"):
 * 1 and *pad, or 0. */
int fips140_prov_rsa_get_pad(const OSSL_PARAM *p, int *pad);
/* fips140_prov_rsa_get_digest - the fixed-length module hash named by the UTF-8 string p: 1 and *alg, or 0 with an
 * "unsupported digest" error raised. */
int fips140_prov_rsa_get_digest(void *provctx, const OSSL_PARAM *p, fips140_hash_alg *alg);

#endif
