/* module/drbg/drbg.c - the DRBG services of include/fips140/drbg.h (NIST SP 800-90A Rev. 1, June 2015, §9):
 * parameter tables (security strengths, Table 2 / Table 3 length limits), the instantiate / reseed / generate /
 * uninstantiate functions with their checks, the reseed counter and interval, prediction resistance, the
 * service gates and the indicator. The mechanisms live in ctr_drbg.c, hmac_drbg.c and hash_drbg.c.
 *
 * Two kinds of public contexts (drbg.h). Caller-supplied entropy (fips140_drbg_instantiate / _reseed): indicator
 * NOT_APPROVED, refused in FIPS140=only mode. Module-seeded (fips140_drbg_instantiate_seeded / _reseed_seeded, and
 * generate on such a context): every entropy input and nonce comes from the module's SP 800-90B source through the
 * module RNG's chain (module/rand, rand_drbg_seed_material), so the service is approved. The module's own RNG calls
 * the *_internal variants (drbg_internal.h), which never touch the indicator. */
#include <string.h>
#include "drbg_internal.h"
#include "../rand/rand_internal.h"

/* strength_of - security_strength in bits of a parameter set, 0 if it is not one we implement.
 * CTR (Table 3): the AES key size. HMAC and Hash (Table 2, SP 800-57 Part 1 Rev. 5 Table 3): SHA-1 128;
 * SHA-224, SHA-512/224, SHA3-224 192; the others 256. */
static unsigned strength_of(const fips140_drbg_params *p)
{
    if ((p->derivation_function != 0 && p->derivation_function != 1) ||
        (p->prediction_resistance != 0 && p->prediction_resistance != 1))
        return 0;
    switch (p->type) {
    case FIPS140_DRBG_CTR:
        return p->mechanism == 128 || p->mechanism == 192 || p->mechanism == 256 ? p->mechanism : 0;
    case FIPS140_DRBG_HMAC:
    case FIPS140_DRBG_HASH:
        if (p->derivation_function != 0 || drbg_md_family(p->mechanism) == DRBG_MD_NONE)
            return 0;
        if (p->mechanism == FIPS140_SHA1)
            return 128;
        return fips140_hash_digest_size((fips140_hash_alg)p->mechanism) == 28 ? 192 : 256;
    }
    return 0;
}

unsigned fips140_drbg_security_strength(const fips140_drbg_params *params)
{
    return params == NULL ? 0 : strength_of(params);
}

/* cast_of - the DRBG's CAST. */
static cast_id cast_of(uint32_t type)
{
    return type == FIPS140_DRBG_CTR ? CAST_CTR_DRBG : type == FIPS140_DRBG_HMAC ? CAST_HMAC_DRBG : CAST_HASH_DRBG;
}

/* primitive_cast_of - the CAST of the block cipher or hash function underneath (FIPS 140-3 IG 10.3.A). */
static cast_id primitive_cast_of(uint32_t type, uint32_t mechanism)
{
    if (type == FIPS140_DRBG_CTR)
        return CAST_AES_ECB;
    switch (drbg_md_family(mechanism)) {
    case DRBG_MD_SHA1: return CAST_SHA1;
    case DRBG_MD_SHA256: return CAST_SHA2_256;
    case DRBG_MD_SHA512: return CAST_SHA2_512;
    default: return CAST_SHA3_256;
    }
}

/* ctr_seedlen - CTR_DRBG seedlen in bytes (Table 3: keylen + blocklen). */
static size_t ctr_seedlen(uint32_t keybits) { return keybits / 8 + 16; }

/* drbg_kind - what the length rules depend on. */
typedef struct drbg_kind {
    uint32_t type, mechanism, df, strength;
} drbg_kind;

static drbg_kind kind_of(const drbg_state *s)
{
    const drbg_kind k = {s->type, s->mechanism, s->df, s->strength};
    return k;
}

/* no_df - CTR_DRBG without derivation function: inputs are bounded by seedlen (Table 3). */
static int no_df(const drbg_kind *k) { return k->type == FIPS140_DRBG_CTR && !k->df; }

