/* tests/unit/test_ccm.c - AES-CCM (SP 800-38C) from include/fips140/ccm.h: the SP 800-38C Appendix C examples;
 * random keys, nonce lengths 7..13, every legal tag length, AAD and payload lengths 0..300 (and AAD lengths around
 * the 2^16 - 2^8 encoding switch) against OpenSSL's EVP aes-*-ccm; in-place operation; tag failures zeroing the
 * output; every bad-parameter error with no output written; the service indicator; FIPS140=only refusing short
 * tags (in a child process). */
#include "test_util.h"

#include <openssl/evp.h>

static uint8_t data[1 << 17];
static uint8_t aadbuf[1 << 17];

static const EVP_CIPHER *ccm_cipher(size_t klen)
{
    return klen == 16 ? EVP_aes_128_ccm() : klen == 24 ? EVP_aes_192_ccm() : EVP_aes_256_ccm();
}

/* oracle - OpenSSL CCM encryption: ct (len bytes) and tag. */
static void oracle(uint8_t *ct, uint8_t *tag, size_t taglen, const uint8_t *key, size_t klen, const uint8_t *nonce,
                   size_t nlen, const uint8_t *aad, size_t aadlen, const uint8_t *pt, size_t len)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int outl = 0;
    static uint8_t dummy[16];
    int ok = c != NULL && EVP_EncryptInit_ex(c, ccm_cipher(klen), NULL, NULL, NULL) &&
             EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, (int)nlen, NULL) &&
             EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, (int)taglen, NULL) &&
             EVP_EncryptInit_ex(c, NULL, NULL, key, nonce) && EVP_EncryptUpdate(c, NULL, &outl, NULL, (int)len);
    if (ok && aadlen != 0)
        ok = EVP_EncryptUpdate(c, NULL, &outl, aad, (int)aadlen);
    if (ok)
        ok = EVP_EncryptUpdate(c, len ? ct : dummy, &outl, len ? pt : dummy, (int)len) &&
             EVP_EncryptFinal_ex(c, dummy, &outl) && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, (int)taglen, tag);
    if (!ok) {
        fprintf(stderr, "OpenSSL CCM failed\n");
        abort();
    }
    EVP_CIPHER_CTX_free(c);
}

/* SP 800-38C Appendix C: Examples 1-3 (K = 40..4f; N, A, P = byte counting sequences from 10, 00, 20). */
static void test_kat(void)
{
    static const struct {
        size_t nlen, alen, plen, tlen;
        const char *ct; /* C = ciphertext || tag */
    } ex[] = {
        {7, 8, 4, 4, "7162015b4dac255d"},
        {8, 16, 16, 6, "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd"},
        {12, 20, 24, 8, "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951"},
    };
    uint8_t key[16], n[16], a[32], p[32], want[64], out[32], tag[16], back[32];
    for (int i = 0; i < 16; i++) key[i] = (uint8_t)(0x40 + i), n[i] = (uint8_t)(0x10 + i);
    for (int i = 0; i < 32; i++) a[i] = (uint8_t)i, p[i] = (uint8_t)(0x20 + i);
    fips140_aes_ccm_ctx ctx;
    CHECK_OK(fips140_aes_ccm_init(&ctx, key, 16), "init");
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        size_t wl = tu_unhex(want, sizeof want, ex[i].ct);
        CHECK(wl == ex[i].plen + ex[i].tlen, "example %zu data", i);
        CHECK_OK(fips140_aes_ccm_encrypt(&ctx, out, tag, ex[i].tlen, n, ex[i].nlen, a, ex[i].alen, p, ex[i].plen),
                 "example %zu", i + 1);
        CHECK_MEM(out, want, ex[i].plen, "SP 800-38C example %zu ciphertext", i + 1);
        CHECK_MEM(tag, want + ex[i].plen, ex[i].tlen, "SP 800-38C example %zu tag", i + 1);
        CHECK_OK(fips140_aes_ccm_decrypt(&ctx, back, n, ex[i].nlen, a, ex[i].alen, want, ex[i].plen, want + ex[i].plen,
                                         ex[i].tlen), "example %zu decrypt", i + 1);
        CHECK_MEM(back, p, ex[i].plen, "example %zu decrypt", i + 1);
    }
    fips140_aes_ccm_wipe(&ctx);
}

