/* module/aes/xts.c - XTS-AES (NIST SP 800-38E, IEEE Std 1619-2018 §5), public services fips140_aes_xts_*.
 *
 * Key = Key1 || Key2 (IEEE 1619 §5.1): Key1 encrypts the data, Key2 the 128-bit tweak i. T_0 = CIPH_Key2(i),
 * T_(j+1) = T_j * alpha (§5.2); block j is C_j = CIPH_Key1(P_j ^ T_j) ^ T_j (§5.3.1). A partial last block uses
 * ciphertext stealing (§5.3.2 encryption, §5.4.2 decryption). Whole blocks go to the fastest bulk path chosen at
 * init (xts_vaes.c, xts_ni.c, or xts_portable_blocks below); the stealing step reuses the same path one block at a
 * time. Nothing depends on secret data except the AES inputs: the tweak update is branch-free. */
#include <string.h>
#include "xts_internal.h"
#include <fips140/xts.h>
#include "../core/ct.h"

#define XTS_MAGIC 0x58545300u      /* "XTS": fips140_aes_xts_init has run; the low byte is the path */
#define XTS_PATH_PORTABLE 0u
#define XTS_PATH_NI 1u
#define XTS_PATH_VAES 2u
#define XTS_MAX_LEN ((size_t)1 << 24) /* SP 800-38E §4: at most 2^20 blocks of 16 bytes per data unit */
#define XTS_BATCH 8                   /* blocks per aes_*_blocks call on the portable path */

