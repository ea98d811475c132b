/* tests/unit/test_core.c - the module core (include/fips140/module.h, status.h): status strings; identity;
 * the runtime mode from FIPS140 (off/on/only/debug, and the abort with its exact message on an unknown value:
 * DESIGN §3.3), each in a fresh child process since the mode is read once; the self-test registry and
 * fips140_selftest_run_all (every test reported once, in order; state OPERATIONAL afterwards; FIPS140=debug prints
 * a line per test); fips140_wipe; CPU feature names and the FIPS140_CPU mask; implementation names; the algorithm
 * table; the per-thread service indicator. */
#include "test_util.h"

#include <pthread.h>
#include <signal.h>

/* ---- child processes with captured stderr ---- */

typedef struct child_result {
    int code; /* exit code, or 1000 + signal */
    char err[4096];
} child_result;

/* run_with_env - run the child scenario name (see main) in this program re-executed with FIPS140=value (NULL:
 * unset): the module reads the mode once, at load. Collects the exit code and the child's stderr. */
static void run_with_env(const char *value, const char *name, child_result *r)
{
    memset(r, 0, sizeof *r);
    r->code = tu_exec_child(value, name, r->err, sizeof r->err);
}

static int child_mode(void) { return (int)fips140_get_mode(); }

static int child_selftest(void)
{
    if (fips140_selftest_run_all(NULL, NULL) != FIPS140_OK) return 100;
    return fips140_get_state() == FIPS140_STATE_OPERATIONAL ? 0 : 101;
}

static void test_modes(void)
{
    static const struct {
        const char *env;
        fips140_mode mode;
    } m[] = {{NULL, FIPS140_MODE_ON},       {"", FIPS140_MODE_ON},          {"on", FIPS140_MODE_ON},
             {"off", FIPS140_MODE_OFF},     {"only", FIPS140_MODE_ONLY},    {"debug", FIPS140_MODE_DEBUG}};
    child_result r;
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        run_with_env(m[i].env, "mode", &r);
        CHECK(r.code == (int)m[i].mode, "FIPS140=%s: mode %d, want %d (stderr: %s)", m[i].env ? m[i].env : "(unset)",
              r.code, (int)m[i].mode, r.err);
    }
    /* DESIGN §3.3: anything else aborts with `fips140: unknown FIPS140 setting "X"`. */
    run_with_env("bogus", "mode", &r);
    CHECK(r.code == 1000 + SIGABRT, "FIPS140=bogus: child ended with %d, want SIGABRT", r.code);
    CHECK(strstr(r.err, "fips140: unknown FIPS140 setting \"bogus\"\n") != NULL, "FIPS140=bogus stderr: %s", r.err);
    run_with_env("ON", "mode", &r);
    CHECK(r.code == 1000 + SIGABRT, "FIPS140=ON (case matters): child ended with %d", r.code);

    /* FIPS140=debug: one line per passed self-test on stderr. */
    run_with_env("debug", "selftest", &r);
    CHECK(r.code == 0, "FIPS140=debug self-tests: child ended with %d", r.code);
    for (size_t i = 0; i < fips140_selftest_count(); i++) {
        const char *name = fips140_selftest_name(i);
        char line[128];
        snprintf(line, sizeof line, "fips140: self-test passed: %s", name ? name : "?");
        CHECK(strstr(r.err, line) != NULL, "FIPS140=debug: no line \"%s\" on stderr", line);
    }
    /* FIPS140=on: quiet. */
    run_with_env("on", "selftest", &r);
    CHECK(r.code == 0 && r.err[0] == '\0', "FIPS140=on self-tests: code %d, stderr \"%s\"", r.code, r.err);
}

static void test_status_and_identity(void)
{
    const char *s[12];
    for (int c = 0; c >= -11; c--) {
        s[-c] = fips140_status_string((fips140_status)c);
        CHECK(s[-c] != NULL && s[-c][0] != '\0', "status string for %d", c);
        for (int d = 0; d < -c; d++)
            CHECK(s[d] == NULL || s[-c] == NULL || strcmp(s[d], s[-c]) != 0, "status %d and %d share \"%s\"", -d, c,
                  s[d] ? s[d] : "");
    }
    CHECK(fips140_status_string((fips140_status)-99) != NULL, "status string for an unknown code");
    CHECK(fips140_status_string((fips140_status)7) != NULL, "status string for a positive code");

    const char *name = fips140_module_name(), *ver = fips140_module_version();
    CHECK(name != NULL && strcmp(name, "fips140") == 0, "module name %s", name ? name : "(null)");
    unsigned a, b, c;
    CHECK(ver != NULL && sscanf(ver, "%u.%u.%u", &a, &b, &c) == 3, "module version \"%s\" is not x.y.z",
          ver ? ver : "(null)");

    static const char *const modes[] = {"off", "on", "only", "debug"};
    for (int i = 0; i < 4; i++) {
        const char *n = fips140_mode_name((fips140_mode)i);
        CHECK(n != NULL && strcmp(n, modes[i]) == 0, "mode name %d: %s", i, n ? n : "(null)");
    }
    CHECK(fips140_mode_name((fips140_mode)9) != NULL, "mode name for an unknown mode is not NULL");
}

