/* cli/acvp_ecdsa.c - ACVP handler for ECDSA keyGen, keyVer, sigGen and sigVer, revision FIPS186-5 (ACVP ECDSA spec,
 * usnistgov/ACVP src/ecdsa; FIPS 186-5 §6, SP 800-186 §3.2.1). Curves P-224, P-256, P-384 and P-521; the binary
 * curves B-* and K-* (deprecated by SP 800-186) are not implemented: their tests are omitted (ACVP_SKIP), with one
 * note per group on stderr.
 *   keyGen AFT: answer "d", "qx", "qy" (a key pair from fips140_ec_keygen).
 *   keyVer AFT: "qx", "qy"; answer "testPassed" (SP 800-56A Rev. 3 §5.6.2.3.3 full validation).
 *   sigGen AFT: one key pair per group, answered once at the group level ("qx", "qy"); each "message" is hashed with
 *     the group's "hashAlg" (SHAKE-128: 256 output bits, SHAKE-256: 512, FIPS 186-5 §6.4.1) and signed with a
 *     random k; answer "r", "s". Groups with "conformance": "SP800-106" hash the randomized message of SP 800-106
 *     §3.3 instead, with a fresh random value rv of the digest's length, answered as "randomValue" and
 *     "randomValueLen".
 *   sigVer AFT: "qx", "qy", "message", "r", "s" (and "randomValue"/"randomValueLen" for SP800-106 groups); answer
 *     "testPassed". */
#include "acvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fips140/ec.h"
#include "fips140/hash.h"
#include "fips140/rand.h"

enum { ECDSA_KEYGEN = 1, ECDSA_KEYVER, ECDSA_SIGGEN, ECDSA_SIGVER };

static int ecdsa_match(acvp_set *set)
{
    if (strcmp(set->algorithm, "ECDSA") != 0 || strcmp(set->revision, "FIPS186-5") != 0 || !set->mode) return 0;
    if (strcmp(set->mode, "keyGen") == 0) set->alg = ECDSA_KEYGEN;
    else if (strcmp(set->mode, "keyVer") == 0) set->alg = ECDSA_KEYVER;
    else if (strcmp(set->mode, "sigGen") == 0) set->alg = ECDSA_SIGGEN;
    else if (strcmp(set->mode, "sigVer") == 0) set->alg = ECDSA_SIGVER;
    else return 0;
    return 1;
}

int acvp_ec_curve(const char *name)
{
    if (strcmp(name, "P-224") == 0) return FIPS140_EC_P224;
    if (strcmp(name, "P-256") == 0) return FIPS140_EC_P256;
    if (strcmp(name, "P-384") == 0) return FIPS140_EC_P384;
    if (strcmp(name, "P-521") == 0) return FIPS140_EC_P521;
    return 0;
}

int acvp_ec_unsupported(const acvp_case *c, const char *curve)
{
    static const acvp_set *noted_set;
    static long long noted_tgid = -1;
    if (curve[0] != 'B' && curve[0] != 'K') return 0;
    if (c->set != noted_set || c->tgid != noted_tgid)
        fprintf(stderr, "fips140 acvp: %s: tgId %lld: curve %s not supported, its tests are omitted\n", c->set->path,
                c->tgid, curve);
    noted_set = c->set;
    noted_tgid = c->tgid;
    return 1;
}

int acvp_hex_int(const acvp_case *c, const char *key, uint8_t *out, size_t len, int *fits)
{
    size_t n = 0;
    uint8_t *v = acvp_hex(c, key, &n);
    if (!v) return 0;
    size_t lead = 0;
    while (lead < n && v[lead] == 0) lead++;
    *fits = n - lead <= len;
    memset(out, 0, len);
    if (*fits) memcpy(out + len - (n - lead), v + lead, n - lead);
    free(v);
    return 1;
}

/* hash_alg - the module hash named by the group's "hashAlg" and its digest length for ECDSA, 0 when unknown. */
static int hash_alg(const acvp_case *c, size_t *dlen)
{
    const char *name = acvp_str(c, "hashAlg", 1);
    if (!name) return 0;
    for (int a = FIPS140_SHA1; a <= FIPS140_SHAKE256; a++) {
        const char *n = fips140_hash_name((fips140_hash_alg)a);
        if (!n || strcmp(n, name) != 0) continue;
        *dlen = a == FIPS140_SHAKE128 ? 32 : a == FIPS140_SHAKE256 ? 64 : fips140_hash_digest_size((fips140_hash_alg)a);
        return a;
    }
    acvp_fail(c, "hashAlg %s not supported", name);
    return 0;
}

static int get_bit(const uint8_t *b, size_t i) { return (b[i / 8] >> (7 - i % 8)) & 1; }

static void put_bit(uint8_t *b, size_t i, int v)
{
    if (v) b[i / 8] |= (uint8_t)(0x80u >> (i % 8));
}

