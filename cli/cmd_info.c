/* cli/cmd_info.c - `fips140 info`: module identity, build settings, runtime mode and state, CPU features and
 * chosen implementations, entropy source, the algorithm table with approval status, the self-test list. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "fips140/module.h"
#include "fips140/entropy.h"

#if defined(__clang__)
#define COMPILER_NAME "" /* clang's __VERSION__ already names it */
#elif defined(__GNUC__)
#define COMPILER_NAME "gcc "
#else
#define COMPILER_NAME ""
#endif

#ifndef FIPS140_BUILD_TYPE
#define FIPS140_BUILD_TYPE "unspecified"
#endif
#ifndef FIPS140_DEFAULT_MODE
#define FIPS140_DEFAULT_MODE "on"
#endif

/* state_name - printable name of a module state. */
static const char *state_name(fips140_state s)
{
    switch (s) {
    case FIPS140_STATE_POWER_ON: return "power-on (no self-test run yet)";
    case FIPS140_STATE_SELF_TEST: return "self-test";
    case FIPS140_STATE_OPERATIONAL: return "operational";
    case FIPS140_STATE_ERROR: return "error";
    }
    return "unknown";
}

/* or_unknown - s, or "unknown" when NULL. */
static const char *or_unknown(const char *s) { return s ? s : "unknown"; }

/* print_cpu - the detected CPU feature names on one line. */
static void print_cpu(void)
{
    uint32_t feats = fips140_cpu_features();
    printf("  %-22s", "features");
    int any = 0;
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t mask = 1u << bit;
        if (!(feats & mask))
            continue;
        const char *name = fips140_cpu_feature_name(mask);
        if (name)
            printf(" %s", name);
        else
            printf(" bit%u", bit);
        any = 1;
    }
    printf("%s\n", any ? "" : " (none)");
}

/* cmd_info - print everything `fips140 info` reports. Takes no arguments. */
int cmd_info(int argc, char **argv)
{
    if (argc > 1) {
        fprintf(stderr, "fips140 info: unexpected argument \"%s\"\nusage: fips140 info\n", argv[1]);
        return EXIT_USAGE;
    }
    static const char *const families[] = {"sha1", "sha256", "sha512", "keccak", "aes", "ghash"};

    printf("%s %s\n", fips140_module_name(), fips140_module_version());
    printf("designed to FIPS 140-3; not CMVP-validated\n\n");

    printf("build\n");
#ifdef FIPS140_COMPILER
    printf("  %-22s %s (%s)\n", "compiler", FIPS140_COMPILER, COMPILER_NAME __VERSION__);
#else
    printf("  %-22s %s\n", "compiler", COMPILER_NAME __VERSION__);
#endif
    printf("  %-22s %s\n", "build type", FIPS140_BUILD_TYPE);
    printf("  %-22s %s (when FIPS140 is unset)\n", "default mode", FIPS140_DEFAULT_MODE);

    printf("\nruntime\n");
    fips140_mode mode = fips140_get_mode();
    printf("  %-22s %s\n", "mode (FIPS140)", or_unknown(fips140_mode_name(mode)));
    printf("  %-22s %s\n", "state", state_name(fips140_get_state()));

    /* The SP 800-90B source (docs/ENTROPY.md): what it is, the claim, and the health-test settings. */
    printf("\nentropy source\n");
    fips140_entropy_info ei;
    if (fips140_entropy_get_info(&ei) == FIPS140_OK) {
        printf("  %-22s %s\n", "noise source", ei.noise_source);
        printf("  %-22s %s (%.3g ns/tick, deltas GCD %llu)\n", "timer", ei.timer, ei.timer_ns_per_tick,
               (unsigned long long)ei.delta_gcd);
        printf("  %-22s %.2f bits per 8-bit sample\n", "claimed min-entropy", ei.min_entropy_per_sample);
        printf("  %-22s %s, %u samples per %u-byte block\n", "conditioning", ei.conditioning, ei.samples_per_block,
               ei.block_bytes);
        printf("  %-22s RCT cutoff %u, APT cutoff %u/%u (alpha 2^-%u), start-up %u samples\n", "health tests",
               ei.rct_cutoff, ei.apt_cutoff, ei.apt_window, ei.alpha_log2, ei.startup_samples);
    } else {
        printf("  %-22s %s\n", "status", "unavailable");
    }

    printf("\ncpu\n");
    print_cpu();
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        char label[32];
        snprintf(label, sizeof label, "%s implementation", families[i]);
        printf("  %-22s %s\n", label, or_unknown(fips140_impl_name(families[i])));
    }

    size_t n = fips140_algorithm_count();
    size_t width = 9;
    for (size_t i = 0; i < n; i++) {
        const char *name = fips140_algorithm_name(i);
        if (name && strlen(name) > width)
            width = strlen(name);
    }
    printf("\nalgorithms (%zu)\n", n);
    printf("  %-*s %s\n", (int)width, "algorithm", "status");
    for (size_t i = 0; i < n; i++)
        printf("  %-*s %s\n", (int)width, or_unknown(fips140_algorithm_name(i)),
               fips140_algorithm_approved(i) ? "approved" : "non-approved");

    size_t t = fips140_selftest_count();
    printf("\nself-tests (%zu)\n", t);
    for (size_t i = 0; i < t; i++)
        printf("  %s\n", or_unknown(fips140_selftest_name(i)));
    return EXIT_OK;
}
