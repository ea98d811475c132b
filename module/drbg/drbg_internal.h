/* module/drbg/drbg_internal.h - what the SP 800-90A Rev. 1 DRBGs share inside the module: the state kept in a
 * fips140_drbg_ctx, the per-mechanism operations (ctr_drbg.c §10.2.1, hmac_drbg.c §10.1.2, hash_drbg.c §10.1.1),
 * the hash engine they run on (drbg_md.c), and the internal entry points for the module's own RNG (module/rand).
 *
 * Internal entry points (for module/rand and the CASTs):
 *   fips140_drbg_instantiate_internal / _reseed_internal / _generate_internal take the same arguments, make the
 *   same checks and pass the same gates as the public functions of drbg.h (instantiate: fips140_service_begin of
 *   the DRBG's CAST and of its primitive's CAST; reseed/generate: fips140_service_check), but they never set the
 *   service indicator and are never refused in FIPS140=only mode. They are for DRBGs seeded from the module's own
 *   SP 800-90B entropy source: the caller (module/rand) sets the indicator itself. The public functions are the
 *   same code with the indicator set to NOT_APPROVED (caller-supplied entropy), refused in FIPS140=only mode.
 *   fips140_drbg_reseed_counter reads the counter (tests). The module-seeded public services
 *   (fips140_drbg_instantiate_seeded...) live in drbg.c too and take their seed material from module/rand
 *   (rand_drbg_seed_material). */
#ifndef FIPS140_DRBG_INTERNAL_H
#define FIPS140_DRBG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <fips140/drbg.h>
#include "../core/internal.h"
#include "../aes/aes_internal.h"

/* SP 800-90Ar1 §10.1 Table 2 and §10.2.1 Table 3 limits shared by every mechanism. */
#define DRBG_MAX_REQUEST_BYTES 65536u                    /* max_number_of_bits_per_request = 2^19 bits */
#define DRBG_MAX_RESEED_INTERVAL (UINT64_C(1) << 48)     /* reseed_interval ≤ 2^48 requests */
#define DRBG_MAX_INPUT_BYTES (UINT64_C(1) << 32)         /* entropy, personalization, additional: ≤ 2^35 bits */
#define DRBG_MAGIC 0x44524247u                           /* "DRBG": the context holds an instantiated state */

/* drbg_seg - one piece of a concatenated input string (entropy_input || nonce || personalization_string...). */
typedef struct drbg_seg {
    const uint8_t *p;
    size_t n;
} drbg_seg;

/* drbg_md - a hash computation through the hash front's ungated entry points (hash/hash_internal.h): the DRBG's
 * own gate covers it and the module RNG must not touch the indicator. Copyable: HMAC_DRBG keeps the states after
 * K ^ ipad and K ^ opad and copies them for every HMAC. */
typedef struct drbg_md {
    fips140_hash_ctx h;
} drbg_md;

enum { DRBG_MD_NONE = 0, DRBG_MD_SHA1, DRBG_MD_SHA256, DRBG_MD_SHA512, DRBG_MD_KECCAK };

/* drbg_md_family - DRBG_MD_* for a hash the DRBGs accept (SHA-1, SHA-2, SHA-3), DRBG_MD_NONE otherwise. */
uint32_t drbg_md_family(uint32_t alg);
/* drbg_md_init / _update / _final - FIPS 180-4 / FIPS 202 hash; final writes the digest size of alg and leaves
 * the state to be wiped or re-initialised by the caller. */
void drbg_md_init(drbg_md *m, uint32_t alg);
void drbg_md_update(drbg_md *m, const uint8_t *p, size_t n);
void drbg_md_final(drbg_md *m, uint8_t *out);

/* CTR_DRBG working state (§10.2.1.1): Key as its expanded schedule, V, and the sizes. */
typedef struct drbg_ctr {
    aes_sched ks;
    _Alignas(16) uint8_t v[16];
    uint32_t keylen;   /* 16, 24, 32 */
    uint32_t seedlen;  /* keylen + 16 */
} drbg_ctr;

/* HMAC_DRBG working state (§10.1.2.1): Key as its two keyed hash states, V. */
typedef struct drbg_hmac {
    drbg_md ikey, okey;  /* states after absorbing K ^ ipad, K ^ opad (FIPS 198-1 §4 steps 4-5, 7-8) */
    uint8_t v[64];
    uint32_t outlen;
} drbg_hmac;

