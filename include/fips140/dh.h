/* fips140/dh.h - finite-field Diffie-Hellman over the safe-prime groups approved by SP 800-56A Rev. 3 Appendix D:
 * key-pair generation (§5.6.1.1.4) with a pairwise consistency test (§5.6.2.1.4), full public-key validation
 * (§5.6.2.3.1) and the FFC DH shared secret (KAS-FFC-SSC, §5.7.1.1).
 *
 * Groups: RFC 7919 ffdhe2048..ffdhe8192 and RFC 3526 MODP-2048..MODP-8192 (IKE groups 14-18). For all of them the
 * generator is g = 2 and the subgroup order q = (p-1)/2.
 *
 * Encodings (big-endian, fixed length): public keys y and the shared secret Z are fips140_dh_size() bytes (the
 * byte length of p, leading zeros kept: SP 800-56A Rev. 3 §5.7.1.1 step 3 and Appendix C.1). Generated private keys
 * x are fips140_dh_priv_size() bytes, N/8 with N = 2s for the group's maximum security strength s (SP 800-56A Rev. 3
 * §5.6.1.1.4 and Appendix D: s = 112, 128, 152, 176, 200 for 2048, 3072, 4096, 6144, 8192 bits): an integer x in
 * [1, 2^N - 1]. Private keys given to the module (fips140_dh_public_from_private, fips140_ffdh) may be longer, e.g.
 * the len(q)-bit or 225-bit keys other implementations make: any length privlen from fips140_dh_priv_size() to
 * fips140_dh_size() bytes, holding an x with 1 <= x <= q-1 (§5.6.2.1.2; an encoding of fewer than len(p) bytes also
 * states N' = 8 * privlen as the key's maximum bit length, which it bounds by construction). The computation with x is
 * constant time over min(8 * privlen, len(q)) bits, a bound fixed by privlen, not by x's value: pass N/8 bytes for
 * the module's own keys (the fast case) and len(p) bytes when nothing smaller is known about a key. Every service is
 * approved. */
#ifndef FIPS140_DH_H
#define FIPS140_DH_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fips140_dh_group {
    FIPS140_DH_FFDHE2048 = 1, /* RFC 7919 Appendix A.1 */
    FIPS140_DH_FFDHE3072 = 2, /* RFC 7919 Appendix A.2 */
    FIPS140_DH_FFDHE4096 = 3, /* RFC 7919 Appendix A.3 */
    FIPS140_DH_FFDHE6144 = 4, /* RFC 7919 Appendix A.4 */
    FIPS140_DH_FFDHE8192 = 5, /* RFC 7919 Appendix A.5 */
    FIPS140_DH_MODP2048 = 6,  /* RFC 3526 §3 (group 14) */
    FIPS140_DH_MODP3072 = 7,  /* RFC 3526 §4 (group 15) */
    FIPS140_DH_MODP4096 = 8,  /* RFC 3526 §5 (group 16) */
    FIPS140_DH_MODP6144 = 9,  /* RFC 3526 §6 (group 17) */
    FIPS140_DH_MODP8192 = 10  /* RFC 3526 §7 (group 18) */
} fips140_dh_group;

#define FIPS140_DH_MAX_SIZE 1024u /* bytes of the largest p (8192 bits) */
#define FIPS140_DH_MAX_PRIV 50u   /* bytes of the largest generated private key (N = 400 bits) */

/* Sizes in bytes, 0 for an unknown group: p (public keys, shared secrets; also the longest private key accepted)
 * and the generated private key (N/8, the shortest private key accepted). */
FIPS140_API size_t fips140_dh_size(fips140_dh_group group);
FIPS140_API size_t fips140_dh_priv_size(fips140_dh_group group);
/* fips140_dh_security_strength - the group's maximum security strength s in bits (0 for an unknown group). */
FIPS140_API unsigned fips140_dh_security_strength(fips140_dh_group group);

/* fips140_dh_prime - the group's prime p, big-endian, into out[0..outlen) with outlen = fips140_dh_size(group).
 * FIPS140_ERR_ARG for an unknown group, FIPS140_ERR_OUTPUT_LENGTH for another length. */
FIPS140_API fips140_status fips140_dh_prime(fips140_dh_group group, uint8_t *out, size_t outlen) FIPS140_MUST_CHECK;

/* fips140_dh_keygen - SP 800-56A Rev. 3 §5.6.1.1.4 ("testing candidates") with the module RBG: x uniformly random
 * in [1, 2^N - 1], y = g^x mod p, then the pairwise consistency test of §5.6.2.1.4 (y recomputed from x and
 * compared; a failure is fatal). priv gets priv_size bytes, pub size bytes. */
FIPS140_API fips140_status fips140_dh_keygen(fips140_dh_group group, uint8_t *priv, size_t privlen, uint8_t *pub,
                                             size_t publen) FIPS140_MUST_CHECK;

/* fips140_dh_public_from_private - pub = g^x mod p for a private key x of privlen bytes, priv_size <= privlen <= size,
 * with 1 <= x <= q-1 (§5.6.2.1.2). FIPS140_ERR_KEY_LENGTH for another privlen, FIPS140_ERR_ARG for x = 0 or x >= q
 * or an unknown group, FIPS140_ERR_OUTPUT_LENGTH when publen is not size. Nothing is written on failure. */
FIPS140_API fips140_status fips140_dh_public_from_private(fips140_dh_group group, const uint8_t *priv,
                                                          size_t privlen, uint8_t *pub,
                                                          size_t publen) FIPS140_MUST_CHECK;

/* fips140_dh_validate_public - full public-key validation (SP 800-56A Rev. 3 §5.6.2.3.1): FIPS140_OK when
 * 2 <= y <= p-2 and y^q mod p = 1, FIPS140_ERR_ARG for an unknown group, a length other than size, or a y that
 * fails either check. */
FIPS140_API fips140_status fips140_dh_validate_public(fips140_dh_group group, const uint8_t *pub,
                                                     size_t publen) FIPS140_MUST_CHECK;

/* fips140_ffdh - the FFC DH primitive (SP 800-56A Rev. 3 §5.7.1.1, KAS-FFC-SSC): validates the peer's public key
 * (§5.6.2.3.1), computes Z = y^x mod p, fails if Z = 1, and writes Z as size bytes. The private key is privlen bytes,
 * priv_size <= privlen <= size, with 1 <= x <= q-1 (§5.6.2.1.2). FIPS140_ERR_ARG for an unknown group, x = 0,
 * x >= q or an invalid peer key; FIPS140_ERR_KEY_LENGTH for a privlen out of range; FIPS140_ERR_OUTPUT_LENGTH when
 * sharedlen is not size. Nothing is written to shared on failure. */
FIPS140_API fips140_status fips140_ffdh(fips140_dh_group group, const uint8_t *priv, size_t privlen,
                                       const uint8_t *peer_pub, size_t peer_publen, uint8_t *shared,
                                       size_t sharedlen) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
