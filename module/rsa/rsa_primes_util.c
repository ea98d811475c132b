/* module/rsa/rsa_primes_util.c - helpers of the FIPS 186-5 Appendix A.1 prime generators: a small-prime sieve that
 * follows a candidate along its arithmetic progression, products and remainders of limb vectors (through rsa_mul
 * and rsa_divmod, constant time), gcd tests, the sqrt(2) * 2^(L-1) bound of A.1.1 / B.9 / B.10, random integers of
 * a given length, and the search for the first probable prime from a starting value (A.1.6 steps 4.2 / 5.2). */
#include <string.h>
#include <fips140/fips140.h>
#include <fips140/rand.h>

#include "rsa_primes_local.h"
#include "../core/ct.h"

/* the 308 odd primes below 2048 */
const uint16_t rp_small[RP_SMALL_MAX] = {
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
    61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137,
    139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227,
    229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313,
    317, 331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419,
    421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509,
    521, 523, 541, 547, 557, 563, 569, 571, 577, 587, 593, 599, 601, 607, 613, 617,
    619, 631, 641, 643, 647, 653, 659, 661, 673, 677, 683, 691, 701, 709, 719, 727,
    733, 739, 743, 751, 757, 761, 769, 773, 787, 797, 809, 811, 821, 823, 827, 829,
    839, 853, 857, 859, 863, 877, 881, 883, 887, 907, 911, 919, 929, 937, 941, 947,
    953, 967, 971, 977, 983, 991, 997, 1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051,
    1061, 1063, 1069, 1087, 1091, 1093, 1097, 1103, 1109, 1117, 1123, 1129, 1151, 1153, 1163, 1171,
    1181, 1187, 1193, 1201, 1213, 1217, 1223, 1229, 1231, 1237, 1249, 1259, 1277, 1279, 1283, 1289,
    1291, 1297, 1301, 1303, 1307, 1319, 1321, 1327, 1361, 1367, 1373, 1381, 1399, 1409, 1423, 1427,
    1429, 1433, 1439, 1447, 1451, 1453, 1459, 1471, 1481, 1483, 1487, 1489, 1493, 1499, 1511, 1523,
    1531, 1543, 1549, 1553, 1559, 1567, 1571, 1579, 1583, 1597, 1601, 1607, 1609, 1613, 1619, 1621,
    1627, 1637, 1657, 1663, 1667, 1669, 1693, 1697, 1699, 1709, 1721, 1723, 1733, 1741, 1747, 1753,
    1759, 1777, 1783, 1787, 1789, 1801, 1811, 1823, 1831, 1847, 1861, 1867, 1871, 1873, 1877, 1879,
    1889, 1901, 1907, 1913, 1931, 1933, 1949, 1951, 1973, 1979, 1987, 1993, 1997, 1999, 2003, 2011,
    2017, 2027, 2029, 2039,
};
const size_t rp_nsmall = 308;

/* floor(sqrt(2) * 2^4095), least significant limb first (the integer square root of 2^8191) */
static const uint64_t sqrt2_4096[64] = {
    0xf87c7991d9b140e9ull, 0x73c1bb548e046353ull, 0x3d7abb8dc12d9850ull, 0x2f94f645f2e395c0ull,
    0xbbc67b01a86817f4ull, 0x2a8706aa88b44318ull, 0xa6b04956709055c7ull, 0xd4ccdb64f1e738fcull,
    0x9ffe11229a1cf54bull, 0x9bd3039791011a30ull, 0xecc57738f2171346ull, 0x5370806676e1672dull,
    0xb8eb050fc4478450ull, 0xd9f17902db9392dcull, 0xdeae134242ed2f48ull, 0xffababf23884c066ull,
    0x06e86336a418ff3full, 0x545ab5820feaef37ull, 0x79246344e3005da0ull, 0xf7b7e36f488a515aull,
    0x61a094a16b203080ull, 0x2e6acb96e07f9aa0ull, 0xdd4ed1a3b3423cb6ull, 0x4211eb71c181ec80ull,
    0x0ed4822e1e899d03ull, 0x77dac64cc266eb85ull, 0x3f48185f107dbb4aull, 0x8775190fba44fa35ull,
    0xef744894c1ea7556ull, 0xdb8fc16e69481b04ull, 0x85ac27da43e4927aull, 0x485f3b494d82bc60ull,
    0x4d7c60a5e633e3e1ull, 0x5fcf8f7bca3ea33bull, 0xc246785e92957023ull, 0xf9acce41797f2805ull,
    0xfdfe170fd3b1f780ull, 0xd24f4a763facb882ull, 0x18838a2eaff5f3b2ull, 0xc1fcbddea2f7dc33ull,
    0xdea06241f7aa81c2ull, 0xf6a1be3fca221307ull, 0x332a5e9f7bda1ebfull, 0x0104dc01fe32352full,
    0xb8cf341b6f8236c7ull, 0x4264dabcd528b651ull, 0xf4d3a02cebc93e0cull, 0x81394ab6d8fd0efdull,
    0xeaa4a0899040ca4aull, 0xf52f120f836e582eull, 0xcb2a634331f3c84dull, 0xc6d5a8a38bb7e9dcull,
    0x460abc722f7c4e33ull, 0xcab1bc911688458aull, 0x53059c6011bc337bull, 0xd2202e8742af1f4eull,
    0x780487363dfa2768ull, 0x0f74a85e439c7b4aull, 0xa8b1fe6fdc83db39ull, 0x4afc83043ab8a2c3ull,
    0xed17ac8583339915ull, 0x1d6f60ba893ba84cull, 0x597d89b3754abe9full, 0xb504f333f9de6484ull,
};

