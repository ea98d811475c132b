/* module/bn/bn_mont_x86.c - modular exponentiation with AVX-512 IFMA (Intel SDM Vol. 2: VPMADD52LUQ / VPMADD52HUQ,
 * "packed multiply of unsigned 52-bit integers and add the low / high 52-bit products to qword accumulators").
 *
 * Numbers are held in radix 2^52, k digits, one per 64-bit lane, zero-padded to whole 8-lane vectors, and multiplied
 * with word-serial almost Montgomery multiplication (AMM; S. Gueron, "Efficient software implementations of modular
 * exponentiation", J. Cryptographic Engineering 2, 2012): with R' = 2^(52k) > 4n, inputs below 2n give
 * a*b/R' mod n below 2n, so no subtraction is needed between multiplications. One row per digit b_i of b:
 * acc += a*b_i; q = acc_0 * (-n^-1) mod 2^52; acc += n*q; acc /= 2^52 (a one-lane shift). The low half of each
 * 52x52-bit product goes to lane j, the high half to lane j+1, i.e. lane j after the shift. Lanes stay redundant
 * (below 2^62: at most four 52-bit terms per row, k <= 158 rows) until one carry pass at the end of the product.
 * q is computed in the vector unit (VPMADD52LUQ by n0, then a broadcast) and the terms that do not depend on q are
 * summed off the serial path, which keeps the chain of one row to two IFMA latencies plus a shift and a broadcast.
 *
 * Constant time: no branch or address depends on a digit or on a secret exponent bit; table reads scan every entry
 * with masks. Only the modulus length, the exponent length and (for bn_mod_exp_vartime) the public exponent's bits
 * decide the sequence of operations. */
#include "bn/bn_x86.h"
#include "core/ct.h"
#include "core/internal.h"

#if FIPS140_X86_64 && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define IFMA_TARGET __attribute__((target("avx512f,avx512ifma")))
#define ALWAYS_INLINE __attribute__((always_inline)) inline
#define MASK52 ((1ull << 52) - 1)
#define MAXK ((64 * BN_MAX_LIMBS + 2 + 51) / 52) /* digits of the largest modulus (158) */
#define MAXV ((MAXK + 7) / 8)                    /* its 8-lane vectors (20) */
#define MAXP (8 * MAXV)                          /* padded digits */
#define TABLE_WORDS 5120                         /* 2^6 entries of <= 10 vectors, or 2^5 of <= 20 */

typedef struct amm_ctx {
    _Alignas(64) uint64_t n[MAXP]; /* the modulus in radix 2^52 */
    uint64_t n0;                   /* -n^-1 mod 2^52 */
    size_t k, v;                   /* digits, vectors */
} amm_ctx;

/* amm_rows - for each of L (1 or 2) independent sets: r = a*b/R' mod n (below 2n for a, b below 2n), digits
 * normalised below 2^52. Two sets interleave two serial chains (the CRT halves of an RSA private operation), which
 * the out-of-order core overlaps. V (vectors) and L are compile-time constants in the instances below so that the
 * arrays live in registers. r may alias a or b. */
