/* tests/unit/test_modes.c - the FIPS140 runtime modes (DESIGN §3.3) and the service indicator across them.
 *
 * Each scenario runs in a fresh process: this program re-executes itself (tu_exec_child) with FIPS140 set in its
 * environment, since the module reads the mode once, at load. Checked:
 *  - the service matrix: in every mode, approved services succeed with the indicator APPROVED; non-approved ones
 *    (HMAC key under 112 bits, GCM encryption with a caller-chosen IV, DRBG from caller entropy) succeed with
 *    NOT_APPROVED in on/debug/off and fail with FIPS140_ERR_NOT_APPROVED in only, leaving the indicator alone;
 *  - the mode is read once: changing FIPS140 afterwards changes nothing;
 *  - on: a CAST runs before its algorithm's first use and not before (lazy, per algorithm);
 *  - off: lazy CASTs are skipped; fips140_selftest_run_all still runs them all;
 *  - debug: a "fips140: self-test passed: NAME" line each time a CAST passes (lazily on first use only, and
 *    from fips140_selftest_run_all); no such line in the other modes.
 * (Unknown settings and the debug listing of fips140_selftest_run_all are in test_core.c and cli_errors.sh.) */
#include "test_util.h"

#include "core/internal.h"

/* ---- child side: each scenario returns its number of failed checks (0..255) ---- */