/* xts_portable_blocks - SP 800-38E via the block dispatchers: XOR the tweaks of a batch, one ECB call, XOR again. */
void xts_portable_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t tweak[16],
                         int enc)
{
    uint8_t tw[XTS_BATCH][16], buf[XTS_BATCH * 16];
    while (nblocks > 0) {
        const size_t n = nblocks < XTS_BATCH ? nblocks : XTS_BATCH;
        for (size_t j = 0; j < n; j++) {
            memcpy(tw[j], tweak, 16);
            for (size_t b = 0; b < 16; b++)
                buf[16 * j + b] = (uint8_t)(in[16 * j + b] ^ tweak[b]); /* §5.3.1 step PP = P ^ T */
            xts_mul_alpha(tweak);
        }
        if (enc)
            aes_encrypt_blocks(ks, buf, buf, n);
        else
            aes_decrypt_blocks(ks, buf, buf, n);
        for (size_t j = 0; j < n; j++)
            for (size_t b = 0; b < 16; b++)
                out[16 * j + b] = (uint8_t)(buf[16 * j + b] ^ tw[j][b]); /* C = CC ^ T */
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    fips140_wipe(tw, sizeof tw);
    fips140_wipe(buf, sizeof buf);
}

/* xts_blocks - the bulk path recorded in the context. */
static void xts_blocks(const fips140_aes_xts_ctx *ctx, uint8_t *out, const uint8_t *in, size_t nblocks,
                       uint8_t tweak[16], int enc)
{
    const aes_sched *ks = aes_sched_of_const(&ctx->data_key);
    if (nblocks == 0)
        return;
#if FIPS140_X86_64
    switch (ctx->phase & 0xFFu) {
    case XTS_PATH_VAES: xts_vaes_blocks(ks, out, in, nblocks, tweak, enc); return;
    case XTS_PATH_NI: xts_ni_blocks(ks, out, in, nblocks, tweak, enc); return;
    default: break;
    }
#endif
    xts_portable_blocks(ks, out, in, nblocks, tweak, enc);
}

fips140_status fips140_aes_xts_init(fips140_aes_xts_ctx *ctx, const uint8_t *key, size_t keylen)
{
    fips140_status st = fips140_service_begin(CAST_AES_XTS);
    if (st != FIPS140_OK)
        return st;
    if (ctx == NULL || key == NULL)
        return FIPS140_ERR_NULL;
    if (keylen != 32 && keylen != 64)
        return FIPS140_ERR_KEY_LENGTH; /* SP 800-38E §1: XTS-AES-128 and XTS-AES-256 only */
    const size_t half = keylen / 2;
    if (ct_memeq(key, key + half, half))
        return FIPS140_ERR_ARG; /* FIPS 140-3 IG C.I: Key1 and Key2 must differ */
    aes_sched_init(aes_sched_of(&ctx->data_key), key, half);
    aes_sched_init_enc(aes_sched_of(&ctx->tweak_key), key + half, half);
    uint32_t path = XTS_PATH_PORTABLE;
#if FIPS140_X86_64
    const aes_sched *ks = aes_sched_of_const(&ctx->data_key);
    if (ks->use_vaes && cpu_has(FIPS140_CPU_AVX512F | FIPS140_CPU_VAES | FIPS140_CPU_AVX2))
        path = XTS_PATH_VAES;
    else if (ks->use_ni)
        path = XTS_PATH_NI;
#endif
    ctx->phase = XTS_MAGIC | path;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

/* xts_crypt - one data unit (IEEE 1619 §5.3.2 / §5.4.2). Arguments are checked before anything is written. */
static fips140_status xts_crypt(const fips140_aes_xts_ctx *ctx, uint8_t *out, const uint8_t *in, size_t len,
                                const uint8_t tweak[16], int enc)
{
    fips140_status st = fips140_service_begin(CAST_AES_XTS);
    if (st != FIPS140_OK)
        return st;
    if (ctx == NULL || out == NULL || in == NULL || tweak == NULL)
        return FIPS140_ERR_NULL;
    if ((ctx->phase & ~0xFFu) != XTS_MAGIC)
        return FIPS140_ERR_STATE;
    if (len < 16 || len > XTS_MAX_LEN)
        return FIPS140_ERR_DATA_LENGTH;

    const size_t m = len / 16, r = len % 16;
    uint8_t t[16], tlast[16], last[16], pp[16];
    aes_encrypt_blocks(aes_sched_of_const(&ctx->tweak_key), t, tweak, 1); /* T = CIPH_Key2(i) */
    if (r == 0) {
        xts_blocks(ctx, out, in, m, t, enc);
    } else if (enc) {
        /* §5.3.2: CC = XTS-block(P_(m-1), T_(m-1)); C_m = first r bytes of CC; PP = P_m || rest of CC;
         * C_(m-1) = XTS-block(PP, T_m). P_m is read before C_m overwrites it (out may equal in). */
        memcpy(last, in + 16 * m, r);
        xts_blocks(ctx, out, in, m, t, 1); /* t is now T_m */
        uint8_t *cc = out + 16 * (m - 1);
        memcpy(pp, last, r);
        memcpy(pp + r, cc + r, 16 - r);
        memcpy(out + 16 * m, cc, r);
        xts_blocks(ctx, cc, pp, 1, t, 1);
        fips140_wipe(last, sizeof last);
        fips140_wipe(pp, sizeof pp);
    } else {
        /* §5.4.2: PP = XTS-block^-1(C_(m-1), T_m); P_m = first r bytes of PP; CC = C_m || rest of PP;
         * P_(m-1) = XTS-block^-1(CC, T_(m-1)). */
        memcpy(last, in + 16 * m, r);
        xts_blocks(ctx, out, in, m - 1, t, 0); /* t is now T_(m-1) */
        memcpy(tlast, t, 16);
        xts_mul_alpha(t); /* T_m */
        xts_blocks(ctx, pp, in + 16 * (m - 1), 1, t, 0);
        memcpy(last + r, pp + r, 16 - r);
        memcpy(out + 16 * m, pp, r);
        xts_blocks(ctx, out + 16 * (m - 1), last, 1, tlast, 0);
        fips140_wipe(tlast, sizeof tlast);
        fips140_wipe(last, sizeof last);
        fips140_wipe(pp, sizeof pp);
    }
    fips140_wipe(t, sizeof t); /* the stealing branches wiped their own buffers */
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_aes_xts_encrypt(const fips140_aes_xts_ctx *ctx, uint8_t *out, const uint8_t *in, size_t len,
                                       const uint8_t tweak[16])
{
    return xts_crypt(ctx, out, in, len, tweak, 1);
}

fips140_status fips140_aes_xts_decrypt(const fips140_aes_xts_ctx *ctx, uint8_t *out, const uint8_t *in, size_t len,
                                       const uint8_t tweak[16])
{
    return xts_crypt(ctx, out, in, len, tweak, 0);
}

void fips140_aes_xts_wipe(fips140_aes_xts_ctx *ctx)
{
    if (ctx != NULL)
        fips140_wipe(ctx, sizeof *ctx);
}
