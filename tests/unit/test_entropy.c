/* tests/unit/test_entropy.c - the SP 800-90B entropy source (module/entropy/, include/fips140/entropy.h):
 * the health-test cutoffs recomputed from the claim (RCT §4.4.1 formula, APT §4.4.2 binomial critical value, with
 * SP 800-90B Table 2 as a cross-check); synthetic sample streams (good random, stuck, biased, periodic) through the
 * health-test hook, each test firing exactly at its cutoff and not one sample below it; the fatal paths in forked
 * children (stuck, backward and coarse timers → "entropy source unusable", stuck and biased samples → "entropy
 * health test failed: repetition count / adaptive proportion"); fips140_entropy_get (distinct outputs, lengths,
 * two threads); raw and restart recording; the info query; and the median time of one 384-bit seed. */
#include "test_util.h"

#include <pthread.h>
#include <signal.h>
#include "entropy/entropy_internal.h"

/* ---- cutoffs ---- */

/* exp_series - e^x for |x| ≤ 1 by its Taylor series (the tests do not link libm). */
static double exp_series(double x)
{
    double term = 1.0, sum = 1.0;
    for (int i = 1; i < 40; i++) {
        term *= x / i;
        sum += term;
    }
    return sum;
}

/* critbinom - the smallest k with P(X ≤ k) ≥ 1 - 2^-alpha_log2 for X ~ Binomial(n, p), i.e. the smallest k whose
 * upper tail P(X ≥ k + 1) ≤ α. The pmf is built by the ratio recurrence from (1-p)^n; the tail is summed from the
 * top so that α ≈ 2^-40 is not lost to rounding. */
static unsigned critbinom(unsigned n, double p, unsigned alpha_log2)
{
    static double pmf[1025];
    double q = 1.0 - p, alpha = 1.0;
    for (unsigned i = 0; i < alpha_log2; i++)
        alpha *= 0.5;
    pmf[0] = 1.0;
    for (unsigned i = 0; i < n; i++)
        pmf[0] *= q;
    for (unsigned k = 0; k < n; k++)
        pmf[k + 1] = pmf[k] * (double)(n - k) / (double)(k + 1) * p / q;
    double tail = 0.0; /* P(X ≥ k + 1) */
    unsigned k = n;
    while (k > 0 && tail + pmf[k] <= alpha) {
        tail += pmf[k];
        k--;
    }
    return k;
}

static void test_cutoffs(void)
{
    const double ln2 = 0.69314718055994530942;
    double h = (double)ENT_H_NUM / (double)ENT_H_DEN;
    double p = exp_series(-h * ln2); /* 2^-H */
    /* SP 800-90B Table 2 (α = 2^-20, W = 512): H = 1 → 311, H = 0.5 → 410, H = 2 → 177. */
    CHECK(1 + critbinom(512, 0.5, 20) == 311, "Table 2, H=1: %u", 1 + critbinom(512, 0.5, 20));
    CHECK(1 + critbinom(512, exp_series(-0.5 * ln2), 20) == 410, "Table 2, H=0.5");
    CHECK(1 + critbinom(512, 0.25, 20) == 177, "Table 2, H=2");
    unsigned apt = 1 + critbinom(ENT_APT_WINDOW, p, ENT_ALPHA_LOG2);
    CHECK(apt == ENT_APT_CUTOFF, "APT cutoff: recomputed %u, module %u", apt, ENT_APT_CUTOFF);
    /* RCT: C = 1 + ceil(-log2 α / H). */
    double r = ENT_ALPHA_LOG2 / h;
    unsigned rct = 1 + (unsigned)r + ((double)(unsigned)r < r);
    CHECK(rct == ENT_RCT_CUTOFF, "RCT cutoff: recomputed %u, module %u", rct, ENT_RCT_CUTOFF);
    CHECK(ENT_BLOCK_SAMPLES * h >= ENT_BLOCK_BYTES * 8 + 64, "output-entropy rule");
    printf("cutoffs: H = %.3f, alpha = 2^-%u: RCT %u, APT %u (W = %u)\n", h, ENT_ALPHA_LOG2, rct, apt, ENT_APT_WINDOW);
}

/* ---- synthetic streams ---- */

static int run_health(const uint8_t *s, size_t n, size_t *index)
{
    int which = -1;
    CHECK_OK(fips140_entropy_health_check(s, n, &which, index), "health check");
    return which;
}

/* fill_distinct - n samples, each different from its predecessor (no repetition runs) and never equal to avoid. */
static void fill_distinct(tu_rng *r, uint8_t *s, size_t n, uint8_t prev, int avoid)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t v;
        do {
            v = (uint8_t)tu_next(r);
        } while (v == prev || (avoid >= 0 && v == (uint8_t)avoid));
        s[i] = prev = v;
    }
}

