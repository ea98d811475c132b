/* module/ec/ec_curves.c - domain parameters of P-224, P-256, P-384 and P-521 (SP 800-186 §3.2.1.2-5; FIPS 186-5
 * §6.1.1), as 64-bit limbs, least significant first. R = 2^(64·limbs): 2^256 (P-224, P-256), 2^384 (P-384), 2^576
 * (P-521's n); rr = R^2 mod m, one = R mod m, m0inv = -m^-1 mod 2^64. b, gx, gy are given times R mod p (Montgomery
 * domain), except for P-521, whose field is reduced directly (R = 1, see below). P-224 and P-521 leave the top limb
 * partly empty (m < R), which Montgomery reduction allows. */
#include "ec_mont.h"
#include "ec_fast.h"

static void p256_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p256_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p384_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p384_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p256_add(ec_point *r, const ec_point *p, const ec_point *q);
static void p256_dbl(ec_point *r, const ec_point *p);
static void p384_add(ec_point *r, const ec_point *p, const ec_point *q);
static void p384_dbl(ec_point *r, const ec_point *p);
static void p224_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p224_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p521_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
static void p224_add(ec_point *r, const ec_point *p, const ec_point *q);
static void p224_dbl(ec_point *r, const ec_point *p);
static void p521_add(ec_point *r, const ec_point *p, const ec_point *q);
static void p521_dbl(ec_point *r, const ec_point *p);

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
    .gtab = NULL, /* base multiplication by ec_fast_mul_base (ec_p256.c, comb tables in ec_comb_tables.c) */
    .bytes = 32,
    .id = FIPS140_EC_P256,
    .nbits = 256,
    .gstride = 1,
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
    .gtab = NULL, /* base multiplication by ec_fast_mul_base (ec_p384.c, comb tables in ec_comb_tables.c) */
    .bytes = 48,
    .id = FIPS140_EC_P384,
    .nbits = 384,
    .gstride = 1,
};

/* P-224 (SP 800-186 §3.2.1.2): p = 2^224 - 2^96 + 1, 4 limbs, the top one holding 32 bits. */
static const ec_curve p224 = {
    .p = {.m = {0x0000000000000001ull, 0xffffffff00000000ull, 0xffffffffffffffffull, 0x00000000ffffffffull},
          .rr = {0xffffffff00000001ull, 0xffffffff00000000ull, 0xfffffffe00000000ull, 0x00000000ffffffffull},
          .one = {0xffffffff00000000ull, 0xffffffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull},
          .m0inv = 0xffffffffffffffffull, .limbs = 4, .mul = p224_p_mul},
    .n = {.m = {0x13dd29455c5c2a3dull, 0xffff16a2e0b8f03eull, 0xffffffffffffffffull, 0x00000000ffffffffull},
          .rr = {0x29947a695f517d15ull, 0xabc8ff5931d63f4bull, 0x6ad15f7cd9714856ull, 0x00000000b1e97961ull},
          .one = {0xa3a3d5c300000000ull, 0x1f470fc1ec22d6baull, 0x000000000000e95dull, 0x0000000000000000ull},
          .m0inv = 0xd6e242706a1fc2ebull, .limbs = 4, .mul = p224_n_mul},
    .b = {0xe768cdf663c059cdull, 0x107ac2f3ccf01310ull, 0x3dceba98c8528151ull, 0x000000007fc02f93ull},
    .gx = {0xbc9052266d0a4aeaull, 0x852597366018bfaaull, 0x6dd3af9bf96bec05ull, 0x00000000a21b5e60ull},
    .gy = {0x2edca1e5eff3ede8ull, 0xf8cd672b05335a6bull, 0xaea9c5ae03dfe878ull, 0x00000000614786f1ull},
    .add = p224_add,
    .dbl = p224_dbl,
    .gtab = &ec_p224_base_table[0][0][0][0],
    .bytes = 28,
    .id = FIPS140_EC_P224,
    .nbits = 224,
    .gstride = 1,
};

/* P-521 (SP 800-186 §3.2.1.5): p = 2^521 - 1, 9 limbs, the top one holding 9 bits; 66-byte encodings. The field
 * multiplication reduces mod the Mersenne prime directly (ec_p521_mul), so field elements are plain: R = 1 (rr = one
 * = 1, m0inv unused), b, gx, gy as they are. n keeps the Montgomery form (R = 2^576). */