uint32_t rp_mod_small(const uint64_t *a, size_t n, uint32_t m)
{
    return bn_mod_word_ct(a, n, m, bn_mod_word_recip(m));
}

void rp_sieve_init(rp_sieve *s, const uint64_t *c, size_t n, const uint64_t *d, size_t dn)
{
    for (size_t i = 0; i < rp_nsmall; i++) {
        s->rc[i] = bn_mod_word_recip(rp_small[i]);
        s->r[i] = (uint16_t)bn_mod_word_ct(c, n, rp_small[i], s->rc[i]);
        s->d[i] = (uint16_t)bn_mod_word_ct(d, dn, rp_small[i], s->rc[i]);
    }
}

void rp_sieve_step(rp_sieve *s, unsigned k)
{
    for (size_t i = 0; i < rp_nsmall; i++)
        s->r[i] = (uint16_t)bn_mod_u64_ct((uint64_t)s->r[i] + (uint64_t)k * s->d[i], rp_small[i], s->rc[i]);
}

int rp_sieve_composite(const rp_sieve *s)
{
    /* a rejected candidate is discarded; only "no small factor" lets a candidate go on */
    unsigned z = 0;
    for (size_t i = 0; i < rp_nsmall; i++)
        z |= s->r[i] == 0;
    return (int)z;
}

size_t rp_bits(const uint64_t *a, size_t n)
{
    return bn_bits_vartime(a, n);
}

void rp_copy(uint64_t *r, size_t rn, const uint64_t *a, size_t an)
{
    for (size_t i = 0; i < rn; i++)
        r[i] = i < an ? a[i] : 0;
}

uint64_t rp_add_word(uint64_t *a, size_t n, uint64_t w)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t t = a[i] + w;
        w = t < w;
        a[i] = t;
    }
    return w;
}

void rp_shl1(uint64_t *a, size_t n)
{
    for (size_t i = n; i-- > 1;)
        a[i] = (a[i] << 1) | (a[i - 1] >> 63);
    a[0] <<= 1;
}

void rp_mul(uint64_t *r, size_t rn, const uint64_t *a, size_t an, const uint64_t *b, size_t bn)
{
    uint64_t t[2 * BN_MAX_LIMBS];
    rsa_mul(t, a, an, b, bn);
    rp_copy(r, rn, t, an + bn);
    bn_wipe(t, an + bn);
}

void rp_mod(uint64_t *r, const uint64_t *a, size_t an, const uint64_t *m, size_t mn)
{
    rsa_divmod(NULL, r, a, an, m, mn);
}