static ALWAYS_INLINE IFMA_TARGET void amm_rows(uint64_t *const *r, const uint64_t *const *a, const uint64_t *const *b,
                                               const amm_ctx *const *c, const size_t V, const int L)
{
    const size_t k = c[0]->k; /* the same for both sets */
    const __m512i zero = _mm512_setzero_si512();
    __m512i A[2][MAXV], N[2][MAXV], acc[2][MAXV], x[2][MAXV], n0v[2], bi[2], q0[2];
    for (int l = 0; l < 2; l++) /* defined contents for the compiler's flow analysis; unused ones vanish */
        for (size_t v = 0; v < MAXV; v++)
            A[l][v] = N[l][v] = acc[l][v] = x[l][v] = zero;
#pragma GCC unroll 2
    for (int l = 0; l < L; l++) {
        n0v[l] = _mm512_set1_epi64((long long)c[l]->n0);
#pragma GCC unroll 20
        for (size_t v = 0; v < V; v++) {
            A[l][v] = _mm512_loadu_si512((const void *)(a[l] + 8 * v));
            N[l][v] = _mm512_loadu_si512((const void *)(c[l]->n + 8 * v));
        }
        bi[l] = _mm512_set1_epi64((long long)b[l][0]);
#pragma GCC unroll 20
        for (size_t v = 0; v < V; v++)
            acc[l][v] = _mm512_madd52lo_epu64(zero, A[l][v], bi[l]);
        q0[l] = acc[l][0]; /* lane 0: the accumulator's lane 0, from which q is computed */
    }
    for (size_t i = 0; i < k; i++) {
#pragma GCC unroll 2
        for (int l = 0; l < L; l++) {
            /* the next row's digit (public position) */
            __m512i bn = _mm512_set1_epi64((long long)(i + 1 < k ? b[l][i + 1] : 0));
            __m512i q = _mm512_madd52lo_epu64(zero, q0[l], n0v[l]); /* lane 0: acc_0 * n0 mod 2^52 */
            q = _mm512_broadcastq_epi64(_mm512_castsi512_si128(q));
#pragma GCC unroll 20
            for (size_t v = 0; v < V; v++) {
                /* after the shift lane j gets hi(a_j b_i) + hi(n_j q) and the next row's lo(a_j b_{i+1}) */
                x[l][v] = _mm512_madd52lo_epu64(_mm512_madd52hi_epu64(zero, A[l][v], bi[l]), A[l][v], bn);
                x[l][v] = _mm512_madd52hi_epu64(x[l][v], N[l][v], q);
                acc[l][v] = _mm512_madd52lo_epu64(acc[l][v], N[l][v], q);
            }
            /* lane 0 is now a multiple of 2^52: its carry joins lane 1, which becomes lane 0 */
            __m512i carry = _mm512_add_epi64(_mm512_maskz_srli_epi64(1, acc[l][0], 52), x[l][0]);
            /* the next q needs only the new lane 0: a one-cycle in-lane shuffle (PSHUFD) brings lane 1 there, off
             * the three-cycle cross-lane shift of the whole accumulator */
            q0[l] = _mm512_add_epi64(_mm512_shuffle_epi32(acc[l][0], (_MM_PERM_ENUM)0xee), carry);
            acc[l][0] = _mm512_add_epi64(_mm512_alignr_epi64(acc[l][1 % V], acc[l][0], 1), carry);
#pragma GCC unroll 20
            for (size_t v = 1; v + 1 < V; v++)
                acc[l][v] = _mm512_add_epi64(_mm512_alignr_epi64(acc[l][v + 1], acc[l][v], 1), x[l][v]);
            if (V > 1)
                acc[l][V - 1] = _mm512_add_epi64(_mm512_alignr_epi64(zero, acc[l][V - 1], 1), x[l][V - 1]);
            bi[l] = bn;
        }
    }
#pragma GCC unroll 2
    for (int l = 0; l < L; l++) {
        if (V <= 8) {
            /* carries in the vector unit: two passes of "keep 52 bits, add the lane below's excess" leave every
             * lane at most 2^52; a lane that reaches 2^52 (g) passes 1 on through the lanes equal to 2^52 - 1 (p):
             * as one 64-bit addition over lane bit masks, the lanes that receive a carry are ((g << 1) + p) ^ p. */
            const __m512i m52 = _mm512_set1_epi64((long long)MASK52), one = _mm512_set1_epi64(1);
            for (int pass = 0; pass < 2; pass++) {
                __m512i cy[MAXV];
                for (size_t v = 0; v < MAXV; v++)
                    cy[v] = zero;
#pragma GCC unroll 20
                for (size_t v = 0; v < V; v++) {
                    cy[v] = _mm512_srli_epi64(acc[l][v], 52);
                    acc[l][v] = _mm512_and_si512(acc[l][v], m52);
                }
#pragma GCC unroll 20
                for (size_t v = 0; v < V; v++)
                    acc[l][v] = _mm512_add_epi64(acc[l][v], _mm512_alignr_epi64(cy[v], v ? cy[v - 1] : zero, 7));
            }
            uint64_t g = 0, p = 0;
#pragma GCC unroll 20
            for (size_t v = 0; v < V; v++) {
                g |= (uint64_t)_mm512_cmpgt_epu64_mask(acc[l][v], m52) << (8 * v);
                p |= (uint64_t)_mm512_cmpeq_epu64_mask(acc[l][v], m52) << (8 * v);
            }
            uint64_t cin = ((g << 1) + p) ^ p;
#pragma GCC unroll 20
            for (size_t v = 0; v < V; v++) {
                acc[l][v] = _mm512_mask_add_epi64(acc[l][v], (__mmask8)(cin >> (8 * v)), acc[l][v], one);
                _mm512_storeu_si512((void *)(r[l] + 8 * v), _mm512_and_si512(acc[l][v], m52));
            }
        } else {
            _Alignas(64) uint64_t t[MAXP];
#pragma GCC unroll 20
            for (size_t v = 0; v < V; v++)
                _mm512_storeu_si512((void *)(t + 8 * v), acc[l][v]);
            uint64_t cy = 0; /* each lane is below 2^62 and the carry below 2^12: no overflow */
            for (size_t j = 0; j < 8 * V; j++) {
                cy += t[j];
                r[l][j] = cy & MASK52;
                cy >>= 52;
            }
        }
    }
}

