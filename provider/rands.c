/* provider/rands.c - the provider's random generators (OpenSSL's EVP_RAND): "CTR-DRBG" (rand_ctr.c), a handle on the
 * module's approved RBG, and "HASH-DRBG" / "HMAC-DRBG" (rand_drbg.c), DRBG instances of their own seeded by the
 * module. This file: the design (below), what the generators share (rand_local.h) and the algorithm table.
 *
 * How an instance relates to SP 800-90A (read this before changing anything here).
 *   The module's SP 800-90B entropy source seeds a per-process seed DRBG, which seeds one CTR_DRBG per thread
 *   (SP 800-90Ar1 §10.2.1, AES-256 with the derivation function, security strength 256 bits), an SP 800-90C-style
 *   chain (include/fips140/rand.h, module/rand/, docs/ENTROPY.md). Seeding never comes from OpenSSL: the `parent`
 *   given to newctx (a seed source or another DRBG of the core or of a provider) is ignored by every algorithm
 *   here, and entropy a caller passes to reseed is never credited (HASH-DRBG / HMAC-DRBG take it as additional
 *   input, as SP 800-90Ar1 §9.1 / §9.2 leave entropy input to the DRBG's own source; CTR-DRBG drops it).
 *
 *   "CTR-DRBG" is NOT a separate DRBG: it is a handle on the module's per-thread CTR_DRBG. Its instantiate /
 *   uninstantiate only switch the handle between OpenSSL's READY and UNINITIALISED states (after a test draw that
 *   makes the module set up and health-check the calling thread's DRBG); generate is fips140_rand_bytes (or
 *   fips140_rand_bytes_pr when prediction resistance is asked for); reseed reseeds the calling thread's CTR_DRBG
 *   from the entropy source (one fips140_rand_bytes_pr request whose output is wiped). Personalization strings and
 *   additional input are accepted but not mixed in (the module RBG API takes none; SP 800-90A makes both optional
 *   and credits them with no entropy). The mechanism is fixed: "cipher" accepts only AES-256-CTR and
 *   "use_derivation_function" only 1; anything else is refused rather than silently served by another DRBG. The
 *   reseed interval parameters are ignored: the module's own limits apply. This is what OpenSSL's library context
 *   uses by default (primary, public and private DRBGs).
 *
 *   "HASH-DRBG" and "HMAC-DRBG" are real per-instance DRBGs: each holds a fips140_drbg_ctx (Hash_DRBG §10.1.1 or
 *   HMAC_DRBG §10.1.2 over the "digest" chosen: SHA-1, SHA-2 or SHA-3 by any OpenSSL name or alias) instantiated by
 *   the module's approved seeded service, fips140_drbg_instantiate_seeded (drbg.h): entropy input and nonce come
 *   from the module's seed DRBG (3s/2 bits), explicit reseeds and prediction resistance from the entropy source
 *   itself, and a copy inherited by a forked child reseeds before its next output. Personalization strings and
 *   additional input ARE mixed in. OpenSSL's per-call prediction_resistance becomes a module reseed from the
 *   entropy source whose additional input is the request's (§9.3.1 step 7); prediction_resistance at instantiate
 *   asks for the same right after instantiation. "reseed_requests" is the module DRBG's reseed interval (the module
 *   then reseeds from the seed DRBG; 0 = the SP 800-90A maximum, 2^48), "reseed_time_interval" is kept here (a
 *   module reseed when it has passed). "properties" is accepted and has no effect (the digest is always the
 *   module's); "mac" accepts only HMAC. A [random] section that names a digest the module does not run for these
 *   DRBGs (SHAKE, MD5...) fails with that name in the error.
 *
 *   get_seed / clear_seed let a DRBG of another provider use an instance as its parent (an RBG seeding a DRBG,
 *   as in SP 800-90C); with only fips140 and base loaded nothing else needs them. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h> /* EVP_RAND_STATE_* (constants only: the provider calls no libcrypto function) */

#include "rand_local.h"

void fips140_prov_rand_init(fips140_prov_rand *r, void *provctx, const char *name)
{
    r->provctx = provctx;
    r->name = name;
    r->state = EVP_RAND_STATE_UNINITIALISED;
    r->locking = 0;
}

void fips140_prov_rand_destroy(fips140_prov_rand *r)
{
    if (r->locking)
        (void)pthread_mutex_destroy(&r->lock);
    r->locking = 0;
}

int fips140_prov_rand_ready(fips140_prov_rand *r, const char *what)
{
    if (r->state == EVP_RAND_STATE_READY)
        return 1;
    FIPS140_PROV_RAISE(r->provctx, FIPS140_PROV_R_BAD_STATE, "%s: %s while not instantiated", r->name, what);
    return 0;
}

