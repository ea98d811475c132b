/* module/entropy/entropy_internal.h - what the rest of the module takes from the SP 800-90B entropy source, and
 * what the entropy source's own files share: the claimed min-entropy, the health-test cutoffs derived from it
 * (SP 800-90B §4.4), the noise source (noise.c) and the health tests (health.c). */
#ifndef FIPS140_ENTROPY_INTERNAL_H
#define FIPS140_ENTROPY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "../core/internal.h"

/* fips140_entropy_get - fill out[0..len) (len ≤ 64) with full-entropy output: raw samples that passed the continuous
 * health tests, conditioned by the vetted function of SP 800-90B §3.1.5.1.1 with at least len*8 + 64 bits of assessed
 * entropy in (output-entropy rule). The start-up test runs on first use. Thread-safe. A permanent health-test failure
 * is fatal ("fips140: entropy health test failed: <test>"); returns FIPS140_ERR_ERROR_STATE in the error state. */
fips140_status fips140_entropy_get(uint8_t *out, size_t len);

/* ---- The claim and the numbers that follow from it (docs/ENTROPY.md justifies the claim). ----
 *
 * Claimed min-entropy per 8-bit raw sample: H = ENT_H_NUM / ENT_H_DEN = 1 bit. Our own implementation of the
 * SP 800-90B §6.3 non-IID estimators (tools/sp800_90b.py) measured 4.50 bits per sample on 1,000,000 samples from
 * this machine (docs/ENTROPY.md), so the claim keeps a safety factor of 4.5. */
#define ENT_H_NUM 1u
#define ENT_H_DEN 1u

/* Health-test false-positive rate α = 2^-30 (SP 800-90B §4.4 allows 2^-20 … 2^-40; FIPS 140-3 IG 9.8 prefers
 * 2^-30 or below for a source feeding a DRBG). */
#define ENT_ALPHA_LOG2 30u

/* SP 800-90B §4.4.1 Repetition Count Test: C = 1 + ceil(-log2(α) / H) = 1 + ceil(30 / 1) = 31.
 * A run of 31 identical samples fails; a run of 30 does not. */
#define ENT_RCT_CUTOFF 31u
_Static_assert(ENT_RCT_CUTOFF == 1u + (ENT_ALPHA_LOG2 * ENT_H_DEN + ENT_H_NUM - 1u) / ENT_H_NUM,
               "RCT cutoff must be 1 + ceil(-log2(alpha) / H)");

/* SP 800-90B §4.4.2 Adaptive Proportion Test, non-binary samples: window W = 512 and
 * C = 1 + CRITBINOM(W, 2^-H, 1 - α) = 1 + CRITBINOM(512, 0.5, 1 - 2^-30) = 1 + 324 = 325:
 * for X ~ Binomial(512, 1/2), 324 is the smallest k with P(X ≤ k) ≥ 1 - 2^-30 (P(X ≥ 325) ≈ 2^-30.7, while
 * P(X ≥ 324) ≈ 2^-29.9 > 2^-30). The count B starts at 1 for the window's first sample A, so A seen 325 times in one window
 * fails and 324 times does not. tests/unit/test_entropy.c recomputes this critical value from the binomial
 * distribution, and tools/sp800_90b.py prints it too. (Check: the same formula gives SP 800-90B Table 2's
 * 311 for H = 1, α = 2^-20.) */
#define ENT_APT_WINDOW 512u
#define ENT_APT_CUTOFF 325u
_Static_assert(ENT_APT_CUTOFF > ENT_APT_WINDOW / 2u && ENT_APT_CUTOFF < ENT_APT_WINDOW,
               "APT cutoff must lie between the mean W*2^-H and W for H = 1");

/* SP 800-90B §4.3 item 1: the start-up test runs the continuous tests over at least 1024 consecutive samples. */
#define ENT_STARTUP_SAMPLES 1024u
_Static_assert(ENT_STARTUP_SAMPLES >= 1024u && ENT_STARTUP_SAMPLES % ENT_APT_WINDOW == 0u,
               "start-up test: at least 1024 samples, whole APT windows");

/* Conditioning (SP 800-90B §3.1.5.1.1, vetted): SHA2-384 over the raw samples of one block. Full entropy needs
 * input entropy ≥ n_out + 64 = 384 + 64 = 448 bits (SP 800-90B §3.1.5.1.2; SP 800-90C §4.3), i.e.
 * ceil(448 / H) = 448 samples per 48-byte block. */
