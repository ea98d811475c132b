/* module/drbg/ctr_drbg.c - CTR_DRBG (NIST SP 800-90A Rev. 1, June 2015, §10.2.1) over AES-128/192/256, with
 * ctr_len = blocklen = 128 (the whole V is the counter), with or without the Block_Cipher_df derivation function
 * (§10.3.2, BCC §10.3.3). Lengths were checked by drbg.c (Table 3).
 *
 * Speed: the output of a generate request and the keystream of the CTR_DRBG_Update that follows it (§10.2.1.5.1
 * steps 4 and 6) are consecutive counter blocks V+1, V+2, …, so both come from one bulk CTR run
 * (aes_ctr128_xor: AES-NI / VAES pipelines when the CPU has them). */
#include <string.h>
#include "drbg_internal.h"

#define BLOCK 16u

/* inc128 - V = (V + 1) mod 2^128, big-endian (§10.2.1.2 step 2.1 with ctr_len = blocklen). */
static void inc128(uint8_t v[BLOCK])
{
    unsigned carry = 1;
    for (int i = BLOCK - 1; i >= 0; i--) {
        carry += v[i];
        v[i] = (uint8_t)carry;
        carry >>= 8;
    }
}

/* nblocks_of - ceil(bytes / blocklen). */
static size_t nblocks_of(size_t bytes) { return (bytes + BLOCK - 1) / BLOCK; }

/* ctr_rekey - Key = key. CTR_DRBG only encrypts and rekeys on every request (§10.2.1.2 step 5), so it takes the
 * encryption-only key schedule. */
static void ctr_rekey(drbg_ctr *c, const uint8_t *key)
{
    aes_sched_init_enc(&c->ks, key, c->keylen);
}

/* finish_update - §10.2.1.2 steps 4-6 on temp (seedlen bytes of E(Key, V+1) || E(Key, V+2) ...): temp ^=
 * provided_data (NULL: zeros), Key = leftmost keylen bytes, V = the next 16 bytes. */
static void finish_update(drbg_ctr *c, uint8_t *temp, const uint8_t *provided)
{
    if (provided != NULL)
        for (size_t i = 0; i < c->seedlen; i++)
            temp[i] ^= provided[i];
    ctr_rekey(c, temp);
    memcpy(c->v, temp + c->keylen, BLOCK);
}

/* ctr_update - CTR_DRBG_Update(provided_data, Key, V), §10.2.1.2; provided NULL stands for 0^seedlen. */
static void ctr_update(drbg_ctr *c, const uint8_t *provided)
{
    _Alignas(16) uint8_t temp[3 * BLOCK], ctr[BLOCK];
    const size_t n = nblocks_of(c->seedlen);
    memcpy(ctr, c->v, BLOCK);
    inc128(ctr);                                  /* step 2.1: V = V + 1 */
    memset(temp, 0, sizeof temp);
    aes_ctr128_xor(&c->ks, temp, temp, n, ctr);   /* steps 2.2-3: temp = E(Key, V+1) || E(Key, V+2) ... */
    finish_update(c, temp, provided);
    fips140_wipe(temp, sizeof temp);
    fips140_wipe(ctr, sizeof ctr);
}

/* bcc_block - BCC (§10.3.3) step 4 for every chain at once: chaining_value_i = E(K, chaining_value_i ^ block). */
static void bcc_block(const aes_sched *ks, uint8_t *cv, size_t chains, const uint8_t block[BLOCK])
{
    for (size_t j = 0; j < chains; j++)
        for (size_t i = 0; i < BLOCK; i++)
            cv[BLOCK * j + i] ^= block[i];
    aes_encrypt_blocks(ks, cv, cv, chains);
}

/* block_cipher_df - Block_Cipher_df(input_string, number_of_bits_to_return), §10.3.2, with input_string the
 * concatenation of nseg pieces (total below 2^32 bytes, checked by drbg.c) and out_len ≤ 64 bytes.
 * The BCC invocations of step 9 (i = 0, 1, 2) share their input S and run side by side. */
