/* cli/cmd_rand.c - `fips140 rand N [--hex]`: N bytes from the module's approved RBG (fips140_rand_bytes: SP 800-90A
 * DRBGs seeded from the module's SP 800-90B entropy source) on standard output, raw, or as lower-case hex followed
 * by a newline. Output is produced in 64 KiB pieces, so N may be large. Exit 0, 1 if the module fails or the
 * output cannot be written, 2 on bad arguments. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "fips140/module.h"
#include "fips140/rand.h"

#define RAND_USAGE "usage: fips140 rand N [--hex]   (N bytes, 0 <= N < 2^63)\n"
#define RAND_CHUNK 65536u

/* parse_count - a decimal byte count (digits only). 0 on success. */
static int parse_count(const char *s, unsigned long long *out)
{
    if (s[0] < '0' || s[0] > '9')
        return -1;
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > (unsigned long long)INT64_MAX)
        return -1;
    *out = v;
    return 0;
}

/* write_hex - n bytes as lower-case hex. 0 on success. */
static int write_hex(const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char line[2 * 4096];
    while (n > 0) {
        size_t k = n < 4096 ? n : 4096;
        for (size_t i = 0; i < k; i++) {
            line[2 * i] = digits[p[i] >> 4];
            line[2 * i + 1] = digits[p[i] & 15];
        }
        if (fwrite(line, 1, 2 * k, stdout) != 2 * k)
            return -1;
        p += k;
        n -= k;
    }
    return 0;
}

/* cmd_rand - parse N and --hex (any order), then generate and write. */
int cmd_rand(int argc, char **argv)
{
    int hex = 0, have_n = 0;
    unsigned long long n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--hex") == 0) {
            hex = 1;
        } else if (!have_n && parse_count(argv[i], &n) == 0) {
            have_n = 1;
        } else {
            fprintf(stderr, "fips140 rand: bad argument \"%s\"\n" RAND_USAGE, argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!have_n) {
        fprintf(stderr, "fips140 rand: missing byte count\n" RAND_USAGE);
        return EXIT_USAGE;
    }
    static uint8_t buf[RAND_CHUNK];
    int rc = EXIT_OK;
    while (n > 0 && rc == EXIT_OK) {
        size_t k = n < RAND_CHUNK ? (size_t)n : RAND_CHUNK;
        fips140_status s = fips140_rand_bytes(buf, k);
        if (s != FIPS140_OK) {
            fprintf(stderr, "fips140 rand: %s\n", fips140_status_string(s));
            rc = EXIT_FAIL;
        } else if (hex ? write_hex(buf, k) != 0 : fwrite(buf, 1, k, stdout) != k) {
            fprintf(stderr, "fips140 rand: write error: %s\n", strerror(errno));
            rc = EXIT_FAIL;
        }
        n -= k;
    }
    fips140_wipe(buf, sizeof buf);
    if (rc == EXIT_OK && hex && putchar('\n') == EOF)
        rc = EXIT_FAIL;
    if (fflush(stdout) != 0 && rc == EXIT_OK) {
        fprintf(stderr, "fips140 rand: write error: %s\n", strerror(errno));
        rc = EXIT_FAIL;
    }
    return rc;
}
