/* module/rsa/rsa_pad.c - the RSA services: RSASSA-PKCS1-v1_5 (RFC 8017 §8.2, EMSA-PKCS1-v1_5 §9.2), RSASSA-PSS
 * (RFC 8017 §8.1, EMSA-PSS §9.1, with the SHAKE variants of FIPS 186-5 §5.4) and RSAES-OAEP (RFC 8017 §7.1,
 * SP 800-56B Rev. 2 §7.2.2), with the service gate and the indicator.
 *
 * Approval (SP 800-131A Rev. 2, FIPS 186-5 §5.1): a modulus of at least 2048 bits, 2^16 < e < 2^256, and an approved
 * hash. Signing, encryption and decryption with smaller moduli are refused (FIPS140_ERR_KEY_LENGTH); verification
 * with a 1024..2047-bit modulus, a SHA-1 digest or another e is legacy use: it works with the indicator "not
 * approved", and is refused with FIPS140_ERR_NOT_APPROVED in FIPS140=only mode. SHA-1 signing is refused
 * (FIPS140_ERR_ARG). OAEP with SHA-1 (hash or MGF1) is non-approved in the same way. A private operation whose
 * result fails the check with the public key (a fault) returns FIPS140_ERR_STATE with the output zeroised. */
#include <string.h>
#include "rsa_internal.h"
#include "../core/internal.h"
#include "../core/ct.h"
#include "../hash/hash_internal.h"

#define K_MAX (FIPS140_RSA_MAX_BITS / 8)

/* ---- hashes: SHA-1/SHA-2/SHA-3 through the internal hash front, SHAKE through the sponge */

static int is_fixed_hash(fips140_hash_alg h) { return h >= FIPS140_SHA1 && h <= FIPS140_SHA3_512; }
static int is_shake(fips140_hash_alg h) { return h == FIPS140_SHAKE128 || h == FIPS140_SHAKE256; }

/* hash_len - the digest length RSA uses: the fixed digest size; 32 / 64 bytes for SHAKE128 / SHAKE256 as the PSS
 * hash (FIPS 186-5 §5.4). 0 for an unknown algorithm. */
static size_t hash_len(fips140_hash_alg h)
{
    if (h == FIPS140_SHAKE128)
        return 32;
    if (h == FIPS140_SHAKE256)
        return 64;
    return is_fixed_hash(h) ? fips140_hash_digest_size(h) : 0;
}

typedef struct hctx {
    fips140_hash_ctx c;
    int xof;
} hctx;

static void h_init(hctx *h, fips140_hash_alg alg)
{
    h->xof = is_shake(alg);
    if (h->xof)
        fips140_keccak_init(&h->c.u.keccak, alg == FIPS140_SHAKE128 ? 168 : 136, 0x1F);
    else
        fips140_hash_setup_internal(&h->c, (uint32_t)alg);
}

static void h_update(hctx *h, const uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    if (h->xof)
        fips140_keccak_absorb(&h->c.u.keccak, p, n);
    else
        (void)fips140_hash_absorb_internal(&h->c, p, n); /* lengths here are far below the hash limits */
}

/* h_final - the digest (a fixed hash: its size; SHAKE: outlen bytes). */
static void h_final(hctx *h, uint8_t *out, size_t outlen)
{
    if (h->xof) {
        fips140_keccak_finish(&h->c.u.keccak, 0, 0);
        fips140_keccak_squeeze(&h->c.u.keccak, out, outlen);
    } else {
        fips140_hash_digest_internal(&h->c, out);
    }
    fips140_wipe(h, sizeof *h);
}

/* mgf_base - the hash under the mask function mgf (FIPS140_RSA_MGF1(h) or h), 0 when there is none. */
static fips140_hash_alg mgf_base(fips140_hash_alg mgf)
{
    unsigned v = (unsigned)mgf;
    fips140_hash_alg h = (fips140_hash_alg)(v & 0xffu);
    return (v & ~0x1ffu) == 0 && hash_len(h) != 0 ? h : (fips140_hash_alg)0;
}

/* mask_xor - buf[0..len) ^= MGF(seed): MGF1 (RFC 8017 Appendix B.2.1) over a hash (a SHAKE one with its RSA output
 * length, for FIPS140_RSA_MGF1(SHAKE)), or for plain SHAKE128/256 the XOF output of length len itself (FIPS 186-5
 * §5.4). mgf is valid (mgf_base != 0). */
