/* tests/unit/test_gcm.c - AES-GCM (include/fips140/aes.h, SP 800-38D): known answers from McGrew & Viega's GCM
 * specification (test cases 1-4); vs OpenSSL for every key size, IV lengths 1, 8, 12, 16, 60, AAD 0..100 bytes,
 * plaintext 0..600 bytes and tag lengths 4..16, one-shot and in place; streaming with every split point of the
 * AAD and of the data, and random chunks; decryption of a message with one flipped bit in the tag, ciphertext,
 * AAD or IV gives FIPS140_ERR_AUTH and a zeroed output; errors (IV, tag, key and data lengths, call order, NULL);
 * the service indicator (encryption with a caller IV is non-approved; decryption approved for tags 4, 8, 12..16). */
#include "test_util.h"

#include <openssl/evp.h>

static const size_t klens[3] = {16, 24, 32};
static const size_t ivlens[5] = {1, 8, 12, 16, 60};
static uint8_t data[2048 + 8];
static uint8_t keybytes[32], ivbytes[64], aadbytes[128];

/* ossl_seal - OpenSSL's GCM encryption: ct (len bytes) and tag (taglen). */
static void ossl_seal(size_t kl, const uint8_t *iv, size_t ivlen, const uint8_t *aad, size_t aadlen, const uint8_t *pt,
                      size_t len, uint8_t *ct, uint8_t *tag, size_t taglen)
{
    char name[32];
    snprintf(name, sizeof name, "AES-%zu-GCM", kl * 8);
    EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int n = 0, ok = c && x && EVP_EncryptInit_ex(x, c, NULL, NULL, NULL) == 1 &&
                    EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_IVLEN, (int)ivlen, NULL) == 1 &&
                    EVP_EncryptInit_ex(x, NULL, NULL, keybytes, iv) == 1;
    if (ok && aadlen) ok = EVP_EncryptUpdate(x, NULL, &n, aad, (int)aadlen) == 1;
    if (ok && len) ok = EVP_EncryptUpdate(x, ct, &n, pt, (int)len) == 1 && (size_t)n == len;
    ok = ok && EVP_EncryptFinal_ex(x, ct + len, &n) == 1 &&
         EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_GET_TAG, (int)taglen, tag) == 1;
    EVP_CIPHER_CTX_free(x);
    EVP_CIPHER_free(c);
    if (!ok) {
        fprintf(stderr, "OpenSSL %s failed\n", name);
        abort();
    }
}

