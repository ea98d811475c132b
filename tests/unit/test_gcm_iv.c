/* tests/unit/test_gcm_iv.c - AES-GCM encryption under IVs the module constructs (include/fips140/aes.h,
 * module/aes/gcm_iv_construct.c; FIPS 140-3 IG C.H):
 *   - SP 800-38D §8.2.1 fixed field || invocation counter for every fixed length 4..8 and several start values
 *     (including the field's modular roll-over), one-shot and streaming; every IV checked against a byte-wise
 *     big-endian counter kept by the test, every ciphertext and tag against OpenSSL's GCM with that IV;
 *   - the TLS 1.2 shape (RFC 5288: 4-byte salt || 8-byte explicit counter) and the TLS 1.3 shape (RFC 8446 §5.3:
 *     static IV XOR the big-endian sequence number, from 0), also against OpenSSL;
 *   - fips140_aes_gcm_iv_peek (the next IV, not consumed);
 *   - exhaustion: the last allowed IVs, then FIPS140_ERR_STATE with nothing written (the context's counter is
 *     moved near its end through the private state, module/aes/gcm_internal.h: 2^32 or 2^64 real encryptions
 *     would not fit a unit test);
 *   - one construction per key: second init, init after a random IV, random IV after init refused; re-keying clears;
 *   - caller-IV encryption on such a key: works, NOT_APPROVED, leaves the construction alone;
 *   - bad arguments: the right error and nothing written, no IV consumed;
 *   - the service indicator (approved with tags 4, 8, 12..16), and FIPS140=only in a child process. */
#include "test_util.h"

#include <openssl/evp.h>

#include "aes/gcm_internal.h"

static uint8_t keybytes[32], data[700], aadbytes[64];

/* ossl_gcm_seal - OpenSSL's AES-GCM encryption with a 12-byte IV: ct (len bytes) and tag (taglen bytes). */
static void ossl_gcm_seal(size_t kl, const uint8_t iv[12], const uint8_t *aad, size_t aadlen, const uint8_t *pt,
                          size_t len, uint8_t *ct, uint8_t *tag, size_t taglen)
{
    const EVP_CIPHER *c = kl == 16 ? EVP_aes_128_gcm() : kl == 24 ? EVP_aes_192_gcm() : EVP_aes_256_gcm();
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int n = 0;
    int ok = x != NULL && EVP_EncryptInit_ex(x, c, NULL, keybytes, iv) == 1;
    if (ok && aadlen != 0)
        ok = EVP_EncryptUpdate(x, NULL, &n, aad, (int)aadlen) == 1;
    if (ok && len != 0)
        ok = EVP_EncryptUpdate(x, ct, &n, pt, (int)len) == 1 && (size_t)n == len;
    ok = ok && EVP_EncryptFinal_ex(x, ct + len, &n) == 1 &&
         EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_GCM_GET_TAG, (int)taglen, tag) == 1;
    EVP_CIPHER_CTX_free(x);
    if (!ok) {
        fprintf(stderr, "OpenSSL AES-%zu-GCM failed\n", kl * 8);
        abort();
    }
}

/* be_inc - add 1 to the big-endian integer p[0..n), modulo 2^(8n): the test's own invocation counter. */
static void be_inc(uint8_t *p, size_t n)
{
    for (size_t i = n; i-- > 0;)
        if (++p[i] != 0)
            break;
}

/* be_put - v as an n-byte big-endian integer (n <= 8). */
static void be_put(uint8_t *p, size_t n, uint64_t v)
{
    for (size_t i = n; i-- > 0; v >>= 8)
        p[i] = (uint8_t)v;
}

/* one_record - encrypt one message with fips140_aes_gcm_encrypt_next_iv and check the IV it reports against want_iv,
 * the ciphertext and tag against OpenSSL under that IV, and decryption back through the module. */
