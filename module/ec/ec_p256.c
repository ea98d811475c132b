/* module/ec/ec_p256.c - P-256 (SP 800-186 §3.2.1.3) field arithmetic specialised to p = 2^256 - 2^224 + 2^192 +
 * 2^96 - 1, and the fast point multiplications of ec_fast_impl.h built on it.
 *
 * Montgomery multiplication (R = 2^256) with word-by-word reduction: -p^-1 = 1 mod 2^64, so the quotient digit is
 * the low limb q itself, and q·p = q·2^256 - q·2^224 + q·2^192 + q·2^96 - q needs only a shift pair and one
 * 64x64 product q·(2^64 - 2^32 + 1). Two implementations: portable C on unsigned __int128, and x86-64 inline
 * assembly with MULX and the two carry chains of ADCX/ADOX (Intel SDM Vol. 2, "ADCX", "ADOX", "MULX"), used when
 * the CPU has BMI2 and ADX. Both are constant time (no branches or indexes on data; the final subtraction is a
 * masked selection or CMOV). */
#include <string.h>
#include "ec_internal.h"
#include "ec_fast.h"
#include "../core/ct.h"
#include "../core/internal.h"

typedef unsigned __int128 u128;

#define P256_K 0xffffffff00000001ull /* p's top limb; also 2^64 - 2^32 + 1 = q·(2^192 - 2^224 + 2^256) / (q·2^192) */

static const uint64_t P256_P[4] = {0xffffffffffffffffull, 0x00000000ffffffffull, 0, P256_K};
static const uint64_t P256_N[4] = {0xf3b9cac2fc632551ull, 0xbce6faada7179e84ull, 0xffffffffffffffffull,
                                   0xffffffff00000000ull};
static const uint64_t P256_N0INV = 0xccd1c8aaee00bc4full; /* -n^-1 mod 2^64 */
static const uint64_t P256_B[4] = {0xd89cdf6229c4bddfull, 0xacf005cd78843090ull, 0xe5a220abf7212ed6ull,
                                   0xdc30061d04874834ull};
static const uint64_t P256_ONE[4] = {0x0000000000000001ull, 0xffffffff00000000ull, 0xffffffffffffffffull,
                                     0x00000000fffffffeull};

/* p256_reduce_select - r = t - p when t (with top bit hi) >= p, else t; t < 2p. Scalar variables throughout:
 * arrays here invite vectorised selections that go through memory. */
static inline void p256_reduce_select(uint64_t r[4], uint64_t t0, uint64_t t1, uint64_t t2, uint64_t t3,
                                      uint64_t hi)
{
    u128 d = (u128)t0 - P256_P[0];
    uint64_t s0 = (uint64_t)d;
    d = (u128)t1 - P256_P[1] - ((uint64_t)(d >> 64) & 1u);
    uint64_t s1 = (uint64_t)d;
    d = (u128)t2 - P256_P[2] - ((uint64_t)(d >> 64) & 1u);
    uint64_t s2 = (uint64_t)d;
    d = (u128)t3 - P256_P[3] - ((uint64_t)(d >> 64) & 1u);
    uint64_t s3 = (uint64_t)d, b = (uint64_t)(d >> 64) & 1u;
    uint64_t keep = ct_barrier_u64(0u - (uint64_t)((hi < b) & 1u)); /* t < p */
    r[0] = (t0 & keep) | (s0 & ~keep);
    r[1] = (t1 & keep) | (s1 & ~keep);
    r[2] = (t2 & keep) | (s2 & ~keep);
    r[3] = (t3 & keep) | (s3 & ~keep);
}

/* p256_mul_c - r = a·b·2^-256 mod p (a, b < p), portable. */
static inline void p256_mul_c(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
    for (int i = 0; i < 4; i++) {
        /* t += a·b[i]; t < 2p and a·b[i] < p·2^64, so the sum fits in five limbs. */
        uint64_t bi = b[i];
        u128 v = (u128)a[0] * bi + t0;
        t0 = (uint64_t)v;
        v = (u128)a[1] * bi + t1 + (uint64_t)(v >> 64);
        t1 = (uint64_t)v;
        v = (u128)a[2] * bi + t2 + (uint64_t)(v >> 64);
        t2 = (uint64_t)v;
        v = (u128)a[3] * bi + t3 + (uint64_t)(v >> 64);
        t3 = (uint64_t)v;
        t4 += (uint64_t)(v >> 64);
        /* t = (t + q·p) / 2^64 with q = t0: the low limb cancels exactly. */
        uint64_t q = t0;
        u128 qk = (u128)q * P256_K;
        v = (u128)t1 + (q << 32);
        t0 = (uint64_t)v;
        v = (u128)t2 + (q >> 32) + (uint64_t)(v >> 64);
        t1 = (uint64_t)v;
        v = (u128)t3 + (uint64_t)qk + (uint64_t)(v >> 64);
        t2 = (uint64_t)v;
        v = (u128)t4 + (uint64_t)(qk >> 64) + (uint64_t)(v >> 64);
        t3 = (uint64_t)v;
        t4 = (uint64_t)(v >> 64);
    }
    p256_reduce_select(r, t0, t1, t2, t3, t4);
}

