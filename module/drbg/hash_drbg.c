/* module/drbg/hash_drbg.c - Hash_DRBG (NIST SP 800-90A Rev. 1, June 2015, §10.1.1) with the Hash_df derivation
 * function (§10.3.1), over SHA-1, SHA-2 and SHA-3. seedlen (Table 2): 440 bits for outlen ≤ 256, 888 bits for
 * outlen 384 and 512. Lengths were checked by drbg.c. */
#include <string.h>
#include "drbg_internal.h"

/* seedlen_of - seedlen in bytes for the hash alg (Table 2). */
static uint32_t seedlen_of(uint32_t alg)
{
    return fips140_hash_digest_size((fips140_hash_alg)alg) > 32 ? 111u : 55u;
}

/* hash_df - Hash_df(input_string, no_of_bits_to_return), §10.3.1, input_string = in[0] || in[1] || ...:
 * temp = Hash(counter || no_of_bits_to_return || input_string) for counter = 1, 2, ... (steps 1-4), leftmost
 * out_len bytes (step 5). */
static void hash_df(const drbg_state *s, const drbg_seg *in, size_t nseg, uint8_t *out, size_t out_len)
{
    drbg_md m;
    uint8_t hdr[5], d[FIPS140_HASH_MAX_DIGEST];
    const size_t outlen = s->u.hash.outlen;
    store32_be(hdr + 1, (uint32_t)(out_len * 8));
    hdr[0] = 0x01;
    for (size_t done = 0; done < out_len; done += outlen, hdr[0]++) {
        drbg_md_init(&m, s->mechanism);
        drbg_md_update(&m, hdr, sizeof hdr);
        for (size_t i = 0; i < nseg; i++)
            drbg_md_update(&m, in[i].p, in[i].n);
        drbg_md_final(&m, d);
        memcpy(out + done, d, out_len - done < outlen ? out_len - done : outlen);
    }
    fips140_wipe(&m, sizeof m);
    fips140_wipe(d, sizeof d);
}

/* hash_one - out = Hash(prefix || in[0] || in[1]) for the working hash. */
static void hash_one(const drbg_state *s, uint8_t prefix, const drbg_seg in[2], uint8_t *out)
{
    drbg_md m;
    drbg_md_init(&m, s->mechanism);
    drbg_md_update(&m, &prefix, 1);
    drbg_md_update(&m, in[0].p, in[0].n);
    drbg_md_update(&m, in[1].p, in[1].n);
    drbg_md_final(&m, out);
    fips140_wipe(&m, sizeof m);
}

/* add_mod - v = (v + x) mod 2^(8·vlen), both big-endian, x of xlen ≤ vlen bytes. */
static void add_mod(uint8_t *v, size_t vlen, const uint8_t *x, size_t xlen)
{
    unsigned carry = 0;
    for (size_t i = 0; i < vlen; i++) {
        carry += v[vlen - 1 - i];
        if (i < xlen)
            carry += x[xlen - 1 - i];
        v[vlen - 1 - i] = (uint8_t)carry;
        carry >>= 8;
    }
}

/* new_c - C = Hash_df(0x00 || V, seedlen) (§10.1.1.2 step 4, §10.1.1.3 step 4). */
static void new_c(drbg_state *s)
{
    drbg_hash *h = &s->u.hash;
    static const uint8_t zero = 0x00;
    const drbg_seg in[2] = {{&zero, 1}, {h->v, h->seedlen}};
    hash_df(s, in, 2, h->c, h->seedlen);
}

/* hash_drbg_instantiate - §10.1.1.2: V = Hash_df(entropy_input || nonce || personalization_string, seedlen),
 * C = Hash_df(0x00 || V, seedlen). */
void hash_drbg_instantiate(drbg_state *s, const drbg_seg in[3])
{
    drbg_hash *h = &s->u.hash;
    h->outlen = (uint32_t)fips140_hash_digest_size((fips140_hash_alg)s->mechanism);
    h->seedlen = seedlen_of(s->mechanism);
    hash_df(s, in, 3, h->v, h->seedlen);  /* steps 1-3 */
    new_c(s);                             /* step 4 */
}

/* hash_drbg_reseed - §10.1.1.3: V = Hash_df(0x01 || V || entropy_input || additional_input, seedlen), new C. */
void hash_drbg_reseed(drbg_state *s, const uint8_t *entropy, size_t entropy_len, const uint8_t *add, size_t add_len)
{
    drbg_hash *h = &s->u.hash;
    uint8_t seed[DRBG_HASH_MAX_SEEDLEN];
    static const uint8_t one = 0x01;
    const drbg_seg in[4] = {{&one, 1}, {h->v, h->seedlen}, {entropy, entropy_len}, {add, add_len}};
    hash_df(s, in, 4, seed, h->seedlen);  /* steps 1-2 */
    memcpy(h->v, seed, h->seedlen);       /* step 3 */
    new_c(s);                             /* step 4 */
    fips140_wipe(seed, sizeof seed);
}

/* hashgen - Hashgen(requested_number_of_bits, V), §10.1.1.4: Hash(data), data + 1, ... */
static void hashgen(const drbg_state *s, uint8_t *out, size_t out_len)
{
    const drbg_hash *h = &s->u.hash;
    uint8_t data[DRBG_HASH_MAX_SEEDLEN], w[FIPS140_HASH_MAX_DIGEST];
    static const uint8_t one = 0x01;
    drbg_md m;
    memcpy(data, h->v, h->seedlen);                       /* step 2 */
    while (out_len != 0) {                                /* step 4 */
        size_t take = out_len < h->outlen ? out_len : h->outlen;
        drbg_md_init(&m, s->mechanism);
        drbg_md_update(&m, data, h->seedlen);
        drbg_md_final(&m, w);                             /* step 4.1 */
        memcpy(out, w, take);                             /* step 4.2 */
        out += take;
        out_len -= take;
        add_mod(data, h->seedlen, &one, 1);               /* step 4.3 */
    }
    fips140_wipe(&m, sizeof m);
    fips140_wipe(data, sizeof data);
    fips140_wipe(w, sizeof w);
}

/* hash_drbg_generate - §10.1.1.4 steps 2-6 (step 1, the reseed check, and step 7 are in drbg.c); uses the
 * reseed_counter before drbg.c increments it. */
void hash_drbg_generate(drbg_state *s, uint8_t *out, size_t out_len, const uint8_t *add, size_t add_len)
{
    drbg_hash *h = &s->u.hash;
    uint8_t w[FIPS140_HASH_MAX_DIGEST], cnt[8];
    const drbg_seg v_seg = {h->v, h->seedlen};
    if (add_len != 0) {                                   /* step 2: w = Hash(0x02 || V || additional_input) */
        const drbg_seg in[2] = {v_seg, {add, add_len}};
        hash_one(s, 0x02, in, w);
        add_mod(h->v, h->seedlen, w, h->outlen);          /* V = (V + w) mod 2^seedlen */
    }
    hashgen(s, out, out_len);                             /* step 3 */
    const drbg_seg in3[2] = {v_seg, {NULL, 0}};
    hash_one(s, 0x03, in3, w);                            /* step 4: H = Hash(0x03 || V) */
    store64_be(cnt, s->reseed_counter);
    add_mod(h->v, h->seedlen, w, h->outlen);              /* step 5: V = (V + H + C + reseed_counter) */
    add_mod(h->v, h->seedlen, h->c, h->seedlen);
    add_mod(h->v, h->seedlen, cnt, sizeof cnt);
    fips140_wipe(w, sizeof w);
}