static void one_record(fips140_aes_gcm_ctx *ctx, size_t kl, const uint8_t want_iv[12], size_t aadlen, size_t len,
                       size_t taglen, const char *what)
{
    static uint8_t ct[700], want[700], back[700];
    uint8_t iv[12], tag[16], wtag[16];
    const uint8_t *pt = data + len % 7;
    CHECK_OK(fips140_aes_gcm_encrypt_next_iv(ctx, ct, tag, taglen, iv, aadbytes, aadlen, pt, len),
             "%s: encrypt aad %zu len %zu tag %zu", what, aadlen, len, taglen);
    CHECK_MEM(iv, want_iv, 12, "%s: constructed IV", what);
    ossl_gcm_seal(kl, want_iv, aadbytes, aadlen, pt, len, want, wtag, taglen);
    CHECK_MEM(ct, want, len, "%s: ciphertext vs OpenSSL (aad %zu, len %zu)", what, aadlen, len);
    CHECK_MEM(tag, wtag, taglen, "%s: tag vs OpenSSL (aad %zu, len %zu)", what, aadlen, len);
    CHECK_OK(fips140_aes_gcm_decrypt(ctx, back, iv, 12, aadbytes, aadlen, ct, len, tag, taglen), "%s: decrypt", what);
    CHECK_MEM(back, pt, len, "%s: round trip", what);
}

/* test_fixed_vs_openssl - §8.2.1 for every fixed length and key size, starts 0, mid, and 3 before the field's end
 * (so the field rolls over to 0 within the run). */
static void test_fixed_vs_openssl(void)
{
    static const size_t klens[3] = {16, 24, 32};
    tu_rng r = {0x1D};
    for (int ki = 0; ki < 3; ki++)
        for (size_t fl = FIPS140_GCM_IV_FIXED_MIN; fl <= FIPS140_GCM_IV_FIXED_MAX; fl++) {
            const size_t il = 12 - fl;
            const uint64_t top = il == 8 ? UINT64_MAX : (UINT64_C(1) << (8 * il)) - 1;
            const uint64_t starts[3] = {0, tu_next(&r) & top, top - 2};
            for (int si = 0; si < 3; si++) {
                fips140_aes_gcm_ctx ctx;
                uint8_t want_iv[12], fixed[8];
                tu_fill(&r, fixed, sizeof fixed);
                CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, klens[ki]), "init");
                CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, fl, starts[si]), "fixed init %zu", fl);
                memcpy(want_iv, fixed, fl);
                be_put(want_iv + fl, il, starts[si]);
                for (size_t m = 0; m < 8; m++) {
                    char what[64];
                    snprintf(what, sizeof what, "AES-%zu fixed %zu start #%d msg %zu", klens[ki] * 8, fl, si, m);
                    one_record(&ctx, klens[ki], want_iv, (m * 13) % 40, m * 97 % 600, 16, what);
                    be_inc(want_iv + fl, il); /* the test's own counter: carries stay inside the invocation field */
                }
                fips140_wipe(&ctx, sizeof ctx);
            }
        }
}

/* test_tls12_shape - RFC 5288 §3: nonce = salt (4) || nonce_explicit (8); the explicit part counts up big-endian
 * from its start, carrying across bytes and never into the salt. */
static void test_tls12_shape(void)
{
    static const uint8_t salt[4] = {0xa0, 0xa1, 0xa2, 0xa3};
    fips140_aes_gcm_ctx ctx;
    uint8_t ct[32], tag[16], iv[12];
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "init");
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, salt, 4, UINT64_C(0x01020304050607fe)), "TLS 1.2 init");
    static const char *const want[4] = {"a0a1a2a301020304050607fe", "a0a1a2a301020304050607ff",
                                        "a0a1a2a30102030405060800", "a0a1a2a30102030405060801"};
    for (int i = 0; i < 4; i++) {
        uint8_t w[12];
        tu_unhex(w, sizeof w, want[i]);
        CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, aadbytes, 13, data, 32), "record %d", i);
        CHECK_MEM(iv, w, 12, "TLS 1.2 record %d nonce", i);
    }
    /* The 8-byte field's roll-over from all-ones to zero stays inside the field. */
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "re-key");
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, salt, 4, UINT64_MAX), "TLS 1.2 init at 2^64-1");
    CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 32), "record at 2^64-1");
    CHECK_MEM(iv + 4, "\xff\xff\xff\xff\xff\xff\xff\xff", 8, "explicit part 2^64-1");
    CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 32), "record after 2^64-1");
    CHECK_MEM(iv, "\xa0\xa1\xa2\xa3\0\0\0\0\0\0\0\0", 12, "explicit part rolled over to 0, salt untouched");
    fips140_wipe(&ctx, sizeof ctx);
}