static inline void p256_add_c(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    u128 v = (u128)a[0] + b[0];
    uint64_t t0 = (uint64_t)v;
    v = (u128)a[1] + b[1] + (uint64_t)(v >> 64);
    uint64_t t1 = (uint64_t)v;
    v = (u128)a[2] + b[2] + (uint64_t)(v >> 64);
    uint64_t t2 = (uint64_t)v;
    v = (u128)a[3] + b[3] + (uint64_t)(v >> 64);
    p256_reduce_select(r, t0, t1, t2, (uint64_t)v, (uint64_t)(v >> 64));
}

static inline void p256_sub_c(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    u128 d = (u128)a[0] - b[0];
    uint64_t t0 = (uint64_t)d;
    d = (u128)a[1] - b[1] - ((uint64_t)(d >> 64) & 1u);
    uint64_t t1 = (uint64_t)d;
    d = (u128)a[2] - b[2] - ((uint64_t)(d >> 64) & 1u);
    uint64_t t2 = (uint64_t)d;
    d = (u128)a[3] - b[3] - ((uint64_t)(d >> 64) & 1u);
    uint64_t t3 = (uint64_t)d;
    uint64_t mask = ct_barrier_u64(0u - ((uint64_t)(d >> 64) & 1u)); /* a < b: add p back */
    u128 v = (u128)t0 + (P256_P[0] & mask);
    r[0] = (uint64_t)v;
    v = (u128)t1 + (P256_P[1] & mask) + (uint64_t)(v >> 64);
    r[1] = (uint64_t)v;
    v = (u128)t2 + (uint64_t)(v >> 64);
    r[2] = (uint64_t)v;
    r[3] = t3 + (P256_P[3] & mask) + (uint64_t)(v >> 64);
}

#if FIPS140_X86_64
/* p256_mul_adx - the same product with MULX/ADCX/ADOX. Six accumulator registers rotate: row i adds a·b[i] into
 * A_i..A_{i+4} (indexes mod 6), then the reduction folds q = A_i into A_{i+1}..A_{i+4} and leaves its carry in
 * A_{i+5}. The result is A4, A5, A0, A1 with the top bit in A2; a final CMOV selects it or it minus p. */
#define P256_ROW(bi, T0, T1, T2, T3, T4)                                                                       \
    "movq " bi ", %%rdx\n\t"                                                                                   \
    "xorl %k[z], %k[z]\n\t"                                                                                    \
    "mulxq 0(%[a]), %[l], %[h]\n\t"  "adcxq %[l], %" T0 "\n\t" "adoxq %[h], %" T1 "\n\t"                       \
    "mulxq 8(%[a]), %[l], %[h]\n\t"  "adcxq %[l], %" T1 "\n\t" "adoxq %[h], %" T2 "\n\t"                       \
    "mulxq 16(%[a]), %[l], %[h]\n\t" "adcxq %[l], %" T2 "\n\t" "adoxq %[h], %" T3 "\n\t"                       \
    "mulxq 24(%[a]), %[l], %[h]\n\t" "adcxq %[l], %" T3 "\n\t" "adoxq %[h], %" T4 "\n\t"                       \
    "adcxq %[z], %" T4 "\n\t"
#define P256_RED(T0, T1, T2, T3, T4, T5)                                                                       \
    "movabsq $0xffffffff00000001, %%rdx\n\t"                                                                   \
    "mulxq %" T0 ", %[l], %[h]\n\t"                                                                            \
    "movq %" T0 ", %[z]\n\t"                                                                                   \
    "shlq $32, %[z]\n\t"                                                                                       \
    "shrq $32, %" T0 "\n\t"                                                                                    \
    "xorl %k" T5 ", %k" T5 "\n\t"                                                                              \
    "addq %[z], %" T1 "\n\t"                                                                                   \
    "adcq %" T0 ", %" T2 "\n\t"                                                                                \
    "adcq %[l], %" T3 "\n\t"                                                                                   \
    "adcq %[h], %" T4 "\n\t"                                                                                   \
    "adcq $0, %" T5 "\n\t"

