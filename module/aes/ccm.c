/* module/aes/ccm.c - AES-CCM, NIST SP 800-38C (May 2004, updated 2007): generation-encryption (§6.1) and
 * decryption-verification (§6.2) with the formatting function and counter generation of Appendix A (§A.2 B0 and
 * the associated-data length encoding, §A.3 counter blocks).
 *
 * Parameters (§A.1): nonce length n in 7..13 bytes, q = 15 - n bytes of payload length, tag length t in
 * {4, 6, ..., 16} bytes. Tags shorter than 8 bytes are not approved here (SP 800-38C Appendix B: short tags need
 * limits on decryption failures the module cannot enforce). The payload blocks go through ccm_payload_*, which
 * runs the CBC-MAC chain and counter mode together (AES-NI) or one after the other per chunk (portable). */
#include <stddef.h>
#include <string.h>
#include <fips140/ccm.h>
#include "aes_mac_internal.h"
#include "../core/ct.h"

/* CCM_CHUNK_BLOCKS - portable path: blocks MACed, then counter-mode processed, while still in L1. */
#define CCM_CHUNK_BLOCKS 64u

/* ccm_payload_encrypt - aes_mac_internal.h. */
void ccm_payload_encrypt(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in,
                         size_t nblocks)
{
#if FIPS140_X86_64
    if (ks->use_ni) {
        ccm_ni_encrypt(ks, x, ctr, out, in, nblocks);
        return;
    }
#endif
    while (nblocks > 0) {
        size_t n = nblocks < CCM_CHUNK_BLOCKS ? nblocks : CCM_CHUNK_BLOCKS;
        aes_cbcmac_blocks(ks, x, in, n);    /* before out (which may equal in) is written */
        aes_ctr128_xor(ks, out, in, n, ctr);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
}

/* ccm_payload_decrypt - aes_mac_internal.h. */
void ccm_payload_decrypt(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in,
                         size_t nblocks)
{
#if FIPS140_X86_64
    if (ks->use_ni) {
        ccm_ni_decrypt(ks, x, ctr, out, in, nblocks);
        return;
    }
#endif
    while (nblocks > 0) {
        size_t n = nblocks < CCM_CHUNK_BLOCKS ? nblocks : CCM_CHUNK_BLOCKS;
        aes_ctr128_xor(ks, out, in, n, ctr);
        aes_cbcmac_blocks(ks, x, out, n);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
}

/* tag_legal - §A.1: Tlen in {32, 48, 64, 80, 96, 112, 128} bits. */
static int tag_legal(size_t taglen) { return taglen >= 4 && taglen <= 16 && (taglen & 1u) == 0; }

/* check_args - every argument check, before anything is written. */
static fips140_status check_args(const fips140_aes_ccm_ctx *ctx, const uint8_t *out, const uint8_t *tag,
                                 size_t taglen, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                                 size_t aadlen, const uint8_t *in, size_t len)
{
    if (ctx == NULL || tag == NULL || nonce == NULL || (aad == NULL && aadlen != 0) ||
        ((in == NULL || out == NULL) && len != 0))
        return FIPS140_ERR_NULL;
    if (ctx->phase != CCM_MAGIC)
        return FIPS140_ERR_STATE;
    if (noncelen < 7 || noncelen > 13)
        return FIPS140_ERR_IV_LENGTH; /* §A.1: n in {7, ..., 13} */
    if (!tag_legal(taglen))
        return FIPS140_ERR_TAG_LENGTH;
    /* §A.1: Plen < 2^(8q) bytes, q = 15 - n. */
    const size_t q = 15 - noncelen;
    if (q < sizeof(size_t) && (uint64_t)len >> (8 * q) != 0)
        return FIPS140_ERR_DATA_LENGTH;
    if (taglen < 8 && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38C Appendix B: tag shorter than 64 bits");
    return FIPS140_OK;
}

/* mac_header - x = CBC-MAC of B0 and the formatted associated data (§A.2.1, §A.2.2, §6.1 steps 1-4 up to the
 * payload blocks), and ctr = Ctr_0 (§A.3). */
static void mac_header(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], size_t taglen, const uint8_t *nonce,
                       size_t noncelen, const uint8_t *aad, size_t aadlen, size_t len)
{
    const size_t q = 15 - noncelen;
    uint8_t b[16];
    /* §A.2.1: Flags = Reserved(0) || Adata || [(t-2)/2]_3 || [q-1]_3; B0 = Flags || N || Q. */
    b[0] = (uint8_t)((aadlen != 0 ? 0x40u : 0u) | (uint8_t)(((taglen - 2) / 2) << 3) | (uint8_t)(q - 1));
    memcpy(b + 1, nonce, noncelen);
    uint64_t l = (uint64_t)len; /* Q = [Plen]_8q; q <= 8 and check_args bounded len */
    for (size_t i = 0; i < q; i++, l >>= 8)
        b[15 - i] = (uint8_t)l;
    memset(x, 0, 16);
    aes_cbcmac_blocks(ks, x, b, 1);
    /* §A.3: Ctr_i = Flags' || N || [i]_8q with Flags' = [q-1]_3. */
    memset(ctr, 0, 16);
    ctr[0] = (uint8_t)(q - 1);
    memcpy(ctr + 1, nonce, noncelen);

    if (aadlen != 0) {
        /* §A.2.2: a < 2^16 - 2^8: [a]_16; a < 2^32: 0xff 0xfe [a]_32; else 0xff 0xff [a]_64. */
        size_t hl;
        const uint64_t a = (uint64_t)aadlen;
        if (a < 0xff00u) {
            b[0] = (uint8_t)(a >> 8); b[1] = (uint8_t)a;
            hl = 2;
        } else if (a <= 0xffffffffu) {
            b[0] = 0xff; b[1] = 0xfe;
            store32_be(b + 2, (uint32_t)a);
            hl = 6;
        } else {
            b[0] = 0xff; b[1] = 0xff;
            store64_be(b + 2, a);
            hl = 10;
        }
        size_t n = 16 - hl < aadlen ? 16 - hl : aadlen;
        memcpy(b + hl, aad, n);
        memset(b + hl + n, 0, 16 - hl - n);
        aes_cbcmac_blocks(ks, x, b, 1);
        aad += n;
        aadlen -= n;
        aes_cbcmac_blocks(ks, x, aad, aadlen / 16);
        aad += aadlen & ~(size_t)15;
        aadlen &= 15u;
        if (aadlen != 0) {
            /* zero padding to a block boundary */
            memcpy(b, aad, aadlen);
            memset(b + aadlen, 0, 16 - aadlen);
            aes_cbcmac_blocks(ks, x, b, 1);
        }
    }
    fips140_wipe(b, sizeof b);
}

/* inc_ctr - the next counter block (the counter field never wraps for legal lengths). */
static void inc_ctr(uint8_t ctr[16])
{
    for (int i = 15; i >= 0; i--)
        if (++ctr[i] != 0)
            break;
}

fips140_status fips140_aes_ccm_init(fips140_aes_ccm_ctx *ctx, const uint8_t *key, size_t keylen)
{
    fips140_status s = fips140_service_begin(CAST_AES_CCM);
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || key == NULL)
        return FIPS140_ERR_NULL;
    if (keylen != 16 && keylen != 24 && keylen != 32)
        return FIPS140_ERR_KEY_LENGTH;
    aes_sched_init_enc(aes_sched_of(&ctx->key), key, keylen);
    ctx->phase = CCM_MAGIC;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_aes_ccm_encrypt(fips140_aes_ccm_ctx *ctx, uint8_t *out, uint8_t *tag, size_t taglen,
                                       const uint8_t *nonce, size_t noncelen, const uint8_t *aad, size_t aadlen,
                                       const uint8_t *in, size_t len)
{
    fips140_status s = fips140_service_begin(CAST_AES_CCM);
    if (s != FIPS140_OK)
        return s;
    s = check_args(ctx, out, tag, taglen, nonce, noncelen, aad, aadlen, in, len);
    if (s != FIPS140_OK)
        return s;
    const aes_sched *ks = aes_sched_of_const(&ctx->key);
    uint8_t x[16], ctr[16], s0[16], b[16];
    mac_header(ks, x, ctr, taglen, nonce, noncelen, aad, aadlen, len);
    aes_encrypt_blocks(ks, s0, ctr, 1); /* §6.1 step 6: S_0 = CIPH_K(Ctr_0) */
    inc_ctr(ctr);
    /* §6.1 steps 4-7: MAC the payload blocks, encrypt with S_1, S_2, ... */
    const size_t nb = len / 16, r = len & 15u;
    ccm_payload_encrypt(ks, x, ctr, out, in, nb);
    if (r != 0) {
        memcpy(b, in + 16 * nb, r);
        memset(b + r, 0, 16 - r);
        aes_cbcmac_blocks(ks, x, b, 1);
        aes_encrypt_blocks(ks, b, ctr, 1);
        for (size_t i = 0; i < r; i++)
            out[16 * nb + i] = (uint8_t)(in[16 * nb + i] ^ b[i]);
    }
    /* §6.1 step 8: C = (P XOR MSB_Plen(S)) || (T XOR MSB_Tlen(S_0)). */
    for (size_t i = 0; i < taglen; i++)
        tag[i] = (uint8_t)(x[i] ^ s0[i]);
    fips140_wipe(x, sizeof x);
    fips140_wipe(ctr, sizeof ctr);
    fips140_wipe(s0, sizeof s0);
    fips140_wipe(b, sizeof b);
    fips140_indicator_approved(taglen >= 8);
    return FIPS140_OK;
}

fips140_status fips140_aes_ccm_decrypt(fips140_aes_ccm_ctx *ctx, uint8_t *out, const uint8_t *nonce, size_t noncelen,
                                       const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len,
                                       const uint8_t *tag, size_t taglen)
{
    fips140_status s = fips140_service_begin(CAST_AES_CCM);
    if (s != FIPS140_OK)
        return s;
    s = check_args(ctx, out, tag, taglen, nonce, noncelen, aad, aadlen, in, len);
    if (s != FIPS140_OK)
        return s;
    const aes_sched *ks = aes_sched_of_const(&ctx->key);
    uint8_t x[16], ctr[16], s0[16], b[16];
    mac_header(ks, x, ctr, taglen, nonce, noncelen, aad, aadlen, len);
    aes_encrypt_blocks(ks, s0, ctr, 1);
    inc_ctr(ctr);
    /* §6.2 steps 5-8: P = C XOR MSB_Clen(S), then the MAC of the formatted N, A, P. */
    const size_t nb = len / 16, r = len & 15u;
    ccm_payload_decrypt(ks, x, ctr, out, in, nb);
    if (r != 0) {
        aes_encrypt_blocks(ks, b, ctr, 1);
        for (size_t i = 0; i < r; i++) {
            b[i] ^= in[16 * nb + i];
            out[16 * nb + i] = b[i];
        }
        memset(b + r, 0, 16 - r);
        aes_cbcmac_blocks(ks, x, b, 1);
    }
    for (size_t i = 0; i < 16; i++)
        x[i] ^= s0[i];
    /* §6.2 step 10: compare T with the received tag in constant time; INVALID releases nothing. */
    const int ok = ct_memeq(x, tag, taglen);
    fips140_wipe(x, sizeof x);
    fips140_wipe(ctr, sizeof ctr);
    fips140_wipe(s0, sizeof s0);
    fips140_wipe(b, sizeof b);
    if (!ok) {
        fips140_wipe(out, len);
        return FIPS140_ERR_AUTH;
    }
    fips140_indicator_approved(taglen >= 8);
    return FIPS140_OK;
}

void fips140_aes_ccm_wipe(fips140_aes_ccm_ctx *ctx)
{
    if (ctx != NULL)
        fips140_wipe(ctx, sizeof *ctx);
}
