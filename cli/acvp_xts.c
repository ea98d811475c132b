/* cli/acvp_xts.c - ACVP handler for ACVP-AES-XTS revisions 1.0 and 2.0 (ACVP symmetric spec, usnistgov/ACVP
 * src/symmetric, XTS sections; SP 800-38E, IEEE Std 1619-2018).
 *
 * Fields: "key" is Key1 || Key2; "tweakMode" "hex" gives the 128-bit tweak in "tweakValue", "number" gives the data
 * unit sequence number in "sequenceNumber", used as a 16-byte little-endian tweak (IEEE 1619 §5.1). Lengths are in
 * bits: "payloadLen" (group field in 1.0, test field in 2.0) and, in 2.0, "dataUnitLen": the payload is a
 * sequence of data units of dataUnitLen bits (the last one may be shorter) and the tweak is incremented by one,
 * as a 128-bit little-endian integer (IEEE 1619 byte order; checked against the NIST sample answers), for each
 * next data unit, in both tweak modes. A data unit
 * of whole bytes goes to fips140_aes_xts_* in one call. IEEE 1619 also allows data units whose length is not a
 * whole number of bytes; for those this file performs the bit-level ciphertext stealing (§5.3.2, §5.4.2) itself
 * and gets every block transformation from the module: block j of a data unit under its tweak is read as the
 * last block of a (j+1)-block module call. */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/module.h"
#include "fips140/xts.h"

static int xts_match(acvp_set *set)
{
    if (strcmp(set->algorithm, "ACVP-AES-XTS") != 0) return 0;
    if (set->mode && *set->mode) return 0;
    if (strcmp(set->revision, "1.0") == 0) set->alg = 1;
    else if (strcmp(set->revision, "2.0") == 0) set->alg = 2;
    else return 0;
    return 1;
}

/* get_bit / put_bit - bit i (MSB first) of a byte string. */
static int get_bit(const uint8_t *p, unsigned long long i) { return (p[i / 8] >> (7 - i % 8)) & 1; }
static void put_bit(uint8_t *p, unsigned long long i, int v)
{
    uint8_t m = (uint8_t)(0x80u >> (i % 8));
    p[i / 8] = (uint8_t)(v ? (p[i / 8] | m) : (p[i / 8] & ~m));
}

/* one_block - block j of a data unit under tweak through the module: out16 = XTS-block(in16, T_j). */
static fips140_status one_block(const fips140_aes_xts_ctx *ctx, int enc, const uint8_t tweak[16], size_t j,
                                const uint8_t in16[16], uint8_t out16[16])
{
    size_t n = 16 * (j + 1);
    uint8_t *buf = calloc(1, n);
    fips140_status st;
    if (!buf) return FIPS140_ERR_NULL;
    memcpy(buf + n - 16, in16, 16);
    st = enc ? fips140_aes_xts_encrypt(ctx, buf, buf, n, tweak) : fips140_aes_xts_decrypt(ctx, buf, buf, n, tweak);
    memcpy(out16, buf + n - 16, 16);
    free(buf);
    return st;
}

/* data_unit - one data unit of bits bits (>= 128) at in (MSB-first, byte aligned) into out. */
static fips140_status data_unit(const fips140_aes_xts_ctx *ctx, int enc, const uint8_t tweak[16], uint8_t *out,
                                const uint8_t *in, unsigned long long bits)
{
    size_t m = (size_t)(bits / 128), b = (size_t)(bits % 128), i;
    uint8_t cc[16], pp[16], last[16];
    fips140_status st;
    if (bits % 8 == 0)
        return enc ? fips140_aes_xts_encrypt(ctx, out, in, (size_t)(bits / 8), tweak)
                   : fips140_aes_xts_decrypt(ctx, out, in, (size_t)(bits / 8), tweak);
    /* Blocks 0 .. m-2 are plain XTS blocks. */
    if (m >= 2) {
        st = enc ? fips140_aes_xts_encrypt(ctx, out, in, 16 * (m - 1), tweak)
                 : fips140_aes_xts_decrypt(ctx, out, in, 16 * (m - 1), tweak);
        if (st != FIPS140_OK) return st;
    }
    memset(last, 0, sizeof last);
    memcpy(last, in + 16 * m, (b + 7) / 8);
    /* Encryption (§5.3.2): CC = block(P_(m-1), T_(m-1)); C_m = first b bits of CC; PP = P_m || the rest of CC;
     * C_(m-1) = block(PP, T_m). Decryption (§5.4.2): PP = block^-1(C_(m-1), T_m); P_m = first b bits of PP;
     * CC = C_m || the rest of PP; P_(m-1) = block^-1(CC, T_(m-1)). The two cases share the shape. */
    st = one_block(ctx, enc, tweak, enc ? m - 1 : m, in + 16 * (m - 1), cc);
    if (st != FIPS140_OK) return st;
    memcpy(pp, cc, 16);
    for (i = 0; i < b; i++) put_bit(pp, i, get_bit(last, i));
    st = one_block(ctx, enc, tweak, enc ? m : m - 1, pp, out + 16 * (m - 1));
    if (st != FIPS140_OK) return st;
    memset(out + 16 * m, 0, (b + 7) / 8);
    for (i = 0; i < b; i++) put_bit(out + 16 * m, i, get_bit(cc, i));
    return FIPS140_OK;
}

