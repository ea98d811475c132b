/* cli/json.c - a small JSON (RFC 8259) reader and writer for the CLI (see json.h).
 *
 * The reader is a recursive-descent parser over the RFC 8259 grammar (§2 values, §4 objects, §5 arrays,
 * §6 numbers, §7 strings) with a nesting limit; errors carry line:column. The writer prints two-space
 * indented JSON and keeps object members in insertion order. Out-of-memory is fatal (a CLI tool). */
#include "json.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 256

struct json_value {
    json_type type;
    int boolean;
    int is_int;        /* JSON_NUMBER: integral and fits in long long */
    long long inum;
    double num;
    char *str;         /* JSON_STRING */
    size_t slen;
    json_value **items; /* JSON_ARRAY elements / JSON_OBJECT values */
    char **keys;        /* JSON_OBJECT keys (NUL-terminated) */
    size_t n, cap;
};

/* json_oom - out of memory: a CLI cannot continue. */
static void json_oom(void)
{
    fputs("fips140: out of memory\n", stderr);
    exit(1);
}

static void *json_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) json_oom();
    return p;
}

static json_value *json_alloc(json_type t)
{
    json_value *v = json_xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    v->type = t;
    return v;
}

/* json_append - add a child (and key, for objects) to a container, growing it geometrically. */
static void json_append(json_value *c, char *key, json_value *child)
{
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 4;
        json_value **ni = realloc(c->items, ncap * sizeof *ni);
        if (!ni) json_oom();
        c->items = ni;
        if (c->type == JSON_OBJECT) {
            char **nk = realloc(c->keys, ncap * sizeof *nk);
            if (!nk) json_oom();
            c->keys = nk;
        }
        c->cap = ncap;
    }
    if (c->type == JSON_OBJECT) c->keys[c->n] = key;
    c->items[c->n++] = child;
}

