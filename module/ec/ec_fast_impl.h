/* module/ec/ec_fast_impl.h - point arithmetic and scalar multiplication for one curve with a = -3, instantiated
 * once per field implementation (included by ec_p256.c and ec_p384.c; no include guard on purpose).
 *
 * The includer defines, before including:
 *   FE_N                   limbs of a field element (Montgomery domain of p, R = 2^(64·FE_N))
 *   FE_MUL(r, a, b)        r = a·b·R^-1 mod p;  FE_SQR(r, a)  r = a·a·R^-1 mod p
 *   FE_ADD(r, a, b)        r = a + b mod p;     FE_SUB(r, a, b)  r = a - b mod p   (inputs and outputs < p)
 *   FE_B, FE_ONE           the curve coefficient b and 1, both in the Montgomery domain
 *   FE_BYTES               length of p and n in bytes (= 8·FE_N)
 *   FN(name)               the prefix that keeps each instantiation's functions apart
 *   FE_PT                  a struct type with members uint64_t x[FE_N], y[FE_N], z[FE_N]
 *   COMB_W                 width of the signed windows of the fixed-base comb table
 * Every field operation may be given aliased arguments.
 *
 * Points enter and leave as homogeneous projective (X:Y:Z) with the point at infinity (0:1:0). The fixed-base comb
 * adds with the complete mixed formula of Renes, Costello and Batina, "Complete addition formulas for prime order
 * elliptic curves" (EUROCRYPT 2016), Algorithm 5 (a = -3; the affine point must not be infinity), which has no
 * exceptional cases. The doubling-heavy multiplications work in Jacobian coordinates (below), whose cheaper
 * doubling pays for handling the exceptional cases of their addition explicitly.
 *
 * Scalars are split into signed digits (a constant-time recoding with no secret-dependent branches or indexes):
 * the constant-time multiplications read table entries by a masked scan of the whole table and negate by a
 * masked selection; only the verification path (public inputs) uses direct indexes and skips zero digits. */

#define COMB_ENTRIES (1u << (COMB_W - 1))
#define COMB_WINDOWS ((8 * FE_BYTES + COMB_W - 1) / COMB_W)
#define VAR_W 5                   /* signed window of the variable-base constant-time multiplication */
#define VAR_WINDOWS ((8 * FE_BYTES + VAR_W - 1) / VAR_W)
#define WNAF_W 5                  /* width of the wNAF used in verification: odd multiples 1, 3, ..., 15 */

/* FN(add_affine) - Algorithm 5: r = p + (x2, y2) for any p and an affine point (x2, y2) (never infinity). */
static void FN(add_affine)(FE_PT *r, const FE_PT *p, const uint64_t *X2, const uint64_t *Y2)
{
    uint64_t t0[FE_N], t1[FE_N], t2[FE_N], t3[FE_N], t4[FE_N], X3[FE_N], Y3[FE_N], Z3[FE_N];
    const uint64_t *X1 = p->x, *Y1 = p->y, *Z1 = p->z;
    FE_MUL(t0, X1, X2);  FE_MUL(t1, Y1, Y2);  FE_ADD(t3, X2, Y2);
    FE_ADD(t4, X1, Y1);  FE_MUL(t3, t3, t4);  FE_ADD(t4, t0, t1);
    FE_SUB(t3, t3, t4);  FE_MUL(t4, Y2, Z1);  FE_ADD(t4, t4, Y1);
    FE_MUL(Y3, X2, Z1);  FE_ADD(Y3, Y3, X1);  FE_MUL(Z3, FE_B, Z1);
    FE_SUB(X3, Y3, Z3);  FE_ADD(Z3, X3, X3);  FE_ADD(X3, X3, Z3);
    FE_SUB(Z3, t1, X3);  FE_ADD(X3, t1, X3);  FE_MUL(Y3, FE_B, Y3);
    FE_ADD(t1, Z1, Z1);  FE_ADD(t2, t1, Z1);  FE_SUB(Y3, Y3, t2);
    FE_SUB(Y3, Y3, t0);  FE_ADD(t1, Y3, Y3);  FE_ADD(Y3, t1, Y3);
    FE_ADD(t1, t0, t0);  FE_ADD(t0, t1, t0);  FE_SUB(t0, t0, t2);
    FE_MUL(t1, t4, Y3);  FE_MUL(t2, t0, Y3);  FE_MUL(Y3, X3, Z3);
    FE_ADD(Y3, Y3, t2);  FE_MUL(X3, t3, X3);  FE_SUB(X3, X3, t1);
    FE_MUL(Z3, t4, Z3);  FE_MUL(t1, t3, t0);  FE_ADD(Z3, Z3, t1);
    memcpy(r->x, X3, sizeof X3);
    memcpy(r->y, Y3, sizeof Y3);
    memcpy(r->z, Z3, sizeof Z3);
}

