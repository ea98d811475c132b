/* module/aes/aes.c - AES (FIPS 197): key expansion, implementation dispatch, fips140_aes_key_init.
 *
 * Implementations: aes_vaes.c (VAES on 256-bit registers), aes_ni.c (AES-NI), aes_ct64.c (portable, constant
 * time). The path is chosen at key setup from the CPU features (cpu_has, masked by FIPS140_CPU) and recorded in
 * the schedule; every schedule also carries the portable form and the FIPS 197 round keys, so any path can use
 * any key. The modes of SP 800-38A are in aes_modes.c. */
#include <string.h>
#include "aes_internal.h"

_Static_assert(sizeof(aes_sched) <= sizeof(((fips140_aes_key *)0)->opaque), "aes_sched must fit in fips140_aes_key");
_Static_assert(_Alignof(aes_sched) <= _Alignof(fips140_aes_key), "aes_sched alignment");

#define AES_NI_FEATURES (FIPS140_CPU_AESNI | FIPS140_CPU_SSSE3 | FIPS140_CPU_SSE41)
#define AES_VAES_FEATURES (AES_NI_FEATURES | FIPS140_CPU_VAES | FIPS140_CPU_AVX2)

/* fips140_aes_impl - the implementation a key set up now would use. */
const char *fips140_aes_impl(void)
{
#if FIPS140_X86_64
    if (cpu_has(AES_VAES_FEATURES))
        return "vaes-avx2";
    if (cpu_has(AES_NI_FEATURES))
        return "aesni";
#endif
    return "ct64";
}

/* xtime - multiplication by x in GF(2^8) (FIPS 197 §4.2.1), without a secret-dependent branch. */
static inline uint8_t xtime(uint8_t b)
{
    return (uint8_t)((b << 1) ^ (0x1b & (0u - (uint32_t)(b >> 7))));
}

/* xtime4 - xtime on each byte of a word. */
static inline uint32_t xtime4(uint32_t w)
{
    return ((w & 0x7f7f7f7fu) << 1) ^ (((w >> 7) & 0x01010101u) * 0x1bu);
}
static inline uint32_t rotl32(uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }

/* inv_mix_column - InvMixColumns (FIPS 197 §5.3.3) on one column held big-endian in w (a_0 in the top byte):
 * a'_i = 0e·a_i + 0b·a_(i+1) + 0d·a_(i+2) + 09·a_(i+3); rotating left by 8 brings a_(i+1) to a_i's place. */
static uint32_t inv_mix_column(uint32_t w)
{
    uint32_t x2 = xtime4(w), x4 = xtime4(x2), x8 = xtime4(x4);
    uint32_t e = x8 ^ x4 ^ x2, b = x8 ^ x2 ^ w, d = x8 ^ x4 ^ w, n = x8 ^ w;
    return e ^ rotl32(b, 8) ^ rotl32(d, 16) ^ rotl32(n, 24);
}

/* sub_word - SubWord() of FIPS 197 §5.2, constant time on every path. */
static inline uint32_t sub_word(uint32_t w, int ni)
{
#if FIPS140_X86_64
    if (ni)
        return aes_ni_sub_word(w);
#endif
    (void)ni;
    return aes_ct64_sub_word(w);
}

/* expand_enc - FIPS 197 §5.2 KeyExpansion() into w[] and ks->rk_enc; sets ks->nr and the path flags. SubWord() is
 * AESKEYGENASSIST or the bitsliced S-box, so the key never indexes memory. */
static void expand_enc(aes_sched *ks, uint32_t w[60], const uint8_t *key, size_t klen)
{
    const unsigned nk = (unsigned)(klen / 4), nr = nk + 6, nw = 4 * (nr + 1);
    uint8_t rcon = 1;

    ks->nr = nr;
#if FIPS140_X86_64
    ks->use_ni = cpu_has(AES_NI_FEATURES) ? 1u : 0u;
    ks->use_vaes = cpu_has(AES_VAES_FEATURES) ? 1u : 0u;
#endif
    for (unsigned i = 0; i < nk; i++)
        w[i] = load32_be(key + 4 * i);
    for (unsigned i = nk; i < nw; i++) {
        uint32_t t = w[i - 1];
        if (i % nk == 0) {
            t = sub_word((t << 8) | (t >> 24), (int)ks->use_ni) ^ ((uint32_t)rcon << 24);  /* RotWord, SubWord, Rcon */
            rcon = xtime(rcon);
        } else if (nk > 6 && i % nk == 4) {
            t = sub_word(t, (int)ks->use_ni);
        }
        w[i] = w[i - nk] ^ t;
    }
    for (unsigned i = 0; i < nw; i++)
        store32_be(&ks->rk_enc[i / 4][4 * (i % 4)], w[i]);
}