void rp_div_ceil(uint64_t *q, const uint64_t *a, size_t an, const uint64_t *m, size_t mn)
{
    uint64_t t[2 * BN_MAX_LIMBS + 1], rem[2 * BN_MAX_LIMBS], mm1[2 * BN_MAX_LIMBS + 1], one[2 * BN_MAX_LIMBS + 1];
    size_t tn = (an > mn ? an : mn) + 1;
    rp_copy(t, tn, a, an);
    rp_copy(mm1, tn, m, mn);
    bn_set_word(one, 1, tn);
    (void)bn_sub(mm1, mm1, one, tn); /* m - 1 (m >= 1) */
    (void)bn_add(t, t, mm1, tn);
    uint64_t quo[2 * BN_MAX_LIMBS + 1];
    rsa_divmod(quo, rem, t, tn, m, mn);
    rp_copy(q, an, quo, tn);
    bn_wipe(t, tn);
    bn_wipe(quo, tn);
    bn_wipe(rem, mn);
}

int rp_gcd_is_one(const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t g[RP_LIMBS], one[RP_LIMBS];
    bn_gcd_odd(g, a, b, n);
    bn_set_word(one, 1, n);
    int r = (int)(bn_eq_mask(g, one, n) & 1u);
    bn_wipe(g, n);
    return r;
}

int rp_gcd_e_is_one(const uint64_t *w, size_t n, const uint64_t *e, size_t el)
{
    uint64_t t[RP_LIMBS], r[4], one[RP_LIMBS];
    rp_copy(t, n, w, n);
    bn_set_word(one, 1, n);
    (void)bn_sub(t, t, one, n); /* w - 1 */
    rp_mod(r, t, n, e, el);                        /* gcd(w - 1, e) = gcd((w - 1) mod e, e) */
    int ok = rp_gcd_is_one(r, e, el);
    bn_wipe(t, n);
    bn_wipe(r, el);
    return ok;
}

void rp_sqrt2_bound(uint64_t *r, size_t L)
{
    const size_t n = rp_limbs(L), sh = 4096 - L, ls = sh / 64, bs = sh % 64;
    for (size_t i = 0; i < n; i++) { /* floor(sqrt(2) * 2^(L-1)) = the top L bits of the 4096-bit floor */
        uint64_t lo = i + ls < 64 ? sqrt2_4096[i + ls] >> bs : 0;
        uint64_t hi = (bs && i + ls + 1 < 64) ? sqrt2_4096[i + ls + 1] << (64 - bs) : 0;
        r[i] = lo | hi;
    }
    (void)rp_add_word(r, n, 1); /* sqrt(2) * 2^(L-1) is irrational: the ceiling is the floor plus one */
}

int rp_random_bits(uint64_t *r, size_t bits, int odd)
{
    uint8_t buf[RP_LIMBS * 8];
    const size_t n = rp_limbs(bits);
    if (fips140_rand_bytes(buf, n * 8) != FIPS140_OK)
        return -1;
    (void)bn_from_bytes(r, n, buf, n * 8);
    fips140_wipe(buf, sizeof buf);
    if (bits % 64)
        r[n - 1] &= (1ull << (bits % 64)) - 1u;
    r[(bits - 1) / 64] |= 1ull << ((bits - 1) % 64);
    if (odd)
        r[0] |= 1u;
    return 0;
}

int rp_mr_rounds_aux(size_t nlen)
{
    /* FIPS 186-5 Table B.1, auxiliary primes with the 2^-security-strength error bound: 38 / 41 / 44 rounds for
     * nlen 2048 / 3072 / 4096 (44 above) */
    return nlen <= 2048 ? 38 : nlen <= 3072 ? 41 : 44;
}

int rp_first_probable_prime(uint64_t *p, const uint64_t *x, size_t n, int rounds)
{
    const size_t bits = rp_bits(x, n);
    if (bits < 64 || rp_limbs(bits) != n || (x[0] & 1u) == 0)
        return RSA_PRIMES_BAD_PARAMS;
    rp_sieve s;
    uint64_t two = 2;
    rp_copy(p, n, x, n);
    rp_sieve_init(&s, p, n, &two, 1);
    for (size_t i = 0; i < 100 * bits; i++) {
        if (!rp_sieve_composite(&s)) {
            int v = bn_miller_rabin(p, n, rounds);
            if (v < 0)
                return RSA_PRIMES_RNG;
            if (v == 1)
                return RSA_PRIMES_OK;
        }
        if (rp_add_word(p, n, 2) != 0)
            break;
        rp_sieve_step(&s, 1);
    }
    bn_wipe(p, n);
    return RSA_PRIMES_FAIL;
}
