/* module/kdf/kbkdf.c - key-based key derivation functions of SP 800-108 Rev. 1 (August 2022): counter mode
 * (§4.1), feedback mode (§4.2) and double-pipeline iteration mode (§4.3), with HMAC (FIPS 198-1) or CMAC-AES
 * (SP 800-38B) as the PRF; plus the FixedData formatting of §4 (Label || 0x00 || Context || [L]_2). The counter may
 * sit before, after or inside FixedData, or before the iteration variable, as ACVP's KDF 1.0 test vectors
 * (counterLocation, breakLocation) exercise. Approval: approved PRFs (HMAC with SHA-1/SHA-2/SHA-3, CMAC-AES) and
 * keys of at least 112 bits (SP 800-131A Rev. 2 security strength). */
#include <string.h>
#include "../core/internal.h"

#define KBKDF_MIN_APPROVED_KEY 14u /* bytes: 112 bits */
#define KBKDF_MAX_PRF_OUT FIPS140_HASH_MAX_DIGEST

/* kbkdf_prf - the PRF keyed once with K_IN: HMAC or CMAC-AES, reset after every output block. */
typedef struct kbkdf_prf {
    uint32_t kind; /* fips140_kbkdf_prf */
    size_t h;      /* output length of the PRF in bytes */
    union {
        fips140_hmac_ctx hmac;
        fips140_cmac_ctx cmac;
    } u;
} kbkdf_prf;

static fips140_status prf_init(kbkdf_prf *prf, const fips140_kbkdf_params *p)
{
    prf->kind = p->prf;
    if (p->prf == FIPS140_KBKDF_HMAC) {
        prf->h = fips140_hash_digest_size((fips140_hash_alg)p->hash);
        return fips140_hmac_init(&prf->u.hmac, (fips140_hash_alg)p->hash, p->key, p->keylen);
    }
    prf->h = 16;
    return fips140_cmac_init(&prf->u.cmac, p->key, p->keylen);
}

static fips140_status prf_update(kbkdf_prf *prf, const uint8_t *data, size_t len)
{
    if (len == 0)
        return FIPS140_OK;
    if (prf->kind == FIPS140_KBKDF_HMAC)
        return fips140_hmac_update(&prf->u.hmac, data, len);
    return fips140_cmac_update(&prf->u.cmac, data, len);
}

/* prf_final - the full PRF output (h bytes) into out, and the context made ready for the next input. */
static fips140_status prf_final(kbkdf_prf *prf, uint8_t *out)
{
    fips140_status st;
    if (prf->kind == FIPS140_KBKDF_HMAC) {
        st = fips140_hmac_final(&prf->u.hmac, out, prf->h);
        if (st == FIPS140_OK)
            st = fips140_hmac_reset(&prf->u.hmac);
    } else {
        st = fips140_cmac_final(&prf->u.cmac, out, prf->h);
        if (st == FIPS140_OK)
            st = fips140_cmac_reset(&prf->u.cmac);
    }
    return st;
}

/* ctr_encode - [i]_2 on r = 8 * nbytes bits, big-endian (SP 800-108 Rev. 1 §2 notation). */
static void ctr_encode(uint8_t *buf, uint32_t i, size_t nbytes)
{
    for (size_t k = 0; k < nbytes; k++)
        buf[k] = (uint8_t)(i >> (8 * (nbytes - 1 - k)));
}

/* absorb_fixed_with_ctr - FixedData with the counter inserted after its first break_bits bits. The counter is a
 * whole number of bytes, so everything after the byte holding the break keeps its byte alignment: only that byte
 * is split (its top s bits, then the counter, then its low 8 - s bits). */