/* tweak_inc - the tweak plus one as a 128-bit little-endian integer (IEEE 1619 §5.1 byte order). */
static void tweak_inc(uint8_t t[16])
{
    for (int i = 0; i < 16; i++)
        if (++t[i] != 0) break;
}

/* xts_tweak - the test's tweak from tweakValue or sequenceNumber (as tweakMode says). */
static int xts_tweak(const acvp_case *c, uint8_t tweak[16])
{
    const char *mode = acvp_str(c, "tweakMode", 0);
    memset(tweak, 0, 16);
    if (mode && strcmp(mode, "number") == 0) {
        long long seq;
        if (!acvp_need_int(c, "sequenceNumber", &seq)) return 0;
        for (int i = 0; i < 8; i++) tweak[i] = (uint8_t)((unsigned long long)seq >> (8 * i));
        return 1;
    }
    if (mode && strcmp(mode, "hex") != 0) return acvp_fail(c, "unsupported tweakMode \"%s\"", mode), 0;
    size_t n;
    uint8_t *t = acvp_hex(c, "tweakValue", &n);
    if (!t) return 0;
    if (n != 16) {
        free(t);
        return acvp_fail(c, "tweakValue of %zu bytes (XTS needs 16)", n), 0;
    }
    memcpy(tweak, t, 16);
    free(t);
    return 1;
}

static int xts_run(const acvp_case *c, json_value *out)
{
    int encrypt, rc = ACVP_OK;
    size_t klen, n;
    unsigned long long bits, off, du = 0;
    uint8_t tweak[16], *key = NULL, *in = NULL, *res = NULL, *unit_in = NULL, *unit_out = NULL;
    fips140_aes_xts_ctx ctx;
    fips140_status st = FIPS140_OK;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    if (!acvp_aes_direction(c, &encrypt)) return ACVP_FAIL;
    if (!xts_tweak(c, tweak)) return ACVP_FAIL;
    key = acvp_hex(c, "key", &klen);
    if (!key) return ACVP_FAIL;
    in = acvp_hex_bits(c, encrypt ? "pt" : "ct", "payloadLen", &n, &bits);
    if (!in) {
        rc = ACVP_FAIL;
        goto done;
    }
    if (c->set->alg == 2) {
        long long d;
        if (!acvp_need_int(c, "dataUnitLen", &d)) {
            rc = ACVP_FAIL;
            goto done;
        }
        du = (unsigned long long)d;
    }
    if (du == 0 || du > bits) du = bits; /* 1.0, or one data unit holding the whole payload */
    res = calloc(1, n ? n : 1);
    unit_in = calloc(1, (size_t)(du + 7) / 8 + 16);
    unit_out = calloc(1, (size_t)(du + 7) / 8 + 16);
    if (!res || !unit_in || !unit_out) {
        rc = acvp_fail(c, "out of memory");
        goto done;
    }
    st = fips140_aes_xts_init(&ctx, key, klen);
    for (off = 0; st == FIPS140_OK && off < bits; off += du) {
        unsigned long long len = bits - off < du ? bits - off : du, i;
        memset(unit_in, 0, (size_t)(du + 7) / 8 + 16);
        for (i = 0; i < len; i++) put_bit(unit_in, i, get_bit(in, off + i));
        st = data_unit(&ctx, encrypt, tweak, unit_out, unit_in, len);
        for (i = 0; st == FIPS140_OK && i < len; i++) put_bit(res, off + i, get_bit(unit_out, i));
        tweak_inc(tweak);
    }
    fips140_aes_xts_wipe(&ctx);
    if (st != FIPS140_OK) rc = acvp_status(c, "XTS-AES", st);
    else json_set_hex(out, encrypt ? "ct" : "pt", res, n);
done:
    if (key) fips140_wipe(key, klen);
    free(key);
    free(in);
    free(res);
    free(unit_in);
    free(unit_out);
    return rc;
}

const acvp_family acvp_family_xts = {"XTS", xts_match, xts_run};
