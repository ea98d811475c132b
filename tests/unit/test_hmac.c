/* tests/unit/test_hmac.c - HMAC (include/fips140/hmac.h): the RFC 4231 vectors for HMAC-SHA-224/256/384/512
 * (including the truncated test case 5) and the RFC 2202 vectors for HMAC-SHA-1; every fixed-length hash
 * (SHA-1, SHA-2, SHA-3) vs OpenSSL's HMAC for key lengths 0..200 and messages cut at every split point;
 * truncation; reset under the same key; verify_final; output-length, algorithm and NULL errors; call order;
 * wipe; the service indicator for short and long keys; FIPS140=only refusing short keys (in a child process,
 * since the mode is read once). */
#include "test_util.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

typedef struct alg_info {
    fips140_hash_alg alg;
    const char *ossl;
    size_t dlen, block;
} alg_info;

static const alg_info algs[] = {
    {FIPS140_SHA1, "SHA1", 20, 64},           {FIPS140_SHA224, "SHA224", 28, 64},
    {FIPS140_SHA256, "SHA256", 32, 64},       {FIPS140_SHA384, "SHA384", 48, 128},
    {FIPS140_SHA512, "SHA512", 64, 128},      {FIPS140_SHA512_224, "SHA512-224", 28, 128},
    {FIPS140_SHA512_256, "SHA512-256", 32, 128}, {FIPS140_SHA3_224, "SHA3-224", 28, 144},
    {FIPS140_SHA3_256, "SHA3-256", 32, 136},  {FIPS140_SHA3_384, "SHA3-384", 48, 104},
    {FIPS140_SHA3_512, "SHA3-512", 64, 72},
};
#define NALGS (sizeof algs / sizeof algs[0])
static EVP_MD *mds[NALGS];

static uint8_t data[1 << 16];
static uint8_t keybuf[1024];

static void oracle(size_t ai, uint8_t *out, const uint8_t *key, size_t klen, const uint8_t *msg, size_t len)
{
    unsigned int n = 0;
    static const uint8_t dummy[1] = {0};
    if (HMAC(mds[ai], klen ? key : dummy, (int)klen, msg, len, out, &n) == NULL || n != algs[ai].dlen) {
        fprintf(stderr, "OpenSSL HMAC failed for %s\n", algs[ai].ossl);
        abort();
    }
}

/* ---- RFC 4231 §4 (HMAC-SHA-224/256/384/512) and RFC 2202 §3 (HMAC-SHA-1) test cases. The keys and messages
 * are described by a pattern; the MACs are the RFCs' (case 5 truncated to 128 bits in RFC 4231 and to 96 bits
 * in RFC 2202's "digest-96"). */
typedef struct rfc_case {
    int key_kind; /* 0: key_byte × key_len, 1: "Jefe", 2: 0x01, 0x02, ... key_len */
    uint8_t key_byte;
    size_t key_len;
    const char *text; /* NULL: data_byte × 50 */
    uint8_t data_byte;
} rfc_case;

static const rfc_case rfc4231_cases[7] = {
    {0, 0x0b, 20, "Hi There", 0},
    {1, 0, 4, "what do ya want for nothing?", 0},
    {0, 0xaa, 20, NULL, 0xdd},
    {2, 0, 25, NULL, 0xcd},
    {0, 0x0c, 20, "Test With Truncation", 0},
    {0, 0xaa, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 0},
    {0, 0xaa, 131,
     "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be "
     "hashed before being used by the HMAC algorithm.",
     0},
};

