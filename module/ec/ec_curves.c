/* module/ec/ec_curves.c - domain parameters of P-256 and P-384 (SP 800-186 §3.2.1.3, §3.2.1.4; FIPS 186-5 §6.1.1),
 * as 64-bit limbs, least significant first. R = 2^256 (P-256) or 2^384 (P-384); rr = R^2 mod m, one = R mod m,
 * m0inv = -m^-1 mod 2^64. b, gx, gy are given times R mod p (Montgomery domain). */
#include "ec_mont.h"

static void p256_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p256_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p384_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p384_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p256_add(ec_point *r, const ec_point *p, const ec_point *q);
static void p256_dbl(ec_point *r, const ec_point *p);
static void p384_add(ec_point *r, const ec_point *p, const ec_point *q);
static void p384_dbl(ec_point *r, const ec_point *p);

static const ec_curve p256 = {
    .p = {.m = {0xffffffffffffffffull, 0x00000000ffffffffull, 0x0000000000000000ull, 0xffffffff00000001ull},
          .rr = {0x0000000000000003ull, 0xfffffffbffffffffull, 0xfffffffffffffffeull, 0x00000004fffffffdull},
          .one = {0x0000000000000001ull, 0xffffffff00000000ull, 0xffffffffffffffffull, 0x00000000fffffffeull},
          .m0inv = 0x0000000000000001ull, .limbs = 4, .mul = p256_p_mul},
    .n = {.m = {0xf3b9cac2fc632551ull, 0xbce6faada7179e84ull, 0xffffffffffffffffull, 0xffffffff00000000ull},
          .rr = {0x83244c95be79eea2ull, 0x4699799c49bd6fa6ull, 0x2845b2392b6bec59ull, 0x66e12d94f3d95620ull},
          .one = {0x0c46353d039cdaafull, 0x4319055258e8617bull, 0x0000000000000000ull, 0x00000000ffffffffull},
          .m0inv = 0xccd1c8aaee00bc4full, .limbs = 4, .mul = p256_n_mul},
    .b = {0xd89cdf6229c4bddfull, 0xacf005cd78843090ull, 0xe5a220abf7212ed6ull, 0xdc30061d04874834ull},
    .gx = {0x79e730d418a9143cull, 0x75ba95fc5fedb601ull, 0x79fb732b77622510ull, 0x18905f76a53755c6ull},
    .gy = {0xddf25357ce95560aull, 0x8b4ab8e4ba19e45cull, 0xd2e88688dd21f325ull, 0x8571ff1825885d85ull},
    .add = p256_add,
    .dbl = p256_dbl,
    .gtab = &ec_p256_base_table[0][0][0][0],
    .bytes = 32,
    .id = FIPS140_EC_P256,
};

static const ec_curve p384 = {
    .p = {.m = {0x00000000ffffffffull, 0xffffffff00000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
                0xffffffffffffffffull, 0xffffffffffffffffull},
          .rr = {0xfffffffe00000001ull, 0x0000000200000000ull, 0xfffffffe00000000ull, 0x0000000200000000ull,
                 0x0000000000000001ull, 0x0000000000000000ull},
          .one = {0xffffffff00000001ull, 0x00000000ffffffffull, 0x0000000000000001ull, 0, 0, 0},
          .m0inv = 0x0000000100000001ull, .limbs = 6, .mul = p384_p_mul},
    .n = {.m = {0xecec196accc52973ull, 0x581a0db248b0a77aull, 0xc7634d81f4372ddfull, 0xffffffffffffffffull,
                0xffffffffffffffffull, 0xffffffffffffffffull},
          .rr = {0x2d319b2419b409a9ull, 0xff3d81e5df1aa419ull, 0xbc3e483afcb82947ull, 0xd40d49174aab1cc5ull,
                 0x3fb05b7a28266895ull, 0x0c84ee012b39bf21ull},
          .one = {0x1313e695333ad68dull, 0xa7e5f24db74f5885ull, 0x389cb27e0bc8d220ull, 0, 0, 0},
          .m0inv = 0x6ed46089e88fdc45ull, .limbs = 6, .mul = p384_n_mul},
    .b = {0x081188719d412dccull, 0xf729add87a4c32ecull, 0x77f2209b1920022eull, 0xe3374bee94938ae2ull,
          0xb62b21f41f022094ull, 0xcd08114b604fbff9ull},
    .gx = {0x3dd0756649c0b528ull, 0x20e378e2a0d6ce38ull, 0x879c3afc541b4d6eull, 0x6454868459a30effull,
           0x812ff723614ede2bull, 0x4d3aadc2299e1513ull},
    .gy = {0x23043dad4b03a4feull, 0xa1bfa8bf7bb4a9acull, 0x8bade7562e83b050ull, 0xc6c3521968f4ffd9ull,
           0xdd8002263969a840ull, 0x2b78abc25a15c5e9ull},
    .add = p384_add,
    .dbl = p384_dbl,
    .gtab = &ec_p384_base_table[0][0][0][0],
    .bytes = 48,
    .id = FIPS140_EC_P384,
};

static void p256_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { mont_mul_n(&p256.p, r, a, b, 4); }
static void p256_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { mont_mul_n(&p256.n, r, a, b, 4); }
static void p384_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { mont_mul_n(&p384.p, r, a, b, 6); }
static void p384_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { mont_mul_n(&p384.n, r, a, b, 6); }

static void p256_add(ec_point *r, const ec_point *p, const ec_point *q) { point_add_n(&p256, r, p, q, 4); }
static void p256_dbl(ec_point *r, const ec_point *p) { point_double_n(&p256, r, p, 4); }
static void p384_add(ec_point *r, const ec_point *p, const ec_point *q) { point_add_n(&p384, r, p, q, 6); }
static void p384_dbl(ec_point *r, const ec_point *p) { point_double_n(&p384, r, p, 6); }

const ec_curve *ec_curve_get(fips140_ec_curve id)
{
    switch (id) {
    case FIPS140_EC_P256: return &p256;
    case FIPS140_EC_P384: return &p384;
    default: return NULL;
    }
}