void json_free(json_value *v)
{
    size_t i;
    if (!v) return;
    for (i = 0; i < v->n; i++) {
        json_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    free(v);
}

/* ------------------------------------------------------------------------------------------------ reader */

typedef struct json_parser {
    const char *s;
    size_t len, pos;
    char *err;
    size_t errlen;
    int failed;
} json_parser;

/* json_error - record the first error with its line:column (1-based, columns counted in bytes). */
static void json_error(json_parser *p, const char *fmt, ...)
{
    size_t i, line = 1, col = 1;
    char msg[160];
    va_list ap;
    if (p->failed) return;
    p->failed = 1;
    for (i = 0; i < p->pos && i < p->len; i++) {
        if (p->s[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (p->err && p->errlen) snprintf(p->err, p->errlen, "%zu:%zu: %s", line, col, msg);
}

static void json_skip_ws(json_parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->pos++;
    }
}

static json_value *json_parse_value(json_parser *p, int depth);

/* json_hex4 - four hex digits of a \u escape; -1 if malformed. */
static long json_hex4(json_parser *p)
{
    long v = 0;
    int i;
    if (p->len - p->pos < 4) return -1;
    for (i = 0; i < 4; i++) {
        char c = p->s[p->pos + (size_t)i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    p->pos += 4;
    return v;
}

/* json_put_utf8 - encode code point cp at out (room for 4 bytes); returns bytes written. */
static size_t json_put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* json_parse_string - RFC 8259 §7; p->pos is at the opening quote. Returns a malloc'd NUL-terminated
 * string (its byte length in *outlen), or NULL on error. Escapes never lengthen the text, so the output
 * fits in the input span. */
static char *json_parse_string(json_parser *p, size_t *outlen)
{
    size_t start = ++p->pos, end = start, o = 0;
    char *out;
    /* find the closing quote to size the buffer */
    while (end < p->len && p->s[end] != '"') end += (p->s[end] == '\\') ? 2 : 1;
    if (end >= p->len) {
        json_error(p, "unterminated string");
        return NULL;
    }
    out = json_xmalloc(end - start + 1);
    while (p->pos < end) {
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c < 0x20) {
            json_error(p, "control character in string");
            free(out);
            return NULL;
        }
        if (c != '\\') {
            out[o++] = (char)c;
            p->pos++;
            continue;
        }
        p->pos++;
        c = (unsigned char)p->s[p->pos++];
        switch (c) {
        case '"': out[o++] = '"'; break;
        case '\\': out[o++] = '\\'; break;
        case '/': out[o++] = '/'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u': {
            long cp = json_hex4(p), lo;
            if (cp < 0) goto bad_escape;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* §7: a surrogate pair */
                if (p->pos + 2 > end || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u') goto bad_escape;
                p->pos += 2;
                lo = json_hex4(p);
                if (lo < 0xDC00 || lo > 0xDFFF) goto bad_escape;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                goto bad_escape;
            }
            o += json_put_utf8(out + o, (unsigned long)cp);
            break;
        }
        default:
            goto bad_escape;
        }
    }
    p->pos = end + 1;
    out[o] = '\0';
    *outlen = o;
    return out;
bad_escape:
    p->pos--;
    json_error(p, "invalid escape in string");
    free(out);
    return NULL;
}

/* json_parse_number - RFC 8259 §6 grammar: -? int frac? exp? */
static json_value *json_parse_number(json_parser *p)
{
    size_t start = p->pos;
    int integral = 1;
    char buf[64], *endp;
    json_value *v;
    const char *s = p->s;
    if (p->pos < p->len && s[p->pos] == '-') p->pos++;
    if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9') {
        json_error(p, "invalid number");
        return NULL;
    }
    if (s[p->pos] == '0') {
        p->pos++;
    } else {
        while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9') p->pos++;
    }
    if (p->pos < p->len && s[p->pos] == '.') {
        integral = 0;
        p->pos++;
        if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9') {
            json_error(p, "invalid number: digit expected after '.'");
            return NULL;
        }
        while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9') p->pos++;
    }
    if (p->pos < p->len && (s[p->pos] == 'e' || s[p->pos] == 'E')) {
        integral = 0;
        p->pos++;
        if (p->pos < p->len && (s[p->pos] == '+' || s[p->pos] == '-')) p->pos++;
        if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9') {
            json_error(p, "invalid number: digit expected in exponent");
            return NULL;
        }
        while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9') p->pos++;
    }
    if (p->pos - start >= sizeof buf) {
        /* no ACVP or Wycheproof number comes close; refuse rather than round a truncated copy */
        p->pos = start;
        json_error(p, "number too long");
        return NULL;
    }
    memcpy(buf, s + start, p->pos - start);
    buf[p->pos - start] = '\0';
    v = json_alloc(JSON_NUMBER);
    v->num = strtod(buf, NULL);
    if (integral) {
        errno = 0;
        v->inum = strtoll(buf, &endp, 10);
        v->is_int = (errno == 0 && *endp == '\0');
    }
    return v;
}

/* json_parse_literal - true / false / null. */
static json_value *json_parse_literal(json_parser *p)
{
    static const struct { const char *word; json_type type; int b; } lits[] = {
        {"true", JSON_BOOL, 1}, {"false", JSON_BOOL, 0}, {"null", JSON_NULL, 0}};
    size_t i;
    for (i = 0; i < sizeof lits / sizeof lits[0]; i++) {
        size_t n = strlen(lits[i].word);
        if (p->len - p->pos >= n && memcmp(p->s + p->pos, lits[i].word, n) == 0) {
            json_value *v = json_alloc(lits[i].type);
            v->boolean = lits[i].b;
            p->pos += n;
            return v;
        }
    }
    {
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c >= 0x20 && c < 0x7F) json_error(p, "unexpected character '%c'", c);
        else json_error(p, "unexpected byte 0x%02X", c);
    }
    return NULL;
}

/* json_parse_array - RFC 8259 §5; p->pos at '['. */
static json_value *json_parse_array(json_parser *p, int depth)
{
    json_value *a = json_alloc(JSON_ARRAY), *v;
    p->pos++;
    json_skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == ']') {
        p->pos++;
        return a;
    }
    for (;;) {
        v = json_parse_value(p, depth + 1);
        if (!v) goto fail;
        json_append(a, NULL, v);
        json_skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == ']') {
            p->pos++;
            return a;
        }
        json_error(p, p->pos < p->len ? "expected ',' or ']' in array" : "unexpected end of input in array");
        goto fail;
    }
fail:
    json_free(a);
    return NULL;
}

