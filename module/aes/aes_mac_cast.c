/* module/aes/aes_mac_cast.c - the CASTs (FIPS 140-3 IG 10.3.A) of CMAC-AES (SP 800-38B), GMAC (SP 800-38D) and
 * AES-CCM (SP 800-38C). Each goes through the public service (the lazy-CAST gate is bypassed while a CAST runs)
 * and compares with a published or independently computed answer, generating and verifying. */
#include <string.h>
#include <fips140/cmac.h>
#include <fips140/ccm.h>
#include "../core/internal.h"

/* CMAC-AES: SP 800-38B Appendix D.1 Example 3 (also RFC 4493 §4 Example 3): AES-128, Mlen = 320 bits (a partial
 * last block, so K2 is exercised), Tlen = 128. */
int fips140_cast_cmac(void)
{
    static const uint8_t key[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                    0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
    static const uint8_t msg[40] = {0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93,
                                    0x17, 0x2a, 0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c, 0x9e, 0xb7, 0x6f, 0xac,
                                    0x45, 0xaf, 0x8e, 0x51, 0x30, 0xc8, 0x1c, 0x46, 0xa3, 0x5c, 0xe4, 0x11};
    static const uint8_t mac[16] = {0xdf, 0xa6, 0x67, 0x47, 0xde, 0x9a, 0xe6, 0x30,
                                    0x30, 0xca, 0x32, 0x61, 0x14, 0x97, 0xc8, 0x27};
    uint8_t out[16];
    int bad = 0;
    bad |= fips140_cmac(out, sizeof out, key, sizeof key, msg, sizeof msg) != FIPS140_OK;
    bad |= memcmp(out, mac, sizeof mac) != 0;
    fips140_cmac_ctx ctx;
    bad |= fips140_cmac_init(&ctx, key, sizeof key) != FIPS140_OK;
    bad |= fips140_cmac_update(&ctx, msg, sizeof msg) != FIPS140_OK;
    bad |= fips140_cmac_verify_final(&ctx, mac, sizeof mac) != FIPS140_OK;
    fips140_cmac_wipe(&ctx);
    fips140_wipe(out, sizeof out);
    return bad;
}

/* GMAC: AES-256, 96-bit IV, 40 bytes of data (a partial last block), 128-bit tag. Answer computed with OpenSSL
 * 3.0 (`openssl mac -cipher AES-256-GCM -macopt hexkey:603deb10... -macopt hexiv:cafebabefacedbaddecaf888 GMAC`
 * over the bytes 00 01 .. 27); the key is SP 800-38A's AES-256 sample key, the IV that of the GCM spec's tests. */
int fips140_cast_gmac(void)
{
    static const uint8_t key[32] = {0x60, 0x3d, 0xeb, 0x10, 0x15, 0xca, 0x71, 0xbe, 0x2b, 0x73, 0xae,
                                    0xf0, 0x85, 0x7d, 0x77, 0x81, 0x1f, 0x35, 0x2c, 0x07, 0x3b, 0x61,
                                    0x08, 0xd7, 0x2d, 0x98, 0x10, 0xa3, 0x09, 0x14, 0xdf, 0xf4};
    static const uint8_t iv[12] = {0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88};
    static const uint8_t tag[16] = {0x95, 0xa3, 0x7d, 0x1f, 0xf9, 0x5c, 0x02, 0x3c,
                                    0xef, 0x53, 0x34, 0x48, 0x0c, 0x2c, 0x16, 0x77};
    uint8_t msg[40], out[16];
    for (unsigned i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)i;
    int bad = 0;
    bad |= fips140_gmac(out, sizeof out, key, sizeof key, iv, sizeof iv, msg, sizeof msg) != FIPS140_OK;
    bad |= memcmp(out, tag, sizeof tag) != 0;
    fips140_gmac_ctx ctx;
    bad |= fips140_gmac_init(&ctx, key, sizeof key) != FIPS140_OK;
    bad |= fips140_gmac_start(&ctx, iv, sizeof iv) != FIPS140_OK;
    bad |= fips140_gmac_update(&ctx, msg, sizeof msg) != FIPS140_OK;
    bad |= fips140_gmac_verify(&ctx, tag, sizeof tag) != FIPS140_OK;
    fips140_gmac_wipe(&ctx);
    return bad;
}

/* AES-CCM: SP 800-38C Appendix C.3 Example 3: AES-128 K = 40..4f, 12-byte nonce 10..1b, 20 bytes of AAD 00..13,
 * 24-byte payload 20..37, Tlen = 64 bits. Encryption and decryption-verification. */
int fips140_cast_aes_ccm(void)
{
    static const uint8_t want[32] = {0xe3, 0xb2, 0x01, 0xa9, 0xf5, 0xb7, 0x1a, 0x7a, 0x9b, 0x1c, 0xea,
                                     0xec, 0xcd, 0x97, 0xe7, 0x0b, 0x61, 0x76, 0xaa, 0xd9, 0xa4, 0x42,
                                     0x8a, 0xa5, 0x48, 0x43, 0x92, 0xfb, 0xc1, 0xb0, 0x99, 0x51};
    uint8_t key[16], nonce[12], aad[20], pt[24], ct[24], tag[8], back[24];
    for (unsigned i = 0; i < 16; i++) key[i] = (uint8_t)(0x40 + i);
    for (unsigned i = 0; i < 12; i++) nonce[i] = (uint8_t)(0x10 + i);
    for (unsigned i = 0; i < 20; i++) aad[i] = (uint8_t)i;
    for (unsigned i = 0; i < 24; i++) pt[i] = (uint8_t)(0x20 + i);
    int bad = 0;
    fips140_aes_ccm_ctx ctx;
    bad |= fips140_aes_ccm_init(&ctx, key, sizeof key) != FIPS140_OK;
    bad |= fips140_aes_ccm_encrypt(&ctx, ct, tag, sizeof tag, nonce, sizeof nonce, aad, sizeof aad, pt, sizeof pt) !=
           FIPS140_OK;
    bad |= memcmp(ct, want, 24) != 0 || memcmp(tag, want + 24, 8) != 0;
    bad |= fips140_aes_ccm_decrypt(&ctx, back, nonce, sizeof nonce, aad, sizeof aad, want, 24, want + 24, 8) !=
           FIPS140_OK;
    bad |= memcmp(back, pt, sizeof pt) != 0;
    fips140_aes_ccm_wipe(&ctx);
    fips140_wipe(back, sizeof back);
    return bad;
}