/* amm_fn - L sets of r = a*b/R' (L = 1 for the single-set functions, 2 for the interleaved ones). */
typedef void (*amm_fn)(uint64_t *const *r, const uint64_t *const *a, const uint64_t *const *b,
                       const amm_ctx *const *c);

#define AMM_INSTANCE(V, L)                                                                                           \
    static IFMA_TARGET void amm_##V##x##L(uint64_t *const *r, const uint64_t *const *a, const uint64_t *const *b,   \
                                          const amm_ctx *const *c)                                                   \
    {                                                                                                                \
        amm_rows(r, a, b, c, V, L);                                                                                  \
    }
AMM_INSTANCE(2, 1)  /* 512-bit moduli */
AMM_INSTANCE(3, 1)  /* 1024 (the CRT halves of RSA-2048) */
AMM_INSTANCE(4, 1)  /* 1536 (RSA-3072 halves) */
AMM_INSTANCE(5, 1)  /* 2048 */
AMM_INSTANCE(6, 1)  /* 2560 */
AMM_INSTANCE(8, 1)  /* 3072 */
AMM_INSTANCE(10, 1) /* 4096 */
AMM_INSTANCE(3, 2)  /* both CRT halves of RSA-2048 */
AMM_INSTANCE(4, 2)  /* RSA-3072 */

static IFMA_TARGET void amm_any(uint64_t *const *r, const uint64_t *const *a, const uint64_t *const *b,
                                const amm_ctx *const *c)
{
    amm_rows(r, a, b, c, c[0]->v, 1);
}

/* amm_pick - the function for v vectors and L sets, or NULL (two sets: 3 or 4 vectors only). */
static amm_fn amm_pick(size_t v, int L)
{
    if (L == 2)
        return v == 3 ? amm_3x2 : v == 4 ? amm_4x2 : NULL; /* 5 vectors: measured slower (register spills) */
    switch (v) {
    case 2: return amm_2x1;
    case 3: return amm_3x1;
    case 4: return amm_4x1;
    case 5: return amm_5x1;
    case 6: return amm_6x1;
    case 8: return amm_8x1;
    case 10: return amm_10x1;
    default: return amm_any;
    }
}

/* r = 2r mod n for r < n (constant time). */
static void mod_double(uint64_t *r, const uint64_t *n, size_t nl)
{
    uint64_t hi = r[nl - 1] >> 63;
    for (size_t i = nl - 1; i > 0; i--)
        r[i] = (r[i] << 1) | (r[i - 1] >> 63);
    r[0] <<= 1;
    bn_cond_sub(r, hi, r, n, nl);
}

/* to52 - d[0..kp) = x[0..nl) in radix 2^52 (bit positions are public). */
static void to52(uint64_t *d, size_t kp, const uint64_t *x, size_t nl)
{
    for (size_t j = 0; j < kp; j++) {
        size_t bit = 52 * j, li = bit / 64, sh = bit % 64;
        uint64_t w = li < nl ? x[li] >> sh : 0;
        if (sh > 12 && li + 1 < nl)
            w |= x[li + 1] << (64 - sh);
        d[j] = w & MASK52;
    }
}

