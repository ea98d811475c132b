/* module/entropy/noise.c - the noise source of the SP 800-90B entropy source (SP 800-90B §2.2.1, §3.2.2):
 * timing jitter of a memory-bound workload. Each workload step makes ENT_LOADS_PER_SAMPLE dependent reads and
 * writes at data-dependent addresses of an 8 MiB buffer (larger than the L1 and L2 caches), so each step waits on
 * the cache hierarchy and memory; the time it takes varies with cache and TLB state, memory controller and
 * interconnect contention, interrupts and frequency changes. The timer is rdtsc on x86-64 (after lfence, so the
 * read waits for the step's loads), CLOCK_MONOTONIC_RAW elsewhere. One raw sample = the low 8 bits of one step's
 * time delta in timer ticks. No kernel RNG is involved. docs/ENTROPY.md describes the design and the claim. */
#define _GNU_SOURCE /* CLOCK_MONOTONIC_RAW */
#include <sys/mman.h>
#include <time.h>
#include "entropy_internal.h"

#define ENT_WORDS (ENT_BUFFER_BYTES / sizeof(uint64_t))
_Static_assert((ENT_WORDS & (ENT_WORDS - 1u)) == 0, "buffer size must be a power of two");

/* timer_raw - the hardware timer: lfence; rdtsc on x86-64 (Intel SDM Vol. 2B "RDTSC": lfence makes it wait until
 * the previous instructions completed), CLOCK_MONOTONIC_RAW in nanoseconds elsewhere. */
static inline uint64_t timer_raw(void)
{
#if FIPS140_X86_64
    uint32_t lo, hi;
    __asm__ __volatile__("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
    return ((uint64_t)hi << 32) | lo;
#else
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC_RAW, &ts) != 0)
        return 0; /* a failing clock reads as stuck: the start-up check rejects it */
    __asm__ __volatile__("" : : : "memory");
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

const char *ent_timer_name(void)
{
    return FIPS140_X86_64 ? "rdtsc" : "CLOCK_MONOTONIC_RAW";
}

uint64_t ent_timer_now(const ent_noise *n)
{
    uint64_t t = timer_raw();
    switch (n->fault) {
    case FIPS140_ENTROPY_FAULT_TIMER_STUCK: return 0x123456789abcull;
    case FIPS140_ENTROPY_FAULT_TIMER_BACKWARDS: return ~t;
    case FIPS140_ENTROPY_FAULT_TIMER_COARSE: return t & ~(uint64_t)0xfff;
    default: return t;
    }
}

fips140_status ent_noise_init(ent_noise *n)
{
    /* Anonymous pages of its own (not the heap): a restart maps fresh pages, as a new process would. */
    void *p = mmap(NULL, ENT_BUFFER_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        n->buf = NULL;
        return FIPS140_ERR_ERROR_STATE;
    }
    n->buf = p;
    /* The fixed power-up pattern: every restart begins from the same state (SP 800-90B §3.1.4 assesses exactly
     * this), so any unpredictability comes from timing, not from the buffer's contents. */
    for (size_t i = 0; i < ENT_WORDS; i++)
        n->buf[i] = (uint64_t)(i + 1) * 0x9e3779b97f4a7c15ull;
    n->idx = 0;
    n->acc = 0;
    n->fault_n = 0;
    return FIPS140_OK;
}

void ent_noise_free(ent_noise *n)
{
    if (n->buf != NULL)
        (void)munmap(n->buf, ENT_BUFFER_BYTES);
    n->buf = NULL;
}

uint64_t ent_noise_delta(ent_noise *n)
{
    uint64_t *buf = n->buf;
    size_t idx = n->idx;
    uint64_t acc = n->acc;
    uint64_t t0 = ent_timer_now(n);
    for (uint32_t k = 0; k < ENT_LOADS_PER_SAMPLE; k++) {
        /* Each address depends on the word just read (a dependent chain the CPU cannot prefetch), and each
         * word is rewritten, so the walk never settles into a cached cycle. FNV-1a 64-bit prime as the mixer. */
        uint64_t v = buf[idx];
        acc = (acc ^ v) * 0x100000001b3ull + k;
        buf[idx] = v + acc;
        idx = (size_t)(acc >> 17) & (ENT_WORDS - 1u);
    }
    uint64_t t1 = ent_timer_now(n);
    n->idx = idx;
    n->acc = acc;
    return t1 - t0;
}

uint8_t ent_noise_sample(ent_noise *n, uint64_t *delta)
{
    uint64_t d = ent_noise_delta(n);
    if (delta != NULL)
        *delta = d;
    uint8_t s = (uint8_t)d;
    if (n->fault == FIPS140_ENTROPY_FAULT_SAMPLES_STUCK)
        return 0x5a;
    if (n->fault == FIPS140_ENTROPY_FAULT_SAMPLES_BIASED && (n->fault_n++ & 3u) != 3u)
        return 0x5a;
    return s;
}
