/* module/entropy/entropy.c - the SP 800-90B entropy source: the live noise source instance, its start-up test
 * (§4.3) with the environment checks on the timer, the continuous health tests on every sample (§4.4),
 * intermittent vs permanent failure handling, the vetted conditioning (SHA2-384, §3.1.5.1.1) and the output-entropy
 * rule (§3.1.5.1.2), raw-sample access for the recorder, the info query and the test hooks (fips140/entropy.h).
 *
 * Failure handling (documented in docs/ENTROPY.md): a health-test failure is intermittent at first: the samples of
 * the failed attempt are discarded (never conditioned) and both tests restart. ENT_MAX_FAILURES consecutive failed
 * attempts (start-up or block) make it permanent: fips140_fatal("entropy health test failed", <test>). An unusable
 * timer is always fatal at once ("entropy source unusable"). One mutex serialises the live instance (reset in a
 * fork() child). */
#define _GNU_SOURCE /* CLOCK_MONOTONIC_RAW */
#include <pthread.h>
#include <time.h>
#include "entropy_internal.h"

static pthread_mutex_t ent_lock = PTHREAD_MUTEX_INITIALIZER;
static ent_noise live;      /* buf is NULL until first use */
static ent_health health;   /* continuous test state of the live instance */
static int started;         /* start-up test passed since the last fault change */
static unsigned failures;   /* consecutive failed attempts */
static int atfork_done;

/* ent_atfork_child - a fork() child starts with a fresh, unlocked mutex: another parent thread may have held it at
 * the fork, and that thread does not exist in the child. No prepare handler takes the lock, so the order in which
 * other atfork handlers (the module RNG's) take their locks cannot deadlock against it. The child's copy of the
 * source state stays usable: the health-test counters and the workload position are valid at every instant, and
 * the samples of a block being collected lived on the vanished thread's stack. */
static void ent_atfork_child(void)
{
    ent_lock = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* sort64 - Shell sort (Ciura's gaps); n is small (≤ 1024). */
static void sort64(uint64_t *v, size_t n)
{
    static const size_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
    for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        size_t gap = gaps[g];
        for (size_t i = gap; i < n; i++) {
            uint64_t x = v[i];
            size_t j = i;
            for (; j >= gap && v[j - gap] > x; j -= gap)
                v[j] = v[j - gap];
            v[j] = x;
        }
    }
}

/* env_check - the environment checks run at every start-up on the start-up samples' time deltas (deltas of
 * ENT_STARTUP_SAMPLES workload steps): a timer that runs backwards, does not move, or ticks too coarsely to resolve
 * the step times makes the source unusable (fatal). */
static void env_check(const uint64_t *d, size_t n)
{
    size_t zero = 0;
    uint64_t g = 0, sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] >> 63)
            fips140_fatal("entropy source unusable", "timer is not monotonic (it ran backwards)");
        zero += d[i] == 0;
        g = gcd64(g, d[i]);
        sum += d[i];
    }
    if (zero == n)
        fips140_fatal("entropy source unusable", "timer is stuck (no change over 1024 workload steps)");
    /* Coarse: some step took no measurable time, or a step spans fewer than 64 timer resolution units (the low 8
     * bits of the delta could then not vary freely). */
    if (zero != 0 || sum / n / g < 64)
        fips140_fatal("entropy source unusable", "timer is too coarse for the workload step");
}

/* ensure_live - allocate the live instance on first use (lock held). */
static void ensure_live(void)
{
    if (live.buf != NULL)
        return;
    if (ent_noise_init(&live) != FIPS140_OK)
        fips140_fatal("entropy source unusable", "cannot allocate the workload buffer");
    if (!atfork_done) {
        atfork_done = 1;
        (void)pthread_atfork(NULL, NULL, ent_atfork_child);
    }
}

/* restart_tests - after a failure or at start-up: both tests and the fault pattern start afresh. */
static void restart_tests(void)
{
    ent_health_reset(&health);
    live.fault_n = 0;
}

/* fail_attempt - count one failed attempt; permanent (fatal) at ENT_MAX_FAILURES in a row. */
static void fail_attempt(int which)
{
    restart_tests(); /* SP 800-90B §4.3: the failed attempt's samples are discarded */
    if (++failures >= ENT_MAX_FAILURES)
        fips140_fatal("entropy health test failed", ent_health_name(which));
}

/* startup_locked - SP 800-90B §4.3 item 1 start-up test (lock held): the environment checks, then the continuous
 * tests over ENT_STARTUP_SAMPLES consecutive samples; those samples are never used for output. */