/* test_tls13 - RFC 8446 §5.3: record n uses static_iv XOR (0^32 || n big-endian), n from 0; vs OpenSSL. */
static void test_tls13(void)
{
    static const size_t klens[2] = {16, 32}; /* TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 */
    tu_rng r = {0x13};
    for (int ki = 0; ki < 2; ki++) {
        fips140_aes_gcm_ctx ctx;
        uint8_t siv[12], want_iv[12];
        tu_fill(&r, siv, sizeof siv);
        CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, klens[ki]), "init");
        CHECK_OK(fips140_aes_gcm_iv_tls13_init(&ctx, siv), "TLS 1.3 init");
        for (uint64_t seq = 0; seq < 300; seq++) {
            uint8_t pad[12] = {0};
            be_put(pad + 4, 8, seq);
            for (int i = 0; i < 12; i++)
                want_iv[i] = (uint8_t)(siv[i] ^ pad[i]);
            char what[64];
            snprintf(what, sizeof what, "TLS 1.3 AES-%zu seq %llu", klens[ki] * 8, (unsigned long long)seq);
            one_record(&ctx, klens[ki], want_iv, 5, (size_t)(seq * 31 % 300), 16, what);
        }
        fips140_wipe(&ctx, sizeof ctx);
    }
    /* The shape by hand: record 0 is the static IV itself, record 1 flips the last bit, record 256 byte 10. */
    fips140_aes_gcm_ctx ctx;
    uint8_t siv[12], iv[12], ct[16], tag[16];
    memset(siv, 0x5a, sizeof siv);
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "init");
    CHECK_OK(fips140_aes_gcm_iv_tls13_init(&ctx, siv), "TLS 1.3 init");
    for (int n = 0; n <= 256; n++) {
        CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 16), "record %d", n);
        if (n == 0)
            CHECK_MEM(iv, siv, 12, "seq 0 nonce = static IV");
        if (n == 1)
            CHECK_MEM(iv, "\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5b", 12, "seq 1 nonce");
        if (n == 256)
            CHECK_MEM(iv, "\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5b\x5a", 12, "seq 256 nonce");
    }
    fips140_wipe(&ctx, sizeof ctx);
}

/* test_streaming - start_next_iv → aad → update* → finish: same IV sequence as the one-shot, OpenSSL's
 * ciphertext, approved indicator at every step. */
static void test_streaming(void)
{
    static const uint8_t fixed[4] = {9, 8, 7, 6};
    fips140_aes_gcm_ctx ctx;
    uint8_t iv[12], want_iv[12], ct[200], want[200], tag[16], wtag[16];
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 32), "init");
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 4, 41), "fixed init");
    memcpy(want_iv, fixed, 4);
    be_put(want_iv + 4, 8, 41);
    for (int m = 0; m < 3; m++) {
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_gcm_start_next_iv(&ctx, iv), "start %d", m);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "start indicator %d",
              (int)fips140_indicator_get());
        CHECK_MEM(iv, want_iv, 12, "streaming IV %d", m);
        CHECK_OK(fips140_aes_gcm_aad(&ctx, aadbytes, 20), "aad");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "aad indicator");
        CHECK_OK(fips140_aes_gcm_update(&ctx, ct, data, 77), "update 1");
        CHECK_OK(fips140_aes_gcm_update(&ctx, ct + 77, data + 77, 123), "update 2");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "update indicator");
        CHECK_OK(fips140_aes_gcm_finish(&ctx, tag, 16), "finish");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "finish indicator");
        ossl_gcm_seal(32, want_iv, aadbytes, 20, data, 200, want, wtag, 16);
        CHECK_MEM(ct, want, 200, "streaming ciphertext %d", m);
        CHECK_MEM(tag, wtag, 16, "streaming tag %d", m);
        be_inc(want_iv + 4, 8);
    }
    /* Streaming and one-shot draw from one counter. */
    one_record(&ctx, 32, want_iv, 3, 50, 16, "one-shot after streaming");
    /* A non-approved tag length at finish: the result is right, the indicator says non-approved. */
    be_inc(want_iv + 4, 8);
    CHECK_OK(fips140_aes_gcm_start_next_iv(&ctx, iv), "start");
    CHECK_OK(fips140_aes_gcm_update(&ctx, ct, data, 10), "update");
    CHECK_OK(fips140_aes_gcm_finish(&ctx, tag, 5), "finish with a 5-byte tag");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "5-byte tag finish indicator %d",
          (int)fips140_indicator_get());
    ossl_gcm_seal(32, want_iv, NULL, 0, data, 10, want, wtag, 5);
    CHECK_MEM(tag, wtag, 5, "5-byte tag");
    fips140_wipe(&ctx, sizeof ctx);
}