static void mask_xor(fips140_hash_alg mgf, const uint8_t *seed, size_t seedlen, uint8_t *buf, size_t len)
{
    uint8_t t[FIPS140_HASH_MAX_DIGEST];
    hctx h;
    if (is_shake(mgf)) {
        h_init(&h, mgf);
        h_update(&h, seed, seedlen);
        fips140_keccak_finish(&h.c.u.keccak, 0, 0);
        for (size_t off = 0; off < len; off += sizeof t) {
            size_t n = len - off < sizeof t ? len - off : sizeof t;
            fips140_keccak_squeeze(&h.c.u.keccak, t, n);
            for (size_t i = 0; i < n; i++)
                buf[off + i] ^= t[i];
        }
        fips140_wipe(&h, sizeof h);
    } else {
        mgf = mgf_base(mgf);
        size_t hl = hash_len(mgf);
        for (uint32_t counter = 0; (size_t)counter * hl < len; counter++) {
            uint8_t c[4];
            store32_be(c, counter);
            h_init(&h, mgf);
            h_update(&h, seed, seedlen);
            h_update(&h, c, 4);
            h_final(&h, t, hl);
            size_t off = (size_t)counter * hl, n = len - off < hl ? len - off : hl;
            for (size_t i = 0; i < n; i++)
                buf[off + i] ^= t[i];
        }
    }
    fips140_wipe(t, sizeof t);
}

/* ---- EMSA-PKCS1-v1_5 */

/* digest_info - the DER prefix of DigestInfo (RFC 8017 §9.2 note 1; the SHA-3 and SHA-512/t object identifiers
 * of the NIST arc 2.16.840.1.101.3.4.2.x). Returns its length, 0 for a hash without one (SHAKE). */
static size_t digest_info(fips140_hash_alg h, uint8_t *out)
{
    static const uint8_t sha1[15] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                     0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
    static const uint8_t nist[13] = {0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
                                     0x01, 0x65, 0x03, 0x04, 0x02, 0x00};
    static const uint8_t arc[FIPS140_SHA3_512 + 1] = {
        [FIPS140_SHA256] = 0x01, [FIPS140_SHA384] = 0x02, [FIPS140_SHA512] = 0x03, [FIPS140_SHA224] = 0x04,
        [FIPS140_SHA512_224] = 0x05, [FIPS140_SHA512_256] = 0x06, [FIPS140_SHA3_224] = 0x07,
        [FIPS140_SHA3_256] = 0x08, [FIPS140_SHA3_384] = 0x09, [FIPS140_SHA3_512] = 0x0a};
    if (h == FIPS140_SHA1) {
        memcpy(out, sha1, sizeof sha1);
        return sizeof sha1;
    }
    if (!is_fixed_hash(h))
        return 0;
    size_t hl = hash_len(h);
    out[0] = 0x30;
    out[1] = (uint8_t)(sizeof nist + 4 + hl); /* AlgorithmIdentifier with NULL, OCTET STRING header, digest */
    memcpy(out + 2, nist, sizeof nist);
    out[2 + sizeof nist - 1] = arc[h];
    out[2 + sizeof nist] = 0x05; /* NULL parameters */
    out[3 + sizeof nist] = 0x00;
    out[4 + sizeof nist] = 0x04;
    out[5 + sizeof nist] = (uint8_t)hl;
    return 6 + sizeof nist;
}

int rsa_emsa_pkcs1v15(uint8_t *em, size_t k, fips140_hash_alg hash, const uint8_t *digest, size_t dlen)
{
    uint8_t prefix[32];
    size_t plen = digest_info(hash, prefix);
    if (plen == 0 || dlen != hash_len(hash) || k < plen + dlen + 11) /* §9.2 step 3: at least 8 bytes of PS */
        return -1;
    size_t pslen = k - 3 - plen - dlen;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xff, pslen);
    em[2 + pslen] = 0x00;
    memcpy(em + 3 + pslen, prefix, plen);
    memcpy(em + 3 + pslen + plen, digest, dlen);
    return 0;
}

/* ---- common checks */

/* sig_begin - the gate and checks every signature service shares. need_priv: signing; mgf: the mask function of
 * PSS, 0 for PKCS#1 v1.5. approved gets the verdict for the key, the hash and the mask function. */