static void test_kat(void)
{
    /* McGrew & Viega, "The Galois/Counter Mode of Operation", Appendix B, test cases 1-4 (AES-128). */
    static const struct {
        const char *key, *iv, *aad, *pt, *ct, *tag;
    } v[4] = {
        {"00000000000000000000000000000000", "000000000000000000000000", "", "", "",
         "58e2fccefa7e3061367f1d57a4e7455a"},
        {"00000000000000000000000000000000", "000000000000000000000000", "", "00000000000000000000000000000000",
         "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
        {"feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "",
         "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
         "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
         "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
         "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
         "4d5c2af327cd64a62cf35abd2ba6fab4"},
        {"feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
         "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
         "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
         "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
         "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
         "5bc94fbc3221a5db94fae95ae7121a47"},
    };
    for (int i = 0; i < 4; i++) {
        uint8_t k[16], iv[12], aad[32], pt[64], ct[64], tag[16], got[64], gtag[16];
        tu_unhex(k, sizeof k, v[i].key);
        size_t ivl = tu_unhex(iv, sizeof iv, v[i].iv), al = tu_unhex(aad, sizeof aad, v[i].aad);
        size_t pl = tu_unhex(pt, sizeof pt, v[i].pt);
        tu_unhex(ct, sizeof ct, v[i].ct);
        tu_unhex(tag, sizeof tag, v[i].tag);
        fips140_aes_gcm_ctx ctx;
        CHECK_OK(fips140_aes_gcm_init(&ctx, k, 16), "init");
        CHECK_OK(fips140_aes_gcm_encrypt(&ctx, got, gtag, 16, iv, ivl, aad, al, pt, pl), "encrypt tc %d", i + 1);
        CHECK_MEM(got, ct, pl, "GCM spec test case %d ciphertext", i + 1);
        CHECK_MEM(gtag, tag, 16, "GCM spec test case %d tag", i + 1);
        CHECK_OK(fips140_aes_gcm_decrypt(&ctx, got, iv, ivl, aad, al, ct, pl, tag, 16), "decrypt tc %d", i + 1);
        CHECK_MEM(got, pt, pl, "GCM spec test case %d decryption", i + 1);
        fips140_wipe(&ctx, sizeof ctx);
    }
}

/* check_one - one message vs OpenSSL: one-shot encrypt, decrypt, in place. */
static void check_one(fips140_aes_gcm_ctx *ctx, size_t kl, size_t ivlen, size_t aadlen, size_t len, size_t taglen)
{
    static uint8_t want[2100], got[2100];
    uint8_t wtag[16], gtag[16];
    const uint8_t *pt = data + len % 5;
    ossl_seal(kl, ivbytes, ivlen, aadbytes, aadlen, pt, len, want, wtag, taglen);
    memset(gtag, 0, sizeof gtag);
    CHECK_OK(fips140_aes_gcm_encrypt(ctx, got, gtag, taglen, ivbytes, ivlen, aadbytes, aadlen, pt, len),
             "encrypt k%zu iv%zu aad%zu len%zu tag%zu", kl, ivlen, aadlen, len, taglen);
    CHECK(memcmp(got, want, len) == 0 && memcmp(gtag, wtag, taglen) == 0,
          "AES-%zu-GCM encrypt: iv %zu, aad %zu, pt %zu, tag %zu bytes differ from OpenSSL", kl * 8, ivlen, aadlen,
          len, taglen);
    CHECK_OK(fips140_aes_gcm_decrypt(ctx, got, ivbytes, ivlen, aadbytes, aadlen, want, len, wtag, taglen),
             "decrypt k%zu iv%zu aad%zu len%zu tag%zu", kl, ivlen, aadlen, len, taglen);
    CHECK_MEM(got, pt, len, "AES-%zu-GCM decrypt: iv %zu, aad %zu, pt %zu", kl * 8, ivlen, aadlen, len);
    memcpy(got, pt, len);
    CHECK_OK(fips140_aes_gcm_encrypt(ctx, got, gtag, taglen, ivbytes, ivlen, aadbytes, aadlen, got, len), "in place");
    CHECK(memcmp(got, want, len) == 0 && memcmp(gtag, wtag, taglen) == 0,
          "AES-%zu-GCM in-place encrypt: iv %zu, aad %zu, pt %zu", kl * 8, ivlen, aadlen, len);
    CHECK_OK(fips140_aes_gcm_decrypt(ctx, got, ivbytes, ivlen, aadbytes, aadlen, got, len, wtag, taglen), "in place");
    CHECK_MEM(got, pt, len, "AES-%zu-GCM in-place decrypt: iv %zu, aad %zu, pt %zu", kl * 8, ivlen, aadlen, len);
}

static void test_vs_openssl(void)
{
    for (int ki = 0; ki < 3; ki++) {
        size_t kl = klens[ki];
        fips140_aes_gcm_ctx ctx;
        CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, kl), "init %zu", kl);
        for (int ii = 0; ii < 5; ii++)
            for (size_t len = 0; len <= 600; len++)
                check_one(&ctx, kl, ivlens[ii], (len * 7 + (size_t)ii) % 101, len, 4 + (len + (size_t)ii) % 13);
        for (size_t aad = 0; aad <= 100; aad++) {
            check_one(&ctx, kl, 12, aad, 0, 16);
            check_one(&ctx, kl, 12, aad, 33, 16);
        }
        for (size_t t = 4; t <= 16; t++)
            for (int ii = 0; ii < 5; ii++) check_one(&ctx, kl, ivlens[ii], 20, 64, t);
        /* Long messages for the wide (8- and 16-block) loops. */
        static const size_t longs[] = {1024, 1025, 1535, 1536, 2000, 2040};
        for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++) check_one(&ctx, kl, 12, 77, longs[i], 16);
        fips140_wipe(&ctx, sizeof ctx);
    }
}

