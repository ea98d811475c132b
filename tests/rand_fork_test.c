/* tests/rand_fork_test.c - fork safety of the module RNG (module/rand): a child never repeats its parent's output
 * nor a sibling's.
 *
 * The parent draws once (so its thread DRBG and the seed DRBG are instantiated), then forks 1000 children with
 * fork(); each child writes its first 32 bytes of fips140_rand_bytes into a shared mapping and exits, and after each
 * fork the parent draws its own next 32 bytes. Then 100 more children are made with the raw fork system call,
 * which skips the pthread_atfork handlers (only MADV_WIPEONFORK or the pid check protect those), and 10 children
 * each fork a grandchild. The last 200 fork() children are made while a second parent thread draws in a loop
 * (the seed DRBG mutex is held across fork by the atfork handlers). All outputs, the parent's included, must be
 * distinct. Usage: rand_fork_test [children] (default 1000). */
#define _GNU_SOURCE 1
#include "unit/test_util.h"
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/syscall.h>

enum { RAW = 100, GRAND = 10 };

static _Atomic int stop_bg;

/* bg_main - a second thread drawing while the main thread forks. */
static void *bg_main(void *arg)
{
    (void)arg;
    uint8_t b[64];
    while (!atomic_load(&stop_bg))
        if (fips140_rand_bytes(b, sizeof b) != FIPS140_OK)
            return (void *)1;
    return NULL;
}

/* child_draw - the child's part: 32 bytes into slot, exit status 0 on success. */
static _Noreturn void child_draw(uint8_t *slot)
{
    _exit(fips140_rand_bytes(slot, 32) == FIPS140_OK ? 0 : 3);
}

/* reap - wait for pid; 1 if it exited with status 0. */
static int reap(pid_t pid)
{
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return 0;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int cmp32(const void *a, const void *b) { return memcmp(a, b, 32); }

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    if (n < 200)
        n = 200;
    /* slots: n fork children, RAW raw-fork children, GRAND grandchildren, then the parent's n + RAW + GRAND draws */
    size_t nslots = 2 * ((size_t)n + RAW + GRAND);
    uint8_t *slots = mmap(NULL, nslots * 32, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (slots == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    memset(slots, 0, nslots * 32);
    uint8_t *kids = slots, *parent = slots + ((size_t)n + RAW + GRAND) * 32;
    size_t k = 0, p = 0;
    int failed_children = 0;

    uint8_t warm[32];
    CHECK_OK(fips140_rand_bytes(warm, sizeof warm), "parent: first draw");
    fflush(stdout);
    fflush(stderr);

    /* 1. fork() children, single-threaded parent. */
    for (int i = 0; i < n - 200; i++, k++, p++) {
        pid_t pid = fork();
        if (pid == 0)
            child_draw(kids + k * 32);
        failed_children += !reap(pid);
        CHECK_OK(fips140_rand_bytes(parent + p * 32, 32), "parent draw %zu", p);
    }
    /* 2. raw fork system call: no atfork handlers run in the child. */
    for (int i = 0; i < RAW; i++, k++, p++) {
#ifdef SYS_fork
        pid_t pid = (pid_t)syscall(SYS_fork);
#else
        pid_t pid = (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
#endif
        if (pid == 0)
            child_draw(kids + k * 32);
        failed_children += !reap(pid);
        CHECK_OK(fips140_rand_bytes(parent + p * 32, 32), "parent draw %zu", p);
    }
    /* 3. grandchildren: the child forks once more; the grandchild draws, the child only waits. */
    for (int i = 0; i < GRAND; i++, k++, p++) {
        pid_t pid = fork();
        if (pid == 0) {
            pid_t g = fork();
            if (g == 0)
                child_draw(kids + k * 32);
            _exit(reap(g) ? 0 : 4);
        }
        failed_children += !reap(pid);
        CHECK_OK(fips140_rand_bytes(parent + p * 32, 32), "parent draw %zu", p);
    }
    /* 4. the last 200 fork() children while another parent thread draws. */
    pthread_t bg;
    int have_bg = pthread_create(&bg, NULL, bg_main, NULL) == 0;
    CHECK(have_bg, "pthread_create");
    for (int i = 0; i < 200; i++, k++, p++) {
        pid_t pid = fork();
        if (pid == 0)
            child_draw(kids + k * 32);
        failed_children += !reap(pid);
        CHECK_OK(fips140_rand_bytes(parent + p * 32, 32), "parent draw %zu", p);
    }
    if (have_bg) {
        void *ret = NULL;
        atomic_store(&stop_bg, 1);
        pthread_join(bg, &ret);
        CHECK(ret == NULL, "background thread: rand failed");
    }
    CHECK(failed_children == 0, "%d children failed", failed_children);

    /* Every value distinct: sort all child and parent outputs together. */
    size_t total = k + p;
    memmove(kids + k * 32, parent, p * 32);
    qsort(slots, total, 32, cmp32);
    static const uint8_t zero[32];
    size_t dups = 0, zeros = 0;
    for (size_t i = 0; i < total; i++) {
        zeros += memcmp(slots + i * 32, zero, 32) == 0;
        dups += i > 0 && memcmp(slots + (i - 1) * 32, slots + i * 32, 32) == 0;
    }
    CHECK(zeros == 0, "%zu outputs never written", zeros);
    CHECK(dups == 0, "%zu repeated outputs among %zu (children and parent)", dups, total);
    printf("rand_fork_test: %zu children (%d fork, %d raw fork, %d grandchildren), %zu parent draws\n", k, n,
           RAW, GRAND, p);
    munmap(slots, nslots * 32);
    return tu_done();
}
