/* module/sha3/keccak_internal.h - Keccak-p[1600, 24] building blocks shared by the portable permutation
 * (keccak_f1600.c) and the x86-64 tuned ones (keccak_x86.c). FIPS 202 §3.2 (step mappings), §3.3 (Keccak-p),
 * §3.4 (Keccak-f[1600] = Keccak-p[1600, 24]).
 *
 * Lane (x, y) of the state is a[x + 5y] (FIPS 202 §3.1.2, with the lane's bit z at bit z of the uint64_t).
 * A round reads 25 local lanes A##0..A##24 and writes E##0..E##24; two rounds ping-pong between the sets, so
 * no lane is ever copied or indexed by a variable, and the compiler keeps the lanes in registers (or its own
 * spill slots).
 * The round bodies were generated mechanically from FIPS 202 tables 2 (rho offsets) and §3.2.3 (pi) and are
 * checked against hashlib by the tests. */
#ifndef FIPS140_SHA3_KECCAK_INTERNAL_H
#define FIPS140_SHA3_KECCAK_INTERNAL_H

#include <stdint.h>

/* KECCAK_ROL64 - ROT(x, n) of FIPS 202 §3.2.2, 0 < n < 64 (rotation by 0 is never written). */
#define KECCAK_ROL64(x, n) (((x) << (n)) | ((x) >> (64 - (n))))

/* KECCAK_ROUND - Rnd(A, ir) = iota(chi(pi(rho(theta(A))))), FIPS 202 §3.3, with rc = RC[ir] (§3.2.5, precomputed
 * from Algorithm 5; the table below is checked against the LFSR by the tests). chi: A[x] ^= ~A[x+1] & A[x+2]. */
