/* cli/cmd_info.c - `fips140 info [--json]`: module identity, build settings, runtime mode and state, CPU features
 * and chosen implementations, entropy source, the algorithm table with approval status, the self-test registry.
 * --json prints the same as one JSON object, the machine-readable source of docs/SECURITY-POLICY.md's tables
 * (tools/security_policy.py) and of the break test's list of self-tests (tests/break/break_test.py). */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "json.h"
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

static const char *const families[] = {"sha1", "sha256", "sha512", "keccak", "aes", "ghash"};

/* json_str - s as a JSON string literal (RFC 8259 §7), or null. */
static void emit_str(const char *s)
{
    if (s == NULL)
        fputs("null", stdout);
    else
        json_write_string(stdout, s, strlen(s));
}

/* json_kv - one `"key": "value"` member; first is 0 for every member but the first of its object. */
static void json_kv(int first, const char *key, const char *value)
{
    printf("%s\n    ", first ? "" : ",");
    emit_str(key);
    fputs(": ", stdout);
    emit_str(value);
}

/* json_ku - one `"key": number` member. */
static void json_ku(const char *key, unsigned long long value)
{
    printf(",\n    ");
    emit_str(key);
    printf(": %llu", value);
}

/* info_json - `fips140 info --json`: everything above as one object. Fixed facts first; "entropy" also carries
 * the timer facts measured now (under "measured"), which differ from run to run. */
static int info_json(void)
{
    printf("{\n  \"module\": {");
    json_kv(1, "name", fips140_module_name());
    json_kv(0, "version", fips140_module_version());
    json_kv(0, "statement", "designed to FIPS 140-3; not CMVP-validated");
    printf(",\n    \"validated\": false\n  },\n  \"build\": {");
#ifdef FIPS140_COMPILER
    json_kv(1, "compiler", FIPS140_COMPILER);
#else
    json_kv(1, "compiler", COMPILER_NAME __VERSION__);
#endif
    json_kv(0, "build_type", FIPS140_BUILD_TYPE);
    json_kv(0, "default_mode", FIPS140_DEFAULT_MODE);
    printf("\n  },\n  \"runtime\": {");
    json_kv(1, "mode", fips140_mode_name(fips140_get_mode()));
    json_kv(0, "state", state_name(fips140_get_state()));

    printf("\n  },\n  \"cpu\": {\n    \"features\": [");
    uint32_t feats = fips140_cpu_features();
    int any = 0;
    for (unsigned bit = 0; bit < 32; bit++) {
        const char *name = (feats >> bit) & 1u ? fips140_cpu_feature_name(1u << bit) : NULL;
        if (name == NULL)
            continue;
        printf("%s", any ? ", " : "");
        emit_str(name);
        any = 1;
    }
    printf("],\n    \"implementations\": {");
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        printf("%s", i ? ", " : "");
        emit_str(families[i]);
        fputs(": ", stdout);
        emit_str(fips140_impl_name(families[i]));
    }
    printf("}\n  },\n  \"algorithms\": [");
    size_t n = fips140_algorithm_count();
    for (size_t i = 0; i < n; i++) {
        printf("%s\n    {\"name\": ", i ? "," : "");
        emit_str(fips140_algorithm_name(i));
        printf(", \"approved\": %s}", fips140_algorithm_approved(i) ? "true" : "false");
    }
    printf("\n  ],\n  \"self_tests\": [");
    size_t t = fips140_selftest_registry_count();
    for (size_t i = 0; i < t; i++) {
        fips140_selftest_entry e;
        if (fips140_selftest_describe(i, &e) != FIPS140_OK) {
            fprintf(stderr, "fips140 info: self-test registry entry %zu is missing\n", i);
            return EXIT_FAIL;
        }
        printf("%s\n    {\"name\": ", i ? "," : "");
        emit_str(e.name);
        printf(", \"kind\": ");
        emit_str(e.kind);
        printf(", \"when\": ");
        emit_str(e.when);
        printf(", \"what\": ");
        emit_str(e.what);
        printf(", \"detail\": ");
        emit_str(e.detail);
        putchar('}');
    }
    printf("\n  ],\n  \"entropy\": ");
    fips140_entropy_info ei;
    if (fips140_entropy_get_info(&ei) != FIPS140_OK) {
        printf("null\n}\n");
        return EXIT_OK;
    }
    printf("{");
    json_kv(1, "noise_source", ei.noise_source);
    json_kv(0, "timer", ei.timer);
    json_kv(0, "conditioning", ei.conditioning);
    printf(",\n    \"min_entropy_per_sample\": %.17g", ei.min_entropy_per_sample);
    json_ku("alpha_log2", ei.alpha_log2);
    json_ku("rct_cutoff", ei.rct_cutoff);
    json_ku("apt_window", ei.apt_window);
    json_ku("apt_cutoff", ei.apt_cutoff);
    json_ku("startup_samples", ei.startup_samples);
    json_ku("samples_per_block", ei.samples_per_block);
    json_ku("block_bytes", ei.block_bytes);
    json_ku("max_failures", ei.max_failures);
    json_ku("buffer_bytes", ei.buffer_bytes);
    json_ku("loads_per_sample", ei.loads_per_sample);
    printf(",\n    \"measured\": {\"timer_ns_per_tick\": %.6g, \"timer_min_step\": %llu, \"delta_gcd\": %llu, "
           "\"delta_min\": %llu, \"delta_median\": %llu, \"delta_max\": %llu, \"ns_per_sample\": %.6g}\n  }\n}\n",
           ei.timer_ns_per_tick, (unsigned long long)ei.timer_min_step, (unsigned long long)ei.delta_gcd,
           (unsigned long long)ei.delta_min, (unsigned long long)ei.delta_median, (unsigned long long)ei.delta_max,
           ei.ns_per_sample);
    return EXIT_OK;
}

/* cmd_info - print everything `fips140 info` reports, as text or (--json) as one JSON object. */
int cmd_info(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json") != 0)) {
        fprintf(stderr, "fips140 info: unexpected argument \"%s\"\nusage: fips140 info [--json]\n",
                argv[argc == 2 ? 1 : 2]);
        return EXIT_USAGE;
    }
    if (argc == 2)
        return info_json();

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

    size_t t = fips140_selftest_registry_count();
    printf("\nself-tests (%zu: CASTs, integrity check, entropy health tests, PCTs)\n", t);
    for (size_t i = 0; i < t; i++) {
        fips140_selftest_entry e;
        if (fips140_selftest_describe(i, &e) == FIPS140_OK)
            printf("  %-20s %-19s %s\n", or_unknown(e.name), or_unknown(e.kind), or_unknown(e.when));
    }
    return EXIT_OK;
}