/* check_add_length - Table 2 / 3 max_additional_input_length (seedlen for CTR without df; the Block_Cipher_df
 * input length must fit in 32 bits). */
static fips140_status check_add_length(const drbg_kind *k, size_t add_len)
{
    if (no_df(k))
        return add_len <= ctr_seedlen(k->mechanism) ? FIPS140_OK : FIPS140_ERR_DATA_LENGTH;
    if ((uint64_t)add_len > DRBG_MAX_INPUT_BYTES || (k->type == FIPS140_DRBG_CTR && (uint64_t)add_len > UINT32_MAX))
        return FIPS140_ERR_DATA_LENGTH;
    return FIPS140_OK;
}

/* check_reseed_lengths - §9.2 steps 3-4 and Table 2 / 3: entropy_input of at least security_strength bits
 * (exactly seedlen without df), additional_input up to max_additional_input_length (seedlen without df). The
 * Block_Cipher_df input length L must fit in 32 bits. */
static fips140_status check_reseed_lengths(const drbg_kind *s, size_t entropy_len, size_t add_len)
{
    if (no_df(s)) {
        size_t seedlen = ctr_seedlen(s->mechanism);
        return entropy_len == seedlen && add_len <= seedlen ? FIPS140_OK : FIPS140_ERR_DATA_LENGTH;
    }
    if (entropy_len < s->strength / 8 || (uint64_t)entropy_len > DRBG_MAX_INPUT_BYTES ||
        check_add_length(s, add_len) != FIPS140_OK)
        return FIPS140_ERR_DATA_LENGTH;
    if (s->type == FIPS140_DRBG_CTR && (uint64_t)entropy_len + add_len > UINT32_MAX)
        return FIPS140_ERR_DATA_LENGTH;
    return FIPS140_OK;
}

/* check_instantiate_lengths - §9.1 steps 2-4, Table 2 / Table 3, and the nonce of §8.6.7: at least
 * security_strength / 2 bits of it, or an entropy input of 3/2 security_strength bits that carries it (we require
 * entropy_len + nonce_len ≥ 3/2 strength). CTR without df takes exactly seedlen of entropy, no nonce, and a
 * personalization string of at most seedlen. */
static fips140_status check_instantiate_lengths(const drbg_kind *s, size_t entropy_len, size_t nonce_len,
                                                size_t pers_len)
{
    const size_t sb = s->strength / 8;
    if (no_df(s)) {
        size_t seedlen = ctr_seedlen(s->mechanism);
        return entropy_len == seedlen && nonce_len == 0 && pers_len <= seedlen ? FIPS140_OK : FIPS140_ERR_DATA_LENGTH;
    }
    if (entropy_len < sb || (uint64_t)entropy_len > DRBG_MAX_INPUT_BYTES ||
        (uint64_t)nonce_len > DRBG_MAX_INPUT_BYTES || (uint64_t)pers_len > DRBG_MAX_INPUT_BYTES)
        return FIPS140_ERR_DATA_LENGTH;
    if ((uint64_t)entropy_len + nonce_len < (uint64_t)sb + sb / 2)
        return FIPS140_ERR_DATA_LENGTH;
    if (s->type == FIPS140_DRBG_CTR && (uint64_t)entropy_len + nonce_len + pers_len > UINT32_MAX)
        return FIPS140_ERR_DATA_LENGTH;
    return FIPS140_OK;
}

/* live_state - the state of an instantiated ctx, or NULL. */
static drbg_state *live_state(fips140_drbg_ctx *ctx)
{
    drbg_state *s = drbg_state_of(ctx);
    return s->magic == DRBG_MAGIC ? s : NULL;
}

/* do_reseed - run the mechanism's reseed algorithm; reseed_counter = 1 (§10.1.1.3 step 5, §10.1.2.4 step 3,
 * §10.2.1.4 step 4). */
