/* module/bn/bn_small.c - remainders of secret numbers modulo small public divisors (trial division of prime
 * candidates) with multiplications only. The C operators '/' and '%' compile to the DIV instruction, whose latency
 * depends on its operands on many CPUs (and clang puts a branch in front of it to pick a shorter form when the
 * operands fit in 32 bits); a remainder by a precomputed reciprocal has neither.
 *
 * Method (Barrett reduction with a one-word reciprocal; Granlund and Montgomery, "Division by invariant integers
 * using multiplication", PLDI 1994, give the general form): for a divisor 2 <= d < 2^32 let v = floor(2^64 / d).
 * For any 64-bit x, q = floor(x * v / 2^64) (the high half of a 64x64 -> 128-bit product) satisfies
 * floor(x / d) - 1 <= q <= floor(x / d): v > 2^64/d - 1, so x v / 2^64 > x/d - x/2^64 > x/d - 1, and the floor loses
 * less than one more. Hence r = x - q d lies in [0, 2d) and one masked subtraction of d gives x mod d. The 64-bit
 * MUL is constant time on the 64-bit CPUs this module targets. */
#include "bn/bn.h"
#include "core/ct.h"

typedef unsigned __int128 u128;

uint64_t bn_mod_word_recip(uint32_t d)
{
    if (d < 2) /* d is public */
        return 0;
    /* floor(2^64 / d) <= 2^63 from 64-bit division (no 128-bit division: that would call the compiler runtime's
     * __udivti3, outside libc): 2^64 = q d + r + 1 with q, r the quotient and remainder of 2^64 - 1 by d. */
    uint64_t q = UINT64_MAX / d, r = UINT64_MAX - q * d;
    return r + 1 == d ? q + 1 : q;
}

uint32_t bn_mod_u64_ct(uint64_t x, uint32_t d, uint64_t recip)
{
    uint64_t q = (uint64_t)(((u128)x * recip) >> 64);
    uint64_t r = x - q * d;                         /* in [0, 2d), below 2^33 */
    uint64_t t = r - d;                             /* wraps (top bit set) exactly when r < d */
    uint64_t keep = ct_barrier_u64(0 - (t >> 63)); /* all ones: r is already reduced */
    return (uint32_t)ct_select_u64(keep, r, t);
}

uint32_t bn_mod_word_ct(const uint64_t *a, size_t n, uint32_t d, uint64_t recip)
{
    if (d < 2) /* d is public; a mod 1 = 0, and 0 stands for the undefined a mod 0 */
        return 0;
    /* Horner's rule in base 2^32, most significant half-limb first: r < d < 2^32, so r * 2^32 + h fits 64 bits */
    uint64_t r = 0;
    for (size_t i = n; i-- > 0;) {
        r = bn_mod_u64_ct((r << 32) | (a[i] >> 32), d, recip);
        r = bn_mod_u64_ct((r << 32) | (a[i] & 0xffffffffu), d, recip);
    }
    return (uint32_t)r;
}