/* rmx - SP 800-106 §3.3 message randomization: m = M || 1 || 0^(rvlen - |M| - 1) (only the 1 when |M| >= rvlen - 1),
 * Rv = rv || rv || ... || rv || rv[0 .. remainder-1] as long as m, M' = rv || (m XOR Rv) || rvlen as 16 bits.
 * SP 800-106 numbers the bits of rv from the right, so the partial last copy is the rightmost remainder bits of rv
 * (which the ACVP server's published vectors confirm). Returns M' (malloc'd, zero-padded) and its bit length. */
static uint8_t *rmx(const uint8_t *msg, size_t mlen, const uint8_t *rv, size_t rvbits, size_t *bits)
{
    size_t mbits = 8 * mlen, pbits = mbits + 1 < rvbits ? rvbits - mbits : 1, mm = mbits + pbits;
    size_t total = rvbits + mm + 16, pos = 0;
    uint8_t *out = calloc(total / 8 + 1, 1);
    if (!out) return NULL;
    for (size_t i = 0; i < rvbits; i++) put_bit(out, pos++, get_bit(rv, i));
    size_t whole = mm - mm % rvbits, extra = mm % rvbits;
    for (size_t i = 0; i < mm; i++) {
        int m = i < mbits ? get_bit(msg, i) : i == mbits;
        size_t j = i < whole ? i % rvbits : rvbits - extra + (i - whole);
        put_bit(out, pos++, m ^ get_bit(rv, j));
    }
    for (int i = 15; i >= 0; i--) put_bit(out, pos++, (int)((rvbits >> i) & 1));
    *bits = total;
    return out;
}

/* message_digest - the digest signed or verified for this test: H(message), or H(RMX(rv, message)) in SP800-106
 * groups, where rv is given (sigVer) or, when rv_out is not NULL, made here and returned (sigGen). */
static int message_digest(const acvp_case *c, int alg, size_t dlen, uint8_t *digest, uint8_t *rv_out,
                          size_t *rvbits_out)
{
    const char *conf = acvp_str(c, "conformance", 0);
    size_t mlen = 0, rvlen = 0, bits = 0;
    uint8_t *msg = acvp_hex(c, "message", &mlen), *rv = NULL, *mp = NULL;
    int rc = 0, st;
    if (!msg) return 0;
    if (!conf) {
        st = acvp_hash_bits(alg, msg, 8ull * mlen, digest, dlen);
        if (st != FIPS140_OK) acvp_status(c, "hash", st);
        free(msg);
        return st == FIPS140_OK;
    }
    if (strcmp(conf, "SP800-106") != 0) {
        acvp_fail(c, "conformance %s not supported", conf);
        goto done;
    }
    if (rv_out) { /* SP 800-106 §3.2: a fresh random value, here as long as the digest */
        rvlen = 8 * dlen;
        st = fips140_rand_bytes(rv_out, dlen);
        if (st != FIPS140_OK) {
            acvp_status(c, "random value", st);
            goto done;
        }
        rv = rv_out;
    } else {
        long long n;
        size_t bytes;
        rv = acvp_hex(c, "randomValue", &bytes);
        if (!rv || !acvp_need_int(c, "randomValueLen", &n)) goto done;
        rvlen = (size_t)n;
        if (rvlen < 80 || rvlen > 1024 || (rvlen + 7) / 8 > bytes) { /* SP 800-106 §3.3: 80 to 1024 bits */
            acvp_fail(c, "randomValueLen %zu out of range", rvlen);
            goto done;
        }
    }
    mp = rmx(msg, mlen, rv, rvlen, &bits);
    if (!mp) {
        acvp_fail(c, "out of memory");
        goto done;
    }
    st = acvp_hash_bits(alg, mp, bits, digest, dlen);
    if (st != FIPS140_OK) {
        acvp_status(c, "hash", st);
        goto done;
    }
    if (rvbits_out) *rvbits_out = rvlen;
    rc = 1;
done:
    if (rv != rv_out) free(rv);
    free(msg), free(mp);
    return rc;
}

/* public_key - 0x04 || qx || qy from the test's (or group's) qx, qy; *ok = 0 when a coordinate needs more than L
 * bytes (out of range, so invalid). */
static int public_key(const acvp_case *c, size_t L, uint8_t *pub, int *ok)
{
    int fx, fy;
    pub[0] = 0x04;
    if (!acvp_hex_int(c, "qx", pub + 1, L, &fx) || !acvp_hex_int(c, "qy", pub + 1 + L, L, &fy)) return 0;
    *ok = fx && fy;
    return 1;
}

static int keygen(const acvp_case *c, fips140_ec_curve curve, size_t L, json_value *out)
{
    uint8_t d[FIPS140_EC_MAX_SCALAR], q[FIPS140_EC_MAX_POINT];
    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    fips140_status st = fips140_ec_keygen(curve, d, L, q, 1 + 2 * L);
    if (st != FIPS140_OK) return acvp_status(c, "keygen", st);
    json_set_hex(out, "d", d, L);
    json_set_hex(out, "qx", q + 1, L);
    json_set_hex(out, "qy", q + 1 + L, L);
    return ACVP_OK;
}