static void do_reseed(drbg_state *s, const uint8_t *entropy, size_t entropy_len, const uint8_t *add, size_t add_len)
{
    if (s->type == FIPS140_DRBG_CTR)
        ctr_drbg_reseed(s, entropy, entropy_len, add, add_len);
    else if (s->type == FIPS140_DRBG_HMAC)
        hmac_drbg_reseed(s, entropy, entropy_len, add, add_len);
    else
        hash_drbg_reseed(s, entropy, entropy_len, add, add_len);
    s->reseed_counter = 1;
}

/* do_generate - run the mechanism's generate algorithm and count the request (§10.1.1.4 step 6, §10.1.2.5 step 7,
 * §10.2.1.5 step 7). */
static void do_generate(drbg_state *s, uint8_t *out, size_t out_len, const uint8_t *add, size_t add_len)
{
    if (s->type == FIPS140_DRBG_CTR)
        ctr_drbg_generate(s, out, out_len, add, add_len);
    else if (s->type == FIPS140_DRBG_HMAC)
        hmac_drbg_generate(s, out, out_len, add, add_len);
    else
        hash_drbg_generate(s, out, out_len, add, add_len);
    s->reseed_counter++;
}

fips140_status fips140_drbg_instantiate_internal(fips140_drbg_ctx *ctx, const fips140_drbg_params *params,
                                                 const uint8_t *entropy, size_t entropy_len,
                                                 const uint8_t *nonce, size_t nonce_len,
                                                 const uint8_t *personalization, size_t pers_len)
{
    if (ctx == NULL || params == NULL || (entropy == NULL && entropy_len != 0) || (nonce == NULL && nonce_len != 0) ||
        (personalization == NULL && pers_len != 0))
        return FIPS140_ERR_NULL;
    /* §9.1 steps 1-3: the requested parameters and strength (we instantiate at the mechanism's full strength). */
    const unsigned strength = strength_of(params);
    if (strength == 0)
        return FIPS140_ERR_ARG;
    fips140_status st = fips140_service_begin(cast_of(params->type));
    if (st == FIPS140_OK)
        st = fips140_service_begin(primitive_cast_of(params->type, params->mechanism));
    if (st != FIPS140_OK)
        return st;

    const drbg_kind k = {(uint32_t)params->type, params->mechanism, (uint32_t)params->derivation_function, strength};
    st = check_instantiate_lengths(&k, entropy_len, nonce_len, pers_len);
    if (st != FIPS140_OK)
        return st;

    /* §9.1 steps 6-11: run the mechanism's instantiate algorithm into a fresh state. */
    drbg_state *s = drbg_state_of(ctx);
    fips140_wipe(ctx, sizeof *ctx);
    s->type = k.type;
    s->mechanism = k.mechanism;
    s->df = k.df;
    s->pr = (uint32_t)params->prediction_resistance;
    s->strength = k.strength;
    const drbg_seg in[3] = {{entropy, entropy_len}, {nonce, nonce_len}, {personalization, pers_len}};
    if (s->type == FIPS140_DRBG_CTR)
        ctr_drbg_instantiate(s, in);
    else if (s->type == FIPS140_DRBG_HMAC)
        hmac_drbg_instantiate(s, in);
    else
        hash_drbg_instantiate(s, in);
    s->reseed_counter = 1;
    s->reseed_interval = DRBG_MAX_RESEED_INTERVAL;
    s->magic = DRBG_MAGIC;
    return FIPS140_OK;
}