/* json_parse_object - RFC 8259 §4; p->pos at '{'. Duplicate names are kept; json_get finds the first. */
static json_value *json_parse_object(json_parser *p, int depth)
{
    json_value *o = json_alloc(JSON_OBJECT), *v;
    char *key;
    size_t klen;
    p->pos++;
    json_skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == '}') {
        p->pos++;
        return o;
    }
    for (;;) {
        json_skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] != '"') {
            json_error(p, p->pos < p->len ? "expected a string key in object" : "unexpected end of input in object");
            goto fail;
        }
        key = json_parse_string(p, &klen);
        if (!key) goto fail;
        json_skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] != ':') {
            free(key);
            json_error(p, "expected ':' after object key");
            goto fail;
        }
        p->pos++;
        v = json_parse_value(p, depth + 1);
        if (!v) {
            free(key);
            goto fail;
        }
        json_append(o, key, v);
        json_skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == '}') {
            p->pos++;
            return o;
        }
        json_error(p, p->pos < p->len ? "expected ',' or '}' in object" : "unexpected end of input in object");
        goto fail;
    }
fail:
    json_free(o);
    return NULL;
}

static json_value *json_parse_value(json_parser *p, int depth)
{
    char c;
    json_skip_ws(p);
    if (depth > JSON_MAX_DEPTH) {
        json_error(p, "nesting deeper than %d", JSON_MAX_DEPTH);
        return NULL;
    }
    if (p->pos >= p->len) {
        json_error(p, "unexpected end of input");
        return NULL;
    }
    c = p->s[p->pos];
    if (c == '{') return json_parse_object(p, depth);
    if (c == '[') return json_parse_array(p, depth);
    if (c == '"') {
        size_t n;
        char *s = json_parse_string(p, &n);
        json_value *v;
        if (!s) return NULL;
        v = json_alloc(JSON_STRING);
        v->str = s;
        v->slen = n;
        return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return json_parse_number(p);
    return json_parse_literal(p);
}

json_value *json_parse(const char *text, size_t len, char *err, size_t errlen)
{
    json_parser p;
    json_value *v;
    memset(&p, 0, sizeof p);
    p.s = text;
    p.len = len;
    p.err = err;
    p.errlen = errlen;
    if (err && errlen) err[0] = '\0';
    /* skip a UTF-8 byte order mark */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) p.pos = 3;
    v = json_parse_value(&p, 0);
    if (!v) return NULL;
    json_skip_ws(&p);
    if (p.pos != p.len) {
        json_error(&p, "trailing characters after the JSON value");
        json_free(v);
        return NULL;
    }
    return v;
}

/* ------------------------------------------------------------------------------------------------ access */

json_type json_typeof(const json_value *v) { return v ? v->type : JSON_NULL; }

const json_value *json_get(const json_value *obj, const char *key)
{
    size_t i;
    if (!obj || obj->type != JSON_OBJECT || !key) return NULL;
    for (i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0) return obj->items[i];
    return NULL;
}

size_t json_len(const json_value *v)
{
    return (v && (v->type == JSON_ARRAY || v->type == JSON_OBJECT)) ? v->n : 0;
}

const json_value *json_at(const json_value *v, size_t i)
{
    if (!v || (v->type != JSON_ARRAY && v->type != JSON_OBJECT) || i >= v->n) return NULL;
    return v->items[i];
}

const char *json_key_at(const json_value *obj, size_t i)
{
    if (!obj || obj->type != JSON_OBJECT || i >= obj->n) return NULL;
    return obj->keys[i];
}

const char *json_str(const json_value *v) { return (v && v->type == JSON_STRING) ? v->str : NULL; }
size_t json_strlen(const json_value *v) { return (v && v->type == JSON_STRING) ? v->slen : 0; }
double json_num(const json_value *v) { return (v && v->type == JSON_NUMBER) ? v->num : 0.0; }

int json_int(const json_value *v, long long *out)
{
    if (!v || v->type != JSON_NUMBER || !v->is_int) return 0;
    if (out) *out = v->inum;
    return 1;
}

int json_bool(const json_value *v) { return (v && v->type == JSON_BOOL) ? v->boolean : 0; }

const char *json_get_str(const json_value *obj, const char *key) { return json_str(json_get(obj, key)); }

int json_get_int(const json_value *obj, const char *key, long long *out)
{
    return json_int(json_get(obj, key), out);
}

/* ------------------------------------------------------------------------------------------------ building */