/* stream - encrypt (dir 1) or decrypt (dir 0) through start / aad* / update* / finish|verify, with the AAD cut at
 * acut and the data at the cuts given. */
static fips140_status stream(fips140_aes_gcm_ctx *ctx, int dir, uint8_t *out, uint8_t *tag, const uint8_t *in,
                             size_t len, size_t aadlen, size_t acut, const size_t *cuts, size_t ncuts)
{
    fips140_status st = fips140_aes_gcm_start(ctx, dir, ivbytes, 12);
    if (st == FIPS140_OK) st = fips140_aes_gcm_aad(ctx, aadbytes, acut);
    if (st == FIPS140_OK) st = fips140_aes_gcm_aad(ctx, aadbytes + acut, aadlen - acut);
    size_t pos = 0;
    for (size_t i = 0; i <= ncuts && st == FIPS140_OK; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        st = fips140_aes_gcm_update(ctx, out + pos, in + pos, end - pos);
        pos = end;
    }
    if (st == FIPS140_OK)
        st = dir == FIPS140_GCM_ENCRYPT ? fips140_aes_gcm_finish(ctx, tag, 16) : fips140_aes_gcm_verify(ctx, tag, 16);
    return st;
}

static void test_streaming(void)
{
    static uint8_t want[1024], got[1024];
    uint8_t wtag[16], gtag[16];
    tu_rng rng = {5};
    for (int ki = 0; ki < 3; ki++) {
        size_t kl = klens[ki];
        fips140_aes_gcm_ctx ctx;
        CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, kl), "init");
        ossl_seal(kl, ivbytes, 12, aadbytes, 40, data, 100, want, wtag, 16);
        /* Every AAD split (data in one piece), every data split (2- and 3-way), both directions. */
        for (size_t a = 0; a <= 40; a++) {
            CHECK(stream(&ctx, 1, got, gtag, data, 100, 40, a, NULL, 0) == FIPS140_OK &&
                      memcmp(got, want, 100) == 0 && memcmp(gtag, wtag, 16) == 0,
                  "AES-%zu-GCM AAD split at %zu", kl * 8, a);
            CHECK(stream(&ctx, 0, got, wtag, want, 100, 40, a, NULL, 0) == FIPS140_OK && memcmp(got, data, 100) == 0,
                  "AES-%zu-GCM decrypt AAD split at %zu", kl * 8, a);
        }
        for (size_t i = 0; i <= 100; i++) {
            CHECK(stream(&ctx, 1, got, gtag, data, 100, 40, 17, &i, 1) == FIPS140_OK &&
                      memcmp(got, want, 100) == 0 && memcmp(gtag, wtag, 16) == 0,
                  "AES-%zu-GCM data split at %zu", kl * 8, i);
            CHECK(stream(&ctx, 0, got, wtag, want, 100, 40, 17, &i, 1) == FIPS140_OK && memcmp(got, data, 100) == 0,
                  "AES-%zu-GCM decrypt data split at %zu", kl * 8, i);
            size_t bad = SIZE_MAX;
            for (size_t j = i; j <= 100 && bad == SIZE_MAX; j++) {
                size_t cuts[2] = {i, j};
                if (stream(&ctx, 1, got, gtag, data, 100, 40, 0, cuts, 2) != FIPS140_OK ||
                    memcmp(got, want, 100) != 0 || memcmp(gtag, wtag, 16) != 0)
                    bad = j;
            }
            CHECK(bad == SIZE_MAX, "AES-%zu-GCM data split (%zu, %zu)", kl * 8, i, bad);
        }
        /* Random chunks: several AAD calls (some empty), then data in random pieces (some empty). */
        for (int rep = 0; rep < 40; rep++) {
            size_t aadlen = tu_below(&rng, 120), len = tu_below(&rng, 1024);
            ossl_seal(kl, ivbytes, 12, aadbytes, aadlen, data, len, want, wtag, 16);
            for (int dir = 1; dir >= 0; dir--) {
                fips140_status st = fips140_aes_gcm_start(&ctx, dir, ivbytes, 12);
                for (size_t pos = 0; pos < aadlen && st == FIPS140_OK;) {
                    size_t n = tu_below(&rng, 40);
                    if (n > aadlen - pos) n = aadlen - pos;
                    st = fips140_aes_gcm_aad(&ctx, aadbytes + pos, n);
                    pos += n;
                }
                const uint8_t *in = dir ? data : want;
                for (size_t pos = 0; pos < len && st == FIPS140_OK;) {
                    size_t n = tu_below(&rng, 5) == 0 ? 0 : tu_below(&rng, 300);
                    if (n > len - pos) n = len - pos;
                    st = fips140_aes_gcm_update(&ctx, got + pos, in + pos, n);
                    pos += n;
                }
                if (st == FIPS140_OK)
                    st = dir ? fips140_aes_gcm_finish(&ctx, gtag, 16) : fips140_aes_gcm_verify(&ctx, wtag, 16);
                CHECK(st == FIPS140_OK, "AES-%zu-GCM random chunks dir %d status %d", kl * 8, dir, st);
                CHECK_MEM(got, dir ? want : data, len, "AES-%zu-GCM random chunks dir %d aad %zu len %zu", kl * 8,
                          dir, aadlen, len);
                if (dir) CHECK_MEM(gtag, wtag, 16, "AES-%zu-GCM random chunks tag", kl * 8);
            }
        }
        fips140_wipe(&ctx, sizeof ctx);
    }
}

