/* provider/params.c - OSSL_PARAM access without libcrypto (prov.h). The provider may not call OSSL_PARAM_locate,
 * OSSL_PARAM_get_* or OSSL_PARAM_set_* (they live in libcrypto); these helpers read and write the public
 * OSSL_PARAM structure of <openssl/core.h> directly. Native byte order, as OSSL_PARAM integers are. */
#include <limits.h>
#include <string.h>

#include "prov.h"

/* The first characters are compared before strcmp: OpenSSL looks parameters up several times per record on hot paths
 * (the AEAD ciphers' get_ctx_params), and most keys differ in their first character. */
const OSSL_PARAM *fips140_prov_param_locate_const(const OSSL_PARAM *params, const char *key)
{
    if (params == NULL || key == NULL)
        return NULL;
    for (; params->key != NULL; params++)
        if (params->key[0] == key[0] && strcmp(params->key, key) == 0)
            return params;
    return NULL;
}

OSSL_PARAM *fips140_prov_param_locate(OSSL_PARAM *params, const char *key)
{
    return (OSSL_PARAM *)fips140_prov_param_locate_const(params, key);
}

/* get_wide - the integer in p as a signed (is_signed = 1) or unsigned value; 0 if p is not an integer of 1, 2, 4
 * or 8 bytes. A negative signed value is reported through *neg with its magnitude in *mag. */
static int get_wide(const OSSL_PARAM *p, int *neg, uint64_t *mag)
{
    if (p == NULL || p->data == NULL)
        return 0;
    if (p->data_type == OSSL_PARAM_UNSIGNED_INTEGER) {
        uint64_t v;
        switch (p->data_size) {
        case 1: { uint8_t x; memcpy(&x, p->data, 1); v = x; break; }
        case 2: { uint16_t x; memcpy(&x, p->data, 2); v = x; break; }
        case 4: { uint32_t x; memcpy(&x, p->data, 4); v = x; break; }
        case 8: { uint64_t x; memcpy(&x, p->data, 8); v = x; break; }
        default: return 0;
        }
        *neg = 0;
        *mag = v;
        return 1;
    }
    if (p->data_type == OSSL_PARAM_INTEGER) {
        int64_t v;
        switch (p->data_size) {
        case 1: { int8_t x; memcpy(&x, p->data, 1); v = x; break; }
        case 2: { int16_t x; memcpy(&x, p->data, 2); v = x; break; }
        case 4: { int32_t x; memcpy(&x, p->data, 4); v = x; break; }
        case 8: { int64_t x; memcpy(&x, p->data, 8); v = x; break; }
        default: return 0;
        }
        *neg = v < 0;
        *mag = v < 0 ? (uint64_t)(-(v + 1)) + 1u : (uint64_t)v;
        return 1;
    }
    return 0;
}

int fips140_prov_param_get_uint64(const OSSL_PARAM *p, uint64_t *out)
{
    int neg;
    uint64_t mag;
    if (out == NULL || !get_wide(p, &neg, &mag) || neg)
        return 0;
    *out = mag;
    return 1;
}

int fips140_prov_param_get_size_t(const OSSL_PARAM *p, size_t *out)
{
    uint64_t v;
    if (out == NULL || !fips140_prov_param_get_uint64(p, &v) || v > SIZE_MAX)
        return 0;
    *out = (size_t)v;
    return 1;
}

int fips140_prov_param_get_uint(const OSSL_PARAM *p, unsigned int *out)
{
    uint64_t v;
    if (out == NULL || !fips140_prov_param_get_uint64(p, &v) || v > UINT_MAX)
        return 0;
    *out = (unsigned int)v;
    return 1;
}

int fips140_prov_param_get_int(const OSSL_PARAM *p, int *out)
{
    int neg;
    uint64_t mag;
    if (out == NULL || !get_wide(p, &neg, &mag))
        return 0;
    if (neg) {
        if (mag > (uint64_t)INT_MAX + 1u)
            return 0;
        *out = mag == (uint64_t)INT_MAX + 1u ? INT_MIN : -(int)mag;
    } else {
        if (mag > (uint64_t)INT_MAX)
            return 0;
        *out = (int)mag;
    }
    return 1;
}