static void roundtrip(tu_rng *r, size_t klen, size_t nlen, size_t tlen, const uint8_t *aad, size_t alen,
                      const uint8_t *pt, size_t len)
{
    static uint8_t want[2048], got[2048], back[2048];
    uint8_t key[32], nonce[16], wtag[16], tag[16];
    tu_fill(r, key, klen);
    tu_fill(r, nonce, nlen);
    oracle(want, wtag, tlen, key, klen, nonce, nlen, aad, alen, pt, len);
    fips140_aes_ccm_ctx ctx;
    CHECK_OK(fips140_aes_ccm_init(&ctx, key, klen), "init");
    memset(tag, 0, sizeof tag);
    CHECK_OK(fips140_aes_ccm_encrypt(&ctx, got, tag, tlen, nonce, nlen, aad, alen, pt, len), "encrypt");
    CHECK_MEM(got, want, len, "ct klen %zu n %zu t %zu a %zu p %zu", klen, nlen, tlen, alen, len);
    CHECK_MEM(tag, wtag, tlen, "tag klen %zu n %zu t %zu a %zu p %zu", klen, nlen, tlen, alen, len);
    CHECK(tlen == 16 || tag[tlen] == 0, "tag written past taglen");
    CHECK_OK(fips140_aes_ccm_decrypt(&ctx, back, nonce, nlen, aad, alen, want, len, wtag, tlen), "decrypt");
    CHECK_MEM(back, pt, len, "decrypt klen %zu n %zu t %zu a %zu p %zu", klen, nlen, tlen, alen, len);
    /* In place, both ways. */
    memcpy(back, pt, len);
    CHECK_OK(fips140_aes_ccm_encrypt(&ctx, back, tag, tlen, nonce, nlen, aad, alen, back, len), "in place");
    CHECK_MEM(back, want, len, "in-place encrypt");
    CHECK_OK(fips140_aes_ccm_decrypt(&ctx, back, nonce, nlen, aad, alen, back, len, tag, tlen), "in place");
    CHECK_MEM(back, pt, len, "in-place decrypt");
    /* A flipped bit anywhere (ciphertext, tag, AAD, nonce) fails and zeroes the output. */
    int what = (int)tu_below(r, 4);
    uint8_t badtag[16], badnonce[16];
    memcpy(badtag, wtag, 16);
    memcpy(badnonce, nonce, 16);
    memcpy(got, want, len);
    static uint8_t badaad[512];
    const uint8_t *a = aad;
    if (what == 0 && len > 0) got[tu_below(r, len)] ^= (uint8_t)(1u << tu_below(r, 8));
    else if (what == 1 && alen > 0 && alen <= sizeof badaad) {
        memcpy(badaad, aad, alen);
        badaad[tu_below(r, alen)] ^= 0x10;
        a = badaad;
    } else if (what == 2) badnonce[tu_below(r, nlen)] ^= 0x01;
    else badtag[tu_below(r, tlen)] ^= 0x80;
    memset(back, 0x5a, len + 16);
    CHECK_ST(fips140_aes_ccm_decrypt(&ctx, back, badnonce, nlen, a, alen, got, len, badtag, tlen), FIPS140_ERR_AUTH,
             "forgery kind %d", what);
    int zero = 1;
    for (size_t i = 0; i < len; i++) zero &= back[i] == 0;
    CHECK(zero && back[len] == 0x5a, "failed decrypt must zero exactly the output");
    fips140_aes_ccm_wipe(&ctx);
}

static void test_vs_openssl(void)
{
    tu_rng r = {0xcc3};
    for (size_t klen = 16; klen <= 32; klen += 8)
        for (size_t nlen = 7; nlen <= 13; nlen++)
            for (size_t tlen = 4; tlen <= 16; tlen += 2)
                for (int k = 0; k < 12; k++) {
                    size_t alen = k < 2 ? (size_t)k * 14 : tu_below(&r, 301);
                    size_t len = k == 2 ? 0 : tu_below(&r, 301);
                    roundtrip(&r, klen, nlen, tlen, aadbuf + tu_below(&r, 16), alen, data + tu_below(&r, 16), len);
                }
    /* Every payload length 0..300 and AAD length 0..40 (the header block boundaries) at one setting each. */
    for (size_t len = 0; len <= 300; len++)
        roundtrip(&r, 16, 12, 16, aadbuf, len % 41, data, len);
    /* Long payloads (the fast path's long loop), and AAD around the §A.2.2 encoding switch at 2^16 - 2^8. */
    roundtrip(&r, 16, 13, 16, aadbuf, 0, data, 2000);
    roundtrip(&r, 32, 7, 8, aadbuf, 100, data, 1999);
    static const size_t big[] = {0xfeff, 0xff00, 0xff01, 0x10000, 0x1ffff};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
        roundtrip(&r, 24, 11, 12, aadbuf, big[i], data, 33);
}

static int all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v) return 0;
    return 1;
}