static int bad;
#define EXPECT(cond, ...)                                                    \
    do {                                                                     \
        if (!(cond)) {                                                       \
            bad++;                                                           \
            fprintf(stderr, "child %s:%d: ", __FILE__, __LINE__);            \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

/* service - one service call's outcome: its status and the indicator it left (cleared before the call). */
typedef struct outcome {
    fips140_status st;
    fips140_indicator ind;
} outcome;

static const uint8_t key32[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

static outcome svc_sha256(void)
{
    uint8_t out[32];
    fips140_indicator_clear();
    fips140_status st = fips140_hash(FIPS140_SHA256, out, sizeof out, "abc", 3);
    return (outcome){st, fips140_indicator_get()};
}

static outcome svc_hmac(size_t keylen)
{
    uint8_t out[32];
    fips140_indicator_clear();
    fips140_status st = fips140_hmac(FIPS140_SHA256, out, sizeof out, key32, keylen, "abc", 3);
    return (outcome){st, fips140_indicator_get()};
}

static outcome svc_gcm(int caller_iv)
{
    fips140_aes_gcm_ctx ctx;
    uint8_t iv[12] = {0}, pt[20] = {0}, ct[20], tag[16];
    fips140_status st = fips140_aes_gcm_init(&ctx, key32, 16);
    if (st != FIPS140_OK)
        return (outcome){st, FIPS140_INDICATOR_NONE};
    fips140_indicator_clear();
    if (caller_iv)
        st = fips140_aes_gcm_encrypt(&ctx, ct, tag, sizeof tag, iv, sizeof iv, NULL, 0, pt, sizeof pt);
    else
        st = fips140_aes_gcm_encrypt_random_iv(&ctx, ct, tag, sizeof tag, iv, NULL, 0, pt, sizeof pt);
    outcome o = {st, fips140_indicator_get()};
    fips140_wipe(&ctx, sizeof ctx);
    return o;
}

static outcome svc_drbg_caller_entropy(void)
{
    static fips140_drbg_ctx ctx;
    const fips140_drbg_params p = {FIPS140_DRBG_HMAC, FIPS140_SHA256, 0, 0};
    uint8_t entropy[48];
    memset(entropy, 0x5a, sizeof entropy);
    fips140_indicator_clear();
    fips140_status st = fips140_drbg_instantiate(&ctx, &p, entropy, sizeof entropy, NULL, 0, NULL, 0);
    outcome o = {st, fips140_indicator_get()};
    if (st == FIPS140_OK)
        (void)fips140_drbg_uninstantiate(&ctx);
    return o;
}

static outcome svc_rand(void)
{
    uint8_t out[32];
    fips140_indicator_clear();
    fips140_status st = fips140_rand_bytes(out, sizeof out);
    return (outcome){st, fips140_indicator_get()};
}

/* check_matrix - every service's outcome in the mode the environment chose. */
static void check_matrix(void)
{
    int only = fips140_get_mode() == FIPS140_MODE_ONLY;
    const char *mode = fips140_mode_name(fips140_get_mode());
    static const struct {
        const char *name;
        int approved;
    } names[] = {{"SHA2-256", 1}, {"HMAC 16-byte key", 1}, {"GCM module IV", 1}, {"fips140_rand_bytes", 1},
                 {"HMAC 8-byte key", 0}, {"GCM caller IV", 0}, {"DRBG caller entropy", 0}};
    outcome o[7] = {svc_sha256(), svc_hmac(16), svc_gcm(0), svc_rand(), svc_hmac(8), svc_gcm(1),
                    svc_drbg_caller_entropy()};
    for (size_t i = 0; i < 7; i++) {
        if (names[i].approved) {
            EXPECT(o[i].st == FIPS140_OK && o[i].ind == FIPS140_INDICATOR_APPROVED,
                   "FIPS140=%s %s: status %d indicator %d, want OK / APPROVED", mode, names[i].name, o[i].st, o[i].ind);
        } else if (only) {
            EXPECT(o[i].st == FIPS140_ERR_NOT_APPROVED && o[i].ind == FIPS140_INDICATOR_NONE,
                   "FIPS140=only %s: status %d indicator %d, want NOT_APPROVED error / NONE", names[i].name, o[i].st,
                   o[i].ind);
        } else {
            EXPECT(o[i].st == FIPS140_OK && o[i].ind == FIPS140_INDICATOR_NOT_APPROVED,
                   "FIPS140=%s %s: status %d indicator %d, want OK / NOT_APPROVED", mode, names[i].name, o[i].st,
                   o[i].ind);
        }
    }
    EXPECT(strstr(fips140_status_string(FIPS140_ERR_NOT_APPROVED), "not allowed in FIPS140=only mode") != NULL,
           "status string of FIPS140_ERR_NOT_APPROVED: \"%s\"", fips140_status_string(FIPS140_ERR_NOT_APPROVED));
    EXPECT(fips140_get_state() != FIPS140_STATE_ERROR, "FIPS140=%s: module in the error state", mode);
}

/* read_once - the mode chosen at the first read survives a change of FIPS140. */
static void read_once(void)
{
    fips140_mode m = fips140_get_mode();
    EXPECT(setenv("FIPS140", m == FIPS140_MODE_ONLY ? "on" : "only", 1) == 0, "setenv");
    EXPECT(fips140_get_mode() == m, "mode changed from %s to %s after FIPS140 changed", fips140_mode_name(m),
           fips140_mode_name(fips140_get_mode()));
    outcome o = svc_hmac(8);
    if (m == FIPS140_MODE_ONLY)
        EXPECT(o.st == FIPS140_ERR_NOT_APPROVED, "only, then FIPS140=on: short-key HMAC status %d", o.st);
    else
        EXPECT(o.st == FIPS140_OK, "on, then FIPS140=only: short-key HMAC status %d", o.st);
}

/* lazy_casts - AES-CBC's CAST has not run before its first use; after it, it ran (on, debug) or not (off); the
 * CTR CAST, whose algorithm was not used, never ran; fips140_selftest_run_all runs everything in every mode. */
static void lazy_casts(void)
{
    int off = fips140_get_mode() == FIPS140_MODE_OFF;
    EXPECT(!atomic_load(&fips140_cast_passed[CAST_AES_CBC]), "ACVP-AES-CBC CAST ran before AES-CBC was used");
    fips140_aes_key k;
    uint8_t iv[16] = {0}, buf[32] = {0};
    EXPECT(fips140_aes_key_init(&k, key32, 16) == FIPS140_OK, "AES key");
    EXPECT(fips140_aes_cbc_encrypt(&k, iv, buf, buf, sizeof buf) == FIPS140_OK, "AES-CBC encrypt");
    EXPECT(fips140_aes_cbc_encrypt(&k, iv, buf, buf, sizeof buf) == FIPS140_OK, "AES-CBC encrypt again");
    int ran = atomic_load(&fips140_cast_passed[CAST_AES_CBC]);
    EXPECT(off ? !ran : ran, "FIPS140=%s: ACVP-AES-CBC CAST %s after first use", fips140_mode_name(fips140_get_mode()),
           ran ? "ran" : "did not run");
    EXPECT(!atomic_load(&fips140_cast_passed[CAST_AES_CTR]), "ACVP-AES-CTR CAST ran though AES-CTR was not used");
    EXPECT(fips140_selftest_run_all(NULL, NULL) == FIPS140_OK, "fips140_selftest_run_all");
    for (int id = 0; id < CAST_COUNT; id++)
        EXPECT(atomic_load(&fips140_cast_passed[id]), "CAST %s not run by fips140_selftest_run_all",
               fips140_selftest_name((size_t)id));
}

/* run_scenario - the child side of tu_exec_child: run one scenario, return its failed-check count. */
static int run_scenario(void (*fn)(void))
{
    fn();
    fflush(stderr);
    return bad > 255 ? 255 : bad;
}

/* ---- parent side ---- */

typedef struct run_result {
    int code; /* exit code, or 1000 + signal */
    char err[8192];
} run_result;

/* run_child - scenario in this program re-executed with FIPS140=mode (NULL: unset); exit code and stderr. */
static void run_child(const char *mode, const char *scenario, run_result *r)
{
    memset(r, 0, sizeof *r);
    r->code = tu_exec_child(mode, scenario, r->err, sizeof r->err);
}

/* count_lines - occurrences of the whole line `line` in text. */
static int count_lines(const char *text, const char *line)
{
    int n = 0;
    size_t len = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p += len)
        if ((p == text || p[-1] == '\n') && (p[len] == '\n' || p[len] == ' ' || p[len] == '\0'))
            n++;
    return n;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "matrix", run_scenario(check_matrix));
    TU_CHILD(argc, argv, "read-once", run_scenario(read_once));
    TU_CHILD(argc, argv, "lazy", run_scenario(lazy_casts));
    tu_print_paths("test_modes");
    static const char *const modes[] = {NULL, "on", "only", "debug", "off"};
    run_result r;
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        const char *m = modes[i] ? modes[i] : "(unset)";
        run_child(modes[i], "matrix", &r);
        CHECK(r.code == 0, "FIPS140=%s service matrix: child exit %d\n%s", m, r.code, r.err);
        run_child(modes[i], "read-once", &r);
        CHECK(r.code == 0, "FIPS140=%s read once: child exit %d\n%s", m, r.code, r.err);
        run_child(modes[i], "lazy", &r);
        CHECK(r.code == 0, "FIPS140=%s lazy CASTs: child exit %d\n%s", m, r.code, r.err);
        int debug = modes[i] && strcmp(modes[i], "debug") == 0;
        /* debug: a line per passed CAST: the CBC CAST's on its first use (not on the second) and again from
         * fips140_selftest_run_all, the unused CTR CAST's from fips140_selftest_run_all only, every CAST at least
         * once (CASTs run at load print theirs too). */
        for (size_t t = 0; t < fips140_selftest_count(); t++) {
            const char *name = fips140_selftest_name(t);
            char line[128];
            snprintf(line, sizeof line, "fips140: self-test passed: %s", name);
            int n = count_lines(r.err, line), want = 1;
            if (strcmp(name, "ACVP-AES-CBC") == 0)
                want = 2;
            if (!debug)
                want = 0;
            int exact = !debug || want == 2 || strcmp(name, "ACVP-AES-CTR") == 0;
            CHECK(exact ? n == want : n >= want, "FIPS140=%s: \"%s\" printed %d times, want %s%d", m, line, n,
                  exact ? "" : "at least ", want);
        }
        if (!debug)
            CHECK(strstr(r.err, "self-test passed") == NULL, "FIPS140=%s printed self-test lines:\n%s", m, r.err);
    }
    return tu_done();
}