/* test_peek - the next IV without consuming it, for both constructions. */
static void test_peek(void)
{
    static const uint8_t fixed[6] = {1, 2, 3, 4, 5, 6}, siv[12] = {0xc0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    fips140_aes_gcm_ctx ctx;
    uint8_t p1[12], p2[12], iv[12], ct[8], tag[16];
    for (int kind = 0; kind < 2; kind++) {
        CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "init");
        memset(p1, 0xee, sizeof p1);
        CHECK_ST(fips140_aes_gcm_iv_peek(&ctx, p1), FIPS140_ERR_STATE, "peek without a construction");
        CHECK_MEM(p1, "\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee", 12, "peek wrote without a construction");
        if (kind == 0)
            CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 6, 0xabcdef), "fixed init");
        else
            CHECK_OK(fips140_aes_gcm_iv_tls13_init(&ctx, siv), "tls13 init");
        for (int m = 0; m < 5; m++) {
            CHECK_OK(fips140_aes_gcm_iv_peek(&ctx, p1), "peek 1");
            CHECK_OK(fips140_aes_gcm_iv_peek(&ctx, p2), "peek 2");
            CHECK_MEM(p2, p1, 12, "kind %d msg %d: two peeks differ (peek consumed an IV)", kind, m);
            CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 8), "encrypt");
            CHECK_MEM(iv, p1, 12, "kind %d msg %d: peeked IV is not the one used", kind, m);
            CHECK_OK(fips140_aes_gcm_iv_peek(&ctx, p2), "peek after");
            CHECK(memcmp(p2, p1, 12) != 0, "kind %d msg %d: IV did not advance", kind, m);
        }
    }
    fips140_wipe(&ctx, sizeof ctx);
}

/* refused_nothing_written - the next-IV calls and peek all give FIPS140_ERR_STATE and leave every output alone. */
static void refused_nothing_written(fips140_aes_gcm_ctx *ctx, const char *what)
{
    uint8_t out[32], tag[16], iv[12];
    memset(out, 0xcc, sizeof out);
    memset(tag, 0xcc, sizeof tag);
    memset(iv, 0xcc, sizeof iv);
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(ctx, out, tag, 16, iv, aadbytes, 4, data, sizeof out), FIPS140_ERR_STATE,
             "%s: one-shot", what);
    CHECK_ST(fips140_aes_gcm_start_next_iv(ctx, iv), FIPS140_ERR_STATE, "%s: streaming start", what);
    CHECK_ST(fips140_aes_gcm_iv_peek(ctx, iv), FIPS140_ERR_STATE, "%s: peek", what);
    int clean = 1;
    for (size_t i = 0; i < sizeof out; i++) clean &= out[i] == 0xcc;
    for (size_t i = 0; i < sizeof tag; i++) clean &= tag[i] == 0xcc;
    for (size_t i = 0; i < sizeof iv; i++) clean &= iv[i] == 0xcc;
    CHECK(clean, "%s: a refused call wrote output", what);
}

/* test_exhaustion - the last IVs of a construction, then refusal; re-keying starts afresh. The counter is moved to
 * its end through the private state (2^32 / 2^64 encryptions are out of reach). */