json_value *json_new_object(void) { return json_alloc(JSON_OBJECT); }
json_value *json_new_array(void) { return json_alloc(JSON_ARRAY); }

json_value *json_new_stringn(const char *s, size_t n)
{
    json_value *v = json_alloc(JSON_STRING);
    v->str = json_xmalloc(n + 1);
    if (n) memcpy(v->str, s, n);
    v->str[n] = '\0';
    v->slen = n;
    return v;
}

json_value *json_new_string(const char *s) { return json_new_stringn(s ? s : "", s ? strlen(s) : 0); }

json_value *json_new_int(long long n)
{
    json_value *v = json_alloc(JSON_NUMBER);
    v->is_int = 1;
    v->inum = n;
    v->num = (double)n;
    return v;
}

json_value *json_new_bool(int b)
{
    json_value *v = json_alloc(JSON_BOOL);
    v->boolean = b != 0;
    return v;
}

void json_set(json_value *obj, const char *key, json_value *child)
{
    size_t n;
    char *k;
    if (!obj || obj->type != JSON_OBJECT || !key || !child) {
        json_free(child);
        return;
    }
    n = strlen(key);
    k = json_xmalloc(n + 1);
    memcpy(k, key, n + 1);
    json_append(obj, k, child);
}

void json_push(json_value *arr, json_value *child)
{
    if (!arr || arr->type != JSON_ARRAY || !child) {
        json_free(child);
        return;
    }
    json_append(arr, NULL, child);
}

void json_set_str(json_value *obj, const char *key, const char *s) { json_set(obj, key, json_new_string(s)); }
void json_set_int(json_value *obj, const char *key, long long n) { json_set(obj, key, json_new_int(n)); }
void json_set_bool(json_value *obj, const char *key, int b) { json_set(obj, key, json_new_bool(b)); }

void json_set_hex(json_value *obj, const char *key, const unsigned char *p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    json_value *v = json_alloc(JSON_STRING);
    size_t i;
    v->str = json_xmalloc(2 * n + 1);
    for (i = 0; i < n; i++) {
        v->str[2 * i] = digits[p[i] >> 4];
        v->str[2 * i + 1] = digits[p[i] & 15];
    }
    v->str[2 * n] = '\0';
    v->slen = 2 * n;
    json_set(obj, key, v);
}

/* ------------------------------------------------------------------------------------------------ writer */

/* json_write_string - RFC 8259 §7 escaping; other bytes (UTF-8) pass through. */
void json_write_string(FILE *f, const char *s, size_t n)
{
    size_t i;
    fputc('"', f);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        default:
            if (c < 0x20) fprintf(f, "\\u%04x", c);
            else fputc(c, f);
        }
    }
    fputc('"', f);
}

static void json_indent(FILE *f, int level)
{
    int i;
    for (i = 0; i < level; i++) fputs("  ", f);
}

static void json_write_value(FILE *f, const json_value *v, int level)
{
    size_t i;
    switch (v->type) {
    case JSON_NULL: fputs("null", f); break;
    case JSON_BOOL: fputs(v->boolean ? "true" : "false", f); break;
    case JSON_NUMBER:
        if (v->is_int) fprintf(f, "%lld", v->inum);
        else if (isfinite(v->num)) fprintf(f, "%.17g", v->num);
        else fputs("null", f); /* JSON has no NaN/Infinity */
        break;
    case JSON_STRING: json_write_string(f, v->str, v->slen); break;
    case JSON_ARRAY:
    case JSON_OBJECT:
        if (v->n == 0) {
            fputs(v->type == JSON_ARRAY ? "[]" : "{}", f);
            break;
        }
        fputc(v->type == JSON_ARRAY ? '[' : '{', f);
        for (i = 0; i < v->n; i++) {
            fputs(i ? ",\n" : "\n", f);
            json_indent(f, level + 1);
            if (v->type == JSON_OBJECT) {
                json_write_string(f, v->keys[i], strlen(v->keys[i]));
                fputs(": ", f);
            }
            json_write_value(f, v->items[i], level + 1);
        }
        fputc('\n', f);
        json_indent(f, level);
        fputc(v->type == JSON_ARRAY ? ']' : '}', f);
        break;
    }
}

void json_write(FILE *f, const json_value *v)
{
    if (!v) {
        fputs("null\n", f);
        return;
    }
    json_write_value(f, v, 0);
    fputc('\n', f);
}
