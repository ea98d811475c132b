/* cli/cmd_entropy.c - `fips140 entropy`: the recorder of the module's SP 800-90B entropy source (DESIGN §3.2).
 *   --raw N [-o FILE]   N raw samples, one byte each, binary (SP 800-90B §3.1.3 sequential data for NIST's
 *                       ea_non_iid / ea_iid); stdout when no -o
 *   --restart [-o FILE] the 1000 x 1000 restart matrix (§3.1.4, for ea_restart): 1000 restarts of the noise
 *                       source, 1000 samples each, written row by row
 *   --info              claimed min-entropy, α, health-test cutoffs, timer source, resolution and GCD of deltas,
 *                       and the median time of one 384-bit seed
 * A progress bar goes to stderr when stderr is a terminal. Exit 0 success, 1 failure, 2 usage. */
#define _POSIX_C_SOURCE 200809L /* fileno, isatty */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "fips140/entropy.h"

#define RESTARTS 1000u
#define RESTART_SAMPLES 1000u
#define CHUNK 65536u

static const char usage_text[] = "usage: fips140 entropy --raw N [-o FILE]\n"
                                 "       fips140 entropy --restart [-o FILE]\n"
                                 "       fips140 entropy --info\n";

static int usage_error(const char *why, const char *arg)
{
    fprintf(stderr, "fips140 entropy: %s%s%s%s\n%s", why, arg ? " \"" : "", arg ? arg : "", arg ? "\"" : "",
            usage_text);
    return EXIT_USAGE;
}

/* parse_count - a decimal sample count, 1 … 10^12. */
static int parse_count(const char *s, unsigned long long *n)
{
    if (s == NULL || *s == '\0' || strlen(s) > 13)
        return 0;
    unsigned long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        v = v * 10u + (unsigned)(*p - '0');
    }
    if (v == 0 || v > 1000000000000ull)
        return 0;
    *n = v;
    return 1;
}

