/* module/kdf/kdf_internal.h - what the SP 800-56C Rev. 2 KDFs (hkdf.c, kda_onestep.c) share: the algorithm check,
 * the approval rule for derived-key lengths, and HMAC keying that never trips the HMAC service's short-key rule.
 * Private to module/kdf/. */
#ifndef FIPS140_KDF_INTERNAL_H
#define FIPS140_KDF_INTERNAL_H

#include "../core/internal.h"

/* KDF_MIN_APPROVED_OUT - 14 bytes: 112 bits, the least security strength SP 800-131A Rev. 2 accepts, for both the
 * secret input of a KDF and the keying material it derives (SP 800-56C Rev. 2 §8). */
#define KDF_MIN_APPROVED_OUT 14u

/* kdf_hash_ok - 1 for the fixed-length hashes SP 800-56C Rev. 2 §7 allows as H or as HMAC's hash: SHA-1, SHA-2
 * (all six), SHA-3 (all four). SHAKE is not an approved auxiliary function here (only through KMAC). */
static inline int kdf_hash_ok(fips140_hash_alg alg)
{
    return alg >= FIPS140_SHA1 && alg <= FIPS140_SHA3_512;
}

/* kdf_hmac_init - key ctx with HMAC-alg(key). A key shorter than 112 bits is zero-padded to 14 bytes first: FIPS 198-1
 * §4 step 2 pads K with zeros to the block size B (B >= 72 bytes for every hash here), so the padded key gives the same
 * K0 and the same MAC. In a KDF the HMAC key is a public salt (SP 800-56C Rev. 2 §4.1, §5.1) or the PRK, not a secret
 * MAC key, so the HMAC service's 112-bit key rule (and its FIPS140=only refusal) does not apply; the KDF sets its own
 * indicator. An empty key means B zero bytes (the "default salt" of §4.1 / RFC 5869 §2.2 HashLen zeros). */
static inline fips140_status kdf_hmac_init(fips140_hmac_ctx *ctx, fips140_hash_alg alg, const uint8_t *key,
                                           size_t keylen)
{
    if (keylen >= KDF_MIN_APPROVED_OUT)
        return fips140_hmac_init(ctx, alg, key, keylen);
    uint8_t padded[KDF_MIN_APPROVED_OUT];
    memset(padded, 0, sizeof padded);
    if (keylen != 0)
        memcpy(padded, key, keylen);
    fips140_status st = fips140_hmac_init(ctx, alg, padded, sizeof padded);
    fips140_wipe(padded, sizeof padded);
    return st;
}

#endif