static fips140_status sig_begin(const fips140_rsa_key *key, int need_priv, fips140_hash_alg hash,
                                fips140_hash_alg mgf, const uint8_t *digest, size_t dlen, const uint8_t *sig,
                                int *approved)
{
    fips140_status st = fips140_service_begin(CAST_RSA_SIG);
    if (st != FIPS140_OK)
        return st;
    if (key == NULL || sig == NULL || (digest == NULL && dlen != 0))
        return FIPS140_ERR_NULL;
    if (!key->has_pub || (need_priv && !key->has_priv))
        return FIPS140_ERR_STATE;
    if (hash_len(hash) == 0 || (mgf != 0 && mgf_base(mgf) == 0) || (mgf == 0 && is_shake(hash)))
        return FIPS140_ERR_ARG; /* SHAKE has no DigestInfo: PSS only (FIPS 186-5 §5.4) */
    if (mgf != 0)
        mgf = mgf_base(mgf);
    if (need_priv && (hash == FIPS140_SHA1 || mgf == FIPS140_SHA1)) /* SP 800-131A Rev. 2 §3: disallowed */
        return FIPS140_ERR_ARG;
    if (dlen != hash_len(hash))
        return FIPS140_ERR_DATA_LENGTH;
    if (need_priv && key->bits < FIPS140_RSA_MIN_BITS)
        return FIPS140_ERR_KEY_LENGTH;
    *approved = key->bits >= FIPS140_RSA_MIN_BITS && rsa_key_e_approved(key) && hash != FIPS140_SHA1 &&
                mgf != FIPS140_SHA1;
    if (!*approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-131A Rev. 2 / FIPS 186-5 5.1: RSA legacy verification (modulus < 2048 bits, "
                              "e outside 2^16..2^256 or SHA-1)");
    return FIPS140_OK;
}

/* ---- RSASSA-PKCS1-v1_5 */

fips140_status fips140_rsa_sign_pkcs1v15(const fips140_rsa_key *key, fips140_hash_alg hash, const uint8_t *digest,
                                         size_t digestlen, uint8_t *sig, size_t siglen)
{
    int approved = 0;
    fips140_status st = sig_begin(key, 1, hash, (fips140_hash_alg)0, digest, digestlen, sig, &approved);
    if (st != FIPS140_OK)
        return st;
    if (siglen != key->k)
        return FIPS140_ERR_OUTPUT_LENGTH;
    uint8_t em[K_MAX];
    if (rsa_emsa_pkcs1v15(em, key->k, hash, digest, digestlen) != 0)
        return FIPS140_ERR_ARG;
    st = rsa_private_op(key, sig, em);
    if (st != FIPS140_OK)
        return st;
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status fips140_rsa_verify_pkcs1v15(const fips140_rsa_key *key, fips140_hash_alg hash, const uint8_t *digest,
                                           size_t digestlen, const uint8_t *sig, size_t siglen)
{
    int approved = 0;
    fips140_status st = sig_begin(key, 0, hash, (fips140_hash_alg)0, digest, digestlen, sig, &approved);
    if (st != FIPS140_OK)
        return st;
    uint8_t em[K_MAX], m[K_MAX];
    /* §8.2.2: length check, RSAVP1 (s < n), then the encoding rebuilt and compared */
    if (siglen != key->k || rsa_public_op(key, m, sig) != 0 ||
        rsa_emsa_pkcs1v15(em, key->k, hash, digest, digestlen) != 0 || memcmp(em, m, key->k) != 0)
        return FIPS140_ERR_AUTH;
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

/* ---- RSASSA-PSS */

/* pss_hash - H = Hash(0x00 * 8 || mHash || salt) (§9.1.1 steps 5-6); hl bytes (SHAKE: the XOF output of hl). */
static void pss_hash(fips140_hash_alg hash, uint8_t *out, const uint8_t *mhash, size_t hl, const uint8_t *salt,
                     size_t slen)
{
    static const uint8_t zeros[8] = {0};
    hctx h;
    h_init(&h, hash);
    h_update(&h, zeros, sizeof zeros);
    h_update(&h, mhash, hl);
    h_update(&h, salt, slen);
    h_final(&h, out, hl);
}

static fips140_status pss_sign(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf,
                               const uint8_t *salt, size_t saltlen, const uint8_t *digest, size_t digestlen,
                               uint8_t *sig, size_t siglen)
{
    int approved = 0;
    if (mgf == 0)
        mgf = (fips140_hash_alg)-1; /* not a mask function: sig_begin refuses it */
    fips140_status st = sig_begin(key, 1, hash, mgf, digest, digestlen, sig, &approved);
    if (st != FIPS140_OK)
        return st;
    size_t hl = hash_len(hash);
    if (saltlen > hl) /* FIPS 186-5 §5.4 (g): 0 <= sLen <= hLen */
        return FIPS140_ERR_ARG;
    if (siglen != key->k)
        return FIPS140_ERR_OUTPUT_LENGTH;
    /* EMSA-PSS-ENCODE (§9.1.1) with emBits = modBits - 1; em holds EM right-aligned in k bytes */
    const size_t embits = key->bits - 1, emlen = (embits + 7) / 8, off = key->k - emlen, dblen = emlen - hl - 1;
    uint8_t em[K_MAX], s[FIPS140_HASH_MAX_DIGEST];
    if (salt == NULL) {
        st = fips140_rand_bytes(s, saltlen);
        if (st != FIPS140_OK)
            return st;
        salt = s;
    }
    uint8_t *EM = em + off;
    memset(em, 0, key->k);
    EM[dblen - saltlen - 1] = 0x01; /* DB = PS || 0x01 || salt */
    memcpy(EM + dblen - saltlen, salt, saltlen);
    pss_hash(hash, EM + dblen, digest, hl, salt, saltlen);
    mask_xor(mgf, EM + dblen, hl, EM, dblen);
    EM[0] &= (uint8_t)(0xffu >> (8 * emlen - embits));
    EM[emlen - 1] = 0xbc;
    st = rsa_private_op(key, sig, em);
    fips140_wipe(s, sizeof s);
    if (st != FIPS140_OK)
        return st;
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status fips140_rsa_sign_pss(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf,
                                    size_t saltlen, const uint8_t *digest, size_t digestlen, uint8_t *sig,
                                    size_t siglen)
{
    return pss_sign(key, hash, mgf, NULL, saltlen, digest, digestlen, sig, siglen);
}

fips140_status fips140_rsa_sign_pss_salt(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf,
                                         const uint8_t *salt, size_t saltlen, const uint8_t *digest,
                                         size_t digestlen, uint8_t *sig, size_t siglen)
{
    if (salt == NULL && saltlen != 0)
        return FIPS140_ERR_NULL;
    static const uint8_t none = 0;
    return pss_sign(key, hash, mgf, salt != NULL ? salt : &none, saltlen, digest, digestlen, sig, siglen);
}

/* pss_check - EMSA-PSS-VERIFY (§9.1.2 steps 3-14) on the k-byte em. Returns 0 when consistent. */
static int pss_check(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf, size_t saltlen,
                     const uint8_t *mhash, uint8_t *em)
{
    const size_t hl = hash_len(hash), embits = key->bits - 1, emlen = (embits + 7) / 8, off = key->k - emlen;
    uint8_t hh[FIPS140_HASH_MAX_DIGEST];
    if (off != 0 && em[0] != 0) /* the integer must fit emBits bits */
        return -1;
    uint8_t *EM = em + off;
    if (emlen < hl + 2 || (saltlen != FIPS140_RSA_PSS_SALT_AUTO && emlen < hl + saltlen + 2) ||
        EM[emlen - 1] != 0xbc)
        return -1;
    const size_t dblen = emlen - hl - 1;
    const uint8_t topmask = (uint8_t)(0xffu >> (8 * emlen - embits));
    if ((EM[0] & (uint8_t)~topmask) != 0)
        return -1;
    mask_xor(mgf, EM + dblen, hl, EM, dblen); /* DB */
    EM[0] &= topmask;
    size_t i = 0;
    while (i < dblen && EM[i] == 0) /* public data: a signature */
        i++;
    if (i == dblen || EM[i] != 0x01)
        return -1;
    size_t slen = dblen - i - 1;
    if (saltlen != FIPS140_RSA_PSS_SALT_AUTO && slen != saltlen)
        return -1;
    pss_hash(hash, hh, mhash, hl, EM + dblen - slen, slen);
    return memcmp(hh, EM + dblen, hl) == 0 ? 0 : -1;
}

fips140_status fips140_rsa_verify_pss(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf,
                                      size_t saltlen, const uint8_t *digest, size_t digestlen, const uint8_t *sig,
                                      size_t siglen)
{
    int approved = 0;
    if (mgf == 0)
        mgf = (fips140_hash_alg)-1; /* not a mask function: sig_begin refuses it */
    fips140_status st = sig_begin(key, 0, hash, mgf, digest, digestlen, sig, &approved);
    if (st != FIPS140_OK)
        return st;
    uint8_t em[K_MAX];
    if (siglen != key->k || rsa_public_op(key, em, sig) != 0 || pss_check(key, hash, mgf, saltlen, digest, em) != 0)
        return FIPS140_ERR_AUTH;
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

/* ---- RSAES-OAEP */

/* oaep_begin - the gate and the checks of both OAEP services. */
static fips140_status oaep_begin(const fips140_rsa_key *key, int need_priv, fips140_hash_alg hash,
                                 fips140_hash_alg mgf1, const uint8_t *label, size_t labellen, int *approved)
{
    fips140_status st = fips140_service_begin(CAST_RSA_OAEP);
    if (st != FIPS140_OK)
        return st;
    if (key == NULL || (label == NULL && labellen != 0))
        return FIPS140_ERR_NULL;
    if (!key->has_pub || (need_priv && !key->has_priv))
        return FIPS140_ERR_STATE;
    if (!is_fixed_hash(hash) || !is_fixed_hash(mgf_base(mgf1)))
        return FIPS140_ERR_ARG;
    mgf1 = mgf_base(mgf1);
    if (key->bits < FIPS140_RSA_MIN_BITS) /* SP 800-131A Rev. 2 §6: key transport needs 2048 bits */
        return FIPS140_ERR_KEY_LENGTH;
    if (key->k < 2 * hash_len(hash) + 2)
        return FIPS140_ERR_ARG;
    *approved = rsa_key_e_approved(key) && hash != FIPS140_SHA1 && mgf1 != FIPS140_SHA1;
    if (!*approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-56B Rev. 2: RSA-OAEP with SHA-1 or e outside 2^16..2^256");
    return FIPS140_OK;
}

static void label_hash(fips140_hash_alg hash, uint8_t *out, const uint8_t *label, size_t labellen)
{
    hctx h;
    h_init(&h, hash);
    h_update(&h, label, labellen);
    h_final(&h, out, hash_len(hash));
}

/* oaep_encrypt - §7.1.1 with the checks done and the seed given (hl bytes). */
static fips140_status oaep_encrypt(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf1,
                                   const uint8_t *label, size_t labellen, const uint8_t *msg, size_t msglen,
                                   const uint8_t *seed_in, uint8_t *out)
{
    const size_t k = key->k, hl = hash_len(hash), dblen = k - hl - 1;
    /* EME-OAEP encoding (§7.1.1 step 2): EM = 0x00 || maskedSeed || maskedDB, DB = lHash || PS || 0x01 || M */
    uint8_t em[K_MAX];
    uint8_t *seed = em + 1, *db = em + 1 + hl;
    memset(em, 0, k);
    memcpy(seed, seed_in, hl);
    label_hash(hash, db, label, labellen);
    db[dblen - msglen - 1] = 0x01;
    memcpy(db + dblen - msglen, msg, msglen);
    mask_xor(mgf1, seed, hl, db, dblen);
    mask_xor(mgf1, db, dblen, seed, hl);
    int bad = rsa_public_op(key, out, em); /* em < n: its first byte is zero */
    fips140_wipe(em, sizeof em);
    return bad ? FIPS140_ERR_STATE : FIPS140_OK;
}

/* oaep_encrypt_checks - the checks of fips140_rsa_encrypt_oaep after the gate. */
static fips140_status oaep_encrypt_checks(const fips140_rsa_key *key, fips140_hash_alg hash, const uint8_t *msg,
                                          size_t msglen, const uint8_t *out, size_t outlen)
{
    if (out == NULL || (msg == NULL && msglen != 0))
        return FIPS140_ERR_NULL;
    if (msglen > key->k - 2 * hash_len(hash) - 2) /* §7.1.1 step 1.b */
        return FIPS140_ERR_DATA_LENGTH;
    if (outlen != key->k)
        return FIPS140_ERR_OUTPUT_LENGTH;
    return FIPS140_OK;
}

fips140_status fips140_rsa_encrypt_oaep(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf1,
                                        const uint8_t *label, size_t labellen, const uint8_t *msg, size_t msglen,
                                        uint8_t *out, size_t outlen)
{
    int approved = 0;
    uint8_t seed[FIPS140_HASH_MAX_DIGEST];
    fips140_status st = oaep_begin(key, 0, hash, mgf1, label, labellen, &approved);
    if (st == FIPS140_OK)
        st = oaep_encrypt_checks(key, hash, msg, msglen, out, outlen);
    if (st == FIPS140_OK)
        st = fips140_rand_bytes(seed, hash_len(hash));
    if (st == FIPS140_OK)
        st = oaep_encrypt(key, hash, mgf1, label, labellen, msg, msglen, seed, out);
    fips140_wipe(seed, sizeof seed);
    if (st != FIPS140_OK)
        return st;
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status rsa_encrypt_oaep_seed(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf1,
                                     const uint8_t *label, size_t labellen, const uint8_t *msg, size_t msglen,
                                     const uint8_t *seed, uint8_t *out, size_t outlen)
{
    int approved = 0;
    fips140_status st = oaep_begin(key, 0, hash, mgf1, label, labellen, &approved);
    if (st == FIPS140_OK)
        st = oaep_encrypt_checks(key, hash, msg, msglen, out, outlen);
    if (st == FIPS140_OK && seed == NULL)
        st = FIPS140_ERR_NULL;
    if (st == FIPS140_OK)
        st = oaep_encrypt(key, hash, mgf1, label, labellen, msg, msglen, seed, out);
    return st;
}

fips140_status fips140_rsa_decrypt_oaep(const fips140_rsa_key *key, fips140_hash_alg hash, fips140_hash_alg mgf1,
                                        const uint8_t *label, size_t labellen, const uint8_t *in, size_t inlen,
                                        uint8_t *out, size_t outcap, size_t *msglen)
{
    int approved = 0;
    fips140_status st = oaep_begin(key, 1, hash, mgf1, label, labellen, &approved);
    if (st != FIPS140_OK)
        return st;
    if (in == NULL || out == NULL || msglen == NULL)
        return FIPS140_ERR_NULL;
    const size_t k = key->k, hl = hash_len(hash), dblen = k - hl - 1;
    if (outcap < k - 2 * hl - 2)
        return FIPS140_ERR_OUTPUT_LENGTH;
    if (inlen != k) /* §7.1.2 step 1 (public) */
        return FIPS140_ERR_AUTH;
    uint8_t em[K_MAX], lhash[FIPS140_HASH_MAX_DIGEST];
    st = rsa_private_op(key, em, in);
    if (st == FIPS140_ERR_ARG) /* c >= n (§7.1.2 step 2.a): the same error as a bad encoding */
        return FIPS140_ERR_AUTH;
    if (st != FIPS140_OK)
        return st;
    /* EME-OAEP decoding (§7.1.2 step 3) in constant time: every check folds into one mask, no early exit;
     * the position of the 0x01 separator is found by a scan of the whole DB. */
    uint8_t *seed = em + 1, *db = em + 1 + hl;
    mask_xor(mgf1, db, dblen, seed, hl);
    mask_xor(mgf1, seed, hl, db, dblen);
    label_hash(hash, lhash, label, labellen);
    uint32_t good = ct_is_zero_u32(em[0]);
    good &= 0u - (uint32_t)ct_memeq(db, lhash, hl);
    uint32_t found = 0, bad = 0, index = 0;
    for (size_t i = hl; i < dblen; i++) {
        uint32_t is_one = ct_eq_u32(db[i], 1), is_zero = ct_is_zero_u32(db[i]);
        index = ct_select_u32(~found & is_one, (uint32_t)i, index);
        bad |= ~found & ~is_one & ~is_zero;
        found |= is_one;
    }
    good &= found & ~bad;
    /* the verdict is released here, with the message length when it is good */
    if (!(ct_barrier_u32(good) & 1u)) {
        fips140_wipe(em, sizeof em);
        return FIPS140_ERR_AUTH;
    }
    size_t mlen = dblen - index - 1;
    memcpy(out, db + index + 1, mlen);
    *msglen = mlen;
    fips140_wipe(em, sizeof em);
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}
