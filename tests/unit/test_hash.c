/* tests/unit/test_hash.c - the generic hash API (include/fips140/hash.h) for every algorithm, SHA-1 … SHAKE256:
 * metadata; one-shot vs OpenSSL EVP for lengths 0..600 and some large ones; streaming at every split point
 * (2-way up to 300 bytes, 3-way at 200 bytes, byte at a time, random chunks); empty input; SHAKE output in many
 * squeezes; fips140_hash_final_bits vs NIST ACVP bit-oriented vectors and vs independent references (SHA-1/2:
 * our own FIPS 180-4 §5.1 padding over OpenSSL's compression functions; SHA-3/SHAKE: a small Keccak written from
 * FIPS 202 §3); message-length limits; every documented error; the service indicator. */
#define OPENSSL_SUPPRESS_DEPRECATED /* SHA*_Transform: the compression functions for the bit-padding reference */
#include "test_util.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "test_hash_ref.h"

typedef struct alg_info {
    fips140_hash_alg alg;
    const char *ossl; /* OpenSSL fetch name */
    const char *acvp; /* fips140_hash_name() */
    size_t dlen, block;
    int xof;
} alg_info;

static const alg_info algs[] = {
    {FIPS140_SHA1, "SHA1", "SHA-1", 20, 64, 0},
    {FIPS140_SHA224, "SHA224", "SHA2-224", 28, 64, 0},
    {FIPS140_SHA256, "SHA256", "SHA2-256", 32, 64, 0},
    {FIPS140_SHA384, "SHA384", "SHA2-384", 48, 128, 0},
    {FIPS140_SHA512, "SHA512", "SHA2-512", 64, 128, 0},
    {FIPS140_SHA512_224, "SHA512-224", "SHA2-512/224", 28, 128, 0},
    {FIPS140_SHA512_256, "SHA512-256", "SHA2-512/256", 32, 128, 0},
    {FIPS140_SHA3_224, "SHA3-224", "SHA3-224", 28, 144, 0},
    {FIPS140_SHA3_256, "SHA3-256", "SHA3-256", 32, 136, 0},
    {FIPS140_SHA3_384, "SHA3-384", "SHA3-384", 48, 104, 0},
    {FIPS140_SHA3_512, "SHA3-512", "SHA3-512", 64, 72, 0},
    {FIPS140_SHAKE128, "SHAKE128", "SHAKE-128", 16, 168, 1},
    {FIPS140_SHAKE256, "SHAKE256", "SHAKE-256", 32, 136, 1},
};
#define NALGS (sizeof algs / sizeof algs[0])

static EVP_MD *mds[NALGS];

#define BIG (1u << 20)
static uint8_t data[BIG + 64];

/* oracle - OpenSSL's answer for HASH(msg) with outlen bytes (any length for SHAKE). */
static void oracle(size_t ai, uint8_t *out, size_t outlen, const uint8_t *msg, size_t len)
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c != NULL && EVP_DigestInit_ex(c, mds[ai], NULL) == 1 && EVP_DigestUpdate(c, msg, len) == 1;
    if (algs[ai].xof)
        ok = ok && EVP_DigestFinalXOF(c, out, outlen) == 1;
    else
        ok = ok && EVP_DigestFinal_ex(c, out, NULL) == 1;
    EVP_MD_CTX_free(c);
    if (!ok) {
        fprintf(stderr, "OpenSSL oracle failed for %s\n", algs[ai].ossl);
        abort();
    }
}