static const char *const rfc4231_macs[4][7] = {
    {/* HMAC-SHA-224 */
     "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22",
     "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44",
     "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea",
     "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a",
     "0e2aea68a90c8d37c988bcdb9fca6fa8",
     "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e",
     "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1"},
    {/* HMAC-SHA-256 */
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
     "a3b6167473100ee06e0c796c2955552b",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
    {/* HMAC-SHA-384 */
     "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
     "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
     "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
     "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
     "3abf34c3503b2a23a46efc619baef897",
     "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
     "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e"},
    {/* HMAC-SHA-512 */
     "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1"
     "702e696c203a126854",
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b"
     "4b636e070a38bce737",
     "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee894"
     "2674278859e13292fb",
     "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f"
     "2de2adebeb10a298dd",
     "415fad6271580a531d4179bc891d87a6",
     "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0a"
     "ec8b915a985d786598",
     "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de044"
     "6065c97440fa8c6a58"},
};

static const rfc_case rfc2202_cases[7] = {
    {0, 0x0b, 20, "Hi There", 0},
    {1, 0, 4, "what do ya want for nothing?", 0},
    {0, 0xaa, 20, NULL, 0xdd},
    {2, 0, 25, NULL, 0xcd},
    {0, 0x0c, 20, "Test With Truncation", 0},
    {0, 0xaa, 80, "Test Using Larger Than Block-Size Key - Hash Key First", 0},
    {0, 0xaa, 80, "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data", 0},
};

static const char *const rfc2202_macs[7] = {
    "b617318655057264e28bc0b6fb378c8ef146be00", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    "125d7342b9ac11cd91a39af48aa17b4f63f175d3", "4c9007f4026250c6bc8414f9bf50c86c2d7235da",
    "4c1a03424b55e07fe7f27be1", /* digest-96 */
    "aa4ae5e15272d00e95705637ce8a3b55ed402112", "e8e99d0f45237d786d6bbaa7965c7808bbff1a91",
};

static size_t build_case(const rfc_case *c, uint8_t *key, uint8_t *msg)
{
    for (size_t i = 0; i < c->key_len; i++)
        key[i] = c->key_kind == 0 ? c->key_byte : c->key_kind == 1 ? (uint8_t)"Jefe"[i] : (uint8_t)(i + 1);
    if (c->text == NULL) {
        memset(msg, c->data_byte, 50);
        return 50;
    }
    memcpy(msg, c->text, strlen(c->text));
    return strlen(c->text);
}

static void check_rfc(const char *rfc, int tc, fips140_hash_alg alg, const rfc_case *c, const char *machex)
{
    uint8_t key[200], msg[200], want[64], got[64];
    size_t mlen = build_case(c, key, msg);
    size_t tlen = tu_unhex(want, sizeof want, machex);
    CHECK_OK(fips140_hmac(alg, got, tlen, key, c->key_len, msg, mlen), "%s case %d alg %d", rfc, tc, (int)alg);
    CHECK_MEM(got, want, tlen, "%s test case %d, %s", rfc, tc, fips140_hash_name(alg));
    /* The same through the streaming API, one byte at a time, and verified. */
    fips140_hmac_ctx ctx;
    fips140_status st = fips140_hmac_init(&ctx, alg, key, c->key_len);
    for (size_t i = 0; i < mlen && st == FIPS140_OK; i++)
        st = fips140_hmac_update(&ctx, msg + i, 1);
    if (st == FIPS140_OK)
        st = fips140_hmac_verify_final(&ctx, want, tlen);
    CHECK(st == FIPS140_OK, "%s test case %d, %s: streaming verify status %d", rfc, tc, fips140_hash_name(alg), st);
    fips140_hmac_wipe(&ctx);
}

static void test_rfc(void)
{
    static const fips140_hash_alg sha2[4] = {FIPS140_SHA224, FIPS140_SHA256, FIPS140_SHA384, FIPS140_SHA512};
    for (int h = 0; h < 4; h++)
        for (int tc = 0; tc < 7; tc++)
            check_rfc("RFC 4231", tc + 1, sha2[h], &rfc4231_cases[tc], rfc4231_macs[h][tc]);
    for (int tc = 0; tc < 7; tc++)
        check_rfc("RFC 2202", tc + 1, FIPS140_SHA1, &rfc2202_cases[tc], rfc2202_macs[tc]);
}

/* stream_mac - HMAC over msg cut at `cut`, through init / update / update / final. */
static fips140_status stream_mac(size_t ai, uint8_t *out, const uint8_t *key, size_t klen, const uint8_t *msg,
                                 size_t len, size_t cut)
{
    fips140_hmac_ctx ctx;
    fips140_status st = fips140_hmac_init(&ctx, algs[ai].alg, key, klen);
    if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, msg, cut);
    if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, msg + cut, len - cut);
    if (st == FIPS140_OK) st = fips140_hmac_final(&ctx, out, algs[ai].dlen);
    fips140_hmac_wipe(&ctx);
    return st;
}

