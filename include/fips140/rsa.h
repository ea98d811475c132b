/* fips140/rsa.h - RSA (FIPS 186-5 §5, SP 800-56B Rev. 2): key generation (FIPS 186-5 Appendix A.1) with a pairwise
 * consistency test, RSASSA-PKCS1-v1_5 and RSASSA-PSS signatures (RFC 8017 §8, FIPS 186-5 §5.4) over SHA-2, SHA-3 and
 * SHAKE, and RSAES-OAEP (RFC 8017 §7.1, SP 800-56B Rev. 2 §7.2.2) encryption.
 *
 * Keys live in an opaque object made by fips140_rsa_key_new and zeroised by fips140_rsa_key_free. Integers cross the
 * API as unsigned big-endian byte strings (leading zeros allowed on input). Private operations use the CRT with
 * blinding and check the result with the public key before releasing it.
 *
 * Approved: moduli of 2048 bits and more (up to 8192, multiples of 8 not required for verification), public
 * exponents odd with 2^16 < e < 2^256 (FIPS 186-5 §5.1). Verification with 1024..2047-bit moduli is allowed as
 * legacy use (SP 800-131A Rev. 2 §3): it works, with the service indicator "not approved" (refused in FIPS140=only
 * mode). Messages are passed already hashed: the caller gives the digest and names its hash.
 *
 * Common errors: FIPS140_ERR_STATE for a key that does not hold what the call needs (empty, or public-only for a
 * private operation); FIPS140_ERR_DATA_LENGTH for a digest whose length is not its hash's; FIPS140_ERR_KEY_LENGTH
 * for signing, encryption or decryption with a modulus under 2048 bits. A private-key operation whose result fails
 * the check with the public key (a computation fault) returns FIPS140_ERR_STATE with the output zeroised. */
#ifndef FIPS140_RSA_H
#define FIPS140_RSA_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FIPS140_RSA_MIN_BITS 2048u
#define FIPS140_RSA_MAX_BITS 8192u
#define FIPS140_RSA_LEGACY_MIN_BITS 1024u /* verification only, non-approved */

typedef struct fips140_rsa_key fips140_rsa_key;

/* fips140_rsa_key_new - an empty key object (*out), or FIPS140_ERR_NULL / an allocation failure
 * (FIPS140_ERR_STATE). fips140_rsa_key_free - zeroise and release; NULL is ignored. */
FIPS140_API fips140_status fips140_rsa_key_new(fips140_rsa_key **out) FIPS140_MUST_CHECK;
FIPS140_API void fips140_rsa_key_free(fips140_rsa_key *key);

/* fips140_rsa_key_set_public - load a public key (n, e). FIPS140_ERR_ARG for an even or too small/large modulus
 * or an e that is even, 1, or not below n. */
FIPS140_API fips140_status fips140_rsa_key_set_public(fips140_rsa_key *key, const uint8_t *n, size_t nlen,
                                                      const uint8_t *e, size_t elen) FIPS140_MUST_CHECK;

/* fips140_rsa_key_set_private - load a private key. n, e, d, p and q are required; dp, dq and qinv may be NULL
 * (then computed). The key is checked (FIPS 186-5 §5.1 / SP 800-56B §6.4.1.3 consistency: n = p·q, e·d ≡ 1 mod
 * λ(n), the CRT values match, p and q of half the modulus length): FIPS140_ERR_ARG when it does not hold. */
FIPS140_API fips140_status fips140_rsa_key_set_private(fips140_rsa_key *key, const uint8_t *n, size_t nlen,
                                                       const uint8_t *e, size_t elen, const uint8_t *d, size_t dlen,
                                                       const uint8_t *p, size_t plen, const uint8_t *q, size_t qlen,
                                                       const uint8_t *dp, size_t dplen, const uint8_t *dq,
                                                       size_t dqlen, const uint8_t *qinv,
                                                       size_t qinvlen) FIPS140_MUST_CHECK;

/* The components a key holds (for export). */
typedef enum fips140_rsa_component {
    FIPS140_RSA_N = 1,
    FIPS140_RSA_E,
    FIPS140_RSA_D,
    FIPS140_RSA_P,
    FIPS140_RSA_Q,
    FIPS140_RSA_DP,   /* d mod (p-1) */
    FIPS140_RSA_DQ,   /* d mod (q-1) */
    FIPS140_RSA_QINV  /* q^-1 mod p */
} fips140_rsa_component;

/* fips140_rsa_key_get - component c as a minimal big-endian string (no leading zero bytes; "0" is one zero byte)
 * into out[0..outlen); *written gets its length. out == NULL asks for the length only. FIPS140_ERR_STATE when the
 * key does not hold c (a private component of a public key), FIPS140_ERR_OUTPUT_LENGTH when outlen is too small. */
