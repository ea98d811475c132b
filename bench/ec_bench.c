/* bench/ec_bench.c - operations per second of the module's ECDSA (P-256, P-384), ECDH and Ed25519 services, for
 * comparison with `openssl speed ecdsap256 ecdsap384 ecdhp256 ecdhp384 ed25519` run in the same session.
 *
 * Build (from the repository root, after building fips140_static in build-<dir>):
 *   cc -O2 -std=c11 -Iinclude bench/ec_bench.c build-<dir>/lib/libfips140.a -o /tmp/ec_bench
 * Usage: ec_bench [CPU seconds per cell, default 1] [filter substring]. Rates are per CPU second of this process, like
 * `openssl speed` without -elapsed, so that load from other processes distorts them less. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fips140/fips140.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time, as openssl speed (without -elapsed) */
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

#define RUN(label, expr)                                                                                           \
    do {                                                                                                           \
        if (filter && !strstr(label, filter)) break;                                                               \
        unsigned long n = 0;                                                                                       \
        double t0 = now(), t;                                                                                      \
        do {                                                                                                       \
            for (int i_ = 0; i_ < 16; i_++, n++)                                                                  \
                if ((expr) != FIPS140_OK) { fprintf(stderr, "%s failed\n", label); exit(1); }                       \
            t = now() - t0;                                                                                        \
        } while (t < secs);                                                                                        \
        printf("%-22s %10.1f ops/s\n", label, n / t);                                                              \
    } while (0)

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 1.0;
    const char *filter = argc > 2 ? argv[2] : NULL;
    static const fips140_ec_curve curves[2] = {FIPS140_EC_P256, FIPS140_EC_P384};
    static const char *names[2] = {"p256", "p384"};
    uint8_t digest[48];
    memset(digest, 0xab, sizeof digest);
    for (int ci = 0; ci < 2; ci++) {
        fips140_ec_curve c = curves[ci];
        size_t sl = fips140_ec_scalar_size(c), pl = fips140_ec_point_size(c);
        uint8_t priv[48], pub[97], priv2[48], pub2[97], sig[96], shared[48];
        char l[64];
        if (fips140_ec_keygen(c, priv, sl, pub, pl) != FIPS140_OK || fips140_ec_keygen(c, priv2, sl, pub2, pl) != FIPS140_OK)
            return 1;
        if (fips140_ecdsa_sign(c, priv, sl, digest, sl, sig, 2 * sl) != FIPS140_OK)
            return 1;
        snprintf(l, sizeof l, "ecdsa %s sign", names[ci]);
        RUN(l, fips140_ecdsa_sign(c, priv, sl, digest, sl, sig, 2 * sl));
        snprintf(l, sizeof l, "ecdsa %s verify", names[ci]);
        RUN(l, fips140_ecdsa_verify(c, pub, pl, digest, sl, sig, 2 * sl));
        snprintf(l, sizeof l, "ecdh %s", names[ci]);
        RUN(l, fips140_ecdh(c, priv, sl, pub2, pl, shared, sl));
        snprintf(l, sizeof l, "ecdsa %s keygen", names[ci]);
        RUN(l, fips140_ec_keygen(c, priv2, sl, pub2, pl));
    }
    uint8_t epriv[32], epub[32], esig[64], msg[32] = {1};
    if (fips140_ed25519_keygen(epriv, epub) != FIPS140_OK) return 1;
    if (fips140_ed25519_sign(esig, epriv, msg, sizeof msg) != FIPS140_OK) return 1;
    RUN("ed25519 sign", fips140_ed25519_sign(esig, epriv, msg, sizeof msg));
    RUN("ed25519 verify", fips140_ed25519_verify(epub, msg, sizeof msg, esig, 64));
    return 0;
}
