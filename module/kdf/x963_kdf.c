/* module/kdf/x963_kdf.c - the ANSI X9.63-2011 key derivation function (§5.6.3 "hash function based KDF"), as
 * SP 800-135 Rev. 1 §4.1 allows it for ECC key agreement: K(i) = Hash(Z || [i]_32 || SharedInfo), i = 1, 2, ...,
 * KeyData = the leftmost keydatalen bits of K(1) || K(2) || ... Approved with SHA-2 and SHA-3 (SHA-1 is accepted and
 * reported NOT_APPROVED, as OpenSSL 3.4's FIPS provider rejects it for X963KDF). */
#include <string.h>
#include "../core/internal.h"

/* x963_hash_approved - SHA-2 or SHA-3 (fixed length). */
static int x963_hash_approved(fips140_hash_alg alg)
{
    return alg >= FIPS140_SHA224 && alg <= FIPS140_SHA3_512;
}

fips140_status fips140_x963_kdf(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *z, size_t zlen,
                                const uint8_t *shared_info, size_t shared_len)
{
    if (out == NULL || z == NULL || (shared_info == NULL && shared_len != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_X963_KDF);
    if (st != FIPS140_OK)
        return st;
    if (alg < FIPS140_SHA1 || alg > FIPS140_SHA3_512)
        return FIPS140_ERR_ARG;
    if (zlen == 0)
        return FIPS140_ERR_DATA_LENGTH; /* an empty shared secret (OpenSSL's X963KDF refuses it too) */
    size_t hlen = fips140_hash_digest_size(alg);
    /* X9.63 §5.6.3 step 1: keydatalen < hashlen * (2^32 - 1), i.e. at most 2^32 - 1 hash blocks. */
    uint64_t n = (uint64_t)(outlen / hlen) + (outlen % hlen != 0);
    if (outlen == 0 || n > 0xffffffffu)
        return FIPS140_ERR_OUTPUT_LENGTH;
    int approved = x963_hash_approved(alg);
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-135 Rev. 1 4.1: X9.63 KDF with SHA-1");

    fips140_hash_ctx zctx, ctx;
    uint8_t k[FIPS140_HASH_MAX_DIGEST], ctr[4];
    size_t done = 0;
    /* Z is the same prefix of every block: absorb it once and copy the state. */
    st = fips140_hash_init(&zctx, alg);
    if (st == FIPS140_OK)
        st = fips140_hash_update(&zctx, z, zlen);
    for (uint32_t i = 1; st == FIPS140_OK && done < outlen; i++) {
        /* §5.6.3 step 3.1: Hash(Z || Counter || SharedInfo), Counter a 32-bit big-endian integer from 1. */
        ctx = zctx;
        store32_be(ctr, i);
        st = fips140_hash_update(&ctx, ctr, sizeof ctr);
        if (st == FIPS140_OK)
            st = fips140_hash_update(&ctx, shared_info, shared_len);
        if (st == FIPS140_OK)
            st = fips140_hash_final(&ctx, k, hlen);
        if (st == FIPS140_OK) {
            size_t take = outlen - done < hlen ? outlen - done : hlen;
            memcpy(out + done, k, take); /* step 4: leftmost keydatalen bits */
            done += take;
        }
    }
    fips140_wipe(&zctx, sizeof zctx);
    fips140_wipe(&ctx, sizeof ctx);
    fips140_wipe(k, sizeof k);
    if (st != FIPS140_OK) {
        fips140_wipe(out, outlen);
        return st;
    }
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}
