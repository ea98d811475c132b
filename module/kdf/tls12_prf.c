/* module/kdf/tls12_prf.c - the TLS 1.2 PRF (RFC 5246 §5) and what TLS 1.2 derives with it: the master secret
 * (RFC 5246 §8.1), the extended master secret (RFC 7627 §4) and the key block (RFC 5246 §6.3). SP 800-135 Rev. 1
 * §4.2 approves this KDF with SHA-256, SHA-384 and SHA-512; FIPS 140-3 IG D.Q requires the extended master secret,
 * so a master secret derived from the randoms alone ("master secret") is non-approved.
 * Public API: include/fips140/tls_kdf.h. HMAC: prf_hmac.h. */
#include <string.h>
#include "../core/internal.h"
#include "prf_hmac.h"

#define TLS12_MAX_OUT (UINT32_C(1) << 30)
#define TLS12_MAX_SESSION_HASH 64u

static const uint8_t label_ms[] = "master secret";              /* RFC 5246 §8.1 */
static const uint8_t label_ems[] = "extended master secret";    /* RFC 7627 §4 */
static const uint8_t label_kb[] = "key expansion";              /* RFC 5246 §6.3 */
#define LABEL_LEN(l) (sizeof(l) - 1)

/* tls12_alg_ok - SP 800-135 Rev. 1 §4.2.2: SHA-256, SHA-384, SHA-512. */
static int tls12_alg_ok(fips140_hash_alg alg)
{
    return alg == FIPS140_SHA256 || alg == FIPS140_SHA384 || alg == FIPS140_SHA512;
}

/* seed_parts - the PRF's label || seed as up to three pieces (no concatenation buffer). */
typedef struct seed_parts {
    const uint8_t *p[3];
    size_t n[3];
} seed_parts;

static void absorb_seed(prf_hmac *h, const seed_parts *s)
{
    for (int i = 0; i < 3; i++)
        prf_hmac_update(h, s->p[i], s->n[i]);
}

/* is_plain_master_secret - 1 when label || seed begins with "master secret" (a non-EMS master secret). The label
 * is public data. */
static int is_plain_master_secret(const seed_parts *s)
{
    size_t matched = 0;
    for (int i = 0; i < 3 && matched < LABEL_LEN(label_ms); i++) {
        size_t k = s->n[i];
        if (k > LABEL_LEN(label_ms) - matched)
            k = LABEL_LEN(label_ms) - matched;
        if (k != 0 && memcmp(s->p[i], label_ms + matched, k) != 0)
            return 0;
        matched += k;
    }
    return matched == LABEL_LEN(label_ms);
}

/* p_hash - RFC 5246 §5: P_hash(secret, seed) = HMAC(secret, A(1) || seed) || HMAC(secret, A(2) || seed) || ...,
 * A(0) = seed, A(i) = HMAC(secret, A(i-1)); the first outlen bytes go to out. */
static void p_hash(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *secret, size_t secretlen,
                   const seed_parts *seed)
{
    prf_hmac h;
    uint8_t a[FIPS140_HASH_MAX_DIGEST], blk[FIPS140_HASH_MAX_DIGEST];
    prf_hmac_key(&h, (uint32_t)alg, secret, secretlen);
    size_t dlen = h.dlen;
    /* A(1) = HMAC(secret, seed) */
    prf_hmac_start(&h);
    absorb_seed(&h, seed);
    prf_hmac_finish(&h, a);
    for (size_t done = 0; done < outlen; done += dlen) {
        prf_hmac_start(&h);
        prf_hmac_update(&h, a, dlen);
        absorb_seed(&h, seed);
        if (outlen - done >= dlen) {
            prf_hmac_finish(&h, out + done);
        } else {
            prf_hmac_finish(&h, blk);
            memcpy(out + done, blk, outlen - done);
        }
        if (outlen - done > dlen) {
            /* A(i+1) = HMAC(secret, A(i)) */
            prf_hmac_start(&h);
            prf_hmac_update(&h, a, dlen);
            prf_hmac_finish(&h, a);
        }
    }
    prf_hmac_wipe(&h);
    fips140_wipe(a, sizeof a);
    fips140_wipe(blk, sizeof blk);
}

