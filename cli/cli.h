/* cli/cli.h - what the `fips140` subcommands share: their entry points, file loading (plain or gzip),
 * hex conversion. Exit codes (DESIGN §3.2): 0 success, 1 failure, 2 usage or unsupported. */
#ifndef FIPS140_CLI_H
#define FIPS140_CLI_H

#include <stddef.h>
#include <stdint.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Subcommands: argv[0] is the subcommand name. One file each (cli/cmd_<name>.c). */
int cmd_info(int argc, char **argv);
int cmd_selftest(int argc, char **argv);
int cmd_acvp(int argc, char **argv);
int cmd_wycheproof(int argc, char **argv);
int cmd_speed(int argc, char **argv);
int cmd_rand(int argc, char **argv);
int cmd_entropy(int argc, char **argv);
int cmd_inject(int argc, char **argv);
int cmd_install(int argc, char **argv);

/* cli_read_file - whole file into a NUL-terminated malloc'd buffer; gzip files (magic 1f 8b, any name) are
 * inflated transparently. On error returns NULL and writes the reason into err. */
char *cli_read_file(const char *path, size_t *len, char *err, size_t errlen);

/* hex_decode - decode a hex string of any case into a malloc'd buffer (*outlen bytes; an empty string gives a
 * non-NULL 1-byte buffer with *outlen 0). Returns NULL on odd length or a non-hex character. */
uint8_t *hex_decode(const char *hex, size_t *outlen);
/* hex_encode - n bytes as upper-case hex into a malloc'd NUL-terminated string. */
char *hex_encode(const uint8_t *p, size_t n);

#endif
