/* cli/acvp_rsa_sig.c - ACVP handler for RSA sigGen and sigVer, revision FIPS186-5 (ACVP RSA spec, usnistgov/ACVP
 * src/rsa: "RSA SigGen/SigVer Test Groups"; FIPS 186-5 §5.4, RFC 8017 §8.1 and §8.2).
 *
 * Group fields: "sigType" pkcs1v1.5 or pss, "modulo" (modulus bits), "hashAlg" (SHA2-*, SHA3-*, SHAKE-128/256),
 * for pss "saltLen" (bytes) and "maskFunction" (mgf1: MGF1 with hashAlg; shake-128 / shake-256: the SHAKE output
 * itself), and "conformance": "SP800-106", meaning the message is randomized (SP 800-106 §3.3) before hashing.
 *   sigGen GDT: the IUT makes one key per group (fips140_rsa_keygen with the group's modulo, e = 65537) and answers
 *     it at the group level ("n", "e"); each test answers "signature" of its "message", and in SP800-106 groups the
 *     random value it drew ("randomValue", "randomValueLen").
 *   sigVer AFT (NIST's sample files label these groups GDT, accepted too): the group gives "n" and "e", each test
 *     "message", "signature" (and "randomValue", "randomValueLen"); the answer is "testPassed".
 * The randomization is message pre-processing done here; the hash (with the module's bit-oriented hashing, the
 * randomized message is not a whole number of bytes) and the signature operation are the module's.
 * maskFunction mgf1 with a SHAKE hashAlg is MGF1 over the XOF with hLen bytes per block (FIPS140_RSA_MGF1). */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/fips140.h"
#include "fips140/rsa.h"

enum { RSA_SIGGEN = 1, RSA_SIGVER };

static int rsa_sig_match(acvp_set *set)
{
    if (strcmp(set->algorithm, "RSA") != 0 || strcmp(set->revision, "FIPS186-5") != 0 || !set->mode) return 0;
    if (strcmp(set->mode, "sigGen") == 0) set->alg = RSA_SIGGEN;
    else if (strcmp(set->mode, "sigVer") == 0) set->alg = RSA_SIGVER;
    else return 0;
    return 1;
}

/* sig_params - a group's signature scheme. */
typedef struct sig_params {
    int pss;                /* 0: RSASSA-PKCS1-v1_5, 1: RSASSA-PSS */
    fips140_hash_alg hash;  /* hashAlg */
    size_t hlen;            /* its output length (SHAKE-128 / SHAKE-256: 32 / 64 bytes, FIPS 186-5 §5.4) */
    fips140_hash_alg mgf;   /* pss: the mask function argument of fips140_rsa_sign_pss / _verify_pss */
    size_t saltlen;         /* pss: salt length in bytes */
    int randomize;          /* conformance SP800-106 */
} sig_params;

/* read_params - the group's scheme into *p: 1, or 0 on bad input (message printed). */
static int read_params(const acvp_case *c, sig_params *p)
{
    const char *type = acvp_str(c, "sigType", 1), *hash = acvp_str(c, "hashAlg", 1);
    const char *conf = acvp_str(c, "conformance", 0);
    int a;
    memset(p, 0, sizeof *p);
    if (!type || !hash) return 0;
    if (strcmp(type, "pss") == 0) p->pss = 1;
    else if (strcmp(type, "pkcs1v1.5") != 0) return acvp_fail(c, "unsupported sigType \"%s\"", type), 0;
    for (a = FIPS140_SHA1; a <= FIPS140_SHAKE256; a++) {
        const char *name = fips140_hash_name((fips140_hash_alg)a);
        if (name && strcmp(name, hash) == 0) break;
    }
    if (a > FIPS140_SHAKE256) return acvp_fail(c, "unsupported hashAlg \"%s\"", hash), 0;
    p->hash = (fips140_hash_alg)a;
    p->hlen = p->hash == FIPS140_SHAKE128 ? 32 : p->hash == FIPS140_SHAKE256 ? 64 : fips140_hash_digest_size(p->hash);
    if (conf && *conf && strcmp(conf, "SP800-106") != 0) return acvp_fail(c, "unsupported conformance \"%s\"", conf), 0;
    p->randomize = conf && strcmp(conf, "SP800-106") == 0;
    if (p->pss) {
        const char *mf = acvp_str(c, "maskFunction", 0);
        long long slen;
        if (!acvp_need_int(c, "saltLen", &slen)) return 0;
        if ((unsigned long long)slen > 1024) return acvp_fail(c, "saltLen %lld too large", slen), 0;
        p->saltlen = (size_t)slen;
        if (!mf || strcmp(mf, "mgf1") == 0) {
            /* MGF1 with hashAlg; with a SHAKE hashAlg, MGF1 over the XOF (hLen bytes a block), not the XOF itself */
            p->mgf = fips140_hash_is_xof(p->hash) ? FIPS140_RSA_MGF1(p->hash) : p->hash;
        } else if (strcmp(mf, "shake-128") == 0) {
            p->mgf = FIPS140_SHAKE128;
        } else if (strcmp(mf, "shake-256") == 0) {
            p->mgf = FIPS140_SHAKE256;
        } else {
            return acvp_fail(c, "unsupported maskFunction \"%s\"", mf), 0;
        }
    }
    return 1;
}