static void test_metadata(void)
{
    for (size_t i = 0; i < NALGS; i++) {
        const alg_info *a = &algs[i];
        CHECK(fips140_hash_digest_size(a->alg) == a->dlen, "%s digest size %zu", a->acvp,
              fips140_hash_digest_size(a->alg));
        CHECK(fips140_hash_block_size(a->alg) == a->block, "%s block size %zu", a->acvp,
              fips140_hash_block_size(a->alg));
        const char *n = fips140_hash_name(a->alg);
        CHECK(n != NULL && strcmp(n, a->acvp) == 0, "%s name %s", a->acvp, n ? n : "(null)");
        CHECK(fips140_hash_is_xof(a->alg) == a->xof, "%s is_xof", a->acvp);
        CHECK(a->dlen <= FIPS140_HASH_MAX_DIGEST && a->block <= FIPS140_HASH_MAX_BLOCK, "%s max sizes", a->acvp);
    }
    fips140_hash_alg bad[] = {(fips140_hash_alg)0, (fips140_hash_alg)14, (fips140_hash_alg)-1};
    for (size_t i = 0; i < 3; i++) {
        CHECK(fips140_hash_digest_size(bad[i]) == 0, "unknown alg %d digest size", (int)bad[i]);
        CHECK(fips140_hash_block_size(bad[i]) == 0, "unknown alg %d block size", (int)bad[i]);
        CHECK(fips140_hash_name(bad[i]) == NULL, "unknown alg %d name", (int)bad[i]);
        CHECK(fips140_hash_is_xof(bad[i]) == 0, "unknown alg %d is_xof", (int)bad[i]);
    }
}

/* One-shot vs OpenSSL: every length 0..600 (at shifting alignments) and some large ones; SHAKE also with long
 * outputs that cross the rate. */
static void test_oneshot(void)
{
    static const size_t big[] = {1000, 4095, 4096, 4097, 65536 + 13, BIG - 1, BIG};
    uint8_t got[400], want[400];
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        for (size_t i = 0; i < 601 + sizeof big / sizeof big[0]; i++) {
            size_t len = i <= 600 ? i : big[i - 601];
            const uint8_t *msg = data + (len <= 600 ? len % 8 : 0);
            size_t outlen = a->xof ? (len % 3 == 0 ? 1 + len % 400 : a->dlen) : a->dlen;
            oracle(ai, want, outlen, msg, len);
            memset(got, 0xEE, sizeof got);
            CHECK_OK(fips140_hash(a->alg, got, outlen, msg, len), "%s len %zu", a->acvp, len);
            CHECK_MEM(got, want, outlen, "%s one-shot len %zu outlen %zu", a->acvp, len, outlen);
            CHECK(outlen == sizeof got || got[outlen] == 0xEE, "%s wrote past outlen %zu", a->acvp, outlen);
        }
    }
}

/* stream - HASH over the parts of msg cut at the given points (ascending, ≤ len). */
static fips140_status stream(size_t ai, uint8_t *out, const uint8_t *msg, size_t len, const size_t *cuts, size_t ncuts)
{
    fips140_hash_ctx ctx;
    fips140_status st = fips140_hash_init(&ctx, algs[ai].alg);
    size_t pos = 0;
    for (size_t i = 0; i <= ncuts && st == FIPS140_OK; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        st = fips140_hash_update(&ctx, msg + pos, end - pos);
        pos = end;
    }
    if (st == FIPS140_OK)
        st = fips140_hash_final(&ctx, out, algs[ai].dlen);
    return st;
}