static void block_cipher_df(uint32_t keylen, const drbg_seg *in, size_t nseg, uint8_t *out, size_t out_len)
{
    aes_sched ks;
    _Alignas(16) uint8_t cv[3 * BLOCK], blk[BLOCK], key[32];
    uint64_t l = 0;
    size_t fill, chains = nblocks_of(keylen + BLOCK); /* step 9: until len(temp) ≥ keylen + outlen */

    for (size_t i = 0; i < nseg; i++)
        l += in[i].n;
    /* Step 8: K = leftmost keylen bits of 0x00010203...1F. */
    for (unsigned i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)i;
    aes_sched_init(&ks, key, keylen);
    /* Steps 9.1-9.2, BCC step 1-4 for the first block: chaining_value_i = E(K, 0^128 ^ (IV_i = i || 0^96)). */
    memset(cv, 0, sizeof cv);
    cv[BLOCK + 3] = 1;      /* IV_1 (chain 2 is used only when keylen > 16) */
    cv[2 * BLOCK + 3] = 2;  /* IV_2 */
    aes_encrypt_blocks(&ks, cv, cv, chains);
    /* Steps 2-5: S = L || N || input_string || 0x80, zero-padded to a whole block; fed block by block to BCC. */
    store32_be(blk, (uint32_t)l);
    store32_be(blk + 4, (uint32_t)out_len);
    fill = 8;
    for (size_t i = 0; i < nseg; i++) {
        const uint8_t *p = in[i].p;
        size_t n = in[i].n;
        while (n != 0) {
            size_t take = BLOCK - fill < n ? BLOCK - fill : n;
            memcpy(blk + fill, p, take);
            fill += take;
            p += take;
            n -= take;
            if (fill == BLOCK) {
                bcc_block(&ks, cv, chains, blk);
                fill = 0;
            }
        }
    }
    blk[fill++] = 0x80;
    memset(blk + fill, 0, BLOCK - fill);
    bcc_block(&ks, cv, chains, blk);
    /* Steps 10-11: K = leftmost keylen bits of temp, X = the next outlen bits. */
    aes_sched_init(&ks, cv, keylen);
    memcpy(blk, cv + keylen, BLOCK);
    /* Steps 12-14: X = E(K, X) repeatedly; requested_bits = the leftmost out_len bytes. */
    for (size_t done = 0; done < out_len; done += BLOCK) {
        aes_encrypt_blocks(&ks, blk, blk, 1);
        memcpy(out + done, blk, out_len - done < BLOCK ? out_len - done : BLOCK);
    }
    fips140_wipe(&ks, sizeof ks);
    fips140_wipe(cv, sizeof cv);
    fips140_wipe(blk, sizeof blk);
}

/* ctr_start - Key = 0^keylen, V = 0^blocklen (§10.2.1.3.1 steps 3-4, §10.2.1.3.2 steps 3-4). */
static void ctr_start(drbg_state *s)
{
    static const uint8_t zero[32] = {0};
    drbg_ctr *c = &s->u.ctr;
    c->keylen = s->mechanism / 8;
    c->seedlen = c->keylen + BLOCK;
    aes_sched_init(&c->ks, zero, c->keylen);
    if (c->ks.use_ni) {
        /* Not used by CTR_DRBG on the AES-NI paths, and not kept up to date by ctr_rekey: clear them. */
        memset(c->ks.rk_dec, 0, sizeof c->ks.rk_dec);
        memset(c->ks.portable, 0, sizeof c->ks.portable);
    }
    memset(c->v, 0, BLOCK);
}

/* seed_material - without df: (a XOR (b padded with zeros to seedlen)), a of exactly seedlen bytes
 * (§10.2.1.3.1 steps 1-2, §10.2.1.4.1 steps 1-2); with df: Block_Cipher_df(in[0] || in[1] || in[2], seedlen)
 * (§10.2.1.3.2 steps 1-2, §10.2.1.4.2 steps 1-2). */
