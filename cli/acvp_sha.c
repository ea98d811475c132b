/* cli/acvp_sha.c - ACVP handler for SHA-1, SHA2-* (ACVP SHA spec, usnistgov/ACVP src/sha) and SHA3-*
 * (ACVP SHA3 spec, src/sha3): AFT (bit-oriented messages), MCT (standard and alternate), LDT.
 * Also the hashing helpers shared with acvp_shake.c: acvp_hash_bits and acvp_hash_ldt. */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/hash.h"

/* sha_match - SHA-1 / SHA2-* revision 1.0, SHA3-* revisions 1.0 and 2.0; no mode. */
static int sha_match(acvp_set *set)
{
    int a;
    if (set->mode && *set->mode) return 0;
    for (a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *name = fips140_hash_name((fips140_hash_alg)a);
        if (!name || strcmp(name, set->algorithm) != 0) continue;
        if (a >= FIPS140_SHA3_224) {
            if (strcmp(set->revision, "1.0") != 0 && strcmp(set->revision, "2.0") != 0) return 0;
        } else if (strcmp(set->revision, "1.0") != 0) {
            return 0;
        }
        set->alg = a;
        return 1;
    }
    return 0;
}

int acvp_hash_bits(int alg, const uint8_t *msg, unsigned long long bits, uint8_t *out, size_t outlen)
{
    fips140_hash_ctx ctx;
    fips140_status st = fips140_hash_init(&ctx, (fips140_hash_alg)alg);
    size_t whole = (size_t)(bits / 8);
    unsigned rem = (unsigned)(bits % 8);
    if (st != FIPS140_OK) return st;
    st = fips140_hash_update(&ctx, msg, whole);
    if (st != FIPS140_OK) return st;
    /* a partial last byte: its rem leftmost bits end the message (ACVP hex convention) */
    if (rem) return fips140_hash_final_bits(&ctx, out, outlen, msg[whole], rem);
    return fips140_hash_final(&ctx, out, outlen);
}

/* LDT_CHUNK - bytes per fips140_hash_update call when streaming a large message (about 1 MiB). */
#define LDT_CHUNK (1u << 20)

int acvp_hash_ldt(const acvp_case *c, int alg, size_t outlen, json_value *out)
{
    const json_value *lm = json_get(c->test, "largeMsg");
    const char *tech, *content;
    long long clen, flen;
    size_t plen, chunk, fill, i;
    unsigned long long total, done;
    uint8_t *pat, *buf, md[FIPS140_HASH_MAX_DIGEST * 8];
    fips140_hash_ctx ctx;
    fips140_status st;
    unsigned rem;
    acvp_case lc = *c;

    if (c->set->skip_ldt) return ACVP_SKIP;
    if (json_typeof(lm) != JSON_OBJECT) return acvp_fail(c, "missing object \"largeMsg\"");
    if (outlen > sizeof md) return acvp_fail(c, "output length too large");
    lc.test = lm; /* read the largeMsg members with the usual helpers */
    lc.group = NULL;
    tech = acvp_str(&lc, "expansionTechnique", 1);
    if (!tech) return ACVP_FAIL;
    if (strcmp(tech, "repeating") != 0) return acvp_fail(c, "unsupported expansionTechnique \"%s\"", tech);
    if (!acvp_need_int(&lc, "contentLength", &clen) || !acvp_need_int(&lc, "fullLength", &flen)) return ACVP_FAIL;
    content = acvp_str(&lc, "content", 1);
    if (!content) return ACVP_FAIL;
    if (clen == 0 || clen % 8 != 0) return acvp_fail(c, "contentLength %lld is not a positive multiple of 8", clen);
    pat = acvp_hex(&lc, "content", &plen);
    if (!pat) return ACVP_FAIL;
    if ((unsigned long long)clen > plen * 8ull) {
        free(pat);
        return acvp_fail(c, "largeMsg content is shorter than contentLength");
    }
    plen = (size_t)(clen / 8);

    /* SHA spec "repeating": the content repeated until exactly fullLength bits. Stream it in chunks that are a
     * whole number of repetitions, so every chunk starts at the beginning of the pattern. */
    chunk = plen >= LDT_CHUNK ? plen : (LDT_CHUNK / plen) * plen;
    buf = malloc(chunk);
    if (!buf) {
        free(pat);
        return acvp_fail(c, "out of memory");
    }
    for (fill = 0; fill < chunk; fill += plen) memcpy(buf + fill, pat, plen);
    free(pat);

    total = (unsigned long long)flen / 8;
    rem = (unsigned)(flen % 8);
    st = fips140_hash_init(&ctx, (fips140_hash_alg)alg);
    for (done = 0; st == FIPS140_OK && done + chunk <= total; done += chunk)
        st = fips140_hash_update(&ctx, buf, chunk);
    if (st == FIPS140_OK && done < total) st = fips140_hash_update(&ctx, buf, (size_t)(total - done));
    if (st == FIPS140_OK) {
        i = (size_t)(total % plen); /* position of the next message byte inside the pattern */
        st = rem ? fips140_hash_final_bits(&ctx, md, outlen, buf[i], rem) : fips140_hash_final(&ctx, md, outlen);
    }
    free(buf);
    if (st != FIPS140_OK) return acvp_status(c, "hash", st);
    json_set_hex(out, "md", md, outlen);
    return ACVP_OK;
}