static void test_exhaustion(void)
{
    static const uint8_t fixed[8] = {0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7};
    fips140_aes_gcm_ctx ctx;
    uint8_t iv[12], ct[32], tag[16];
    gcm_state *st = (gcm_state *)(void *)ctx.opaque;

    /* 4-byte invocation field from 0xfffffffe: the field rolls over to 0 and goes on (no refusal at the roll-over). */
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "init");
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 8, 0xfffffffeu), "fixed 8");
    static const char *const roll[3] = {"f0f1f2f3f4f5f6f7fffffffe", "f0f1f2f3f4f5f6f7ffffffff",
                                        "f0f1f2f3f4f5f6f700000000"};
    for (int i = 0; i < 3; i++) {
        uint8_t w[12];
        tu_unhex(w, sizeof w, roll[i]);
        one_record(&ctx, 16, w, 0, 32, 16, "4-byte field roll-over");
    }
    /* 2^32 IVs in all: with 2 left, the last two are 0xfffffffc and 0xfffffffd (just before the start), then no
     * more. */
    CHECK(st->ivc_limit == UINT64_C(1) << 32, "4-byte field allows %llu IVs", (unsigned long long)st->ivc_limit);
    st->ivc_used = (UINT64_C(1) << 32) - 2;
    static const char *const last[2] = {"f0f1f2f3f4f5f6f7fffffffc", "f0f1f2f3f4f5f6f7fffffffd"};
    for (int i = 0; i < 2; i++) {
        uint8_t w[12];
        tu_unhex(w, sizeof w, last[i]);
        one_record(&ctx, 16, w, 1, 17, 16, "last IVs of a 4-byte field");
    }
    refused_nothing_written(&ctx, "4-byte field exhausted");
    /* Caller-IV (non-approved) encryption still works on this key. */
    CHECK_OK(fips140_aes_gcm_encrypt(&ctx, ct, tag, 16, fixed, sizeof fixed, NULL, 0, data, 32),
             "caller IV still works");
    /* Re-keying clears the construction; a new one starts at its start value. */
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "re-key");
    refused_nothing_written(&ctx, "after re-key, no construction");
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 8, 0xfffffffeu), "fixed 8 again");
    CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 32), "first IV again");
    CHECK_MEM(iv + 8, "\xff\xff\xff\xfe", 4, "the new construction starts at its start value");

    /* 8-byte field (TLS 1.2 shape): 2^64 - 1 IVs. */
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "re-key");
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 4, 5), "fixed 4");
    st->ivc_used = UINT64_MAX - 1;
    uint8_t w[12];
    tu_unhex(w, sizeof w, "f0f1f2f30000000000000003"); /* 5 + 2^64 - 2 = 3 mod 2^64 */
    one_record(&ctx, 16, w, 13, 24, 16, "last IV of an 8-byte field");
    refused_nothing_written(&ctx, "8-byte field exhausted");

    /* TLS 1.3: sequence numbers up to 2^64 - 2, then refused (§5.3: never wrap). */
    static const uint8_t siv[12] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc};
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 32), "re-key");
    CHECK_OK(fips140_aes_gcm_iv_tls13_init(&ctx, siv), "tls13");
    st->ivc_used = UINT64_MAX - 1;
    tu_unhex(w, sizeof w, "11223344aa99887766554432"); /* siv ^ (0^32 || fffffffffffffffe) */
    one_record(&ctx, 32, w, 13, 40, 16, "TLS 1.3 seq 2^64-2");
    refused_nothing_written(&ctx, "TLS 1.3 sequence exhausted");
    fips140_wipe(&ctx, sizeof ctx);
}

/* test_one_construction_per_key - second init, init after a §8.2.2 random IV, random IV after init: refused. */
static void test_one_construction_per_key(void)
{
    static const uint8_t fixed[4] = {1, 1, 1, 1}, siv[12] = {2};
    fips140_aes_gcm_ctx ctx;
    uint8_t iv[12], p[12], ct[16], tag[16];
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "init");
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 4, 0), "first init");
    CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 16), "use one IV");
    CHECK_OK(fips140_aes_gcm_iv_peek(&ctx, p), "peek");
    CHECK_ST(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 4, 0), FIPS140_ERR_STATE, "second fixed init (same start)");
    CHECK_ST(fips140_aes_gcm_iv_tls13_init(&ctx, siv), FIPS140_ERR_STATE, "tls13 init over fixed");
    memset(iv, 0xcc, sizeof iv);
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 16), FIPS140_ERR_STATE,
             "random IV on a key with a construction");
    CHECK_ST(fips140_aes_gcm_start_random_iv(&ctx, iv), FIPS140_ERR_STATE,
             "random IV start on a key with a construction");
    CHECK_MEM(iv, "\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc", 12, "refused random IV wrote its IV");
    CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 16), "construction unaffected");
    CHECK_MEM(iv, p, 12, "the refused calls consumed no IV");

    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "re-key");
    CHECK_OK(fips140_aes_gcm_iv_tls13_init(&ctx, siv), "tls13 first");
    CHECK_ST(fips140_aes_gcm_iv_tls13_init(&ctx, siv), FIPS140_ERR_STATE, "second tls13 init (would restart seq 0)");
    CHECK_ST(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 4, 0), FIPS140_ERR_STATE, "fixed init over tls13");

    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "re-key");
    CHECK_OK(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 16), "a random IV first");
    CHECK_ST(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 4, 0), FIPS140_ERR_STATE, "fixed init after a random IV");
    CHECK_ST(fips140_aes_gcm_iv_tls13_init(&ctx, siv), FIPS140_ERR_STATE, "tls13 init after a random IV");
    CHECK_OK(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 16), "random IVs go on");
    fips140_wipe(&ctx, sizeof ctx);
}