/* from52 - x[0..nl) = d[0..kp) mod 2^(64 nl), d normalised. */
static void from52(uint64_t *x, size_t nl, const uint64_t *d, size_t kp)
{
    for (size_t i = 0; i < nl; i++) {
        size_t bit = 64 * i, j = bit / 52, sh = bit % 52;
        uint64_t w = d[j] >> sh;
        if (j + 1 < kp)
            w |= d[j + 1] << (52 - sh);
        if (sh > 40 && j + 2 < kp)
            w |= d[j + 2] << (104 - sh);
        x[i] = w;
    }
}

/* bits [pos, pos+w) of e, those at or above ebits read as zero (pos, w, ebits public) */
static uint32_t window_bits(const uint64_t *e, size_t ebits, size_t pos, unsigned w)
{
    uint32_t r = 0;
    for (unsigned b = 0; b < w; b++) {
        size_t i = pos + b;
        if (i < ebits)
            r |= (uint32_t)((e[i / 64] >> (i % 64)) & 1u) << b;
    }
    return r;
}

/* table_select - out = table[idx] (entries of kp words): every entry is loaded and blended in under a lane mask
 * that is all ones for the wanted entry only (VPCMPEQQ, VPBLENDMQ: no branch, no secret address). */
static IFMA_TARGET void table_select(uint64_t *out, const uint64_t *table, size_t entries, size_t kp, uint32_t idx)
{
    __m512i s[MAXV];
    const size_t nv = kp / 8;
    const __m512i want = _mm512_set1_epi64((long long)idx), step = _mm512_set1_epi64(1);
    __m512i t = _mm512_setzero_si512();
    for (size_t v = 0; v < nv; v++)
        s[v] = _mm512_setzero_si512();
    for (size_t i = 0; i < entries; i++) {
        const __mmask8 k = _mm512_cmpeq_epi64_mask(want, t);
        const uint64_t *e = table + i * kp;
        for (size_t v = 0; v < nv; v++)
            s[v] = _mm512_mask_blend_epi64(k, s[v], _mm512_loadu_si512((const void *)(e + 8 * v)));
        t = _mm512_add_epi64(t, step);
    }
    for (size_t v = 0; v < nv; v++)
        _mm512_storeu_si512((void *)(out + 8 * v), s[v]);
}

/* exp_state - one exponentiation in the R' = 2^(52k) domain. */
typedef struct exp_state {
    amm_ctx c;
    _Alignas(64) uint64_t base[MAXP], one[MAXP], acc[MAXP], sel[MAXP];
} exp_state;

/* ifma_usable - the IFMA path is taken for moduli of at least 8 limbs on CPUs (after FIPS140_CPU) with it. */
static int ifma_usable(size_t nl)
{
    return nl >= 8 && cpu_has(FIPS140_CPU_AVX512F | FIPS140_CPU_AVX512IFMA);
}

/* ctx_init - the modulus of m in radix 2^52 with k = ceil((64 nl + 2) / 52) digits: R' = 2^(52k) > 4n. */
static void ctx_init(amm_ctx *c, const bn_mont *m)
{
    const size_t nl = m->nl;
    c->k = (64 * nl + 2 + 51) / 52;
    c->v = (c->k + 7) / 8;
    c->n0 = m->n0 & MASK52;
    to52(c->n, 8 * c->v, m->n, nl);
}

void bn_mont_init_ifma(bn_mont *m)
{
    _Static_assert(sizeof m->rr52 / sizeof m->rr52[0] >= MAXP, "bn_mont.rr52 too small");
    for (size_t j = 0; j < MAXP; j++)
        m->rr52[j] = 0;
    const size_t nl = m->nl;
    if (!ifma_usable(nl))
        return;
    /* R'^2 = R^2 * 2^(2 delta), delta = 52k - 64nl in [2, 53]: 2 delta doublings of R^2 mod n */
    const size_t k = (64 * nl + 2 + 51) / 52, kp = 8 * ((k + 7) / 8), delta = 52 * k - 64 * nl;
    uint64_t t[BN_MAX_LIMBS];
    for (size_t i = 0; i < nl; i++)
        t[i] = m->rr[i];
    for (size_t i = 0; i < 2 * delta; i++)
        mod_double(t, m->n, nl);
    to52(m->rr52, kp, t, nl);
}

/* exp_begin - set st up for modulus m and base a: the modulus in radix 2^52, the base a R' mod n = AMM(a, R'^2)
 * and 1 in the R' domain, R' mod n = AMM(1, R'^2) (both below 2n). */