static void FN(set_infinity)(FE_PT *r)
{
    memset(r, 0, sizeof *r);
    memcpy(r->y, FE_ONE, sizeof r->y);
}

/* FN(cond_neg_y) - y = -y when mask is all ones (masked selection, constant time). */
static void FN(cond_neg_y)(uint64_t *y, uint64_t mask)
{
    static const uint64_t zero[FE_N];
    uint64_t ny[FE_N];
    FE_SUB(ny, zero, y);
    for (unsigned j = 0; j < FE_N; j++) y[j] = ct_select_u64(mask, ny[j], y[j]);
}

/* FN(from_bytes) - a big-endian scalar of FE_BYTES bytes to little-endian limbs. */
static void FN(from_bytes)(uint64_t *r, const uint8_t *k)
{
    for (unsigned j = 0; j < FE_N; j++) {
        uint64_t v = 0;
        for (unsigned b = 0; b < 8; b++) v = (v << 8) | k[FE_BYTES - 8 * j - 8 + b];
        r[j] = v;
    }
}

/* FN(recode) - the signed digits d_i in [-2^(w-1), 2^(w-1)) of k = sum d_i 2^(w·i), for windows windows of w bits;
 * the top digit takes the final carry and lies in [0, 2^(w-1)] (windows·w >= 8·FE_BYTES + 1 for the curves here,
 * so the top window holds at most w-1 bits of k). Constant time. */
static void FN(recode)(int8_t *d, const uint8_t *k, unsigned w, unsigned windows)
{
    uint64_t kl[FE_N + 1];
    FN(from_bytes)(kl, k);
    kl[FE_N] = 0;
    uint32_t carry = 0;
    for (unsigned i = 0; i < windows; i++) {
        unsigned bit = i * w;
        uint64_t v = kl[bit / 64] >> (bit % 64);
        if (bit % 64 + w > 64)
            v |= kl[bit / 64 + 1] << (64 - bit % 64);
        uint32_t u = (uint32_t)(v & ((1u << w) - 1)) + carry;  /* in [0, 2^w] */
        carry = (u + (1u << (w - 1))) >> w;                    /* u >= 2^(w-1) */
        carry &= (uint32_t)(i + 1 < windows);                  /* the top digit stays u <= 2^(w-1) */
        d[i] = (int8_t)((int32_t)u - (int32_t)(carry << w));
    }
    fips140_wipe(kl, sizeof kl);
}

/* FN(digit_abs) - |d| and an all-ones mask when d < 0, without branches. */
static uint32_t FN(digit_abs)(int8_t d, uint64_t *neg)
{
    uint32_t s = (uint32_t)(int32_t)d >> 31;            /* 1 when negative */
    *neg = ct_mask_u64(s);
    return ((uint32_t)(int32_t)d ^ (0u - s)) + s;
}

/* ---- Jacobian coordinates (X:Y:Z), x = X/Z^2, y = Y/Z^3, for the doubling-heavy multiplications: doubling
 * "dbl-2001-b" (a = -3, 3M + 5S) and addition "add-1998-cmo-2" (12M + 4S) of the Explicit-Formulas Database
 * (Cohen, Miyaji, Ono 1998; Bernstein-Lange). These formulas are not complete: the callers deal with the point at
 * infinity and with P = Q themselves (see FN(mul_ct) and FN(mul_double_vartime)). */

