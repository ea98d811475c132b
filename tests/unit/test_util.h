/* tests/unit/test_util.h - the tiny harness shared by the unit tests: CHECK macros that count passes and
 * failures, a deterministic PRNG (splitmix64) for test data, hex helpers, a fork() helper for tests that need
 * a fresh process (runtime mode is read once), and the closing "N passed, M failed" line.
 *
 * Include this first in every test: it selects the POSIX feature level before any system header. */
#ifndef FIPS140_TEST_UTIL_H
#define FIPS140_TEST_UTIL_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fips140/fips140.h>

static unsigned long tu_passed, tu_failed;

#define TU_MAX_REPORTS 200 /* print at most this many failures; count them all */

/* tu_fail_at - count one failure and say whether it should be printed (then the caller prints the detail). */
static inline int tu_fail_at(const char *file, int line)
{
    tu_failed++;
    if (tu_failed > TU_MAX_REPORTS)
        return 0;
    fprintf(stderr, "FAIL %s:%d: ", file, line);
    return 1;
}

/* CHECK(cond, fmt, ...) - one check; on failure prints file:line and the formatted detail. */
#define CHECK(cond, ...)                                   \
    do {                                                   \
        if (cond) {                                        \
            tu_passed++;                                   \
        } else if (tu_fail_at(__FILE__, __LINE__)) {       \
            fprintf(stderr, __VA_ARGS__);                  \
            fputc('\n', stderr);                           \
        }                                                  \
    } while (0)

/* CHECK_ST(expr, want, fmt, ...) - expr returns a fips140_status that must equal want. */
#define CHECK_ST(expr, want, ...)                                                               \
    do {                                                                                        \
        fips140_status tu_st_ = (expr);                                                         \
        fips140_status tu_want_ = (want);                                                       \
        if (tu_st_ == tu_want_) {                                                               \
            tu_passed++;                                                                        \
        } else if (tu_fail_at(__FILE__, __LINE__)) {                                            \
            fprintf(stderr, "%s: got %d (%s), want %d (%s): ", #expr, (int)tu_st_,              \
                    fips140_status_string(tu_st_), (int)tu_want_, fips140_status_string(tu_want_)); \
            fprintf(stderr, __VA_ARGS__);                                                       \
            fputc('\n', stderr);                                                                \
        }                                                                                       \
    } while (0)

#define CHECK_OK(expr, ...) CHECK_ST(expr, FIPS140_OK, __VA_ARGS__)

/* CHECK_MEM(got, want, n, fmt, ...) - n bytes must be equal; on failure prints both in hex. */
#define CHECK_MEM(got, want, n, ...)                                           \
    do {                                                                       \
        const void *tu_g_ = (got), *tu_w_ = (want);                            \
        size_t tu_n_ = (n);                                                    \
        if (tu_n_ == 0 || memcmp(tu_g_, tu_w_, tu_n_) == 0) {                  \
            tu_passed++;                                                       \
        } else if (tu_fail_at(__FILE__, __LINE__)) {                           \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            tu_print_hex("   got", tu_g_, tu_n_);                              \
            tu_print_hex("  want", tu_w_, tu_n_);                              \
        }                                                                      \
    } while (0)

/* tu_print_hex - "label: 00112233..." on stderr (at most 96 bytes). */
static inline void tu_print_hex(const char *label, const void *p, size_t n)
{
    const uint8_t *b = (const uint8_t *)p;
    fprintf(stderr, "%s: ", label);
    for (size_t i = 0; i < n && i < 96; i++)
        fprintf(stderr, "%02x", b[i]);
    fprintf(stderr, n > 96 ? "... (%zu bytes)\n" : " (%zu bytes)\n", n);
}

/* tu_unhex - decode a hex string (no separators) into out; returns the byte count, or SIZE_MAX if it does not
 * fit or is malformed (a test-data bug: abort loudly). */
static inline size_t tu_unhex(uint8_t *out, size_t cap, const char *hex)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > cap) {
        fprintf(stderr, "test data: bad hex string %.40s\n", hex);
        abort();
    }
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v = 0;
        for (int j = 0; j < 2; j++) {
            char c = hex[2 * i + (size_t)j];
            unsigned d;
            if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
            else {
                fprintf(stderr, "test data: bad hex digit in %.40s\n", hex);
                abort();
            }
            v = v * 16 + d;
        }
        out[i] = (uint8_t)v;
    }
    return n / 2;
}

/* tu_rng - splitmix64 (Steele, Lea, Flood 2014): deterministic test data, never for keys in production. */
typedef struct tu_rng {
    uint64_t s;
} tu_rng;