static void test_streams(void)
{
    static uint8_t s[1 << 20];
    tu_rng r = {42};
    size_t idx;
    int which;

    /* Good random bytes: nothing fires over 2^20 samples. */
    tu_fill(&r, s, sizeof s);
    which = run_health(s, sizeof s, &idx);
    CHECK(which == FIPS140_ENTROPY_HEALTH_OK && idx == sizeof s, "random stream: test %d fired at %zu", which, idx);

    /* Stuck: the RCT fires on the C-th identical sample. */
    memset(s, 0x33, 1000);
    which = run_health(s, 1000, &idx);
    CHECK(which == FIPS140_ENTROPY_HEALTH_RCT && idx == ENT_RCT_CUTOFF - 1, "stuck: %d at %zu", which, idx);

    /* RCT exactly at its cutoff: after 100 varied samples a run of C fires on its last sample ... */
    for (unsigned run = ENT_RCT_CUTOFF - 1; run <= ENT_RCT_CUTOFF; run++) {
        fill_distinct(&r, s, 100, 0, 0x77);
        memset(s + 100, 0x77, run);
        fill_distinct(&r, s + 100 + run, 200, 0x77, 0x77);
        which = run_health(s, 300 + run, &idx);
        if (run == ENT_RCT_CUTOFF)
            CHECK(which == FIPS140_ENTROPY_HEALTH_RCT && idx == 100 + run - 1, "RCT at C: %d at %zu", which, idx);
        else /* ... and a run of C - 1 does not. */
            CHECK(which == FIPS140_ENTROPY_HEALTH_OK, "RCT at C-1 fired: %d at %zu", which, idx);
    }
    /* Runs of C - 1 again and again never fire. */
    for (size_t i = 0; i < 100; i++) {
        memset(s + i * ENT_RCT_CUTOFF, (int)(i & 1 ? 0x10 : 0x20), ENT_RCT_CUTOFF - 1);
        s[i * ENT_RCT_CUTOFF + ENT_RCT_CUTOFF - 1] = (uint8_t)(0x30 + i);
    }
    which = run_health(s, 100 * ENT_RCT_CUTOFF, &idx);
    CHECK(which == FIPS140_ENTROPY_HEALTH_OK, "runs of C-1: %d at %zu", which, idx);

    /* APT exactly at its cutoff: windows whose first sample A = 0x5A recurs in a pattern A A x (runs of 2, so the
     * RCT stays quiet). With `count` occurrences of A per window (the first included) it fires on the count-th
     * occurrence when count = C, and never when count = C - 1, however many windows. */
    for (unsigned count = ENT_APT_CUTOFF - 1; count <= ENT_APT_CUTOFF; count++) {
        size_t n = 0, fire_at = 0;
        for (int w = 0; w < 4; w++) {
            unsigned seen = 0;
            for (unsigned j = 0; j < ENT_APT_WINDOW; j++, n++) {
                int is_a = j % 3 != 2 && seen < count;
                if (is_a) {
                    s[n] = 0x5a;
                    if (++seen == count && w == 0)
                        fire_at = n;
                } else {
                    s[n] = (uint8_t)(0x60 + (n % 64)); /* never 0x5a, never twice in a row */
                }
            }
        }
        which = run_health(s, n, &idx);
        if (count == ENT_APT_CUTOFF)
            CHECK(which == FIPS140_ENTROPY_HEALTH_APT && idx == fire_at, "APT at C: %d at %zu, want %zu", which,
                  idx, fire_at);
        else
            CHECK(which == FIPS140_ENTROPY_HEALTH_OK, "APT at C-1 fired: %d at %zu", which, idx);
    }
    /* The APT counts per window: about 340 occurrences of 0x5A within 512 consecutive samples, but spread over the
     * second half of one window (whose A is 0x5A) and the first half of the next (whose A is something else), do
     * not fire. */
    {
        size_t n = 0;
        for (unsigned j = 0; j < 2 * ENT_APT_WINDOW; j++, n++) {
            int dense = j >= ENT_APT_WINDOW / 2 && j < ENT_APT_WINDOW * 3 / 2 && j != ENT_APT_WINDOW;
            s[n] = (j == 0 || (dense && j % 3 != 2)) ? 0x5a : (uint8_t)(0x60 + j % 64);
        }
        which = run_health(s, n, &idx);
        CHECK(which == FIPS140_ENTROPY_HEALTH_OK, "APT across windows: %d at %zu", which, idx);
    }

    /* Biased i.i.d. stream, P(0x00) = 0.7 (min-entropy 0.51 bits < the claimed 1): the APT fires. */
    for (size_t i = 0; i < 8192; i++)
        s[i] = tu_below(&r, 10) < 7 ? 0x00 : (uint8_t)(1 + tu_below(&r, 255));
    which = run_health(s, 8192, &idx);
    CHECK(which == FIPS140_ENTROPY_HEALTH_APT, "biased: %d at %zu", which, idx);

    /* Periodic streams. Period 4 "9 9 9 3": A = 9 fills 3/4 of each window, so the APT fires on its C-th
     * occurrence; period 2 "1 2" (p_max = 1/2, exactly the claimed H = 1) is, correctly, not a failure: the
     * continuous tests detect large losses of entropy, not every deviation from randomness (docs/ENTROPY.md). */
    for (size_t i = 0; i < 4096; i++)
        s[i] = i % 4 == 3 ? 3 : 9;
    which = run_health(s, 4096, &idx);
    CHECK(which == FIPS140_ENTROPY_HEALTH_APT && idx == (ENT_APT_CUTOFF - 1) / 3 * 4 + (ENT_APT_CUTOFF - 1) % 3,
          "periodic 9 9 9 3: %d at %zu", which, idx);
    for (size_t i = 0; i < 4096; i++)
        s[i] = (uint8_t)(1 + i % 2);
    which = run_health(s, 4096, &idx);
    CHECK(which == FIPS140_ENTROPY_HEALTH_OK, "periodic 1 2: %d at %zu", which, idx);

    CHECK_ST(fips140_entropy_health_check(NULL, 1, &which, &idx), FIPS140_ERR_NULL, "NULL samples");
    CHECK_ST(fips140_entropy_health_check(s, 1, NULL, &idx), FIPS140_ERR_NULL, "NULL which");
}

