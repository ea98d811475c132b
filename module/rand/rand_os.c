/* module/rand/rand_os.c - the operating-system services the module RNG uses: pages that are wiped in a forked
 * child (Linux MADV_WIPEONFORK, 4.14+), a monotonic clock for reseed intervals, the pid for the fallback fork
 * check, and getrandom() as uncredited additional input (SP 800-90Ar1 §8.7.2: additional input need not be
 * secret or random; the module never relies on it). */
#define _GNU_SOURCE 1
#include <errno.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>
#include "rand_internal.h"

#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18 /* linux/mman.h; older C library headers lack it */
#endif

/* rand_page_alloc - anonymous mapping, zero-filled by the kernel; WIPEONFORK makes the child see zeros again. */
void *rand_page_alloc(size_t size, int *wipeonfork)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    *wipeonfork = madvise(p, size, MADV_WIPEONFORK) == 0;
#ifdef MADV_DONTDUMP
    (void)madvise(p, size, MADV_DONTDUMP); /* keep DRBG states out of core dumps; best effort */
#endif
    return p;
}

/* rand_page_free - zeroise (FIPS 140-3 §7.9.7) then return the pages. */
void rand_page_free(void *p, size_t size)
{
    if (p == NULL)
        return;
    fips140_wipe(p, size);
    (void)munmap(p, size);
}

/* rand_now - CLOCK_MONOTONIC_COARSE where available: read from the vDSO without a time-stamp counter read,
 * precise to a few milliseconds, which is ample for intervals of seconds. */
uint64_t rand_now(void)
{
    struct timespec ts;
#ifdef CLOCK_MONOTONIC_COARSE
    if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) == 0)
        return (uint64_t)ts.tv_sec;
#endif
    if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
        return (uint64_t)ts.tv_sec;
    return 0;
}

/* rand_pid - getpid(). */
int32_t rand_pid(void) { return (int32_t)getpid(); }

/* rand_os_input - getrandom without blocking; interrupted calls are retried, anything else gives up quietly. */
size_t rand_os_input(uint8_t *out, size_t len)
{
    size_t got = 0;
    int saved = errno;
    while (got < len) {
        ssize_t r = getrandom(out + got, len - got, GRND_NONBLOCK);
        if (r > 0)
            got += (size_t)r;
        else if (r < 0 && errno == EINTR)
            continue;
        else
            break;
    }
    errno = saved;
    return got;
}
