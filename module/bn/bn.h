/* module/bn/bn.h - constant-time big-number arithmetic for RSA and FFDH (issue 5 item 1). Internal to the module:
 * never installed, never part of the public API.
 *
 * Numbers are arrays of 64-bit limbs, least significant limb first, with an explicit limb count n supplied by the
 * caller (1 <= n <= BN_MAX_LIMBS). Nothing here allocates: every buffer is the caller's. Lengths (limb counts,
 * exponent bit lengths) are public; limb values are secret unless a function says otherwise ("vartime"). Functions
 * that answer yes/no on secret data return an all-ones / all-zeros uint64_t mask (module/core/ct.h style).
 *
 * Stack use: bn_mod_exp keeps a 32-entry window table on the stack, 32 * BN_MAX_LIMBS * 8 = 32 KiB, plus a few
 * BN_MAX_LIMBS temporaries; bn_prime_* a little more. */
#ifndef FIPS140_BN_BN_H
#define FIPS140_BN_BN_H

#include <stddef.h>
#include <stdint.h>

#define BN_MAX_BITS 8192
#define BN_MAX_LIMBS (BN_MAX_BITS / 64)

/* ---- bn_core.c: conversions and constant-time limb-vector arithmetic */

/* bn_from_bytes - r[0..n) = the big-endian integer in[0..len). Returns 0, or -1 when the value does not fit in n
 * limbs (a non-zero byte beyond the n*8 least significant ones; checked without branching on the bytes). */