static void test_streaming(void)
{
    uint8_t got[64], want[64];
    tu_rng rng = {42};
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        /* Every 2-way split for every length up to 300: one check per length. */
        for (size_t len = 0; len <= 300; len++) {
            oracle(ai, want, a->dlen, data, len);
            size_t bad = SIZE_MAX;
            for (size_t cut = 0; cut <= len && bad == SIZE_MAX; cut++)
                if (stream(ai, got, data, len, &cut, 1) != FIPS140_OK || memcmp(got, want, a->dlen) != 0)
                    bad = cut;
            CHECK(bad == SIZE_MAX, "%s streaming len %zu: first bad split at %zu", a->acvp, len, bad);
        }
        /* Every 3-way split of a 200-byte message: one check per first cut. */
        oracle(ai, want, a->dlen, data, 200);
        for (size_t i = 0; i <= 200; i++) {
            size_t bad = SIZE_MAX;
            for (size_t j = i; j <= 200 && bad == SIZE_MAX; j++) {
                size_t cuts[2] = {i, j};
                if (stream(ai, got, data, 200, cuts, 2) != FIPS140_OK || memcmp(got, want, a->dlen) != 0)
                    bad = j;
            }
            CHECK(bad == SIZE_MAX, "%s 3-way split (%zu, %zu) of 200 bytes", a->acvp, i, bad);
        }
        /* Byte at a time over 1000 bytes; random chunks over 64 KiB (with empty updates). */
        fips140_hash_ctx ctx;
        fips140_status st = fips140_hash_init(&ctx, a->alg);
        for (size_t i = 0; i < 1000 && st == FIPS140_OK; i++)
            st = fips140_hash_update(&ctx, data + i, 1);
        if (st == FIPS140_OK)
            st = fips140_hash_final(&ctx, got, a->dlen);
        oracle(ai, want, a->dlen, data, 1000);
        CHECK(st == FIPS140_OK && memcmp(got, want, a->dlen) == 0, "%s byte-at-a-time 1000 (st %d)", a->acvp, st);

        st = fips140_hash_init(&ctx, a->alg);
        for (size_t pos = 0; pos < 65536 && st == FIPS140_OK;) {
            size_t n = tu_below(&rng, 4) == 0 ? 0 : tu_below(&rng, 700);
            if (n > 65536 - pos) n = 65536 - pos;
            st = fips140_hash_update(&ctx, data + pos, n);
            pos += n;
        }
        if (st == FIPS140_OK)
            st = fips140_hash_final(&ctx, got, a->dlen);
        oracle(ai, want, a->dlen, data, 65536);
        CHECK(st == FIPS140_OK && memcmp(got, want, a->dlen) == 0, "%s random chunks 64 KiB (st %d)", a->acvp, st);
    }
}

static void test_empty(void)
{
    uint8_t got[64], want[64];
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        oracle(ai, want, a->dlen, data, 0);
        fips140_hash_ctx ctx;
        CHECK_OK(fips140_hash_init(&ctx, a->alg), "%s init", a->acvp);
        CHECK_OK(fips140_hash_final(&ctx, got, a->dlen), "%s final without update", a->acvp);
        CHECK_MEM(got, want, a->dlen, "%s empty (no update)", a->acvp);
        CHECK_OK(fips140_hash_init(&ctx, a->alg), "%s init", a->acvp);
        CHECK_OK(fips140_hash_update(&ctx, NULL, 0), "%s update(NULL, 0)", a->acvp);
        CHECK_OK(fips140_hash_update(&ctx, data, 0), "%s update(p, 0)", a->acvp);
        CHECK_OK(fips140_hash_final(&ctx, got, a->dlen), "%s final", a->acvp);
        CHECK_MEM(got, want, a->dlen, "%s empty (empty updates)", a->acvp);
        CHECK_OK(fips140_hash(a->alg, got, a->dlen, NULL, 0), "%s one-shot NULL, 0", a->acvp);
        CHECK_MEM(got, want, a->dlen, "%s empty one-shot", a->acvp);
    }
}

/* SHAKE: any pattern of final + squeezes gives the same stream as one long output. */
static void test_shake_squeeze(void)
{
    enum { TOTAL = 1200 };
    static uint8_t want[TOTAL], got[TOTAL];
    tu_rng rng = {7};
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        if (!a->xof)
            continue;
        for (size_t mlen = 0; mlen < 400; mlen += 57) {
            oracle(ai, want, TOTAL, data, mlen);
            /* Pattern 1: final of k bytes, then the rest in pieces of 1, 2, 3, ... bytes. */
            for (size_t k = 0; k <= 340; k += (k < 40 ? 1 : 17)) {
                fips140_hash_ctx ctx;
                fips140_status st = fips140_hash_init(&ctx, a->alg);
                if (st == FIPS140_OK) st = fips140_hash_update(&ctx, data, mlen);
                if (st == FIPS140_OK) st = fips140_hash_final(&ctx, got, k);
                size_t pos = k;
                for (size_t piece = 1; pos < TOTAL && st == FIPS140_OK; piece++) {
                    size_t n = piece < TOTAL - pos ? piece : TOTAL - pos;
                    st = fips140_hash_squeeze(&ctx, got + pos, n);
                    pos += n;
                }
                CHECK(st == FIPS140_OK, "%s squeeze status %d", a->acvp, st);
                CHECK_MEM(got, want, TOTAL, "%s msg %zu: final %zu then growing squeezes", a->acvp, mlen, k);
            }
            /* Pattern 2: random piece sizes, including empty squeezes and pieces longer than the rate. */
            for (int rep = 0; rep < 20; rep++) {
                fips140_hash_ctx ctx;
                fips140_status st = fips140_hash_init(&ctx, a->alg);
                if (st == FIPS140_OK) st = fips140_hash_update(&ctx, data, mlen);
                if (st == FIPS140_OK) st = fips140_hash_final(&ctx, got, 0);
                for (size_t pos = 0; pos < TOTAL && st == FIPS140_OK;) {
                    size_t n = tu_below(&rng, 5) == 0 ? 0 : tu_below(&rng, 400);
                    if (n > TOTAL - pos) n = TOTAL - pos;
                    st = fips140_hash_squeeze(&ctx, got + pos, n);
                    pos += n;
                }
                CHECK(st == FIPS140_OK, "%s squeeze status %d", a->acvp, st);
                CHECK_MEM(got, want, TOTAL, "%s msg %zu: random squeezes (rep %d)", a->acvp, mlen, rep);
            }
        }
    }
}