FIPS140_API fips140_status fips140_rsa_key_get(const fips140_rsa_key *key, fips140_rsa_component c, uint8_t *out,
                                               size_t outlen, size_t *written) FIPS140_MUST_CHECK;
/* fips140_rsa_bits - modulus length in bits (0 for an empty key). fips140_rsa_size - in bytes, the length of every
 * signature and ciphertext of the key. fips140_rsa_is_private - 1 when the key holds the private part. */
FIPS140_API size_t fips140_rsa_bits(const fips140_rsa_key *key);
FIPS140_API size_t fips140_rsa_size(const fips140_rsa_key *key);
FIPS140_API int fips140_rsa_is_private(const fips140_rsa_key *key);

/* fips140_rsa_keygen - new key pair per FIPS 186-5 Appendix A.1.3 (random probable primes) from the module RBG,
 * nbits in {2048, 3072, 4096, ..., 8192} (a multiple of 128 from 2048 to 8192), e = NULL for 65537 or an odd
 * 2^16 < e < 2^256; followed by the pairwise consistency test. */
FIPS140_API fips140_status fips140_rsa_keygen(fips140_rsa_key *key, unsigned nbits, const uint8_t *e,
                                              size_t elen) FIPS140_MUST_CHECK;

/* The prime-generation methods of FIPS 186-5 Appendix A.1 (ACVP RSA keyGen "randPQ"). */
typedef enum fips140_rsa_prime_method {
    FIPS140_RSA_PRIMES_PROBABLE = 1,              /* A.1.3 (fips140_rsa_keygen) */
    FIPS140_RSA_PRIMES_PROVABLE = 2,              /* A.1.2, Shawe-Taylor construction from a seed (Appendix B.10);
                                                   * with bitlens given: A.1.4, provable p and q with auxiliary
                                                   * provable primes of those lengths (ACVP provableWithProvableAux) */
    FIPS140_RSA_PRIMES_PROBABLE_PROVABLE_AUX = 3, /* A.1.5, provable auxiliary primes, probable p and q */
    FIPS140_RSA_PRIMES_PROBABLE_PROBABLE_AUX = 4  /* A.1.6, probable auxiliary primes, probable p and q */
} fips140_rsa_prime_method;

/* fips140_rsa_keygen_params - the inputs of FIPS 186-5 Appendix A.1. Fields that do not apply to the method must be
 * zero / NULL. Values left NULL are drawn from the module RBG; given values (ACVP tests) make the generation
 * deterministic. */
typedef struct fips140_rsa_keygen_params {
    fips140_rsa_prime_method method;
    unsigned nbits;                 /* modulus length */
    const uint8_t *e; size_t elen;  /* NULL: 65537 */
    unsigned p_mod8, q_mod8;        /* A.1 "a" and "b": 0 for no requirement, else 1, 3, 5 or 7 */
    fips140_hash_alg hash;          /* provable constructions: the approved hash (0: SHA2-256) */
    const uint8_t *seed; size_t seedlen;          /* A.1.2, A.1.4, A.1.5: the seed (2·security strength bits) */
    unsigned bitlens[4];            /* A.1.4 to A.1.6: lengths of p1, p2, q1, q2 (0: chosen by the module) */
    const uint8_t *xp; size_t xplen;              /* A.1.5 / A.1.6: the X values of Appendix B.9 */
    const uint8_t *xq; size_t xqlen;
    const uint8_t *xp1; size_t xp1len;            /* A.1.6: starting values of the auxiliary primes */
    const uint8_t *xp2; size_t xp2len;
    const uint8_t *xq1; size_t xq1len;
    const uint8_t *xq2; size_t xq2len;
} fips140_rsa_keygen_params;

/* fips140_rsa_keygen_ex - key generation by any Appendix A.1 method, then the pairwise consistency test.
 * FIPS140_ERR_ARG for parameters the method does not allow (and FIPS140_ERR_AUTH when given seeds or X values
 * lead to no valid prime within the standard's iteration limits: "FAILURE" in A.1). */
FIPS140_API fips140_status fips140_rsa_keygen_ex(fips140_rsa_key *key,
                                                 const fips140_rsa_keygen_params *params) FIPS140_MUST_CHECK;

/* fips140_rsa_sign_pkcs1v15 - RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.1) of a digest made with hash (DigestInfo of RFC 8017
 * §9.2; SHA-2 or SHA-3, SHA-1 refused). sig gets fips140_rsa_size(key) bytes. */
FIPS140_API fips140_status fips140_rsa_sign_pkcs1v15(const fips140_rsa_key *key, fips140_hash_alg hash,
                                                     const uint8_t *digest, size_t digestlen, uint8_t *sig,
                                                     size_t siglen) FIPS140_MUST_CHECK;