static void startup_locked(void)
{
    uint64_t d[ENT_STARTUP_SAMPLES];
    uint8_t s[ENT_STARTUP_SAMPLES];
    ensure_live();
    started = 0;
    for (;;) {
        restart_tests();
        for (size_t i = 0; i < ENT_STARTUP_SAMPLES; i++)
            s[i] = ent_noise_sample(&live, &d[i]);
        env_check(d, ENT_STARTUP_SAMPLES);
        int which = FIPS140_ENTROPY_HEALTH_OK;
        for (size_t i = 0; i < ENT_STARTUP_SAMPLES && which == FIPS140_ENTROPY_HEALTH_OK; i++)
            which = ent_health_feed(&health, s[i]);
        if (which == FIPS140_ENTROPY_HEALTH_OK)
            which = ent_health_forced(); /* break-test builds only */
        if (which == FIPS140_ENTROPY_HEALTH_OK)
            break;
        fail_attempt(which);
    }
    if (live.fault != FIPS140_ENTROPY_FAULT_NONE)
        fips140_fatal("entropy source unusable", "a simulated fault was not detected");
    failures = 0;
    started = 1;
}

int fips140_entropy_startup_test(void)
{
    pthread_mutex_lock(&ent_lock);
    startup_locked();
    pthread_mutex_unlock(&ent_lock);
    return 0; /* a failure never returns: it is fatal with the failing test's name */
}

/* block_locked - one full-entropy block (lock held): ENT_BLOCK_SAMPLES health-tested samples (448 bits of assessed
 * entropy at H = 1) conditioned by SHA2-384 (SP 800-90B §3.1.5.1.1), so n_in = 448 ≥ n_out + 64 (§3.1.5.1.2). */
static fips140_status block_locked(uint8_t out[ENT_BLOCK_BYTES])
{
    uint8_t s[ENT_BLOCK_SAMPLES];
    if (!started)
        startup_locked();
    for (;;) {
        int which = FIPS140_ENTROPY_HEALTH_OK;
        for (size_t i = 0; i < ENT_BLOCK_SAMPLES && which == FIPS140_ENTROPY_HEALTH_OK; i++) {
            s[i] = ent_noise_sample(&live, NULL);
            which = ent_health_feed(&health, s[i]); /* §4.4: every sample is tested before use */
        }
        if (which == FIPS140_ENTROPY_HEALTH_OK)
            which = ent_health_forced(); /* break-test builds only */
        if (which == FIPS140_ENTROPY_HEALTH_OK)
            break;
        fips140_wipe(s, sizeof s);
        fail_attempt(which);
    }
    failures = 0;
    if (live.fault != FIPS140_ENTROPY_FAULT_NONE)
        fips140_fatal("entropy source unusable", "a simulated fault was not detected");
    fips140_hash_ctx h;
    fips140_status st = fips140_hash_init(&h, FIPS140_SHA384);
    if (st == FIPS140_OK)
        st = fips140_hash_update(&h, s, sizeof s);
    if (st == FIPS140_OK)
        st = fips140_hash_final(&h, out, ENT_BLOCK_BYTES);
    fips140_wipe(s, sizeof s);
    fips140_wipe(&h, sizeof h);
    return st;
}

fips140_status fips140_entropy_get(uint8_t *out, size_t len)
{
    if (out == NULL && len != 0)
        return FIPS140_ERR_NULL;
    if (len > ENT_MAX_OUTPUT)
        return FIPS140_ERR_OUTPUT_LENGTH;
    fips140_status st = fips140_service_begin(CAST_ENTROPY_STARTUP);
    if (st != FIPS140_OK)
        return st;
    uint8_t blk[ENT_BLOCK_BYTES];
    pthread_mutex_lock(&ent_lock);
    /* Each block is conditioned from its own fresh samples; a request over 48 bytes takes two (896 bits in). */
    for (size_t done = 0; done < len && st == FIPS140_OK; done += ENT_BLOCK_BYTES) {
        st = block_locked(blk);
        size_t take = len - done < ENT_BLOCK_BYTES ? len - done : ENT_BLOCK_BYTES;
        if (st == FIPS140_OK)
            memcpy(out + done, blk, take);
    }
    pthread_mutex_unlock(&ent_lock);
    fips140_wipe(blk, sizeof blk);
    if (st != FIPS140_OK && len != 0)
        fips140_wipe(out, len);
    return st;
}

