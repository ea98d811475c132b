/* cli/wycheproof.h - what the Wycheproof runner (cmd_wycheproof.c) shares with its per-schema test functions
 * (wycheproof_mac.c, wycheproof_aes.c). Private to the CLI. */
#ifndef FIPS140_CLI_WYCHEPROOF_H
#define FIPS140_CLI_WYCHEPROOF_H

#include <stddef.h>
#include <stdint.h>
#include "json.h"

/* wp_outcome - what running one test case through the module gave. */
typedef enum wp_outcome {
    WP_SUCCESS,  /* every operation succeeded and produced exactly the test's outputs */
    WP_REJECTED, /* the module refused the input, or produced different outputs */
    WP_BROKEN    /* malformed test case, or the module contradicts itself (e.g. encrypt and decrypt disagree) */
} wp_outcome;

/* wp_test_fn - run one test (tests[i] of group) of a file whose top-level "algorithm" is alg; on anything but a
 * clean success, write a short explanation into detail. */
typedef wp_outcome (*wp_test_fn)(const char *alg, const json_value *group, const json_value *test, char *detail,
                                 size_t detail_len);

/* wp_hex_field - the hex string member `key` of obj, decoded into a malloc'd buffer (non-NULL even when empty).
 * NULL when missing or not hex; then detail says so. */
uint8_t *wp_hex_field(const json_value *obj, const char *key, size_t *len, char *detail, size_t detail_len);

/* wp_bits_field - the integer member `key` of obj as a byte count (bits / 8); 0 when missing, negative, too
 * large or not a whole number of bytes. */
int wp_bits_field(const json_value *obj, const char *key, size_t *bytes);

/* Per-schema test functions. */
wp_outcome wp_test_hmac(const char *alg, const json_value *group, const json_value *test, char *detail,
                        size_t detail_len);
wp_outcome wp_test_aes_gcm(const char *alg, const json_value *group, const json_value *test, char *detail,
                           size_t detail_len);
wp_outcome wp_test_aes_cbc_pkcs5(const char *alg, const json_value *group, const json_value *test, char *detail,
                                 size_t detail_len);
wp_outcome wp_test_eddsa_verify(const char *alg, const json_value *group, const json_value *test, char *detail,
                                size_t detail_len);

wp_outcome wp_test_ecdsa_p1363(const char *alg, const json_value *group, const json_value *test, char *detail,
                               size_t detail_len);
wp_outcome wp_test_ecdh_ecpoint(const char *alg, const json_value *group, const json_value *test, char *detail,
                                size_t detail_len);
wp_outcome wp_test_ecdsa_der(const char *alg, const json_value *group, const json_value *test, char *detail,
                             size_t detail_len);
wp_outcome wp_test_ecdh_der(const char *alg, const json_value *group, const json_value *test, char *detail,
                            size_t detail_len);

wp_outcome wp_test_rsa_pkcs1_verify(const char *alg, const json_value *group, const json_value *test, char *detail,
                                    size_t detail_len);
wp_outcome wp_test_rsa_pss_verify(const char *alg, const json_value *group, const json_value *test, char *detail,
                                  size_t detail_len);
wp_outcome wp_test_rsa_oaep_decrypt(const char *alg, const json_value *group, const json_value *test, char *detail,
                                    size_t detail_len);

/* wp_test_hkdf - HkdfTest (wycheproof_hkdf.c); wp_hkdf_hash - the hash of "HKDF-SHA-256" etc., 0 if none. */
wp_outcome wp_test_hkdf(const char *alg, const json_value *group, const json_value *test, char *detail,
                        size_t detail_len);
int wp_hkdf_hash(const char *alg);

/* wp_hmac_hash - the hash of a Wycheproof HMAC algorithm name ("HMACSHA256", "HMACSHA3-512"...), 0 if none. */
int wp_hmac_hash(const char *alg);

/* wp_test_aes_cmac - MacTest for AES-CMAC; wp_test_aes_ccm - AeadTest for AES-CCM (wycheproof_cmac_ccm.c). */
wp_outcome wp_test_aes_cmac(const char *alg, const json_value *group, const json_value *test, char *detail,
                            size_t detail_len);
wp_outcome wp_test_aes_ccm(const char *alg, const json_value *group, const json_value *test, char *detail,
                           size_t detail_len);

#endif
