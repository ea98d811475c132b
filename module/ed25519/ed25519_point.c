/* module/ed25519/ed25519_point.c - the edwards25519 group -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19)
 * (RFC 8032 §5.1, SP 800-186 §3.2.2.1): the complete addition and doubling formulas of RFC 8032 §5.1.4 in extended
 * coordinates, point encoding and decoding (§5.1.2, §5.1.3), a constant-time fixed-base scalar multiplication
 * (signed radix-16 digits over a precomputed table of multiples of B) for secrets and a variable-time
 * double-scalar multiplication for verification. */
#include <string.h>
#include "ed25519_internal.h"
#include "../core/ct.h"

/* d = -121665/121666, 2d, sqrt(-1) = 2^((p-1)/4), and the base point B = (x, 4/5) with x even (RFC 8032 §5.1),
 * in radix 2^51 (computed from the definitions). */
static const fe25519 FE_D = {0x34dca135978a3ULL, 0x1a8283b156ebdULL, 0x5e7a26001c029ULL, 0x739c663a03cbbULL,
                             0x52036cee2b6ffULL};
static const fe25519 FE_D2 = {0x69b9426b2f159ULL, 0x35050762add7aULL, 0x3cf44c0038052ULL, 0x6738cc7407977ULL,
                              0x2406d9dc56dffULL};
static const fe25519 FE_SQRTM1 = {0x61b274a0ea0b0ULL, 0x0d5a5fc8f189dULL, 0x7ef5e9cbd0c60ULL, 0x78595a6804c9eULL,
                                  0x2b8324804fc1dULL};
static const ge25519 GE_BASE = {
    {0x62d608f25d51aULL, 0x412a4b4f6592aULL, 0x75b7171a4b31dULL, 0x1ff60527118feULL, 0x216936d3cd6e5ULL},
    {0x6666666666658ULL, 0x4ccccccccccccULL, 0x1999999999999ULL, 0x3333333333333ULL, 0x6666666666666ULL},
    {1, 0, 0, 0, 0},
    {0x68ab3a5b7dda3ULL, 0x00eea2a5eadbbULL, 0x2af8df483c27eULL, 0x332b375274732ULL, 0x67875f0fd78b7ULL}};

/* ge_cached - a point prepared as an addend: (Y+X, Y-X, 2Z, 2dT). */
typedef struct ge_cached {
    fe25519 YplusX, YminusX, Z2, T2d;
} ge_cached;

static void ge_identity(ge25519 *r)
{
    fe_zero(r->X);
    fe_one(r->Y);
    fe_one(r->Z);
    fe_zero(r->T);
}

static void ge_to_cached(ge_cached *c, const ge25519 *p)
{
    fe_add(c->YplusX, p->Y, p->X);
    fe_sub(c->YminusX, p->Y, p->X);
    fe_add(c->Z2, p->Z, p->Z);
    fe_mul(c->T2d, p->T, FE_D2);
}

static void ge_cached_identity(ge_cached *c)
{
    fe_one(c->YplusX);
    fe_one(c->YminusX);
    fe_zero(c->Z2);
    c->Z2[0] = 2;
    fe_zero(c->T2d);
}

/* ge_add - r = p + q (RFC 8032 §5.1.4, addition; complete, so it also doubles and adds the identity). */
static void ge_add(ge25519 *r, const ge25519 *p, const ge_cached *q)
{
    fe25519 a, b, c, d, e, f, g, h;
    fe_sub(a, p->Y, p->X);
    fe_mul(a, a, q->YminusX);
    fe_add(b, p->Y, p->X);
    fe_mul(b, b, q->YplusX);
    fe_mul(c, p->T, q->T2d);
    fe_mul(d, p->Z, q->Z2);
    fe_sub(e, b, a);
    fe_sub(f, d, c);
    fe_add(g, d, c);
    fe_add(h, b, a);
    fe_mul(r->X, e, f);
    fe_mul(r->Y, g, h);
    fe_mul(r->T, e, h);
    fe_mul(r->Z, f, g);
}