/* set_wide - store a value (negative when neg, magnitude mag) into an integer param of 1, 2, 4 or 8 bytes. */
static int set_wide(OSSL_PARAM *p, int neg, uint64_t mag)
{
    if (p == NULL)
        return 0;
    if (p->data_type != OSSL_PARAM_INTEGER && p->data_type != OSSL_PARAM_UNSIGNED_INTEGER)
        return 0;
    size_t size = p->data_size;
    if (size != 1 && size != 2 && size != 4 && size != 8)
        size = 8;
    p->return_size = size;
    if (p->data == NULL)
        return 1; /* size query */
    if (p->data_size != size)
        return 0;
    if (p->data_type == OSSL_PARAM_UNSIGNED_INTEGER) {
        if (neg)
            return 0;
        switch (size) {
        case 1: { if (mag > UINT8_MAX) return 0; uint8_t x = (uint8_t)mag; memcpy(p->data, &x, 1); break; }
        case 2: { if (mag > UINT16_MAX) return 0; uint16_t x = (uint16_t)mag; memcpy(p->data, &x, 2); break; }
        case 4: { if (mag > UINT32_MAX) return 0; uint32_t x = (uint32_t)mag; memcpy(p->data, &x, 4); break; }
        default: { memcpy(p->data, &mag, 8); break; }
        }
        return 1;
    }
    /* signed: representable range of size bytes is [-2^(8size-1), 2^(8size-1) - 1] */
    uint64_t lim = (uint64_t)1 << (8 * size - 1);
    if ((!neg && mag >= lim) || (neg && mag > lim))
        return 0;
    int64_t v = neg ? (mag == ((uint64_t)1 << 63) ? INT64_MIN : -(int64_t)mag) : (int64_t)mag;
    switch (size) {
    case 1: { int8_t x = (int8_t)v; memcpy(p->data, &x, 1); break; }
    case 2: { int16_t x = (int16_t)v; memcpy(p->data, &x, 2); break; }
    case 4: { int32_t x = (int32_t)v; memcpy(p->data, &x, 4); break; }
    default: { memcpy(p->data, &v, 8); break; }
    }
    return 1;
}

int fips140_prov_param_set_int(OSSL_PARAM *p, int v)
{
    return set_wide(p, v < 0, v < 0 ? (uint64_t)(-(int64_t)v) : (uint64_t)v);
}

int fips140_prov_param_set_uint(OSSL_PARAM *p, unsigned int v)
{
    return set_wide(p, 0, v);
}

int fips140_prov_param_set_size_t(OSSL_PARAM *p, size_t v)
{
    return set_wide(p, 0, (uint64_t)v);
}

int fips140_prov_param_set_uint64(OSSL_PARAM *p, uint64_t v)
{
    return set_wide(p, 0, v);
}

int fips140_prov_param_get_utf8_ptr(const OSSL_PARAM *p, const char **out)
{
    if (p == NULL || out == NULL)
        return 0;
    if (p->data_type == OSSL_PARAM_UTF8_STRING) {
        /* As libcrypto's getter: the caller's string, whose terminating NUL may lie just past data_size
         * (OSSL_PARAM_construct_utf8_string(key, "SHA256", 0) gives data_size 6). */
        if (p->data == NULL)
            return 0;
        *out = (const char *)p->data;
        return 1;
    }
    if (p->data_type == OSSL_PARAM_UTF8_PTR) {
        if (p->data == NULL || *(const char *const *)p->data == NULL)
            return 0;
        *out = *(const char *const *)p->data;
        return 1;
    }
    return 0;
}

int fips140_prov_param_get_utf8_string(const OSSL_PARAM *p, char *buf, size_t bufsize)
{
    if (p == NULL || buf == NULL || bufsize == 0)
        return 0;
    const char *s;
    size_t n;
    if (p->data_type == OSSL_PARAM_UTF8_STRING) {
        if (p->data == NULL)
            return 0;
        s = (const char *)p->data;
        const char *nul = memchr(s, '\0', p->data_size);
        n = nul != NULL ? (size_t)(nul - s) : p->data_size;
    } else if (fips140_prov_param_get_utf8_ptr(p, &s)) {
        n = strlen(s);
    } else {
        return 0;
    }
    if (n >= bufsize)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return 1;
}