static fips140_status absorb_fixed_with_ctr(kbkdf_prf *prf, const fips140_kbkdf_params *p, const uint8_t *ctr,
                                            size_t cb)
{
    size_t q = p->break_bits / 8;
    unsigned s = (unsigned)(p->break_bits % 8);
    fips140_status st = prf_update(prf, p->fixed, q);
    if (st != FIPS140_OK)
        return st;
    if (s == 0) {
        st = prf_update(prf, ctr, cb);
        if (st == FIPS140_OK)
            st = prf_update(prf, p->fixed + q, p->fixedlen - q);
        return st;
    }
    uint8_t split[5];
    uint64_t c = 0, b = p->fixed[q];
    for (size_t k = 0; k < cb; k++)
        c = (c << 8) | ctr[k];
    /* bits: (b's top s bits) || counter (8cb bits) || (b's low 8 - s bits), 8cb + 8 bits in all */
    uint64_t v = ((b >> (8 - s)) << (8 * cb + 8 - s)) | (c << (8 - s)) | (b & ((1u << (8 - s)) - 1u));
    for (size_t k = 0; k <= cb; k++)
        split[k] = (uint8_t)(v >> (8 * (cb - k)));
    st = prf_update(prf, split, cb + 1);
    if (st == FIPS140_OK)
        st = prf_update(prf, p->fixed + q + 1, p->fixedlen - q - 1);
    return st;
}

/* kbkdf_check - argument checks of fips140_kbkdf (before anything is written). */
static fips140_status kbkdf_check(const fips140_kbkdf_params *p, size_t outlen)
{
    if (p->mode < FIPS140_KBKDF_COUNTER || p->mode > FIPS140_KBKDF_DOUBLE_PIPELINE)
        return FIPS140_ERR_ARG;
    size_t h;
    if (p->prf == FIPS140_KBKDF_HMAC) {
        if (p->hash < FIPS140_SHA1 || p->hash > FIPS140_SHA3_512)
            return FIPS140_ERR_ARG;
        h = fips140_hash_digest_size((fips140_hash_alg)p->hash);
    } else if (p->prf == FIPS140_KBKDF_CMAC_AES) {
        if (p->keylen != 16 && p->keylen != 24 && p->keylen != 32)
            return FIPS140_ERR_KEY_LENGTH;
        h = 16;
    } else {
        return FIPS140_ERR_ARG;
    }
    /* Counter length r and location (SP 800-108 Rev. 1 §4: r <= 32; counter optional in §4.2, §4.3). */
    if (p->ctr_bits % 8 != 0 || p->ctr_bits > 32 || p->ctr_loc > FIPS140_KBKDF_CTR_BEFORE_ITER)
        return FIPS140_ERR_ARG;
    if ((p->ctr_bits == 0) != (p->ctr_loc == FIPS140_KBKDF_CTR_NONE))
        return FIPS140_ERR_ARG;
    if (p->mode == FIPS140_KBKDF_COUNTER && (p->ctr_bits == 0 || p->ctr_loc == FIPS140_KBKDF_CTR_BEFORE_ITER))
        return FIPS140_ERR_ARG;
    if (p->mode != FIPS140_KBKDF_FEEDBACK && p->ivlen != 0)
        return FIPS140_ERR_IV_LENGTH;
    if (p->ctr_loc == FIPS140_KBKDF_CTR_MIDDLE_FIXED &&
        (p->break_bits / 8 > p->fixedlen || (p->break_bits / 8 == p->fixedlen && p->break_bits % 8 != 0)))
        return FIPS140_ERR_DATA_LENGTH;
    /* §4: n = ceil(L / h) <= 2^r - 1 (2^32 - 1 without a counter). */
    uint64_t n = (uint64_t)(outlen / h) + (outlen % h != 0);
    uint64_t nmax = p->ctr_bits ? (((uint64_t)1 << p->ctr_bits) - 1) : 0xffffffffu;
    if (outlen == 0 || n > nmax)
        return FIPS140_ERR_OUTPUT_LENGTH;
    return FIPS140_OK;
}