/* tls12_derive - the common service path: gate, checks, approval, derivation, indicator. */
static fips140_status tls12_derive(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *secret,
                                   size_t secretlen, const seed_parts *seed)
{
    fips140_status st = fips140_service_begin(CAST_TLS12_KDF);
    if (st != FIPS140_OK)
        return st;
    if (out == NULL || (secret == NULL && secretlen != 0))
        return FIPS140_ERR_NULL;
    for (int i = 0; i < 3; i++)
        if (seed->p[i] == NULL && seed->n[i] != 0)
            return FIPS140_ERR_NULL;
    if (!tls12_alg_ok(alg))
        return FIPS140_ERR_ARG;
    if (outlen == 0 || outlen > TLS12_MAX_OUT)
        return FIPS140_ERR_OUTPUT_LENGTH;
    int approved = !is_plain_master_secret(seed);
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("FIPS 140-3 IG D.Q: TLS 1.2 master secret without the extended master secret (RFC 7627)");
    p_hash(alg, out, outlen, secret, secretlen, seed);
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status fips140_tls12_prf(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *secret,
                                 size_t secretlen, const uint8_t *label, size_t labellen, const uint8_t *seed,
                                 size_t seedlen)
{
    seed_parts s = {{label, seed, NULL}, {labellen, seedlen, 0}};
    return tls12_derive(alg, out, outlen, secret, secretlen, &s);
}

fips140_status fips140_tls12_master_secret(fips140_hash_alg alg, uint8_t ms[FIPS140_TLS12_MASTER_SECRET_LEN],
                                           const uint8_t *pms, size_t pmslen,
                                           const uint8_t client_random[FIPS140_TLS12_RANDOM_LEN],
                                           const uint8_t server_random[FIPS140_TLS12_RANDOM_LEN])
{
    fips140_status st = fips140_service_begin(CAST_TLS12_KDF);
    if (st != FIPS140_OK)
        return st;
    if (client_random == NULL || server_random == NULL)
        return FIPS140_ERR_NULL;
    /* RFC 5246 §8.1: PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47] */
    seed_parts s = {{label_ms, client_random, server_random},
                    {LABEL_LEN(label_ms), FIPS140_TLS12_RANDOM_LEN, FIPS140_TLS12_RANDOM_LEN}};
    return tls12_derive(alg, ms, FIPS140_TLS12_MASTER_SECRET_LEN, pms, pmslen, &s);
}

fips140_status fips140_tls12_extended_master_secret(fips140_hash_alg alg, uint8_t ms[FIPS140_TLS12_MASTER_SECRET_LEN],
                                                    const uint8_t *pms, size_t pmslen, const uint8_t *session_hash,
                                                    size_t hashlen)
{
    fips140_status st = fips140_service_begin(CAST_TLS12_KDF);
    if (st != FIPS140_OK)
        return st;
    if (session_hash == NULL)
        return FIPS140_ERR_NULL;
    if (hashlen == 0 || hashlen > TLS12_MAX_SESSION_HASH)
        return FIPS140_ERR_DATA_LENGTH;
    /* RFC 7627 §4: PRF(pre_master_secret, "extended master secret", session_hash)[0..47] */
    seed_parts s = {{label_ems, session_hash, NULL}, {LABEL_LEN(label_ems), hashlen, 0}};
    return tls12_derive(alg, ms, FIPS140_TLS12_MASTER_SECRET_LEN, pms, pmslen, &s);
}

fips140_status fips140_tls12_key_block(fips140_hash_alg alg, uint8_t *out, size_t outlen,
                                       const uint8_t ms[FIPS140_TLS12_MASTER_SECRET_LEN],
                                       const uint8_t server_random[FIPS140_TLS12_RANDOM_LEN],
                                       const uint8_t client_random[FIPS140_TLS12_RANDOM_LEN])
{
    fips140_status st = fips140_service_begin(CAST_TLS12_KDF);
    if (st != FIPS140_OK)
        return st;
    if (ms == NULL || server_random == NULL || client_random == NULL)
        return FIPS140_ERR_NULL;
    /* RFC 5246 §6.3: PRF(SecurityParameters.master_secret, "key expansion", server_random + client_random) */
    seed_parts s = {{label_kb, server_random, client_random},
                    {LABEL_LEN(label_kb), FIPS140_TLS12_RANDOM_LEN, FIPS140_TLS12_RANDOM_LEN}};
    return tls12_derive(alg, out, outlen, ms, FIPS140_TLS12_MASTER_SECRET_LEN, &s);
}
