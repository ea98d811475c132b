/* tests/rand_stress_test.c - two threads hammer the module RNG (module/rand) at once: requests of 0..5000 bytes,
 * prediction-resistance requests (the entropy source from two threads), GCM encryptions with module-generated IVs,
 * and short-lived helper threads that each instantiate a DRBG from the shared seed DRBG and free it at exit (the
 * pthread key destructor). Built twice by tests/CMakeLists.txt: against the module library, and from the module
 * sources with -fsanitize=thread, where any data race in the RNG is a failure.
 * Usage: rand_stress_test [iterations per thread] (default 20000). */
#include "unit/test_util.h"
#include <pthread.h>

static int iterations = 20000;

/* helper_main - a thread that lives for one request and one GCM message. */
static void *helper_main(void *arg)
{
    uint8_t *out = arg;
    return fips140_rand_bytes(out, 32) == FIPS140_OK ? NULL : (void *)1;
}

/* worker_main - the stress loop of one of the two threads; returns the number of failures. */
static void *worker_main(void *arg)
{
    uintptr_t id = (uintptr_t)arg, bad = 0;
    tu_rng r = {0x5eed + id};
    static const uint8_t key[16] = {7};
    fips140_aes_gcm_ctx gcm;
    uint8_t buf[5000], prev[32] = {0}, iv[12], tag[16], ct[64];
    bad += fips140_aes_gcm_init(&gcm, key, sizeof key) != FIPS140_OK;
    for (int i = 0; i < iterations; i++) {
        size_t len = tu_below(&r, sizeof buf + 1);
        switch (i % 100) {
        case 0:
            bad += fips140_rand_bytes_pr(buf, 64) != FIPS140_OK;
            break;
        case 1: {
            pthread_t h;
            uint8_t hout[32];
            void *ret = (void *)1;
            if (pthread_create(&h, NULL, helper_main, hout) != 0 || pthread_join(h, &ret) != 0 || ret != NULL)
                bad++;
            break;
        }
        case 2:
            bad += fips140_aes_gcm_encrypt_random_iv(&gcm, ct, tag, 16, iv, NULL, 0, buf, sizeof ct) != FIPS140_OK;
            break;
        default:
            bad += fips140_rand_bytes(buf, len) != FIPS140_OK;
            if (len >= 32) {
                bad += memcmp(buf, prev, 32) == 0;
                memcpy(prev, buf, 32);
            }
        }
    }
    fips140_wipe(&gcm, sizeof gcm);
    return (void *)bad;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        iterations = atoi(argv[1]);
    pthread_t th[2];
    for (uintptr_t i = 0; i < 2; i++)
        CHECK(pthread_create(&th[i], NULL, worker_main, (void *)i) == 0, "pthread_create %u", (unsigned)i);
    for (int i = 0; i < 2; i++) {
        void *ret = (void *)1;
        pthread_join(th[i], &ret);
        CHECK(ret == NULL, "thread %d: %lu failures", i, (unsigned long)(uintptr_t)ret);
    }
    printf("rand_stress_test: 2 threads x %d iterations\n", iterations);
    return tu_done();
}