/* get_bit / put_bit - bit i (0 = most significant bit of p[0]) of a bit string. */
static int get_bit(const uint8_t *p, size_t i)
{
    return (p[i / 8] >> (7 - i % 8)) & 1;
}

static void put_bit(uint8_t *p, size_t i, int b)
{
    uint8_t m = (uint8_t)(0x80u >> (i % 8));
    p[i / 8] = (uint8_t)(b ? p[i / 8] | m : p[i / 8] & ~m);
}

/* padded_bits - |m| of SP 800-106 §3.3 steps 1-2 for a message of mbits bits and an rv of rvbits bits. */
static size_t padded_bits(size_t mbits, size_t rvbits)
{
    return mbits + 1 >= rvbits ? mbits + 1 : rvbits;
}

/* randomize - SP 800-106 §3.3: M' = rv || (m xor Rv) || rv_length_indicator, with m = M || padding (1, then zeros
 * up to |rv| bits for a short M), Rv = counter copies of rv followed by `remainder` more bits of rv, and the 16-bit
 * |rv|. Returns a malloc'd buffer (bits MSB first) and its bit length in *nbits, or NULL when out of memory.
 *
 * Step 7 takes "the remainder left-most bits of rv"; the ACVP server (its PreSigVerMessageRandomizer) takes rv's
 * right-most bits (GetLeastSignificantBits), and NIST's signatures verify only that way, so that is what is done
 * here. sigGen draws rv with equal left-most and right-most remainder bits (make_rv), where both readings agree. */
static uint8_t *randomize(const uint8_t *msg, size_t mlen, const uint8_t *rv, size_t rvbits, size_t *nbits)
{
    size_t mbits = 8 * mlen, pbits = padded_bits(mbits, rvbits);
    size_t full = pbits - pbits % rvbits, total = rvbits + pbits + 16, i;
    uint8_t *out = calloc((total + 7) / 8, 1);
    if (!out) return NULL;
    for (i = 0; i < rvbits; i++) put_bit(out, i, get_bit(rv, i));
    for (i = 0; i < pbits; i++) {
        int m = i < mbits ? get_bit(msg, i) : i == mbits;                       /* M || 1 || 0... */
        int r = i < full ? get_bit(rv, i % rvbits) : get_bit(rv, rvbits - (pbits - full) + (i - full));
        put_bit(out, rvbits + i, m ^ r);
    }
    for (i = 0; i < 16; i++) put_bit(out, rvbits + pbits + i, (int)((rvbits >> (15 - i)) & 1));
    *nbits = total;
    return out;
}

/* make_rv - draw the random value for an mlen-byte message: rvbits = 8·hLen bits (80..1024 as SP 800-106 §3.2
 * requires) from the module RBG, then its last `remainder` bits (|m| mod |rv|) made equal to its first ones, so the
 * ACVP server's reading of step 7 and the text's give the same M'. Returns a fips140_status. */
