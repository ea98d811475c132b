/* fips140/entropy.h - the module's SP 800-90B entropy source, seen from outside: its facts (claimed min-entropy,
 * health-test cutoffs, timer), raw noise samples for assessment with NIST's SP800-90B_EntropyAssessment tools
 * (SP 800-90B §3.1.3 sequential data and §3.1.4 restart data), and the test hooks of its health tests.
 *
 * Applications never read entropy here: they call fips140_rand_bytes() (rand.h), whose DRBGs the module seeds from
 * this source internally. Raw samples are fresh samples taken for recording only; they are never the samples that
 * seeded a DRBG.
 *
 * Test hooks and why they cannot weaken a production build. The library is built once and the tests link that
 * same library, so the hooks are always compiled in; instead they are made harmless by construction:
 *  - fips140_entropy_health_check() runs the health tests on caller-supplied samples with their own fresh state.
 *    It is a pure function: it never touches the live source, its samples or its test state.
 *  - fips140_entropy_inject_fault() can only make the noise source worse (a stuck, backward-running or coarse timer;
 *    stuck or biased samples). Each fault is one the start-up checks or the health tests detect with certainty,
 *    and injecting one forces the start-up test to run again; if a block of samples were ever collected while a
 *    fault is active, the source would refuse to release it and enter the error state. So a fault can stop the
 *    module (which any code in the process can do anyway by calling abort()) but never make it output data. */
#ifndef FIPS140_ENTROPY_H
#define FIPS140_ENTROPY_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_entropy_info - facts about the entropy source; fips140_entropy_get_info() fills it. */
typedef struct fips140_entropy_info {
    const char *noise_source;      /* one-line description of the noise source */
    const char *timer;             /* "rdtsc" (x86-64) or "CLOCK_MONOTONIC_RAW" */
    const char *conditioning;      /* the vetted conditioning function, "SHA2-384" */
    double min_entropy_per_sample; /* claimed H, bits per 8-bit raw sample (SP 800-90B §3.1.5) */
    unsigned alpha_log2;           /* health-test false-positive rate α = 2^-alpha_log2 */
    unsigned rct_cutoff;           /* Repetition Count Test cutoff C (§4.4.1) */
    unsigned apt_window;           /* Adaptive Proportion Test window W (§4.4.2) */
    unsigned apt_cutoff;           /* Adaptive Proportion Test cutoff C (§4.4.2) */
    unsigned startup_samples;      /* samples tested at start-up (§4.3) */
    unsigned samples_per_block;    /* raw samples conditioned into one output block */
    unsigned block_bytes;          /* output bytes per block (full entropy) */
    unsigned max_failures;         /* consecutive failed attempts that make a health failure permanent */
    size_t buffer_bytes;           /* size of the memory-bound workload's buffer */
    unsigned loads_per_sample;     /* dependent memory accesses per workload step */
    /* Measured by fips140_entropy_get_info over 1024 workload steps: */
    double timer_ns_per_tick;      /* timer resolution: nanoseconds per timer tick */
    uint64_t timer_min_step;       /* smallest non-zero difference of back-to-back timer reads, in ticks */
    uint64_t delta_gcd;            /* greatest common divisor of the step time deltas, in ticks */
    uint64_t delta_min, delta_median, delta_max; /* step time deltas, in ticks */
    double ns_per_sample;          /* wall time of one raw sample */
} fips140_entropy_info;

/* fips140_entropy_get_info - fill *info: constants, and timer facts measured now (takes about a millisecond).
 * Runs the start-up test first if it has not run yet. */
FIPS140_API fips140_status fips140_entropy_get_info(fips140_entropy_info *info) FIPS140_MUST_CHECK;

/* Flags for fips140_entropy_raw. */
#define FIPS140_ENTROPY_RAW_RESTART 1u /* restart the noise source first (fresh buffer in its power-up state) */

/* fips140_entropy_raw - n raw noise samples (one byte each, the samples the health tests and the conditioning see)
 * for recording and off-line assessment. With FIPS140_ENTROPY_RAW_RESTART the samples come from a noise source
 * instance started afresh, as in the restart tests of SP 800-90B §3.1.4. Not health-tested, not conditioned: never
 * use them as keys. Errors: FIPS140_ERR_NULL, FIPS140_ERR_ARG (unknown flag), FIPS140_ERR_ERROR_STATE. */
FIPS140_API fips140_status fips140_entropy_raw(uint8_t *out, size_t n, unsigned flags) FIPS140_MUST_CHECK;

/* fips140_entropy_seed_time - time `count` (1..1001) conditioned 384-bit full-entropy blocks exactly as a DRBG seed
 * is produced (health tests included), discard them, and return the median time per block in nanoseconds. */
FIPS140_API fips140_status fips140_entropy_seed_time(unsigned count, uint64_t *median_ns) FIPS140_MUST_CHECK;

/* Health-test results. */
#define FIPS140_ENTROPY_HEALTH_OK 0
#define FIPS140_ENTROPY_HEALTH_RCT 1 /* Repetition Count Test fired */
#define FIPS140_ENTROPY_HEALTH_APT 2 /* Adaptive Proportion Test fired */

/* fips140_entropy_health_check - test hook: run the source's continuous health tests (RCT and APT, with the
 * production cutoffs), started fresh, over samples[0..n). *which receives FIPS140_ENTROPY_HEALTH_OK, _RCT or _APT
 * (RCT wins if both fire on the same sample) and *index the 0-based index of the sample on which the first failure
 * fired (n if none). A pure function: the live source is not affected. */
FIPS140_API fips140_status fips140_entropy_health_check(const uint8_t *samples, size_t n, int *which,
                                                        size_t *index) FIPS140_MUST_CHECK;

/* fips140_entropy_fault - degradations fips140_entropy_inject_fault() can simulate. */
typedef enum fips140_entropy_fault {
    FIPS140_ENTROPY_FAULT_NONE = 0,
    FIPS140_ENTROPY_FAULT_TIMER_STUCK = 1,     /* the timer returns a constant */
    FIPS140_ENTROPY_FAULT_TIMER_BACKWARDS = 2, /* the timer runs backwards */
    FIPS140_ENTROPY_FAULT_TIMER_COARSE = 3,    /* the timer ticks every 2^12 of its real ticks */
    FIPS140_ENTROPY_FAULT_SAMPLES_STUCK = 4,   /* every raw sample has the same value (RCT must fire) */
    FIPS140_ENTROPY_FAULT_SAMPLES_BIASED = 5   /* 3 of every 4 raw samples have the same value (APT must fire) */
} fips140_entropy_fault;

/* fips140_entropy_inject_fault - test hook: simulate a failing noise source (see the top of this file for why this
 * cannot weaken the module). The next entropy request re-runs the start-up test; the result is the fatal error
 * "fips140: entropy source unusable: …" (timer faults) or "fips140: entropy health test failed: …" (sample
 * faults). FIPS140_ENTROPY_FAULT_NONE clears a fault. Errors: FIPS140_ERR_ARG. */
FIPS140_API fips140_status fips140_entropy_inject_fault(fips140_entropy_fault fault) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