/* Bit-oriented vectors from NIST ACVP (tests/vectors/acvp/<alg>/internalProjection.json.gz; credit NIST):
 * msg hex, length in bits, digest (outlen bytes). */
typedef struct bit_vector {
    fips140_hash_alg alg;
    const char *msg;
    size_t bits;
    const char *md;
} bit_vector;

static const bit_vector acvp_bits[] = {
    {FIPS140_SHA224, "EA7FA2", 23, "5B495A54D7D32D7956ADB27F0DEFFDE8A3852A0695F0E154850038DE"}, /* tcId 6 */
    {FIPS140_SHA224, "CB60", 13, "9272678FE5478A267BE19DE2ABD2D557661C1BB7D6235C98938B59F6"},   /* tcId 24 */
    {FIPS140_SHA224, "C0", 2, "D292E85981C477C7A8C30551941E8B4A6FDDC7A09B753DF67F0A2490"},     /* tcId 57 */
    {FIPS140_SHA384, "AB3D7E204DFEE0", 51,
     "C0AE6AE97BF596477FDB59FF07FA95C6D07CDA03CAF045C710A29E77097C4C12011780C02B65AA0588908E6B56A0A1AB"}, /* 4 */
    {FIPS140_SHA384, "61A7B78E251C71D153E390", 85,
     "320D8F535E9B7F1CC1BC1677C19517AB4B5F4B53AAAC689AC36E904E406C38D7AF1D3E62C237DAD8D015C4EFC27EC19E"}, /* 87 */
    {FIPS140_SHA3_256, "A4B7CCA7E3FE0AB0", 60, "050E6CDAC910C3ADD0F47BAC7D7080AC15394BB7078634CE775BE1D347F473D0"},
    {FIPS140_SHA3_256, "3E5BE51F988E6E436784294D40", 98,
     "6A4EAE8107F7D2D8B961F27CB3DF80F112EEA70664921A29A61B440870CCAF09"}, /* tcId 7 */
    {FIPS140_SHA3_256, "AA", 7, "DB5FDECDB698C0965DDDDAE8C7E657182253F26DEB0EDA84A5B2E26AC499931A"}, /* tcId 13 */
    {FIPS140_SHA3_512, "791BFE4098", 38,
     "7BB58AF12EA0FF0C9B36236ECB578536AB00577EAA9DBDBF05068CFD2629BC98"
     "B7B62DF00343EE6FDE708E91C9FB8905D3E0411B2CC993D4044791DCD179D15B"}, /* tcId 6 */
    {FIPS140_SHA3_512, "E9ED80", 17,
     "CB48121619C1F8C7AEF8A0D8F532F2D787549B48825B86EE7D071F6816F48637"
     "278CEB444FB9FCD0333C0A0085BAEC4EBE202102F0B23D05E0E70BFD40977283"}, /* tcId 16 */
    {FIPS140_SHAKE128, "80", 1, "360054BE974A5FBDBB5FB9CA76C6569A"},                                  /* tcId 1 */
    {FIPS140_SHAKE128, "60", 3, "E529DB68331490F1AFCFB8949D7C3463"},                                  /* tcId 3 */
    {FIPS140_SHAKE256, "80", 1, "2CF36A2683A28FA23AE61F45B65348AF5836A89864309B122C25295FDDF37E1B"},  /* tcId 1 */
    {FIPS140_SHAKE256, "60", 3, "7CD75713AA9ADAD98E24652D4A2404BB74B1929704901EE7F044FAA3DA354760"},  /* tcId 3 */
};