/* ge_double - r = 2p (RFC 8032 §5.1.4, doubling). */
static void ge_double(ge25519 *r, const ge25519 *p)
{
    fe25519 a, b, c, e, f, g, h, t;
    fe_sq(a, p->X);
    fe_sq(b, p->Y);
    fe_sq(c, p->Z);
    fe_add(c, c, c);
    fe_add(h, a, b);
    fe_add(t, p->X, p->Y);
    fe_sq(t, t);
    fe_sub(e, h, t);
    fe_sub(g, a, b);
    fe_add(f, c, g);
    fe_mul(r->X, e, f);
    fe_mul(r->Y, g, h);
    fe_mul(r->T, e, h);
    fe_mul(r->Z, f, g);
}

void ge25519_neg(ge25519 *r, const ge25519 *p)
{
    fe_neg(r->X, p->X);
    fe_copy(r->Y, p->Y);
    fe_copy(r->Z, p->Z);
    fe_neg(r->T, p->T);
}

/* build_table - t[i] = [i]P for i = 0..15, as addends. */
static void build_table(ge_cached t[16], const ge25519 *p)
{
    ge25519 acc = *p;
    ge_cached_identity(&t[0]);
    ge_to_cached(&t[1], p);
    for (int i = 2; i < 16; i++) {
        ge_add(&acc, &acc, &t[1]);
        ge_to_cached(&t[i], &acc);
    }
}

static uint32_t nibble(const uint8_t k[32], int i)
{
    return (uint32_t)(k[i >> 1] >> (4 * (i & 1))) & 15u;
}

/* ge_precomp - an affine multiple of B prepared as an addend: (y + x, y - x, 2 d x y), Z = 1. */
typedef struct ge_precomp {
    fe25519 yplusx, yminusx, xy2d;
} ge_precomp;

#include "ed25519_base_table.h"

/* ge_add_precomp - r = p + q for an affine q (RFC 8032 §5.1.4 addition with Z2 = 1). */
static void ge_add_precomp(ge25519 *r, const ge25519 *p, const ge_precomp *q)
{
    fe25519 a, b, c, d, e, f, g, h;
    fe_sub(a, p->Y, p->X);
    fe_mul(a, a, q->yminusx);
    fe_add(b, p->Y, p->X);
    fe_mul(b, b, q->yplusx);
    fe_mul(c, p->T, q->xy2d);
    fe_add(d, p->Z, p->Z);
    fe_sub(e, b, a);
    fe_sub(f, d, c);
    fe_add(g, d, c);
    fe_add(h, b, a);
    fe_mul(r->X, e, f);
    fe_mul(r->Y, g, h);
    fe_mul(r->T, e, h);
    fe_mul(r->Z, f, g);
}

/* select_base - *t = digit * 256^j * B for a signed digit in [-8, 8], reading all eight entries of row j and
 * choosing with masks; a negative digit negates the point (-(x, y) = (-x, y): swap y+x and y-x, negate 2dxy). */
static void select_base(ge_precomp *t, int j, int8_t digit)
{
    uint32_t neg = (uint32_t)(uint8_t)digit >> 7;           /* 1 when digit < 0 */
    int d = digit, nm = -(int)neg;
    uint32_t babs = (uint32_t)(d - 2 * (nm & d));           /* |digit| */
    fe_one(t->yplusx);
    fe_one(t->yminusx);
    fe_zero(t->xy2d);
    for (uint32_t m = 0; m < 8; m++) {
        uint64_t mask = (uint64_t)0 - (uint64_t)(ct_eq_u32(babs, m + 1) & 1u);
        fe_cmov(t->yplusx, ED25519_BASE[j][m].yplusx, mask);
        fe_cmov(t->yminusx, ED25519_BASE[j][m].yminusx, mask);
        fe_cmov(t->xy2d, ED25519_BASE[j][m].xy2d, mask);
    }
    uint64_t nmask = (uint64_t)0 - (uint64_t)neg;
    fe25519 tmp, nxy;
    fe_copy(tmp, t->yplusx);
    fe_cmov(t->yplusx, t->yminusx, nmask);
    fe_cmov(t->yminusx, tmp, nmask);
    fe_neg(nxy, t->xy2d);
    fe_cmov(t->xy2d, nxy, nmask);
}

/* ge25519_scalarmult_base - k = sum e[i] 16^i with signed digits e[i] in [-8, 8) (e[63] in [-8, 8] as k < 2^255);
 * [k]B = 16 * sum_{i odd} e[i] 16^(i-1) B + sum_{i even} e[i] 16^i B, each term read from the precomputed row
 * 256^(i/2) B. The same 64 additions and 4 doublings run for every scalar. Requires k[31] <= 127 (the clamped
 * secret scalar and every value reduced mod L satisfy it). */