/* fips140_rsa_verify_pkcs1v15 - RFC 8017 §8.2.2 (the encoding is rebuilt and compared). FIPS140_OK when valid,
 * FIPS140_ERR_AUTH when not (wrong length, s >= n, mismatch). SHA-1 digests verify as legacy use (non-approved). */
FIPS140_API fips140_status fips140_rsa_verify_pkcs1v15(const fips140_rsa_key *key, fips140_hash_alg hash,
                                                       const uint8_t *digest, size_t digestlen, const uint8_t *sig,
                                                       size_t siglen) FIPS140_MUST_CHECK;

#define FIPS140_RSA_PSS_SALT_AUTO ((size_t)-1) /* verify: recover the salt length from the encoding */
/* FIPS140_RSA_MGF1(h) - an mgf / mgf1 argument that names MGF1 (RFC 8017 Appendix B.2.1) built on h explicitly. For a
 * SHA-2 / SHA-3 h it is the same as h itself; for FIPS140_SHAKE128 / FIPS140_SHAKE256 it is MGF1 whose hash is the
 * XOF with 32 / 64 bytes of output (ACVP PSS "maskFunction": "mgf1" with a SHAKE "hashAlg"), whereas plain
 * FIPS140_SHAKE128 / FIPS140_SHAKE256 as mgf mean the XOF output used as the mask directly. */
#define FIPS140_RSA_MGF1(h) ((fips140_hash_alg)(0x100 | (int)(h)))

/* fips140_rsa_sign_pss - RSASSA-PSS (RFC 8017 §8.1.1, FIPS 186-5 §5.4(g)): digest made with hash, mask generation
 * mgf (a SHA-2/SHA-3 hash: MGF1 with it; FIPS140_SHAKE128/256: the SHAKE output itself, FIPS 186-5 §5.4), a random
 * salt of saltlen bytes from the module RBG (0 <= saltlen <= hLen). For hash SHAKE128/SHAKE256 the digest is 32/64
 * bytes. sig gets fips140_rsa_size(key) bytes. */
FIPS140_API fips140_status fips140_rsa_sign_pss(const fips140_rsa_key *key, fips140_hash_alg hash,
                                                fips140_hash_alg mgf, size_t saltlen, const uint8_t *digest,
                                                size_t digestlen, uint8_t *sig, size_t siglen) FIPS140_MUST_CHECK;
/* fips140_rsa_sign_pss_salt - the same with a given salt (known-answer tests, ACVP). */
FIPS140_API fips140_status fips140_rsa_sign_pss_salt(const fips140_rsa_key *key, fips140_hash_alg hash,
                                                     fips140_hash_alg mgf, const uint8_t *salt, size_t saltlen,
                                                     const uint8_t *digest, size_t digestlen, uint8_t *sig,
                                                     size_t siglen) FIPS140_MUST_CHECK;
/* fips140_rsa_verify_pss - RFC 8017 §8.1.2 / §9.1.2; saltlen may be FIPS140_RSA_PSS_SALT_AUTO. FIPS140_OK or
 * FIPS140_ERR_AUTH. */
FIPS140_API fips140_status fips140_rsa_verify_pss(const fips140_rsa_key *key, fips140_hash_alg hash,
                                                  fips140_hash_alg mgf, size_t saltlen, const uint8_t *digest,
                                                  size_t digestlen, const uint8_t *sig,
                                                  size_t siglen) FIPS140_MUST_CHECK;

/* fips140_rsa_encrypt_oaep - RSAES-OAEP encryption (RFC 8017 §7.1.1, SP 800-56B Rev. 2 §7.2.2.3) of msg (at most
 * k - 2·hLen - 2 bytes) with hash, MGF1 with mgf1, and an optional label; seed from the module RBG. out gets
 * fips140_rsa_size(key) bytes. */
FIPS140_API fips140_status fips140_rsa_encrypt_oaep(const fips140_rsa_key *key, fips140_hash_alg hash,
                                                    fips140_hash_alg mgf1, const uint8_t *label, size_t labellen,
                                                    const uint8_t *msg, size_t msglen, uint8_t *out,
                                                    size_t outlen) FIPS140_MUST_CHECK;
/* fips140_rsa_decrypt_oaep - RFC 8017 §7.1.2 (SP 800-56B Rev. 2 §7.2.2.4): the message goes to out[0..outcap),
 * its length to *msglen. Every decoding error gives the same FIPS140_ERR_AUTH, decided in constant time; nothing
 * is written to out then. FIPS140_ERR_OUTPUT_LENGTH when outcap < k - 2·hLen - 2 (checked before decrypting). */
FIPS140_API fips140_status fips140_rsa_decrypt_oaep(const fips140_rsa_key *key, fips140_hash_alg hash,
                                                    fips140_hash_alg mgf1, const uint8_t *label, size_t labellen,
                                                    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
                                                    size_t *msglen) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