#define ENT_BLOCK_BYTES 48u
#define ENT_BLOCK_SAMPLES 448u
_Static_assert(ENT_BLOCK_SAMPLES * ENT_H_NUM >= (ENT_BLOCK_BYTES * 8u + 64u) * ENT_H_DEN,
               "output-entropy rule: samples * H >= output bits + 64");
_Static_assert((ENT_BLOCK_SAMPLES - 1u) * ENT_H_NUM < (ENT_BLOCK_BYTES * 8u + 64u) * ENT_H_DEN,
               "ENT_BLOCK_SAMPLES is the smallest count meeting the rule");
#define ENT_MAX_OUTPUT 64u /* fips140_entropy_get: at most two blocks */

/* Intermittent vs permanent failures (docs/ENTROPY.md): a health-test failure discards the attempt's samples and
 * restarts the tests; ENT_MAX_FAILURES consecutive failed attempts make the failure permanent (fatal). */
#define ENT_MAX_FAILURES 3u

/* ---- Noise source (noise.c): timing jitter of a memory-bound workload. ---- */
#define ENT_BUFFER_BYTES (8u << 20)   /* 8 MiB: larger than this machine's L1 (48 KiB) and L2 (2 MiB) per core */
#define ENT_LOADS_PER_SAMPLE 8u       /* dependent loads (and stores) per workload step */

typedef struct ent_noise {
    uint64_t *buf;    /* ENT_BUFFER_BYTES of workload memory */
    size_t idx;       /* current position: data-dependent */
    uint64_t acc;     /* running mix of the words read */
    uint32_t fault;   /* fips140_entropy_fault being simulated */
    uint32_t fault_n; /* samples since the fault pattern (re)started */
} ent_noise;

/* ent_noise_init - allocate and fill the buffer with its fixed power-up pattern. FIPS140_OK or
 * FIPS140_ERR_ERROR_STATE when memory is not available. */
fips140_status ent_noise_init(ent_noise *n);
/* ent_noise_free - release the buffer. */
void ent_noise_free(ent_noise *n);
/* ent_noise_delta - run one workload step; return its time delta in timer ticks (as an unsigned 64-bit
 * difference: a timer that ran backwards gives a value ≥ 2^63). The raw sample is the low 8 bits. */
uint64_t ent_noise_delta(ent_noise *n);
/* ent_noise_sample - one raw sample: the low 8 bits of one step's delta (after any simulated sample fault); the
 * full delta goes to *delta when delta is not NULL. */
uint8_t ent_noise_sample(ent_noise *n, uint64_t *delta);
/* ent_timer_now - the raw timer (with any simulated timer fault applied for n). */
uint64_t ent_timer_now(const ent_noise *n);
/* ent_timer_name - "rdtsc" or "CLOCK_MONOTONIC_RAW". */
const char *ent_timer_name(void);

/* ---- Continuous health tests (health.c), SP 800-90B §4.4. ---- */
typedef struct ent_health {
    uint8_t rct_a;     /* §4.4.1: A, the value being repeated */
    uint32_t rct_b;    /* §4.4.1: B, its run length (0 = no sample yet) */
    uint8_t apt_a;     /* §4.4.2: A, the window's first sample */
    uint32_t apt_b;    /* §4.4.2: B, occurrences of A in the window */
    uint32_t apt_i;    /* samples seen in the current window (0 = start a new window) */
} ent_health;

/* ent_health_reset - start both tests afresh. */
void ent_health_reset(ent_health *h);
/* ent_health_feed - feed one sample; FIPS140_ENTROPY_HEALTH_OK, _RCT or _APT. */
int ent_health_feed(ent_health *h, uint8_t sample);
/* ent_health_forced - break-test builds: _RCT or _APT when FIPS140_BREAK names that test (ENTROPY-RCT, ENTROPY-APT,
 * registered in core/selftest.c), else _OK. The caller treats it as that test firing on the attempt, so the forced
 * failure takes the normal path (intermittent, then permanent: "fips140: entropy health test failed: <test>"). */
int ent_health_forced(void);
/* ent_health_name - "repetition count" / "adaptive proportion". */
const char *ent_health_name(int which);

#endif