/* progress - "\r<what> [#####.....]  42%" on stderr, only when stderr is a terminal. */
static void progress(int tty, const char *what, unsigned long long done, unsigned long long total)
{
    if (!tty)
        return;
    unsigned pct = (unsigned)(done * 100u / total);
    char bar[41];
    unsigned fill = (unsigned)(done * 40u / total);
    for (unsigned i = 0; i < 40; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[40] = '\0';
    fprintf(stderr, "\r%s [%s] %3u%%", what, bar, pct);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* record - write `rows` rows of `per_row` samples (restart rows when restart is set) to out. */
static int record(FILE *out, const char *name, unsigned long long rows, unsigned long long per_row, int restart)
{
    uint8_t *buf = malloc(CHUNK);
    if (buf == NULL) {
        fprintf(stderr, "fips140 entropy: out of memory\n");
        return EXIT_FAIL;
    }
    int tty = isatty(fileno(stderr));
    unsigned long long total = rows * per_row, done = 0;
    int rc = EXIT_OK;
    for (unsigned long long r = 0; r < rows && rc == EXIT_OK; r++) {
        for (unsigned long long i = 0; i < per_row && rc == EXIT_OK;) {
            size_t n = per_row - i < CHUNK ? (size_t)(per_row - i) : CHUNK;
            fips140_status st = fips140_entropy_raw(buf, n, restart ? FIPS140_ENTROPY_RAW_RESTART : 0);
            if (st != FIPS140_OK) {
                fprintf(stderr, "fips140 entropy: %s\n", fips140_status_string(st));
                rc = EXIT_FAIL;
            } else if (fwrite(buf, 1, n, out) != n) {
                fprintf(stderr, "fips140 entropy: cannot write %s: %s\n", name, strerror(errno));
                rc = EXIT_FAIL;
            }
            i += n;
            done += n;
            if (restart || done % (CHUNK * 4) == 0 || done == total)
                progress(tty, restart ? "restarts" : "samples", done, total);
        }
    }
    free(buf);
    return rc;
}

/* print_info - the --info report. */
static int print_info(void)
{
    fips140_entropy_info in;
    uint64_t seed_ns = 0;
    fips140_status st = fips140_entropy_get_info(&in);
    if (st == FIPS140_OK)
        st = fips140_entropy_seed_time(101, &seed_ns);
    if (st != FIPS140_OK) {
        fprintf(stderr, "fips140 entropy: %s\n", fips140_status_string(st));
        return EXIT_FAIL;
    }
    printf("noise source:          %s\n", in.noise_source);
    printf("raw sample:            low 8 bits of one workload step's time delta (%.0f ns per sample)\n",
           in.ns_per_sample);
    printf("timer:                 %s\n", in.timer);
    printf("timer resolution:      %.3f ns per tick; smallest back-to-back step %llu ticks\n", in.timer_ns_per_tick,
           (unsigned long long)in.timer_min_step);
    printf("step deltas (ticks):   min %llu, median %llu, max %llu, GCD %llu (1024 steps)\n",
           (unsigned long long)in.delta_min, (unsigned long long)in.delta_median, (unsigned long long)in.delta_max,
           (unsigned long long)in.delta_gcd);
    printf("claimed min-entropy:   %.3f bits per sample\n", in.min_entropy_per_sample);
    printf("false-positive rate:   alpha = 2^-%u\n", in.alpha_log2);
    printf("RCT cutoff:            %u (SP 800-90B 4.4.1)\n", in.rct_cutoff);
    printf("APT cutoff:            %u in a window of %u (SP 800-90B 4.4.2)\n", in.apt_cutoff, in.apt_window);
    printf("start-up test:         %u samples (SP 800-90B 4.3)\n", in.startup_samples);
    printf("conditioning:          %s, %u samples (%.0f bits assessed) per %u-bit full-entropy block\n",
           in.conditioning, in.samples_per_block, in.samples_per_block * in.min_entropy_per_sample,
           in.block_bytes * 8u);
    printf("failure handling:      a failed attempt is discarded; %u in a row are permanent (fatal)\n",
           in.max_failures);
    printf("workload:              %zu KiB buffer, %u dependent loads per sample\n", in.buffer_bytes / 1024,
           in.loads_per_sample);
    printf("seed time:             %.1f us median per 384-bit seed (101 seeds)\n", (double)seed_ns / 1000.0);
    return EXIT_OK;
}

/* cmd_entropy - parse the arguments and run one mode. */
int cmd_entropy(int argc, char **argv)
{
    int mode = 0; /* 1 raw, 2 restart, 3 info */
    unsigned long long n = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int m = strcmp(a, "--raw") == 0 ? 1 : strcmp(a, "--restart") == 0 ? 2 : strcmp(a, "--info") == 0 ? 3 : 0;
        if (m != 0) {
            if (mode != 0)
                return usage_error("choose one of --raw, --restart, --info", NULL);
            mode = m;
            if (m == 1) {
                if (i + 1 >= argc || !parse_count(argv[i + 1], &n))
                    return usage_error("--raw needs a sample count from 1 to 10^12, got", i + 1 < argc ? argv[i + 1] : "");
                i++;
            }
        } else if (strcmp(a, "-o") == 0) {
            if (i + 1 >= argc || path != NULL)
                return usage_error("-o needs exactly one FILE", NULL);
            path = argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        } else {
            return usage_error("unknown argument", a);
        }
    }
    if (mode == 0)
        return usage_error("choose one of --raw, --restart, --info", NULL);
    if (mode == 3) {
        if (path != NULL)
            return usage_error("--info takes no -o", NULL);
        return print_info();
    }
    FILE *out = stdout;
    if (path != NULL && (out = fopen(path, "wb")) == NULL) {
        fprintf(stderr, "fips140 entropy: cannot open %s: %s\n", path, strerror(errno));
        return EXIT_FAIL;
    }
    const char *name = path != NULL ? path : "standard output";
    int rc = mode == 1 ? record(out, name, 1, n, 0) : record(out, name, RESTARTS, RESTART_SAMPLES, 1);
    if (fflush(out) != 0 && rc == EXIT_OK) {
        fprintf(stderr, "fips140 entropy: cannot write %s: %s\n", name, strerror(errno));
        rc = EXIT_FAIL;
    }
    if (out != stdout && fclose(out) != 0 && rc == EXIT_OK) {
        fprintf(stderr, "fips140 entropy: cannot write %s: %s\n", name, strerror(errno));
        rc = EXIT_FAIL;
    }
    return rc;
}