static inline void p256_mul_adx(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    uint64_t A0, A1, A2, A3, A4, A5, l, h, z;
    __asm__("movq 0(%[b]), %%rdx\n\t"
            "mulxq 0(%[a]), %[A0], %[A1]\n\t"
            "mulxq 8(%[a]), %[l], %[A2]\n\t"
            "addq %[l], %[A1]\n\t"
            "mulxq 16(%[a]), %[l], %[A3]\n\t"
            "adcq %[l], %[A2]\n\t"
            "mulxq 24(%[a]), %[l], %[A4]\n\t"
            "adcq %[l], %[A3]\n\t"
            "adcq $0, %[A4]\n\t"
            P256_RED("[A0]", "[A1]", "[A2]", "[A3]", "[A4]", "[A5]")
            P256_ROW("8(%[b])", "[A1]", "[A2]", "[A3]", "[A4]", "[A5]")
            P256_RED("[A1]", "[A2]", "[A3]", "[A4]", "[A5]", "[A0]")
            P256_ROW("16(%[b])", "[A2]", "[A3]", "[A4]", "[A5]", "[A0]")
            P256_RED("[A2]", "[A3]", "[A4]", "[A5]", "[A0]", "[A1]")
            P256_ROW("24(%[b])", "[A3]", "[A4]", "[A5]", "[A0]", "[A1]")
            P256_RED("[A3]", "[A4]", "[A5]", "[A0]", "[A1]", "[A2]")
            /* (A4, A5, A0, A1) + 2^256·A2 < 2p: subtract p, keep the difference unless it borrowed. */
            "movq %[A4], %[l]\n\t"
            "movq %[A5], %[h]\n\t"
            "movq %[A0], %[z]\n\t"
            "movq %[A1], %[A3]\n\t"
            "subq $-1, %[l]\n\t"
            "movl $0xffffffff, %%edx\n\t"
            "sbbq %%rdx, %[h]\n\t"
            "sbbq $0, %[z]\n\t"
            "movabsq $0xffffffff00000001, %%rdx\n\t"
            "sbbq %%rdx, %[A3]\n\t"
            "sbbq $0, %[A2]\n\t"
            "cmovncq %[l], %[A4]\n\t"
            "cmovncq %[h], %[A5]\n\t"
            "cmovncq %[z], %[A0]\n\t"
            "cmovncq %[A3], %[A1]\n\t"
            : [A0] "=&r"(A0), [A1] "=&r"(A1), [A2] "=&r"(A2), [A3] "=&r"(A3), [A4] "=&r"(A4), [A5] "=&r"(A5),
              [l] "=&r"(l), [h] "=&r"(h), [z] "=&r"(z)
            : [a] "r"(a), [b] "r"(b), "m"(*(const uint64_t(*)[4])a), "m"(*(const uint64_t(*)[4])b)
            : "rdx", "cc");
    r[0] = A4;
    r[1] = A5;
    r[2] = A0;
    r[3] = A1;
}
#undef P256_ROW
#undef P256_RED

#define EC_MONT_ADX_P256
#include "ec_mont_adx.h"

/* p256_sqr_adx - r = a·a·2^-256 mod p: the six cross products once, doubled, plus the four squares (10 MULX instead
 * of 16), then four reduction rounds on the 512-bit square, each folding q = t_i into t_{i+1}..t_{i+4} and
 * rippling its carry up to t8; the result t4..t7 (top bit t8) is < 2p and gets the CMOV subtraction of p. */
static inline void p256_sqr_adx(uint64_t r[4], const uint64_t a[4])
{
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7, t8, l, h;
#define P256_SQR_RED(T0, T1, T2, T3, T4, TAIL)                                                                 \
    "movabsq $0xffffffff00000001, %%rdx\n\t"                                                                   \
    "mulxq %" T0 ", %[l], %[h]\n\t"                                                                            \
    "movq %" T0 ", %%rdx\n\t"                                                                                  \
    "shlq $32, %%rdx\n\t"                                                                                      \
    "shrq $32, %" T0 "\n\t"                                                                                    \
    "addq %%rdx, %" T1 "\n\t"                                                                                  \
    "adcq %" T0 ", %" T2 "\n\t"                                                                                \
    "adcq %[l], %" T3 "\n\t"                                                                                   \
    "adcq %[h], %" T4 "\n\t"                                                                                   \
    TAIL
    __asm__("movq 0(%[a]), %%rdx\n\t"
            "mulxq 8(%[a]), %[t1], %[t2]\n\t"          /* a0·a1, a0·a2, a0·a3 */
            "mulxq 16(%[a]), %[l], %[t3]\n\t"
            "addq %[l], %[t2]\n\t"
            "mulxq 24(%[a]), %[l], %[t4]\n\t"
            "adcq %[l], %[t3]\n\t"
            "adcq $0, %[t4]\n\t"
            "movq 8(%[a]), %%rdx\n\t"                  /* a1·a2, a1·a3 */
            "xorl %k[t6], %k[t6]\n\t"
            "mulxq 16(%[a]), %[l], %[h]\n\t"
            "adcxq %[l], %[t3]\n\t"
            "adoxq %[h], %[t4]\n\t"
            "mulxq 24(%[a]), %[l], %[t5]\n\t"
            "adcxq %[l], %[t4]\n\t"
            "adoxq %[t6], %[t5]\n\t"
            "adcxq %[t6], %[t5]\n\t"
            "movq 16(%[a]), %%rdx\n\t"                 /* a2·a3 */
            "mulxq 24(%[a]), %[l], %[t6]\n\t"
            "addq %[l], %[t5]\n\t"
            "adcq $0, %[t6]\n\t"
            "movl $0, %k[t7]\n\t"                      /* double the cross products */
            "addq %[t1], %[t1]\n\t"
            "adcq %[t2], %[t2]\n\t"
            "adcq %[t3], %[t3]\n\t"
            "adcq %[t4], %[t4]\n\t"
            "adcq %[t5], %[t5]\n\t"
            "adcq %[t6], %[t6]\n\t"
            "adcq $0, %[t7]\n\t"
            "movq 0(%[a]), %%rdx\n\t"                  /* add the squares a_i^2 at limb 2i */
            "mulxq %%rdx, %[t0], %[h]\n\t"
            "addq %[h], %[t1]\n\t"
            "movq 8(%[a]), %%rdx\n\t"
            "mulxq %%rdx, %[l], %[h]\n\t"
            "adcq %[l], %[t2]\n\t"
            "adcq %[h], %[t3]\n\t"
            "movq 16(%[a]), %%rdx\n\t"
            "mulxq %%rdx, %[l], %[h]\n\t"
            "adcq %[l], %[t4]\n\t"
            "adcq %[h], %[t5]\n\t"
            "movq 24(%[a]), %%rdx\n\t"
            "mulxq %%rdx, %[l], %[h]\n\t"
            "adcq %[l], %[t6]\n\t"
            "adcq %[h], %[t7]\n\t"
            "movl $0, %k[t8]\n\t"
            P256_SQR_RED("[t0]", "[t1]", "[t2]", "[t3]", "[t4]",
                         "adcq $0, %[t5]\n\t" "adcq $0, %[t6]\n\t" "adcq $0, %[t7]\n\t" "adcq $0, %[t8]\n\t")
            P256_SQR_RED("[t1]", "[t2]", "[t3]", "[t4]", "[t5]",
                         "adcq $0, %[t6]\n\t" "adcq $0, %[t7]\n\t" "adcq $0, %[t8]\n\t")
            P256_SQR_RED("[t2]", "[t3]", "[t4]", "[t5]", "[t6]", "adcq $0, %[t7]\n\t" "adcq $0, %[t8]\n\t")
            P256_SQR_RED("[t3]", "[t4]", "[t5]", "[t6]", "[t7]", "adcq $0, %[t8]\n\t")
            "movq %[t4], %[t0]\n\t"                    /* (t4..t7) + 2^256·t8 < 2p: subtract p, CMOV */
            "movq %[t5], %[t1]\n\t"
            "movq %[t6], %[t2]\n\t"
            "movq %[t7], %[t3]\n\t"
            "subq $-1, %[t0]\n\t"
            "movl $0xffffffff, %%edx\n\t"
            "sbbq %%rdx, %[t1]\n\t"
            "sbbq $0, %[t2]\n\t"
            "movabsq $0xffffffff00000001, %%rdx\n\t"
            "sbbq %%rdx, %[t3]\n\t"
            "sbbq $0, %[t8]\n\t"
            "cmovncq %[t0], %[t4]\n\t"
            "cmovncq %[t1], %[t5]\n\t"
            "cmovncq %[t2], %[t6]\n\t"
            "cmovncq %[t3], %[t7]\n\t"
            : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4), [t5] "=&r"(t5),
              [t6] "=&r"(t6), [t7] "=&r"(t7), [t8] "=&r"(t8), [l] "=&r"(l), [h] "=&r"(h)
            : [a] "r"(a), "m"(*(const uint64_t(*)[4])a)
            : "rdx", "cc");
