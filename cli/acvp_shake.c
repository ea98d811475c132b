/* cli/acvp_shake.c - ACVP handler for SHAKE-128 and SHAKE-256 (ACVP SHA3 spec, usnistgov/ACVP src/sha3):
 * AFT and VOT (bit-oriented messages, outLen in bits), MCT (§ "SHAKE Monte Carlo Test"), and LDT.
 *
 * Outputs whose length is not a whole number of bytes: the XOF gives ceil(outLen/8) bytes and the answers
 * render the final partial byte differently per revision (checked against the vendored vectors):
 *   "1.0":     the outLen % 8 bits stay in the low bits of the last byte (high bits zero);
 *   "FIPS202": they are moved to the top of the last byte (low bits zero). */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/hash.h"

/* shake_match - SHAKE-128 / SHAKE-256, revisions 1.0 and FIPS202; no mode. */
static int shake_match(acvp_set *set)
{
    if (set->mode && *set->mode) return 0;
    if (strcmp(set->revision, "1.0") != 0 && strcmp(set->revision, "FIPS202") != 0) return 0;
    if (strcmp(set->algorithm, "SHAKE-128") == 0) set->alg = FIPS140_SHAKE128;
    else if (strcmp(set->algorithm, "SHAKE-256") == 0) set->alg = FIPS140_SHAKE256;
    else return 0;
    return 1;
}

/* shake_render - trim the output to outbits bits the way this revision's answers show it. */
static void shake_render(const acvp_set *set, uint8_t *out, unsigned long long outbits)
{
    unsigned n = (unsigned)(outbits % 8);
    size_t last = (size_t)(outbits / 8);
    if (n == 0) return;
    if (strcmp(set->revision, "FIPS202") == 0) out[last] = (uint8_t)(out[last] << (8 - n));
    else out[last] &= (uint8_t)((1u << n) - 1);
}

/* shake_mct - ACVP SHA3 spec "SHAKE Monte Carlo Test": output lengths vary between minOutLen and maxOutLen
 * (group, bits; used in whole bytes), chosen by the 16 rightmost bits of each output. */
static int shake_mct(const acvp_case *c, const uint8_t *seed, size_t seedlen, json_value *results)
{
    long long minbits, maxbits;
    size_t minb, maxb, range, outlen, mdlen;
    uint8_t msg[16], *md;
    int i, j;
    fips140_status st;

    if (!acvp_need_int(c, "minOutLen", &minbits) || !acvp_need_int(c, "maxOutLen", &maxbits)) return ACVP_FAIL;
    minb = (size_t)(minbits / 8);
    maxb = (size_t)(maxbits / 8);
    if (minb < 2 || maxb < minb || maxb > (1u << 20))
        return acvp_fail(c, "unsupported minOutLen %lld / maxOutLen %lld", minbits, maxbits);
    range = maxb - minb + 1; /* Range = maxOutBytes - minOutBytes + 1 */
    outlen = maxb;           /* OutputLen = maxOutBytes */
    md = malloc(maxb > seedlen ? maxb : seedlen);
    if (!md) return acvp_fail(c, "out of memory");
    memcpy(md, seed, seedlen); /* MD[0] = SEED */
    mdlen = seedlen;
    for (j = 0; j < 100; j++) {
        for (i = 1; i <= 1000; i++) {
            /* MSG[i] = 128 leftmost bits of MD[i-1], right-padded with zero bits */
            memset(msg, 0, sizeof msg);
            memcpy(msg, md, mdlen < 16 ? mdlen : 16);
            st = fips140_hash((fips140_hash_alg)c->set->alg, md, outlen, msg, sizeof msg);
            if (st != FIPS140_OK) {
                free(md);
                return acvp_status(c, "SHAKE", st);
            }
            mdlen = outlen;
            /* OutputLen = minOutBytes + (RightmostOutputBits % Range) */
            outlen = minb + ((size_t)md[mdlen - 2] << 8 | md[mdlen - 1]) % range;
        }
        {
            json_value *r = json_new_object();
            json_set_hex(r, "md", md, mdlen);
            json_set_int(r, "outLen", (long long)mdlen * 8);
            json_push(results, r);
        }
    }
    free(md);
    return ACVP_OK;
}

/* shake_run - one SHAKE test case. */
static int shake_run(const acvp_case *c, json_value *out)
{
    size_t n, outbytes;
    unsigned long long bits;
    long long outbits;
    uint8_t *msg, *md;
    int r, rc = ACVP_OK;
    fips140_status st;

    if (acvp_is_type(c, "LDT"))
        return acvp_hash_ldt(c, c->set->alg, fips140_hash_digest_size((fips140_hash_alg)c->set->alg), out);
    if (!acvp_is_type(c, "AFT") && !acvp_is_type(c, "VOT") && !acvp_is_type(c, "MCT")) return acvp_bad_type(c);
    msg = acvp_hex_bits(c, "msg", "len", &n, &bits);
    if (!msg) return ACVP_FAIL;
    if (acvp_is_type(c, "MCT")) {
        json_value *results = json_new_array();
        if (bits % 8) rc = acvp_fail(c, "MCT needs a whole-byte seed (len %llu)", bits);
        else rc = shake_mct(c, msg, n, results);
        if (rc == ACVP_OK) json_set(out, "resultsArray", results);
        else json_free(results);
        free(msg);
        return rc;
    }
    /* AFT / VOT: outLen bits of output (the test's, else the default output length) */
    r = acvp_int(c, "outLen", &outbits);
    if (r < 0) {
        free(msg);
        return ACVP_FAIL;
    }
    if (r == 0) outbits = (long long)fips140_hash_digest_size((fips140_hash_alg)c->set->alg) * 8;
    if (outbits > (1ll << 30)) {
        free(msg);
        return acvp_fail(c, "outLen %lld too large", outbits);
    }
    outbytes = (size_t)((outbits + 7) / 8);
    md = malloc(outbytes ? outbytes : 1);
    if (!md) {
        free(msg);
        return acvp_fail(c, "out of memory");
    }
    st = acvp_hash_bits(c->set->alg, msg, bits, md, outbytes);
    if (st != FIPS140_OK) {
        rc = acvp_status(c, "SHAKE", st);
    } else {
        shake_render(c->set, md, (unsigned long long)outbits);
        json_set_hex(out, "md", md, outbytes);
    }
    free(md);
    free(msg);
    return rc;
}

const acvp_family acvp_family_shake = {"SHAKE", shake_match, shake_run};
