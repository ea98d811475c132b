/* tests/unit/test_rand.c - the module RNG (fips140/rand.h) and GCM with module-generated IVs (SP 800-38D §8.2.2):
 * every length 0..10000 (output written exactly in place, nothing beyond), NULL handling, distinct outputs,
 * requests larger than the 64 KiB split, a rough bit/byte balance check, prediction resistance, the service
 * indicator, two threads (distinct streams, states freed at thread exit), FIPS140=only (in a child), and the
 * random-IV GCM services (IVs distinct, round trip through decryption, approved indicator, argument errors). */
#include "test_util.h"
#include <pthread.h>

/* test_lengths - each length 0..10000: the bytes written are exactly out[0..len), the call is approved, and a
 * length ≥ 16 never comes back all zero or equal to the previous output's prefix. */
static void test_lengths(void)
{
    enum { MAXLEN = 10000, PAD = 32 };
    static uint8_t buf[MAXLEN + 2 * PAD], prev[MAXLEN];
    size_t prevlen = 0;
    unsigned bad_guard = 0, bad_zero = 0, bad_repeat = 0, bad_status = 0, bad_ind = 0;
    for (size_t len = 0; len <= MAXLEN; len++) {
        memset(buf, 0xA5, sizeof buf);
        fips140_indicator_clear();
        if (fips140_rand_bytes(buf + PAD, len) != FIPS140_OK)
            bad_status++;
        if (fips140_indicator_get() != FIPS140_INDICATOR_APPROVED)
            bad_ind++;
        for (size_t i = 0; i < PAD; i++)
            if (buf[i] != 0xA5 || buf[PAD + len + i] != 0xA5)
                bad_guard++;
        if (len >= 16) {
            int nonzero = 0;
            for (size_t i = 0; i < len; i++)
                nonzero |= buf[PAD + i];
            bad_zero += !nonzero;
            size_t m = len < prevlen ? len : prevlen;
            if (m >= 16 && memcmp(buf + PAD, prev, m) == 0)
                bad_repeat++;
        }
        memcpy(prev, buf + PAD, len);
        prevlen = len;
    }
    CHECK(bad_status == 0, "lengths 0..%d: %u calls failed", MAXLEN, bad_status);
    CHECK(bad_ind == 0, "lengths 0..%d: %u calls not approved", MAXLEN, bad_ind);
    CHECK(bad_guard == 0, "lengths 0..%d: %u bytes written outside the buffer", MAXLEN, bad_guard);
    CHECK(bad_zero == 0, "lengths 0..%d: %u all-zero outputs", MAXLEN, bad_zero);
    CHECK(bad_repeat == 0, "lengths 0..%d: %u outputs repeat the previous one", MAXLEN, bad_repeat);
}

/* test_errors - NULL with a length is FIPS140_ERR_NULL; NULL with 0 is a successful no-op. */
static void test_errors(void)
{
    CHECK_ST(fips140_rand_bytes(NULL, 1), FIPS140_ERR_NULL, "NULL, 1");
    CHECK_ST(fips140_rand_bytes(NULL, 100000), FIPS140_ERR_NULL, "NULL, 100000");
    CHECK_ST(fips140_rand_bytes_pr(NULL, 16), FIPS140_ERR_NULL, "pr: NULL, 16");
    CHECK_OK(fips140_rand_bytes(NULL, 0), "NULL, 0");
    CHECK_OK(fips140_rand_bytes_pr(NULL, 0), "pr: NULL, 0");
}

/* test_large - 300 KiB in one call crosses four 64 KiB request boundaries: no 64 KiB chunk repeats another
 * (a bug re-using the state between requests would), and bits and bytes are roughly balanced: over 2,457,600 bits
 * the count of ones is within 6 standard deviations (σ = 784) of half, and each byte value occurs within
 * 1200 ± 6·34.6 times of the expected 1200 (binomial, 307200 bytes / 256). */
static void test_large(void)
{
    enum { N = 300 * 1024 };
    uint8_t *buf = malloc(N);
    CHECK(buf != NULL, "malloc");
    if (buf == NULL)
        return;
    memset(buf, 0, N);
    CHECK_OK(fips140_rand_bytes(buf, N), "300 KiB");
    for (size_t a = 0; a + 65536 <= N; a += 65536)
        for (size_t b = a + 65536; b + 65536 <= N; b += 65536)
            CHECK(memcmp(buf + a, buf + b, 64) != 0, "chunks at %zu and %zu start alike", a, b);
    uint64_t ones = 0;
    unsigned counts[256] = {0};
    for (size_t i = 0; i < N; i++) {
        ones += (uint64_t)__builtin_popcount(buf[i]);
        counts[buf[i]]++;
    }
    double dev = (double)ones - (double)N * 4.0;
    CHECK(dev < 6 * 784.0 && dev > -6 * 784.0, "ones: %llu of %d bits", (unsigned long long)ones, N * 8);
    unsigned worst = 0;
    for (int v = 0; v < 256; v++) {
        unsigned d = counts[v] > 1200 ? counts[v] - 1200 : 1200 - counts[v];
        if (d > worst)
            worst = d;
    }
    CHECK(worst < 208, "byte counts: worst deviation %u from 1200", worst);
    free(buf);
}

