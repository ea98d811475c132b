/* module/kdf/prf_hmac.c - the keyed HMAC (FIPS 198-1 §4) the TLS KDFs and PBKDF2 use as their PRF, over the
 * ungated internal hash front (hash/hash_internal.h); see prf_hmac.h. */
#include <string.h>
#include "../core/internal.h"
#include "../hash/hash_internal.h"
#include "prf_hmac.h"

int prf_hmac_alg_ok(uint32_t alg)
{
    return alg >= FIPS140_SHA1 && alg <= FIPS140_SHA3_512;
}

/* absorb - the internal absorb only fails past a hash's message limit (2^61 bytes and more), which no buffer in
 * memory reaches. */
static void absorb(fips140_hash_ctx *ctx, const uint8_t *p, size_t n)
{
    if (n != 0)
        (void)fips140_hash_absorb_internal(ctx, p, n);
}

void prf_hmac_key(prf_hmac *h, uint32_t alg, const uint8_t *key, size_t keylen)
{
    uint8_t k0[FIPS140_HASH_MAX_BLOCK], pad[FIPS140_HASH_MAX_BLOCK];
    size_t block = fips140_hash_block_size((fips140_hash_alg)alg);

    h->alg = alg;
    h->dlen = (uint32_t)fips140_hash_digest_size((fips140_hash_alg)alg);
    h->block = (uint32_t)block;
    memset(k0, 0, sizeof k0);
    /* FIPS 198-1 §4 steps 1-3: K0 = K padded with zeros, or H(K) padded with zeros when K is longer than B. */
    if (keylen > block) {
        fips140_hash_setup_internal(&h->cur, alg);
        absorb(&h->cur, key, keylen);
        fips140_hash_digest_internal(&h->cur, k0);
    } else if (keylen != 0) {
        memcpy(k0, key, keylen);
    }
    /* Steps 4-5: K0 ^ ipad starts the inner hash; steps 7-8: K0 ^ opad starts the outer hash. */
    for (size_t i = 0; i < block; i++)
        pad[i] = (uint8_t)(k0[i] ^ 0x36u);
    fips140_hash_setup_internal(&h->ik, alg);
    absorb(&h->ik, pad, block);
    for (size_t i = 0; i < block; i++)
        pad[i] = (uint8_t)(k0[i] ^ 0x5cu);
    fips140_hash_setup_internal(&h->ok, alg);
    absorb(&h->ok, pad, block);
    h->cur = h->ik;
    fips140_wipe(k0, sizeof k0);
    fips140_wipe(pad, sizeof pad);
}

void prf_hmac_start(prf_hmac *h)
{
    h->cur = h->ik;
}

void prf_hmac_update(prf_hmac *h, const uint8_t *p, size_t n)
{
    absorb(&h->cur, p, n);
}

void prf_hmac_finish(prf_hmac *h, uint8_t *out)
{
    uint8_t inner[FIPS140_HASH_MAX_DIGEST];
    /* Step 6 done; step 7-9: H((K0 ^ opad) || H((K0 ^ ipad) || text)). */
    fips140_hash_digest_internal(&h->cur, inner);
    h->cur = h->ok;
    absorb(&h->cur, inner, h->dlen);
    fips140_hash_digest_internal(&h->cur, out);
    fips140_wipe(inner, sizeof inner);
}

void prf_hmac_wipe(prf_hmac *h)
{
    fips140_wipe(h, sizeof *h);
}