static const ec_curve p521 = {
    .p = {.m = {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
                0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
                0x00000000000001ffull},
          .rr = {1, 0, 0, 0, 0, 0, 0, 0, 0},
          .one = {1, 0, 0, 0, 0, 0, 0, 0, 0},
          .m0inv = 0, .limbs = 9, .mul = ec_p521_mul},
    .n = {.m = {0xbb6fb71e91386409ull, 0x3bb5c9b8899c47aeull, 0x7fcc0148f709a5d0ull, 0x51868783bf2f966bull,
                0xfffffffffffffffaull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
                0x00000000000001ffull},
          .rr = {0x137cd04dcf15dd04ull, 0xf707badce5547ea3ull, 0x12a78d38794573ffull, 0xd3721ef557f75e06ull,
                 0xdd6e23d82e49c7dbull, 0xcff3d142b7756e3eull, 0x5bcc6d61a8e567bcull, 0x2d8e03d1492d0d45ull,
                 0x000000000000003dull},
          .one = {0xfb80000000000000ull, 0x28a2482470b763cdull, 0x17e2251b23bb31dcull, 0xca4019ff5b847b2dull,
                  0x02d73cbc3e206834ull, 0, 0, 0, 0},
          .m0inv = 0x1d2f5ccd79a995c7ull, .limbs = 9, .mul = p521_n_mul},
    .b = {0xef451fd46b503f00ull, 0x3573df883d2c34f1ull, 0x1652c0bd3bb1bf07ull, 0x56193951ec7e937bull,
          0xb8b489918ef109e1ull, 0xa2da725b99b315f3ull, 0x929a21a0b68540eeull, 0x953eb9618e1c9a1full,
          0x0000000000000051ull},
    .gx = {0xf97e7e31c2e5bd66ull, 0x3348b3c1856a429bull, 0xfe1dc127a2ffa8deull, 0xa14b5e77efe75928ull,
           0xf828af606b4d3dbaull, 0x9c648139053fb521ull, 0x9e3ecb662395b442ull, 0x858e06b70404e9cdull,
           0x00000000000000c6ull},
    .gy = {0x88be94769fd16650ull, 0x353c7086a272c240ull, 0xc550b9013fad0761ull, 0x97ee72995ef42640ull,
           0x17afbd17273e662cull, 0x98f54449579b4468ull, 0x5c8a5fb42c7d1bd9ull, 0x39296a789a3bc004ull,
           0x0000000000000118ull},
    .add = p521_add,
    .dbl = p521_dbl,
    .gtab = &ec_p521_base_table[0][0][0][0],
    .bytes = 66,
    .id = FIPS140_EC_P521,
    .nbits = 521,
    .gstride = 4,
};

static void p256_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { ec_p256_field_mul(r, a, b); }
static void p256_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { ec_p256_scalar_mul(r, a, b); }
static void p384_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { ec_p384_field_mul(r, a, b); }
static void p384_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { ec_p384_scalar_mul(r, a, b); }
static void p224_p_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { mont_mul_n(&p224.p, r, a, b, 4); }
static void p224_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { mont_mul_n(&p224.n, r, a, b, 4); }
static void p521_n_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { mont_mul_n(&p521.n, r, a, b, 9); }

static void p256_add(ec_point *r, const ec_point *p, const ec_point *q) { point_add_n(&p256, r, p, q, 4); }
static void p256_dbl(ec_point *r, const ec_point *p) { point_double_n(&p256, r, p, 4); }
static void p384_add(ec_point *r, const ec_point *p, const ec_point *q) { point_add_n(&p384, r, p, q, 6); }
static void p384_dbl(ec_point *r, const ec_point *p) { point_double_n(&p384, r, p, 6); }
static void p224_add(ec_point *r, const ec_point *p, const ec_point *q) { point_add_n(&p224, r, p, q, 4); }
static void p224_dbl(ec_point *r, const ec_point *p) { point_double_n(&p224, r, p, 4); }
static void p521_add(ec_point *r, const ec_point *p, const ec_point *q) { point_add_n(&p521, r, p, q, 9); }
static void p521_dbl(ec_point *r, const ec_point *p) { point_double_n(&p521, r, p, 9); }

const ec_curve *ec_curve_get(fips140_ec_curve id)
{
    switch (id) {
    case FIPS140_EC_P256: return &p256;
    case FIPS140_EC_P384: return &p384;
    case FIPS140_EC_P224: return &p224;
    case FIPS140_EC_P521: return &p521;
    default: return NULL;
    }
}
