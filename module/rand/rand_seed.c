/* module/rand/rand_seed.c - the seed DRBG of the module RNG: the root of the SP 800-90C-style DRBG chain
 * (rand_internal.h). One CTR_DRBG AES-256 with derivation function (SP 800-90Ar1 §10.2.1) per process,
 * instantiated and periodically reseeded from the module's SP 800-90B entropy source, serving seed material to
 * the per-thread DRBGs under a mutex (it is off the hot path: a thread calls it only to (re)seed).
 *
 * Fork safety: the state lives in a MADV_WIPEONFORK page, so a child created by any means sees it zeroed
 * (uninstantiated) and instantiates afresh from the entropy source. When the advice is unavailable the stored pid is
 * compared instead. A pthread_atfork handler also wipes it in the child of fork() and makes the mutex usable
 * there (it is held across fork by the prepare handler, so the child never inherits it locked mid-operation). */
#define _GNU_SOURCE 1
#include <pthread.h>
#include "rand_internal.h"
#include "../entropy/entropy_internal.h"

/* seed_state - the seed DRBG and its bookkeeping, in one page of its own. */
typedef struct seed_state {
    fips140_drbg_ctx drbg;
    uint64_t requests;   /* generate requests since the last (re)seed from the entropy source */
    uint64_t seeded_at;  /* rand_now() at that (re)seed */
    int32_t pid;         /* process that instantiated it */
    uint32_t pid_check;  /* 1 when the page is not wiped on fork: compare pid */
    uint32_t ready;      /* RAND_READY once instantiated */
} seed_state;

_Atomic uint64_t rand_seed_generation = 1;
_Atomic uint64_t rand_fork_generation = 1;

static pthread_once_t seed_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t seed_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t thread_key;
static fips140_status seed_once_status = FIPS140_ERR_STATE;
static seed_state *seed;            /* the WIPEONFORK page, or &seed_fallback */
static seed_state seed_fallback;    /* when mmap fails: plain memory, pid check and atfork wipe */

/* ---- fork handlers: hold the mutex across fork; in the child, forget the parent's seed DRBG. */
static void seed_atfork_prepare(void) { (void)pthread_mutex_lock(&seed_lock); }
static void seed_atfork_parent(void) { (void)pthread_mutex_unlock(&seed_lock); }
static void seed_atfork_child(void)
{
    if (seed != NULL) {
        fips140_wipe(&seed->drbg, sizeof seed->drbg);
        seed->ready = 0;
    }
    /* Thread DRBGs that survive in the child (page not wiped) reseed from the child's new seed DRBG. */
    atomic_fetch_add_explicit(&rand_seed_generation, 1, memory_order_relaxed);
    /* Caller-owned seeded DRBGs (drbg.c) compare this counter and reseed in the child. */
    atomic_fetch_add_explicit(&rand_fork_generation, 1, memory_order_relaxed);
    (void)pthread_mutex_unlock(&seed_lock);
}

/* seed_init - run once: the seed page, the thread-exit key, the fork handlers. */
static void seed_init(void)
{
    int wof = 0;
    seed = rand_page_alloc(sizeof(seed_state), &wof);
    if (seed == NULL)
        seed = &seed_fallback;
    seed->pid_check = !wof;
    if (pthread_key_create(&thread_key, rand_thread_destroy) != 0)
        return;
    if (pthread_atfork(seed_atfork_prepare, seed_atfork_parent, seed_atfork_child) != 0)
        return;
    seed_once_status = FIPS140_OK;
}

/* rand_seed_init_once - pthread_once around seed_init. */
fips140_status rand_seed_init_once(void)
{
    if (pthread_once(&seed_once, seed_init) != 0)
        return FIPS140_ERR_STATE;
    return seed_once_status;
}

/* rand_thread_key_set - the destructor of thread_key wipes and unmaps the state when the thread exits. */
fips140_status rand_thread_key_set(void *state)
{
    return pthread_setspecific(thread_key, state) == 0 ? FIPS140_OK : FIPS140_ERR_STATE;
}

/* seed_pers - the personalization string (SP 800-90Ar1 §8.7.1): a label, the pid and up to 32 bytes of
 * uncredited OS randomness. Returns its length. */
static size_t seed_pers(uint8_t *pers, size_t cap)
{
    static const char label[] = "fips140 seed DRBG";
    size_t n = sizeof label - 1;
    memcpy(pers, label, n);
    int32_t pid = rand_pid();
    memcpy(pers + n, &pid, sizeof pid);
    n += sizeof pid;
    n += rand_os_input(pers + n, cap - n);
    return n;
}

