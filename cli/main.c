/* cli/main.c - entry point of the `fips140` command: dispatches `fips140 <subcommand> [args…]` to the
 * cmd_<name>() functions declared in cli.h (DESIGN §3.2), and handles --help / --version. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "fips140/module.h"

typedef struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *args;
    const char *summary;
} subcommand;

static const subcommand subcommands[] = {
    {"info", cmd_info, "[--json]", "module identity, build settings, mode, CPU paths, algorithms, self-tests"},
    {"selftest", cmd_selftest, "[--json]", "run the integrity check and every self-test (CAST)"},
    {"acvp", cmd_acvp, "FILE", "answer one NIST ACVP vector set (prompt or internalProjection JSON)"},
    {"wycheproof", cmd_wycheproof, "FILE", "run one Wycheproof v1 JSON file (plain or gzip)"},
    {"entropy", cmd_entropy, "(--raw N | --restart) [-o FILE] | --info", "record the entropy source (SP 800-90B)"},
    {"rand", cmd_rand, "N [--hex]", "N bytes from the module's approved DRBG (raw, or hex)"},
    {"speed", cmd_speed, "[--json] [--seconds S] [--sizes N,...] [ALG...]", "measure throughput"},
    {"inject", cmd_inject, "[--check] FILE", "write the module's integrity MAC into a linked binary (post-link step)"},
    {"install", cmd_install, "--module PATH --out FILE [--section NAME]",
     "write the OpenSSL config section the fips140 provider checks (module-mac, install-mac)"},
};

#define N_SUBCOMMANDS (sizeof subcommands / sizeof subcommands[0])

/* usage - print the list of subcommands to f. */
static void usage(FILE *f)
{
    fprintf(f, "usage: fips140 <subcommand> [arguments]\n"
               "       fips140 --help | --version\n\nsubcommands:\n");
    for (size_t i = 0; i < N_SUBCOMMANDS; i++) {
        char head[64];
        snprintf(head, sizeof head, "%s %s", subcommands[i].name, subcommands[i].args);
        fprintf(f, "  %-52s %s\n", head, subcommands[i].summary);
    }
    fprintf(f, "\nexit status: 0 success, 1 failure, 2 usage error or unsupported input\n");
}

/* main - find the subcommand named by argv[1] and run it with argv[1..]. */
int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(sub, "--version") == 0) {
        printf("%s %s\n", fips140_module_name(), fips140_module_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < N_SUBCOMMANDS; i++)
        if (strcmp(sub, subcommands[i].name) == 0)
            return subcommands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "fips140: unknown subcommand \"%s\"\n\n", sub);
    usage(stderr);
    return EXIT_USAGE;
}
