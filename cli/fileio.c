/* cli/fileio.c - cli_read_file (cli.h): read a whole file into memory, inflating gzip (RFC 1952) files
 * transparently with zlib. A gzip file is recognised by its magic bytes 1f 8b, whatever its name;
 * concatenated gzip members are all inflated. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* read_all - the raw bytes of an open stream into a malloc'd buffer (one spare byte for a NUL). */
static char *read_all(FILE *f, size_t *len, char *err, size_t errlen)
{
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap), *nb;
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (;;) {
        if (cap - n < 2) {
            if (cap > ((size_t)-1) / 2) {
                free(buf);
                snprintf(err, errlen, "file too large");
                return NULL;
            }
            cap *= 2;
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                snprintf(err, errlen, "out of memory");
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "read error: %s", strerror(errno));
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* gunzip - inflate every gzip member of in[0..inlen) into a malloc'd NUL-terminated buffer. */
static char *gunzip(const unsigned char *in, size_t inlen, size_t *outlen, char *err, size_t errlen)
{
    z_stream zs;
    size_t cap = inlen * 4 + 4096, n = 0, pos = 0;
    char *out = malloc(cap), *nb;
    int rc;
    if (!out) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    while (pos < inlen) {
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) { /* 16+: expect a gzip header */
            snprintf(err, errlen, "zlib: inflateInit2 failed");
            free(out);
            return NULL;
        }
        zs.next_in = (unsigned char *)(uintptr_t)(in + pos);
        do {
            size_t chunk_in = inlen - pos - (size_t)((const unsigned char *)zs.next_in - (in + pos));
            if (cap - n < 2) {
                cap *= 2;
                nb = realloc(out, cap);
                if (!nb) {
                    inflateEnd(&zs);
                    free(out);
                    snprintf(err, errlen, "out of memory");
                    return NULL;
                }
                out = nb;
            }
            zs.avail_in = chunk_in > 0x40000000u ? 0x40000000u : (uInt)chunk_in;
            zs.next_out = (unsigned char *)out + n;
            zs.avail_out = (cap - n - 1) > 0x40000000u ? 0x40000000u : (uInt)(cap - n - 1);
            {
                uInt before = zs.avail_out;
                rc = inflate(&zs, Z_NO_FLUSH);
                n += before - zs.avail_out;
            }
            if (rc == Z_BUF_ERROR && zs.avail_in == 0 && zs.avail_out != 0) {
                inflateEnd(&zs);
                free(out);
                snprintf(err, errlen, "gzip data truncated");
                return NULL;
            }
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
                snprintf(err, errlen, "gzip data corrupt: %s", zs.msg ? zs.msg : "inflate failed");
                inflateEnd(&zs);
                free(out);
                return NULL;
            }
        } while (rc != Z_STREAM_END);
        pos = (size_t)((const unsigned char *)zs.next_in - in);
        inflateEnd(&zs);
        /* another member follows only if it starts with the magic; anything else (padding) is ignored */
        if (inlen - pos < 2 || in[pos] != 0x1f || in[pos + 1] != 0x8b) break;
    }
    out[n] = '\0';
    *outlen = n;
    return out;
}

char *cli_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f;
    char *raw, *out;
    size_t rawlen = 0;
    if (!path || !len) {
        snprintf(err, errlen, "no file given");
        return NULL;
    }
    f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s", strerror(errno));
        return NULL;
    }
    raw = read_all(f, &rawlen, err, errlen);
    fclose(f);
    if (!raw) return NULL;
    if (rawlen >= 2 && (unsigned char)raw[0] == 0x1f && (unsigned char)raw[1] == 0x8b) {
        out = gunzip((const unsigned char *)raw, rawlen, len, err, errlen);
        free(raw);
        return out;
    }
    *len = rawlen;
    return raw;
}