static void test_vs_openssl(void)
{
    uint8_t got[64], want[64];
    static const size_t split_keys[] = {0, 1, 13, 14, 20, 63, 64, 65, 71, 72, 73, 103, 104, 105,
                                        127, 128, 129, 135, 136, 137, 143, 144, 145, 200, 1000};
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        /* Every key length 0..200 (and a few long ones), one-shot. */
        for (size_t klen = 0; klen <= 204; klen++) {
            size_t kl = klen <= 200 ? klen : (size_t)(klen - 200) * 250; /* 250, 500, 750, 1000 */
            size_t mlen = (klen * 37) % 300;
            oracle(ai, want, keybuf, kl, data, mlen);
            memset(got, 0, sizeof got);
            CHECK_OK(fips140_hmac(a->alg, got, a->dlen, keybuf, kl, data, mlen), "%s key %zu", a->ossl, kl);
            CHECK_MEM(got, want, a->dlen, "HMAC-%s key %zu bytes, msg %zu bytes", a->ossl, kl, mlen);
        }
        /* Every split point of a 150-byte message for key lengths around the block size. */
        for (size_t k = 0; k < sizeof split_keys / sizeof split_keys[0]; k++) {
            size_t kl = split_keys[k];
            oracle(ai, want, keybuf, kl, data, 150);
            size_t bad = SIZE_MAX;
            for (size_t cut = 0; cut <= 150 && bad == SIZE_MAX; cut++)
                if (stream_mac(ai, got, keybuf, kl, data, 150, cut) != FIPS140_OK || memcmp(got, want, a->dlen))
                    bad = cut;
            CHECK(bad == SIZE_MAX, "HMAC-%s key %zu: split at %zu differs", a->ossl, kl, bad);
        }
        /* A long message. */
        oracle(ai, want, keybuf, 32, data, sizeof data);
        CHECK_OK(fips140_hmac(a->alg, got, a->dlen, keybuf, 32, data, sizeof data), "%s long", a->ossl);
        CHECK_MEM(got, want, a->dlen, "HMAC-%s 64 KiB message", a->ossl);
        /* Truncation keeps the leftmost bytes (SP 800-107r1 §5.3.3), every allowed length. */
        oracle(ai, want, keybuf, 32, data, 77);
        for (size_t t = 4; t <= a->dlen; t++) {
            memset(got, 0xEE, sizeof got);
            CHECK_OK(fips140_hmac(a->alg, got, t, keybuf, 32, data, 77), "%s outlen %zu", a->ossl, t);
            CHECK_MEM(got, want, t, "HMAC-%s truncated to %zu", a->ossl, t);
            CHECK(t == sizeof got || got[t] == 0xEE, "HMAC-%s outlen %zu wrote past the end", a->ossl, t);
        }
    }
}

