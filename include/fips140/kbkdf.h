/* fips140/kbkdf.h - key-based key derivation (SP 800-108 Rev. 1: counter, feedback and double-pipeline iteration
 * modes with HMAC or CMAC-AES as the PRF), and the two application-specific KDFs of SP 800-135 Rev. 1 that derive
 * keys from a shared secret: ANSI X9.63 (§4.1) and SSH (§5.2, RFC 4253 §7.2).
 *
 * Outputs are written in full or not at all; every length here is in bytes unless its name ends in _bits. On success
 * the service indicator is APPROVED when every choice is one SP 800-108 / SP 800-135 allows with an approved
 * primitive (see each function); otherwise NOT_APPROVED, and in FIPS140=only mode those calls fail with
 * FIPS140_ERR_NOT_APPROVED (fips140_last_refusal() names the rule). */
#ifndef FIPS140_KBKDF_H
#define FIPS140_KBKDF_H

#include <stddef.h>
#include <stdint.h>
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_kbkdf_mode - SP 800-108 Rev. 1 §4.1 counter mode, §4.2 feedback mode, §4.3 double-pipeline iteration
 * mode (ACVP kdfMode "counter", "feedback", "double pipeline iteration"; OpenSSL's KBKDF "mode" counter|feedback). */
typedef enum fips140_kbkdf_mode {
    FIPS140_KBKDF_COUNTER = 1,
    FIPS140_KBKDF_FEEDBACK = 2,
    FIPS140_KBKDF_DOUBLE_PIPELINE = 3
} fips140_kbkdf_mode;

/* fips140_kbkdf_prf - the PRF (SP 800-108 Rev. 1 §3): HMAC with a fixed-length hash (FIPS 198-1) or CMAC with AES
 * (SP 800-38B; the key is then 16, 24 or 32 bytes). */
typedef enum fips140_kbkdf_prf {
    FIPS140_KBKDF_HMAC = 1,
    FIPS140_KBKDF_CMAC_AES = 2
} fips140_kbkdf_prf;

/* fips140_kbkdf_ctr_loc - where the counter [i]_2 enters each PRF input (ACVP counterLocation):
 *   NONE            no counter (feedback and double-pipeline modes only; ctr_bits must be 0)
 *   BEFORE_FIXED    [K(i-1) or A(i)] || [i]_2 || FixedData   (SP 800-108 Rev. 1 §4.1-4.3 as written; OpenSSL's layout)
 *   AFTER_FIXED     [K(i-1) or A(i)] || FixedData || [i]_2
 *   MIDDLE_FIXED    FixedData's first break_bits bits || [i]_2 || the rest of FixedData (ACVP's "middle fixed data")
 *   BEFORE_ITER     [i]_2 || K(i-1) or A(i) || FixedData      (feedback and double-pipeline modes only) */
typedef enum fips140_kbkdf_ctr_loc {
    FIPS140_KBKDF_CTR_NONE = 0,
    FIPS140_KBKDF_CTR_BEFORE_FIXED = 1,
    FIPS140_KBKDF_CTR_AFTER_FIXED = 2,
    FIPS140_KBKDF_CTR_MIDDLE_FIXED = 3,
    FIPS140_KBKDF_CTR_BEFORE_ITER = 4
} fips140_kbkdf_ctr_loc;

/* fips140_kbkdf_params - everything one SP 800-108 derivation needs. Zero the struct, then set:
 *   mode, prf      as above
 *   hash           HMAC only: a fixed-length SHA-1/SHA-2/SHA-3 hash (not SHAKE); ignored for CMAC
 *   key, keylen    K_IN (SP 800-108 Rev. 1 §4). HMAC: any length (NULL only with 0); CMAC: 16, 24 or 32 bytes
 *   iv, ivlen      feedback mode only: K(0), the IV (OpenSSL's "seed"); may be empty (ACVP zeroLengthIv).
 *                  Must be empty in the other modes (FIPS140_ERR_IV_LENGTH otherwise)
 *   fixed, fixedlen  FixedData, taken as an opaque string (build Label || 0x00 || Context || [L]_2 with
 *                  fips140_kbkdf_fixed_data(), or pass an ACVP fixedData blob); double-pipeline mode uses it as A(0)
 *   ctr_bits       r, the counter length: 8, 16, 24 or 32; or 0 with ctr_loc NONE (feedback / double pipeline)
 *   ctr_loc        fips140_kbkdf_ctr_loc
 *   break_bits     MIDDLE_FIXED only: the counter's bit position inside FixedData, 0 .. 8 * fixedlen
 * The number of PRF blocks n = ceil(outlen / h) must fit the counter: n <= 2^r - 1 (SP 800-108 Rev. 1 §4, and
 * n <= 2^32 - 1 with no counter); FIPS140_ERR_OUTPUT_LENGTH otherwise. */
typedef struct fips140_kbkdf_params {
    uint32_t mode;      /* fips140_kbkdf_mode */
    uint32_t prf;       /* fips140_kbkdf_prf */
    uint32_t hash;      /* fips140_hash_alg, HMAC only */
    uint32_t ctr_bits;  /* 0, 8, 16, 24, 32 */
    uint32_t ctr_loc;   /* fips140_kbkdf_ctr_loc */
    size_t break_bits;  /* MIDDLE_FIXED only */
    const uint8_t *key;
    size_t keylen;
    const uint8_t *iv;
    size_t ivlen;
    const uint8_t *fixed;
    size_t fixedlen;
} fips140_kbkdf_params;

/* fips140_kbkdf - SP 800-108 Rev. 1 KDF: out receives the leftmost outlen bytes (outlen >= 1) of K(1) || K(2) || ...
 * A caller who needs L bits that are not a whole number of bytes derives ceil(L/8) bytes and clears the trailing bits
 * (the value of L itself only enters through FixedData). Approved: HMAC with SHA-1/SHA-2/SHA-3 or CMAC-AES, and a key
 * of at least 112 bits (the SP 800-131A Rev. 2 security-strength floor; OpenSSL's FIPS provider checks the same).
 * Errors: FIPS140_ERR_NULL, FIPS140_ERR_ARG (mode, PRF, hash, counter length or location), FIPS140_ERR_KEY_LENGTH
 * (CMAC key), FIPS140_ERR_IV_LENGTH, FIPS140_ERR_DATA_LENGTH (break_bits past FixedData), FIPS140_ERR_OUTPUT_LENGTH. */
FIPS140_API fips140_status fips140_kbkdf(const fips140_kbkdf_params *params, uint8_t *out,
                                         size_t outlen) FIPS140_MUST_CHECK;

/* fips140_kbkdf_fixed_data - write the FixedData of SP 800-108 Rev. 1 §4 (the layout OpenSSL's KBKDF builds):
 *   Label || 0x00 || Context || [L]_2        with [L]_2 = out_bits as a 32-bit big-endian integer
 * use_separator = 0 drops the 0x00 byte and use_l = 0 drops [L]_2 (OpenSSL's "use-separator" / "use-l").
 * *fixedlen receives the length written; cap is the size of fixed (at least labellen + contextlen + 5 covers every
 * choice). FIPS140_ERR_OUTPUT_LENGTH when cap is too small or out_bits > 2^32 - 1 with use_l (nothing is written).
 * A pure formatting helper: it runs no self-test and does not touch the service indicator. */
FIPS140_API fips140_status fips140_kbkdf_fixed_data(uint8_t *fixed, size_t cap, size_t *fixedlen, const uint8_t *label,
                                                    size_t labellen, const uint8_t *context, size_t contextlen,
                                                    uint64_t out_bits, int use_separator,
                                                    int use_l) FIPS140_MUST_CHECK;

/* fips140_x963_kdf - ANSI X9.63-2011 §5.6.3 key derivation (SP 800-135 Rev. 1 §4.1):
 *   K(i) = Hash(Z || [i]_32 || SharedInfo), i = 1, 2, ...; out = leftmost outlen bytes of K(1) || K(2) || ...
 * alg: a fixed-length hash. 1 <= outlen <= (2^32 - 1) * HashLen. Approved with SHA-2 and SHA-3; SHA-1 is accepted
 * but NOT_APPROVED (refused in FIPS140=only), as OpenSSL 3.4's FIPS provider rejects SHA-1 for X963KDF, a key-agreement
 * KDF, and ACVP's ansix9.63 hash list has no SHA-1. Z must be non-empty (FIPS140_ERR_DATA_LENGTH); SharedInfo may be
 * empty (NULL with length 0).
 * Errors: FIPS140_ERR_NULL, FIPS140_ERR_ARG (hash), FIPS140_ERR_DATA_LENGTH, FIPS140_ERR_OUTPUT_LENGTH. */
FIPS140_API fips140_status fips140_x963_kdf(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *z,
                                            size_t zlen, const uint8_t *shared_info,
                                            size_t shared_len) FIPS140_MUST_CHECK;

/* fips140_ssh_kdf - SSH key derivation (RFC 4253 §7.2; SP 800-135 Rev. 1 §5.2):
 *   K1 = HASH(K || H || letter || session_id), Kj = HASH(K || H || K1 || ... || K(j-1)); out = leftmost outlen bytes
 * k is the shared secret exactly as SSH hashes it (the mpint encoding, length prefix included), h the exchange hash,
 * session_id the session identifier (h of the first key exchange), letter one of 'A'..'F' (A/B: IVs client to server
 * / server to client, C/D: encryption keys, E/F: integrity keys). alg: a fixed-length hash; approved with SHA-1 and
 * SHA2-224/256/384/512 (the hashes SP 800-135 §5.2 and ACVP list). k, h and session_id must be non-empty;
 * outlen >= 1. Errors: FIPS140_ERR_NULL, FIPS140_ERR_ARG (hash, letter), FIPS140_ERR_DATA_LENGTH (empty input),
 * FIPS140_ERR_OUTPUT_LENGTH. */
FIPS140_API fips140_status fips140_ssh_kdf(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *k,
                                           size_t klen, const uint8_t *h, size_t hlen, const uint8_t *session_id,
                                           size_t session_id_len, char letter) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
