/* module/kdf/ssh_kdf.c - the SSH key derivation function (RFC 4253 §7.2), as SP 800-135 Rev. 1 §5.2 allows it:
 *   K1 = HASH(K || H || X || session_id),  Kj = HASH(K || H || K1 || ... || K(j-1)),  key = K1 || K2 || ...
 * where X is one of the letters 'A'..'F'. K is the shared secret as SSH hashes it (mpint encoding). Approved with
 * SHA-1 and SHA2-224/256/384/512, the hashes of SP 800-135 Rev. 1 §5.2 (and ACVP's kdf-components ssh). */
#include <string.h>
#include "../core/internal.h"

/* ssh_hash_approved - SHA-1 or SHA2-224/256/384/512. */
static int ssh_hash_approved(fips140_hash_alg alg)
{
    return alg >= FIPS140_SHA1 && alg <= FIPS140_SHA512;
}

fips140_status fips140_ssh_kdf(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *k, size_t klen,
                               const uint8_t *h, size_t hlen, const uint8_t *session_id, size_t session_id_len,
                               char letter)
{
    if (out == NULL || k == NULL || h == NULL || session_id == NULL)
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_SSH_KDF);
    if (st != FIPS140_OK)
        return st;
    if (alg < FIPS140_SHA1 || alg > FIPS140_SHA3_512 || letter < 'A' || letter > 'F')
        return FIPS140_ERR_ARG;
    if (klen == 0 || hlen == 0 || session_id_len == 0)
        return FIPS140_ERR_DATA_LENGTH;
    if (outlen == 0)
        return FIPS140_ERR_OUTPUT_LENGTH;
    int approved = ssh_hash_approved(alg);
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-135 Rev. 1 5.2: SSH KDF hash other than SHA-1 or SHA2-224/256/384/512");

    size_t dlen = fips140_hash_digest_size(alg), done = 0;
    uint8_t kj[FIPS140_HASH_MAX_DIGEST], x = (uint8_t)letter;
    fips140_hash_ctx acc, ctx;
    /* acc holds HASH's state after K || H, then after K || H || K1 || ... || K(j-1). */
    st = fips140_hash_init(&acc, alg);
    if (st == FIPS140_OK) st = fips140_hash_update(&acc, k, klen);
    if (st == FIPS140_OK) st = fips140_hash_update(&acc, h, hlen);
    if (st == FIPS140_OK) {
        /* K1 = HASH(K || H || X || session_id) */
        ctx = acc;
        st = fips140_hash_update(&ctx, &x, 1);
        if (st == FIPS140_OK) st = fips140_hash_update(&ctx, session_id, session_id_len);
        if (st == FIPS140_OK) st = fips140_hash_final(&ctx, kj, dlen);
    }
    while (st == FIPS140_OK) {
        size_t take = outlen - done < dlen ? outlen - done : dlen;
        memcpy(out + done, kj, take);
        done += take;
        if (done == outlen)
            break;
        /* Kj = HASH(K || H || K1 || ... || K(j-1)) */
        st = fips140_hash_update(&acc, kj, dlen);
        if (st == FIPS140_OK) {
            ctx = acc;
            st = fips140_hash_final(&ctx, kj, dlen);
        }
    }
    fips140_wipe(&acc, sizeof acc);
    fips140_wipe(&ctx, sizeof ctx);
    fips140_wipe(kj, sizeof kj);
    if (st != FIPS140_OK) {
        fips140_wipe(out, outlen);
        return st;
    }
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}