/* test_pr - prediction resistance: works at any length, approved, distinct from the plain stream. */
static void test_pr(void)
{
    uint8_t a[100], b[100];
    fips140_indicator_clear();
    CHECK_OK(fips140_rand_bytes_pr(a, sizeof a), "pr 100");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "pr indicator %d", (int)fips140_indicator_get());
    CHECK_OK(fips140_rand_bytes_pr(b, sizeof b), "pr 100 again");
    CHECK(memcmp(a, b, sizeof a) != 0, "two pr outputs equal");
    CHECK_OK(fips140_rand_bytes(b, sizeof b), "plain after pr");
    CHECK(memcmp(a, b, sizeof a) != 0, "pr and plain outputs equal");
    uint8_t *big = malloc(70000);
    if (big != NULL) {
        CHECK_OK(fips140_rand_bytes_pr(big, 70000), "pr 70000 (two requests)");
        CHECK(memcmp(big, big + 65536, 64) != 0, "pr requests repeat");
        free(big);
    }
}

/* Two threads: each draws 64 outputs of 32 bytes; all 128 must be distinct. */
enum { THREAD_DRAWS = 64 };
static uint8_t thread_out[2 * THREAD_DRAWS][32];

static void *thread_main(void *arg)
{
    uint8_t(*out)[32] = thread_out + *(int *)arg * THREAD_DRAWS;
    for (int i = 0; i < THREAD_DRAWS; i++)
        if (fips140_rand_bytes(out[i], 32) != FIPS140_OK)
            return (void *)1;
    return NULL;
}

static int cmp32(const void *a, const void *b) { return memcmp(a, b, 32); }

static void test_threads(void)
{
    /* Repeat: threads that exit free their states (the pthread key destructor); a leak or a use after free would
     * show under the sanitizer builds. */
    for (int round = 0; round < 20; round++) {
        pthread_t th[2];
        int ids[2] = {0, 1};
        void *ret[2] = {NULL, NULL};
        for (int i = 0; i < 2; i++)
            CHECK(pthread_create(&th[i], NULL, thread_main, &ids[i]) == 0, "pthread_create");
        for (int i = 0; i < 2; i++) {
            pthread_join(th[i], &ret[i]);
            CHECK(ret[i] == NULL, "thread %d: rand failed", i);
        }
        qsort(thread_out, 2 * THREAD_DRAWS, 32, cmp32);
        int dup = 0;
        for (int i = 1; i < 2 * THREAD_DRAWS; i++)
            dup += memcmp(thread_out[i - 1], thread_out[i], 32) == 0;
        CHECK(dup == 0, "round %d: %d repeated outputs across two threads", round, dup);
    }
}

