/* cli/acvp_util.c - field access and error reporting shared by the ACVP handlers (acvp.h).
 *
 * ACVP puts parameters either in the test group or in each test case (HMAC 1.0 vs 2.0 for instance), so
 * every lookup tries the test first and then the group. Every failure names the tgId and tcId. */
#include "acvp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fips140/status.h"

int acvp_fail(const acvp_case *c, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "fips140 acvp: %s: tgId %lld, tcId %lld: ", c->set->path, c->tgid, c->tcid);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return ACVP_FAIL;
}

const json_value *acvp_field(const acvp_case *c, const char *key)
{
    const json_value *v = json_get(c->test, key);
    return v ? v : json_get(c->group, key);
}

const char *acvp_str(const acvp_case *c, const char *key, int required)
{
    const json_value *v = acvp_field(c, key);
    if (v && json_typeof(v) == JSON_STRING) return json_str(v);
    if (required) acvp_fail(c, v ? "field \"%s\" is not a string" : "missing field \"%s\"", key);
    return NULL;
}

int acvp_int(const acvp_case *c, const char *key, long long *out)
{
    const json_value *v = acvp_field(c, key);
    long long n = 0;
    if (!v) return 0;
    if (json_typeof(v) == JSON_STRING) { /* tolerate "128" */
        const char *s = json_str(v);
        char *end;
        if (!*s) goto bad;
        n = strtoll(s, &end, 10);
        if (*end) goto bad;
    } else if (!json_int(v, &n)) {
        goto bad;
    }
    if (n < 0) goto bad;
    *out = n;
    return 1;
bad:
    acvp_fail(c, "field \"%s\" is not a non-negative integer", key);
    return -1;
}

int acvp_need_int(const acvp_case *c, const char *key, long long *out)
{
    int r = acvp_int(c, key, out);
    if (r == 0) acvp_fail(c, "missing field \"%s\"", key);
    return r == 1;
}

uint8_t *acvp_hex(const acvp_case *c, const char *key, size_t *len)
{
    const char *s = acvp_str(c, key, 1);
    uint8_t *p;
    if (!s) return NULL;
    p = hex_decode(s, len);
    if (!p) acvp_fail(c, "field \"%s\" is not valid hex", key);
    return p;
}

uint8_t *acvp_hex_bits(const acvp_case *c, const char *key, const char *lenkey, size_t *nbytes,
                       unsigned long long *bits)
{
    size_t n;
    long long b;
    int r;
    uint8_t *p = acvp_hex(c, key, &n);
    if (!p) return NULL;
    r = lenkey ? acvp_int(c, lenkey, &b) : 0;
    if (r < 0) {
        free(p);
        return NULL;
    }
    if (r == 0) b = (long long)n * 8;
    if ((unsigned long long)b > (unsigned long long)n * 8) {
        acvp_fail(c, "field \"%s\" holds %zu bits, fewer than %s = %lld", key, n * 8, lenkey, b);
        free(p);
        return NULL;
    }
    *bits = (unsigned long long)b;
    *nbytes = (size_t)((*bits + 7) / 8);
    return p;
}

int acvp_status(const acvp_case *c, const char *what, int status)
{
    return acvp_fail(c, "%s failed: %s", what, fips140_status_string((fips140_status)status));
}

int acvp_is_type(const acvp_case *c, const char *t)
{
    const char *tt = json_get_str(c->group, "testType");
    return tt && strcmp(tt, t) == 0;
}

int acvp_bad_type(const acvp_case *c)
{
    const char *tt = json_get_str(c->group, "testType");
    if (!tt) return acvp_fail(c, "missing field \"testType\" in the test group");
    return acvp_fail(c, "unsupported testType \"%s\"", tt);
}