static void seed_material(const drbg_state *s, const drbg_seg in[3], uint8_t out[3 * BLOCK])
{
    const drbg_ctr *c = &s->u.ctr;
    if (s->df) {
        block_cipher_df(c->keylen, in, 3, out, c->seedlen);
        return;
    }
    memcpy(out, in[0].p, c->seedlen);
    for (size_t i = 0; i < in[2].n; i++)
        out[i] ^= in[2].p[i];
}

/* ctr_drbg_instantiate - §10.2.1.3.1 (no df: entropy_input XOR personalization_string; no nonce) or §10.2.1.3.2
 * (df of entropy_input || nonce || personalization_string); then Update from Key = 0, V = 0. */
void ctr_drbg_instantiate(drbg_state *s, const drbg_seg in[3])
{
    uint8_t seed[3 * BLOCK];
    ctr_start(s);
    seed_material(s, in, seed);       /* steps 1-2 */
    ctr_update(&s->u.ctr, seed);      /* step 5 (no df) / step 5 (df) */
    fips140_wipe(seed, sizeof seed);
}

/* ctr_drbg_reseed - §10.2.1.4.1 (entropy_input XOR additional_input) or §10.2.1.4.2 (df of entropy_input ||
 * additional_input), then Update. */
void ctr_drbg_reseed(drbg_state *s, const uint8_t *entropy, size_t entropy_len, const uint8_t *add, size_t add_len)
{
    uint8_t seed[3 * BLOCK];
    const drbg_seg parts[3] = {{entropy, entropy_len}, {NULL, 0}, {add, add_len}};
    seed_material(s, parts, seed);
    ctr_update(&s->u.ctr, seed);
    fips140_wipe(seed, sizeof seed);
}

/* ctr_drbg_generate - §10.2.1.5.1 (no df) / §10.2.1.5.2 (df). The reseed check (step 1) is in drbg.c. */
void ctr_drbg_generate(drbg_state *s, uint8_t *out, size_t out_len, const uint8_t *add, size_t add_len)
{
    drbg_ctr *c = &s->u.ctr;
    _Alignas(16) uint8_t addseed[3 * BLOCK], tail[4 * BLOCK], ctr[BLOCK];
    const uint8_t *provided = NULL;
    const size_t full = out_len / BLOCK, rem = out_len % BLOCK;
    const size_t ntail = (rem != 0) + nblocks_of(c->seedlen);

    /* Step 2: additional_input (padded, or through the df) updates the state first and is kept for step 6. */
    if (add_len != 0) {
        if (s->df) {
            const drbg_seg a = {add, add_len};
            block_cipher_df(c->keylen, &a, 1, addseed, c->seedlen);
        } else {
            memset(addseed, 0, sizeof addseed);
            memcpy(addseed, add, add_len);
        }
        ctr_update(c, addseed);
        provided = addseed;
    }
    /* Steps 3-5: V = V + 1, output_block = E(Key, V), repeated; returned_bits = the leftmost out_len bytes. */
    memcpy(ctr, c->v, BLOCK);
    inc128(ctr);
    if (full != 0) {
        memset(out, 0, full * BLOCK);
        aes_ctr128_xor(&c->ks, out, out, full, ctr);
    }
    /* The last (partial) output block, then step 6's Update keystream E(Key, V+1)... continuing the counter:
     * after step 4, V is the last counter used, and the Update starts from V + 1. */
    memset(tail, 0, sizeof tail);
    aes_ctr128_xor(&c->ks, tail, tail, ntail, ctr);
    if (rem != 0)
        memcpy(out + full * BLOCK, tail, rem);
    /* Step 6: (Key, V) = CTR_DRBG_Update(additional_input, Key, V). */
    finish_update(c, tail + (rem != 0 ? BLOCK : 0), provided);
    fips140_wipe(tail, sizeof tail);
    fips140_wipe(ctr, sizeof ctr);
    if (provided != NULL)
        fips140_wipe(addseed, sizeof addseed);
}