/* test_caller_iv_on_construction_key - allowed, NOT_APPROVED, and it leaves the construction's counter alone. */
static void test_caller_iv_on_construction_key(void)
{
    static const uint8_t siv[12] = {7, 7, 7};
    fips140_aes_gcm_ctx ctx;
    uint8_t p[12], iv[12], ct[16], tag[16];
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 24), "init");
    CHECK_OK(fips140_aes_gcm_iv_tls13_init(&ctx, siv), "tls13");
    CHECK_OK(fips140_aes_gcm_iv_peek(&ctx, p), "peek");
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_encrypt(&ctx, ct, tag, 16, p, 12, NULL, 0, data, 16), "caller-IV encrypt");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "caller-IV indicator %d",
          (int)fips140_indicator_get());
    CHECK_OK(fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, p, 12), "caller-IV start");
    CHECK_OK(fips140_aes_gcm_finish(&ctx, tag, 16), "caller-IV finish");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "caller-IV streaming after next-IV messages");
    CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 16), "next IV");
    CHECK_MEM(iv, p, 12, "caller-IV calls moved the construction's counter");
    fips140_wipe(&ctx, sizeof ctx);
}

/* test_bad_args - each bad argument: its error, nothing written, no IV consumed. */
static void test_bad_args(void)
{
    static const uint8_t fixed[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, siv[12] = {3};
    fips140_aes_gcm_ctx ctx, unkeyed;
    uint8_t p[12], q[12], iv[12], out[32], tag[16];
    memset(&unkeyed, 0, sizeof unkeyed);
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "init");

    /* Construction set-up. */
    CHECK_ST(fips140_aes_gcm_iv_fixed_init(NULL, fixed, 4, 0), FIPS140_ERR_NULL, "NULL ctx");
    CHECK_ST(fips140_aes_gcm_iv_fixed_init(&ctx, NULL, 4, 0), FIPS140_ERR_NULL, "NULL fixed");
    CHECK_ST(fips140_aes_gcm_iv_fixed_init(&unkeyed, fixed, 4, 0), FIPS140_ERR_STATE, "unkeyed context");
    CHECK_ST(fips140_aes_gcm_iv_tls13_init(NULL, siv), FIPS140_ERR_NULL, "tls13 NULL ctx");
    CHECK_ST(fips140_aes_gcm_iv_tls13_init(&ctx, NULL), FIPS140_ERR_NULL, "tls13 NULL IV");
    CHECK_ST(fips140_aes_gcm_iv_tls13_init(&unkeyed, siv), FIPS140_ERR_STATE, "tls13 unkeyed");
    static const size_t badlens[4] = {0, 3, 9, 12};
    for (int i = 0; i < 4; i++)
        CHECK_ST(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, badlens[i], 0), FIPS140_ERR_IV_LENGTH, "fixed_len %zu",
                 badlens[i]);
    for (size_t fl = 5; fl <= 8; fl++) {
        uint64_t over = UINT64_C(1) << (8 * (12 - fl));
        CHECK_ST(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, fl, over), FIPS140_ERR_ARG,
                 "start 2^%zu does not fit a %zu-byte field", 8 * (12 - fl), 12 - fl);
    }
    /* None of those set a construction. */
    CHECK_ST(fips140_aes_gcm_iv_peek(&ctx, iv), FIPS140_ERR_STATE, "a failed init left a construction");
    /* The largest start that fits is accepted. */
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 8, 0xffffffffu), "start 2^32-1 in a 4-byte field");
    CHECK_OK(fips140_aes_gcm_iv_peek(&ctx, p), "peek");

    /* Next-IV calls. */
    memset(out, 0xcc, sizeof out);
    memset(tag, 0xcc, sizeof tag);
    memset(iv, 0xcc, sizeof iv);
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(NULL, out, tag, 16, iv, NULL, 0, data, 32), FIPS140_ERR_NULL, "NULL ctx");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&ctx, out, tag, 16, NULL, NULL, 0, data, 32), FIPS140_ERR_NULL,
             "NULL iv_out");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&ctx, out, NULL, 16, iv, NULL, 0, data, 32), FIPS140_ERR_NULL, "NULL tag");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&ctx, out, tag, 16, iv, NULL, 5, data, 32), FIPS140_ERR_NULL, "NULL aad");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&ctx, out, tag, 16, iv, NULL, 0, NULL, 32), FIPS140_ERR_NULL, "NULL in");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&ctx, NULL, tag, 16, iv, NULL, 0, data, 32), FIPS140_ERR_NULL, "NULL out");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&ctx, out, tag, 3, iv, NULL, 0, data, 32), FIPS140_ERR_TAG_LENGTH,
             "tag 3");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&ctx, out, tag, 17, iv, NULL, 0, data, 32), FIPS140_ERR_TAG_LENGTH,
             "tag 17");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&ctx, out, tag, 16, iv, NULL, 0, data, (size_t)1 << 37),
             FIPS140_ERR_DATA_LENGTH, "text over 2^39 - 256 bits");
    CHECK_ST(fips140_aes_gcm_encrypt_next_iv(&unkeyed, out, tag, 16, iv, NULL, 0, data, 32), FIPS140_ERR_STATE,
             "unkeyed");
    CHECK_ST(fips140_aes_gcm_start_next_iv(NULL, iv), FIPS140_ERR_NULL, "start NULL ctx");
    CHECK_ST(fips140_aes_gcm_start_next_iv(&ctx, NULL), FIPS140_ERR_NULL, "start NULL iv_out");
    CHECK_ST(fips140_aes_gcm_start_next_iv(&unkeyed, iv), FIPS140_ERR_STATE, "start unkeyed");
    CHECK_ST(fips140_aes_gcm_iv_peek(NULL, iv), FIPS140_ERR_NULL, "peek NULL ctx");
    CHECK_ST(fips140_aes_gcm_iv_peek(&ctx, NULL), FIPS140_ERR_NULL, "peek NULL iv_out");
    int clean = 1;
    for (size_t i = 0; i < sizeof out; i++) clean &= out[i] == 0xcc;
    for (size_t i = 0; i < sizeof tag; i++) clean &= tag[i] == 0xcc;
    for (size_t i = 0; i < sizeof iv; i++) clean &= iv[i] == 0xcc;
    CHECK(clean, "a refused call wrote output");
    CHECK_OK(fips140_aes_gcm_iv_peek(&ctx, q), "peek");
    CHECK_MEM(q, p, 12, "a refused call consumed an IV");
    /* With no construction on a keyed context. */
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "re-key");
    refused_nothing_written(&ctx, "keyed, no construction");
    fips140_wipe(&ctx, sizeof ctx);
}