fips140_status fips140_kbkdf(const fips140_kbkdf_params *p, uint8_t *out, size_t outlen)
{
    if (p == NULL || out == NULL || (p->key == NULL && p->keylen != 0) || (p->iv == NULL && p->ivlen != 0) ||
        (p->fixed == NULL && p->fixedlen != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_KBKDF);
    if (st != FIPS140_OK)
        return st;
    st = kbkdf_check(p, outlen);
    if (st != FIPS140_OK)
        return st;
    int approved = p->keylen >= KBKDF_MIN_APPROVED_KEY;
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-131A Rev. 2: KBKDF key shorter than 112 bits");

    kbkdf_prf prf;
    uint8_t k[KBKDF_MAX_PRF_OUT], a[KBKDF_MAX_PRF_OUT], ctr[4];
    const uint8_t *prev = p->iv; /* §4.2: K(0) = IV */
    size_t prevlen = p->ivlen, cb = p->ctr_bits / 8, done = 0;
    st = prf_init(&prf, p);
    for (uint32_t i = 1; st == FIPS140_OK && done < outlen; i++) {
        ctr_encode(ctr, i, cb);
        if (p->mode == FIPS140_KBKDF_DOUBLE_PIPELINE) {
            /* §4.3 step 5.1: A(i) = PRF(K_IN, A(i-1)), A(0) = FixedData. */
            st = i == 1 ? prf_update(&prf, p->fixed, p->fixedlen) : prf_update(&prf, a, prf.h);
            if (st == FIPS140_OK)
                st = prf_final(&prf, a);
            prev = a;
            prevlen = prf.h;
        }
        if (st == FIPS140_OK && p->ctr_loc == FIPS140_KBKDF_CTR_BEFORE_ITER)
            st = prf_update(&prf, ctr, cb);
        /* §4.2 step 5.1 / §4.3 step 5.2: the iteration variable K(i-1) or A(i) first (none in counter mode). */
        if (st == FIPS140_OK && p->mode != FIPS140_KBKDF_COUNTER)
            st = prf_update(&prf, prev, prevlen);
        if (st == FIPS140_OK) {
            switch (p->ctr_loc) {
            case FIPS140_KBKDF_CTR_BEFORE_FIXED: /* §4.1 step 4.1: [i]_2 || FixedData */
                st = prf_update(&prf, ctr, cb);
                if (st == FIPS140_OK) st = prf_update(&prf, p->fixed, p->fixedlen);
                break;
            case FIPS140_KBKDF_CTR_AFTER_FIXED:
                st = prf_update(&prf, p->fixed, p->fixedlen);
                if (st == FIPS140_OK) st = prf_update(&prf, ctr, cb);
                break;
            case FIPS140_KBKDF_CTR_MIDDLE_FIXED:
                st = absorb_fixed_with_ctr(&prf, p, ctr, cb);
                break;
            default: /* NONE, BEFORE_ITER: the counter (if any) is already in */
                st = prf_update(&prf, p->fixed, p->fixedlen);
                break;
            }
        }
        if (st == FIPS140_OK)
            st = prf_final(&prf, k);
        if (st == FIPS140_OK) {
            /* §4.1 steps 5-6: result = K(1) || K(2) || ..., K_OUT its leftmost L bits. */
            size_t take = outlen - done < prf.h ? outlen - done : prf.h;
            memcpy(out + done, k, take);
            done += take;
            if (p->mode == FIPS140_KBKDF_FEEDBACK) {
                prev = k; /* §4.2 step 5.1: K(i) feeds the next block */
                prevlen = prf.h;
            }
        }
    }
    fips140_wipe(&prf, sizeof prf);
    fips140_wipe(k, sizeof k);
    fips140_wipe(a, sizeof a);
    if (st != FIPS140_OK) {
        fips140_wipe(out, outlen);
        return st;
    }
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status fips140_kbkdf_fixed_data(uint8_t *fixed, size_t cap, size_t *fixedlen, const uint8_t *label,
                                        size_t labellen, const uint8_t *context, size_t contextlen, uint64_t out_bits,
                                        int use_separator, int use_l)
{
    if (fixed == NULL || fixedlen == NULL || (label == NULL && labellen != 0) || (context == NULL && contextlen != 0))
        return FIPS140_ERR_NULL;
    size_t extra = (use_separator ? 1u : 0u) + (use_l ? 4u : 0u);
    if (labellen > SIZE_MAX - contextlen || labellen + contextlen > SIZE_MAX - extra ||
        labellen + contextlen + extra > cap || (use_l && out_bits > 0xffffffffu))
        return FIPS140_ERR_OUTPUT_LENGTH;
    size_t n = 0;
    if (labellen) memcpy(fixed, label, labellen);
    n += labellen;
    if (use_separator) fixed[n++] = 0x00;
    if (contextlen) memcpy(fixed + n, context, contextlen);
    n += contextlen;
    if (use_l) {
        store32_be(fixed + n, (uint32_t)out_bits);
        n += 4;
    }
    *fixedlen = n;
    return FIPS140_OK;
}