/* fit_bits - ACVP alternate MCT: MSG truncated to its leftmost bits bits, or right-padded with zero bits to
 * that length. msg has room for ceil(bits/8) bytes; len is its current byte length. */
static void fit_bits(uint8_t *msg, size_t len, unsigned long long bits)
{
    size_t need = (size_t)((bits + 7) / 8);
    if (len < need) memset(msg + len, 0, need - len);
    if (bits % 8) msg[need - 1] &= (uint8_t)(0xFF << (8 - bits % 8));
}

/* sha2_mct - ACVP SHA spec "Monte Carlo tests for SHA-1 and SHA-2", standard and alternate versions. */
static int sha2_mct(const acvp_case *c, int alg, int alternate, const uint8_t *seed, size_t seedlen,
                    unsigned long long seedbits, json_value *results)
{
    size_t d = fips140_hash_digest_size((fips140_hash_alg)alg);
    size_t cap = seedlen > d ? seedlen : d, la, lb, lc, mlen, need = (size_t)((seedbits + 7) / 8);
    uint8_t *abc = malloc(3 * cap), *a, *b, *cc, *t, *msg = malloc(3 * cap + need + 1), md[FIPS140_HASH_MAX_DIGEST];
    int i, j, rc = ACVP_OK;
    fips140_status st;

    if (!abc || !msg) {
        free(abc);
        free(msg);
        return acvp_fail(c, "out of memory");
    }
    a = abc;
    b = abc + cap;
    cc = abc + 2 * cap;
    /* SEED = the initial message */
    for (j = 0; j < 100 && rc == ACVP_OK; j++) {
        const uint8_t *s = j == 0 ? seed : md;
        size_t sl = j == 0 ? seedlen : d;
        memcpy(a, s, sl);
        memcpy(b, s, sl);
        memcpy(cc, s, sl);
        la = lb = lc = sl;
        for (i = 0; i < 1000; i++) {
            unsigned long long bits;
            memcpy(msg, a, la); /* MSG = A || B || C */
            memcpy(msg + la, b, lb);
            memcpy(msg + la + lb, cc, lc);
            mlen = la + lb + lc;
            if (alternate) {
                fit_bits(msg, mlen, seedbits);
                bits = seedbits;
            } else {
                bits = (unsigned long long)mlen * 8;
            }
            st = acvp_hash_bits(alg, msg, bits, md, d);
            if (st != FIPS140_OK) {
                rc = acvp_status(c, "hash", st);
                break;
            }
            t = a; /* A = B, B = C, C = MD */
            a = b;
            la = lb;
            b = cc;
            lb = lc;
            cc = t;
            memcpy(cc, md, d);
            lc = d;
        }
        if (rc == ACVP_OK) {
            json_value *r = json_new_object();
            json_set_hex(r, "md", md, d);
            json_set_int(r, "outLen", (long long)d * 8);
            json_push(results, r);
        }
    }
    free(abc);
    free(msg);
    return rc;
}

