/* module/ec/ec_internal.h - prime-field and point arithmetic shared by ECDSA (FIPS 186-5 §6) and ECDH
 * (SP 800-56A Rev. 3 §5.7.1.2) over the NIST curves P-224, P-256, P-384 and P-521 (SP 800-186 §3.2.1.2-5).
 *
 * Field elements and scalars are little-endian arrays of 64-bit limbs in the Montgomery domain (x·R mod m,
 * R = 2^(64·limbs)), except P-521's field elements, which are plain (R = 1: p = 2^521 - 1 is reduced directly).
 * Points are homogeneous projective (X:Y:Z), x = X/Z, y = Y/Z, with the point at infinity (0:1:0); the complete
 * formulas of Renes–Costello–Batina 2016 (a = -3) add any two points, equal or not. */
#ifndef FIPS140_EC_INTERNAL_H
#define FIPS140_EC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <fips140/ec.h>
#include <fips140/module.h>

#define EC_MAX_LIMBS 9  /* P-521 */
#define EC_MAX_BYTES 66

/* ec_mod - a Montgomery modulus (the field prime p or the group order n). */
typedef struct ec_mod {
    uint64_t m[EC_MAX_LIMBS];    /* modulus */
    uint64_t rr[EC_MAX_LIMBS];   /* R^2 mod m */
    uint64_t one[EC_MAX_LIMBS];  /* R mod m (1 in the Montgomery domain) */
    uint64_t m0inv;              /* -m^-1 mod 2^64 */
    unsigned limbs;              /* 4 (P-224, P-256), 6 (P-384) or 9 (P-521) */
    void (*mul)(uint64_t *r, const uint64_t *a, const uint64_t *b); /* a·b·R^-1 mod m, unrolled for m
                                                                     * (R = 1 for P-521's p: ec_p521_mul) */
} ec_mod;

extern const uint64_t ec_p224_base_table[56][15][2][4];
extern const uint64_t ec_p521_base_table[33][15][2][9];

typedef struct ec_point {
    uint64_t x[EC_MAX_LIMBS], y[EC_MAX_LIMBS], z[EC_MAX_LIMBS];
} ec_point;

/* ec_curve - the domain parameters of one curve (SP 800-186 §3.2.1): y^2 = x^3 - 3x + b over GF(p), base point G
 * of prime order n, cofactor 1. b, gx, gy are stored in the Montgomery domain of p. */
typedef struct ec_curve {
    ec_mod p, n;
    uint64_t b[EC_MAX_LIMBS], gx[EC_MAX_LIMBS], gy[EC_MAX_LIMBS];
    void (*add)(ec_point *r, const ec_point *p, const ec_point *q); /* complete addition for this curve */
    void (*dbl)(ec_point *r, const ec_point *p);
    const uint64_t *gtab; /* NULL for P-256 and P-384 (their base multiplication is in ec_fast.c); else
                           * [2·bytes/gstride rows][15][x, y][limbs]: j·16^(gstride·i)·G, affine, Montgomery
                           * (ec_tables.c) */
    size_t bytes;  /* length of p and n in bytes: 28, 32, 48 or 66 */
    fips140_ec_curve id;
    unsigned nbits;   /* bit length of n: 224, 256, 384 or 521 */
    unsigned gstride; /* 4-bit windows per base table row: 1, or 4 for P-521 (a comb: a quarter of the table,
                       * three extra rounds of 4 doublings) */
} ec_curve;

/* ec_curve_get - the curve's parameters, NULL for an unknown id. */
const ec_curve *ec_curve_get(fips140_ec_curve id);

/* Modular arithmetic (ec_field.c); every function is constant time for its modulus; r may alias inputs. */
void ec_mod_mul(const ec_mod *m, uint64_t *r, const uint64_t *a, const uint64_t *b);  /* a·b·R^-1 */
void ec_mod_add(const ec_mod *m, uint64_t *r, const uint64_t *a, const uint64_t *b);
void ec_mod_sub(const ec_mod *m, uint64_t *r, const uint64_t *a, const uint64_t *b);
void ec_mod_to_mont(const ec_mod *m, uint64_t *r, const uint64_t *a);    /* a < m */
/* ec_p521_mul - a·b mod 2^521 - 1 directly (no Montgomery factor): P-521's field multiplication. */
void ec_p521_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
void ec_mod_from_mont(const ec_mod *m, uint64_t *r, const uint64_t *a);
void ec_mod_inv(const ec_mod *m, uint64_t *r, const uint64_t *a);        /* Fermat: a^(m-2), m prime; 0 -> 0 */
/* ec_mod_reduce_once - r = a mod m for a < 2m (one conditional subtraction). */
void ec_mod_reduce_once(const ec_mod *m, uint64_t *r, const uint64_t *a);
/* ec_lt_mask - all ones when a < b (limbs each), else 0. Constant time. */
uint64_t ec_lt_mask(const uint64_t *a, const uint64_t *b, unsigned limbs);
/* ec_is_zero_mask - all ones when a == 0. */
uint64_t ec_is_zero_mask(const uint64_t *a, unsigned limbs);
/* ec_from_bytes / ec_to_bytes - big-endian bytes <-> ceil(len/8) limbs (the top limb partial when len is not a
 * multiple of 8: P-224, P-521); ec_to_bytes writes the low 8·len bits. */
void ec_from_bytes(uint64_t *r, const uint8_t *in, size_t len);
void ec_to_bytes(uint8_t *out, const uint64_t *a, size_t len);

/* Points (ec_point.c). */
void ec_point_add(const ec_curve *c, ec_point *r, const ec_point *p, const ec_point *q);
void ec_point_double(const ec_curve *c, ec_point *r, const ec_point *p);
/* ec_point_mul - r = k·P, k big-endian of c->bytes bytes (any value, 0 included); constant time in k and P. */
void ec_point_mul(const ec_curve *c, ec_point *r, const uint8_t *k, const ec_point *p);
/* ec_point_mul_base - r = k·G, constant time (precomputed table of the base point). */
void ec_point_mul_base(const ec_curve *c, ec_point *r, const uint8_t *k);
/* ec_point_to_affine - affine x and y (big-endian, c->bytes each; y may be NULL); returns -1 for infinity. */
int ec_point_to_affine(const ec_curve *c, uint8_t *x, uint8_t *y, const ec_point *p);
/* ec_point_decode - uncompressed encoding 0x04||X||Y to a point, with SP 800-56A Rev. 3 §5.6.2.3.3 validation
 * (not infinity, coordinates in [0, p-1], on the curve; the order check is implied by cofactor 1). 0 or -1. */
int ec_point_decode(const ec_curve *c, ec_point *r, const uint8_t *in, size_t len);

/* ec_scalar_load - parse a private key or other scalar of c->bytes bytes; returns 0 when 1 <= k <= n-1. */
int ec_scalar_check(const ec_curve *c, const uint8_t *k, size_t len);

/* Shared internals of ecdsa.c / ecdh.c / ec_cast.c. */
fips140_status ec_keygen_internal(const ec_curve *c, uint8_t *priv, uint8_t *pub);
int ec_pct(const ec_curve *c, const uint8_t *priv, const uint8_t *pub);



#endif