/* test_indicator - set-up approved; encryption approved exactly for tags 4, 8, 12..16; decryption approved. */
static void test_indicator(void)
{
    static const uint8_t fixed[4] = {4, 4, 4, 4};
    fips140_aes_gcm_ctx ctx;
    uint8_t iv[12], ct[40], tag[16], back[40];
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "init");
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_iv_fixed_init(&ctx, fixed, 4, 0), "fixed init");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "fixed init indicator %d",
          (int)fips140_indicator_get());
    for (size_t t = 4; t <= 16; t++) {
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, t, iv, aadbytes, 7, data, 40), "tag %zu", t);
        fips140_indicator want = (t == 4 || t == 8 || t >= 12) ? FIPS140_INDICATOR_APPROVED
                                                               : FIPS140_INDICATOR_NOT_APPROVED;
        CHECK(fips140_indicator_get() == want, "next-IV encrypt with a %zu-byte tag: indicator %d, want %d", t,
              (int)fips140_indicator_get(), (int)want);
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_gcm_decrypt(&ctx, back, iv, 12, aadbytes, 7, ct, 40, tag, t), "decrypt tag %zu", t);
        CHECK(fips140_indicator_get() == want, "decrypt with a %zu-byte tag: indicator %d", t,
              (int)fips140_indicator_get());
        CHECK_MEM(back, data, 40, "round trip, tag %zu", t);
    }
    CHECK_OK(fips140_aes_gcm_init(&ctx, keybytes, 16), "re-key");
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_iv_tls13_init(&ctx, iv), "tls13 init");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "tls13 init indicator %d",
          (int)fips140_indicator_get());
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, data, 40), "tls13 record");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "tls13 record indicator %d",
          (int)fips140_indicator_get());
    fips140_wipe(&ctx, sizeof ctx);
}