/* FN(jdbl) - r = 2p (Jacobian); Z = 0 (infinity) stays Z = 0. */
static void FN(jdbl)(FE_PT *r, const FE_PT *p)
{
    uint64_t delta[FE_N], gamma[FE_N], beta[FE_N], alpha[FE_N], t[FE_N], u[FE_N];
    FE_SQR(delta, p->z);
    FE_SQR(gamma, p->y);
    FE_MUL(beta, p->x, gamma);
    FE_SUB(t, p->x, delta);
    FE_ADD(u, p->x, delta);
    FE_MUL(alpha, t, u);
    FE_ADD(t, alpha, alpha);
    FE_ADD(alpha, alpha, t);            /* alpha = 3(X - delta)(X + delta) */
    FE_MUL(u, p->y, p->z);
    FE_ADD(r->z, u, u);                 /* Z3 = 2YZ = (Y + Z)^2 - gamma - delta */
    FE_ADD(beta, beta, beta);
    FE_ADD(beta, beta, beta);           /* 4 beta */
    FE_SQR(t, alpha);
    FE_ADD(u, beta, beta);
    FE_SUB(r->x, t, u);                 /* X3 = alpha^2 - 8 beta */
    FE_SUB(beta, beta, r->x);
    FE_SQR(gamma, gamma);
    FE_ADD(gamma, gamma, gamma);
    FE_ADD(gamma, gamma, gamma);
    FE_ADD(gamma, gamma, gamma);        /* 8 gamma^2 */
    FE_MUL(t, alpha, beta);
    FE_SUB(r->y, t, gamma);             /* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
}

/* FN(jadd) - r = p + q (Jacobian) when p != ±q and neither is infinity; for p = -q it returns Z = 0. *hz and *rz
 * get all-ones masks when H = U2 - U1 = 0 and R = S2 - S1 = 0 (both: p = q, where the result is wrong).
 * q_affine: q has Z = 1 (saves 4M + 1S). Constant time. */
static void FN(jadd)(FE_PT *r, const FE_PT *p, const FE_PT *q, int q_affine, uint64_t *hz, uint64_t *rz)
{
    uint64_t z1z1[FE_N], u1[FE_N], u2[FE_N], s1[FE_N], s2[FE_N], h[FE_N], rr[FE_N], hh[FE_N], hhh[FE_N],
        v[FE_N], t[FE_N];
    FE_SQR(z1z1, p->z);
    if (q_affine) {
        memcpy(u1, p->x, sizeof u1);
        memcpy(s1, p->y, sizeof s1);
    } else {
        uint64_t z2z2[FE_N];
        FE_SQR(z2z2, q->z);
        FE_MUL(u1, p->x, z2z2);
        FE_MUL(t, q->z, z2z2);
        FE_MUL(s1, p->y, t);
    }
    FE_MUL(u2, q->x, z1z1);
    FE_MUL(t, p->z, z1z1);
    FE_MUL(s2, q->y, t);
    FE_SUB(h, u2, u1);
    FE_SUB(rr, s2, s1);
    *hz = ec_is_zero_mask(h, FE_N);
    *rz = ec_is_zero_mask(rr, FE_N);
    FE_SQR(hh, h);
    FE_MUL(hhh, h, hh);
    FE_MUL(v, u1, hh);
    if (q_affine) {
        FE_MUL(r->z, p->z, h);
    } else {
        FE_MUL(t, p->z, q->z);
        FE_MUL(r->z, t, h);
    }
    FE_SQR(t, rr);
    FE_SUB(t, t, hhh);
    FE_SUB(t, t, v);
    FE_SUB(r->x, t, v);                 /* X3 = R^2 - H^3 - 2 U1 H^2 */
    FE_SUB(t, v, r->x);
    FE_MUL(t, rr, t);
    FE_MUL(s1, s1, hhh);
    FE_SUB(r->y, t, s1);                /* Y3 = R (U1 H^2 - X3) - S1 H^3 */
}

/* FN(proj_to_jac) / FN(jac_to_proj) - (X:Y:Z) homogeneous <-> (XZ : YZ^2 : Z) Jacobian, and back
 * (X'Z' : Y' : Z'^3); the point at infinity (any Z = 0) comes back as (0:1:0). */
static void FN(proj_to_jac)(FE_PT *r, const FE_PT *p)
{
    uint64_t zz[FE_N];
    FE_SQR(zz, p->z);
    FE_MUL(r->y, p->y, zz);
    FE_MUL(r->x, p->x, p->z);
    memcpy(r->z, p->z, sizeof zz);
}

static void FN(jac_to_proj)(FE_PT *r, const FE_PT *p)
{
    uint64_t zz[FE_N], inf = ec_is_zero_mask(p->z, FE_N);
    FE_SQR(zz, p->z);
    FE_MUL(r->x, p->x, p->z);
    memcpy(r->y, p->y, sizeof zz);
    FE_MUL(r->z, zz, p->z);
    for (unsigned j = 0; j < FE_N; j++) {
        r->x[j] &= ~inf;
        r->y[j] = ct_select_u64(inf, FE_ONE[j], r->y[j]);
    }
}

static void FN(select_pt)(FE_PT *r, uint64_t mask, const FE_PT *a, const FE_PT *b)
{
    for (unsigned j = 0; j < FE_N; j++) {
        r->x[j] = ct_select_u64(mask, a->x[j], b->x[j]);
        r->y[j] = ct_select_u64(mask, a->y[j], b->y[j]);
        r->z[j] = ct_select_u64(mask, a->z[j], b->z[j]);
    }
}

/* FN(mul_ct) - r = k·P for a big-endian k of FE_BYTES bytes, constant time in k and P: signed windows of VAR_W bits
 * over the Jacobian table P, 2P, ..., 16P, read by a masked scan. The point at infinity is tracked by a mask (the
 * accumulator before its first non-zero digit, a zero digit), never by a branch. For 0 < k < n the only other
 * exceptional case of the addition is acc = T in the last window (every earlier partial sum M satisfies
 * 32 <= M < n/32 + 17, so M = ±d mod n cannot hold; in the last one M = n + d_0 means k = n - 2|d_0|, which needs
 * n = |d_0| mod 32: not so for P-256 and P-384, n = 17 and 19 mod 32). It is still guarded, at the price of one
 * doubling: there the doubling of acc is selected instead, so the function is right for any curve and any k. */
static void FN(mul_ct)(FE_PT *r, const uint8_t *k, const FE_PT *p)
{
    enum { E = 1u << (VAR_W - 1) };
    FE_PT tab[E], acc, t, sum, d2;
    int8_t d[VAR_WINDOWS];
    uint64_t hz, rz, acc_inf = ~(uint64_t)0;
    FN(recode)(d, k, VAR_W, VAR_WINDOWS);
    FN(proj_to_jac)(&tab[0], p);
    FN(jdbl)(&tab[1], &tab[0]);
    for (unsigned i = 2; i < E; i++) FN(jadd)(&tab[i], &tab[i - 1], &tab[0], 0, &hz, &rz); /* (i-1)P != ±P */
    memset(&acc, 0, sizeof acc);
    for (int i = VAR_WINDOWS - 1; i >= 0; i--) {
        if (i != VAR_WINDOWS - 1)
            for (int s = 0; s < VAR_W; s++) FN(jdbl)(&acc, &acc);
        uint64_t neg;
        uint32_t a = FN(digit_abs)(d[i], &neg);
        memset(&t, 0, sizeof t);
        for (uint32_t e = 0; e < E; e++) {
            uint64_t m = ct_mask_u64(ct_eq_u32(e + 1, a) & 1u);
            FN(select_pt)(&t, m, &tab[e], &t);
        }
        FN(cond_neg_y)(t.y, neg);
        uint64_t t_inf = ct_mask_u64(ct_is_zero_u32(a) & 1u);
        FN(jadd)(&sum, &acc, &t, 0, &hz, &rz);
        if (i == 0) {  /* the last window: acc = T needs the doubling (constant time: always computed) */
            FN(jdbl)(&d2, &acc);
            FN(select_pt)(&sum, hz & rz & ~acc_inf & ~t_inf, &d2, &sum);
        }
        FN(select_pt)(&sum, acc_inf, &t, &sum);  /* infinity + T = T */
        FN(select_pt)(&acc, t_inf, &acc, &sum);  /* acc + infinity = acc */
        acc_inf &= t_inf;
    }
    FN(jac_to_proj)(r, &acc); /* k = 0 leaves acc = (0:0:0), which comes back as (0:1:0) */
    fips140_wipe(tab, sizeof tab);
    fips140_wipe(&acc, sizeof acc);
    fips140_wipe(&t, sizeof t);
    fips140_wipe(&sum, sizeof sum);
    fips140_wipe(&d2, sizeof d2);
    fips140_wipe(d, sizeof d);
}

/* FN(mul_base_ct) - r = k·G with the comb table tab[COMB_WINDOWS][COMB_ENTRIES][x, y][FE_N] holding the affine
 * j·2^(COMB_W·i)·G, j = 1..COMB_ENTRIES: one mixed addition per signed window and no doublings. Constant time:
 * every entry of a window's row is read, and a zero digit keeps the accumulator by a masked selection. */
static void FN(mul_base_ct)(FE_PT *r, const uint8_t *k, const uint64_t *tab)
{
    FE_PT acc, sum;
    uint64_t x[FE_N], y[FE_N];
    int8_t d[COMB_WINDOWS];
    FN(recode)(d, k, COMB_W, COMB_WINDOWS);
    FN(set_infinity)(&acc);
    for (unsigned i = 0; i < COMB_WINDOWS; i++) {
        const uint64_t *row = tab + (size_t)i * COMB_ENTRIES * 2 * FE_N;
        uint64_t neg;
        uint32_t a = FN(digit_abs)(d[i], &neg);
        memset(x, 0, sizeof x);
        memset(y, 0, sizeof y);
        for (uint32_t e = 0; e < COMB_ENTRIES; e++) {
            uint64_t m = ct_mask_u64(ct_eq_u32(e + 1, a) & 1u);
            const uint64_t *ent = row + (size_t)e * 2 * FE_N;
            for (unsigned j = 0; j < FE_N; j++) {
                x[j] |= ent[j] & m;
                y[j] |= ent[FE_N + j] & m;
            }
        }
        FN(cond_neg_y)(y, neg);
        FN(add_affine)(&sum, &acc, x, y);
        uint64_t keep = ct_mask_u64(ct_is_zero_u32(a) & 1u);  /* digit 0: acc unchanged */
        for (unsigned j = 0; j < FE_N; j++) {
            acc.x[j] = ct_select_u64(keep, acc.x[j], sum.x[j]);
            acc.y[j] = ct_select_u64(keep, acc.y[j], sum.y[j]);
            acc.z[j] = ct_select_u64(keep, acc.z[j], sum.z[j]);
        }
    }
    *r = acc;
    fips140_wipe(&acc, sizeof acc);
    fips140_wipe(&sum, sizeof sum);
    fips140_wipe(x, sizeof x);
    fips140_wipe(y, sizeof y);
    fips140_wipe(d, sizeof d);
}

/* FN(wnaf) - width-WNAF_W non-adjacent form of a public big-endian scalar: digits odd in (-2^(w-1), 2^(w-1)) or 0,
 * least significant first; returns the number of digits. Variable time (verification only). */
static int FN(wnaf)(int8_t *out, const uint8_t *k)
{
    uint64_t v[FE_N + 1];
    FN(from_bytes)(v, k);
    v[FE_N] = 0;
    int len = 0;
    for (;;) {
        int nz = 0;
        for (unsigned j = 0; j <= FE_N; j++) nz |= v[j] != 0;
        if (!nz)
            break;
        int digit = 0;
        if (v[0] & 1) {
            digit = (int)(v[0] & ((1u << WNAF_W) - 1));
            if (digit >= (1 << (WNAF_W - 1)))
                digit -= 1 << WNAF_W;
            /* v -= digit */
            if (digit > 0) {
                uint64_t b = (uint64_t)digit;
                for (unsigned j = 0; j <= FE_N && b; j++) {
                    uint64_t o = v[j];
                    v[j] = o - b;
                    b = o < b;
                }
            } else {
                uint64_t c = (uint64_t)(-digit);
                for (unsigned j = 0; j <= FE_N && c; j++) {
                    v[j] += c;
                    c = v[j] < c;
                }
            }
        }
        out[len++] = (int8_t)digit;
        for (unsigned j = 0; j < FE_N; j++) v[j] = (v[j] >> 1) | (v[j + 1] << 63);
        v[FE_N] >>= 1;
    }
    return len;
}

/* FN(jadd_vartime) - r = p + q in Jacobian coordinates for public points, with the exceptional cases by branches:
 * infinity on either side, p = q (doubling) and p = -q (infinity). */
static void FN(jadd_vartime)(FE_PT *r, const FE_PT *p, const FE_PT *q, int q_affine)
{
    uint64_t hz, rz;
    if (ec_is_zero_mask(p->z, FE_N)) {
        *r = *q;
        if (q_affine)
            memcpy(r->z, FE_ONE, sizeof r->z);
        return;
    }
    FE_PT t;
    FN(jadd)(&t, p, q, q_affine, &hz, &rz);
    if (hz && rz) {
        FE_PT qq = *q;
        if (q_affine)
            memcpy(qq.z, FE_ONE, sizeof qq.z);
        FN(jdbl)(r, &qq);
        return;
    }
    *r = t; /* hz && !rz: p = -q gives Z = 0 */
}

/* FN(mul_double_vartime) - r = u1·G + u2·Q for public u1, u2, Q (ECDSA verification, FIPS 186-5 §6.4.2 step 5),
 * in Jacobian coordinates: u2·Q by a width-WNAF_W NAF over Q, 3Q, ..., 15Q, then u1·G added window by window from
 * the comb table with direct indexes. Variable time. */
static void FN(mul_double_vartime)(FE_PT *r, const uint8_t *u1, const uint8_t *u2, const FE_PT *q,
                                   const uint64_t *tab)
{
    enum { E = 1u << (WNAF_W - 2) };
    FE_PT odd[E], q2, acc, neg;
    int8_t dg[COMB_WINDOWS], naf[8 * FE_BYTES + 1];
    int len = FN(wnaf)(naf, u2);
    FN(proj_to_jac)(&odd[0], q);
    FN(jdbl)(&q2, &odd[0]);
    for (unsigned i = 1; i < E; i++) FN(jadd_vartime)(&odd[i], &odd[i - 1], &q2, 0);
    memset(&acc, 0, sizeof acc);
    for (int i = len - 1; i >= 0; i--) {
        if (!ec_is_zero_mask(acc.z, FE_N))
            FN(jdbl)(&acc, &acc);
        int v = naf[i];
        if (v > 0) {
            FN(jadd_vartime)(&acc, &acc, &odd[v / 2], 0);
        } else if (v < 0) {
            neg = odd[-v / 2];
            FN(cond_neg_y)(neg.y, ~(uint64_t)0);
            FN(jadd_vartime)(&acc, &acc, &neg, 0);
        }
    }
    FN(recode)(dg, u1, COMB_W, COMB_WINDOWS);
    for (unsigned i = 0; i < COMB_WINDOWS; i++) {
        int v = dg[i];
        if (v == 0)
            continue;
        const uint64_t *ent = tab + ((size_t)i * COMB_ENTRIES + (unsigned)(v < 0 ? -v : v) - 1) * 2 * FE_N;
        memcpy(neg.x, ent, sizeof neg.x);
        memcpy(neg.y, ent + FE_N, sizeof neg.y);
        if (v < 0)
            FN(cond_neg_y)(neg.y, ~(uint64_t)0);
        FN(jadd_vartime)(&acc, &acc, &neg, 1);
    }
    FN(jac_to_proj)(r, &acc);
}

#undef COMB_ENTRIES
#undef COMB_WINDOWS
#undef VAR_W
#undef VAR_WINDOWS
#undef WNAF_W