/* Any single flipped bit makes decryption fail with ERR_AUTH and release nothing. */
static void test_auth_failures(void)
{
    static uint8_t ct[300], out[300], zero[300];
    uint8_t tag[16], iv[16], aad[40];
    fips140_aes_gcm_ctx ctx;
    for (int ki = 0; ki < 3; ki++) {
        size_t kl = klens[ki];
        CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, kl), "init");
        for (size_t taglen = 4; taglen <= 16; taglen += 4) {
            size_t len = 250;
            ossl_seal(kl, ivbytes, 12, aadbytes, 40, data, len, ct, tag, taglen);
            for (int what = 0; what < 4; what++) {
                size_t nbits = what == 0 ? taglen * 8 : what == 1 ? len * 8 : what == 2 ? 40 * 8 : 12 * 8;
                size_t fails = 0, bits = 0;
                for (size_t bit = 0; bit < nbits; bit += (what == 0 ? 1 : 13), bits++) {
                    memcpy(iv, ivbytes, 12);
                    memcpy(aad, aadbytes, 40);
                    uint8_t *target = what == 0 ? tag : what == 1 ? ct : what == 2 ? aad : iv;
                    target[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                    memset(out, 0xAA, len);
                    fips140_status st = fips140_aes_gcm_decrypt(&ctx, out, iv, 12, aad, 40, ct, len, tag, taglen);
                    target[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                    if (st != FIPS140_ERR_AUTH || memcmp(out, zero, len) != 0) {
                        if (fails++ == 0)
                            CHECK(0, "AES-%zu-GCM flipped %s bit %zu (tag %zu): status %d, output %s", kl * 8,
                                  what == 0 ? "tag" : what == 1 ? "ciphertext" : what == 2 ? "AAD" : "IV", bit,
                                  taglen, st, memcmp(out, zero, len) == 0 ? "zeroed" : "NOT zeroed");
                    }
                }
                CHECK(fails == 0, "AES-%zu-GCM: %zu of %zu flipped-bit decryptions were not refused", kl * 8, fails,
                      bits);
            }
            /* The context still works after the failures. */
            CHECK_OK(fips140_aes_gcm_decrypt(&ctx, out, ivbytes, 12, aadbytes, 40, ct, len, tag, taglen),
                     "decrypt after failures");
            CHECK_MEM(out, data, len, "AES-%zu-GCM decrypt after failures", kl * 8);
            /* Streaming verify of a wrong tag fails too. */
            tag[0] ^= 1;
            fips140_status st = fips140_aes_gcm_start(&ctx, FIPS140_GCM_DECRYPT, ivbytes, 12);
            if (st == FIPS140_OK) st = fips140_aes_gcm_aad(&ctx, aadbytes, 40);
            if (st == FIPS140_OK) st = fips140_aes_gcm_update(&ctx, out, ct, len);
            if (st == FIPS140_OK) st = fips140_aes_gcm_verify(&ctx, tag, taglen);
            CHECK(st == FIPS140_ERR_AUTH, "AES-%zu-GCM streaming verify of a wrong tag: %d", kl * 8, st);
        }
        fips140_wipe(&ctx, sizeof ctx);
    }
}

