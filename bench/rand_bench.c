/* bench/rand_bench.c - the module RNG (fips140_rand_bytes) against OpenSSL's RAND_bytes, side by side in one run:
 * throughput at 4 KiB per request, latency of a 16-byte request, and scaling from 1 to 2 threads (each thread
 * calls in a loop for the same wall time; aggregate throughput is reported). Every cell is the best of R rounds,
 * the two libraries alternating per round so that load from other processes hits both alike. Prints a Markdown
 * table.
 *
 * Build (from the repository root, after `make`):
 *   cc -O2 -std=c11 -Iinclude bench/rand_bench.c build/lib/libfips140.a -lcrypto -lpthread -o /tmp/rand_bench
 * Usage: rand_bench [seconds per cell, default 0.5] [rounds, default 3] */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/rand.h>
#include <fips140/fips140.h>

enum { LIB_FIPS140 = 0, LIB_OPENSSL = 1 };

typedef struct job {
    int lib;
    size_t len;
    double seconds;
    unsigned long long calls;
    int failed;
} job;

static pthread_barrier_t start_line;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* worker - call the library in batches of 64 until the time is up. */
static void *worker(void *arg)
{
    job *j = arg;
    static _Thread_local unsigned char buf[4096];
    /* warm up: instantiates this thread's DRBG in both libraries */
    if (fips140_rand_bytes(buf, j->len) != FIPS140_OK || RAND_bytes(buf, (int)j->len) != 1)
        j->failed = 1;
    pthread_barrier_wait(&start_line);
    double end = now() + j->seconds;
    unsigned long long calls = 0;
    do {
        for (int i = 0; i < 64; i++) {
            if (j->lib == LIB_FIPS140)
                j->failed |= fips140_rand_bytes(buf, j->len) != FIPS140_OK;
            else
                j->failed |= RAND_bytes(buf, (int)j->len) != 1;
        }
        calls += 64;
    } while (now() < end);
    j->calls = calls;
    return NULL;
}

/* run - nthreads threads on one library; returns aggregate calls per second. */
static double run(int lib, size_t len, int nthreads, double seconds)
{
    pthread_t th[2];
    job jobs[2];
    pthread_barrier_init(&start_line, NULL, (unsigned)nthreads + 1);
    double t0 = 0;
    for (int i = 0; i < nthreads; i++) {
        jobs[i] = (job){lib, len, seconds, 0, 0};
        if (pthread_create(&th[i], NULL, worker, &jobs[i]) != 0) {
            perror("pthread_create");
            exit(1);
        }
    }
    pthread_barrier_wait(&start_line);
    t0 = now();
    unsigned long long calls = 0;
    for (int i = 0; i < nthreads; i++) {
        pthread_join(th[i], NULL);
        calls += jobs[i].calls;
        if (jobs[i].failed) {
            fprintf(stderr, "rand_bench: %s failed\n", lib == LIB_FIPS140 ? "fips140_rand_bytes" : "RAND_bytes");
            exit(1);
        }
    }
    double dt = now() - t0;
    pthread_barrier_destroy(&start_line);
    return (double)calls / dt;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 0.5;
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    if (!(seconds > 0) || rounds < 1) {
        fprintf(stderr, "usage: rand_bench [seconds per cell] [rounds]\n");
        return 2;
    }
    static const size_t lens[2] = {4096, 16};
    double best[2][2][2] = {{{0}}}; /* [len][threads-1][lib], calls per second */
    for (int r = 0; r < rounds; r++)
        for (int li = 0; li < 2; li++)
            for (int t = 1; t <= 2; t++)
                for (int lib = 0; lib < 2; lib++) {
                    double v = run(lib, lens[li], t, seconds);
                    if (v > best[li][t - 1][lib])
                        best[li][t - 1][lib] = v;
                }
    printf("| Request | Threads | fips140_rand_bytes | OpenSSL RAND_bytes | Ratio (fips140 / OpenSSL) |\n");
    printf("|---|---:|---:|---:|---:|\n");
    for (int li = 0; li < 2; li++)
        for (int t = 1; t <= 2; t++) {
            double a = best[li][t - 1][0], b = best[li][t - 1][1];
            if (lens[li] >= 1024)
                printf("| %zu B | %d | %.0f MB/s | %.0f MB/s | %.2f |\n", lens[li], t, a * (double)lens[li] / 1e6,
                       b * (double)lens[li] / 1e6, a / b);
            else
                printf("| %zu B | %d | %.0f ns/call (%.2f M calls/s) | %.0f ns/call (%.2f M calls/s) | %.2f |\n",
                       lens[li], t, 1e9 * t / a, a / 1e6, 1e9 * t / b, b / 1e6, a / b);
        }
    printf("\nScaling 1 -> 2 threads (aggregate): fips140 %.2fx at 4096 B, %.2fx at 16 B; "
           "OpenSSL %.2fx at 4096 B, %.2fx at 16 B\n",
           best[0][1][0] / best[0][0][0], best[1][1][0] / best[1][0][0], best[0][1][1] / best[0][0][1],
           best[1][1][1] / best[1][0][1]);
    return 0;
}