/* bad - one failing call in each direction: expected error and nothing written. */
static void bad(fips140_aes_ccm_ctx *ctx, fips140_status want, size_t tlen, const uint8_t *nonce, size_t nlen,
                size_t len, const char *what)
{
    static uint8_t out[70000];
    uint8_t tag[32];
    memset(out, 0xa5, len < sizeof out ? len + 16 : sizeof out);
    memset(tag, 0xa5, sizeof tag);
    CHECK_ST(fips140_aes_ccm_encrypt(ctx, out, tag, tlen, nonce, nlen, aadbuf, 5, data, len), want, "enc %s", what);
    CHECK(all_bytes(out, len < sizeof out ? len + 16 : sizeof out, 0xa5) && all_bytes(tag, sizeof tag, 0xa5),
          "enc %s wrote output", what);
    CHECK_ST(fips140_aes_ccm_decrypt(ctx, out, nonce, nlen, aadbuf, 5, data, len, tag, tlen), want, "dec %s", what);
    CHECK(all_bytes(out, len < sizeof out ? len + 16 : sizeof out, 0xa5), "dec %s wrote output", what);
}

static void test_errors(void)
{
    uint8_t key[32] = {7}, nonce[16] = {1}, out[32], tag[16];
    fips140_aes_ccm_ctx ctx;
    static const size_t badk[] = {0, 1, 15, 17, 31, 33};
    for (size_t i = 0; i < sizeof badk / sizeof badk[0]; i++)
        CHECK_ST(fips140_aes_ccm_init(&ctx, key, badk[i]), FIPS140_ERR_KEY_LENGTH, "keylen %zu", badk[i]);
    CHECK_ST(fips140_aes_ccm_init(NULL, key, 16), FIPS140_ERR_NULL, "ctx NULL");
    CHECK_ST(fips140_aes_ccm_init(&ctx, NULL, 16), FIPS140_ERR_NULL, "key NULL");
    CHECK_OK(fips140_aes_ccm_init(&ctx, key, 16), "init");
    static const size_t badn[] = {0, 1, 6, 14, 15, 16};
    for (size_t i = 0; i < sizeof badn / sizeof badn[0]; i++)
        bad(&ctx, FIPS140_ERR_IV_LENGTH, 16, nonce, badn[i], 20, "nonce length");
    static const size_t badt[] = {0, 1, 2, 3, 5, 7, 9, 15, 17, 18, 32};
    for (size_t i = 0; i < sizeof badt / sizeof badt[0]; i++)
        bad(&ctx, FIPS140_ERR_TAG_LENGTH, badt[i], nonce, 12, 20, "tag length");
    /* §A.1: payload < 2^(8q) bytes: q = 2 (13-byte nonce) allows 65535. */
    bad(&ctx, FIPS140_ERR_DATA_LENGTH, 16, nonce, 13, 65536, "payload over 2^16 - 1 with q = 2");
    bad(&ctx, FIPS140_ERR_DATA_LENGTH, 16, nonce, 13, 65536 + 17, "payload over 2^16 - 1 with q = 2");
    static uint8_t big[65535];
    CHECK_OK(fips140_aes_ccm_encrypt(&ctx, big, tag, 16, nonce, 13, NULL, 0, big, sizeof big), "65535 with q = 2");
    CHECK_OK(fips140_aes_ccm_decrypt(&ctx, big, nonce, 13, NULL, 0, big, sizeof big, tag, 16), "65535 with q = 2");
    /* NULL pointers. */
    CHECK_ST(fips140_aes_ccm_encrypt(NULL, out, tag, 16, nonce, 12, NULL, 0, data, 3), FIPS140_ERR_NULL, "ctx");
    CHECK_ST(fips140_aes_ccm_encrypt(&ctx, NULL, tag, 16, nonce, 12, NULL, 0, data, 3), FIPS140_ERR_NULL, "out");
    CHECK_ST(fips140_aes_ccm_encrypt(&ctx, out, NULL, 16, nonce, 12, NULL, 0, data, 3), FIPS140_ERR_NULL, "tag");
    CHECK_ST(fips140_aes_ccm_encrypt(&ctx, out, tag, 16, NULL, 12, NULL, 0, data, 3), FIPS140_ERR_NULL, "nonce");
    CHECK_ST(fips140_aes_ccm_encrypt(&ctx, out, tag, 16, nonce, 12, NULL, 1, data, 3), FIPS140_ERR_NULL, "aad");
    CHECK_ST(fips140_aes_ccm_encrypt(&ctx, out, tag, 16, nonce, 12, NULL, 0, NULL, 3), FIPS140_ERR_NULL, "in");
    CHECK_ST(fips140_aes_ccm_decrypt(NULL, out, nonce, 12, NULL, 0, data, 3, tag, 16), FIPS140_ERR_NULL, "ctx");
    CHECK_ST(fips140_aes_ccm_decrypt(&ctx, NULL, nonce, 12, NULL, 0, data, 3, tag, 16), FIPS140_ERR_NULL, "out");
    CHECK_ST(fips140_aes_ccm_decrypt(&ctx, out, NULL, 12, NULL, 0, data, 3, tag, 16), FIPS140_ERR_NULL, "nonce");
    CHECK_ST(fips140_aes_ccm_decrypt(&ctx, out, nonce, 12, NULL, 2, data, 3, tag, 16), FIPS140_ERR_NULL, "aad");
    CHECK_ST(fips140_aes_ccm_decrypt(&ctx, out, nonce, 12, NULL, 0, NULL, 3, tag, 16), FIPS140_ERR_NULL, "in");
    CHECK_ST(fips140_aes_ccm_decrypt(&ctx, out, nonce, 12, NULL, 0, data, 3, NULL, 16), FIPS140_ERR_NULL, "tag");
    /* Empty payload and AAD with NULL pointers is fine. */
    CHECK_OK(fips140_aes_ccm_encrypt(&ctx, NULL, tag, 16, nonce, 12, NULL, 0, NULL, 0), "empty");
    CHECK_OK(fips140_aes_ccm_decrypt(&ctx, NULL, nonce, 12, NULL, 0, NULL, 0, tag, 16), "empty");
    /* Use after wipe. */
    fips140_aes_ccm_wipe(&ctx);
    fips140_aes_ccm_wipe(NULL);
    CHECK(all_bytes((const uint8_t *)&ctx, sizeof ctx, 0), "wipe zeroes the context");
    bad(&ctx, FIPS140_ERR_STATE, 16, nonce, 12, 20, "after wipe");
}