static void test_reset_verify(void)
{
    uint8_t got[64], want[64], bad[64];
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        fips140_hmac_ctx ctx;
        CHECK_OK(fips140_hmac_init(&ctx, a->alg, keybuf, 40), "%s init", a->ossl);
        for (size_t m = 0; m < 5; m++) {
            size_t len = 30 + 100 * m;
            oracle(ai, want, keybuf, 40, data + m, len);
            if (m > 0) CHECK_OK(fips140_hmac_reset(&ctx), "%s reset", a->ossl);
            CHECK_OK(fips140_hmac_update(&ctx, data + m, len), "%s update", a->ossl);
            CHECK_OK(fips140_hmac_final(&ctx, got, a->dlen), "%s final", a->ossl);
            CHECK_MEM(got, want, a->dlen, "HMAC-%s message %zu after reset", a->ossl, m);
        }
        /* Reset in the middle of a message discards it. */
        CHECK_OK(fips140_hmac_reset(&ctx), "%s reset", a->ossl);
        CHECK_OK(fips140_hmac_update(&ctx, data, 999), "%s update", a->ossl);
        CHECK_OK(fips140_hmac_reset(&ctx), "%s reset mid-message", a->ossl);
        CHECK_OK(fips140_hmac_reset(&ctx), "%s reset twice", a->ossl);
        oracle(ai, want, keybuf, 40, data, 10);
        CHECK_OK(fips140_hmac_update(&ctx, data, 10), "%s update", a->ossl);
        CHECK_OK(fips140_hmac_final(&ctx, got, a->dlen), "%s final", a->ossl);
        CHECK_MEM(got, want, a->dlen, "HMAC-%s reset mid-message", a->ossl);

        /* verify_final: the right MAC (full and truncated) passes, any flipped bit fails. */
        CHECK_OK(fips140_hmac_reset(&ctx), "%s reset", a->ossl);
        CHECK_OK(fips140_hmac_update(&ctx, data, 10), "%s update", a->ossl);
        CHECK_OK(fips140_hmac_verify_final(&ctx, want, a->dlen), "HMAC-%s verify the right MAC", a->ossl);
        CHECK_OK(fips140_hmac_reset(&ctx), "%s reset", a->ossl);
        CHECK_OK(fips140_hmac_update(&ctx, data, 10), "%s update", a->ossl);
        CHECK_OK(fips140_hmac_verify_final(&ctx, want, 16), "HMAC-%s verify a 16-byte truncated MAC", a->ossl);
        for (size_t bit = 0; bit < a->dlen * 8; bit += 7) {
            memcpy(bad, want, a->dlen);
            bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            CHECK_OK(fips140_hmac_reset(&ctx), "%s reset", a->ossl);
            CHECK_OK(fips140_hmac_update(&ctx, data, 10), "%s update", a->ossl);
            CHECK_ST(fips140_hmac_verify_final(&ctx, bad, a->dlen), FIPS140_ERR_AUTH, "HMAC-%s flipped bit %zu",
                     a->ossl, bit);
        }
        /* A message that differs gives ERR_AUTH as well. */
        CHECK_OK(fips140_hmac_reset(&ctx), "%s reset", a->ossl);
        CHECK_OK(fips140_hmac_update(&ctx, data, 11), "%s update", a->ossl);
        CHECK_ST(fips140_hmac_verify_final(&ctx, want, a->dlen), FIPS140_ERR_AUTH, "HMAC-%s other message", a->ossl);
        /* Bad expected lengths are refused (no comparison of a too-short MAC). */
        CHECK_OK(fips140_hmac_reset(&ctx), "%s reset", a->ossl);
        CHECK_OK(fips140_hmac_update(&ctx, data, 10), "%s update", a->ossl);
        CHECK(fips140_hmac_verify_final(&ctx, want, 3) != FIPS140_OK, "HMAC-%s verify with explen 3", a->ossl);
        CHECK(fips140_hmac_verify_final(&ctx, want, 0) != FIPS140_OK, "HMAC-%s verify with explen 0", a->ossl);
        uint8_t longer[65];
        memcpy(longer, want, a->dlen);
        longer[a->dlen] = 0;
        CHECK(fips140_hmac_verify_final(&ctx, longer, a->dlen + 1) != FIPS140_OK, "HMAC-%s verify explen dlen+1",
              a->ossl);
        fips140_hmac_wipe(&ctx);
    }
}