fips140_status fips140_entropy_raw(uint8_t *out, size_t n, unsigned flags)
{
    if (out == NULL && n != 0)
        return FIPS140_ERR_NULL;
    if ((flags & ~FIPS140_ENTROPY_RAW_RESTART) != 0)
        return FIPS140_ERR_ARG;
    fips140_status st = fips140_service_begin(CAST_ENTROPY_STARTUP);
    if (st != FIPS140_OK)
        return st;
    pthread_mutex_lock(&ent_lock);
    if (!started)
        startup_locked(); /* the environment checks apply to recording too */
    uint32_t fault = live.fault;
    if (!(flags & FIPS140_ENTROPY_RAW_RESTART)) {
        for (size_t i = 0; i < n; i++)
            out[i] = ent_noise_sample(&live, NULL);
        pthread_mutex_unlock(&ent_lock);
        return FIPS140_OK;
    }
    pthread_mutex_unlock(&ent_lock);
    /* SP 800-90B §3.1.4: a restart is a new instance in its power-up state, as a new process would start. */
    ent_noise fresh = {0};
    if (ent_noise_init(&fresh) != FIPS140_OK)
        return FIPS140_ERR_ERROR_STATE;
    fresh.fault = fault;
    for (size_t i = 0; i < n; i++)
        out[i] = ent_noise_sample(&fresh, NULL);
    ent_noise_free(&fresh);
    return FIPS140_OK;
}

fips140_status fips140_entropy_get_info(fips140_entropy_info *info)
{
    if (info == NULL)
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_ENTROPY_STARTUP);
    if (st != FIPS140_OK)
        return st;
    memset(info, 0, sizeof *info);
    info->noise_source = "timing jitter of a memory-bound workload (8 dependent loads/stores at data-dependent "
                         "addresses of an 8 MiB buffer per sample)";
    info->timer = ent_timer_name();
    info->conditioning = "SHA2-384";
    info->min_entropy_per_sample = (double)ENT_H_NUM / (double)ENT_H_DEN;
    info->alpha_log2 = ENT_ALPHA_LOG2;
    info->rct_cutoff = ENT_RCT_CUTOFF;
    info->apt_window = ENT_APT_WINDOW;
    info->apt_cutoff = ENT_APT_CUTOFF;
    info->startup_samples = ENT_STARTUP_SAMPLES;
    info->samples_per_block = ENT_BLOCK_SAMPLES;
    info->block_bytes = ENT_BLOCK_BYTES;
    info->max_failures = ENT_MAX_FAILURES;
    info->buffer_bytes = ENT_BUFFER_BYTES;
    info->loads_per_sample = ENT_LOADS_PER_SAMPLE;

    uint64_t d[1024];
    const size_t n = sizeof d / sizeof d[0];
    pthread_mutex_lock(&ent_lock);
    if (!started)
        startup_locked();
    uint64_t min_step = UINT64_MAX;
    for (int i = 0; i < 1000; i++) {
        uint64_t a = ent_timer_now(&live), b = ent_timer_now(&live);
        if (b > a && b - a < min_step)
            min_step = b - a;
    }
    uint64_t ns0 = mono_ns(), t0 = ent_timer_now(&live);
    for (size_t i = 0; i < n; i++)
        (void)ent_noise_sample(&live, &d[i]);
    uint64_t t1 = ent_timer_now(&live), ns1 = mono_ns();
    pthread_mutex_unlock(&ent_lock);

    uint64_t g = 0;
    for (size_t i = 0; i < n; i++)
        g = gcd64(g, d[i]);
    sort64(d, n);
    info->timer_min_step = min_step == UINT64_MAX ? 0 : min_step;
    info->delta_gcd = g;
    info->delta_min = d[0];
    info->delta_median = d[n / 2];
    info->delta_max = d[n - 1];
    info->timer_ns_per_tick = t1 > t0 ? (double)(ns1 - ns0) / (double)(t1 - t0) : 0.0;
    info->ns_per_sample = (double)(ns1 - ns0) / (double)n;
    return FIPS140_OK;
}

fips140_status fips140_entropy_seed_time(unsigned count, uint64_t *median_ns)
{
    if (median_ns == NULL)
        return FIPS140_ERR_NULL;
    if (count == 0 || count > 1001)
        return FIPS140_ERR_ARG;
    uint64_t t[1001];
    uint8_t seed[ENT_BLOCK_BYTES];
    for (unsigned i = 0; i < count; i++) {
        uint64_t t0 = mono_ns();
        fips140_status st = fips140_entropy_get(seed, sizeof seed);
        t[i] = mono_ns() - t0;
        if (st != FIPS140_OK) {
            fips140_wipe(seed, sizeof seed);
            return st;
        }
    }
    fips140_wipe(seed, sizeof seed);
    sort64(t, count);
    *median_ns = t[count / 2];
    return FIPS140_OK;
}

fips140_status fips140_entropy_inject_fault(fips140_entropy_fault fault)
{
    if ((unsigned)fault > (unsigned)FIPS140_ENTROPY_FAULT_SAMPLES_BIASED)
        return FIPS140_ERR_ARG;
    pthread_mutex_lock(&ent_lock);
    live.fault = (uint32_t)fault;
    live.fault_n = 0;
    started = 0; /* the next request re-runs the start-up test, which meets the fault */
    pthread_mutex_unlock(&ent_lock);
    return FIPS140_OK;
}
