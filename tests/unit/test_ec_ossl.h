/* tests/unit/test_ec_ossl.h - the OpenSSL side of the EC unit tests (test_ec.c, test_ec_edge.c): an EVP_PKEY from a
 * raw key of ours, for OpenSSL to verify, sign or derive with. Aborts when OpenSSL refuses the key (a test bug). */
#ifndef FIPS140_TEST_EC_OSSL_H
#define FIPS140_TEST_EC_OSSL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

/* ossl_ec_key - the key on curve group ("P-256"...) with scalars of len bytes: pub is the uncompressed point
 * (1 + 2·len bytes), priv the private scalar or NULL for a public key. */
static EVP_PKEY *ossl_ec_key(const char *group, size_t len, const uint8_t *priv, const uint8_t *pub)
{
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    BIGNUM *d = priv ? BN_bin2bn(priv, (int)len, NULL) : NULL;
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, 1 + 2 * len);
    if (d) OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    EVP_PKEY *pk = NULL;
    if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pk, d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) <= 0) {
        fprintf(stderr, "OpenSSL fromdata failed\n");
        abort();
    }
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(d);
    return pk;
}

#endif