static size_t alg_index(fips140_hash_alg alg)
{
    for (size_t i = 0; i < NALGS; i++)
        if (algs[i].alg == alg) return i;
    abort();
}

/* reference - the independent answer for a bit message. */
static void reference(size_t ai, uint8_t *out, size_t outlen, const uint8_t *msg, size_t nbytes, uint8_t last,
                      unsigned nbits)
{
    if (ai < 7)
        ref_sha_bits(algs[ai].alg, out, msg, nbytes, last, nbits);
    else
        ref_keccak_bits(algs[ai].block, algs[ai].xof, out, outlen, msg, nbytes, last, nbits);
}

/* module_bits - the module's answer: nbytes through update, then final_bits. */
static fips140_status module_bits(size_t ai, uint8_t *out, size_t outlen, const uint8_t *msg, size_t nbytes,
                                  uint8_t last, unsigned nbits)
{
    fips140_hash_ctx ctx;
    fips140_status st = fips140_hash_init(&ctx, algs[ai].alg);
    if (st == FIPS140_OK) st = fips140_hash_update(&ctx, msg, nbytes);
    if (st == FIPS140_OK) st = fips140_hash_final_bits(&ctx, out, outlen, last, nbits);
    return st;
}

static void test_final_bits(void)
{
    uint8_t got[300], want[300], ref[300], msg[64];
    /* 1. The references agree with OpenSSL on whole-byte messages (validates them). */
    for (size_t ai = 0; ai < NALGS; ai++) {
        size_t outlen = algs[ai].xof ? 300 : algs[ai].dlen;
        for (size_t len = 0; len <= 300; len += (len < 20 ? 1 : 7)) {
            oracle(ai, want, outlen, data, len);
            reference(ai, ref, outlen, data, len, 0, 0);
            CHECK_MEM(ref, want, outlen, "test reference for %s, len %zu, disagrees with OpenSSL", algs[ai].acvp, len);
        }
    }
    /* 2. ACVP bit-oriented vectors: the module, and the references (which fixes their bit convention). */
    for (size_t i = 0; i < sizeof acvp_bits / sizeof acvp_bits[0]; i++) {
        const bit_vector *v = &acvp_bits[i];
        size_t ai = alg_index(v->alg);
        size_t mlen = tu_unhex(msg, sizeof msg, v->msg);
        size_t dlen = tu_unhex(want, sizeof want, v->md);
        size_t nbytes = v->bits / 8;
        unsigned nbits = (unsigned)(v->bits % 8);
        uint8_t last = nbits ? msg[mlen - 1] : 0;
        reference(ai, ref, dlen, msg, nbytes, last, nbits);
        CHECK_MEM(ref, want, dlen, "test reference vs ACVP %s %zu bits", algs[ai].acvp, v->bits);
        memset(got, 0, sizeof got);
        CHECK_OK(module_bits(ai, got, dlen, msg, nbytes, last, nbits), "%s final_bits", algs[ai].acvp);
        CHECK_MEM(got, want, dlen, "final_bits vs ACVP %s, %zu-bit message %s", algs[ai].acvp, v->bits, v->msg);
    }
    /* 3. Module vs reference: every algorithm, nbits 0..7, lengths around every block/padding boundary, with
     *    random bits below the used ones (which must be ignored). */
    tu_rng rng = {99};
    for (size_t ai = 0; ai < NALGS; ai++) {
        size_t outlen = algs[ai].xof ? 200 : algs[ai].dlen;
        for (size_t nbytes = 0; nbytes <= 290; nbytes += (nbytes < 150 ? 1 : 13)) {
            for (unsigned nbits = 0; nbits < 8; nbits++) {
                uint8_t last = (uint8_t)tu_next(&rng);
                reference(ai, ref, outlen, data, nbytes, last, nbits);
                fips140_status st = module_bits(ai, got, outlen, data, nbytes, last, nbits);
                CHECK(st == FIPS140_OK && memcmp(got, ref, outlen) == 0,
                      "%s final_bits: %zu bytes + %u bits (last 0x%02x): status %d, digest %s", algs[ai].acvp, nbytes,
                      nbits, last, (int)st, st == FIPS140_OK ? "differs from the reference" : "-");
            }
        }
        /* SHAKE: squeezing after final_bits continues the same stream. */
        if (algs[ai].xof) {
            reference(ai, ref, 300, data, 33, 0xA5, 5);
            fips140_hash_ctx ctx;
            fips140_status st = fips140_hash_init(&ctx, algs[ai].alg);
            if (st == FIPS140_OK) st = fips140_hash_update(&ctx, data, 33);
            if (st == FIPS140_OK) st = fips140_hash_final_bits(&ctx, got, 7, 0xA5, 5);
            if (st == FIPS140_OK) st = fips140_hash_squeeze(&ctx, got + 7, 293);
            CHECK(st == FIPS140_OK, "%s final_bits + squeeze status %d", algs[ai].acvp, (int)st);
            CHECK_MEM(got, ref, 300, "%s final_bits + squeeze", algs[ai].acvp);
        }
    }
}