static void test_indicator(void)
{
    uint8_t key[16] = {3}, nonce[13] = {2}, out[40], tag[16];
    fips140_aes_ccm_ctx ctx;
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_ccm_init(&ctx, key, 16), "init");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "init indicator");
    for (size_t tl = 4; tl <= 16; tl += 2) {
        fips140_indicator want = tl >= 8 ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED;
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_ccm_encrypt(&ctx, out, tag, tl, nonce, 10, data, 9, data, 40), "enc");
        CHECK(fips140_indicator_get() == want, "encrypt tag %zu indicator %d", tl, (int)fips140_indicator_get());
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_ccm_decrypt(&ctx, out, nonce, 10, data, 9, out, 40, tag, tl), "dec");
        CHECK(fips140_indicator_get() == want, "decrypt tag %zu indicator %d", tl, (int)fips140_indicator_get());
        tag[0] ^= 1;
        fips140_indicator_clear();
        CHECK_ST(fips140_aes_ccm_decrypt(&ctx, out, nonce, 10, data, 9, out, 40, tag, tl), FIPS140_ERR_AUTH, "bad");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "failed decrypt sets no indicator");
    }
    fips140_aes_ccm_wipe(&ctx);
}

/* FIPS140=only (fresh process): tags of 4 and 6 bytes refused naming the rule, nothing written; 8+ approved. */
static int only_mode_child(void *arg)
{
    (void)arg;
    int nbad = 0;
    uint8_t key[16] = {1}, nonce[12] = {2}, out[32], tag[16];
    fips140_aes_ccm_ctx ctx;
    nbad += fips140_get_mode() != FIPS140_MODE_ONLY;
    nbad += fips140_aes_ccm_init(&ctx, key, 16) != FIPS140_OK;
    for (size_t tl = 4; tl < 8; tl += 2) {
        memset(out, 0xa5, sizeof out);
        memset(tag, 0xa5, sizeof tag);
        nbad += fips140_aes_ccm_encrypt(&ctx, out, tag, tl, nonce, 12, NULL, 0, data, 32) != FIPS140_ERR_NOT_APPROVED;
        nbad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SP 800-38C Appendix B") == NULL;
        nbad += fips140_aes_ccm_decrypt(&ctx, out, nonce, 12, NULL, 0, data, 32, tag, tl) != FIPS140_ERR_NOT_APPROVED;
        nbad += !all_bytes(out, sizeof out, 0xa5) || !all_bytes(tag, sizeof tag, 0xa5);
    }
    fips140_indicator_clear();
    nbad += fips140_aes_ccm_encrypt(&ctx, out, tag, 8, nonce, 12, NULL, 0, data, 32) != FIPS140_OK;
    nbad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    nbad += fips140_aes_ccm_decrypt(&ctx, out, nonce, 12, NULL, 0, out, 32, tag, 8) != FIPS140_OK;
    nbad += memcmp(out, data, 32) != 0;
    fips140_aes_ccm_wipe(&ctx);
    return nbad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_mode_child(NULL));
    TU_CHECK_CHILD("only", "only");

    tu_print_paths("test_ccm");
    tu_rng rng = {0x43434d};
    tu_fill(&rng, data, sizeof data);
    tu_fill(&rng, aadbuf, sizeof aadbuf);

    test_kat();
    test_vs_openssl();
    test_errors();
    test_indicator();
    return tu_done();
}