/* Over-long data (> 2^39 - 256 bits of plaintext, SP 800-38D §5.2.1.1) is refused before anything is read; in a
 * child so that a wrong implementation only fails the check. */
static int giant_child(void *arg)
{
    (void)arg;
    fips140_aes_gcm_ctx ctx;
    uint8_t buf[32] = {0};
    if (fips140_aes_gcm_init(&ctx, keybytes, 16) != FIPS140_OK) return 2;
    if (fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, ivbytes, 12) != FIPS140_OK) return 3;
    if (fips140_aes_gcm_update(&ctx, buf, buf, ((size_t)1 << 36)) != FIPS140_ERR_DATA_LENGTH) return 1;
    if (fips140_aes_gcm_update(&ctx, buf, buf, SIZE_MAX) != FIPS140_ERR_DATA_LENGTH) return 4;
    return 0;
}

static void test_errors(void)
{
    fips140_aes_gcm_ctx ctx;
    uint8_t out[64], tag[16] = {0};
    CHECK_ST(fips140_aes_gcm_init(&ctx, keybytes, 15), FIPS140_ERR_KEY_LENGTH, "init key 15");
    CHECK_ST(fips140_aes_gcm_init(&ctx, keybytes, 0), FIPS140_ERR_KEY_LENGTH, "init key 0");
    CHECK_ST(fips140_aes_gcm_init(&ctx, keybytes, 33), FIPS140_ERR_KEY_LENGTH, "init key 33");
    CHECK_ST(fips140_aes_gcm_init(NULL, keybytes, 16), FIPS140_ERR_NULL, "init NULL ctx");
    CHECK_ST(fips140_aes_gcm_init(&ctx, NULL, 16), FIPS140_ERR_NULL, "init NULL key");
    memset(&ctx, 0, sizeof ctx);
    CHECK_ST(fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, ivbytes, 12), FIPS140_ERR_STATE, "start before init");

    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "init");
    CHECK_ST(fips140_aes_gcm_update(&ctx, out, data, 16), FIPS140_ERR_STATE, "update before start");
    CHECK_ST(fips140_aes_gcm_aad(&ctx, aadbytes, 16), FIPS140_ERR_STATE, "aad before start");
    CHECK_ST(fips140_aes_gcm_finish(&ctx, tag, 16), FIPS140_ERR_STATE, "finish before start");
    CHECK_ST(fips140_aes_gcm_verify(&ctx, tag, 16), FIPS140_ERR_STATE, "verify before start");
    CHECK_ST(fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, ivbytes, 0), FIPS140_ERR_IV_LENGTH, "start ivlen 0");
    CHECK_ST(fips140_aes_gcm_start(&ctx, 2, ivbytes, 12), FIPS140_ERR_ARG, "start direction 2");
    CHECK_ST(fips140_aes_gcm_start(&ctx, -1, ivbytes, 12), FIPS140_ERR_ARG, "start direction -1");
    CHECK_ST(fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, NULL, 12), FIPS140_ERR_NULL, "start NULL iv");
    CHECK_ST(fips140_aes_gcm_start(NULL, FIPS140_GCM_ENCRYPT, ivbytes, 12), FIPS140_ERR_NULL, "start NULL ctx");

    /* Order within a message: AAD only before data; finish only when encrypting, verify only when decrypting. */
    CHECK_OK(fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, ivbytes, 12), "start");
    CHECK_OK(fips140_aes_gcm_aad(&ctx, aadbytes, 5), "aad");
    CHECK_ST(fips140_aes_gcm_aad(&ctx, NULL, 5), FIPS140_ERR_NULL, "aad NULL, len 5");
    CHECK_OK(fips140_aes_gcm_update(&ctx, out, data, 5), "update");
    CHECK_ST(fips140_aes_gcm_aad(&ctx, aadbytes, 5), FIPS140_ERR_STATE, "aad after update");
    CHECK_ST(fips140_aes_gcm_update(&ctx, NULL, data, 5), FIPS140_ERR_NULL, "update NULL out");
    CHECK_ST(fips140_aes_gcm_update(&ctx, out, NULL, 5), FIPS140_ERR_NULL, "update NULL in");
    CHECK_ST(fips140_aes_gcm_verify(&ctx, tag, 16), FIPS140_ERR_STATE, "verify while encrypting");
    CHECK_ST(fips140_aes_gcm_finish(&ctx, tag, 3), FIPS140_ERR_TAG_LENGTH, "finish taglen 3");
    CHECK_ST(fips140_aes_gcm_finish(&ctx, tag, 17), FIPS140_ERR_TAG_LENGTH, "finish taglen 17");
    CHECK_ST(fips140_aes_gcm_finish(&ctx, tag, 0), FIPS140_ERR_TAG_LENGTH, "finish taglen 0");
    CHECK_ST(fips140_aes_gcm_finish(&ctx, NULL, 16), FIPS140_ERR_NULL, "finish NULL tag");
    CHECK_OK(fips140_aes_gcm_finish(&ctx, tag, 16), "finish after refused finishes");
    CHECK_ST(fips140_aes_gcm_update(&ctx, out, data, 5), FIPS140_ERR_STATE, "update after finish");
    CHECK_ST(fips140_aes_gcm_aad(&ctx, aadbytes, 5), FIPS140_ERR_STATE, "aad after finish");
    CHECK_ST(fips140_aes_gcm_finish(&ctx, tag, 16), FIPS140_ERR_STATE, "finish twice");

    CHECK_OK(fips140_aes_gcm_start(&ctx, FIPS140_GCM_DECRYPT, ivbytes, 12), "start decrypt");
    CHECK_ST(fips140_aes_gcm_finish(&ctx, tag, 16), FIPS140_ERR_STATE, "finish while decrypting");
    CHECK_ST(fips140_aes_gcm_verify(&ctx, tag, 3), FIPS140_ERR_TAG_LENGTH, "verify taglen 3");
    CHECK_ST(fips140_aes_gcm_verify(&ctx, tag, 17), FIPS140_ERR_TAG_LENGTH, "verify taglen 17");
    CHECK_ST(fips140_aes_gcm_verify(&ctx, NULL, 16), FIPS140_ERR_NULL, "verify NULL tag");

    /* One-shot checks. */
    CHECK_ST(fips140_aes_gcm_encrypt(&ctx, out, tag, 16, ivbytes, 0, NULL, 0, data, 16), FIPS140_ERR_IV_LENGTH,
             "encrypt ivlen 0");
    CHECK_ST(fips140_aes_gcm_decrypt(&ctx, out, ivbytes, 0, NULL, 0, data, 16, tag, 16), FIPS140_ERR_IV_LENGTH,
             "decrypt ivlen 0");
    static const size_t badtags[] = {0, 3, 17, 32};
    for (size_t i = 0; i < 4; i++) {
        CHECK_ST(fips140_aes_gcm_encrypt(&ctx, out, tag, badtags[i], ivbytes, 12, NULL, 0, data, 16),
                 FIPS140_ERR_TAG_LENGTH, "encrypt taglen %zu", badtags[i]);
        CHECK_ST(fips140_aes_gcm_decrypt(&ctx, out, ivbytes, 12, NULL, 0, data, 16, tag, badtags[i]),
                 FIPS140_ERR_TAG_LENGTH, "decrypt taglen %zu", badtags[i]);
    }
    CHECK_ST(fips140_aes_gcm_encrypt(NULL, out, tag, 16, ivbytes, 12, NULL, 0, data, 16), FIPS140_ERR_NULL, "ctx");
    CHECK_ST(fips140_aes_gcm_encrypt(&ctx, out, NULL, 16, ivbytes, 12, NULL, 0, data, 16), FIPS140_ERR_NULL, "tag");
    CHECK_ST(fips140_aes_gcm_encrypt(&ctx, out, tag, 16, NULL, 12, NULL, 0, data, 16), FIPS140_ERR_NULL, "iv");
    CHECK_ST(fips140_aes_gcm_encrypt(&ctx, out, tag, 16, ivbytes, 12, NULL, 5, data, 16), FIPS140_ERR_NULL, "aad");
    CHECK_ST(fips140_aes_gcm_encrypt(&ctx, NULL, tag, 16, ivbytes, 12, NULL, 0, data, 16), FIPS140_ERR_NULL, "out");
    CHECK_ST(fips140_aes_gcm_decrypt(&ctx, out, ivbytes, 12, NULL, 0, NULL, 16, tag, 16), FIPS140_ERR_NULL, "in");
    CHECK_ST(fips140_aes_gcm_decrypt(&ctx, out, ivbytes, 12, NULL, 0, data, 16, NULL, 16), FIPS140_ERR_NULL, "tag");
    CHECK_OK(fips140_aes_gcm_encrypt(&ctx, NULL, tag, 16, ivbytes, 12, NULL, 0, NULL, 0), "empty message, NULLs");

    int rc = tu_child(giant_child, NULL);
    CHECK(rc == 0, "GCM update with 2^36 / SIZE_MAX bytes must be FIPS140_ERR_DATA_LENGTH without reading: %s %d",
          rc >= 1000 ? "killed by signal" : "child exit", rc >= 1000 ? rc - 1000 : rc);
}

