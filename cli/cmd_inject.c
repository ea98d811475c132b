/* cli/cmd_inject.c - `fips140 inject [--check] FILE` (DESIGN §3.2): the post-link step that writes the module's
 * expected integrity MAC into a linked executable or shared object (docs/INTEGRITY.md). It verifies everything
 * first (ELF structure, no dynamic relocation in the hashed ranges, exactly one placeholder), then writes a copy
 * with the MAC in place and renames it over FILE, so a refused or failed run leaves FILE untouched.
 * --check only verifies that FILE carries the right MAC. Exit 0 success, 1 refusal or failure, 2 usage. */
#define _XOPEN_SOURCE 700 /* realpath, mkstemp, fchmod */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "inject_elf.h"

/* read_raw - the whole file, byte for byte (no gzip inflation), into a malloc'd buffer. */
static uint8_t *read_raw(const char *path, size_t *len, struct stat *st)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    uint8_t *buf = NULL;
    if (fstat(fileno(f), st) == 0 && S_ISREG(st->st_mode) && st->st_size > 0) {
        buf = malloc((size_t)st->st_size);
        if (buf != NULL && fread(buf, 1, (size_t)st->st_size, f) != (size_t)st->st_size) {
            free(buf);
            buf = NULL;
        }
    } else {
        errno = EINVAL;
    }
    fclose(f);
    *len = buf != NULL ? (size_t)st->st_size : 0;
    return buf;
}

/* write_replace - write len bytes to a temporary file next to path, with path's permissions, then rename it over
 * path. Returns 0, or -1 with errno set (the temporary file is removed). */
static int write_replace(const char *path, const uint8_t *data, size_t len, mode_t mode)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (tmp == NULL)
        return -1;
    snprintf(tmp, n, "%s.injectXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    int rc = off == len && fchmod(fd, mode & 07777) == 0 && fsync(fd) == 0 ? 0 : -1;
    if (close(fd) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc != 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
    }
    free(tmp);
    return rc;
}

/* hex32 - the 32 bytes at p as lower-case hex into out (65 bytes). */
static void hex32(const uint8_t *p, char out[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[64] = '\0';
}

/* cmd_inject - see the file comment. */
int cmd_inject(int argc, char **argv)
{
    int check = 0;
    const char *file = NULL;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--check") == 0)
            check = 1;
        else if (file == NULL && argv[i][0] != '-')
            file = argv[i];
        else
            bad = 1;
    }
    if (file == NULL || bad) {
        fprintf(stderr, "usage: fips140 inject [--check] FILE\n");
        return EXIT_USAGE;
    }
    /* Resolve symbolic links (libfips140.so -> libfips140.so.0.1.0): the MAC goes into the real file. */
    char *real = realpath(file, NULL);
    if (real == NULL) {
        fprintf(stderr, "fips140 inject: %s: %s\n", file, strerror(errno));
        return EXIT_FAIL;
    }
    size_t len;
    struct stat st;
    uint8_t *data = read_raw(real, &len, &st);
    if (data == NULL) {
        fprintf(stderr, "fips140 inject: %s: cannot read: %s\n", file, strerror(errno));
        free(real);
        return EXIT_FAIL;
    }
    int rc = EXIT_FAIL;
    char err[256], hex[65];
    inject_image img;
    uint8_t mac[32], placeholder[32];
    size_t at = 0;
    if (inject_elf_parse(&img, data, len, err, sizeof err) != 0) {
        fprintf(stderr, "fips140 inject: %s: refused: %s\n", file, err);
        goto out;
    }
    if (inject_elf_mac(&img, mac) != 0) {
        fprintf(stderr, "fips140 inject: %s: HMAC-SHA2-256 failed\n", file);
        goto out;
    }
    hex32(mac, hex);
    inject_placeholder(placeholder);
    size_t count = inject_find(&img, placeholder, sizeof placeholder, &at);
    if (count == 0) {
        /* Already injected? Then the computed MAC is in the slot, once: nothing to do. */
        if (inject_find(&img, mac, sizeof mac, NULL) == 1) {
            printf("%s: module MAC %s %s\n", file, hex, check ? "verified" : "already injected");
            rc = EXIT_OK;
        } else {
            fprintf(stderr, "fips140 inject: %s: refused: %s\n", file,
                    check ? "module MAC mismatch (the hashed code or data differ from what was injected)"
                          : "the MAC placeholder is missing (the module's MAC slot was altered, or this file was "
                            "modified after injection)");
        }
        goto out;
    }
    if (count > 1) {
        fprintf(stderr, "fips140 inject: %s: refused: the MAC placeholder appears %zu times (expected once)\n", file,
                count);
        goto out;
    }
    for (int r = 0; r < 2; r++) {
        const inject_range *g = &img.range[r];
        if (at + 32 > g->offset && at < g->offset + g->size) {
            fprintf(stderr, "fips140 inject: %s: refused: the MAC placeholder lies inside the hashed section %s\n",
                    file, g->name);
            goto out;
        }
    }
    if (check) {
        fprintf(stderr, "fips140 inject: %s: module not injected\n", file);
        goto out;
    }
    memcpy(data + at, mac, sizeof mac);
    if (write_replace(real, data, len, st.st_mode) != 0) {
        fprintf(stderr, "fips140 inject: %s: cannot write: %s\n", file, strerror(errno));
        goto out;
    }
    printf("%s: module MAC %s injected (%s %llu bytes, %s %llu bytes)\n", file, hex, img.range[0].name,
           (unsigned long long)img.range[0].size, img.range[1].name, (unsigned long long)img.range[1].size);
    rc = EXIT_OK;
out:
    free(data);
    free(real);
    return rc;
}