fips140_status fips140_drbg_reseed_internal(fips140_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                                            const uint8_t *additional, size_t add_len)
{
    if (ctx == NULL || (entropy == NULL && entropy_len != 0) || (additional == NULL && add_len != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    drbg_state *s = live_state(ctx);  /* §9.2 step 1 */
    if (s == NULL)
        return FIPS140_ERR_STATE;
    const drbg_kind k = kind_of(s);
    st = check_reseed_lengths(&k, entropy_len, add_len);  /* steps 3-4 */
    if (st != FIPS140_OK)
        return st;
    do_reseed(s, entropy, entropy_len, additional, add_len);  /* steps 5-7 */
    return FIPS140_OK;
}

fips140_status fips140_drbg_generate_internal(fips140_drbg_ctx *ctx, uint8_t *out, size_t out_len,
                                              const uint8_t *additional, size_t add_len,
                                              const uint8_t *pr_entropy, size_t pr_len)
{
    if (ctx == NULL || (out == NULL && out_len != 0) || (additional == NULL && add_len != 0) ||
        (pr_entropy == NULL && pr_len != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    drbg_state *s = live_state(ctx);  /* §9.3.1 step 1 */
    if (s == NULL)
        return FIPS140_ERR_STATE;
    if (out_len > DRBG_MAX_REQUEST_BYTES)  /* step 2 */
        return FIPS140_ERR_OUTPUT_LENGTH;
    const drbg_kind k = kind_of(s);
    st = check_add_length(&k, add_len);  /* step 4 */
    if (st != FIPS140_OK)
        return st;
    if (pr_entropy != NULL && !s->pr)
        return FIPS140_ERR_ARG;  /* step 5: prediction resistance requested but not instantiated with it */

    if (s->pr) {
        /* Step 7: reseed with the fresh entropy input and the additional input, then generate without it
         * (step 7.4: additional_input = Null). */
        st = check_reseed_lengths(&k, pr_len, add_len);
        if (st != FIPS140_OK)
            return st;
        do_reseed(s, pr_entropy, pr_len, additional, add_len);
        additional = NULL;
        add_len = 0;
    } else if (s->reseed_counter > s->reseed_interval) {
        return FIPS140_ERR_STATE;  /* steps 8-9 (and each mechanism's step 1): reseed required */
    }
    do_generate(s, out, out_len, additional, add_len);
    return FIPS140_OK;
}

fips140_status fips140_drbg_set_reseed_interval(fips140_drbg_ctx *ctx, uint64_t n)
{
    if (ctx == NULL)
        return FIPS140_ERR_NULL;
    drbg_state *s = live_state(ctx);
    if (s == NULL)
        return FIPS140_ERR_STATE;
    if (n == 0 || n > DRBG_MAX_RESEED_INTERVAL)
        return FIPS140_ERR_ARG;
    s->reseed_interval = n;
    return FIPS140_OK;
}

uint64_t fips140_drbg_reseed_counter(const fips140_drbg_ctx *ctx)
{
    const drbg_state *s = ctx == NULL ? NULL : (const drbg_state *)(const void *)ctx->opaque;
    return s != NULL && s->magic == DRBG_MAGIC ? s->reseed_counter : 0;
}

/* ---- public services on module-seeded contexts: APPROVED (drbg.h). Where the seed material comes from:
 *   instantiate    CTR with df, HMAC, Hash: 3s/2 bits from the seed DRBG (entropy input s bits, §10 Tables 2/3;
 *                  nonce s/2 bits, §8.6.7); CTR without df: seedlen bits of full entropy from the source
 *                  (§10.2.1.3.1), no nonce.
 *   reseed         s bits (seedlen without df) of full entropy from the source (§9.2, §10.2.1.4.1); the same for
 *                  prediction resistance (§8.8, §9.3.1 step 7).
 *   reseed due     (interval reached, §9.3.1 step 9, or ctx copied into a forked child) s bits from the seed DRBG,
 *                  as the module RNG reseeds its thread DRBGs (full entropy from the source without df). */

int fips140_drbg_is_seeded(const fips140_drbg_ctx *ctx)
{
    const drbg_state *s = ctx == NULL ? NULL : (const drbg_state *)(const void *)ctx->opaque;
    return s != NULL && s->magic == DRBG_MAGIC && s->seeded == 1;
}

/* reseed_entropy_len - bytes of entropy input a reseed takes: seedlen without df (§10.2.1.4.1), else
 * security_strength (§9.2 step 3, Tables 2 / 3). */
static size_t reseed_entropy_len(const drbg_kind *k)
{
    return no_df(k) ? ctr_seedlen(k->mechanism) : k->strength / 8;
}

/* seeded_stamp - remember which process, and which fork generation of it, seeded s. */
static void seeded_stamp(drbg_state *s)
{
    s->seed_pid = rand_pid();
    s->seed_fork = atomic_load_explicit(&rand_fork_generation, memory_order_relaxed);
}

/* seeded_forked - 1 when s was last seeded by another process: the fork counter moved (pthread_atfork child
 * handler, module/rand/rand_seed.c) or the pid changed (a child made without the C library's fork). */
static int seeded_forked(const drbg_state *s)
{
    return s->seed_fork != atomic_load_explicit(&rand_fork_generation, memory_order_relaxed) ||
           s->seed_pid != rand_pid();
}

/* seeded_reseed - §9.2 steps 5-7 with entropy input from the module: full entropy from the source (from_source,
 * and always without df), or the seed DRBG. Lengths were checked by the caller. */
static fips140_status seeded_reseed(drbg_state *s, int from_source, const uint8_t *add, size_t add_len)
{
    const drbg_kind k = kind_of(s);
    uint8_t ent[48]; /* ≤ seedlen of AES-256 without df */
    const size_t n = reseed_entropy_len(&k);
    fips140_status st = rand_drbg_seed_material(ent, n, from_source || no_df(&k));
    if (st == FIPS140_OK) {
        do_reseed(s, ent, n, add, add_len);
        seeded_stamp(s);
    }
    fips140_wipe(ent, sizeof ent);
    return st;
}

fips140_status fips140_drbg_instantiate_seeded(fips140_drbg_ctx *ctx, const fips140_drbg_params *params,
                                               const uint8_t *personalization, size_t pers_len)
{
    if (ctx == NULL || params == NULL || (personalization == NULL && pers_len != 0))
        return FIPS140_ERR_NULL;
    const unsigned strength = strength_of(params);  /* §9.1 steps 1-3 */
    if (strength == 0)
        return FIPS140_ERR_ARG;
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    const drbg_kind k = {(uint32_t)params->type, params->mechanism, (uint32_t)params->derivation_function, strength};
    const size_t elen = no_df(&k) ? ctr_seedlen(k.mechanism) : strength / 8;
    const size_t nlen = no_df(&k) ? 0 : strength / 16;
    st = check_instantiate_lengths(&k, elen, nlen, pers_len);  /* before drawing any seed material */
    if (st != FIPS140_OK)
        return st;

    /* §9.1 steps 6-8: entropy input and nonce from the module (see above). */
    uint8_t seedm[48]; /* ≤ 3/2 * 256 bits, ≤ seedlen of AES-256 without df */
    st = rand_drbg_seed_material(seedm, elen + nlen, no_df(&k));
    if (st == FIPS140_OK)
        st = fips140_drbg_instantiate_internal(ctx, params, seedm, elen, nlen ? seedm + elen : NULL, nlen,
                                               personalization, pers_len);
    fips140_wipe(seedm, sizeof seedm);
    if (st != FIPS140_OK)
        return st;
    drbg_state *s = drbg_state_of(ctx);
    s->seeded = 1;
    seeded_stamp(s);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_drbg_reseed_seeded(fips140_drbg_ctx *ctx, const uint8_t *additional, size_t add_len)
{
    if (ctx == NULL || (additional == NULL && add_len != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    drbg_state *s = live_state(ctx);  /* §9.2 step 1 */
    if (s == NULL)
        return FIPS140_ERR_STATE;
    if (!s->seeded)
        return FIPS140_ERR_ARG;  /* caller-entropy context: fips140_drbg_reseed (drbg.h) */
    const drbg_kind k = kind_of(s);
    st = check_reseed_lengths(&k, reseed_entropy_len(&k), add_len);  /* steps 3-4 */
    if (st == FIPS140_OK)
        st = seeded_reseed(s, 1, additional, add_len);
    if (st == FIPS140_OK)
        fips140_indicator_approved(1);
    return st;
}

/* seeded_generate - §9.3.1 on a module-seeded context: the module supplies the entropy input of any reseed. */
static fips140_status seeded_generate(fips140_drbg_ctx *ctx, uint8_t *out, size_t out_len, const uint8_t *additional,
                                      size_t add_len, const uint8_t *pr_entropy, size_t pr_len)
{
    if ((out == NULL && out_len != 0) || (additional == NULL && add_len != 0))
        return FIPS140_ERR_NULL;
    if (pr_entropy != NULL || pr_len != 0)
        return FIPS140_ERR_ARG;  /* the module takes the prediction-resistance entropy itself */
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    drbg_state *s = drbg_state_of(ctx);
    if (out_len > DRBG_MAX_REQUEST_BYTES)  /* step 2 */
        return FIPS140_ERR_OUTPUT_LENGTH;
    const drbg_kind k = kind_of(s);
    st = check_reseed_lengths(&k, reseed_entropy_len(&k), add_len);  /* step 4, and as input to a reseed */
    if (st != FIPS140_OK)
        return st;
    if (s->pr || s->reseed_counter > s->reseed_interval || seeded_forked(s)) {
        /* Step 7 (prediction resistance: fresh entropy from the source, §8.8) or step 9 (reseed required; a forked
         * child counts as one): reseed with the additional input, which the generate then does without. */
        st = seeded_reseed(s, (int)s->pr, additional, add_len);
        if (st != FIPS140_OK)
            return st;
        additional = NULL;
        add_len = 0;
    }
    do_generate(s, out, out_len, additional, add_len);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

/* ---- public services: caller-supplied entropy, so NOT_APPROVED (drbg.h). */

/* refused - FIPS140=only refuses the caller-entropy services (DESIGN §3.3). */
static fips140_status refused(void)
{
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    return fips140_refuse_unapproved()
               ? fips140_refuse("SP 800-90A Rev. 1 8.6.5: DRBG entropy input from outside the module")
               : FIPS140_OK;
}

fips140_status fips140_drbg_instantiate(fips140_drbg_ctx *ctx, const fips140_drbg_params *params,
                                        const uint8_t *entropy, size_t entropy_len, const uint8_t *nonce,
                                        size_t nonce_len, const uint8_t *personalization, size_t pers_len)
{
    fips140_status st = refused();
    if (st == FIPS140_OK)
        st = fips140_drbg_instantiate_internal(ctx, params, entropy, entropy_len, nonce, nonce_len, personalization,
                                               pers_len);
    if (st == FIPS140_OK)
        fips140_indicator_approved(0);
    return st;
}

fips140_status fips140_drbg_reseed(fips140_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                                   const uint8_t *additional, size_t add_len)
{
    if (fips140_drbg_is_seeded(ctx))
        return FIPS140_ERR_ARG;  /* a module-seeded context takes no caller entropy (drbg.h) */
    fips140_status st = refused();
    if (st == FIPS140_OK)
        st = fips140_drbg_reseed_internal(ctx, entropy, entropy_len, additional, add_len);
    if (st == FIPS140_OK)
        fips140_indicator_approved(0);
    return st;
}

fips140_status fips140_drbg_generate(fips140_drbg_ctx *ctx, uint8_t *out, size_t out_len, const uint8_t *additional,
                                     size_t add_len, const uint8_t *pr_entropy, size_t pr_len)
{
    if (fips140_drbg_is_seeded(ctx))
        return seeded_generate(ctx, out, out_len, additional, add_len, pr_entropy, pr_len);
    fips140_status st = refused();
    if (st == FIPS140_OK)
        st = fips140_drbg_generate_internal(ctx, out, out_len, additional, add_len, pr_entropy, pr_len);
    if (st == FIPS140_OK)
        fips140_indicator_approved(0);
    return st;
}

/* fips140_drbg_uninstantiate - §9.4: zeroise the whole internal state. */
void fips140_drbg_uninstantiate(fips140_drbg_ctx *ctx)
{
    if (ctx != NULL)
        fips140_wipe(ctx, sizeof *ctx);
}