#undef P256_SQR_RED
    r[0] = t4;
    r[1] = t5;
    r[2] = t6;
    r[3] = t7;
}

/* p256_nsqr_adx - r = a·a·2^-256 mod n: the square of p256_sqr_adx, then four generic Montgomery rounds
 * (q = t_i·(-n^-1), t += q·n·2^(64i) with both carry chains rippled up to t8) and the CMOV subtraction of n. */
static inline void p256_nsqr_adx(uint64_t r[4], const uint64_t a[4])
{
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7, t8, l, h;
    __asm__("movq 0(%[a]), %%rdx\n\t"
            "mulxq 8(%[a]), %[t1], %[t2]\n\t"
            "mulxq 16(%[a]), %[l], %[t3]\n\t"
            "addq %[l], %[t2]\n\t"
            "mulxq 24(%[a]), %[l], %[t4]\n\t"
            "adcq %[l], %[t3]\n\t"
            "adcq $0, %[t4]\n\t"
            "movq 8(%[a]), %%rdx\n\t"
            "xorl %k[t6], %k[t6]\n\t"
            "mulxq 16(%[a]), %[l], %[h]\n\t"
            "adcxq %[l], %[t3]\n\t"
            "adoxq %[h], %[t4]\n\t"
            "mulxq 24(%[a]), %[l], %[t5]\n\t"
            "adcxq %[l], %[t4]\n\t"
            "adoxq %[t6], %[t5]\n\t"
            "adcxq %[t6], %[t5]\n\t"
            "movq 16(%[a]), %%rdx\n\t"
            "mulxq 24(%[a]), %[l], %[t6]\n\t"
            "addq %[l], %[t5]\n\t"
            "adcq $0, %[t6]\n\t"
            "movl $0, %k[t7]\n\t"
            "addq %[t1], %[t1]\n\t"
            "adcq %[t2], %[t2]\n\t"
            "adcq %[t3], %[t3]\n\t"
            "adcq %[t4], %[t4]\n\t"
            "adcq %[t5], %[t5]\n\t"
            "adcq %[t6], %[t6]\n\t"
            "adcq $0, %[t7]\n\t"
            "movq 0(%[a]), %%rdx\n\t"
            "mulxq %%rdx, %[t0], %[h]\n\t"
            "addq %[h], %[t1]\n\t"
            "movq 8(%[a]), %%rdx\n\t"
            "mulxq %%rdx, %[l], %[h]\n\t"
            "adcq %[l], %[t2]\n\t"
            "adcq %[h], %[t3]\n\t"
            "movq 16(%[a]), %%rdx\n\t"
            "mulxq %%rdx, %[l], %[h]\n\t"
            "adcq %[l], %[t4]\n\t"
            "adcq %[h], %[t5]\n\t"
            "movq 24(%[a]), %%rdx\n\t"
            "mulxq %%rdx, %[l], %[h]\n\t"
            "adcq %[l], %[t6]\n\t"
            "adcq %[h], %[t7]\n\t"
            "movl $0, %k[t8]\n\t"
            "movq %[t0], %%rdx\n\t"
            "imulq %[n0], %%rdx\n\t"
            "xorl %k[l], %k[l]\n\t"
            "mulxq 0+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t0]\n\t"
            "adoxq %[h], %[t1]\n\t"
            "mulxq 8+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t1]\n\t"
            "adoxq %[h], %[t2]\n\t"
            "mulxq 16+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t2]\n\t"
            "adoxq %[h], %[t3]\n\t"
            "mulxq 24+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t3]\n\t"
            "adoxq %[h], %[t4]\n\t"
            "movl $0, %k[l]\n\t"
            "adcxq %[l], %[t4]\n\t"
            "adoxq %[l], %[t5]\n\t"
            "adcxq %[l], %[t5]\n\t"
            "adoxq %[l], %[t6]\n\t"
            "adcxq %[l], %[t6]\n\t"
            "adoxq %[l], %[t7]\n\t"
            "adcxq %[l], %[t7]\n\t"
            "adoxq %[l], %[t8]\n\t"
            "adcxq %[l], %[t8]\n\t"
            "movq %[t1], %%rdx\n\t"
            "imulq %[n0], %%rdx\n\t"
            "xorl %k[l], %k[l]\n\t"
            "mulxq 0+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t1]\n\t"
            "adoxq %[h], %[t2]\n\t"
            "mulxq 8+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t2]\n\t"
            "adoxq %[h], %[t3]\n\t"
            "mulxq 16+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t3]\n\t"
            "adoxq %[h], %[t4]\n\t"
            "mulxq 24+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t4]\n\t"
            "adoxq %[h], %[t5]\n\t"
            "movl $0, %k[l]\n\t"
            "adcxq %[l], %[t5]\n\t"
            "adoxq %[l], %[t6]\n\t"
            "adcxq %[l], %[t6]\n\t"
            "adoxq %[l], %[t7]\n\t"
            "adcxq %[l], %[t7]\n\t"
            "adoxq %[l], %[t8]\n\t"
            "adcxq %[l], %[t8]\n\t"
            "movq %[t2], %%rdx\n\t"
            "imulq %[n0], %%rdx\n\t"
            "xorl %k[l], %k[l]\n\t"
            "mulxq 0+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t2]\n\t"
            "adoxq %[h], %[t3]\n\t"
            "mulxq 8+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t3]\n\t"
            "adoxq %[h], %[t4]\n\t"
            "mulxq 16+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t4]\n\t"
            "adoxq %[h], %[t5]\n\t"
            "mulxq 24+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t5]\n\t"
            "adoxq %[h], %[t6]\n\t"
            "movl $0, %k[l]\n\t"
            "adcxq %[l], %[t6]\n\t"
            "adoxq %[l], %[t7]\n\t"
            "adcxq %[l], %[t7]\n\t"
            "adoxq %[l], %[t8]\n\t"
            "adcxq %[l], %[t8]\n\t"
            "movq %[t3], %%rdx\n\t"
            "imulq %[n0], %%rdx\n\t"
            "xorl %k[l], %k[l]\n\t"
            "mulxq 0+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t3]\n\t"
            "adoxq %[h], %[t4]\n\t"
            "mulxq 8+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t4]\n\t"
            "adoxq %[h], %[t5]\n\t"
            "mulxq 16+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t5]\n\t"
            "adoxq %[h], %[t6]\n\t"
            "mulxq 24+%[n], %[l], %[h]\n\t"
            "adcxq %[l], %[t6]\n\t"
            "adoxq %[h], %[t7]\n\t"
            "movl $0, %k[l]\n\t"
            "adcxq %[l], %[t7]\n\t"
            "adoxq %[l], %[t8]\n\t"
            "adcxq %[l], %[t8]\n\t"
            "movq %[t4], %[t0]\n\t"                    /* (t4..t7) + 2^256·t8 < 2n: subtract n, CMOV */
            "movq %[t5], %[t1]\n\t"
            "movq %[t6], %[t2]\n\t"
            "movq %[t7], %[t3]\n\t"
            "subq 0+%[n], %[t0]\n\t"
            "sbbq 8+%[n], %[t1]\n\t"
            "sbbq 16+%[n], %[t2]\n\t"
            "sbbq 24+%[n], %[t3]\n\t"
            "sbbq $0, %[t8]\n\t"
            "cmovncq %[t0], %[t4]\n\t"
            "cmovncq %[t1], %[t5]\n\t"
            "cmovncq %[t2], %[t6]\n\t"
            "cmovncq %[t3], %[t7]\n\t"
            : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4), [t5] "=&r"(t5),
              [t6] "=&r"(t6), [t7] "=&r"(t7), [t8] "=&r"(t8), [l] "=&r"(l), [h] "=&r"(h)
            : [a] "r"(a), "m"(*(const uint64_t(*)[4])a), [n] "m"(P256_N), [n0] "m"(P256_N0INV)
            : "rdx", "cc");
    r[0] = t4;
    r[1] = t5;
    r[2] = t6;
    r[3] = t7;
}

