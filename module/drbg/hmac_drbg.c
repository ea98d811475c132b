/* module/drbg/hmac_drbg.c - HMAC_DRBG (NIST SP 800-90A Rev. 1, June 2015, §10.1.2) over SHA-1, SHA-2 and SHA-3,
 * HMAC per FIPS 198-1. Key is kept as the two hash states after absorbing K ^ ipad and K ^ opad, so each HMAC of
 * the generate loop costs two compressions (V fits in one block with its padding). Lengths were checked by
 * drbg.c (Table 2). */
#include <string.h>
#include "drbg_internal.h"

/* hmac_rekey - FIPS 198-1 §4 steps 1-5, 7-8 for the key k of outlen bytes (outlen ≤ block: K0 = k || zeros). */
static void hmac_rekey(drbg_state *s, const uint8_t *k)
{
    drbg_hmac *h = &s->u.hmac;
    uint8_t pad[FIPS140_HASH_MAX_BLOCK];
    const size_t block = fips140_hash_block_size((fips140_hash_alg)s->mechanism);

    memset(pad, 0x36, block);
    for (size_t i = 0; i < h->outlen; i++)
        pad[i] ^= k[i];
    drbg_md_init(&h->ikey, s->mechanism);
    drbg_md_update(&h->ikey, pad, block);
    memset(pad, 0x5c, block);
    for (size_t i = 0; i < h->outlen; i++)
        pad[i] ^= k[i];
    drbg_md_init(&h->okey, s->mechanism);
    drbg_md_update(&h->okey, pad, block);
    fips140_wipe(pad, sizeof pad);
}

/* hmac_run - out = HMAC(Key, in[0] || in[1] || ...) (FIPS 198-1 §4 steps 6, 9); out may alias an input. */
static void hmac_run(const drbg_hmac *h, const drbg_seg *in, size_t nseg, uint8_t *out)
{
    drbg_md m = h->ikey;
    uint8_t inner[FIPS140_HASH_MAX_DIGEST];
    for (size_t i = 0; i < nseg; i++)
        drbg_md_update(&m, in[i].p, in[i].n);
    drbg_md_final(&m, inner);
    m = h->okey;
    drbg_md_update(&m, inner, h->outlen);
    drbg_md_final(&m, out);
    fips140_wipe(&m, sizeof m);
    fips140_wipe(inner, sizeof inner);
}

/* hmac_update - HMAC_DRBG_Update(provided_data, K, V), §10.1.2.2; provided_data = prov[0] || ... (may be empty). */
static void hmac_update(drbg_state *s, const drbg_seg *prov, size_t nprov)
{
    drbg_hmac *h = &s->u.hmac;
    uint8_t k[FIPS140_HASH_MAX_DIGEST], sep = 0x00;
    drbg_seg in[5] = {{h->v, h->outlen}, {&sep, 1}};
    size_t total = 0;
    for (size_t i = 0; i < nprov; i++) {
        in[2 + i] = prov[i];
        total += prov[i].n;
    }
    const drbg_seg v_only = {h->v, h->outlen};

    for (;;) {
        hmac_run(h, in, 2 + nprov, k);  /* step 1 / step 4: K = HMAC(K, V || sep || provided_data) */
        hmac_rekey(s, k);
        hmac_run(h, &v_only, 1, h->v);  /* step 2 / step 5: V = HMAC(K, V) */
        if (total == 0 || sep == 0x01)  /* step 3: no provided_data; step 6: done */
            break;
        sep = 0x01;
    }
    fips140_wipe(k, sizeof k);
}

/* hmac_drbg_instantiate - §10.1.2.3: Key = 0x00 00...00, V = 0x01 01...01, Update(entropy_input || nonce ||
 * personalization_string). */
void hmac_drbg_instantiate(drbg_state *s, const drbg_seg in[3])
{
    drbg_hmac *h = &s->u.hmac;
    uint8_t zero[FIPS140_HASH_MAX_DIGEST];
    h->outlen = (uint32_t)fips140_hash_digest_size((fips140_hash_alg)s->mechanism);
    memset(zero, 0, sizeof zero);
    hmac_rekey(s, zero);                 /* step 2 */
    memset(h->v, 0x01, h->outlen);       /* step 3 */
    hmac_update(s, in, 3);               /* steps 1, 4 */
}

/* hmac_drbg_reseed - §10.1.2.4: Update(entropy_input || additional_input). */
void hmac_drbg_reseed(drbg_state *s, const uint8_t *entropy, size_t entropy_len, const uint8_t *add, size_t add_len)
{
    const drbg_seg in[2] = {{entropy, entropy_len}, {add, add_len}};
    hmac_update(s, in, 2);
}

/* hmac_drbg_generate - §10.1.2.5 steps 2-6 (step 1, the reseed check, and step 7 are in drbg.c). */
void hmac_drbg_generate(drbg_state *s, uint8_t *out, size_t out_len, const uint8_t *add, size_t add_len)
{
    drbg_hmac *h = &s->u.hmac;
    const drbg_seg a = {add, add_len}, v_only = {h->v, h->outlen};
    if (add_len != 0)
        hmac_update(s, &a, 1);          /* step 2 */
    while (out_len != 0) {              /* steps 3-5: V = HMAC(Key, V); temp = temp || V */
        size_t take = out_len < h->outlen ? out_len : h->outlen;
        hmac_run(h, &v_only, 1, h->v);
        memcpy(out, h->v, take);
        out += take;
        out_len -= take;
    }
    hmac_update(s, &a, add_len != 0);   /* step 6 */
}
