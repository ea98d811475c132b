/* module/rand/rand_internal.h - the module RNG's private pieces, shared by rand.c (per-thread DRBGs, the public
 * API), rand_seed.c (the seed DRBG) and rand_os.c (pages, clock, uncredited OS input).
 *
 * The tree (SP 800-90C-style DRBG chain):
 *
 *   SP 800-90B entropy source (module/entropy, full-entropy output)
 *        │  instantiate: 256-bit entropy input + 128-bit nonce; reseed: 256 bits (every SEED_RESEED_* )
 *        ▼
 *   seed DRBG   CTR_DRBG AES-256 with df, one per process, behind a mutex, in a MADV_WIPEONFORK page
 *        │  instantiate: 3s/2 = 384 bits (entropy input + nonce); reseed: s = 256 bits (every THREAD_RESEED_*)
 *        ▼
 *   thread DRBGs   CTR_DRBG AES-256 with df, one per thread, no lock, each in its own MADV_WIPEONFORK page
 *
 * fips140_rand_bytes_pr reseeds the calling thread's DRBG straight from the entropy source before each request
 * (prediction resistance, SP 800-90Ar1 §8.8). Caller-owned DRBGs of fips140_drbg_instantiate_seeded (drbg.h) hang
 * off the same tree: instantiated like a thread DRBG from the seed DRBG (CTR without df: full entropy from the
 * source), reseeded on request from the entropy source (rand_drbg_seed_material).
 * OS randomness (getrandom, non-blocking) is mixed into the seed DRBG
 * as personalization string / additional input: never credited with entropy and never required. */
#ifndef FIPS140_RAND_INTERNAL_H
#define FIPS140_RAND_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "../core/internal.h"
#include "../drbg/drbg_internal.h"

/* RAND_SECURITY_BYTES - s = 256 bits, the security strength of CTR_DRBG AES-256 (SP 800-90Ar1 §10.2.1 Table 3). */
#define RAND_SECURITY_BYTES 32u
/* RAND_NONCE_BYTES - s/2 bits of nonce (SP 800-90Ar1 §8.6.7). */
#define RAND_NONCE_BYTES 16u
/* RAND_MAX_REQUEST - bytes per generate request: SP 800-90Ar1 §10.2.1 Table 3 allows 2^19 bits for CTR_DRBG;
 * the module keeps requests at 2^16 bytes so that the state is updated (backtracking resistance) at least that
 * often during a long fill. */
#define RAND_MAX_REQUEST 65536u

/* Reseed limits. The thread DRBG takes a reseed from the seed DRBG after THREAD_RESEED_REQUESTS generate
 * requests, after THREAD_RESEED_SECONDS, or when the seed DRBG itself has been reseeded. The seed DRBG reseeds
 * from the entropy source after SEED_RESEED_REQUESTS requests or SEED_RESEED_SECONDS. All are far below the
 * SP 800-90Ar1 Table 3 reseed_interval of 2^48. */
#define THREAD_RESEED_REQUESTS (UINT64_C(1) << 16)
#define THREAD_RESEED_SECONDS 60u
#define SEED_RESEED_REQUESTS 1024u
#define SEED_RESEED_SECONDS 600u

/* RAND_READY - the "instantiated" mark of a state. A page wiped on fork reads 0: uninstantiated. */
#define RAND_READY 0x52414e44u /* "RAND" */

/* rand_drbg_params - CTR_DRBG, AES-256, derivation function, no built-in prediction resistance (the module RNG
 * reseeds explicitly for fips140_rand_bytes_pr). */
static inline fips140_drbg_params rand_drbg_params(void)
{
    fips140_drbg_params p = {FIPS140_DRBG_CTR, 256, 1, 0};
    return p;
}

/* ---- rand_os.c */
/* rand_page_alloc - an anonymous private mapping of size bytes (zeroed), advised MADV_WIPEONFORK. *wipeonfork is
 * set to 1 when the advice took, 0 otherwise (the caller then compares the pid). NULL when mmap fails. */
void *rand_page_alloc(size_t size, int *wipeonfork);
/* rand_page_free - wipe and unmap a page from rand_page_alloc. */
void rand_page_free(void *p, size_t size);
/* rand_now - seconds of a monotonic clock (coarse; for reseed intervals only). */
uint64_t rand_now(void);
/* rand_pid - the calling process id. */
int32_t rand_pid(void);
/* rand_os_input - up to len bytes from getrandom(GRND_NONBLOCK), uncredited; returns the bytes obtained
 * (0 when the kernel offers none). */
size_t rand_os_input(uint8_t *out, size_t len);

/* ---- rand_seed.c */
/* rand_seed_generation - bumped whenever the seed DRBG is instantiated or reseeded from the entropy source;
 * thread DRBGs seeded under an older generation reseed on their next request. */
extern _Atomic uint64_t rand_seed_generation;
/* rand_seed_init_once - one-time set-up of the seed DRBG page, the thread-exit key and the fork handlers;
 * FIPS140_OK or FIPS140_ERR_STATE when the process lacks the resources. Safe to call on every slow path. */
fips140_status rand_seed_init_once(void);
/* rand_seed_generate - len bytes (≤ RAND_MAX_REQUEST) of seed material for a thread DRBG from the seed DRBG,
 * which is (re)instantiated / reseeded from the entropy source as needed. *generation receives the seed
 * generation the output belongs to. Serialised by the seed mutex. */
fips140_status rand_seed_generate(uint8_t *out, size_t len, uint64_t *generation);
/* rand_fork_generation - bumped in the child by the pthread_atfork child handler (registered by
 * rand_seed_init_once): a caller-owned seeded DRBG that stored another value was copied into a forked child. */
extern _Atomic uint64_t rand_fork_generation;
/* rand_drbg_seed_material - len bytes of seed material for a caller-owned module-seeded DRBG (drbg.c): full
 * entropy from the entropy source when full_entropy (len ≤ 64), else from the seed DRBG (len ≤ RAND_MAX_REQUEST). */
fips140_status rand_drbg_seed_material(uint8_t *out, size_t len, int full_entropy);
/* rand_thread_key_set - register a thread state for wiping and unmapping at thread exit. */
fips140_status rand_thread_key_set(void *state);
/* rand_thread_destroy - the thread-exit destructor (rand.c): wipe and unmap one thread state. */
void rand_thread_destroy(void *state);

#endif