/* p256_add_asm / p256_sub_asm - r = a ± b mod p (plain x86-64; used with the ADX path). The sum is stored, p is
 * subtracted in the registers and CMOV takes the stored sum back when that borrowed (few registers, so that the
 * block also compiles without optimisation and with a frame pointer). */
static inline void p256_add_asm(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    uint64_t t0, t1, t2, t3, c, k;
    __asm__ volatile("movq 0(%[a]), %[t0]\n\t"
                     "movq 8(%[a]), %[t1]\n\t"
                     "movq 16(%[a]), %[t2]\n\t"
                     "movq 24(%[a]), %[t3]\n\t"
                     "xorl %k[c], %k[c]\n\t"
                     "addq 0(%[b]), %[t0]\n\t"
                     "adcq 8(%[b]), %[t1]\n\t"
                     "adcq 16(%[b]), %[t2]\n\t"
                     "adcq 24(%[b]), %[t3]\n\t"
                     "adcq $0, %[c]\n\t"
                     "movq %[t0], 0(%[r])\n\t"
                     "movq %[t1], 8(%[r])\n\t"
                     "movq %[t2], 16(%[r])\n\t"
                     "movq %[t3], 24(%[r])\n\t"
                     "movl $0xffffffff, %k[k]\n\t"
                     "subq $-1, %[t0]\n\t"
                     "sbbq %[k], %[t1]\n\t"
                     "sbbq $0, %[t2]\n\t"
                     "movabsq $0xffffffff00000001, %[k]\n\t"
                     "sbbq %[k], %[t3]\n\t"
                     "sbbq $0, %[c]\n\t"
                     "cmovcq 0(%[r]), %[t0]\n\t"
                     "cmovcq 8(%[r]), %[t1]\n\t"
                     "cmovcq 16(%[r]), %[t2]\n\t"
                     "cmovcq 24(%[r]), %[t3]\n\t"
                     "movq %[t0], 0(%[r])\n\t"
                     "movq %[t1], 8(%[r])\n\t"
                     "movq %[t2], 16(%[r])\n\t"
                     "movq %[t3], 24(%[r])\n\t"
                     : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [c] "=&r"(c), [k] "=&r"(k)
                     : [a] "r"(a), [b] "r"(b), [r] "r"(r)
                     : "cc", "memory");
}

