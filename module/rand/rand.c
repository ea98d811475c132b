/* module/rand/rand.c - the module RNG's public API (fips140/rand.h) and its per-thread DRBGs: the leaves of the
 * SP 800-90C-style DRBG chain described in rand_internal.h.
 *
 * Each thread owns a CTR_DRBG AES-256 with derivation function (SP 800-90Ar1 §10.2.1) in a page of its own,
 * reached through a _Thread_local pointer: the hot path takes no lock and touches no shared cache line except
 * one relaxed atomic load (the seed generation). The page is advised MADV_WIPEONFORK, so in a forked child it
 * reads as zeros, i.e. uninstantiated, and the child instantiates a new DRBG from its own seed DRBG, itself
 * freshly seeded from the entropy source: a child never repeats its parent's (or a sibling's) output. Without
 * that advice the pid stored at instantiation is compared on every call. A pthread key destructor wipes and
 * unmaps the page when the thread exits. */
#include "rand_internal.h"
#include "../entropy/entropy_internal.h"

/* rand_thread - one thread's DRBG and its bookkeeping. */
typedef struct rand_thread {
    fips140_drbg_ctx drbg;
    uint64_t requests;   /* generate requests since the last (re)seed */
    uint64_t seeded_at;  /* rand_now() at that (re)seed */
    uint64_t generation; /* rand_seed_generation the seed material came from */
    int32_t pid;         /* process that instantiated it */
    uint32_t pid_check;  /* 1 when the page is not wiped on fork: compare pid */
    uint32_t ready;      /* RAND_READY once instantiated; 0 in a fresh or fork-wiped page */
} rand_thread;

static _Thread_local rand_thread *tls_state;
static _Atomic uint64_t thread_serial; /* makes every thread's personalization string distinct */

/* rand_thread_destroy - pthread key destructor: zeroise and unmap this thread's state (FIPS 140-3 §7.9.7). */
void rand_thread_destroy(void *state)
{
    if (tls_state == state)
        tls_state = NULL;
    rand_page_free(state, sizeof(rand_thread));
}

/* thread_instantiate - SP 800-90Ar1 §9.1 with the seed DRBG as randomness source: 3s/2 = 384 bits of seed
 * material (SP 800-90C: a DRBG seeded from an RBG obtains 3s/2 bits to instantiate), split into the 256-bit
 * entropy input and the 128-bit nonce; the personalization string (§8.7.1) holds the pid and a serial number so
 * that no two thread DRBGs share an instantiation input. */
static fips140_status thread_instantiate(rand_thread *t)
{
    uint8_t seedm[RAND_SECURITY_BYTES + RAND_NONCE_BYTES];
    uint8_t pers[32];
    static const char label[] = "fips140 thread DRBG";
    uint64_t gen = 0;
    fips140_drbg_params params = rand_drbg_params();

    t->ready = 0;
    fips140_drbg_uninstantiate(&t->drbg);
    fips140_status s = rand_seed_generate(seedm, sizeof seedm, &gen);
    if (s == FIPS140_OK) {
        size_t n = sizeof label - 1;
        int32_t pid = rand_pid();
        uint64_t serial = atomic_fetch_add_explicit(&thread_serial, 1, memory_order_relaxed);
        memcpy(pers, label, n);
        memcpy(pers + n, &pid, sizeof pid);
        memcpy(pers + n + sizeof pid, &serial, sizeof serial);
        n += sizeof pid + sizeof serial;
        s = fips140_drbg_instantiate_internal(&t->drbg, &params, seedm, RAND_SECURITY_BYTES,
                                              seedm + RAND_SECURITY_BYTES, RAND_NONCE_BYTES, pers, n);
    }
    fips140_wipe(seedm, sizeof seedm);
    if (s != FIPS140_OK)
        return s;
    t->requests = 0;
    t->seeded_at = rand_now();
    t->generation = gen;
    t->pid = rand_pid();
    t->ready = RAND_READY;
    return FIPS140_OK;
}

/* thread_reseed_from_seed - SP 800-90Ar1 §9.2 with s = 256 bits of seed material from the seed DRBG
 * (SP 800-90C: s bits to reseed from an RBG). */
static fips140_status thread_reseed_from_seed(rand_thread *t)
{
    uint8_t seedm[RAND_SECURITY_BYTES];
    uint64_t gen = 0;
    fips140_status s = rand_seed_generate(seedm, sizeof seedm, &gen);
    if (s == FIPS140_OK)
        s = fips140_drbg_reseed_internal(&t->drbg, seedm, sizeof seedm, NULL, 0);
    fips140_wipe(seedm, sizeof seedm);
    if (s != FIPS140_OK)
        return s;
    t->requests = 0;
    t->seeded_at = rand_now();
    t->generation = gen;
    return FIPS140_OK;
}