static void exp_begin(exp_state *st, const bn_mont *m, const uint64_t *a)
{
    amm_ctx *c = &st->c;
    ctx_init(c, m);
    const size_t kp = 8 * c->v;
    const amm_fn mul = amm_pick(c->v, 1);
    const amm_ctx *cc = c;
    to52(st->sel, kp, a, m->nl);
    mul((uint64_t *const[]){st->base}, (const uint64_t *const[]){st->sel}, (const uint64_t *const[]){m->rr52}, &cc);
    for (size_t j = 0; j < kp; j++)
        st->sel[j] = j == 0;
    mul((uint64_t *const[]){st->one}, (const uint64_t *const[]){st->sel}, (const uint64_t *const[]){m->rr52}, &cc);
}

/* exp_end - r = acc / R' mod n (the AMM by 1 gives at most n; one masked subtraction makes it < n); wipes st. */
static void exp_end(exp_state *st, const bn_mont *m, uint64_t *r, amm_fn mul1)
{
    const size_t kp = 8 * st->c.v;
    const amm_ctx *c = &st->c;
    uint64_t *acc = st->acc;
    for (size_t j = 0; j < kp; j++)
        st->one[j] = j == 0;
    mul1(&acc, (const uint64_t *const[]){acc}, (const uint64_t *const[]){st->one}, &c);
    from52(r, m->nl, acc, kp);
    bn_cond_sub(r, 0, r, m->n, m->nl);
    bn_wipe(st->base, kp);
    bn_wipe(st->acc, kp);
    bn_wipe(st->sel, kp);
}

/* window_size - w for fixed windows over ebits (public) exponent bits: table 2^w entries against ebits/w products */
static unsigned window_size(size_t ebits, size_t v)
{
    return ebits > 1536 && v <= 10 ? 6 : ebits > 256 ? 5 : ebits > 64 ? 4 : 2;
}

int bn_mod_exp_ifma(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *e, size_t ebits, int secret)
{
    if (!ifma_usable(m->nl))
        return -1;
    exp_state st;
    exp_begin(&st, m, a);
    const size_t kp = 8 * st.c.v;
    const amm_fn mul = amm_pick(st.c.v, 1);
    const amm_ctx *c = &st.c;
    uint64_t *acc = st.acc;
    uint64_t *const racc[1] = {acc};
    const uint64_t *const aacc[1] = {acc};
    if (ebits == 0) {
        for (size_t j = 0; j < kp; j++)
            acc[j] = st.one[j];
    } else if (!secret) {
        /* square-and-multiply, left to right, on a public exponent */
        const uint64_t *const abase[1] = {st.base};
        uint64_t top = (e[(ebits - 1) / 64] >> ((ebits - 1) % 64)) & 1u; /* public */
        for (size_t j = 0; j < kp; j++)
            acc[j] = top ? st.base[j] : st.one[j];
        for (size_t i = ebits - 1; i-- > 0;) {
            mul(racc, aacc, aacc, &c);
            if ((e[i / 64] >> (i % 64)) & 1u) /* public exponent only */
                mul(racc, aacc, abase, &c);
        }
    } else {
        /* fixed windows of w bits; every table read scans the whole table */
        _Alignas(64) uint64_t table[TABLE_WORDS]; /* 40 KB */
        const unsigned w = window_size(ebits, st.c.v);
        const size_t entries = (size_t)1 << w, nwin = (ebits + w - 1) / w;
        const uint64_t *const abase[1] = {st.base}, *const asel[1] = {st.sel};
        for (size_t j = 0; j < kp; j++) {
            table[j] = st.one[j];
            table[kp + j] = st.base[j];
        }
        for (size_t i = 2; i < entries; i++)
            mul((uint64_t *const[]){table + i * kp}, (const uint64_t *const[]){table + (i - 1) * kp}, abase, &c);
        table_select(acc, table, entries, kp, window_bits(e, ebits, (nwin - 1) * w, w));
        for (size_t wi = nwin - 1; wi-- > 0;) {
            for (unsigned s = 0; s < w; s++)
                mul(racc, aacc, aacc, &c);
            table_select(st.sel, table, entries, kp, window_bits(e, ebits, wi * w, w));
            mul(racc, aacc, asel, &c);
        }
        bn_wipe(table, entries * kp);
    }
    exp_end(&st, m, r, mul);
    return 0;
}