static inline void p256_sub_asm(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    uint64_t t0, t1, t2, t3, c, k1, k3;
    __asm__("movq 0(%[a]), %[t0]\n\t"
            "movq 8(%[a]), %[t1]\n\t"
            "movq 16(%[a]), %[t2]\n\t"
            "movq 24(%[a]), %[t3]\n\t"
            "subq 0(%[b]), %[t0]\n\t"
            "sbbq 8(%[b]), %[t1]\n\t"
            "sbbq 16(%[b]), %[t2]\n\t"
            "sbbq 24(%[b]), %[t3]\n\t"
            "sbbq %[c], %[c]\n\t"                  /* all ones when a < b */
            "movl $0xffffffff, %k[k1]\n\t"
            "movabsq $0xffffffff00000001, %[k3]\n\t"
            "andq %[c], %[k1]\n\t"
            "andq %[c], %[k3]\n\t"
            "addq %[c], %[t0]\n\t"
            "adcq %[k1], %[t1]\n\t"
            "adcq $0, %[t2]\n\t"
            "adcq %[k3], %[t3]\n\t"
            : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [c] "=&r"(c), [k1] "=&r"(k1),
              [k3] "=&r"(k3)
            : [a] "r"(a), [b] "r"(b), "m"(*(const uint64_t(*)[4])a), "m"(*(const uint64_t(*)[4])b)
            : "cc");
    r[0] = t0;
    r[1] = t1;
    r[2] = t2;
    r[3] = t3;
}
#endif

/* p256_nmul_c - r = a·b·2^-256 mod n (a, b < n), portable (CIOS, four limbs unrolled by the compiler). */
static void p256_nmul_c(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    uint64_t t[6] = {0};
    for (int i = 0; i < 4; i++) {
        uint64_t c = 0, bi = b[i];
        for (int j = 0; j < 4; j++) {
            u128 v = (u128)a[j] * bi + t[j] + c;
            t[j] = (uint64_t)v;
            c = (uint64_t)(v >> 64);
        }
        u128 v = (u128)t[4] + c;
        t[4] = (uint64_t)v;
        t[5] = (uint64_t)(v >> 64);
        uint64_t q = t[0] * P256_N0INV;
        v = (u128)q * P256_N[0] + t[0];
        c = (uint64_t)(v >> 64);
        for (int j = 1; j < 4; j++) {
            v = (u128)q * P256_N[j] + t[j] + c;
            t[j - 1] = (uint64_t)v;
            c = (uint64_t)(v >> 64);
        }
        v = (u128)t[4] + c;
        t[3] = (uint64_t)v;
        t[4] = t[5] + (uint64_t)(v >> 64);
    }
    uint64_t d[4], bw = 0;
    for (int j = 0; j < 4; j++) {
        u128 e = (u128)t[j] - P256_N[j] - bw;
        d[j] = (uint64_t)e;
        bw = (uint64_t)(e >> 64) & 1u;
    }
    uint64_t keep = ct_barrier_u64(0u - (uint64_t)((t[4] < bw) & 1u));
    for (int j = 0; j < 4; j++) r[j] = ct_select_u64(keep, t[j], d[j]);
}