/* thread_reseed_from_entropy - prediction resistance (SP 800-90Ar1 §8.8, §9.3.1 step 7): reseed with s = 256
 * bits of fresh full-entropy input taken straight from the entropy source. */
static fips140_status thread_reseed_from_entropy(rand_thread *t)
{
    uint8_t ent[RAND_SECURITY_BYTES];
    fips140_status s = fips140_entropy_get(ent, sizeof ent);
    if (s == FIPS140_OK)
        s = fips140_drbg_reseed_internal(&t->drbg, ent, sizeof ent, NULL, 0);
    fips140_wipe(ent, sizeof ent);
    if (s == FIPS140_OK) {
        t->requests = 0;
        t->seeded_at = rand_now();
    }
    return s;
}

/* thread_setup - the slow path: allocate this thread's page on first use, register it for wiping at thread
 * exit, and (re)instantiate its DRBG (first use, or the page was wiped / inherited by a fork). */
static fips140_status thread_setup(rand_thread **out)
{
    fips140_status s = rand_seed_init_once();
    if (s != FIPS140_OK)
        return s;
    rand_thread *t = tls_state;
    if (t == NULL) {
        int wof = 0;
        t = rand_page_alloc(sizeof(rand_thread), &wof);
        if (t == NULL)
            return FIPS140_ERR_STATE;
        s = rand_thread_key_set(t);
        if (s != FIPS140_OK) {
            rand_page_free(t, sizeof(rand_thread));
            return s;
        }
        t->pid_check = !wof;
        tls_state = t;
    }
    s = thread_instantiate(t);
    if (s != FIPS140_OK)
        return s;
    *out = t;
    return FIPS140_OK;
}

/* thread_reseed_due - the reseed limits of rand_internal.h. */
static inline int thread_reseed_due(const rand_thread *t)
{
    return t->requests >= THREAD_RESEED_REQUESTS ||
           t->generation != atomic_load_explicit(&rand_seed_generation, memory_order_relaxed) ||
           rand_now() - t->seeded_at >= THREAD_RESEED_SECONDS;
}

/* rand_generate - the body of both public calls: requests of at most RAND_MAX_REQUEST bytes (§9.3), each
 * preceded by a reseed from the entropy source when pr is set, or from the seed DRBG when a limit is reached.
 * On failure nothing of the output is left: out[0..len) is zeroed. */
static fips140_status rand_generate(uint8_t *out, size_t len, int pr)
{
    fips140_status s = fips140_service_begin(CAST_CTR_DRBG);
    if (s != FIPS140_OK)
        return s;
    if (out == NULL && len != 0)
        return FIPS140_ERR_NULL;

    rand_thread *t = tls_state;
    if (FIPS140_UNLIKELY(t == NULL || t->ready != RAND_READY || (t->pid_check && t->pid != rand_pid()))) {
        s = thread_setup(&t);
        if (s != FIPS140_OK)
            return s;
    }
    size_t done = 0;
    while (done < len) {
        size_t n = len - done < RAND_MAX_REQUEST ? len - done : RAND_MAX_REQUEST;
        if (pr)
            s = thread_reseed_from_entropy(t);
        else if (FIPS140_UNLIKELY(thread_reseed_due(t)))
            s = thread_reseed_from_seed(t);
        if (s == FIPS140_OK)
            s = fips140_drbg_generate_internal(&t->drbg, out + done, n, NULL, 0, NULL, 0);
        if (s != FIPS140_OK) {
            fips140_wipe(out, len);
            return s;
        }
        t->requests++;
        done += n;
    }
    /* Seeded from the module's own entropy source through the seed DRBG: an approved RBG service. (The internal
     * DRBG entry points leave the indicator alone; the public drbg.h ones report caller-supplied entropy as
     * NOT_APPROVED.) */
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

/* fips140_rand_bytes - rand.h: this thread's DRBG, reseeded from the seed DRBG at its limits. */
fips140_status fips140_rand_bytes(uint8_t *out, size_t len) { return rand_generate(out, len, 0); }

/* fips140_rand_bytes_pr - rand.h: the same, with a reseed from the entropy source before every request. */
fips140_status fips140_rand_bytes_pr(uint8_t *out, size_t len) { return rand_generate(out, len, 1); }