static void test_indicator(void)
{
    fips140_aes_gcm_ctx ctx;
    uint8_t ct[64], out[64], tag[16];
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 32), "init");
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_encrypt(&ctx, ct, tag, 16, ivbytes, 12, aadbytes, 10, data, 64), "encrypt");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "encrypt with caller IV: indicator %d",
          (int)fips140_indicator_get());
    CHECK_OK(fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, ivbytes, 12), "start");
    CHECK_OK(fips140_aes_gcm_update(&ctx, ct, data, 64), "update");
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_finish(&ctx, tag, 16), "finish");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "streaming encrypt: indicator %d",
          (int)fips140_indicator_get());
    for (size_t t = 4; t <= 16; t++) {
        ossl_seal(32, ivbytes, 12, aadbytes, 10, data, 64, ct, tag, t);
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_gcm_decrypt(&ctx, out, ivbytes, 12, aadbytes, 10, ct, 64, tag, t), "decrypt tag %zu", t);
        fips140_indicator want =
            (t == 4 || t == 8 || t >= 12) ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED;
        CHECK(fips140_indicator_get() == want, "decrypt with a %zu-byte tag: indicator %d, want %d", t,
              (int)fips140_indicator_get(), (int)want);
        CHECK_OK(fips140_aes_gcm_start(&ctx, FIPS140_GCM_DECRYPT, ivbytes, 12), "start");
        CHECK_OK(fips140_aes_gcm_aad(&ctx, aadbytes, 10), "aad");
        CHECK_OK(fips140_aes_gcm_update(&ctx, out, ct, 64), "update");
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_gcm_verify(&ctx, tag, t), "verify tag %zu", t);
        CHECK(fips140_indicator_get() == want, "verify with a %zu-byte tag: indicator %d", t,
              (int)fips140_indicator_get());
    }
    /* A failed decryption does not report an approved service. */
    tag[0] ^= 1;
    fips140_indicator_clear();
    fips140_status st = fips140_aes_gcm_decrypt(&ctx, out, ivbytes, 12, aadbytes, 10, ct, 64, tag, 16);
    CHECK(st == FIPS140_ERR_AUTH && fips140_indicator_get() == FIPS140_INDICATOR_NONE,
          "failed decrypt: status %d indicator %d", st, (int)fips140_indicator_get());
    fips140_wipe(&ctx, sizeof ctx);
}