static int make_rv(uint8_t *rv, size_t rvbits, size_t mlen)
{
    size_t rem = padded_bits(8 * mlen, rvbits) % rvbits, i;
    fips140_status st = fips140_rand_bytes(rv, rvbits / 8);
    if (st != FIPS140_OK) return st;
    for (i = 0; i < rem; i++) put_bit(rv, rvbits - rem + i, get_bit(rv, i));
    return FIPS140_OK;
}

/* message_digest - hLen bytes of digest of the test's message into dg, after randomization with rv (rvbits bits)
 * when p->randomize. Returns ACVP_OK or ACVP_FAIL (message printed). */
static int message_digest(const acvp_case *c, const sig_params *p, const uint8_t *msg, size_t mlen,
                          const uint8_t *rv, size_t rvbits, uint8_t *dg)
{
    size_t nbits = 8 * mlen;
    uint8_t *mp = NULL;
    int st;
    if (p->randomize) {
        mp = randomize(msg, mlen, rv, rvbits, &nbits);
        if (!mp) return acvp_fail(c, "out of memory");
    }
    st = acvp_hash_bits((int)p->hash, mp ? mp : msg, nbits, dg, p->hlen);
    free(mp);
    return st == FIPS140_OK ? ACVP_OK : acvp_status(c, "hash", st);
}

/* The sigGen key: one per group, generated at the group's first test and kept for its other tests. */
static struct {
    const json_value *group;
    fips140_rsa_key *key;
    int registered;
} gen_key;

static void free_gen_key(void)
{
    fips140_rsa_key_free(gen_key.key);
    gen_key.key = NULL;
    gen_key.group = NULL;
}

/* set_component - add key component comp to obj under name (minimal big-endian hex). */
static int set_component(const acvp_case *c, json_value *obj, const char *name, fips140_rsa_component comp)
{
    uint8_t buf[FIPS140_RSA_MAX_BITS / 8];
    size_t len = 0;
    fips140_status st = fips140_rsa_key_get(gen_key.key, comp, buf, sizeof buf, &len);
    if (st != FIPS140_OK) return acvp_status(c, "key export", st);
    json_set_hex(obj, name, buf, len);
    return ACVP_OK;
}

/* group_key - the key of c's group, generated (and answered as the group's "n" and "e") on first use. */
static fips140_rsa_key *group_key(const acvp_case *c)
{
    long long modulo;
    fips140_status st;
    if (gen_key.key && gen_key.group == c->group) return gen_key.key;
    free_gen_key();
    if (!gen_key.registered) {
        atexit(free_gen_key);
        gen_key.registered = 1;
    }
    if (!acvp_need_int(c, "modulo", &modulo)) return NULL;
    if (modulo < (long long)FIPS140_RSA_MIN_BITS || modulo > (long long)FIPS140_RSA_MAX_BITS) {
        acvp_fail(c, "modulo %lld not supported", modulo);
        return NULL;
    }
    st = fips140_rsa_key_new(&gen_key.key);
    if (st == FIPS140_OK) st = fips140_rsa_keygen(gen_key.key, (unsigned)modulo, NULL, 0);
    if (st != FIPS140_OK) {
        acvp_status(c, "keygen", st);
        free_gen_key();
        return NULL;
    }
    gen_key.group = c->group;
    if (set_component(c, c->group_out, "n", FIPS140_RSA_N) != ACVP_OK ||
        set_component(c, c->group_out, "e", FIPS140_RSA_E) != ACVP_OK) {
        free_gen_key();
        return NULL;
    }
    return gen_key.key;
}

