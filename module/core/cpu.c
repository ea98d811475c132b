/* module/core/cpu.c - CPU feature detection for run-time dispatch (DESIGN §2: fast paths with portable,
 * constant-time fallbacks), and the FIPS140_CPU test mask that forces slower paths so every implementation
 * runs the same vectors.
 *
 * x86-64: CPUID leaves 1 and 7 (Intel SDM Vol. 2A, "CPUID"), with XGETBV checking that the OS saves the YMM
 * state before any AVX feature is reported (Intel SDM Vol. 1 §14.3).
 *
 * FIPS140_CPU (read once): unset or empty = everything detected; "portable" or "none" = no features;
 * "-vaes,-vpclmul" = remove those; "aesni,pclmul" = keep only those (of what is detected). An unknown name
 * is a fatal configuration error, so a typo cannot silently test the wrong path. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

_Atomic uint32_t fips140_cpu_cached;

static const char *const feature_names[] = {
    "ssse3", "sse41", "aesni", "pclmul", "avx", "avx2", "bmi1", "bmi2", "adx", "shani", "vaes", "vpclmul", "avx512f",
    "avx512ifma",
};
#define FEATURE_COUNT (sizeof feature_names / sizeof feature_names[0])

const char *fips140_cpu_feature_name(uint32_t bit)
{
    for (unsigned i = 0; i < FEATURE_COUNT; i++)
        if (bit == (1u << i))
            return feature_names[i];
    return NULL;
}

#if FIPS140_X86_64
#include <cpuid.h>

static uint64_t read_xcr0(void)
{
    uint32_t lo, hi;
    __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static uint32_t detect_hardware(void)
{
    uint32_t a, b, c, d, f = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (c & (1u << 9)) f |= FIPS140_CPU_SSSE3;
    if (c & (1u << 19)) f |= FIPS140_CPU_SSE41;
    if (c & (1u << 25)) f |= FIPS140_CPU_AESNI;
    if (c & (1u << 1)) f |= FIPS140_CPU_PCLMUL;
    int osxsave = (c >> 27) & 1;
    int avx_cpu = (c >> 28) & 1;
    uint64_t xcr0 = osxsave ? read_xcr0() : 0;
    int ymm_ok = osxsave && (xcr0 & 6) == 6;            /* XMM and YMM state enabled by the OS */
    int zmm_ok = ymm_ok && (xcr0 & 0xe0) == 0xe0;        /* opmask, ZMM_Hi256, Hi16_ZMM */
    if (avx_cpu && ymm_ok) f |= FIPS140_CPU_AVX;

    uint32_t max_leaf = __get_cpuid_max(0, NULL);
    if (max_leaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if ((b & (1u << 5)) && ymm_ok) f |= FIPS140_CPU_AVX2;
        if (b & (1u << 3)) f |= FIPS140_CPU_BMI1;
        if (b & (1u << 8)) f |= FIPS140_CPU_BMI2;
        if (b & (1u << 19)) f |= FIPS140_CPU_ADX;
        if (b & (1u << 29)) f |= FIPS140_CPU_SHANI;
        if ((c & (1u << 9)) && ymm_ok) f |= FIPS140_CPU_VAES;
        if ((c & (1u << 10)) && ymm_ok) f |= FIPS140_CPU_VPCLMUL;
        if ((b & (1u << 16)) && zmm_ok) f |= FIPS140_CPU_AVX512F;
        if ((b & (1u << 21)) && zmm_ok) f |= FIPS140_CPU_AVX512IFMA;
    }
    return f;
}
#else
static uint32_t detect_hardware(void) { return 0; }
#endif

static uint32_t feature_bit(const char *name, size_t len)
{
    for (unsigned i = 0; i < FEATURE_COUNT; i++)
        if (strlen(feature_names[i]) == len && strncmp(feature_names[i], name, len) == 0)
            return 1u << i;
    return 0;
}

/* apply_mask - apply a FIPS140_CPU setting to the detected features (see the file comment). */
static uint32_t apply_mask(uint32_t hw, const char *s)
{
    if (s == NULL || *s == '\0')
        return hw;
    if (strcmp(s, "portable") == 0 || strcmp(s, "none") == 0)
        return 0;
    uint32_t keep = 0, drop = 0;
    int any_keep = 0;
    while (*s != '\0') {
        size_t n = strcspn(s, ",");
        const char *name = s;
        size_t len = n;
        int minus = 0;
        if (len > 0 && name[0] == '-') { minus = 1; name++; len--; }
        uint32_t bit = len ? feature_bit(name, len) : 0;
        if (bit == 0) {
            char detail[80];
            size_t k = n < 60 ? n : 60;
            memcpy(detail, s, k);
            detail[k] = '\0';
            fips140_fatal("unknown FIPS140_CPU feature", detail);
        }
        if (minus) drop |= bit;
        else { keep |= bit; any_keep = 1; }
        s += n;
        if (*s == ',') s++;
    }
    uint32_t f = any_keep ? (hw & keep) : hw;
    return f & ~drop;
}

uint32_t fips140_cpu_detect(void)
{
    uint32_t f = apply_mask(detect_hardware(), getenv("FIPS140_CPU")) | 0x80000000u;
    atomic_store_explicit(&fips140_cpu_cached, f, memory_order_relaxed);
    return f;
}

uint32_t fips140_cpu_features(void) { return fips140_cpu() & 0x7fffffffu; }
