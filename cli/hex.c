/* cli/hex.c - hex_decode / hex_encode (cli.h): base-16 strings as used by ACVP and Wycheproof files. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* hex_nibble - value of one hex digit, -1 if c is not one. */
static int hex_nibble(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

uint8_t *hex_decode(const char *hex, size_t *outlen)
{
    size_t n, i;
    uint8_t *out;
    if (!hex || !outlen) return NULL;
    n = strlen(hex);
    if (n % 2) return NULL;
    out = malloc(n / 2 ? n / 2 : 1);
    if (!out) return NULL;
    for (i = 0; i < n / 2; i++) {
        int hi = hex_nibble(hex[2 * i]), lo = hex_nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(out);
            return NULL;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *outlen = n / 2;
    return out;
}

char *hex_encode(const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    char *s;
    size_t i;
    if (n > ((size_t)-1 - 1) / 2) return NULL;
    s = malloc(2 * n + 1);
    if (!s) return NULL;
    for (i = 0; i < n; i++) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 15];
    }
    s[2 * n] = '\0';
    return s;
}