typedef struct report_log {
    size_t calls;
    size_t in_order;
    uint64_t total_ns;
} report_log;

static void report(void *arg, const char *name, uint64_t ns)
{
    report_log *log = (report_log *)arg;
    /* The integrity check is reported first, then every CAST in registry order. */
    const char *expect = log->calls == 0 ? "integrity" : fips140_selftest_name(log->calls - 1);
    if (expect != NULL && name != NULL && strcmp(expect, name) == 0) log->in_order++;
    log->calls++;
    log->total_ns += ns;
}

static void test_selftests(void)
{
    fips140_state st0 = fips140_get_state();
    CHECK(st0 != FIPS140_STATE_ERROR, "module starts in the error state");
    size_t n = fips140_selftest_count();
    CHECK(n > 0, "no self-tests registered");
    for (size_t i = 0; i < n; i++) {
        const char *a = fips140_selftest_name(i);
        CHECK(a != NULL && a[0] != '\0', "self-test %zu has no name", i);
        for (size_t j = 0; j < i && a != NULL; j++) {
            const char *b = fips140_selftest_name(j);
            CHECK(b == NULL || strcmp(a, b) != 0, "self-tests %zu and %zu are both \"%s\"", j, i, a);
        }
    }
    CHECK(fips140_selftest_name(n) == NULL, "self-test name past the end");
    CHECK(fips140_selftest_name((size_t)-1) == NULL, "self-test name at SIZE_MAX");
    /* DESIGN §3.5: CAST names are ACVP algorithm names; these families are in the module now. */
    static const char *const expected[] = {"SHA2-256", "SHA2-512", "SHA3-256", "HMAC-SHA2-256", "ACVP-AES-GCM"};
    for (size_t e = 0; e < sizeof expected / sizeof expected[0]; e++) {
        int found = 0;
        for (size_t i = 0; i < n; i++) found |= fips140_selftest_name(i) && !strcmp(fips140_selftest_name(i), expected[e]);
        CHECK(found, "no self-test named %s", expected[e]);
    }

    report_log log = {0, 0, 0};
    CHECK_OK(fips140_selftest_run_all(report, &log), "selftest_run_all");
    CHECK(log.calls == n + 1, "report called %zu times for the integrity check and %zu CASTs", log.calls, n);
    CHECK(log.in_order == n + 1, "only %zu of %zu reports named the tests in order", log.in_order, n + 1);
    CHECK(log.total_ns < 60ull * 1000000000ull, "self-tests took %llu ns", (unsigned long long)log.total_ns);
    CHECK(fips140_get_state() == FIPS140_STATE_OPERATIONAL, "state after run_all: %d", (int)fips140_get_state());
    CHECK_OK(fips140_selftest_run_all(NULL, NULL), "selftest_run_all again, no report");
    CHECK(fips140_get_state() == FIPS140_STATE_OPERATIONAL, "state after second run_all");
}

static void test_wipe(void)
{
    uint8_t buf[1000], copy[1000];
    tu_rng rng = {11};
    tu_fill(&rng, buf, sizeof buf);
    for (size_t i = 0; i < sizeof buf; i++) buf[i] |= 1; /* no zero bytes */
    memcpy(copy, buf, sizeof buf);
    fips140_wipe(buf + 3, 500);
    int zero = 1;
    for (size_t i = 3; i < 503; i++) zero &= buf[i] == 0;
    CHECK(zero, "fips140_wipe left non-zero bytes");
    CHECK(memcmp(buf, copy, 3) == 0 && memcmp(buf + 503, copy + 503, sizeof buf - 503) == 0,
          "fips140_wipe touched bytes outside its range");
    fips140_wipe(buf + 600, 0);
    CHECK(memcmp(buf + 503, copy + 503, sizeof buf - 503) == 0, "fips140_wipe with n = 0 changed memory");
    fips140_wipe(NULL, 0);
    CHECK(1, "fips140_wipe(NULL, 0) returned");
}