static void test_errors(void)
{
    uint8_t out[64];
    fips140_hmac_ctx ctx;
    const fips140_hash_alg bad_algs[] = {FIPS140_SHAKE128, FIPS140_SHAKE256, (fips140_hash_alg)0,
                                         (fips140_hash_alg)14};
    for (size_t i = 0; i < 4; i++) {
        CHECK_ST(fips140_hmac_init(&ctx, bad_algs[i], keybuf, 32), FIPS140_ERR_ARG, "init alg %d", (int)bad_algs[i]);
        CHECK_ST(fips140_hmac(bad_algs[i], out, 16, keybuf, 32, data, 10), FIPS140_ERR_ARG, "one-shot alg %d",
                 (int)bad_algs[i]);
    }
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        size_t wrong[] = {0, 3, a->dlen + 1, 1000};
        CHECK_OK(fips140_hmac_init(&ctx, a->alg, keybuf, 32), "%s init", a->ossl);
        CHECK_OK(fips140_hmac_update(&ctx, data, 10), "%s update", a->ossl);
        for (size_t w = 0; w < 4; w++) {
            CHECK_ST(fips140_hmac_final(&ctx, out, wrong[w]), FIPS140_ERR_OUTPUT_LENGTH, "%s final outlen %zu",
                     a->ossl, wrong[w]);
            CHECK_ST(fips140_hmac(a->alg, out, wrong[w], keybuf, 32, data, 10), FIPS140_ERR_OUTPUT_LENGTH,
                     "%s one-shot outlen %zu", a->ossl, wrong[w]);
        }
        /* The refused finals did not consume the message. */
        uint8_t want[64];
        oracle(ai, want, keybuf, 32, data, 10);
        CHECK_OK(fips140_hmac_final(&ctx, out, a->dlen), "%s final after refused finals", a->ossl);
        CHECK_MEM(out, want, a->dlen, "HMAC-%s after refused finals", a->ossl);
        CHECK_ST(fips140_hmac_update(&ctx, data, 1), FIPS140_ERR_STATE, "%s update after final", a->ossl);
        CHECK_ST(fips140_hmac_final(&ctx, out, a->dlen), FIPS140_ERR_STATE, "%s final after final", a->ossl);
        CHECK_ST(fips140_hmac_verify_final(&ctx, want, a->dlen), FIPS140_ERR_STATE, "%s verify after final",
                 a->ossl);
        fips140_hmac_wipe(&ctx);
    }
    CHECK_ST(fips140_hmac_init(NULL, FIPS140_SHA256, keybuf, 32), FIPS140_ERR_NULL, "init NULL ctx");
    CHECK_ST(fips140_hmac_init(&ctx, FIPS140_SHA256, NULL, 32), FIPS140_ERR_NULL, "init NULL key, len 32");
    CHECK_OK(fips140_hmac_init(&ctx, FIPS140_SHA256, NULL, 0), "init NULL key, len 0");
    CHECK_ST(fips140_hmac_update(NULL, data, 1), FIPS140_ERR_NULL, "update NULL ctx");
    CHECK_ST(fips140_hmac_update(&ctx, NULL, 1), FIPS140_ERR_NULL, "update NULL data, len 1");
    CHECK_OK(fips140_hmac_update(&ctx, NULL, 0), "update NULL data, len 0");
    CHECK_ST(fips140_hmac_final(NULL, out, 32), FIPS140_ERR_NULL, "final NULL ctx");
    CHECK_ST(fips140_hmac_final(&ctx, NULL, 32), FIPS140_ERR_NULL, "final NULL out");
    CHECK_ST(fips140_hmac_verify_final(NULL, out, 32), FIPS140_ERR_NULL, "verify NULL ctx");
    CHECK_ST(fips140_hmac_verify_final(&ctx, NULL, 32), FIPS140_ERR_NULL, "verify NULL expected");
    CHECK_ST(fips140_hmac_reset(NULL), FIPS140_ERR_NULL, "reset NULL ctx");
    CHECK_ST(fips140_hmac(FIPS140_SHA256, NULL, 32, keybuf, 32, data, 1), FIPS140_ERR_NULL, "one-shot NULL out");
    CHECK_ST(fips140_hmac(FIPS140_SHA256, out, 32, NULL, 32, data, 1), FIPS140_ERR_NULL, "one-shot NULL key");
    CHECK_ST(fips140_hmac(FIPS140_SHA256, out, 32, keybuf, 32, NULL, 1), FIPS140_ERR_NULL, "one-shot NULL data");
    fips140_hmac_wipe(NULL); /* must not crash */
    /* Wipe zeroises everything; a wiped or never-keyed context refuses to work. */
    fips140_hmac_wipe(&ctx);
    static const fips140_hmac_ctx zero;
    CHECK(memcmp(&ctx, &zero, sizeof ctx) == 0, "fips140_hmac_wipe left non-zero bytes");
    CHECK_ST(fips140_hmac_update(&ctx, data, 1), FIPS140_ERR_STATE, "update after wipe");
    CHECK_ST(fips140_hmac_final(&ctx, out, 32), FIPS140_ERR_STATE, "final after wipe");
    CHECK_ST(fips140_hmac_reset(&ctx), FIPS140_ERR_STATE, "reset after wipe");
}

