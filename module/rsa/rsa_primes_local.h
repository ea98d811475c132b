/* module/rsa/rsa_primes_local.h - what the prime-generation files of FIPS 186-5 Appendix A.1 share
 * (rsa_primes.c, rsa_provable.c, rsa_primes_aux.c, rsa_primes_util.c). Internal to module/rsa.
 *
 * Numbers are bn-style little-endian limb vectors with an explicit limb count. Lengths (bit and limb counts, the
 * number of candidates tried) are public; limb values of candidates that become p or q are secret. The searches
 * below walk arithmetic progressions as Appendix B.9 / B.10 prescribe and stop at the first candidate that passes,
 * so the count of rejected candidates (and, with the small-prime sieve, which of them had a small factor) shows in
 * the running time; the tests of the candidate that is kept run in constant time. */
#ifndef FIPS140_RSA_PRIMES_LOCAL_H
#define FIPS140_RSA_PRIMES_LOCAL_H

#include <stddef.h>
#include <stdint.h>
#include "rsa_internal.h"

/* Working size: nlen/2 <= 4096 bits, plus one hash output (<= 512 bits) for the hash-derived integers of B.10,
 * plus a spare limb. */
#define RP_LIMBS (BN_MAX_LIMBS / 2 + 9)

/* ---- rsa_primes_util.c */

/* The odd primes below 2048 (rp_nsmall of them) for trial division. */
#define RP_SMALL_MAX 320
extern const uint16_t rp_small[RP_SMALL_MAX];
extern const size_t rp_nsmall;

/* rp_sieve - the residues of a candidate c modulo the small primes, and of the step d of its progression, so that
 * c + d costs one addition per prime. */
typedef struct rp_sieve {
    uint16_t r[RP_SMALL_MAX]; /* c mod rp_small[i] */
    uint16_t d[RP_SMALL_MAX]; /* d mod rp_small[i] */
    uint64_t rc[RP_SMALL_MAX]; /* bn_mod_word_recip(rp_small[i]) */
} rp_sieve;

/* rp_mod_small - a[0..n) mod m for 1 < m < 2^32, by multiplications only (bn_mod_word_ct: the candidate is
 * secret, and a hardware DIV's latency depends on its operands). */
uint32_t rp_mod_small(const uint64_t *a, size_t n, uint32_t m);
/* rp_sieve_init - residues of c[0..n) and of the step d[0..dn). */
void rp_sieve_init(rp_sieve *s, const uint64_t *c, size_t n, const uint64_t *d, size_t dn);
/* rp_sieve_step - c := c + k*d for the residues (k < 8). */
void rp_sieve_step(rp_sieve *s, unsigned k);
/* rp_sieve_composite - 1 when c has a factor among the small primes (c must exceed 2048). */
int rp_sieve_composite(const rp_sieve *s);

/* rp_bits - bit length (variable time: public lengths or rejected candidates only). */
size_t rp_bits(const uint64_t *a, size_t n);
/* rp_limbs - the limb count of a value of the given bit length. */
static inline size_t rp_limbs(size_t bits) { return (bits + 63) / 64; }
/* rp_copy - r[0..rn) = a[0..an) zero-extended or truncated. */
void rp_copy(uint64_t *r, size_t rn, const uint64_t *a, size_t an);
/* rp_add_word - a[0..n) += w, returns the carry. */
uint64_t rp_add_word(uint64_t *a, size_t n, uint64_t w);
/* rp_shl1 - a[0..n) <<= 1 (the top bit is lost). */
void rp_shl1(uint64_t *a, size_t n);
/* rp_mul - r[0..rn) = a[0..an) * b[0..bn) truncated to rn limbs (rn >= an + bn keeps it exact). */
void rp_mul(uint64_t *r, size_t rn, const uint64_t *a, size_t an, const uint64_t *b, size_t bn);
/* rp_mod - r[0..mn) = a[0..an) mod m[0..mn) (m != 0), constant time in the values. */
void rp_mod(uint64_t *r, const uint64_t *a, size_t an, const uint64_t *m, size_t mn);
/* rp_div_ceil - q[0..an) = ceil(a / m). */
void rp_div_ceil(uint64_t *q, const uint64_t *a, size_t an, const uint64_t *m, size_t mn);
/* rp_gcd_is_one - gcd(a[0..n), b[0..n)) == 1 for odd b, as 1 / 0 (the verdict is what the caller asks). */
int rp_gcd_is_one(const uint64_t *a, const uint64_t *b, size_t n);
/* rp_gcd_e_is_one - gcd(w - 1, e) == 1 for the candidate w[0..n) (w >= 1) and the odd e[0..el). */
int rp_gcd_e_is_one(const uint64_t *w, size_t n, const uint64_t *e, size_t el);
/* rp_sqrt2_bound - r[0..rp_limbs(L)) = ceil(sqrt(2) * 2^(L-1)) for 64 <= L <= 4096 (A.1.1 / B.9 / B.10 bound). */
void rp_sqrt2_bound(uint64_t *r, size_t L);
/* rp_random_bits - r[0..rp_limbs(bits)) = a random value of exactly `bits` bits (top bit set) from the RBG;
 * odd when `odd`. Returns 0 or -1 on an RBG failure. */