int fips140_prov_param_set_utf8_string(OSSL_PARAM *p, const char *s)
{
    if (p == NULL || s == NULL)
        return 0;
    size_t n = strlen(s);
    if (p->data_type == OSSL_PARAM_UTF8_PTR) {
        p->return_size = n;
        if (p->data == NULL)
            return 1;
        *(const char **)p->data = s;
        return 1;
    }
    if (p->data_type != OSSL_PARAM_UTF8_STRING)
        return 0;
    p->return_size = n;
    if (p->data == NULL)
        return 1;
    if (p->data_size < n)
        return 0;
    memcpy(p->data, s, n);
    if (p->data_size > n)
        ((char *)p->data)[n] = '\0';
    return 1;
}

int fips140_prov_param_get_octet_ptr(const OSSL_PARAM *p, const void **data, size_t *len)
{
    if (p == NULL || data == NULL || len == NULL)
        return 0;
    if (p->data_type == OSSL_PARAM_OCTET_STRING) {
        if (p->data == NULL && p->data_size != 0)
            return 0;
        *data = p->data;
        *len = p->data_size;
        return 1;
    }
    if (p->data_type == OSSL_PARAM_OCTET_PTR) {
        if (p->data == NULL)
            return 0;
        *data = *(const void *const *)p->data;
        *len = p->data_size;
        return 1;
    }
    return 0;
}

int fips140_prov_param_set_octet_string(OSSL_PARAM *p, const void *data, size_t len)
{
    if (p == NULL || (data == NULL && len != 0))
        return 0;
    if (p->data_type != OSSL_PARAM_OCTET_STRING)
        return 0;
    p->return_size = len;
    if (p->data == NULL)
        return 1;
    if (p->data_size < len)
        return 0;
    if (len != 0)
        memcpy(p->data, data, len);
    return 1;
}

/* ---- BIGNUMs: OSSL_PARAM_UNSIGNED_INTEGER holds an unsigned integer of any size in native byte order; the module
 * takes big-endian byte strings. */

static int host_is_le(void)
{
    const uint16_t one = 1;
    uint8_t b;
    memcpy(&b, &one, 1);
    return b == 1;
}

void fips140_prov_bn_be_to_native(uint8_t *out, const uint8_t *be, size_t n)
{
    if (!host_is_le()) {
        memmove(out, be, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = be[n - 1 - i];
}

int fips140_prov_param_get_bn(const OSSL_PARAM *p, uint8_t *out, size_t outlen)
{
    if (p == NULL || p->data_type != OSSL_PARAM_UNSIGNED_INTEGER || p->data == NULL)
        return 0;
    const uint8_t *d = p->data;
    const size_t n = p->data_size;
    const int le = host_is_le();
    memset(out, 0, outlen);
    for (size_t i = 0; i < n; i++) { /* i: significance, 0 = least significant byte */
        const uint8_t b = le ? d[i] : d[n - 1 - i];
        if (i >= outlen) {
            if (b != 0)
                return 0;
            continue;
        }
        out[outlen - 1 - i] = b;
    }
    return 1;
}

int fips140_prov_param_set_bn(OSSL_PARAM *p, const uint8_t *be, size_t len)
{
    if (p == NULL || p->data_type != OSSL_PARAM_UNSIGNED_INTEGER)
        return 0;
    while (len > 1 && be[0] == 0) {
        be++;
        len--;
    }
    p->return_size = len;
    if (p->data == NULL)
        return 1;
    if (p->data_size < len)
        return 0;
    uint8_t *dst = p->data;
    memset(dst, 0, p->data_size);
    for (size_t i = 0; i < len; i++) /* i: significance */
        dst[host_is_le() ? i : p->data_size - 1 - i] = be[len - 1 - i];
    return 1;
}
