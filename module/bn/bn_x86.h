/* module/bn/bn_x86.h - the x86-64 fast paths of module/bn (bn_mont_x86.c), used by bn_exp.c. Internal. */
#ifndef FIPS140_BN_BN_X86_H
#define FIPS140_BN_BN_X86_H

#include "bn/bn.h"

/* bn_mont_init_ifma - the IFMA constants of m (m->rr52 = R'^2 mod n, or zeros when the path is not used); called
 * by bn_mont_init once the rest of m is set. */
void bn_mont_init_ifma(bn_mont *m);

/* bn_mod_exp_ifma - r = a^e mod n (bn_mod_exp's contract) with AVX-512 IFMA in radix 2^52. secret != 0: fixed
 * windows with a masked scan of the whole table (constant time in a and e); secret == 0: square-and-multiply on a
 * public exponent. Returns 0 when done, -1 (nothing written) when the CPU lacks AVX-512 IFMA (or FIPS140_CPU hides
 * it), the modulus is below 512 bits, or the build is not x86-64. */
int bn_mod_exp_ifma(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *e, size_t ebits, int secret);

/* bn_mod_exp2_ifma - both r1 = a1^e1 mod n1 and r2 = a2^e2 mod n2 (secret exponents, as bn_mod_exp), the two
 * multiplication chains interleaved. Returns -1 (nothing written) as bn_mod_exp_ifma, and also when the moduli have
 * different limb counts or outside 13..25 limbs. r1, r2 must not alias each other's inputs. */
int bn_mod_exp2_ifma(const bn_mont *m1, uint64_t *r1, const uint64_t *a1, const uint64_t *e1, size_t ebits1,
                     const bn_mont *m2, uint64_t *r2, const uint64_t *a2, const uint64_t *e2, size_t ebits2);

/* bn_exp_impl - "avx512ifma" when bn_mod_exp takes that path for a modulus of nl limbs, else "c64". */
const char *bn_exp_impl(size_t nl);

#endif