/* seed_instantiate_locked - SP 800-90Ar1 §9.1 from the entropy source: entropy input of s = 256 bits and a nonce
 * of s/2 = 128 bits (§8.6.7: a random nonce of at least s/2 bits of entropy), both full entropy, in one request. */
static fips140_status seed_instantiate_locked(void)
{
    uint8_t ent[RAND_SECURITY_BYTES + RAND_NONCE_BYTES];
    uint8_t pers[64];
    fips140_drbg_params params = rand_drbg_params();
    fips140_status s = fips140_entropy_get(ent, sizeof ent);
    if (s == FIPS140_OK) {
        size_t plen = seed_pers(pers, sizeof pers);
        s = fips140_drbg_instantiate_internal(&seed->drbg, &params, ent, RAND_SECURITY_BYTES,
                                              ent + RAND_SECURITY_BYTES, RAND_NONCE_BYTES, pers, plen);
    }
    fips140_wipe(ent, sizeof ent);
    fips140_wipe(pers, sizeof pers);
    if (s != FIPS140_OK)
        return s;
    seed->requests = 0;
    seed->seeded_at = rand_now();
    seed->pid = rand_pid();
    seed->ready = RAND_READY;
    atomic_fetch_add_explicit(&rand_seed_generation, 1, memory_order_relaxed);
    return FIPS140_OK;
}

/* seed_reseed_locked - SP 800-90Ar1 §9.2: s = 256 bits of fresh entropy input; OS randomness, if any, as
 * additional input. */
static fips140_status seed_reseed_locked(void)
{
    uint8_t ent[RAND_SECURITY_BYTES];
    uint8_t add[32];
    fips140_status s = fips140_entropy_get(ent, sizeof ent);
    if (s == FIPS140_OK) {
        size_t alen = rand_os_input(add, sizeof add);
        s = fips140_drbg_reseed_internal(&seed->drbg, ent, sizeof ent, alen ? add : NULL, alen);
    }
    fips140_wipe(ent, sizeof ent);
    fips140_wipe(add, sizeof add);
    if (s != FIPS140_OK)
        return s;
    seed->requests = 0;
    seed->seeded_at = rand_now();
    atomic_fetch_add_explicit(&rand_seed_generation, 1, memory_order_relaxed);
    return FIPS140_OK;
}

/* seed_generate_locked - make sure the seed DRBG belongs to this process and is within its reseed limits, then
 * generate (§9.3). */
static fips140_status seed_generate_locked(uint8_t *out, size_t len, uint64_t *generation)
{
    fips140_status s = FIPS140_OK;
    if (seed->ready != RAND_READY || (seed->pid_check && seed->pid != rand_pid()))
        s = seed_instantiate_locked();
    else if (seed->requests >= SEED_RESEED_REQUESTS || rand_now() - seed->seeded_at >= SEED_RESEED_SECONDS)
        s = seed_reseed_locked();
    if (s != FIPS140_OK)
        return s;
    s = fips140_drbg_generate_internal(&seed->drbg, out, len, NULL, 0, NULL, 0);
    if (s != FIPS140_OK)
        return s;
    seed->requests++;
    *generation = atomic_load_explicit(&rand_seed_generation, memory_order_relaxed);
    return FIPS140_OK;
}

/* rand_seed_generate - seed material for one thread DRBG, serialised by the seed mutex. */
fips140_status rand_seed_generate(uint8_t *out, size_t len, uint64_t *generation)
{
    fips140_status s = rand_seed_init_once();
    if (s != FIPS140_OK)
        return s;
    if (len > RAND_MAX_REQUEST)
        return FIPS140_ERR_OUTPUT_LENGTH;
    if (pthread_mutex_lock(&seed_lock) != 0)
        return FIPS140_ERR_STATE;
    s = seed_generate_locked(out, len, generation);
    (void)pthread_mutex_unlock(&seed_lock);
    return s;
}

/* rand_drbg_seed_material - seed material for a caller-owned DRBG instantiated by fips140_drbg_instantiate_seeded
 * (drbg.c): full entropy straight from the SP 800-90B source (full_entropy = 1, len ≤ ENT_MAX_OUTPUT), or output of
 * the seed DRBG (an RBG of strength 256, SP 800-90C). Either way the fork handlers are registered first, so that
 * rand_fork_generation counts the forks that follow. */
fips140_status rand_drbg_seed_material(uint8_t *out, size_t len, int full_entropy)
{
    fips140_status s = rand_seed_init_once();
    if (s != FIPS140_OK)
        return s;
    if (full_entropy)
        return len <= ENT_MAX_OUTPUT ? fips140_entropy_get(out, len) : FIPS140_ERR_OUTPUT_LENGTH;
    uint64_t generation = 0;
    return rand_seed_generate(out, len, &generation);
}