static inline uint64_t tu_next(tu_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* tu_below - a value in [0, n) (n > 0); the small modulo bias does not matter for test data. */
static inline size_t tu_below(tu_rng *r, size_t n) { return (size_t)(tu_next(r) % n); }

static inline void tu_fill(tu_rng *r, void *p, size_t n)
{
    uint8_t *b = (uint8_t *)p;
    for (size_t i = 0; i < n; i++)
        b[i] = (uint8_t)(tu_next(r) >> 56);
}

/* tu_wait - wait for child pid: its exit code (0..255), 1000 + signal number if a signal killed it, or -1. */
static inline int tu_wait(pid_t pid)
{
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 1000 + WTERMSIG(status);
    return -1;
}

/* tu_read_all - read fd until end of file or until buf (len ≥ 1 bytes) is full; NUL-terminates; closes fd. */
static inline void tu_read_all(int fd, char *buf, size_t len)
{
    size_t n = 0;
    ssize_t k;
    while (n + 1 < len && (k = read(fd, buf + n, len - 1 - n)) > 0)
        n += (size_t)k;
    buf[n] = '\0';
    close(fd);
}

/* tu_child - run fn(arg) in a forked child; returns its exit code (0..255), or 1000 + signal number if it was
 * killed by a signal, or -1 if fork failed. The child's own CHECKs are summarised in its exit code by fn. */
static inline int tu_child(int (*fn)(void *), void *arg)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        _exit(fn(arg) & 0xff);
    return tu_wait(pid);
}

/* tu_exec_child - run this program again (/proc/self/exe) as `PROG --tu-child NAME` in a forked child, with
 * FIPS140=mode (NULL: unset). The module reads FIPS140 once, when it is loaded (its power-on constructor), so
 * another mode needs a fresh process image. The child's stderr goes to err (errlen bytes, NUL-terminated) when err
 * is not NULL. Returns the exit code (0..255), 1000 + signal number, or -1. The program's main() answers the call
 * with TU_CHILD(argc, argv, NAME, expression). */
static inline int tu_exec_child(const char *mode, const char *name, char *err, size_t errlen)
{
    int fds[2] = {-1, -1};
    if (err != NULL && (errlen == 0 || pipe(fds) != 0))
        return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (err != NULL) {
            close(fds[0]);
            dup2(fds[1], 2);
        }
        if (mode != NULL)
            setenv("FIPS140", mode, 1);
        else
            unsetenv("FIPS140");
        char *const argv[] = {(char *)"test", (char *)"--tu-child", (char *)name, NULL};
        execv("/proc/self/exe", argv);
        _exit(127);
    }
    if (err != NULL) {
        close(fds[1]);
        tu_read_all(fds[0], err, errlen);
    }
    return tu_wait(pid);
}
/* TU_CHECK_CHILD - run the TU_CHILD case name under FIPS140=mode and CHECK that it ended with no failed expectation. */
#define TU_CHECK_CHILD(mode, name)                                                                              \
    do {                                                                                                       \
        int rc_ = tu_exec_child((mode), (name), NULL, 0);                                                      \
        CHECK(rc_ == 0, "FIPS140=%s child %s: %s %d", (mode), (name),                                          \
              rc_ >= 1000 ? "killed by signal" : "failed expectations:", rc_ >= 1000 ? rc_ - 1000 : rc_);      \
    } while (0)

/* TU_CHILD - in main(): when started by tu_exec_child(…, NAME, …), return the value of expr as the exit code. */
#define TU_CHILD(argc, argv, name, expr) \
    do { \
        if ((argc) == 3 && strcmp((argv)[1], "--tu-child") == 0 && strcmp((argv)[2], (name)) == 0) \
            return (expr) & 0xff; \
    } while (0)

/* tu_print_paths - which CPU path this run exercises (FIPS140_CPU), for the log. */
static inline void tu_print_paths(const char *test)
{
    const char *cpu = getenv("FIPS140_CPU");
    printf("%s: FIPS140_CPU=%s", test, cpu ? cpu : "(default)");
    static const char *const families[] = {"sha1", "sha256", "sha512", "keccak", "aes", "ghash"};
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        const char *n = fips140_impl_name(families[i]);
        printf(" %s=%s", families[i], n ? n : "?");
    }
    printf("\n");
}

/* tu_done - the closing line; the process exit code is non-zero when anything failed. */
static inline int tu_done(void)
{
    if (tu_failed > TU_MAX_REPORTS)
        fprintf(stderr, "(%lu more failures not shown)\n", tu_failed - TU_MAX_REPORTS);
    printf("%lu passed, %lu failed\n", tu_passed, tu_failed);
    return tu_failed != 0;
}

#endif
