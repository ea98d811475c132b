/* module/aes/keywrap.c - AES Key Wrap (KW) and Key Wrap with Padding (KWP), NIST SP 800-38F §6.1-§6.3, public
 * services fips140_aes_kw_* and fips140_aes_kwp_*.
 *
 * The wrapping function W (§6.1 Algorithm 1) runs its s = 6(n-1) steps in the indexed form of RFC 3394 §2.2.1
 * (step t = (n-1)j + i updates A and R_i in place), which is the same function; W^-1 (Algorithm 2) runs them
 * backwards. CIPH_K is AES encryption, or for kwCipher "inverse" (§5.1: the inverse cipher may serve as the
 * forward function) AES decryption, with the other one as CIPH_K^-1. Unwrapping works in the caller's output
 * buffer; the integrity check value, the KWP length indicator and the padding are checked without branches on
 * secret data, and on any mismatch the output is zeroed and FIPS140_ERR_AUTH returned. */
#include <string.h>
#include "aes_internal.h"
#include <fips140/keywrap.h>
#include "../core/ct.h"

#define SEMI 8
#define KW_MAX_SEMIBLOCKS ((uint64_t)1 << 54) /* §5.3.1: KW plaintexts have fewer than 2^54 semiblocks */
#define KWP_MAX_LEN ((uint64_t)0xFFFFFFFFu)  /* §5.3.1: KWP plaintexts fit the 32-bit length indicator */

static const uint8_t ICV1[SEMI] = {0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6}; /* §6.2 */
static const uint8_t ICV2[4] = {0xA6, 0x59, 0x59, 0xA6};                              /* §6.3 */

/* ciph - one 16-byte block through CIPH_K (forward != 0) or CIPH_K^-1, as selected by cipher. */
static void ciph(const aes_sched *ks, int cipher, int forward, uint8_t blk[16])
{
    if ((cipher == FIPS140_KW_CIPHER) == (forward != 0))
        aes_encrypt_blocks(ks, blk, blk, 1);
    else
        aes_decrypt_blocks(ks, blk, blk, 1);
}

/* wrap_w - §6.1 Algorithm 1 W(S) on S = a || r[0..8(n-1)), n >= 3 semiblocks; result in place. */
static void wrap_w(const aes_sched *ks, int cipher, uint8_t a[SEMI], uint8_t *r, size_t n)
{
    uint8_t b[16];
    uint64_t t = 1;
    memcpy(b, a, SEMI);
    for (unsigned j = 0; j < 6; j++) {
        for (size_t i = 0; i < n - 1; i++, t++) {
            memcpy(b + SEMI, r + SEMI * i, SEMI);
            ciph(ks, cipher, 1, b);                  /* CIPH_K(A || R_i) */
            store64_be(b, load64_be(b) ^ t);         /* A = MSB_64(...) ^ [t]_64 */
            memcpy(r + SEMI * i, b + SEMI, SEMI);    /* R_i = LSB_64(...) */
        }
    }
    memcpy(a, b, SEMI);
    fips140_wipe(b, sizeof b);
}

/* unwrap_w - §6.1 Algorithm 2 W^-1(C) on C = a || r[0..8(n-1)), n >= 3 semiblocks; result in place. */
static void unwrap_w(const aes_sched *ks, int cipher, uint8_t a[SEMI], uint8_t *r, size_t n)
{
    uint8_t b[16];
    uint64_t t = 6 * (uint64_t)(n - 1);
    memcpy(b, a, SEMI);
    for (unsigned j = 6; j-- > 0;) {
        for (size_t i = n - 1; i-- > 0; t--) {
            store64_be(b, load64_be(b) ^ t);         /* A ^ [t]_64 */
            memcpy(b + SEMI, r + SEMI * i, SEMI);
            ciph(ks, cipher, 0, b);                  /* CIPH_K^-1((A ^ [t]) || R_i) */
            memcpy(r + SEMI * i, b + SEMI, SEMI);
        }
    }
    memcpy(a, b, SEMI);
    fips140_wipe(b, sizeof b);
}

/* check_common - the gate and the arguments every entry shares. */
static fips140_status check_common(cast_id id, const fips140_aes_key *key, int cipher, uint8_t *out,
                                   size_t *outlen, const uint8_t *in)
{
    fips140_status st = fips140_service_begin(id);
    if (st != FIPS140_OK)
        return st;
    if (key == NULL || out == NULL || outlen == NULL || in == NULL)
        return FIPS140_ERR_NULL;
    if (cipher != FIPS140_KW_CIPHER && cipher != FIPS140_KW_INVERSE)
        return FIPS140_ERR_ARG;
    return FIPS140_OK;
}

/* ---- KW, §6.2. */