/* Hash_DRBG working state (§10.1.1.1): V and C of seedlen bits. */
#define DRBG_HASH_MAX_SEEDLEN 111u  /* 888 bits */
typedef struct drbg_hash {
    uint8_t v[DRBG_HASH_MAX_SEEDLEN];
    uint8_t c[DRBG_HASH_MAX_SEEDLEN];
    uint32_t seedlen;  /* 55 or 111 bytes */
    uint32_t outlen;
} drbg_hash;

/* drbg_state - what a fips140_drbg_ctx holds (the administrative part of §9's internal state plus the working
 * state of the mechanism). */
typedef struct drbg_state {
    uint32_t magic;          /* DRBG_MAGIC while instantiated */
    uint32_t type;           /* fips140_drbg_type */
    uint32_t mechanism;      /* AES key bits or fips140_hash_alg */
    uint32_t df;             /* CTR: derivation function in use */
    uint32_t pr;             /* prediction_resistance_flag */
    uint32_t strength;       /* security_strength, bits */
    uint32_t seeded;         /* 1: fips140_drbg_instantiate_seeded (the module supplies every entropy input) */
    int32_t seed_pid;        /* seeded: the process that last seeded it */
    uint64_t seed_fork;      /* seeded: rand_fork_generation at that time */
    uint64_t reseed_counter;
    uint64_t reseed_interval;
    union {
        drbg_ctr ctr;
        drbg_hmac hmac;
        drbg_hash hash;
    } u;
} drbg_state;

_Static_assert(sizeof(drbg_state) <= sizeof(fips140_drbg_ctx), "drbg_state must fit in fips140_drbg_ctx");

static inline drbg_state *drbg_state_of(fips140_drbg_ctx *c) { return (drbg_state *)(void *)c->opaque; }

/* ---- mechanisms. Lengths were checked by drbg.c; these cannot fail. in[] holds entropy, nonce, personalization
 * (instantiate) and the additional input may be empty (add_len 0). */
void ctr_drbg_instantiate(drbg_state *s, const drbg_seg in[3]);
void ctr_drbg_reseed(drbg_state *s, const uint8_t *entropy, size_t entropy_len, const uint8_t *add, size_t add_len);
void ctr_drbg_generate(drbg_state *s, uint8_t *out, size_t out_len, const uint8_t *add, size_t add_len);

void hmac_drbg_instantiate(drbg_state *s, const drbg_seg in[3]);
void hmac_drbg_reseed(drbg_state *s, const uint8_t *entropy, size_t entropy_len, const uint8_t *add, size_t add_len);
void hmac_drbg_generate(drbg_state *s, uint8_t *out, size_t out_len, const uint8_t *add, size_t add_len);

void hash_drbg_instantiate(drbg_state *s, const drbg_seg in[3]);
void hash_drbg_reseed(drbg_state *s, const uint8_t *entropy, size_t entropy_len, const uint8_t *add, size_t add_len);
void hash_drbg_generate(drbg_state *s, uint8_t *out, size_t out_len, const uint8_t *add, size_t add_len);

/* ---- internal entry points (see the top of this file). */
fips140_status fips140_drbg_instantiate_internal(fips140_drbg_ctx *ctx, const fips140_drbg_params *params,
                                                 const uint8_t *entropy, size_t entropy_len,
                                                 const uint8_t *nonce, size_t nonce_len,
                                                 const uint8_t *personalization, size_t pers_len) FIPS140_MUST_CHECK;
fips140_status fips140_drbg_reseed_internal(fips140_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                                            const uint8_t *additional, size_t add_len) FIPS140_MUST_CHECK;
fips140_status fips140_drbg_generate_internal(fips140_drbg_ctx *ctx, uint8_t *out, size_t out_len,
                                              const uint8_t *additional, size_t add_len,
                                              const uint8_t *pr_entropy, size_t pr_len) FIPS140_MUST_CHECK;

/* fips140_drbg_reseed_counter - the reseed_counter (1 after instantiate or reseed; §9.3.1 steps), 0 if ctx is not
 * instantiated. */
uint64_t fips140_drbg_reseed_counter(const fips140_drbg_ctx *ctx);

#endif