static void test_cpu(void)
{
    const char *names[14];
    for (unsigned i = 0; i < 14; i++) {
        names[i] = fips140_cpu_feature_name(1u << i);
        CHECK(names[i] != NULL && names[i][0] != '\0', "no name for CPU feature bit %u", i);
        for (unsigned j = 0; j < i; j++)
            CHECK(names[i] == NULL || names[j] == NULL || strcmp(names[i], names[j]) != 0,
                  "CPU feature bits %u and %u are both \"%s\"", j, i, names[i] ? names[i] : "");
    }
    CHECK(names[2] && !strcmp(names[2], "aesni") && names[10] && !strcmp(names[10], "vaes"),
          "FIPS140_CPU_AESNI / VAES names (module.h's examples: \"aesni\", \"vaes\")");
    CHECK(fips140_cpu_feature_name(0) == NULL, "name for no bit");
    CHECK(fips140_cpu_feature_name(1u << 14) == NULL, "name for bit 14");
    CHECK(fips140_cpu_feature_name(1u << 31) == NULL, "name for bit 31");
    CHECK(fips140_cpu_feature_name(3) == NULL, "name for two bits");

    uint32_t f = fips140_cpu_features();
    CHECK((f & ~0x3FFFu) == 0, "fips140_cpu_features has unknown bits: 0x%x", f);
    CHECK(fips140_cpu_features() == f, "fips140_cpu_features is not stable");
    /* The FIPS140_CPU mask is honoured: "portable" clears everything, "-name,..." clears those features. */
    const char *env = getenv("FIPS140_CPU");
    if (env != NULL && strcmp(env, "portable") == 0) {
        CHECK(f == 0, "FIPS140_CPU=portable but features 0x%x", f);
    } else if (env != NULL) {
        char copy[256];
        snprintf(copy, sizeof copy, "%s", env);
        for (char *tok = strtok(copy, ","); tok != NULL; tok = strtok(NULL, ",")) {
            if (tok[0] != '-') continue;
            for (unsigned i = 0; i < 13; i++)
                if (names[i] && strcmp(names[i], tok + 1) == 0)
                    CHECK(!(f & (1u << i)), "FIPS140_CPU=%s but %s is still on", env, names[i]);
        }
    }

    static const char *const fam[] = {"sha1", "sha256", "sha512", "keccak", "aes", "ghash"};
    for (size_t i = 0; i < 6; i++) {
        const char *n = fips140_impl_name(fam[i]);
        CHECK(n != NULL && n[0] != '\0', "no implementation name for %s", fam[i]);
    }
    CHECK(fips140_impl_name("md5") == NULL, "implementation name for an unknown family");
    CHECK(fips140_impl_name("") == NULL, "implementation name for an empty family");
    CHECK(fips140_impl_name(NULL) == NULL, "implementation name for NULL");
    if (f == 0) { /* no CPU features: every family must be on its portable path */
        const char *aes = fips140_impl_name("aes"), *sha = fips140_impl_name("sha256");
        CHECK(aes && !strstr(aes, "ni") && !strstr(aes, "vaes"), "no features but aes impl %s", aes ? aes : "?");
        CHECK(sha && !strstr(sha, "ni") && !strstr(sha, "avx"), "no features but sha256 impl %s", sha ? sha : "?");
    }
}

static void test_algorithms(void)
{
    size_t n = fips140_algorithm_count();
    CHECK(n > 0, "empty algorithm table");
    size_t approved = 0;
    for (size_t i = 0; i < n; i++) {
        const char *a = fips140_algorithm_name(i);
        int ap = fips140_algorithm_approved(i);
        CHECK(a != NULL && a[0] != '\0', "algorithm %zu has no name", i);
        CHECK(ap == 0 || ap == 1, "algorithm %zu approved = %d", i, ap);
        approved += ap == 1;
        for (size_t j = 0; j < i && a != NULL; j++) {
            const char *b = fips140_algorithm_name(j);
            CHECK(b == NULL || strcmp(a, b) != 0, "algorithms %zu and %zu are both \"%s\"", j, i, a);
        }
    }
    CHECK(approved > 0, "no approved algorithm in the table");
    CHECK(fips140_algorithm_name(n) == NULL, "algorithm name past the end");
    CHECK(fips140_algorithm_approved(n) == 0, "algorithm past the end approved");
}

/* The indicator is per thread: another thread's service does not change ours. */
static void *indicator_thread(void *arg)
{
    int *ok = (int *)arg;
    uint8_t out[32];
    *ok = fips140_indicator_get() == FIPS140_INDICATOR_NONE;
    *ok &= fips140_hash(FIPS140_SHA256, out, 32, "abc", 3) == FIPS140_OK;
    *ok &= fips140_indicator_get() == FIPS140_INDICATOR_APPROVED;
    return NULL;
}

static void test_indicator(void)
{
    uint8_t out[32], key[32] = {0};
    fips140_indicator_clear();
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "indicator after clear");
    CHECK_OK(fips140_hmac(FIPS140_SHA256, out, 32, key, 8, "abc", 3), "short-key HMAC");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "short-key HMAC indicator");
    int ok = 0;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, indicator_thread, &ok) == 0, "pthread_create");
    pthread_join(t, NULL);
    CHECK(ok, "a new thread does not start with its own indicator NONE, or SHA-256 is not APPROVED there");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "another thread changed this thread's indicator");
    fips140_indicator_clear();
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "indicator after second clear");
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "mode", child_mode());
    TU_CHILD(argc, argv, "selftest", child_selftest());
    test_modes(); /* children first: the parent has not read the mode yet */
    tu_print_paths("test_core");
    test_status_and_identity();
    test_selftests();
    test_wipe();
    test_cpu();
    test_algorithms();
    test_indicator();
    return tu_done();
}