/* ---- fatal paths in forked children ---- */

/* child_stderr - fork; the child injects `fault` and asks for a seed; the parent collects the child's stderr.
 * Returns the wait status code as tu_child does (1000 + signal when killed). */
static int child_stderr(fips140_entropy_fault fault, char *err, size_t errlen)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fd[0]);
        dup2(fd[1], 2);
        uint8_t seed[48];
        if (fips140_entropy_inject_fault(fault) != FIPS140_OK)
            _exit(3);
        fips140_status st = fips140_entropy_get(seed, sizeof seed);
        _exit(st == FIPS140_OK ? 0 : 4); /* reaching here means the fault went unnoticed */
    }
    close(fd[1]);
    tu_read_all(fd[0], err, errlen);
    return tu_wait(pid);
}

static void test_fatal(void)
{
    static const struct {
        fips140_entropy_fault fault;
        const char *want;
    } cases[] = {
        {FIPS140_ENTROPY_FAULT_TIMER_STUCK, "fips140: entropy source unusable: timer is stuck"},
        {FIPS140_ENTROPY_FAULT_TIMER_BACKWARDS, "fips140: entropy source unusable: timer is not monotonic"},
        {FIPS140_ENTROPY_FAULT_TIMER_COARSE, "fips140: entropy source unusable: timer is too coarse"},
        {FIPS140_ENTROPY_FAULT_SAMPLES_STUCK, "fips140: entropy health test failed: repetition count\n"},
        {FIPS140_ENTROPY_FAULT_SAMPLES_BIASED, "fips140: entropy health test failed: adaptive proportion\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[512];
        int rc = child_stderr(cases[i].fault, err, sizeof err);
        CHECK(rc == 1000 + SIGABRT, "fault %d: child ended with %d", (int)cases[i].fault, rc);
        CHECK(strncmp(err, cases[i].want, strlen(cases[i].want)) == 0, "fault %d: stderr \"%s\", want \"%s\"",
              (int)cases[i].fault, err, cases[i].want);
    }
    CHECK_ST(fips140_entropy_inject_fault((fips140_entropy_fault)99), FIPS140_ERR_ARG, "unknown fault");
    CHECK_OK(fips140_entropy_inject_fault(FIPS140_ENTROPY_FAULT_NONE), "clear (no fault)");
}

/* ---- output ---- */

static void *thread_get(void *arg)
{
    uint8_t *out = arg;
    for (int i = 0; i < 8; i++)
        if (fips140_entropy_get(out + 48 * i, 48) != FIPS140_OK)
            memset(out + 48 * i, 0, 48);
    return NULL;
}

static void test_get(void)
{
    enum { N = 16 };
    uint8_t out[N][64], zero[64] = {0};
    for (int i = 0; i < N; i++) {
        CHECK_OK(fips140_entropy_get(out[i], sizeof out[i]), "get %d", i);
        CHECK(memcmp(out[i], zero, 64) != 0, "output %d is zero", i);
        for (int j = 0; j < i; j++)
            CHECK(memcmp(out[i], out[j], 48) != 0 && memcmp(out[i] + 48, out[j] + 48, 16) != 0,
                  "outputs %d and %d repeat", i, j);
        CHECK(memcmp(out[i], out[i] + 48, 16) != 0, "the two blocks of output %d repeat", i);
    }
    for (size_t len = 0; len <= 64; len += 7) {
        uint8_t b[64];
        CHECK_OK(fips140_entropy_get(b, len), "len %zu", len);
    }
    uint8_t b[65];
    memset(b, 0xee, sizeof b);
    CHECK_ST(fips140_entropy_get(b, 65), FIPS140_ERR_OUTPUT_LENGTH, "len 65");
    CHECK(b[0] == 0xee && b[64] == 0xee, "rejected request wrote its output");
    CHECK_ST(fips140_entropy_get(NULL, 16), FIPS140_ERR_NULL, "NULL out");
    CHECK_OK(fips140_entropy_get(NULL, 0), "NULL out, len 0");

    /* Two threads at once: all 16 blocks distinct. */
    static uint8_t tb[2][8 * 48];
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        CHECK(pthread_create(&t[i], NULL, thread_get, tb[i]) == 0, "pthread_create");
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 16; i++) {
        CHECK(memcmp(tb[i / 8] + 48 * (i % 8), zero, 48) != 0, "thread block %d failed", i);
        for (int j = 0; j < i; j++)
            CHECK(memcmp(tb[i / 8] + 48 * (i % 8), tb[j / 8] + 48 * (j % 8), 48) != 0, "thread blocks %d %d", i, j);
    }
}