void ge25519_scalarmult_base(ge25519 *r, const uint8_t k[32])
{
    int8_t e[64];
    for (int i = 0; i < 32; i++) {
        e[2 * i] = (int8_t)(k[i] & 15);
        e[2 * i + 1] = (int8_t)(k[i] >> 4);
    }
    int8_t carry = 0;
    for (int i = 0; i < 63; i++) {
        e[i] = (int8_t)(e[i] + carry);
        carry = (int8_t)((e[i] + 8) >> 4);
        e[i] = (int8_t)(e[i] - (carry << 4));
    }
    e[63] = (int8_t)(e[63] + carry);

    ge_precomp t;
    ge_identity(r);
    for (int i = 1; i < 64; i += 2) {
        select_base(&t, i / 2, e[i]);
        ge_add_precomp(r, r, &t);
    }
    for (int j = 0; j < 4; j++)
        ge_double(r, r);
    for (int i = 0; i < 64; i += 2) {
        select_base(&t, i / 2, e[i]);
        ge_add_precomp(r, r, &t);
    }
    memset(e, 0, sizeof e);
    memset(&t, 0, sizeof t);
}

void ge25519_double_scalarmult_vartime(ge25519 *r, const uint8_t a[32], const uint8_t b[32], const ge25519 *p)
{
    ge_cached tb[16], tp[16];
    build_table(tb, &GE_BASE);
    build_table(tp, p);
    ge_identity(r);
    int started = 0;
    for (int i = 63; i >= 0; i--) {
        if (started)
            for (int j = 0; j < 4; j++)
                ge_double(r, r);
        uint32_t na = nibble(a, i), nb = nibble(b, i);
        if (na) {
            ge_add(r, r, &tb[na]);
            started = 1;
        }
        if (nb) {
            ge_add(r, r, &tp[nb]);
            started = 1;
        }
    }
}

void ge25519_encode(uint8_t s[32], const ge25519 *p)
{
    fe25519 zi, x, y;
    fe25519_invert(zi, p->Z);
    fe_mul(x, p->X, zi);
    fe_mul(y, p->Y, zi);
    fe25519_tobytes(s, y);
    s[31] = (uint8_t)(s[31] | (fe25519_isnegative(x) << 7));
}

int ge25519_decode(ge25519 *p, const uint8_t s[32])
{
    uint8_t chk[32];
    fe25519 y, u, v, v3, x, t;
    int sign = s[31] >> 7;
    fe25519_frombytes(y, s);
    /* Step 1: y must be below p: its canonical encoding must give back the 255 bits we read. */
    fe25519_tobytes(chk, y);
    chk[31] = (uint8_t)(chk[31] | (sign << 7));
    if (memcmp(chk, s, 32) != 0)
        return -1;
    /* Step 2: x^2 = u/v with u = y^2 - 1, v = d y^2 + 1; candidate x = u v^3 (u v^7)^((p-5)/8). */
    fe_sq(u, y);
    fe_mul(v, u, FE_D);
    fe25519 one;
    fe_one(one);
    fe_sub(u, u, one);
    fe_add(v, v, one);
    fe_sq(v3, v);
    fe_mul(v3, v3, v);   /* v^3 */
    fe_sq(t, v3);
    fe_mul(t, t, v);     /* v^7 */
    fe_mul(t, t, u);     /* u v^7 */
    fe25519_pow22523(t, t);
    fe_mul(x, t, v3);
    fe_mul(x, x, u);
    /* Step 3: v x^2 = u: x is a root; v x^2 = -u: x * sqrt(-1) is; otherwise no square root: reject. */
    fe25519 vx2, nu;
    fe_sq(vx2, x);
    fe_mul(vx2, vx2, v);
    fe_sub(t, vx2, u);
    if (!fe25519_iszero(t)) {
        fe_add(nu, vx2, u);
        if (!fe25519_iszero(nu))
            return -1;
        fe_mul(x, x, FE_SQRTM1);
    }
    /* Step 4: x = 0 with sign bit 1 is not canonical; otherwise pick the root with the requested sign. */
    if (fe25519_iszero(x) && sign)
        return -1;
    if (fe25519_isnegative(x) != sign)
        fe_neg(x, x);
    fe_copy(p->X, x);
    fe_copy(p->Y, y);
    fe_one(p->Z);
    fe_mul(p->T, x, y);
    return 0;
}