/* FIPS140=only: encryption with a caller-chosen IV (SP 800-38D §8.2) and decryption with a non-approved tag length
 * (§5.2.1.2) are refused with FIPS140_ERR_NOT_APPROVED; decryption with a 16-byte tag works. Runs in a fresh child
 * before the parent touches the module (the mode is read once). Exit code = number of failed expectations. */
static int only_mode_child(void *arg)
{
    (void)arg;
    if (setenv("FIPS140", "only", 1) != 0) return 100;
    static const uint8_t key[16] = {1}, iv[12] = {2};
    uint8_t pt[20] = {3}, ct[20], tag[16];
    int bad = 0;
    fips140_aes_gcm_ctx ctx;
    bad += fips140_aes_gcm_init(&ctx, key, 16) != FIPS140_OK;
    bad += fips140_aes_gcm_encrypt(&ctx, ct, tag, 16, iv, 12, NULL, 0, pt, 20) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, iv, 12) != FIPS140_ERR_NOT_APPROVED;
    /* A reference ciphertext from OpenSSL, then decryption through the module. */
    EVP_CIPHER_CTX *e = EVP_CIPHER_CTX_new();
    int n = 0;
    bad += EVP_EncryptInit_ex(e, EVP_aes_128_gcm(), NULL, key, iv) != 1;
    bad += EVP_EncryptUpdate(e, ct, &n, pt, 20) != 1;
    bad += EVP_EncryptFinal_ex(e, ct + n, &n) != 1;
    bad += EVP_CIPHER_CTX_ctrl(e, EVP_CTRL_GCM_GET_TAG, 16, tag) != 1;
    EVP_CIPHER_CTX_free(e);
    uint8_t back[20];
    bad += fips140_aes_gcm_decrypt(&ctx, back, iv, 12, NULL, 0, ct, 20, tag, 16) != FIPS140_OK;
    bad += memcmp(back, pt, 20) != 0;
    bad += fips140_aes_gcm_decrypt(&ctx, back, iv, 12, NULL, 0, ct, 20, tag, 10) != FIPS140_ERR_NOT_APPROVED;
    return bad;
}

int main(int argc, char **argv)
{
    /* FIPS140=only in a fresh process image: the module reads the mode once, at load. */
    TU_CHILD(argc, argv, "only", only_mode_child(NULL));
    TU_CHECK_CHILD("only", "only");
    tu_print_paths("test_gcm");
    tu_rng rng = {0x6C3};
    tu_fill(&rng, data, sizeof data);
    tu_fill(&rng, keybytes, sizeof keybytes);
    tu_fill(&rng, ivbytes, sizeof ivbytes);
    tu_fill(&rng, aadbytes, sizeof aadbytes);
    test_kat();
    test_vs_openssl();
    test_streaming();
    test_auth_failures();
    test_errors();
    test_indicator();
    return tu_done();
}