fips140_status fips140_aes_kw_wrap(const fips140_aes_key *key, int cipher, uint8_t *out, size_t *outlen,
                                   const uint8_t *in, size_t len)
{
    fips140_status st = check_common(CAST_AES_KW, key, cipher, out, outlen, in);
    if (st != FIPS140_OK)
        return st;
    if (len % SEMI != 0 || len < 2 * SEMI || (uint64_t)(len / SEMI) >= KW_MAX_SEMIBLOCKS)
        return FIPS140_ERR_DATA_LENGTH; /* §6.2 Algorithm 3: n >= 2 semiblocks */
    /* Algorithm 3 steps 1-2: S = ICV1 || P; C = W(S). */
    uint8_t a[SEMI];
    memcpy(a, ICV1, SEMI);
    memmove(out + SEMI, in, len);
    wrap_w(aes_sched_of_const(key), cipher, a, out + SEMI, len / SEMI + 1);
    memcpy(out, a, SEMI);
    *outlen = len + SEMI;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_aes_kw_unwrap(const fips140_aes_key *key, int cipher, uint8_t *out, size_t *outlen,
                                     const uint8_t *in, size_t len)
{
    fips140_status st = check_common(CAST_AES_KW, key, cipher, out, outlen, in);
    if (st != FIPS140_OK)
        return st;
    if (len % SEMI != 0 || len < 3 * SEMI || (uint64_t)(len / SEMI) > KW_MAX_SEMIBLOCKS)
        return FIPS140_ERR_DATA_LENGTH; /* §6.2 Algorithm 4: n >= 3 semiblocks */
    /* Algorithm 4 steps 1-4: S = W^-1(C); MSB_64(S) must be ICV1; P = LSB(S). */
    uint8_t a[SEMI];
    memcpy(a, in, SEMI);
    memmove(out, in + SEMI, len - SEMI);
    unwrap_w(aes_sched_of_const(key), cipher, a, out, len / SEMI);
    const int ok = ct_memeq(a, ICV1, SEMI);
    fips140_wipe(a, sizeof a);
    ct_memzero_if((uint8_t)(ok - 1), out, len - SEMI); /* ok == 0: mask 0xFF, zero the output */
    if (!ok)
        return FIPS140_ERR_AUTH;
    *outlen = len - SEMI;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

/* ---- KWP, §6.3. */

fips140_status fips140_aes_kwp_wrap(const fips140_aes_key *key, int cipher, uint8_t *out, size_t *outlen,
                                    const uint8_t *in, size_t len)
{
    fips140_status st = check_common(CAST_AES_KWP, key, cipher, out, outlen, in);
    if (st != FIPS140_OK)
        return st;
    if (len == 0 || (uint64_t)len > KWP_MAX_LEN)
        return FIPS140_ERR_DATA_LENGTH;
    /* Algorithm 5 steps 1-4: padlen = 8 ceil(len/8) - len; S = ICV2 || [len]_32 || P || 0^padlen. */
    const size_t padded = (len + SEMI - 1) / SEMI * SEMI;
    uint8_t a[SEMI];
    memcpy(a, ICV2, 4);
    store32_be(a + 4, (uint32_t)len);
    memmove(out + SEMI, in, len);
    memset(out + SEMI + len, 0, padded - len);
    if (padded == SEMI) {
        /* Step 5: one semiblock of plaintext: C = CIPH_K(S). */
        uint8_t b[16];
        memcpy(b, a, SEMI);
        memcpy(b + SEMI, out + SEMI, SEMI);
        ciph(aes_sched_of_const(key), cipher, 1, b);
        memcpy(out, b, 16);
        fips140_wipe(b, sizeof b);
    } else {
        wrap_w(aes_sched_of_const(key), cipher, a, out + SEMI, padded / SEMI + 1); /* step 6: C = W(S) */
        memcpy(out, a, SEMI);
    }
    *outlen = padded + SEMI;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_aes_kwp_unwrap(const fips140_aes_key *key, int cipher, uint8_t *out, size_t *outlen,
                                      const uint8_t *in, size_t len)
{
    fips140_status st = check_common(CAST_AES_KWP, key, cipher, out, outlen, in);
    if (st != FIPS140_OK)
        return st;
    if (len % SEMI != 0 || len < 2 * SEMI || (uint64_t)(len - SEMI) > KWP_MAX_LEN + SEMI - 1)
        return FIPS140_ERR_DATA_LENGTH;
    const size_t n = len / SEMI - 1; /* semiblocks of padded plaintext */
    uint8_t a[SEMI];
    if (n == 1) {
        /* Algorithm 6 step 3: S = CIPH_K^-1(C). */
        uint8_t b[16];
        memcpy(b, in, 16);
        ciph(aes_sched_of_const(key), cipher, 0, b);
        memcpy(a, b, SEMI);
        memcpy(out, b + SEMI, SEMI);
        fips140_wipe(b, sizeof b);
    } else {
        memcpy(a, in, SEMI);
        memmove(out, in + SEMI, len - SEMI);
        unwrap_w(aes_sched_of_const(key), cipher, a, out, n + 1); /* step 4: S = W^-1(C) */
    }
    /* Steps 5-7, all as masks: MSB_32(S) = ICV2; 8(n-1) < Plen <= 8n; the padding bytes are zero. */
    const uint32_t plen = load32_be(a + 4);
    uint32_t ok = (uint32_t)0 - (uint32_t)ct_memeq(a, ICV2, 4);
    const uint64_t lo = 8 * (uint64_t)(n - 1), hi = 8 * (uint64_t)n;
    ok &= (uint32_t)(0u - (uint32_t)(((lo - (uint64_t)plen) >> 63) & 1u));      /* lo < plen */
    ok &= (uint32_t)(0u - (uint32_t)(((uint64_t)plen - hi - 1) >> 63 & 1u));   /* plen <= hi */
    uint32_t padbits = 0;
    for (size_t i = 0; i < SEMI; i++) {
        const uint64_t pos = lo + i; /* byte index in the padded plaintext */
        const uint32_t is_pad = (uint32_t)(0u - (uint32_t)((((uint64_t)plen - pos - 1) >> 63) & 1u)); /* pos >= plen */
        padbits |= is_pad & out[lo + i];
    }
    ok &= ct_is_zero_u32(padbits);
    fips140_wipe(a, sizeof a);
    ct_memzero_if((uint8_t)~ok, out, len - SEMI);
    if (ok == 0)
        return FIPS140_ERR_AUTH;
    *outlen = plen;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}