int rp_random_bits(uint64_t *r, size_t bits, int odd);
/* rp_mr_rounds_aux - Miller-Rabin rounds for auxiliary probable primes (FIPS 186-5 Table B.1, 2^-security bound)
 * of an nlen-bit modulus. */
int rp_mr_rounds_aux(size_t nlen);
/* rp_first_probable_prime - p[0..n) = the first probable prime >= x[0..n) (x >= 3 odd; n = rp_limbs of x's bit
 * length), with `rounds` Miller-Rabin rounds (FIPS 186-5 A.1.6 step 4.2 / 5.2). The search stops after
 * 100 * bits candidates (FAIL). Returns RSA_PRIMES_OK, RSA_PRIMES_FAIL or RSA_PRIMES_RNG. */
int rp_first_probable_prime(uint64_t *p, const uint64_t *x, size_t n, int rounds);

/* ---- rsa_provable.c: B.10 constructions and A.1.2 / A.1.4 */

/* rp_seed - a seed of FIPS 186-5 Appendix B.10 held as an integer (big-endian bytes); Hash(seed + i) hashes its
 * minimal big-endian encoding left-padded to a multiple of 4 bytes (the convention of NIST's ACVP reference
 * implementation, which equals the seedlen-bit string whenever the seed's top bit is set and seedlen is a multiple
 * of 32, as the module's own seeds are). */
#define RP_SEED_MAX 80
typedef struct rp_seed {
    uint8_t b[RP_SEED_MAX]; /* right-aligned: the value is b[RP_SEED_MAX - len .. RP_SEED_MAX) */
    size_t len;
    fips140_hash_alg hash;
    size_t outlen; /* digest bits */
} rp_seed;

/* rp_seed_set - load a seed (at most 64 bytes) for hash; -1 when it does not fit or the hash is not allowed. */
int rp_seed_set(rp_seed *s, fips140_hash_alg hash, const uint8_t *seed, size_t seedlen);
/* rp_st_random_prime - Appendix B.10's Shawe-Taylor random prime (FIPS 186-4 C.6): c[0..rp_limbs(length)) of
 * `length` bits (2 <= length <= 4096) from the seed, which is advanced to the returned prime_seed. */
int rp_st_random_prime(uint64_t *c, size_t length, rp_seed *seed);
/* rp_provable_generate - A.1.2 (bitlens zero: N1 = N2 = 1) or A.1.4 (auxiliary provable primes of the given
 * lengths): p and q from the seed. */
int rp_provable_generate(const fips140_rsa_keygen_params *pr, const uint64_t *e, size_t el, uint64_t *p,
                         uint64_t *q);

/* ---- rsa_primes_aux.c: B.9 and A.1.5 / A.1.6 */

/* rp_aux_generate - A.1.5 (FIPS140_RSA_PRIMES_PROBABLE_PROVABLE_AUX) or A.1.6 (..._PROBABLE_PROBABLE_AUX). */
int rp_aux_generate(const fips140_rsa_keygen_params *pr, const uint64_t *e, size_t el, uint64_t *p, uint64_t *q);
/* rp_seed_len - the seed length in bytes the module draws for an nlen-bit modulus (2 * security strength,
 * rounded up to 32 bits). */
size_t rp_seed_len(size_t nlen);
/* rp_check_bitlens - FIPS 186-5 Table A.1 limits on the auxiliary prime lengths; provable: the p (and q) are
 * provable (stricter sum). 0 or -1. */
int rp_check_bitlens(const unsigned *bitlens, size_t nlen, int provable);
/* rp_default_bitlen - the auxiliary prime length the module picks when none is given. */
unsigned rp_default_bitlen(size_t nlen);
/* rp_far_apart - 1 when |a - b| > 2^(L - 100) for L-bit a, b of n limbs. */
int rp_far_apart(const uint64_t *a, const uint64_t *b, size_t n, size_t L);

#endif