/* test_gcm_random_iv - §8.2.2 encryption: fresh IV per message, decryptable, approved. */
static void test_gcm_random_iv(void)
{
    static const uint8_t key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
    fips140_aes_gcm_ctx ctx;
    uint8_t pt[77], ct[77], back[77], aad[13], tag[16], iv[12], iv2[12];
    tu_rng r = {42};
    tu_fill(&r, pt, sizeof pt);
    tu_fill(&r, aad, sizeof aad);
    CHECK_OK(fips140_aes_gcm_init(&ctx, key, sizeof key), "gcm init");

    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 16, iv, aad, sizeof aad, pt, sizeof pt), "encrypt");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "random-IV encrypt indicator %d",
          (int)fips140_indicator_get());
    CHECK_OK(fips140_aes_gcm_decrypt(&ctx, back, iv, 12, aad, sizeof aad, ct, sizeof ct, tag, 16), "decrypt");
    CHECK_MEM(back, pt, sizeof pt, "round trip");
    /* The same message again: a different IV, hence a different ciphertext. */
    uint8_t ct2[77], tag2[16];
    CHECK_OK(fips140_aes_gcm_encrypt_random_iv(&ctx, ct2, tag2, 16, iv2, aad, sizeof aad, pt, sizeof pt), "again");
    CHECK(memcmp(iv, iv2, 12) != 0, "two generated IVs equal");
    CHECK(memcmp(ct, ct2, sizeof ct) != 0, "two ciphertexts equal");
    /* Same result as the caller-IV encryption with that IV (which is not approved). */
    uint8_t ct3[77], tag3[16];
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_encrypt(&ctx, ct3, tag3, 16, iv2, 12, aad, sizeof aad, pt, sizeof pt), "caller IV");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "caller-IV indicator %d",
          (int)fips140_indicator_get());
    CHECK_MEM(ct3, ct2, sizeof ct2, "random-IV ciphertext = caller-IV ciphertext");
    CHECK_MEM(tag3, tag2, 16, "random-IV tag = caller-IV tag");

    /* Streaming: start_random_iv → aad → update → finish, approved at every step. */
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_start_random_iv(&ctx, iv), "stream start");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "stream start indicator");
    CHECK_OK(fips140_aes_gcm_aad(&ctx, aad, sizeof aad), "stream aad");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "stream aad indicator");
    CHECK_OK(fips140_aes_gcm_update(&ctx, ct, pt, 30), "stream update 1");
    CHECK_OK(fips140_aes_gcm_update(&ctx, ct + 30, pt + 30, sizeof pt - 30), "stream update 2");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "stream update indicator");
    CHECK_OK(fips140_aes_gcm_finish(&ctx, tag, 12), "stream finish");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "stream finish indicator");
    CHECK_OK(fips140_aes_gcm_decrypt(&ctx, back, iv, 12, aad, sizeof aad, ct, sizeof ct, tag, 12), "stream decrypt");
    CHECK_MEM(back, pt, sizeof pt, "stream round trip");
    /* A non-approved tag length (5 bytes) works but is not approved. */
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 5, iv, NULL, 0, pt, sizeof pt), "5-byte tag");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "5-byte tag indicator %d",
          (int)fips140_indicator_get());
    /* A caller-IV message after a random-IV one is not approved (the flag does not leak). */
    CHECK_OK(fips140_aes_gcm_start(&ctx, FIPS140_GCM_ENCRYPT, iv, 12), "caller start");
    CHECK_OK(fips140_aes_gcm_finish(&ctx, tag, 16), "caller finish");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "caller-IV finish after random-IV");

    /* Errors, checked before an IV is drawn. */
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(NULL, ct, tag, 16, iv, NULL, 0, pt, 1), FIPS140_ERR_NULL, "ctx");
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 16, NULL, NULL, 0, pt, 1), FIPS140_ERR_NULL, "iv");
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(&ctx, NULL, tag, 16, iv, NULL, 0, pt, 1), FIPS140_ERR_NULL, "out");
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, NULL, 16, iv, NULL, 0, pt, 1), FIPS140_ERR_NULL, "tag");
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 16, iv, NULL, 3, pt, 1), FIPS140_ERR_NULL, "aad");
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 3, iv, NULL, 0, pt, 1), FIPS140_ERR_TAG_LENGTH, "tag 3");
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 17, iv, NULL, 0, pt, 1), FIPS140_ERR_TAG_LENGTH, "17");
    CHECK_ST(fips140_aes_gcm_start_random_iv(NULL, iv), FIPS140_ERR_NULL, "start ctx");
    CHECK_ST(fips140_aes_gcm_start_random_iv(&ctx, NULL), FIPS140_ERR_NULL, "start iv");
    fips140_aes_gcm_ctx blank;
    memset(&blank, 0, sizeof blank);
    CHECK_ST(fips140_aes_gcm_encrypt_random_iv(&blank, ct, tag, 16, iv, NULL, 0, pt, 1), FIPS140_ERR_STATE,
             "unkeyed context");
    fips140_wipe(&ctx, sizeof ctx);
}

/* only_child - FIPS140=only (this program re-executed with FIPS140=only: the module reads the mode once, at load):
 * the RNG and random-IV GCM work (approved services); a non-approved tag length is refused. Returns the number of
 * failed expectations. */
static int only_child(void)
{
    int bad = 0;
    uint8_t buf[64], key[16] = {0}, ct[8], tag[16], iv[12];
    fips140_aes_gcm_ctx ctx;
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    bad += fips140_rand_bytes(buf, sizeof buf) != FIPS140_OK;
    bad += fips140_rand_bytes_pr(buf, sizeof buf) != FIPS140_OK;
    bad += fips140_aes_gcm_init(&ctx, key, sizeof key) != FIPS140_OK;
    bad += fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 16, iv, NULL, 0, buf, sizeof ct) != FIPS140_OK;
    bad += fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, 5, iv, NULL, 0, buf, sizeof ct) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_aes_gcm_start_random_iv(&ctx, iv) != FIPS140_OK;
    bad += fips140_aes_gcm_finish(&ctx, tag, 6) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_aes_gcm_finish(&ctx, tag, 16) != FIPS140_OK;
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_child());
    TU_CHECK_CHILD("only", "only");
    tu_print_paths("test_rand");
    test_errors();
    test_lengths();
    test_large();
    test_pr();
    test_threads();
    test_gcm_random_iv();
    return tu_done();
}
