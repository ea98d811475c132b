/* module/kdf/pbkdf2.c - PBKDF2 with HMAC (SP 800-132 §5.3, December 2010; RFC 8018 §5.2): the public service
 * fips140_pbkdf2 (include/fips140/pbkdf2.h). The iteration loop is prf_hmac_iterate (pbkdf2_fast.c).
 *
 * Approved use (SP 800-132 §5.1, §5.2, §5): salt of at least 128 bits, at least 1000 iterations, a derived key of at
 * least 112 bits. Outside those bounds the key is still derived, with the indicator NOT_APPROVED, unless the module
 * runs in FIPS140=only mode, where the call is refused and fips140_last_refusal() names the rule. */
#include <string.h>
#include "../core/internal.h"
#include "prf_hmac.h"

#define PBKDF2_MIN_SALT 16u        /* bytes: SP 800-132 §5.1, 128 bits */
#define PBKDF2_MIN_ITERATIONS 1000u /* SP 800-132 §5.2 */
#define PBKDF2_MIN_KEY 14u         /* bytes: 112 bits */

fips140_status fips140_pbkdf2(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *password,
                              size_t passlen, const uint8_t *salt, size_t saltlen, uint64_t iterations)
{
    fips140_status st = fips140_service_begin(CAST_PBKDF);
    if (st != FIPS140_OK)
        return st;
    if (out == NULL || (password == NULL && passlen != 0) || (salt == NULL && saltlen != 0))
        return FIPS140_ERR_NULL;
    if (!prf_hmac_alg_ok((uint32_t)alg) || iterations == 0)
        return FIPS140_ERR_ARG;
    size_t hlen = fips140_hash_digest_size(alg);
    /* §5.3 step 1: kLen <= (2^32 - 1) * hLen. */
    if (outlen == 0 || (uint64_t)(outlen - 1) / hlen >= UINT64_C(0xffffffff))
        return FIPS140_ERR_OUTPUT_LENGTH;

    int approved = saltlen >= PBKDF2_MIN_SALT && iterations >= PBKDF2_MIN_ITERATIONS && outlen >= PBKDF2_MIN_KEY;
    if (!approved && fips140_refuse_unapproved()) {
        if (saltlen < PBKDF2_MIN_SALT)
            return fips140_refuse("SP 800-132 5.1: salt shorter than 128 bits");
        if (iterations < PBKDF2_MIN_ITERATIONS)
            return fips140_refuse("SP 800-132 5.2: iteration count below 1000");
        return fips140_refuse("SP 800-132 5: derived key shorter than 112 bits");
    }

    prf_hmac h;
    uint8_t u[FIPS140_HASH_MAX_DIGEST], t[FIPS140_HASH_MAX_DIGEST], ctr[4];
    prf_hmac_key(&h, (uint32_t)alg, password, passlen); /* the password P is the HMAC key */
    /* §5.3 steps 2-5: blocks T_i for i = 1..len, the last one truncated to r bytes. */
    uint32_t i = 1;
    for (size_t done = 0; done < outlen; done += hlen, i++) {
        /* U_1 = HMAC(P, S || INT(i)) */
        store32_be(ctr, i);
        prf_hmac_start(&h);
        prf_hmac_update(&h, salt, saltlen);
        prf_hmac_update(&h, ctr, sizeof ctr);
        prf_hmac_finish(&h, u);
        memcpy(t, u, hlen);
        prf_hmac_iterate(&h, t, u, iterations);
        size_t take = outlen - done < hlen ? outlen - done : hlen;
        memcpy(out + done, t, take);
    }
    prf_hmac_wipe(&h);
    fips140_wipe(u, sizeof u);
    fips140_wipe(t, sizeof t);
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}
