/* cli/cmd_selftest.c - `fips140 selftest [--json]`: runs the module's integrity check and every CAST through
 * fips140_selftest_run_all and prints one line per test with its duration. A failing test aborts inside the
 * module ("fips140: self-test failed: NAME"), so reaching the end means every test passed. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "json.h"
#include "fips140/module.h"

typedef struct report_state {
    int json;
    size_t count;
    uint64_t total_ns;
} report_state;

/* on_report - fips140_selftest_report callback: print one line for one passed test. */
static void on_report(void *arg, const char *name, uint64_t ns)
{
    report_state *st = arg;
    if (name == NULL)
        name = "?";
    st->count++;
    st->total_ns += ns;
    if (st->json) {
        printf("{\"test\":");
        json_write_string(stdout, name, strlen(name));
        printf(",\"result\":\"pass\",\"ns\":%llu}\n", (unsigned long long)ns);
    } else {
        printf("  pass  %-24s %8llu us\n", name, (unsigned long long)((ns + 500) / 1000));
    }
    fflush(stdout);
}

/* cmd_selftest - run all self-tests; exit 0 when they all pass. */
int cmd_selftest(int argc, char **argv)
{
    report_state st = {0, 0, 0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            st.json = 1;
        } else {
            fprintf(stderr, "fips140 selftest: unknown argument \"%s\"\nusage: fips140 selftest [--json]\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    fips140_status rc = fips140_selftest_run_all(on_report, &st);
    if (rc != FIPS140_OK) {
        fprintf(stderr, "fips140 selftest: %s\n", fips140_status_string(rc));
        return EXIT_FAIL;
    }
    if (!st.json)
        printf("%zu self-tests passed in %llu us (module state: %s)\n", st.count,
               (unsigned long long)((st.total_ns + 500) / 1000),
               fips140_get_state() == FIPS140_STATE_OPERATIONAL ? "operational" : "not operational");
    return EXIT_OK;
}