/* sha3_mct - ACVP SHA3 spec "SHA3 Monte Carlo Test", standard and alternate versions. */
static int sha3_mct(const acvp_case *c, int alg, int alternate, const uint8_t *seed, size_t seedlen,
                    unsigned long long seedbits, json_value *results)
{
    size_t d = fips140_hash_digest_size((fips140_hash_alg)alg);
    size_t cap = (seedlen > d ? seedlen : d) + 1, mlen = seedlen;
    unsigned long long mbits = seedbits;
    uint8_t *msg = malloc(cap), md[FIPS140_HASH_MAX_DIGEST];
    int i, j;
    fips140_status st;

    if (!msg) return acvp_fail(c, "out of memory");
    memcpy(msg, seed, seedlen); /* MD[0] = SEED */
    for (j = 0; j < 100; j++) {
        for (i = 1; i <= 1000; i++) {
            st = acvp_hash_bits(alg, msg, mbits, md, d); /* MD[i] = SHA3(MSG) */
            if (st != FIPS140_OK) {
                free(msg);
                return acvp_status(c, "hash", st);
            }
            memcpy(msg, md, d); /* MSG = MD[i] (alternate: fitted to the seed length) */
            mlen = d;
            mbits = (unsigned long long)d * 8;
            if (alternate) {
                fit_bits(msg, mlen, seedbits);
                mbits = seedbits;
            }
        }
        {
            json_value *r = json_new_object();
            json_set_hex(r, "md", md, d);
            json_set_int(r, "outLen", (long long)d * 8);
            json_push(results, r);
        }
    }
    free(msg);
    return ACVP_OK;
}

/* sha_run - one SHA-1/SHA-2/SHA-3 test case. */
static int sha_run(const acvp_case *c, json_value *out)
{
    int alg = c->set->alg;
    size_t d = fips140_hash_digest_size((fips140_hash_alg)alg), n;
    unsigned long long bits;
    uint8_t *msg, md[FIPS140_HASH_MAX_DIGEST];
    int rc = ACVP_OK;
    fips140_status st;

    if (acvp_is_type(c, "LDT")) return acvp_hash_ldt(c, alg, d, out);
    if (!acvp_is_type(c, "AFT") && !acvp_is_type(c, "MCT")) return acvp_bad_type(c);
    msg = acvp_hex_bits(c, "msg", "len", &n, &bits);
    if (!msg) return ACVP_FAIL;
    if (acvp_is_type(c, "AFT")) {
        st = acvp_hash_bits(alg, msg, bits, md, d);
        if (st != FIPS140_OK) rc = acvp_status(c, "hash", st);
        else json_set_hex(out, "md", md, d);
    } else {
        const char *ver = json_get_str(c->group, "mctVersion");
        int alternate = ver && strcmp(ver, "alternate") == 0;
        json_value *results;
        if (ver && !alternate && strcmp(ver, "standard") != 0) {
            free(msg);
            return acvp_fail(c, "unsupported mctVersion \"%s\"", ver);
        }
        if (!alternate && bits % 8) {
            free(msg);
            return acvp_fail(c, "standard MCT needs a whole-byte seed (len %llu)", bits);
        }
        if (bits == 0 && alternate) {
            free(msg);
            return acvp_fail(c, "alternate MCT needs a non-empty seed");
        }
        results = json_new_array();
        if (alg >= FIPS140_SHA3_224) rc = sha3_mct(c, alg, alternate, msg, n, bits, results);
        else rc = sha2_mct(c, alg, alternate, msg, n, bits, results);
        if (rc == ACVP_OK) json_set(out, "resultsArray", results);
        else json_free(results);
    }
    free(msg);
    return rc;
}

const acvp_family acvp_family_sha = {"SHA", sha_match, sha_run};