int bn_mod_exp2_ifma(const bn_mont *m1, uint64_t *r1, const uint64_t *a1, const uint64_t *e1, size_t ebits1,
                     const bn_mont *m2, uint64_t *r2, const uint64_t *a2, const uint64_t *e2, size_t ebits2)
{
    const size_t nl = m1->nl;
    const size_t v = ((64 * nl + 2 + 51) / 52 + 7) / 8;
    if (m2->nl != nl || amm_pick(v, 2) == NULL || !ifma_usable(nl))
        return -1;
    exp_state st[2];
    exp_begin(&st[0], m1, a1);
    exp_begin(&st[1], m2, a2);
    const size_t kp = 8 * v;
    const amm_fn mul2 = amm_pick(v, 2), mul1 = amm_pick(v, 1);
    const amm_ctx *const c[2] = {&st[0].c, &st[1].c};
    const uint64_t *const e[2] = {e1, e2};
    const size_t eb[2] = {ebits1, ebits2};
    const size_t ebits = ebits1 > ebits2 ? ebits1 : ebits2; /* the shorter exponent reads as zero above its bits */
    uint64_t *const racc[2] = {st[0].acc, st[1].acc};
    const uint64_t *const aacc[2] = {st[0].acc, st[1].acc}, *const asel[2] = {st[0].sel, st[1].sel};
    const uint64_t *const abase[2] = {st[0].base, st[1].base};
    if (ebits == 0) {
        for (int l = 0; l < 2; l++)
            for (size_t j = 0; j < kp; j++)
                st[l].acc[j] = st[l].one[j];
    } else {
        _Alignas(64) uint64_t table[2][TABLE_WORDS / 2]; /* 2^6 entries of <= 4 vectors each: 32 KB used */
        const unsigned w = window_size(ebits, v);
        const size_t entries = (size_t)1 << w, nwin = (ebits + w - 1) / w;
        for (int l = 0; l < 2; l++)
            for (size_t j = 0; j < kp; j++) {
                table[l][j] = st[l].one[j];
                table[l][kp + j] = st[l].base[j];
            }
        for (size_t i = 2; i < entries; i++)
            mul2((uint64_t *const[]){table[0] + i * kp, table[1] + i * kp},
                 (const uint64_t *const[]){table[0] + (i - 1) * kp, table[1] + (i - 1) * kp}, abase, c);
        for (int l = 0; l < 2; l++)
            table_select(st[l].acc, table[l], entries, kp, window_bits(e[l], eb[l], (nwin - 1) * w, w));
        for (size_t wi = nwin - 1; wi-- > 0;) {
            for (unsigned s = 0; s < w; s++)
                mul2(racc, aacc, aacc, c);
            for (int l = 0; l < 2; l++)
                table_select(st[l].sel, table[l], entries, kp, window_bits(e[l], eb[l], wi * w, w));
            mul2(racc, aacc, asel, c);
        }
        bn_wipe(table[0], entries * kp);
        bn_wipe(table[1], entries * kp);
    }
    exp_end(&st[0], m1, r1, mul1);
    exp_end(&st[1], m2, r2, mul1);
    return 0;
}

const char *bn_exp_impl(size_t nl)
{
    return ifma_usable(nl) ? "avx512ifma" : "c64";
}

#else
void bn_mont_init_ifma(bn_mont *m)
{
    for (size_t j = 0; j < sizeof m->rr52 / sizeof m->rr52[0]; j++)
        m->rr52[j] = 0;
}

int bn_mod_exp_ifma(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *e, size_t ebits, int secret)
{
    (void)m, (void)r, (void)a, (void)e, (void)ebits, (void)secret;
    return -1;
}

int bn_mod_exp2_ifma(const bn_mont *m1, uint64_t *r1, const uint64_t *a1, const uint64_t *e1, size_t ebits1,
                     const bn_mont *m2, uint64_t *r2, const uint64_t *a2, const uint64_t *e2, size_t ebits2)
{
    (void)m1, (void)r1, (void)a1, (void)e1, (void)ebits1, (void)m2, (void)r2, (void)a2, (void)e2, (void)ebits2;
    return -1;
}

const char *bn_exp_impl(size_t nl)
{
    (void)nl;
    return "c64";
}
#endif
