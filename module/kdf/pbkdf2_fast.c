/* module/kdf/pbkdf2_fast.c - PBKDF2's iteration loop (SP 800-132 §5.3 step 4, RFC 8018 §5.2 function F):
 * T = U_1 ^ U_2 ^ ... ^ U_c with U_j = HMAC(P, U_{j-1}).
 *
 * For SHA-1 and SHA-2, every U_j after the first is an HMAC of exactly one digest-sized message, so both hashes of
 * HMAC(P, U) (FIPS 198-1 §4) are one compression each (FIPS 180-4 §6) from the keyed states: the inner hash
 * compresses the block U || 0x80 || 0... || len, starting from the state after K0 ^ ipad, and the outer hash
 * compresses H_inner || 0x80 || 0... || len from the state after K0 ^ opad (len = (B + L) * 8 bits both times,
 * §5.1.1 / §5.1.2 padding). The blocks are padded once; each iteration only rewrites their first L bytes. The
 * compression functions (fips140_sha*_blocks) dispatch to SHA-NI or the tuned/portable code. SHA-3 HMACs take the
 * generic path. Nothing here branches on the password or the data. */
#include <string.h>
#include "../core/internal.h"
#include "../hash/hash_internal.h"
#include "prf_hmac.h"

/* iterate32 - SHA-1 (5 words), SHA-224 (7) and SHA-256 (8): 64-byte blocks, 32-bit big-endian words. */
static void iterate32(uint32_t alg, const uint32_t *ih, const uint32_t *oh, size_t nw, uint8_t *t, const uint8_t *u,
                      uint64_t c)
{
    uint8_t ib[64], ob[64];
    uint32_t s[8], acc[8];
    size_t dlen = nw * 4;

    /* FIPS 180-4 §5.1.1: the message is 64 key-block bytes then dlen bytes; 0x80, zeros, 64-bit bit length. */
    memset(ib, 0, sizeof ib);
    memcpy(ib, u, dlen);
    ib[dlen] = 0x80;
    store64_be(ib + 56, (uint64_t)(64 + dlen) * 8u);
    memcpy(ob, ib, sizeof ob);
    for (size_t i = 0; i < nw; i++)
        acc[i] = load32_be(t + 4 * i);

    for (uint64_t j = 1; j < c; j++) {
        /* inner: H((K0 ^ ipad) || U_{j-1}) */
        memcpy(s, ih, nw == 5 ? 20 : 32);
        if (alg == FIPS140_SHA1)
            fips140_sha1_blocks(s, ib, 1);
        else
            fips140_sha256_blocks(s, ib, 1);
        for (size_t i = 0; i < nw; i++)
            store32_be(ob + 4 * i, s[i]);
        /* outer: U_j = H((K0 ^ opad) || inner) */
        memcpy(s, oh, nw == 5 ? 20 : 32);
        if (alg == FIPS140_SHA1)
            fips140_sha1_blocks(s, ob, 1);
        else
            fips140_sha256_blocks(s, ob, 1);
        for (size_t i = 0; i < nw; i++) {
            store32_be(ib + 4 * i, s[i]);
            acc[i] ^= s[i];
        }
    }
    for (size_t i = 0; i < nw; i++)
        store32_be(t + 4 * i, acc[i]);
    fips140_wipe(ib, sizeof ib);
    fips140_wipe(ob, sizeof ob);
    fips140_wipe(s, sizeof s);
    fips140_wipe(acc, sizeof acc);
}

/* put64 - the first n (<= 8) bytes of the big-endian encoding of v. */
static void put64(uint8_t *p, uint64_t v, size_t n)
{
    uint8_t b[8];
    store64_be(b, v);
    memcpy(p, b, n);
}

/* iterate64 - SHA-384, SHA-512, SHA-512/224, SHA-512/256: 128-byte blocks, 64-bit words; the digest is the first
 * dlen bytes of the state (SHA-512/224 ends in half a word). */
static void iterate64(const uint64_t *ih, const uint64_t *oh, size_t dlen, uint8_t *t, const uint8_t *u, uint64_t c)
{
    uint8_t ib[128], ob[128];
    uint64_t s[8], acc[8];
    size_t nw = (dlen + 7) / 8;

    /* FIPS 180-4 §5.1.2: 0x80, zeros, 128-bit bit length (high 64 bits zero). */
    memset(ib, 0, sizeof ib);
    memcpy(ib, u, dlen);
    ib[dlen] = 0x80;
    store64_be(ib + 120, (uint64_t)(128 + dlen) * 8u);
    memcpy(ob, ib, sizeof ob);
    memset(acc, 0, sizeof acc);
    {
        uint8_t tb[64];
        memset(tb, 0, sizeof tb);
        memcpy(tb, t, dlen);
        for (size_t i = 0; i < nw; i++)
            acc[i] = load64_be(tb + 8 * i);
        fips140_wipe(tb, sizeof tb);
    }

    for (uint64_t j = 1; j < c; j++) {
        memcpy(s, ih, sizeof s);
        fips140_sha512_blocks(s, ib, 1);
        for (size_t i = 0; i < nw; i++)
            put64(ob + 8 * i, s[i], dlen - 8 * i < 8 ? dlen - 8 * i : 8);
        memcpy(s, oh, sizeof s);
        fips140_sha512_blocks(s, ob, 1);
        for (size_t i = 0; i < nw; i++) {
            put64(ib + 8 * i, s[i], dlen - 8 * i < 8 ? dlen - 8 * i : 8);
            acc[i] ^= s[i];
        }
    }
    for (size_t i = 0; i < nw; i++)
        put64(t + 8 * i, acc[i], dlen - 8 * i < 8 ? dlen - 8 * i : 8);
    fips140_wipe(ib, sizeof ib);
    fips140_wipe(ob, sizeof ob);
    fips140_wipe(s, sizeof s);
    fips140_wipe(acc, sizeof acc);
}

/* iterate_generic - any HMAC (the SHA-3 ones): U_j = HMAC(P, U_{j-1}) through the hash front. */
static void iterate_generic(const prf_hmac *h, uint8_t *t, const uint8_t *u, uint64_t c)
{
    prf_hmac w = *h;
    uint8_t cur[FIPS140_HASH_MAX_DIGEST];
    memcpy(cur, u, h->dlen);
    for (uint64_t j = 1; j < c; j++) {
        prf_hmac_start(&w);
        prf_hmac_update(&w, cur, w.dlen);
        prf_hmac_finish(&w, cur);
        for (size_t i = 0; i < w.dlen; i++)
            t[i] ^= cur[i];
    }
    fips140_wipe(cur, sizeof cur);
    prf_hmac_wipe(&w);
}

void prf_hmac_iterate(const prf_hmac *h, uint8_t *t, const uint8_t *u, uint64_t c)
{
    switch (h->alg) {
    case FIPS140_SHA1:
        iterate32(h->alg, h->ik.u.sha1.h, h->ok.u.sha1.h, 5, t, u, c);
        break;
    case FIPS140_SHA224:
    case FIPS140_SHA256:
        iterate32(h->alg, h->ik.u.sha256.h, h->ok.u.sha256.h, h->dlen / 4, t, u, c);
        break;
    case FIPS140_SHA384:
    case FIPS140_SHA512:
    case FIPS140_SHA512_224:
    case FIPS140_SHA512_256:
        iterate64(h->ik.u.sha512.h, h->ok.u.sha512.h, h->dlen, t, u, c);
        break;
    default:
        iterate_generic(h, t, u, c);
        break;
    }
}