int bn_from_bytes(uint64_t *r, size_t n, const uint8_t *in, size_t len);
/* bn_to_bytes - out[0..len) = a mod 2^(8*len), big-endian, zero-padded on the left. */
void bn_to_bytes(uint8_t *out, size_t len, const uint64_t *a, size_t n);
/* r = a + b, returns the carry (0 or 1). r may alias a or b. */
uint64_t bn_add(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
/* r = a - b, returns the borrow (0 or 1). r may alias a or b. */
uint64_t bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
/* bn_lt_mask - all ones when a < b. bn_eq_mask - all ones when a == b. bn_is_zero_mask - all ones when a == 0. */
uint64_t bn_lt_mask(const uint64_t *a, const uint64_t *b, size_t n);
uint64_t bn_eq_mask(const uint64_t *a, const uint64_t *b, size_t n);
uint64_t bn_is_zero_mask(const uint64_t *a, size_t n);
/* bn_cmp - -1, 0 or 1 (constant time; the result itself is what the caller asked to learn). */
int bn_cmp(const uint64_t *a, const uint64_t *b, size_t n);
/* bn_select - r = mask ? a : b, mask all ones or all zeros. Any aliasing allowed. */
void bn_select(uint64_t *r, uint64_t mask, const uint64_t *a, const uint64_t *b, size_t n);
/* bn_cond_sub - for the (n+1)-limb value (hi:a), hi in {0,1}: r = (hi:a) - m when (hi:a) >= m, else a. The result
 * must fit n limbs, as it does for (hi:a) < 2m. r may alias a. */
void bn_cond_sub(uint64_t *r, uint64_t hi, const uint64_t *a, const uint64_t *m, size_t n);
/* bn_bits_vartime - bit length of a (0 for a == 0). Variable time: for public values only. */
size_t bn_bits_vartime(const uint64_t *a, size_t n);
/* bn_set_word - r = w (r[0] = w, the other limbs zero). */
void bn_set_word(uint64_t *r, uint64_t w, size_t n);
/* bn_wipe - zeroise n limbs (not optimised away). */
void bn_wipe(uint64_t *a, size_t n);

/* ---- bn_mont.c: Montgomery arithmetic modulo an odd n, R = 2^(64*nl) */

typedef struct bn_mont {
    uint64_t n[BN_MAX_LIMBS];  /* the modulus */
    uint64_t rr[BN_MAX_LIMBS]; /* R^2 mod n */
    uint64_t rr52[160];        /* AVX-512 IFMA path (bn_mont_x86.c): R'^2 mod n in radix 2^52, R' = 2^(52k) */
    uint64_t n0;               /* -n^-1 mod 2^64 */
    size_t nl;                 /* limbs of n; the top limb is non-zero */
} bn_mont;

/* bn_mont_init - set m up for the odd modulus n[0..nl) > 1 whose top limb n[nl-1] is non-zero. Returns 0, or -1
 * when n is even, 1, nl is out of range or the top limb is zero (all public properties of a modulus). R^2 mod n is
 * computed without branching on n's value. */
int bn_mont_init(bn_mont *m, const uint64_t *n, size_t nl);
/* bn_mont_mul - r = a * b * R^-1 mod n for a, b < n; r < n. Separated operand scanning (Koç, Acar, Kaliski,
 * "Analyzing and comparing Montgomery multiplication algorithms", 1996): the full product (a squaring when a == b,
 * the same pointer), then word-by-word reduction, then one masked subtraction. r may alias a or b. */
void bn_mont_mul(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b);
/* bn_to_mont - r = a * R mod n (a < n). bn_from_mont - r = a * R^-1 mod n. */
void bn_to_mont(const bn_mont *m, uint64_t *r, const uint64_t *a);
void bn_from_mont(const bn_mont *m, uint64_t *r, const uint64_t *a);
/* bn_mont_one - r = R mod n (1 in Montgomery form). */
void bn_mont_one(const bn_mont *m, uint64_t *r);
/* bn_mont_impl - the path bn_mont_mul takes: "c64" (see bn_mont.c for why the MULX/ADX path is not selected). */
const char *bn_mont_impl(void);
/* bn_mont_mul_c64 - the portable path, for tests and benchmarks. */
void bn_mont_mul_c64(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b);

/* bn_reduce - r[0..m->nl) = a[0..an) mod n, constant time in the values (time depends on an and nl). */
void bn_reduce(const bn_mont *m, uint64_t *r, const uint64_t *a, size_t an);

/* ---- bn_exp.c: modular exponentiation */

/* bn_mod_exp - r = a^e mod n, a < n in normal form, e[0..el) with ebits its public bit length (the bits above are
 * ignored). Fixed 5-bit windows; every table read scans all 32 entries with masks; the sequence of operations depends
 * on ebits only. r may alias a. With AVX-512 IFMA and n of 8 limbs or more: radix 2^52 and windows of 2..6 bits by
 * ebits (bn_mont_x86.c), with the same properties. */
void bn_mod_exp(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *e, size_t ebits);
/* bn_mod_exp_vartime - the same for PUBLIC exponents only (RSA e, verification): square-and-multiply whose
 * running time depends on e's bits. Never pass a secret exponent. */
void bn_mod_exp_vartime(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *e, size_t ebits);

/* ---- bn_inv.c: inversion and gcd */

/* bn_mod_inv_prime - r = a^-1 mod p for a prime p (Fermat: a^(p-2)), a < p. Constant time. Returns an all-ones mask
 * when a != 0 (a is then invertible), zero (and r = 0) for a == 0. */
uint64_t bn_mod_inv_prime(const bn_mont *p, uint64_t *r, const uint64_t *a);
/* bn_mod_inv_odd (bn_inv_odd.c) - r = a^-1 mod m for an odd modulus m[0..n) > 1 and a < m: constant-time binary
 * extended Euclid, Pornin's optimised form (31 steps on 64-bit approximations per pass over the big numbers, a fixed
 * number of passes from m's bit length). Returns an all-ones mask when gcd(a, m) == 1, else zero (r is then
 * unspecified). */
uint64_t bn_mod_inv_odd(uint64_t *r, const uint64_t *a, const uint64_t *m, size_t n);
/* bn_gcd_odd - g = gcd(a, b) for odd b (any a), the same fixed-iteration binary algorithm. Constant time. */
void bn_gcd_odd(uint64_t *g, const uint64_t *a, const uint64_t *b, size_t n);

/* ---- bn_prime.c: primality (FIPS 186-5 Appendix B.3.1) and RSA prime generation (Appendix A.1.3) */

/* bn_mr_rounds - the Miller-Rabin rounds of FIPS 186-5 Table B.1 for a probable prime p or q of pbits bits
 * (error probability 2^-112 / 2^-128 / 2^-144 for nlen 2048 / 3072 / 4096). */
int bn_mr_rounds(size_t pbits);
/* bn_miller_rabin - FIPS 186-5 B.3.1 on the odd w[0..n) > 3 (top limb non-zero), iterations rounds, bases from
 * fips140_rand_bytes. Returns 1 "probably prime", 0 "composite", -1 on an RNG failure or bad input. Constant time
 * in w for a w that passes (see bn_prime.c for the exact, negligible, exceptions); "composite" returns early. */
int bn_miller_rabin(const uint64_t *w, size_t n, int iterations);

/* bn_rsa_gen_primes - FIPS 186-5 A.1.3: the probable primes p and q (nlen/2 bits each, nlen/128 limbs each) for an
 * RSA modulus of nlen bits (a multiple of 128, 2048 <= nlen <= 2 * BN_MAX_BITS) and the public exponent e[0..el)
 * (odd, 2^16 < e < 2^256). Each is >= sqrt(2) * 2^(nlen/2 - 1), gcd(p - 1, e) = gcd(q - 1, e) = 1, passes
 * bn_mr_rounds(nlen/2) Miller-Rabin rounds, and |p - q| > 2^(nlen/2 - 100). Returns 0, or -1 on bad parameters, an
 * RNG failure or no prime within 5 * nlen/2 candidates (p and q are then zeroised). */
int bn_rsa_gen_primes(uint64_t *p, uint64_t *q, size_t nlen, const uint64_t *e, size_t el);

/* bn_mod_exp2 (bn_exp.c) - two independent bn_mod_exp (r1 = a1^e1 mod n1, r2 = a2^e2 mod n2, secret exponents,
 * constant time), e.g. the CRT halves of an RSA private operation. With AVX-512 IFMA and moduli of the same limb
 * count (13 to 25 limbs: the halves of RSA-2048 and RSA-3072) the two multiplication chains run interleaved (up to
 * 1.5x the throughput of two calls: the out-of-order core overlaps the two latency-bound chains). r1 != r2. */
void bn_mod_exp2(const bn_mont *m1, uint64_t *r1, const uint64_t *a1, const uint64_t *e1, size_t ebits1,
                 const bn_mont *m2, uint64_t *r2, const uint64_t *a2, const uint64_t *e2, size_t ebits2);

/* ---- bn_small.c: remainders modulo small public divisors, multiplications only (no DIV on secrets) */

/* bn_mod_word_recip - the reciprocal floor(2^64 / d) that bn_mod_u64_ct / bn_mod_word_ct need, for a PUBLIC divisor
 * 2 <= d < 2^32 (variable time in d); 0 for d < 2. */
uint64_t bn_mod_word_recip(uint32_t d);
/* bn_mod_u64_ct - x mod d for any 64-bit x, d in [2, 2^32) with recip = bn_mod_word_recip(d). Constant time in x. */
uint32_t bn_mod_u64_ct(uint64_t x, uint32_t d, uint64_t recip);
/* bn_mod_word_ct - a[0..n) mod d, d in [2, 2^32) with recip = bn_mod_word_recip(d) (0 when d < 2). Constant time
 * in a's value (time depends on n only): for trial division of secret prime candidates. */
uint32_t bn_mod_word_ct(const uint64_t *a, size_t n, uint32_t d, uint64_t recip);
#endif