static int keyver(const acvp_case *c, fips140_ec_curve curve, size_t L, json_value *out)
{
    uint8_t q[FIPS140_EC_MAX_POINT];
    int ok;
    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    if (!public_key(c, L, q, &ok)) return ACVP_FAIL;
    if (ok) {
        fips140_status st = fips140_ec_validate_public(curve, q, 1 + 2 * L);
        if (st != FIPS140_OK && st != FIPS140_ERR_ARG) return acvp_status(c, "validate", st);
        ok = st == FIPS140_OK;
    }
    json_set_bool(out, "testPassed", ok);
    return ACVP_OK;
}

static int siggen(const acvp_case *c, fips140_ec_curve curve, size_t L, json_value *out)
{
    static const acvp_set *key_set;
    static long long key_tgid = -1;
    static uint8_t d[FIPS140_EC_MAX_SCALAR];
    uint8_t digest[64], sig[2 * FIPS140_EC_MAX_SCALAR], rv[64];
    size_t dlen = 0, rvbits = 0;
    fips140_status st;
    const json_value *ct = acvp_field(c, "componentTest");
    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    if (ct && json_typeof(ct) == JSON_BOOL && json_bool(ct)) return acvp_fail(c, "componentTest not supported");
    int alg = hash_alg(c, &dlen);
    if (!alg) return ACVP_FAIL;
    if (c->set != key_set || c->tgid != key_tgid) { /* the group's key pair, answered once */
        uint8_t q[FIPS140_EC_MAX_POINT];
        key_set = NULL;
        st = fips140_ec_keygen(curve, d, L, q, 1 + 2 * L);
        if (st != FIPS140_OK) return acvp_status(c, "keygen", st);
        key_set = c->set;
        key_tgid = c->tgid;
        json_set_hex(c->group_out, "qx", q + 1, L);
        json_set_hex(c->group_out, "qy", q + 1 + L, L);
    }
    int randomized = acvp_str(c, "conformance", 0) != NULL;
    if (!message_digest(c, alg, dlen, digest, randomized ? rv : NULL, &rvbits)) return ACVP_FAIL;
    st = fips140_ecdsa_sign(curve, d, L, digest, dlen, sig, 2 * L);
    if (st != FIPS140_OK) return acvp_status(c, "sign", st);
    json_set_hex(out, "r", sig, L);
    json_set_hex(out, "s", sig + L, L);
    if (randomized) {
        json_set_hex(out, "randomValue", rv, rvbits / 8);
        json_set_int(out, "randomValueLen", (long long)rvbits);
    }
    return ACVP_OK;
}

static int sigver(const acvp_case *c, fips140_ec_curve curve, size_t L, json_value *out)
{
    uint8_t q[FIPS140_EC_MAX_POINT], sig[2 * FIPS140_EC_MAX_SCALAR], digest[64];
    size_t dlen = 0;
    int qok, rok, sok;
    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    int alg = hash_alg(c, &dlen);
    if (!alg || !public_key(c, L, q, &qok) || !acvp_hex_int(c, "r", sig, L, &rok) ||
        !acvp_hex_int(c, "s", sig + L, L, &sok) || !message_digest(c, alg, dlen, digest, NULL, NULL))
        return ACVP_FAIL;
    int ok = qok && rok && sok;
    if (ok) {
        fips140_status st = fips140_ecdsa_verify(curve, q, 1 + 2 * L, digest, dlen, sig, 2 * L);
        if (st != FIPS140_OK && st != FIPS140_ERR_AUTH && st != FIPS140_ERR_ARG) return acvp_status(c, "verify", st);
        ok = st == FIPS140_OK;
    }
    json_set_bool(out, "testPassed", ok);
    return ACVP_OK;
}

static int ecdsa_run(const acvp_case *c, json_value *out)
{
    const char *name = acvp_str(c, "curve", 1);
    if (!name) return ACVP_FAIL;
    if (acvp_ec_unsupported(c, name)) return ACVP_SKIP;
    fips140_ec_curve curve = (fips140_ec_curve)acvp_ec_curve(name);
    if (!curve) return acvp_fail(c, "curve %s not supported", name);
    size_t L = fips140_ec_scalar_size(curve);
    switch (c->set->alg) {
    case ECDSA_KEYGEN: return keygen(c, curve, L, out);
    case ECDSA_KEYVER: return keyver(c, curve, L, out);
    case ECDSA_SIGGEN: return siggen(c, curve, L, out);
    default: return sigver(c, curve, L, out);
    }
}

const acvp_family acvp_family_ecdsa = {"ECDSA", ecdsa_match, ecdsa_run};