/* Message-length limits: SHA-1/224/256 accept at most 2^64-1 bits, i.e. 2^61-1 bytes (FIPS 180-4 §1). A giant
 * len must be refused before any byte is read; run in a child so that a wrong implementation only fails. */
static int giant_update_child(void *arg)
{
    const alg_info *a = (const alg_info *)arg;
    fips140_hash_ctx ctx;
    uint8_t small[16] = {0};
    if (fips140_hash_init(&ctx, a->alg) != FIPS140_OK) return 2;
    if (fips140_hash_update(&ctx, small, SIZE_MAX) != FIPS140_ERR_DATA_LENGTH) return 1;
    if (fips140_hash_update(&ctx, small, (size_t)1 << 61) != FIPS140_ERR_DATA_LENGTH) return 3;
    return 0;
}

static void test_limits(void)
{
    for (size_t ai = 0; ai < 3; ai++) { /* SHA-1, SHA-224, SHA-256 */
        int rc = tu_child(giant_update_child, (void *)&algs[ai]);
        CHECK(rc == 0, "%s update(p, SIZE_MAX / 2^61) must be FIPS140_ERR_DATA_LENGTH without reading: child %s %d",
              algs[ai].acvp, rc >= 1000 ? "killed by signal" : "exit", rc >= 1000 ? rc - 1000 : rc);
    }
    /* Exact boundary, using the documented byte counter of the (caller-owned) state. */
    fips140_hash_ctx ctx;
    uint8_t buf[16] = {0};
    CHECK_OK(fips140_hash_init(&ctx, FIPS140_SHA256), "init");
    ctx.u.sha256.nbytes = ((uint64_t)1 << 61) - 10;
    CHECK_OK(fips140_hash_update(&ctx, buf, 9), "SHA-256 up to 2^61-1 bytes is allowed");
    CHECK_ST(fips140_hash_update(&ctx, buf, 1), FIPS140_ERR_DATA_LENGTH, "SHA-256 byte 2^61 is over the limit");
    CHECK_OK(fips140_hash_init(&ctx, FIPS140_SHA1), "init");
    ctx.u.sha1.nbytes = ((uint64_t)1 << 61) - 1;
    CHECK_ST(fips140_hash_update(&ctx, buf, 1), FIPS140_ERR_DATA_LENGTH, "SHA-1 byte 2^61 is over the limit");
    CHECK_OK(fips140_hash_init(&ctx, FIPS140_SHA512), "init");
    ctx.u.sha512.nbytes_hi = ((uint64_t)1 << 61) - 1; /* 2^125 - 1 bytes = 2^128 - 8 bits: the last allowed */
    ctx.u.sha512.nbytes_lo = UINT64_MAX - 5;
    CHECK_OK(fips140_hash_update(&ctx, buf, 5), "SHA-512 up to 2^125-1 bytes is allowed");
    CHECK_ST(fips140_hash_update(&ctx, buf, 1), FIPS140_ERR_DATA_LENGTH, "SHA-512 byte 2^125 is over the limit");
}