/* ---- instantiations of the point arithmetic ---- */
typedef struct p256_pt {
    uint64_t x[4], y[4], z[4];
} p256_pt;

#define FE_PT p256_pt
#define FE_N 4
#define FE_BYTES 32
#define FE_B P256_B
#define FE_ONE P256_ONE
#define COMB_W 6

#define FN(name) p256c_##name
#define FE_MUL(r, a, b) p256_mul_c((r), (a), (b))
#define FE_SQR(r, a) p256_mul_c((r), (a), (a))
#define FE_ADD(r, a, b) p256_add_c((r), (a), (b))
#define FE_SUB(r, a, b) p256_sub_c((r), (a), (b))
#include "ec_fast_impl.h"
#undef FN
#undef FE_MUL
#undef FE_SQR
#undef FE_ADD
#undef FE_SUB

#if FIPS140_X86_64
/* The ADX instantiation is also compiled for AVX2 (the masked table scans vectorise twice as wide); it only runs
 * after cpu_has(AVX2 | BMI2 | ADX). */
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2")
#endif
#define FN(name) p256x_##name
#define FE_MUL(r, a, b) p256_mul_adx((r), (a), (b))
#define FE_SQR(r, a) p256_sqr_adx((r), (a))
#define FE_ADD(r, a, b) p256_add_asm((r), (a), (b))
#define FE_SUB(r, a, b) p256_sub_asm((r), (a), (b))
#include "ec_fast_impl.h"
#undef FN
#undef FE_MUL
#undef FE_SQR
#undef FE_ADD
#undef FE_SUB
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#define P256_HAVE_ADX() cpu_has(FIPS140_CPU_BMI2 | FIPS140_CPU_ADX)
#define P256_HAVE_ADX_AVX2() cpu_has(FIPS140_CPU_BMI2 | FIPS140_CPU_ADX | FIPS140_CPU_AVX2)
#else
#define P256_HAVE_ADX() 0
#define P256_HAVE_ADX_AVX2() 0
#endif

/* ---- the hooks of ec_fast.h ---- */
static void to_ec_point(ec_point *r, const p256_pt *p)
{
    memset(r, 0, sizeof *r);
    memcpy(r->x, p->x, 32);
    memcpy(r->y, p->y, 32);
    memcpy(r->z, p->z, 32);
}

static void from_ec_point(p256_pt *r, const ec_point *p)
{
    memcpy(r->x, p->x, 32);
    memcpy(r->y, p->y, 32);
    memcpy(r->z, p->z, 32);
}

void ec_p256_mul_base(ec_point *r, const uint8_t k[32])
{
    p256_pt t;
#if FIPS140_X86_64
    if (P256_HAVE_ADX_AVX2())
        p256x_mul_base_ct(&t, k, &ec_p256_comb[0][0][0][0]);
    else
#endif
        p256c_mul_base_ct(&t, k, &ec_p256_comb[0][0][0][0]);
    to_ec_point(r, &t);
    fips140_wipe(&t, sizeof t);
}

void ec_p256_mul(ec_point *r, const uint8_t k[32], const ec_point *p)
{
    p256_pt t, q;
    from_ec_point(&q, p);
#if FIPS140_X86_64
    if (P256_HAVE_ADX_AVX2())
        p256x_mul_ct(&t, k, &q);
    else
#endif
        p256c_mul_ct(&t, k, &q);
    to_ec_point(r, &t);
    fips140_wipe(&t, sizeof t);
    fips140_wipe(&q, sizeof q);
}

void ec_p256_mul_double_vartime(ec_point *r, const uint8_t u1[32], const uint8_t u2[32], const ec_point *q)
{
    p256_pt t, qq;
    from_ec_point(&qq, q);
#if FIPS140_X86_64
    if (P256_HAVE_ADX_AVX2())
        p256x_mul_double_vartime(&t, u1, u2, &qq, &ec_p256_comb[0][0][0][0]);
    else
#endif
        p256c_mul_double_vartime(&t, u1, u2, &qq, &ec_p256_comb[0][0][0][0]);
    to_ec_point(r, &t);
}

/* ec_p256_field_mul - the field multiplication for ec_mod (ec_curves.c). */
void ec_p256_field_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
#if FIPS140_X86_64
    if (P256_HAVE_ADX()) {
        p256_mul_adx(r, a, b);
        return;
    }
#endif
    p256_mul_c(r, a, b);
}

/* ec_p256_scalar_mul - the multiplication modulo n for ec_mod (ec_curves.c). */
void ec_p256_scalar_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
#if FIPS140_X86_64
    if (P256_HAVE_ADX()) {
        p256_nmul_adx(r, a, b);
        return;
    }
#endif
    p256_nmul_c(r, a, b);
}

/* p256_inv - r = a^(p-2) mod p (Montgomery domain; 0 -> 0), constant time: the exponent
 * p - 2 = ffffffff 00000001 00000000 00000000 00000000 ffffffff ffffffff fffffffd (hex, 32-bit groups) by an
 * addition chain over x_k = a^(2^k - 1): 255 squarings and 13 multiplications. */