/* only_mode_child - FIPS140=only: next-IV encryption works and is approved; a non-approved tag length is refused
 * with nothing written and no IV consumed; caller-IV encryption is still refused; decryption works. Exit code =
 * number of failed expectations. */
static int only_mode_child(void)
{
    static const uint8_t key[16] = {1}, salt[4] = {0xa, 0xb, 0xc, 0xd}, siv[12] = {0x5e};
    uint8_t pt[20] = {3}, ct[20], back[20], tag[16], iv[12], p[12];
    int bad = 0;
    fips140_aes_gcm_ctx ctx;
    bad += fips140_aes_gcm_init(&ctx, key, 16) != FIPS140_OK;
    bad += fips140_aes_gcm_iv_fixed_init(&ctx, salt, 4, 1) != FIPS140_OK;
    fips140_indicator_clear();
    bad += fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, pt, 20) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    bad += fips140_aes_gcm_decrypt(&ctx, back, iv, 12, NULL, 0, ct, 20, tag, 16) != FIPS140_OK;
    bad += memcmp(back, pt, 20) != 0;
    bad += fips140_aes_gcm_iv_peek(&ctx, p) != FIPS140_OK;
    memset(iv, 0xcc, sizeof iv);
    memset(ct, 0xcc, sizeof ct);
    bad += fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 10, iv, NULL, 0, pt, 20) != FIPS140_ERR_NOT_APPROVED;
    bad += iv[0] != 0xcc || iv[11] != 0xcc || ct[0] != 0xcc || ct[19] != 0xcc;
    bad += fips140_aes_gcm_encrypt(&ctx, ct, tag, 16, p, 12, NULL, 0, pt, 20) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, p, 12) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_aes_gcm_start_next_iv(&ctx, iv) != FIPS140_OK;
    bad += memcmp(iv, p, 12) != 0; /* the refused calls consumed no IV */
    bad += fips140_aes_gcm_update(&ctx, ct, pt, 20) != FIPS140_OK;
    bad += fips140_aes_gcm_finish(&ctx, tag, 16) != FIPS140_OK;
    bad += fips140_aes_gcm_init(&ctx, key, 16) != FIPS140_OK;
    bad += fips140_aes_gcm_iv_tls13_init(&ctx, siv) != FIPS140_OK;
    bad += fips140_aes_gcm_encrypt_next_iv(&ctx, ct, tag, 16, iv, NULL, 0, pt, 20) != FIPS140_OK;
    bad += memcmp(iv, siv, 12) != 0;
    fips140_wipe(&ctx, sizeof ctx);
    return bad;
}

int main(int argc, char **argv)
{
    /* FIPS140=only in a fresh process image: the module reads the mode once, at load. */
    TU_CHILD(argc, argv, "only", only_mode_child());
    TU_CHECK_CHILD("only", "only");
    tu_print_paths("test_gcm_iv");
    tu_rng rng = {0x61C};
    tu_fill(&rng, keybytes, sizeof keybytes);
    tu_fill(&rng, data, sizeof data);
    tu_fill(&rng, aadbytes, sizeof aadbytes);
    test_fixed_vs_openssl();
    test_tls12_shape();
    test_tls13();
    test_streaming();
    test_peek();
    test_exhaustion();
    test_one_construction_per_key();
    test_caller_iv_on_construction_key();
    test_bad_args();
    test_indicator();
    return tu_done();
}