static void test_errors(void)
{
    fips140_hash_ctx ctx;
    uint8_t out[200];
    CHECK_ST(fips140_hash_init(NULL, FIPS140_SHA256), FIPS140_ERR_NULL, "init NULL ctx");
    CHECK_ST(fips140_hash_update(NULL, data, 1), FIPS140_ERR_NULL, "update NULL ctx");
    CHECK_ST(fips140_hash_final(NULL, out, 32), FIPS140_ERR_NULL, "final NULL ctx");
    CHECK_ST(fips140_hash_final_bits(NULL, out, 32, 0, 1), FIPS140_ERR_NULL, "final_bits NULL ctx");
    CHECK_ST(fips140_hash_squeeze(NULL, out, 32), FIPS140_ERR_NULL, "squeeze NULL ctx");
    CHECK_ST(fips140_hash_init(&ctx, (fips140_hash_alg)0), FIPS140_ERR_ARG, "init alg 0");
    CHECK_ST(fips140_hash_init(&ctx, (fips140_hash_alg)14), FIPS140_ERR_ARG, "init alg 14");
    CHECK_ST(fips140_hash((fips140_hash_alg)0, out, 32, data, 3), FIPS140_ERR_ARG, "one-shot alg 0");
    CHECK_ST(fips140_hash((fips140_hash_alg)99, out, 32, data, 3), FIPS140_ERR_ARG, "one-shot alg 99");
    CHECK_ST(fips140_hash(FIPS140_SHA256, out, 32, NULL, 3), FIPS140_ERR_NULL, "one-shot NULL data, len 3");
    CHECK_ST(fips140_hash(FIPS140_SHA256, NULL, 32, data, 3), FIPS140_ERR_NULL, "one-shot NULL out");
    CHECK_ST(fips140_hash(FIPS140_SHA256, out, 31, data, 3), FIPS140_ERR_OUTPUT_LENGTH, "one-shot outlen 31");
    CHECK_OK(fips140_hash(FIPS140_SHAKE128, NULL, 0, data, 3), "SHAKE one-shot with outlen 0");

    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        CHECK_OK(fips140_hash_init(&ctx, a->alg), "%s init", a->acvp);
        CHECK_ST(fips140_hash_update(&ctx, NULL, 1), FIPS140_ERR_NULL, "%s update NULL data, len 1", a->acvp);
        CHECK_OK(fips140_hash_update(&ctx, data, 10), "%s update", a->acvp);
        if (!a->xof) {
            CHECK_ST(fips140_hash_squeeze(&ctx, out, 8), FIPS140_ERR_STATE, "%s squeeze before final", a->acvp);
            size_t wrong[] = {a->dlen - 1, a->dlen + 1, 0, 200};
            for (size_t w = 0; w < 4; w++)
                CHECK_ST(fips140_hash_final(&ctx, out, wrong[w]), FIPS140_ERR_OUTPUT_LENGTH, "%s final outlen %zu",
                         a->acvp, wrong[w]);
            CHECK_ST(fips140_hash_final_bits(&ctx, out, a->dlen + 1, 0, 3), FIPS140_ERR_OUTPUT_LENGTH,
                     "%s final_bits outlen %zu", a->acvp, a->dlen + 1);
            CHECK_ST(fips140_hash(a->alg, out, a->dlen + 1, data, 10), FIPS140_ERR_OUTPUT_LENGTH,
                     "%s one-shot outlen %zu", a->acvp, a->dlen + 1);
            /* A refused final leaves the state as it was (DESIGN §3.4: nothing half-written). */
            uint8_t want[64];
            oracle(ai, want, a->dlen, data, 10);
            CHECK_OK(fips140_hash_final(&ctx, out, a->dlen), "%s final after a refused final", a->acvp);
            CHECK_MEM(out, want, a->dlen, "%s digest after a refused final", a->acvp);
            CHECK_ST(fips140_hash_squeeze(&ctx, out, 8), FIPS140_ERR_STATE, "%s squeeze after final", a->acvp);
        } else {
            CHECK_ST(fips140_hash_squeeze(&ctx, out, 8), FIPS140_ERR_STATE, "%s squeeze before final", a->acvp);
            CHECK_ST(fips140_hash_final(&ctx, NULL, 8), FIPS140_ERR_NULL, "%s final NULL out", a->acvp);
            CHECK_OK(fips140_hash_final(&ctx, out, 0), "%s final outlen 0", a->acvp);
            CHECK_ST(fips140_hash_squeeze(&ctx, NULL, 8), FIPS140_ERR_NULL, "%s squeeze NULL out", a->acvp);
            CHECK_OK(fips140_hash_squeeze(&ctx, out, 8), "%s squeeze", a->acvp);
        }
        CHECK_ST(fips140_hash_update(&ctx, data, 1), FIPS140_ERR_STATE, "%s update after final", a->acvp);
        CHECK_ST(fips140_hash_update(&ctx, NULL, 0), FIPS140_ERR_STATE, "%s empty update after final", a->acvp);
        CHECK_ST(fips140_hash_final(&ctx, out, a->dlen), FIPS140_ERR_STATE, "%s final after final", a->acvp);
        CHECK_ST(fips140_hash_final_bits(&ctx, out, a->dlen, 0x80, 1), FIPS140_ERR_STATE, "%s final_bits after final",
                 a->acvp);
        /* nbits must be 0..7. */
        CHECK_OK(fips140_hash_init(&ctx, a->alg), "%s init", a->acvp);
        fips140_status st = fips140_hash_final_bits(&ctx, out, a->dlen, 0xFF, 8);
        CHECK(st != FIPS140_OK, "%s final_bits with nbits 8 accepted", a->acvp);
    }
    /* A zeroed (never initialised) context. */
    memset(&ctx, 0, sizeof ctx);
    CHECK_ST(fips140_hash_update(&ctx, data, 1), FIPS140_ERR_STATE, "update on a zeroed ctx");
    CHECK_ST(fips140_hash_final(&ctx, out, 32), FIPS140_ERR_STATE, "final on a zeroed ctx");
    CHECK_ST(fips140_hash_squeeze(&ctx, out, 32), FIPS140_ERR_STATE, "squeeze on a zeroed ctx");
}