static void test_raw_info(void)
{
    static uint8_t a[4096], b[4096];
    CHECK_OK(fips140_entropy_raw(a, sizeof a, 0), "raw");
    unsigned distinct = 0, seen[256] = {0};
    for (size_t i = 0; i < sizeof a; i++)
        distinct += seen[a[i]]++ == 0;
    CHECK(distinct >= 16, "raw samples take only %u values", distinct);
    CHECK_OK(fips140_entropy_raw(a, 1000, FIPS140_ENTROPY_RAW_RESTART), "restart 1");
    CHECK_OK(fips140_entropy_raw(b, 1000, FIPS140_ENTROPY_RAW_RESTART), "restart 2");
    CHECK(memcmp(a, b, 1000) != 0, "two restarts gave the same samples");
    CHECK_ST(fips140_entropy_raw(a, 1, 2), FIPS140_ERR_ARG, "unknown flag");
    CHECK_ST(fips140_entropy_raw(NULL, 1, 0), FIPS140_ERR_NULL, "NULL");

    fips140_entropy_info in;
    CHECK_OK(fips140_entropy_get_info(&in), "info");
    CHECK(in.rct_cutoff == ENT_RCT_CUTOFF && in.apt_cutoff == ENT_APT_CUTOFF && in.apt_window == 512 &&
              in.alpha_log2 == ENT_ALPHA_LOG2 && in.startup_samples >= 1024,
          "info constants");
    CHECK(in.min_entropy_per_sample > 0 && in.samples_per_block * in.min_entropy_per_sample >= 448, "info claim");
    CHECK(in.delta_gcd >= 1 && in.delta_min > 0 && in.delta_median >= in.delta_min && in.delta_max >= in.delta_median,
          "info deltas");
    CHECK(in.timer != NULL && in.conditioning != NULL && strcmp(in.conditioning, "SHA2-384") == 0, "info names");
    CHECK_ST(fips140_entropy_get_info(NULL), FIPS140_ERR_NULL, "info NULL");
    printf("timer %s: %.3f ns/tick, step deltas min %llu median %llu GCD %llu, %.0f ns per sample\n", in.timer,
           in.timer_ns_per_tick, (unsigned long long)in.delta_min, (unsigned long long)in.delta_median,
           (unsigned long long)in.delta_gcd, in.ns_per_sample);

    uint64_t med = 0;
    CHECK_OK(fips140_entropy_seed_time(101, &med), "seed time");
    CHECK(med > 0, "seed time 0");
    printf("one 384-bit full-entropy seed: median %.1f us over 101 (target <= 5000 us)\n", (double)med / 1000.0);
    CHECK_ST(fips140_entropy_seed_time(0, &med), FIPS140_ERR_ARG, "seed time 0 count");
}

int main(void)
{
    tu_print_paths("test_entropy");
    test_cutoffs();
    test_streams();
    test_fatal();
    test_get();
    test_raw_info();
    return tu_done();
}