/* aes_sched_init - the encryption round keys, the equivalent inverse cipher's keys (§5.3.5) and the portable
 * bitsliced form. */
void aes_sched_init(aes_sched *ks, const uint8_t *key, size_t klen)
{
    uint32_t w[60];
    memset(ks, 0, sizeof *ks);
    expand_enc(ks, w, key, klen);
    const unsigned nr = ks->nr;

    /* §5.3.5: dw[round] = InvMixColumns(w[round]) for the middle rounds, in decryption order. */
    memcpy(ks->rk_dec[0], ks->rk_enc[nr], 16);
    for (unsigned r = 1; r < nr; r++)
        for (unsigned c = 0; c < 4; c++)
            store32_be(&ks->rk_dec[r][4 * c], inv_mix_column(w[4 * (nr - r) + c]));
    memcpy(ks->rk_dec[nr], ks->rk_enc[0], 16);

    aes_ct64_schedule(ks);
    fips140_wipe(w, sizeof w);
}

/* aes_sched_init_enc - a schedule for encryption only (CTR, GCM, CTR_DRBG's per-request rekeying): on the AES-NI
 * paths just rk_enc, about 20 times cheaper than aes_sched_init; the portable path needs its bitsliced form, so
 * there it is the full aes_sched_init. rk_dec is left zero: never decrypt with such a schedule. */
void aes_sched_init_enc(aes_sched *ks, const uint8_t *key, size_t klen)
{
#if FIPS140_X86_64
    if (cpu_has(AES_NI_FEATURES)) {
        uint32_t w[60];
        memset(ks, 0, sizeof *ks);
        expand_enc(ks, w, key, klen);
        fips140_wipe(w, sizeof w);
        return;
    }
#endif
    aes_sched_init(ks, key, klen);
}

/* ---- Block-level dispatch. */

void aes_encrypt_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
#if FIPS140_X86_64
    if (ks->use_vaes) { aes_vaes_ecb_encrypt(ks, out, in, nblocks); return; }
    if (ks->use_ni) { aes_ni_ecb_encrypt(ks, out, in, nblocks); return; }
#endif
    aes_ct64_ecb_encrypt(ks, out, in, nblocks);
}

void aes_decrypt_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
#if FIPS140_X86_64
    if (ks->use_vaes) { aes_vaes_ecb_decrypt(ks, out, in, nblocks); return; }
    if (ks->use_ni) { aes_ni_ecb_decrypt(ks, out, in, nblocks); return; }
#endif
    aes_ct64_ecb_decrypt(ks, out, in, nblocks);
}

void aes_ctr32_xor(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16])
{
#if FIPS140_X86_64
    if (ks->use_vaes) { aes_vaes_ctr(ks, out, in, nblocks, ctr, 1); return; }
    if (ks->use_ni) { aes_ni_ctr(ks, out, in, nblocks, ctr, 1); return; }
#endif
    aes_ct64_ctr(ks, out, in, nblocks, ctr, 1);
}

void aes_ctr128_xor(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16])
{
#if FIPS140_X86_64
    if (ks->use_vaes) { aes_vaes_ctr(ks, out, in, nblocks, ctr, 0); return; }
    if (ks->use_ni) { aes_ni_ctr(ks, out, in, nblocks, ctr, 0); return; }
#endif
    aes_ct64_ctr(ks, out, in, nblocks, ctr, 0);
}

void aes_cbc_encrypt_blocks(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks)
{
#if FIPS140_X86_64
    if (ks->use_ni) { aes_ni_cbc_encrypt(ks, iv, out, in, nblocks); return; }  /* serial: VAES cannot help */
#endif
    aes_ct64_cbc_encrypt(ks, iv, out, in, nblocks);
}

void aes_cbc_decrypt_blocks(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks)
{
#if FIPS140_X86_64
    if (ks->use_vaes) { aes_vaes_cbc_decrypt(ks, iv, out, in, nblocks); return; }
    if (ks->use_ni) { aes_ni_cbc_decrypt(ks, iv, out, in, nblocks); return; }
#endif
    aes_ct64_cbc_decrypt(ks, iv, out, in, nblocks);
}

/* ---- Public: key setup. */

fips140_status fips140_aes_key_init(fips140_aes_key *key, const uint8_t *k, size_t klen)
{
    fips140_status st = fips140_service_begin(CAST_AES_ECB);
    if (st != FIPS140_OK)
        return st;
    if (key == NULL || k == NULL)
        return FIPS140_ERR_NULL;
    if (klen != 16 && klen != 24 && klen != 32)
        return FIPS140_ERR_KEY_LENGTH;
    aes_sched_init(aes_sched_of(key), k, klen);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}
