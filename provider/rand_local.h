/* provider/rand_local.h - what the provider's random generators share (provider/rands.c): the common head of
 * their contexts and the EVP_RAND functions that only need it. The generators: rand_ctr.c ("CTR-DRBG", a handle on
 * the module's approved RBG) and rand_drbg.c ("HASH-DRBG", "HMAC-DRBG", DRBG instances seeded by the module); the
 * design and its SP 800-90A reading are at the top of rands.c. */
#ifndef FIPS140_PROV_RAND_LOCAL_H
#define FIPS140_PROV_RAND_LOCAL_H

#include <pthread.h>
#include <stddef.h>

#include "prov.h"

/* fips140_prov_rand - the first member of every RAND context here, so that the shared functions below can take any
 * instance OpenSSL hands them. */
typedef struct fips140_prov_rand {
    void *provctx;
    const char *name; /* "CTR-DRBG", "HASH-DRBG", "HMAC-DRBG": for messages */
    int state;        /* EVP_RAND_STATE_* */
    int locking;
    pthread_mutex_t lock;
} fips140_prov_rand;

/* fips140_prov_rand_draw_fn - len bytes of the instance's output (for get_seed); 0 on failure, raised. */
typedef int (*fips140_prov_rand_draw_fn)(void *vctx, unsigned char *out, size_t len, int prediction_resistance,
                                         const unsigned char *adin, size_t adin_len);

/* fips140_prov_rand_init - a new instance's head: uninstantiated, no lock. */
void fips140_prov_rand_init(fips140_prov_rand *r, void *provctx, const char *name);
/* fips140_prov_rand_destroy - release the head's lock (the caller frees the context). */
void fips140_prov_rand_destroy(fips140_prov_rand *r);
/* fips140_prov_rand_ready - 1 when instantiated; otherwise raises "<name>: <what> while not instantiated". */
int fips140_prov_rand_ready(fips140_prov_rand *r, const char *what);
/* fips140_prov_rand_get_seed - get_seed for an instance of `strength` bits that gives at most max_request bytes per
 * call: enough bytes for `entropy` bits within [min_len, max_len], drawn with draw(vctx, ...) into a buffer that
 * clear_seed wipes and frees. */
size_t fips140_prov_rand_get_seed(void *vctx, unsigned char **buffer, int entropy, size_t min_len, size_t max_len,
                                  unsigned strength, size_t max_request, fips140_prov_rand_draw_fn draw,
                                  int prediction_resistance, const unsigned char *adin, size_t adin_len);
/* fips140_prov_rand_get_common - the gettable parameters every generator has: state, strength, max_request. */
int fips140_prov_rand_get_common(const fips140_prov_rand *r, OSSL_PARAM params[], unsigned strength,
                                 size_t max_request);

/* OSSL_FUNC_rand_clear_seed, _enable_locking, _lock, _unlock for any of the generators. */
void fips140_prov_rand_clear_seed(void *vctx, unsigned char *buffer, size_t b_len);
int fips140_prov_rand_enable_locking(void *vctx);
int fips140_prov_rand_lock(void *vctx);
void fips140_prov_rand_unlock(void *vctx);

/* The generators' dispatch tables (rand_ctr.c, rand_drbg.c), listed by fips140_prov_rands (rands.c). */
extern const OSSL_DISPATCH fips140_prov_ctr_drbg_functions[];
extern const OSSL_DISPATCH fips140_prov_hash_drbg_functions[];
extern const OSSL_DISPATCH fips140_prov_hmac_drbg_functions[];

#endif
