/* module/core/integrity.c - the pre-operational software integrity test (FIPS 140-3 / ISO/IEC 19790 §7.10.2.2,
 * IG 10.3.A): HMAC-SHA2-256 over the module's code and read-only data as they sit in memory, compared with the
 * MAC that `fips140 inject` wrote into the binary after the final link. Layout and key: docs/INTEGRITY.md. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <time.h>
#include "ct.h"
#include "integrity.h"
#include "internal.h"

/* The hashed ranges: cmake/fips140_module.lds defines these hidden symbols around the module's code and read-only
 * data when every module object is combined into fips140_module.o. */
extern const uint8_t fips140_text_start[], fips140_text_end[];
extern const uint8_t fips140_rodata_start[], fips140_rodata_end[];

/* The expected MAC. Not const (so it lands in .data, outside the hashed ranges) and not static (so the compiler
 * cannot treat the placeholder as a constant): its value is only known after `fips140 inject`. */
__attribute__((used, aligned(32))) uint8_t fips140_integrity_mac[FIPS140_INTEGRITY_MAC_LEN] = {
    'F', 'I', 'P', 'S', '1', '4', '0', '-', 'M', 'A', 'C', '-', 'N', 'O', 'T', '-',
    'I', 'N', 'J', 'E', 'C', 'T', 'E', 'D', 0x9e, 0x37, 0x79, 0xb9, 0x7f, 0x4a, 0x7c, 0x15};

/* The placeholder's first 24 bytes, to tell "not injected" from "modified". Only a prefix is kept here, so the
 * full 32-byte pattern occurs once in a binary (in the slot above), as `fips140 inject` requires. */
static const uint8_t placeholder_prefix[24] = {
    'F', 'I', 'P', 'S', '1', '4', '0', '-', 'M', 'A', 'C', '-', 'N', 'O', 'T', '-', 'I', 'N', 'J', 'E', 'C', 'T', 'E', 'D'};

uint64_t fips140_poweron_ns;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* AddressSanitizer builds put poisoned redzones between the module's globals, inside the hashed read-only data:
 * the bytes are ordinary file contents (so the MAC is unchanged), but an instrumented read of them is reported as
 * an overflow. Those builds copy each range through a small uninstrumented loop before hashing it. */
#if defined(__SANITIZE_ADDRESS__)
#define FIPS140_INTEGRITY_COPY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FIPS140_INTEGRITY_COPY 1
#endif
#endif

#ifdef FIPS140_INTEGRITY_COPY
/* copy_unchecked - n bytes from src to dst without AddressSanitizer checks; byte-wise volatile reads, so nothing
 * assumes the range's alignment and the loop is not turned into an (intercepted) memcpy call. */
__attribute__((no_sanitize_address)) static void copy_unchecked(uint64_t *dst, const uint8_t *src, size_t n)
{
    const volatile uint8_t *b = src;
    uint8_t *d = (uint8_t *)dst;
    for (size_t i = 0; i < n; i++)
        d[i] = b[i];
}
#endif

/* absorb_range - one hashed range: its length as 8 bytes big-endian, then its bytes. */
static int absorb_range(fips140_hmac_ctx *ctx, const uint8_t *start, const uint8_t *end)
{
    uint8_t len[8];
    size_t n = (size_t)(end - start);
    store64_be(len, (uint64_t)n);
    if (fips140_hmac_update(ctx, len, sizeof len) != FIPS140_OK)
        return -1;
#ifdef FIPS140_INTEGRITY_COPY
    uint64_t buf[512];
    for (size_t off = 0; off < n; off += sizeof buf) {
        size_t k = n - off < sizeof buf ? n - off : sizeof buf;
        copy_unchecked(buf, start + off, k);
        if (fips140_hmac_update(ctx, (const uint8_t *)buf, k) != FIPS140_OK)
            return -1;
    }
    return 0;
#else
    return fips140_hmac_update(ctx, start, n) == FIPS140_OK ? 0 : -1;
#endif
}

/* compute_mac - HMAC-SHA2-256(FIPS140_INTEGRITY_KEY, range 1 || range 2), the ranges in address order. The HMAC
 * is the module's own service, whose CAST (HMAC-SHA2-256) and hash CAST (SHA2-256) ran first. */
static int compute_mac(uint8_t mac[FIPS140_INTEGRITY_MAC_LEN])
{
    const uint8_t *r[2][2] = {{fips140_text_start, fips140_text_end}, {fips140_rodata_start, fips140_rodata_end}};
    int first = (uintptr_t)r[0][0] <= (uintptr_t)r[1][0] ? 0 : 1;
    fips140_hmac_ctx ctx;
    int rc = -1;
    if (fips140_hmac_init(&ctx, FIPS140_SHA256, (const uint8_t *)FIPS140_INTEGRITY_KEY, FIPS140_INTEGRITY_KEY_LEN)
        == FIPS140_OK
        && absorb_range(&ctx, r[first][0], r[first][1]) == 0
        && absorb_range(&ctx, r[1 - first][0], r[1 - first][1]) == 0
        && fips140_hmac_final(&ctx, mac, FIPS140_INTEGRITY_MAC_LEN) == FIPS140_OK)
        rc = 0;
    fips140_hmac_wipe(&ctx);
    fips140_indicator_clear(); /* the check is the module's own business, not a caller's service */
    return rc;
}

uint64_t fips140_integrity_check(void)
{
    uint64_t t0 = now_ns();
    uint8_t mac[FIPS140_INTEGRITY_MAC_LEN];
    if (compute_mac(mac) != 0)
        fips140_fatal("integrity check failed", "HMAC-SHA2-256 unavailable");
    if (fips140_break_requested("integrity"))
        mac[0] ^= 1; /* break-test build: behave exactly like a modified module */
    const volatile uint8_t *expected = fips140_integrity_mac;
    uint8_t want[FIPS140_INTEGRITY_MAC_LEN];
    for (size_t i = 0; i < sizeof want; i++)
        want[i] = expected[i];
    if (!ct_memeq(mac, want, sizeof mac)) {
        if (memcmp(want, placeholder_prefix, sizeof placeholder_prefix) == 0)
            fips140_fatal("integrity check failed", "module not injected");
        fips140_fatal("integrity check failed", "module MAC mismatch");
    }
    return now_ns() - t0;
}