static void test_indicator(void)
{
    uint8_t out[64];
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        fips140_indicator_clear();
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "indicator after clear");
        CHECK_OK(fips140_hash(a->alg, out, a->dlen, data, 100), "%s", a->acvp);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "%s one-shot indicator %d", a->acvp,
              (int)fips140_indicator_get());
        fips140_hash_ctx ctx;
        CHECK_OK(fips140_hash_init(&ctx, a->alg), "%s init", a->acvp);
        CHECK_OK(fips140_hash_update(&ctx, data, 100), "%s update", a->acvp);
        fips140_indicator_clear();
        CHECK_OK(fips140_hash_final(&ctx, out, a->dlen), "%s final", a->acvp);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "%s streaming indicator %d", a->acvp,
              (int)fips140_indicator_get());
        /* A failing call does not set it. */
        fips140_indicator_clear();
        fips140_status st = fips140_hash(a->alg, out, a->xof ? 0 : a->dlen, NULL, 5);
        CHECK(st == FIPS140_ERR_NULL && fips140_indicator_get() == FIPS140_INDICATOR_NONE,
              "%s failed call: status %d indicator %d", a->acvp, st, (int)fips140_indicator_get());
    }
}

int main(void)
{
    tu_print_paths("test_hash");
    for (size_t i = 0; i < NALGS; i++) {
        mds[i] = EVP_MD_fetch(NULL, algs[i].ossl, NULL);
        if (mds[i] == NULL) {
            fprintf(stderr, "OpenSSL has no %s\n", algs[i].ossl);
            return 2;
        }
    }
    tu_rng rng = {0x5eed};
    tu_fill(&rng, data, sizeof data);

    test_metadata();
    test_empty();
    test_oneshot();
    test_streaming();
    test_shake_squeeze();
    test_final_bits();
    test_limits();
    test_errors();
    test_indicator();

    for (size_t i = 0; i < NALGS; i++)
        EVP_MD_free(mds[i]);
    return tu_done();
}
