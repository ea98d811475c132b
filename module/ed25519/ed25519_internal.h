/* module/ed25519/ed25519_internal.h - the edwards25519 group (RFC 8032 §5.1, SP 800-186 §3.2.2.1) and scalars mod
 * L, shared by the Ed25519 files. Points are in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, x*y = T/Z
 * (RFC 8032 §5.1.4). */
#ifndef FIPS140_ED25519_INTERNAL_H
#define FIPS140_ED25519_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "ed25519_field.h"

typedef struct ge25519 {
    fe25519 X, Y, Z, T;
} ge25519;

/* ge25519_scalarmult_base - r = [k]B for a 32-byte little-endian k (any 256-bit value); constant time. */
void ge25519_scalarmult_base(ge25519 *r, const uint8_t k[32]);
/* ge25519_double_scalarmult_vartime - r = [a]B + [b]P, for public a, b and P (verification only). */
void ge25519_double_scalarmult_vartime(ge25519 *r, const uint8_t a[32], const uint8_t b[32], const ge25519 *p);
/* ge25519_encode - RFC 8032 §5.1.2: y little-endian with the sign of x in bit 255. */
void ge25519_encode(uint8_t s[32], const ge25519 *p);
/* ge25519_decode - RFC 8032 §5.1.3; 0 on success, -1 when s is not the canonical encoding of a curve point. */
int ge25519_decode(ge25519 *p, const uint8_t s[32]);
/* ge25519_neg - r = -p. */
void ge25519_neg(ge25519 *r, const ge25519 *p);

/* sc25519_reduce64 - r = x mod L for a 64-byte little-endian x (RFC 8032 §5.1.6 step 2); constant time. */
void sc25519_reduce64(uint8_t r[32], const uint8_t x[64]);
/* sc25519_muladd - r = (a * b + c) mod L for 32-byte little-endian a, b, c < 2^256 (RFC 8032 §5.1.6 step 5). */
void sc25519_muladd(uint8_t r[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32]);
/* sc25519_is_canonical - 1 when the 32-byte little-endian s is below L (RFC 8032 §5.1.7 step 1). */
int sc25519_is_canonical(const uint8_t s[32]);

/* fips140_eddsa_pct_fixed - the key-pair PCT (ed25519_sign.c) on a fixed private key, for the CAST. */
void fips140_eddsa_pct_fixed(const uint8_t priv[32]);

#endif