/* siggen - one GDT test: sign the (randomized) message with the group's key. */
static int siggen(const acvp_case *c, const sig_params *p, json_value *out)
{
    uint8_t dg[FIPS140_HASH_MAX_DIGEST], rv[FIPS140_HASH_MAX_DIGEST];
    size_t mlen = 0, rvbits = 8 * p->hlen, k;
    uint8_t *msg = NULL, *sig = NULL;
    fips140_rsa_key *key;
    fips140_status st;
    int rc = ACVP_FAIL;
    if (!acvp_is_type(c, "GDT")) return acvp_bad_type(c);
    if (!(key = group_key(c))) return ACVP_FAIL;
    if (!(msg = acvp_hex(c, "message", &mlen))) return ACVP_FAIL;
    if (p->randomize && (st = make_rv(rv, rvbits, mlen)) != FIPS140_OK) {
        rc = acvp_status(c, "random value", st);
        goto done;
    }
    if (message_digest(c, p, msg, mlen, rv, rvbits, dg) != ACVP_OK) goto done;
    k = fips140_rsa_size(key);
    if (!(sig = malloc(k))) {
        rc = acvp_fail(c, "out of memory");
        goto done;
    }
    st = p->pss ? fips140_rsa_sign_pss(key, p->hash, p->mgf, p->saltlen, dg, p->hlen, sig, k)
                : fips140_rsa_sign_pkcs1v15(key, p->hash, dg, p->hlen, sig, k);
    if (st != FIPS140_OK) {
        rc = acvp_status(c, "sign", st);
        goto done;
    }
    json_set_hex(out, "signature", sig, k);
    if (p->randomize) {
        json_set_hex(out, "randomValue", rv, rvbits / 8);
        json_set_int(out, "randomValueLen", (long long)rvbits);
    }
    rc = ACVP_OK;
done:
    free(sig);
    free(msg);
    return rc;
}

/* sigver - one AFT test: testPassed is whether the module accepts the signature under the group's (n, e). A key or
 * signature the module refuses as malformed (FIPS140_ERR_ARG) is a failed verification too; other errors abort. */
static int sigver(const acvp_case *c, const sig_params *p, json_value *out)
{
    uint8_t dg[FIPS140_HASH_MAX_DIGEST];
    size_t nlen = 0, elen = 0, mlen = 0, slen = 0, rvlen = 0;
    unsigned long long rvbits = 0;
    uint8_t *n = NULL, *e = NULL, *msg = NULL, *sig = NULL, *rv = NULL;
    fips140_rsa_key *key = NULL;
    fips140_status st;
    int rc = ACVP_FAIL;
    if (!acvp_is_type(c, "AFT") && !acvp_is_type(c, "GDT")) return acvp_bad_type(c); /* NIST's samples say GDT */
    if (!(n = acvp_hex(c, "n", &nlen)) || !(e = acvp_hex(c, "e", &elen)) || !(msg = acvp_hex(c, "message", &mlen)) ||
        !(sig = acvp_hex(c, "signature", &slen)))
        goto done;
    if (p->randomize) {
        if (!(rv = acvp_hex_bits(c, "randomValue", "randomValueLen", &rvlen, &rvbits))) goto done;
        if (rvbits < 80 || rvbits > 1024) {
            rc = acvp_fail(c, "randomValueLen %llu outside 80..1024 (SP 800-106 §3.2)", rvbits);
            goto done;
        }
    }
    if (message_digest(c, p, msg, mlen, rv, (size_t)rvbits, dg) != ACVP_OK) goto done;
    if ((st = fips140_rsa_key_new(&key)) != FIPS140_OK) {
        rc = acvp_status(c, "key", st);
        goto done;
    }
    st = fips140_rsa_key_set_public(key, n, nlen, e, elen);
    if (st == FIPS140_OK)
        st = p->pss ? fips140_rsa_verify_pss(key, p->hash, p->mgf, p->saltlen, dg, p->hlen, sig, slen)
                    : fips140_rsa_verify_pkcs1v15(key, p->hash, dg, p->hlen, sig, slen);
    if (st != FIPS140_OK && st != FIPS140_ERR_AUTH && st != FIPS140_ERR_ARG) {
        rc = acvp_status(c, "verify", st);
        goto done;
    }
    json_set_bool(out, "testPassed", st == FIPS140_OK);
    rc = ACVP_OK;
done:
    fips140_rsa_key_free(key);
    free(rv);
    free(sig);
    free(msg);
    free(e);
    free(n);
    return rc;
}

static int rsa_sig_run(const acvp_case *c, json_value *out)
{
    sig_params p;
    if (!read_params(c, &p)) return ACVP_FAIL;
    return c->set->alg == RSA_SIGGEN ? siggen(c, &p, out) : sigver(c, &p, out);
}

const acvp_family acvp_family_rsa_sig = {"RSA sigGen/sigVer", rsa_sig_match, rsa_sig_run};