#define KECCAK_ROUND(A, E, rc) \
    do { \
        /* theta (FIPS 202 3.2.1): column parities C[x] and D[x] = C[x-1] ^ ROT(C[x+1], 1) */ \
        uint64_t c0 = A##0 ^ A##5 ^ A##10 ^ A##15 ^ A##20; \
        uint64_t c1 = A##1 ^ A##6 ^ A##11 ^ A##16 ^ A##21; \
        uint64_t c2 = A##2 ^ A##7 ^ A##12 ^ A##17 ^ A##22; \
        uint64_t c3 = A##3 ^ A##8 ^ A##13 ^ A##18 ^ A##23; \
        uint64_t c4 = A##4 ^ A##9 ^ A##14 ^ A##19 ^ A##24; \
        uint64_t d0 = c4 ^ KECCAK_ROL64(c1, 1); \
        uint64_t d1 = c0 ^ KECCAK_ROL64(c2, 1); \
        uint64_t d2 = c1 ^ KECCAK_ROL64(c3, 1); \
        uint64_t d3 = c2 ^ KECCAK_ROL64(c4, 1); \
        uint64_t d4 = c3 ^ KECCAK_ROL64(c0, 1); \
        uint64_t b0, b1, b2, b3, b4; \
        /* output row y = 0: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = A##0 ^ d0; b1 = KECCAK_ROL64(A##6 ^ d1, 44); b2 = KECCAK_ROL64(A##12 ^ d2, 43); \
        b3 = KECCAK_ROL64(A##18 ^ d3, 21); b4 = KECCAK_ROL64(A##24 ^ d4, 14); \
        E##0 = b0 ^ (~b1 & b2) ^ (rc); \
        E##1 = b1 ^ (~b2 & b3); \
        E##2 = b2 ^ (~b3 & b4); \
        E##3 = b3 ^ (~b4 & b0); \
        E##4 = b4 ^ (~b0 & b1); \
        /* output row y = 1: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = KECCAK_ROL64(A##3 ^ d3, 28); b1 = KECCAK_ROL64(A##9 ^ d4, 20); b2 = KECCAK_ROL64(A##10 ^ d0, 3); \
        b3 = KECCAK_ROL64(A##16 ^ d1, 45); b4 = KECCAK_ROL64(A##22 ^ d2, 61); \
        E##5 = b0 ^ (~b1 & b2); \
        E##6 = b1 ^ (~b2 & b3); \
        E##7 = b2 ^ (~b3 & b4); \
        E##8 = b3 ^ (~b4 & b0); \
        E##9 = b4 ^ (~b0 & b1); \
        /* output row y = 2: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = KECCAK_ROL64(A##1 ^ d1, 1); b1 = KECCAK_ROL64(A##7 ^ d2, 6); b2 = KECCAK_ROL64(A##13 ^ d3, 25); \
        b3 = KECCAK_ROL64(A##19 ^ d4, 8); b4 = KECCAK_ROL64(A##20 ^ d0, 18); \
        E##10 = b0 ^ (~b1 & b2); \
        E##11 = b1 ^ (~b2 & b3); \
        E##12 = b2 ^ (~b3 & b4); \
        E##13 = b3 ^ (~b4 & b0); \
        E##14 = b4 ^ (~b0 & b1); \
        /* output row y = 3: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = KECCAK_ROL64(A##4 ^ d4, 27); b1 = KECCAK_ROL64(A##5 ^ d0, 36); b2 = KECCAK_ROL64(A##11 ^ d1, 10); \
        b3 = KECCAK_ROL64(A##17 ^ d2, 15); b4 = KECCAK_ROL64(A##23 ^ d3, 56); \
        E##15 = b0 ^ (~b1 & b2); \
        E##16 = b1 ^ (~b2 & b3); \
        E##17 = b2 ^ (~b3 & b4); \
        E##18 = b3 ^ (~b4 & b0); \
        E##19 = b4 ^ (~b0 & b1); \
        /* output row y = 4: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = KECCAK_ROL64(A##2 ^ d2, 62); b1 = KECCAK_ROL64(A##8 ^ d3, 55); b2 = KECCAK_ROL64(A##14 ^ d4, 39); \
        b3 = KECCAK_ROL64(A##15 ^ d0, 41); b4 = KECCAK_ROL64(A##21 ^ d1, 2); \
        E##20 = b0 ^ (~b1 & b2); \
        E##21 = b1 ^ (~b2 & b3); \
        E##22 = b2 ^ (~b3 & b4); \
        E##23 = b3 ^ (~b4 & b0); \
        E##24 = b4 ^ (~b0 & b1); \
    } while (0)

/* KECCAK_ROUND_LC - the same round on a lane-complemented state (the "lane complementing transform" of the Keccak
 * team's "Keccak implementation overview", its "bebigokimisa" pattern): lanes 1, 2, 8, 12, 17 and 20 are held
 * complemented before and after every round.
 * chi's ~x & y then becomes x | y, x & y or one negated operand, so a round needs 5 NOTs instead of 25.
 * Which of and/or, and which operand is negated, was solved per lane by exhaustive truth tables. */
#define KECCAK_ROUND_LC(A, E, rc) \
    do { \
        /* theta (FIPS 202 3.2.1): column parities C[x] and D[x] = C[x-1] ^ ROT(C[x+1], 1) */ \
        uint64_t c0 = A##0 ^ A##5 ^ A##10 ^ A##15 ^ A##20; \
        uint64_t c1 = A##1 ^ A##6 ^ A##11 ^ A##16 ^ A##21; \
        uint64_t c2 = A##2 ^ A##7 ^ A##12 ^ A##17 ^ A##22; \
        uint64_t c3 = A##3 ^ A##8 ^ A##13 ^ A##18 ^ A##23; \
        uint64_t c4 = A##4 ^ A##9 ^ A##14 ^ A##19 ^ A##24; \
        uint64_t d0 = c4 ^ KECCAK_ROL64(c1, 1); \
        uint64_t d1 = c0 ^ KECCAK_ROL64(c2, 1); \
        uint64_t d2 = c1 ^ KECCAK_ROL64(c3, 1); \
        uint64_t d3 = c2 ^ KECCAK_ROL64(c4, 1); \
        uint64_t d4 = c3 ^ KECCAK_ROL64(c0, 1); \
        uint64_t b0, b1, b2, b3, b4; \
        /* output row y = 0: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = A##0 ^ d0; b1 = KECCAK_ROL64(A##6 ^ d1, 44); b2 = KECCAK_ROL64(A##12 ^ d2, 43); \
        b3 = KECCAK_ROL64(A##18 ^ d3, 21); b4 = KECCAK_ROL64(A##24 ^ d4, 14); \
        { uint64_t nb = ~b2; \
          E##0 = b0 ^ (b1 | b2) ^ (rc); \
          E##1 = b1 ^ (nb | b3); \
          E##2 = b2 ^ (b3 & b4); \
          E##3 = b3 ^ (b4 | b0); \
          E##4 = b4 ^ (b0 & b1); \
        } \
        /* output row y = 1: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = KECCAK_ROL64(A##3 ^ d3, 28); b1 = KECCAK_ROL64(A##9 ^ d4, 20); b2 = KECCAK_ROL64(A##10 ^ d0, 3); \
        b3 = KECCAK_ROL64(A##16 ^ d1, 45); b4 = KECCAK_ROL64(A##22 ^ d2, 61); \
        { uint64_t nb = ~b4; \
          E##5 = b0 ^ (b1 | b2); \
          E##6 = b1 ^ (b2 & b3); \
          E##7 = b2 ^ (b3 | nb); \
          E##8 = b3 ^ (b4 | b0); \
          E##9 = b4 ^ (b0 & b1); \
        } \
        /* output row y = 2: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = KECCAK_ROL64(A##1 ^ d1, 1); b1 = KECCAK_ROL64(A##7 ^ d2, 6); b2 = KECCAK_ROL64(A##13 ^ d3, 25); \
        b3 = KECCAK_ROL64(A##19 ^ d4, 8); b4 = KECCAK_ROL64(A##20 ^ d0, 18); \
        { uint64_t nb = ~b3; \
          E##10 = b0 ^ (b1 | b2); \
          E##11 = b1 ^ (b2 & b3); \
          E##12 = b2 ^ (nb & b4); \
          E##13 = nb ^ (b4 | b0); \
          E##14 = b4 ^ (b0 & b1); \
        } \
        /* output row y = 3: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = KECCAK_ROL64(A##4 ^ d4, 27); b1 = KECCAK_ROL64(A##5 ^ d0, 36); b2 = KECCAK_ROL64(A##11 ^ d1, 10); \
        b3 = KECCAK_ROL64(A##17 ^ d2, 15); b4 = KECCAK_ROL64(A##23 ^ d3, 56); \
        { uint64_t nb = ~b3; \
          E##15 = b0 ^ (b1 & b2); \
          E##16 = b1 ^ (b2 | b3); \
          E##17 = b2 ^ (nb | b4); \
          E##18 = nb ^ (b4 & b0); \
          E##19 = b4 ^ (b0 | b1); \
        } \
        /* output row y = 4: rho + pi (3.2.2, 3.2.3) gather B[x] = ROT(A[(x+3y)%5][x] ^ D, r), then chi (3.2.4) */ \
        b0 = KECCAK_ROL64(A##2 ^ d2, 62); b1 = KECCAK_ROL64(A##8 ^ d3, 55); b2 = KECCAK_ROL64(A##14 ^ d4, 39); \
        b3 = KECCAK_ROL64(A##15 ^ d0, 41); b4 = KECCAK_ROL64(A##21 ^ d1, 2); \
        { uint64_t nb = ~b1; \
          E##20 = b0 ^ (nb & b2); \
          E##21 = nb ^ (b2 | b3); \
          E##22 = b2 ^ (b3 & b4); \
          E##23 = b3 ^ (b4 | b0); \
          E##24 = b4 ^ (b0 & b1); \
        } \
    } while (0)

/* KECCAK_LC_FLIP - complement the six lanes of the KECCAK_ROUND_LC pattern (entry and exit of the permutation). */
#define KECCAK_LC_FLIP(A) \
    do { \
        A##1 = ~A##1; A##2 = ~A##2; A##8 = ~A##8; A##12 = ~A##12; A##17 = ~A##17; A##20 = ~A##20; \
    } while (0)

/* fips140_keccak_rc - the round constants RC[ir], ir = 0..23 (FIPS 202 §3.2.5 Algorithm 6, i.e. rc(t) of
 * Algorithm 5 placed at bit positions 2^j - 1); defined in keccak_f1600.c. */
extern const uint64_t fips140_keccak_rc[24];

/* KECCAK_24_ROUNDS - Keccak-p[1600, 24] (FIPS 202 §3.3 Algorithm 7, ir = 0..23) from the lanes a##* back into
 * a##*, two rounds (a -> e -> a) per iteration. Unrolling all 24 rounds was measured slower with GCC 12 on
 * x86-64 for the plain and lane-complemented rounds (about 24 KiB of straight-line code, which overflows the
 * decoded-instruction cache; 12-20% slower) and no faster for the BMI round, so the loop stays. */
#define KECCAK_24_ROUNDS(ROUND) \
    for (unsigned ir = 0; ir < 24u; ir += 2u) { \
        ROUND(a, e, fips140_keccak_rc[ir]); \
        ROUND(e, a, fips140_keccak_rc[ir + 1u]); \
    }

/* KECCAK_LANES - declare the 25 lane variables A##0..A##24. */
#define KECCAK_LANES(A) \
    uint64_t A##0, A##1, A##2, A##3, A##4; \
    uint64_t A##5, A##6, A##7, A##8, A##9; \
    uint64_t A##10, A##11, A##12, A##13, A##14; \
    uint64_t A##15, A##16, A##17, A##18, A##19; \
    uint64_t A##20, A##21, A##22, A##23, A##24;
/* KECCAK_LOAD / KECCAK_STORE - state array <-> lane variables. */
#define KECCAK_LOAD(A, s) \
    do { \
        A##0 = (s)[0]; A##1 = (s)[1]; A##2 = (s)[2]; A##3 = (s)[3]; A##4 = (s)[4]; \
        A##5 = (s)[5]; A##6 = (s)[6]; A##7 = (s)[7]; A##8 = (s)[8]; A##9 = (s)[9]; \
        A##10 = (s)[10]; A##11 = (s)[11]; A##12 = (s)[12]; A##13 = (s)[13]; A##14 = (s)[14]; \
        A##15 = (s)[15]; A##16 = (s)[16]; A##17 = (s)[17]; A##18 = (s)[18]; A##19 = (s)[19]; \
        A##20 = (s)[20]; A##21 = (s)[21]; A##22 = (s)[22]; A##23 = (s)[23]; A##24 = (s)[24]; \
    } while (0)
#define KECCAK_STORE(s, A) \
    do { \
        (s)[0] = A##0; (s)[1] = A##1; (s)[2] = A##2; (s)[3] = A##3; (s)[4] = A##4; \
        (s)[5] = A##5; (s)[6] = A##6; (s)[7] = A##7; (s)[8] = A##8; (s)[9] = A##9; \
        (s)[10] = A##10; (s)[11] = A##11; (s)[12] = A##12; (s)[13] = A##13; (s)[14] = A##14; \
        (s)[15] = A##15; (s)[16] = A##16; (s)[17] = A##17; (s)[18] = A##18; (s)[19] = A##19; \
        (s)[20] = A##20; (s)[21] = A##21; (s)[22] = A##22; (s)[23] = A##23; (s)[24] = A##24; \
    } while (0)

/* The permutation implementations; fips140_keccak_f1600() (keccak_f1600.c) picks one with cpu_has(). */
void fips140_keccak_f1600_portable(uint64_t a[25]);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
void fips140_keccak_f1600_x86_64(uint64_t a[25]); /* lane complementing, baseline x86-64 */
void fips140_keccak_f1600_bmi(uint64_t a[25]);    /* needs BMI1 (andn) and BMI2 (rorx) */
#endif

#endif
