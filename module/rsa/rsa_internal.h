/* module/rsa/rsa_internal.h - what the RSA files share inside the module (never installed). */
#ifndef FIPS140_RSA_INTERNAL_H
#define FIPS140_RSA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <fips140/rsa.h>
#include "../bn/bn.h"

/* Results of rsa_primes_generate. */
#define RSA_PRIMES_OK 0
#define RSA_PRIMES_BAD_PARAMS (-1) /* inputs the method does not allow (lengths, bitlens, seed size, mod 8 values) */
#define RSA_PRIMES_FAIL (-2)       /* the given seed / X values yield no prime within A.1's limits ("FAILURE") */
#define RSA_PRIMES_RNG (-3)        /* the module RBG failed */

/* rsa_primes_generate - FIPS 186-5 Appendix A.1.2 to A.1.6: the primes p and q, params->nbits / 2 bits each
 * (params->nbits / 128 limbs each), for the method and inputs of params, with the public exponent e[0..el) (odd,
 * 2^16 < e < 2^256; nbits and e are checked by the caller). Honours p_mod8 / q_mod8 for every method. Returns
 * RSA_PRIMES_OK, or one of the codes above (p and q are then zeroised). */
int rsa_primes_generate(const fips140_rsa_keygen_params *params, const uint64_t *e, size_t el, uint64_t *p,
                        uint64_t *q);

/* ---- the key object (rsa_key.c) */

/* struct fips140_rsa_key - limb arrays, least significant limb first (bn.h). Lengths (bits, limb counts) are
 * public; the private components are secret. qinv_m is qinv in Montgomery form modulo p (qinv * R mod p). */
struct fips140_rsa_key {
    int has_pub, has_priv;
    size_t bits, k, nl;       /* modulus bits, bytes, limbs */
    size_t ebits, el;         /* e: bits and limbs (el <= nl) */
    size_t pbits, qbits, pl, ql;
    uint64_t n[BN_MAX_LIMBS], e[BN_MAX_LIMBS], d[BN_MAX_LIMBS];
    uint64_t p[BN_MAX_LIMBS], q[BN_MAX_LIMBS], dp[BN_MAX_LIMBS], dq[BN_MAX_LIMBS];
    uint64_t qinv[BN_MAX_LIMBS], qinv_m[BN_MAX_LIMBS];
    bn_mont mn, mp, mq;
};

/* rsa_key_e_approved - 1 when 2^16 < e < 2^256 (FIPS 186-5 §5.1). */
int rsa_key_e_approved(const fips140_rsa_key *key);

/* ---- limb arithmetic the bn layer does not offer (rsa_arith.c); constant time in the values */

/* rsa_mul - r[0..al+bl) = a[0..al) * b[0..bl) (schoolbook). r must not alias a or b. */
void rsa_mul(uint64_t *r, const uint64_t *a, size_t al, const uint64_t *b, size_t bl);
/* rsa_divmod - quo[0..xl) = x / m and rem[0..ml) = x mod m for m[0..ml) != 0 (quo may be NULL): restoring binary
 * long division over every bit of x, with masked subtractions. Time depends on xl and ml only. */
void rsa_divmod(uint64_t *quo, uint64_t *rem, const uint64_t *x, size_t xl, const uint64_t *m, size_t ml);
/* rsa_div_exact_public - r[0..xl) = x / e for a PUBLIC odd e[0..el) that divides x exactly (Hensel / Jebelean
 * exact division, limb by limb); constant time in x. */
void rsa_div_exact_public(uint64_t *r, const uint64_t *x, size_t xl, const uint64_t *e, size_t el);

/* ---- the raw operations (rsa_core.c) */

/* rsa_public_op - out[0..k) = in^e mod n for the k-byte big-endian in. Returns 0, or -1 when in >= n. */
int rsa_public_op(const fips140_rsa_key *key, uint8_t *out, const uint8_t *in);
/* rsa_private_op - out[0..k) = in^d mod n (in < n, checked: FIPS140_ERR_ARG otherwise): CRT (Garner) with
 * per-prime blinding from the module RBG, then the result is checked with the public exponent before release.
 * FIPS140_ERR_STATE (out zeroised) when that check fails (a fault); an RBG error status when the RBG fails. */
fips140_status rsa_private_op(const fips140_rsa_key *key, uint8_t *out, const uint8_t *in);
/* rsa_pct - the pairwise consistency test (FIPS 186-5 §5.1 / SP 800-56B Rev. 2 §6.4.1.1, FIPS 140-3 IG 10.3.A):
 * sign a fixed SHA-256 digest with RSASSA-PKCS1-v1_5 and verify it with the public key. Returns 1 when it FAILED. */
int rsa_pct(const fips140_rsa_key *key);

/* ---- encodings (rsa_pad.c), for the PCT and the CASTs */

/* rsa_emsa_pkcs1v15 - EMSA-PKCS1-v1_5 (RFC 8017 §9.2) of digest into em[0..k). Returns 0, or -1 for a hash without
 * a DigestInfo or a k too small. */
int rsa_emsa_pkcs1v15(uint8_t *em, size_t k, fips140_hash_alg hash, const uint8_t *digest, size_t dlen);
/* rsa_encrypt_oaep_seed - fips140_rsa_encrypt_oaep with a given seed (hash-length bytes) instead of one from the
 * RBG: the KTS-IFC CAST's known answer. Sets no indicator. */
fips140_status rsa_encrypt_oaep_seed(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf1,
                                     const uint8_t *label, size_t labellen, const uint8_t *msg, size_t msglen,
                                     const uint8_t *seed, uint8_t *out, size_t outlen);

#endif