/* get_seed lets a DRBG of another provider use an instance as its parent (SP 800-90C: an RBG as the randomness
 * source of another DRBG); at most the instance's strength in entropy. */
size_t fips140_prov_rand_get_seed(void *vctx, unsigned char **buffer, int entropy, size_t min_len, size_t max_len,
                                  unsigned strength, size_t max_request, fips140_prov_rand_draw_fn draw,
                                  int prediction_resistance, const unsigned char *adin, size_t adin_len)
{
    fips140_prov_rand *r = vctx;
    if (r == NULL || buffer == NULL || !fips140_prov_rand_ready(r, "get_seed"))
        return 0;
    if (entropy < 0 || (unsigned)entropy > strength) {
        FIPS140_PROV_RAISE(r->provctx, FIPS140_PROV_R_UNSUPPORTED, "%s: %d bits of entropy requested", r->name,
                           entropy);
        return 0;
    }
    /* Enough bytes to carry the requested security strength, within [min_len, max_len]. */
    size_t len = ((size_t)entropy + 7u) / 8u;
    if (len < min_len)
        len = min_len;
    if (len == 0 || len > max_len || len > max_request) {
        FIPS140_PROV_RAISE(r->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "%s: seed of %zu..%zu bytes for %d bits",
                           r->name, min_len, max_len, entropy);
        return 0;
    }
    unsigned char *buf = malloc(len);
    if (buf == NULL) {
        FIPS140_PROV_RAISE(r->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return 0;
    }
    if (!draw(vctx, buf, len, prediction_resistance, adin_len ? adin : NULL, adin_len)) {
        fips140_wipe(buf, len);
        free(buf);
        return 0;
    }
    *buffer = buf;
    return len;
}

void fips140_prov_rand_clear_seed(void *vctx, unsigned char *buffer, size_t b_len)
{
    (void)vctx;
    if (buffer == NULL)
        return;
    fips140_wipe(buffer, b_len);
    free(buffer);
}

/* Locking: the module RBG behind CTR-DRBG is thread-safe by itself (one DRBG per thread), a HASH-/HMAC-DRBG
 * instance is not; once OpenSSL enables locking, lock / unlock serialise the callers of an instance. */
int fips140_prov_rand_enable_locking(void *vctx)
{
    fips140_prov_rand *r = vctx;
    if (r == NULL)
        return 0;
    if (!r->locking) {
        if (pthread_mutex_init(&r->lock, NULL) != 0) {
            FIPS140_PROV_RAISE(r->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s lock", r->name);
            return 0;
        }
        r->locking = 1;
    }
    return 1;
}

int fips140_prov_rand_lock(void *vctx)
{
    fips140_prov_rand *r = vctx;
    if (r == NULL)
        return 0;
    return !r->locking || pthread_mutex_lock(&r->lock) == 0;
}

void fips140_prov_rand_unlock(void *vctx)
{
    fips140_prov_rand *r = vctx;
    if (r != NULL && r->locking)
        (void)pthread_mutex_unlock(&r->lock);
}

int fips140_prov_rand_get_common(const fips140_prov_rand *r, OSSL_PARAM params[], unsigned strength,
                                 size_t max_request)
{
    OSSL_PARAM *p;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_STATE)) != NULL &&
        !fips140_prov_param_set_int(p, r->state))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_STRENGTH)) != NULL &&
        !fips140_prov_param_set_uint(p, strength))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_MAX_REQUEST)) != NULL &&
        !fips140_prov_param_set_size_t(p, max_request))
        return 0;
    return 1;
}

const OSSL_ALGORITHM fips140_prov_rands[] = {
    {"CTR-DRBG", FIPS140_PROV_PROPS, fips140_prov_ctr_drbg_functions,
     "the fips140 module's approved RBG: per-thread CTR_DRBG AES-256 with df (SP 800-90Ar1), own SP 800-90B source"},
    {"HASH-DRBG", FIPS140_PROV_PROPS, fips140_prov_hash_drbg_functions,
     "Hash_DRBG (SP 800-90Ar1 10.1.1, SHA-1/SHA-2/SHA-3) instantiated and reseeded by the fips140 module's own source"},
    {"HMAC-DRBG", FIPS140_PROV_PROPS, fips140_prov_hmac_drbg_functions,
     "HMAC_DRBG (SP 800-90Ar1 10.1.2, SHA-1/SHA-2/SHA-3) instantiated and reseeded by the fips140 module's own source"},
    {NULL, NULL, NULL, NULL}};
