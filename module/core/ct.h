/* module/core/ct.h - constant-time helpers (DESIGN §4.4). Secrets never choose a branch or an address:
 * comparisons and selections are computed with masks. */
#ifndef FIPS140_CORE_CT_H
#define FIPS140_CORE_CT_H

#include <stddef.h>
#include <stdint.h>

/* ct_barrier_u32 - stop the compiler from turning mask arithmetic back into branches. */
static inline uint32_t ct_barrier_u32(uint32_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(v));
#endif
    return v;
}
static inline uint64_t ct_barrier_u64(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(v));
#endif
    return v;
}

/* ct_is_zero_u32 - 0xFFFFFFFF if v == 0, else 0. */
static inline uint32_t ct_is_zero_u32(uint32_t v)
{
    return ct_barrier_u32(0u - (uint32_t)(((uint64_t)v - 1u) >> 63));
}
/* ct_eq_u32 - 0xFFFFFFFF if a == b, else 0. */
static inline uint32_t ct_eq_u32(uint32_t a, uint32_t b) { return ct_is_zero_u32(a ^ b); }
/* ct_select_u32 - mask ? a : b, for an all-ones / all-zeros mask. */
static inline uint32_t ct_select_u32(uint32_t mask, uint32_t a, uint32_t b) { return (a & mask) | (b & ~mask); }
static inline uint64_t ct_select_u64(uint64_t mask, uint64_t a, uint64_t b) { return (a & mask) | (b & ~mask); }
static inline uint64_t ct_mask_u64(uint32_t bit) { return 0u - (uint64_t)(bit & 1u); }

/* ct_memeq - 1 if the n bytes at a and b are equal, 0 otherwise; time depends on n only. */
static inline int ct_memeq(const void *a, const void *b, size_t n)
{
    const volatile uint8_t *x = (const volatile uint8_t *)a;
    const volatile uint8_t *y = (const volatile uint8_t *)b;
    uint32_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= (uint32_t)(x[i] ^ y[i]);
    return (int)(ct_is_zero_u32(acc) & 1u);
}

/* ct_memzero_if - zero n bytes at p when mask is all ones, leave them when it is zero. */
static inline void ct_memzero_if(uint8_t mask, void *p, size_t n)
{
    uint8_t *q = (uint8_t *)p;
    for (size_t i = 0; i < n; i++)
        q[i] = (uint8_t)(q[i] & (uint8_t)~mask);
}

#endif