/* Indicator: keys of at least 112 bits (14 bytes) are approved (SP 800-131A Rev. 2). */
static void test_indicator(void)
{
    uint8_t out[64];
    int only = fips140_get_mode() == FIPS140_MODE_ONLY;
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        for (size_t klen = 0; klen <= 40; klen++) {
            fips140_indicator_clear();
            fips140_status st = fips140_hmac(a->alg, out, a->dlen, keybuf, klen, data, 20);
            if (klen < 14 && only) {
                CHECK(st == FIPS140_ERR_NOT_APPROVED, "HMAC-%s key %zu in FIPS140=only: status %d", a->ossl, klen, st);
                continue;
            }
            fips140_indicator want = klen >= 14 ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED;
            CHECK(st == FIPS140_OK && fips140_indicator_get() == want, "HMAC-%s key %zu: status %d indicator %d",
                  a->ossl, klen, st, (int)fips140_indicator_get());
            /* Streaming: the indicator is set by final / verify_final. */
            fips140_hmac_ctx ctx;
            st = fips140_hmac_init(&ctx, a->alg, keybuf, klen);
            if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, data, 20);
            fips140_indicator_clear();
            if (st == FIPS140_OK) st = fips140_hmac_verify_final(&ctx, out, a->dlen);
            CHECK(st == FIPS140_OK && fips140_indicator_get() == want, "HMAC-%s key %zu verify: status %d ind %d",
                  a->ossl, klen, st, (int)fips140_indicator_get());
            fips140_hmac_wipe(&ctx);
        }
        /* A failed call leaves the indicator alone. */
        fips140_indicator_clear();
        fips140_status st = fips140_hmac(a->alg, out, 3, keybuf, 32, data, 20);
        CHECK(st != FIPS140_OK && fips140_indicator_get() == FIPS140_INDICATOR_NONE, "HMAC-%s failed call ind %d",
              a->ossl, (int)fips140_indicator_get());
    }
}

/* FIPS140=only: short keys are refused with FIPS140_ERR_NOT_APPROVED; run in a fresh child process before the
 * parent touches the module, because the mode is read once. Exit code = number of failed expectations. */
static int only_mode_child(void *arg)
{
    (void)arg;
    if (setenv("FIPS140", "only", 1) != 0) return 100;
    int bad = 0;
    uint8_t out[32], key[32] = {1, 2, 3};
    fips140_hmac_ctx ctx;
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    bad += fips140_last_refusal() != NULL;
    bad += fips140_hmac(FIPS140_SHA256, out, 32, key, 13, "abc", 3) != FIPS140_ERR_NOT_APPROVED;
    /* the refusal names its rule */
    bad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SP 800-131A") == NULL;
    bad += fips140_hmac_init(&ctx, FIPS140_SHA256, key, 0) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_hmac(FIPS140_SHA256, out, 32, key, 14, "abc", 3) != FIPS140_OK;
    fips140_indicator_clear();
    bad += fips140_hmac_init(&ctx, FIPS140_SHA3_256, key, 32) != FIPS140_OK;
    bad += fips140_hmac_final(&ctx, out, 32) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    return bad;
}

int main(int argc, char **argv)
{
    /* FIPS140=only in a fresh process image: the module reads the mode once, at load. */
    TU_CHILD(argc, argv, "only", only_mode_child(NULL));
    TU_CHECK_CHILD("only", "only");

    tu_print_paths("test_hmac");
    for (size_t i = 0; i < NALGS; i++) {
        mds[i] = EVP_MD_fetch(NULL, algs[i].ossl, NULL);
        if (mds[i] == NULL) {
            fprintf(stderr, "OpenSSL has no %s\n", algs[i].ossl);
            return 2;
        }
    }
    tu_rng rng = {0x4d4143};
    tu_fill(&rng, data, sizeof data);
    tu_fill(&rng, keybuf, sizeof keybuf);

    test_rfc();
    test_vs_openssl();
    test_reset_verify();
    test_errors();
    test_indicator();

    for (size_t i = 0; i < NALGS; i++)
        EVP_MD_free(mds[i]);
    return tu_done();
}