static void p256_inv(uint64_t r[4], const uint64_t a[4])
{
#if FIPS140_X86_64
    const int adx = P256_HAVE_ADX();
#define P256_SQ(x, y) (adx ? p256_sqr_adx((x), (y)) : p256_mul_c((x), (y), (y)))
#define P256_MU(x, y, z) (adx ? p256_mul_adx((x), (y), (z)) : p256_mul_c((x), (y), (z)))
#else
#define P256_SQ(x, y) p256_mul_c((x), (y), (y))
#define P256_MU(x, y, z) p256_mul_c((x), (y), (z))
#endif
    uint64_t x2[4], x6[4], x8[4], x16[4], x30[4], x32[4], t[4];
#define P256_SQN(x, n) for (int i_ = 0; i_ < (n); i_++) P256_SQ((x), (x))
    P256_SQ(t, a);         P256_MU(x2, t, a);            /* x2 */
    memcpy(t, x2, 32);     P256_SQN(t, 2);  P256_MU(t, t, x2);  /* x4 */
    P256_SQN(t, 2);        P256_MU(x6, t, x2);           /* x6 */
    memcpy(t, x6, 32);     P256_SQN(t, 2);  P256_MU(x8, t, x2); /* x8 */
    memcpy(t, x8, 32);     P256_SQN(t, 8);  P256_MU(x16, t, x8);
    memcpy(t, x16, 32);    P256_SQN(t, 8);  P256_MU(t, t, x8);  /* x24 */
    P256_SQN(t, 6);        P256_MU(x30, t, x6);
    memcpy(t, x30, 32);    P256_SQN(t, 2);  P256_MU(x32, t, x2);
    memcpy(t, x32, 32);    P256_SQN(t, 32); P256_MU(t, t, a);   /* ffffffff 00000001 */
    P256_SQN(t, 96);                                            /* 00000000 x 3 */
    P256_SQN(t, 32);       P256_MU(t, t, x32);                  /* ffffffff */
    P256_SQN(t, 32);       P256_MU(t, t, x32);                  /* ffffffff */
    P256_SQN(t, 30);       P256_MU(t, t, x30);                  /* fffffffd = 30 ones, 0, 1 */
    P256_SQN(t, 2);        P256_MU(r, t, a);
#undef P256_SQN
#undef P256_SQ
#undef P256_MU
    fips140_wipe(x2, sizeof x2);
    fips140_wipe(x6, sizeof x6);
    fips140_wipe(x8, sizeof x8);
    fips140_wipe(x16, sizeof x16);
    fips140_wipe(x30, sizeof x30);
    fips140_wipe(x32, sizeof x32);
    fips140_wipe(t, sizeof t);
}

/* ec_p256_field_inv - 1 and r = a^-1 when m is P-256's p (for ec_fast_inv), else 0. */
int ec_p256_field_inv(const ec_mod *m, uint64_t *r, const uint64_t *a)
{
    if (m->limbs != 4 || memcmp(m->m, P256_P, sizeof P256_P) != 0)
        return 0;
    p256_inv(r, a);
    return 1;
}

/* p256_scalar_inv - r = a^(n-2) mod n (Montgomery domain), constant time in a: fixed 4-bit windows over the public
 * exponent, squarings by p256_nsqr_adx on the ADX path. */
static void p256_scalar_inv(uint64_t r[4], const uint64_t a[4])
{
    static const uint64_t one[4] = {0x0c46353d039cdaafull, 0x4319055258e8617bull, 0, 0x00000000ffffffffull};
    uint64_t tab[16][4], acc[4], e[4];
    memcpy(e, P256_N, sizeof e);
    e[0] -= 2; /* n ends in ...51: no borrow */
#if FIPS140_X86_64
    const int adx = P256_HAVE_ADX();
#define P256_NSQ(x) (adx ? p256_nsqr_adx((x), (x)) : p256_nmul_c((x), (x), (x)))
#else
#define P256_NSQ(x) p256_nmul_c((x), (x), (x))
#endif
    memcpy(tab[0], one, 32);
    memcpy(tab[1], a, 32);
    for (int i = 2; i < 16; i++) ec_p256_scalar_mul(tab[i], tab[i - 1], a);
    memcpy(acc, one, 32);
    for (int i = 63; i >= 0; i--) {
        unsigned nib = (unsigned)(e[i / 16] >> (4 * (i % 16))) & 15u;
        if (i != 63)
            for (int s = 0; s < 4; s++) P256_NSQ(acc);
        if (nib != 0) /* the exponent is public */
            ec_p256_scalar_mul(acc, acc, tab[nib]);
    }
#undef P256_NSQ
    memcpy(r, acc, 32);
    fips140_wipe(tab, sizeof tab);
    fips140_wipe(acc, sizeof acc);
}

/* ec_p256_scalar_inv - 1 and r = a^-1 when m is P-256's n (for ec_fast_inv), else 0. */
int ec_p256_scalar_inv(const ec_mod *m, uint64_t *r, const uint64_t *a)
{
    if (m->limbs != 4 || memcmp(m->m, P256_N, sizeof P256_N) != 0)
        return 0;
    p256_scalar_inv(r, a);
    return 1;
}
