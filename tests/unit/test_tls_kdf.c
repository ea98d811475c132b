/* tests/unit/test_tls_kdf.c - the TLS KDFs (include/fips140/tls_kdf.h):
 *  - TLS 1.2 PRF, master secret, extended master secret, key block vs OpenSSL's EVP_KDF "TLS1-PRF" over random
 *    secrets, labels, seeds and output lengths (SHA2-256/384/512), and NIST's ACVP sample answers;
 *  - TLS 1.3 extract, expand-label (also with another prefix), derive-secret vs OpenSSL's EVP_KDF "TLS13-KDF"
 *    (EXTRACT_ONLY / EXPAND_ONLY), the whole key schedule vs a schedule composed from OpenSSL calls (PSK, DHE and
 *    PSK-DHE, SHA2-256/384), RFC 8448 §3 values (early, handshake, master secret, traffic key and IV) and NIST's
 *    ACVP TLS-v1.3-KDF case;
 *  - bad parameters (status, nothing written, indicator untouched), indicator values (EMS approved, plain master
 *    secret not; TLS 1.3 SHA2-256/384 approved, other hashes not), and FIPS140=only refusals naming their rule
 *    (in a child process: the mode is read once). */
#include "test_util.h"

#include <stddef.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

static EVP_KDF *kdf_tls1, *kdf_tls13;

static const char *ossl_md(fips140_hash_alg a)
{
    switch (a) {
    case FIPS140_SHA1: return "SHA1";
    case FIPS140_SHA224: return "SHA224";
    case FIPS140_SHA256: return "SHA256";
    case FIPS140_SHA384: return "SHA384";
    case FIPS140_SHA512: return "SHA512";
    case FIPS140_SHA3_256: return "SHA3-256";
    default: return NULL;
    }
}

/* tls1_prf - OpenSSL TLS1-PRF(secret, seed) into out (seed already holds the label). */
static void tls1_prf(fips140_hash_alg a, uint8_t *out, size_t outlen, const uint8_t *sec, size_t seclen,
                     const uint8_t *seed, size_t seedlen)
{
    EVP_KDF_CTX *k = EVP_KDF_CTX_new(kdf_tls1);
    OSSL_PARAM p[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)ossl_md(a), 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, (void *)sec, seclen),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, (void *)seed, seedlen),
        OSSL_PARAM_construct_end(),
    };
    if (k == NULL || EVP_KDF_derive(k, out, outlen, p) != 1) {
        fprintf(stderr, "OpenSSL TLS1-PRF failed\n");
        abort();
    }
    EVP_KDF_CTX_free(k);
}

/* tls13 - OpenSSL TLS13-KDF. mode EVP_KDF_HKDF_MODE_EXTRACT_ONLY: key = IKM (NULL: zeros), salt = previous secret
 * (NULL: none; else OpenSSL first derives Derive-Secret(salt, label, Hash(""))), out = HashLen. EXPAND_ONLY: key =
 * secret, prefix, label, data = context. */
static void tls13(fips140_hash_alg a, int mode, uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                  const uint8_t *salt, size_t saltlen, const char *prefix, const char *label, size_t labellen,
                  const uint8_t *data, size_t datalen)
{
    EVP_KDF_CTX *k = EVP_KDF_CTX_new(kdf_tls13);
    OSSL_PARAM p[10];
    int n = 0;
    p[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)ossl_md(a), 0);
    p[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
    if (key) p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, keylen);
    if (salt) p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, saltlen);
    p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PREFIX, (void *)prefix, strlen(prefix));
    p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_LABEL, (void *)label, labellen);
    if (data) p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_DATA, (void *)data, datalen);
    p[n] = OSSL_PARAM_construct_end();
    if (k == NULL || EVP_KDF_derive(k, out, outlen, p) != 1) {
        fprintf(stderr, "OpenSSL TLS13-KDF failed (mode %d)\n", mode);
        abort();
    }
    EVP_KDF_CTX_free(k);
}

static const fips140_hash_alg tls12_algs[] = {FIPS140_SHA256, FIPS140_SHA384, FIPS140_SHA512};

/* ---- TLS 1.2 ---- */

static void test_tls12_random(void)
{
    tu_rng r = {0x544c53313270ull};
    static uint8_t sec[200], lab[40], seed[300], both[340], got[700], want[700];
    for (size_t ai = 0; ai < 3; ai++) {
        fips140_hash_alg a = tls12_algs[ai];
        for (int k = 0; k < 150; k++) {
            size_t seclen = 1 + tu_below(&r, 199), lablen = tu_below(&r, 40), seedlen = 1 + tu_below(&r, 299);
            size_t outlen = 1 + tu_below(&r, k % 4 == 0 ? 690 : 140);
            tu_fill(&r, sec, seclen);
            for (size_t i = 0; i < lablen; i++) lab[i] = (uint8_t)('a' + tu_below(&r, 26));
            tu_fill(&r, seed, seedlen);
            memcpy(both, lab, lablen);
            memcpy(both + lablen, seed, seedlen);
            tls1_prf(a, want, outlen, sec, seclen, both, lablen + seedlen);
            memset(got, 0x5a, sizeof got);
            CHECK_OK(fips140_tls12_prf(a, got, outlen, sec, seclen, lab, lablen, seed, seedlen), "prf");
            CHECK_MEM(got, want, outlen, "TLS1-PRF %s sec %zu label %zu seed %zu out %zu", ossl_md(a), seclen, lablen,
                      seedlen, outlen);
            CHECK(got[outlen] == 0x5a, "prf wrote past outlen");
            /* the label inside the seed (OpenSSL's TLS1-PRF shape) */
            CHECK_OK(fips140_tls12_prf(a, got, outlen, sec, seclen, NULL, 0, both, lablen + seedlen), "prf");
            CHECK_MEM(got, want, outlen, "TLS1-PRF label in seed");
        }
        /* master secret, extended master secret and key block with their labels */
        for (int k = 0; k < 20; k++) {
            uint8_t pms[100], cr[32], sr[32], sh[64], ms[48], ms_want[48];
            size_t pmslen = 1 + tu_below(&r, 100), shlen = 1 + tu_below(&r, 64), kblen = 1 + tu_below(&r, 300);
            tu_fill(&r, pms, pmslen);
            tu_fill(&r, cr, 32);
            tu_fill(&r, sr, 32);
            tu_fill(&r, sh, shlen);
            memcpy(both, "master secret", 13);
            memcpy(both + 13, cr, 32);
            memcpy(both + 45, sr, 32);
            tls1_prf(a, ms_want, 48, pms, pmslen, both, 77);
            CHECK_OK(fips140_tls12_master_secret(a, ms, pms, pmslen, cr, sr), "master secret");
            CHECK_MEM(ms, ms_want, 48, "master secret %s", ossl_md(a));
            memcpy(both, "extended master secret", 22);
            memcpy(both + 22, sh, shlen);
            tls1_prf(a, ms_want, 48, pms, pmslen, both, 22 + shlen);
            CHECK_OK(fips140_tls12_extended_master_secret(a, ms, pms, pmslen, sh, shlen), "ems");
            CHECK_MEM(ms, ms_want, 48, "extended master secret %s", ossl_md(a));
            memcpy(both, "key expansion", 13);
            memcpy(both + 13, sr, 32);
            memcpy(both + 45, cr, 32);
            tls1_prf(a, want, kblen, ms, 48, both, 77);
            CHECK_OK(fips140_tls12_key_block(a, got, kblen, ms, sr, cr), "key block");
            CHECK_MEM(got, want, kblen, "key block %s %zu", ossl_md(a), kblen);
        }
    }
}

/* NIST ACVP answers: kdf-components tls 1.0 tgId 4 tcId 61 (v1.2, SHA2-384: plain master secret, 512-bit key
 * block) and TLS-v1.2 KDF RFC7627 tgId 1 tcId 1 (SHA2-256: extended master secret, 512-bit key block). */
static void test_tls12_known(void)
{
    uint8_t pms[48], chr[32], shr[32], cr[32], sr[32], sh[32], ms_want[48], kb_want[64], ms[48], kb[64];
    tu_unhex(pms, 48, "F5ED8DF7E1728927CE264015FDC9C8DE4B0D509EB88B32D7484F4C8654FE19552920A8508191219B58F8ECB9BF4D4D1E");
    tu_unhex(chr, 32, "49506DDAFC2D2FF3151422DE87A246144ABA3F6087E804FED10CBF9D2634F829");
    tu_unhex(shr, 32, "90F70F916D321EE4061666EAB1CD27CFE76E9F5710FFF7BC1FAEE61CA58F9545");
    tu_unhex(cr, 32, "AC8D40B3FDC1887FDE5E9FA0B22D46C054BD0323E6CB83972D2E14B0CA429EB3");
    tu_unhex(sr, 32, "56793153274B634014F044E24BACDE61E0E32F9B67199FF8BA37A35DB85D6E00");
    tu_unhex(ms_want, 48, "F69B5BCCE94ECD17F1DB2C792E35C710E602884CF80C31C2BC638F2429C0D27AB9F6DC48C685C525E7219B5677C254A8");
    tu_unhex(kb_want, 64, "D46EB50D142575A6B5BECAABAAF97239B13CAE6DD0745C87BE7781FAFEE9F926"
                          "E9AD2ED60E82A2BB76E4F5C098BE81B9082F62EB7B3E55B343B6DEEDCFE192C6");
    CHECK_OK(fips140_tls12_master_secret(FIPS140_SHA384, ms, pms, 48, chr, shr), "NIST ms");
    CHECK_MEM(ms, ms_want, 48, "NIST kdf-components tls tcId 61 masterSecret");
    CHECK_OK(fips140_tls12_key_block(FIPS140_SHA384, kb, 64, ms, sr, cr), "NIST kb");
    CHECK_MEM(kb, kb_want, 64, "NIST kdf-components tls tcId 61 keyBlock");

    tu_unhex(pms, 48, "75BF0F2B5C2058813C4BF66EAE416C57CC05B7F7D631BC2400FE4372B2271C8D94947B0E380387D3B4DAC40F269DEB9D");
    tu_unhex(sh, 32, "15D4A2221A31EBD09626E539A1E136811BBD039353019DEC59948B3C1865BCD8");
    tu_unhex(cr, 32, "4A36795A5147CE96F33B1D2EF5DB049B7EA8F8F5D0C2E7D8CB8FEC513AFEBBFD");
    tu_unhex(sr, 32, "5E703DA483A30B7FE0E7DEC61E7FB242D8A1552352C915A794CA8204D855EBC9");
    tu_unhex(ms_want, 48, "4EC38663D2CEFE30EDA0F30957649953A5437D37CDBC409408DA44F30BD8D9F280E07EE55233AFA69E1C90D8A24239E3");
    tu_unhex(kb_want, 64, "B75C260AB116592109AA4D11593AD9FFE9845D6B3CB2441FD5D932C649CD89DA"
                          "CA41B39E487C6B2BA0BA9DE993FE56B9ACFF6E9BFBFE16D9FD076204D6FBA2E4");
    CHECK_OK(fips140_tls12_extended_master_secret(FIPS140_SHA256, ms, pms, 48, sh, 32), "NIST ems");
    CHECK_MEM(ms, ms_want, 48, "NIST RFC7627 tcId 1 masterSecret");
    CHECK_OK(fips140_tls12_key_block(FIPS140_SHA256, kb, 64, ms, sr, cr), "NIST ems kb");
    CHECK_MEM(kb, kb_want, 64, "NIST RFC7627 tcId 1 keyBlock");
}

/* ---- TLS 1.3 ---- */

static const fips140_hash_alg tls13_algs[] = {FIPS140_SHA256, FIPS140_SHA384, FIPS140_SHA512, FIPS140_SHA1,
                                              FIPS140_SHA3_256};
#define EXTRACT EVP_KDF_HKDF_MODE_EXTRACT_ONLY
#define EXPAND EVP_KDF_HKDF_MODE_EXPAND_ONLY

static void md_hash(fips140_hash_alg a, uint8_t *out, const uint8_t *p, size_t n)
{
    unsigned int len = 0;
    if (EVP_Digest(p, n, out, &len, EVP_get_digestbyname(ossl_md(a)), NULL) != 1) abort();
}

static void test_tls13_random(void)
{
    tu_rng r = {0x544c53313370ull};
    static uint8_t sec[100], ctx[100], got[700], want[700], prk[64], prk2[64], derived[64], eh[64];
    char label[64];
    for (size_t ai = 0; ai < sizeof tls13_algs / sizeof tls13_algs[0]; ai++) {
        fips140_hash_alg a = tls13_algs[ai];
        size_t d = fips140_hash_digest_size(a);
        md_hash(a, eh, NULL, 0);
        for (int k = 0; k < 80; k++) {
            size_t seclen = 1 + tu_below(&r, 99), lablen = tu_below(&r, 40), ctxlen = tu_below(&r, 100);
            size_t outlen = 1 + tu_below(&r, k % 4 == 0 ? 255 * d < 700 ? 255 * d : 700 : 2 * d);
            tu_fill(&r, sec, seclen);
            tu_fill(&r, ctx, ctxlen);
            for (size_t i = 0; i < lablen; i++) label[i] = (char)('a' + tu_below(&r, 26));
            label[lablen] = 0;
            tls13(a, EXPAND, want, outlen, sec, seclen, NULL, 0, "tls13 ", label, lablen, ctx, ctxlen);
            memset(got, 0x5a, sizeof got);
            CHECK_OK(fips140_tls13_expand_label(a, got, outlen, sec, seclen, label, lablen, ctx, ctxlen), "expand");
            CHECK_MEM(got, want, outlen, "expand-label %s sec %zu label %zu ctx %zu out %zu", ossl_md(a), seclen,
                      lablen, ctxlen, outlen);
            CHECK(got[outlen] == 0x5a, "expand-label wrote past outlen");
            tls13(a, EXPAND, want, outlen, sec, seclen, NULL, 0, "dtls13", label, lablen, ctx, ctxlen);
            CHECK_OK(fips140_tls13_expand_label_prefix(a, got, outlen, sec, seclen, (const uint8_t *)"dtls13", 6,
                                                       (const uint8_t *)label, lablen, ctx, ctxlen), "prefix");
            CHECK_MEM(got, want, outlen, "expand-label dtls13 %s", ossl_md(a));
            /* derive-secret = expand-label with the transcript hash as context and HashLen output */
            tls13(a, EXPAND, want, d, sec, seclen, NULL, 0, "tls13 ", label, lablen, ctx, d);
            CHECK_OK(fips140_tls13_derive_secret(a, got, sec, seclen, label, lablen, ctx, d), "derive");
            CHECK_MEM(got, want, d, "derive-secret %s", ossl_md(a));
            /* extract without a previous secret (salt = zeros), and with one (OpenSSL derives "derived" first) */
            tls13(a, EXTRACT, want, d, sec, seclen, NULL, 0, "tls13 ", "derived", 7, NULL, 0);
            CHECK_OK(fips140_tls13_extract(a, prk, NULL, 0, sec, seclen), "extract");
            CHECK_MEM(prk, want, d, "extract %s", ossl_md(a));
            uint8_t zeros[64] = {0};
            CHECK_OK(fips140_tls13_extract(a, prk2, zeros, d, sec, seclen), "extract zeros");
            CHECK_MEM(prk2, want, d, "extract with HashLen zero salt %s", ossl_md(a));
            tls13(a, EXTRACT, want, d, sec, seclen, ctx, d, "tls13 ", "derived", 7, NULL, 0);
            CHECK_OK(fips140_tls13_derive_secret(a, derived, ctx, d, "derived", 7, eh, d), "derived");
            CHECK_OK(fips140_tls13_extract(a, prk, derived, d, sec, seclen), "extract");
            CHECK_MEM(prk, want, d, "derived + extract %s", ossl_md(a));
        }
    }
}

/* schedule_oracle - the RFC 8446 §7.1 schedule composed from OpenSSL TLS13-KDF calls. */
static void schedule_oracle(fips140_hash_alg a, fips140_tls13_schedule_out *o, const fips140_tls13_schedule_in *in)
{
    size_t d = fips140_hash_digest_size(a);
    uint8_t zeros[64] = {0}, eh[64];
    md_hash(a, eh, NULL, 0);
    memset(o, 0, sizeof *o);
    o->hashlen = d;
#define DS(out, sec, lab, th) tls13(a, EXPAND, out, d, sec, d, NULL, 0, "tls13 ", lab, strlen(lab), th, d)
    tls13(a, EXTRACT, o->early_secret, d, in->psk ? in->psk : zeros, in->psk ? in->psklen : d, NULL, 0, "tls13 ",
          "derived", 7, NULL, 0);
    DS(o->binder_key_ext, o->early_secret, "ext binder", eh);
    DS(o->binder_key_res, o->early_secret, "res binder", eh);
    DS(o->client_early_traffic_secret, o->early_secret, "c e traffic", in->ch_hash);
    DS(o->early_exporter_master_secret, o->early_secret, "e exp master", in->ch_hash);
    tls13(a, EXTRACT, o->handshake_secret, d, in->dhe ? in->dhe : zeros, in->dhe ? in->dhelen : d, o->early_secret, d,
          "tls13 ", "derived", 7, NULL, 0);
    DS(o->client_handshake_traffic_secret, o->handshake_secret, "c hs traffic", in->sh_hash);
    DS(o->server_handshake_traffic_secret, o->handshake_secret, "s hs traffic", in->sh_hash);
    tls13(a, EXTRACT, o->master_secret, d, zeros, d, o->handshake_secret, d, "tls13 ", "derived", 7, NULL, 0);
    DS(o->client_application_traffic_secret, o->master_secret, "c ap traffic", in->sf_hash);
    DS(o->server_application_traffic_secret, o->master_secret, "s ap traffic", in->sf_hash);
    DS(o->exporter_master_secret, o->master_secret, "exp master", in->sf_hash);
    DS(o->resumption_master_secret, o->master_secret, "res master", in->cf_hash);
#undef DS
}

static void test_tls13_schedule_random(void)
{
    tu_rng r = {0x5343484544ull};
    for (size_t ai = 0; ai < 3; ai++) {
        fips140_hash_alg a = tls13_algs[ai];
        size_t d = fips140_hash_digest_size(a);
        for (int k = 0; k < 30; k++) {
            uint8_t psk[100], dhe[300], th[4][64];
            size_t psklen = 1 + tu_below(&r, 100), dhelen = 1 + tu_below(&r, 300);
            tu_fill(&r, psk, psklen);
            tu_fill(&r, dhe, dhelen);
            tu_fill(&r, th, sizeof th);
            int mode = k % 3; /* 0 PSK, 1 DHE, 2 PSK-DHE */
            fips140_tls13_schedule_in in = {mode != 1 ? psk : NULL, mode != 1 ? psklen : 0,
                                            mode != 0 ? dhe : NULL, mode != 0 ? dhelen : 0,
                                            th[0], th[1], th[2], th[3]};
            fips140_tls13_schedule_out got, want;
            memset(&got, 0xa5, sizeof got);
            CHECK_OK(fips140_tls13_key_schedule(a, &got, &in), "schedule");
            schedule_oracle(a, &want, &in);
            CHECK(got.hashlen == d, "schedule hashlen %zu", got.hashlen);
            CHECK_MEM(got.early_secret, want.early_secret, d, "ES %s mode %d", ossl_md(a), mode);
            CHECK_MEM(got.binder_key_ext, want.binder_key_ext, d, "ext binder");
            CHECK_MEM(got.binder_key_res, want.binder_key_res, d, "res binder");
            CHECK_MEM(got.client_early_traffic_secret, want.client_early_traffic_secret, d, "CETS");
            CHECK_MEM(got.early_exporter_master_secret, want.early_exporter_master_secret, d, "EEMS");
            CHECK_MEM(got.handshake_secret, want.handshake_secret, d, "HS %s mode %d", ossl_md(a), mode);
            CHECK_MEM(got.client_handshake_traffic_secret, want.client_handshake_traffic_secret, d, "CHTS");
            CHECK_MEM(got.server_handshake_traffic_secret, want.server_handshake_traffic_secret, d, "SHTS");
            CHECK_MEM(got.master_secret, want.master_secret, d, "MS %s mode %d", ossl_md(a), mode);
            CHECK_MEM(got.client_application_traffic_secret, want.client_application_traffic_secret, d, "CATS");
            CHECK_MEM(got.server_application_traffic_secret, want.server_application_traffic_secret, d, "SATS");
            CHECK_MEM(got.exporter_master_secret, want.exporter_master_secret, d, "EMS");
            CHECK_MEM(got.resumption_master_secret, want.resumption_master_secret, d, "RMS");
        }
    }
}

/* RFC 8448 §3 (simple 1-RTT handshake, SHA-256): early secret with no PSK, "derived", handshake secret from the
 * x25519 shared secret, master secret; the server handshake traffic key and IV. */
static void test_tls13_rfc8448(void)
{
    uint8_t zeros[32] = {0}, eh[32], es[32], d1[32], ecdhe[32], hs[32], d2[32], ms[32], shts[32], key[16], iv[12];
    uint8_t want[32];
    md_hash(FIPS140_SHA256, eh, NULL, 0);
    CHECK_OK(fips140_tls13_extract(FIPS140_SHA256, es, zeros, 32, zeros, 32), "8448 es");
    tu_unhex(want, 32, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
    CHECK_MEM(es, want, 32, "RFC 8448 early secret");
    CHECK_OK(fips140_tls13_derive_secret(FIPS140_SHA256, d1, es, 32, "derived", 7, eh, 32), "8448 derived");
    tu_unhex(want, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
    CHECK_MEM(d1, want, 32, "RFC 8448 derived (early)");
    tu_unhex(ecdhe, 32, "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
    CHECK_OK(fips140_tls13_extract(FIPS140_SHA256, hs, d1, 32, ecdhe, 32), "8448 hs");
    tu_unhex(want, 32, "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");
    CHECK_MEM(hs, want, 32, "RFC 8448 handshake secret");
    CHECK_OK(fips140_tls13_derive_secret(FIPS140_SHA256, d2, hs, 32, "derived", 7, eh, 32), "8448 derived 2");
    tu_unhex(want, 32, "43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4");
    CHECK_MEM(d2, want, 32, "RFC 8448 derived (handshake)");
    CHECK_OK(fips140_tls13_extract(FIPS140_SHA256, ms, d2, 32, zeros, 32), "8448 ms");
    tu_unhex(want, 32, "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919");
    CHECK_MEM(ms, want, 32, "RFC 8448 master secret");
    tu_unhex(shts, 32, "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
    CHECK_OK(fips140_tls13_expand_label(FIPS140_SHA256, key, 16, shts, 32, "key", 3, NULL, 0), "8448 key");
    tu_unhex(want, 16, "3fce516009c21727d0f2e4e86ee403bc");
    CHECK_MEM(key, want, 16, "RFC 8448 server handshake key");
    CHECK_OK(fips140_tls13_expand_label(FIPS140_SHA256, iv, 12, shts, 32, "iv", 2, NULL, 0), "8448 iv");
    tu_unhex(want, 12, "5d313eb2671276ee13000b30");
    CHECK_MEM(iv, want, 12, "RFC 8448 server handshake iv");
}

/* NIST ACVP TLS-v1.3-KDF RFC8446 (ACVP-Server 3a7333f63, PSK-DHE, SHA2-256): all eight answers. */
static void test_tls13_nist(void)
{
    static const char *const rnd[4] = {
        "E9137679E582BA7C1DB41CF725F86C6D09C8C05F297BAD9A65B552EAF524FDE4", /* helloClientRandom */
        "23ECCFD030790748C8F8D8A656FD98D717F1B62AF3712F97211D2070B499F98A", /* helloServerRandom */
        "C750EDA6696CD101B142BD79E00E6AC8C5F2C0ABC78DD64F4D991326659E9299", /* finishedServerRandom */
        "62A62FA75563ED4FDCAA0BC16567B314871C304ACF06B0FFC3F08C1797594D43", /* finishedClientRandom */
    };
    uint8_t psk[32], dhe[32], tr[128], th[4][32], want[32];
    tu_unhex(psk, 32, "56288B726C73829F7A3E47B103837C8139ACF552E7530C7A710B35ED41191698");
    tu_unhex(dhe, 32, "EFFE9EC26AA29FD750DFA6A10B944D74071595B27EE88887D5E11C84590B5CC3");
    for (int i = 0; i < 4; i++) {
        tu_unhex(tr + 32 * i, 32, rnd[i]);
        md_hash(FIPS140_SHA256, th[i], tr, 32 * (size_t)(i + 1));
    }
    fips140_tls13_schedule_in in = {psk, 32, dhe, 32, th[0], th[1], th[2], th[3]};
    fips140_tls13_schedule_out o;
    CHECK_OK(fips140_tls13_key_schedule(FIPS140_SHA256, &o, &in), "NIST schedule");
    static const struct {
        size_t off;
        const char *hex;
    } v[] = {
        {offsetof(fips140_tls13_schedule_out, client_early_traffic_secret),
         "3272189698C3594D18F58EFA3F12B638A249515099BE7A2FA9836BABE74F0111"},
        {offsetof(fips140_tls13_schedule_out, early_exporter_master_secret),
         "88E078F562CDC930219F6A5E98A1CE8C6E5F3DAC5AC516459A96F2EF8F114C66"},
        {offsetof(fips140_tls13_schedule_out, client_handshake_traffic_secret),
         "B32306C3CE9932C460A1FE6C0F060593974842036B96FA45049B7352E71C2AD2"},
        {offsetof(fips140_tls13_schedule_out, server_handshake_traffic_secret),
         "22787F8CA269D34BC549AC8BA19F2040938A3AA370D7CC9D60F720882B88D01B"},
        {offsetof(fips140_tls13_schedule_out, client_application_traffic_secret),
         "47D7EA08397B5871154B0FE85584BCC30A87C69E84D69B56007C5B21F76493BA"},
        {offsetof(fips140_tls13_schedule_out, server_application_traffic_secret),
         "EFBDB0C873C0480DA57307083839A8984BE25B9A8545E4FCA029940FE2800565"},
        {offsetof(fips140_tls13_schedule_out, exporter_master_secret),
         "8A43D787EE3804EAD4A2A5B32972F9896B696295645D7222E1FD081DDD939834"},
        {offsetof(fips140_tls13_schedule_out, resumption_master_secret),
         "5F4C961329C91044011ACBECB0B289282E0E3FED045CB3EA924DFFE5FE654B3D"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        tu_unhex(want, 32, v[i].hex);
        CHECK_MEM((const uint8_t *)&o + v[i].off, want, 32, "NIST TLS 1.3 output %zu", i);
    }
}

/* ---- bad parameters: the status, nothing written, the indicator untouched ---- */

static uint8_t out[600];
static const uint8_t untouched[600];
#define NOWRITE(expr, want, what)                                                                  \
    do {                                                                                           \
        memset(out, 0, sizeof out);                                                                \
        fips140_indicator_clear();                                                                 \
        CHECK_ST(expr, want, what);                                                                \
        CHECK_MEM(out, untouched, sizeof out, "%s wrote its output", what);                        \
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "%s set the indicator", what);    \
    } while (0)

static void test_errors(void)
{
    uint8_t sec[48] = {1}, r32[32] = {2}, th[64] = {3};
    fips140_tls13_schedule_in in = {sec, 32, sec, 32, th, th, th, th}, bad;
    fips140_tls13_schedule_out *so = (fips140_tls13_schedule_out *)out;
    const uint8_t *L = (const uint8_t *)"label";

    NOWRITE(fips140_tls12_prf(FIPS140_SHA256, NULL, 32, sec, 48, L, 5, r32, 32), FIPS140_ERR_NULL, "prf out NULL");
    NOWRITE(fips140_tls12_prf(FIPS140_SHA256, out, 32, NULL, 48, L, 5, r32, 32), FIPS140_ERR_NULL, "prf secret NULL");
    NOWRITE(fips140_tls12_prf(FIPS140_SHA256, out, 32, sec, 48, NULL, 5, r32, 32), FIPS140_ERR_NULL, "prf label NULL");
    NOWRITE(fips140_tls12_prf(FIPS140_SHA256, out, 32, sec, 48, L, 5, NULL, 32), FIPS140_ERR_NULL, "prf seed NULL");
    NOWRITE(fips140_tls12_prf(FIPS140_SHA1, out, 32, sec, 48, L, 5, r32, 32), FIPS140_ERR_ARG, "prf SHA-1");
    NOWRITE(fips140_tls12_prf(FIPS140_SHA224, out, 32, sec, 48, L, 5, r32, 32), FIPS140_ERR_ARG, "prf SHA-224");
    NOWRITE(fips140_tls12_prf(FIPS140_SHA3_256, out, 32, sec, 48, L, 5, r32, 32), FIPS140_ERR_ARG, "prf SHA3-256");
    NOWRITE(fips140_tls12_prf((fips140_hash_alg)0, out, 32, sec, 48, L, 5, r32, 32), FIPS140_ERR_ARG, "prf alg 0");
    NOWRITE(fips140_tls12_prf(FIPS140_SHA256, out, 0, sec, 48, L, 5, r32, 32), FIPS140_ERR_OUTPUT_LENGTH, "prf out 0");
    NOWRITE(fips140_tls12_prf(FIPS140_SHA256, out, ((size_t)1 << 30) + 1, sec, 48, L, 5, r32, 32),
            FIPS140_ERR_OUTPUT_LENGTH, "prf out > 2^30");
    NOWRITE(fips140_tls12_master_secret(FIPS140_SHA256, out, sec, 48, NULL, r32), FIPS140_ERR_NULL, "ms cr NULL");
    NOWRITE(fips140_tls12_master_secret(FIPS140_SHA256, out, sec, 48, r32, NULL), FIPS140_ERR_NULL, "ms sr NULL");
    NOWRITE(fips140_tls12_master_secret(FIPS140_SHA256, out, NULL, 48, r32, r32), FIPS140_ERR_NULL, "ms pms NULL");
    NOWRITE(fips140_tls12_master_secret(FIPS140_SHA256, NULL, sec, 48, r32, r32), FIPS140_ERR_NULL, "ms out NULL");
    NOWRITE(fips140_tls12_master_secret(FIPS140_SHA1, out, sec, 48, r32, r32), FIPS140_ERR_ARG, "ms SHA-1");
    NOWRITE(fips140_tls12_extended_master_secret(FIPS140_SHA256, out, sec, 48, NULL, 32), FIPS140_ERR_NULL, "ems sh");
    NOWRITE(fips140_tls12_extended_master_secret(FIPS140_SHA256, out, sec, 48, th, 0), FIPS140_ERR_DATA_LENGTH,
            "ems hash 0");
    NOWRITE(fips140_tls12_extended_master_secret(FIPS140_SHA256, out, sec, 48, th, 65), FIPS140_ERR_DATA_LENGTH,
            "ems hash 65");
    NOWRITE(fips140_tls12_extended_master_secret(FIPS140_SHA512_256, out, sec, 48, th, 32), FIPS140_ERR_ARG, "ems alg");
    NOWRITE(fips140_tls12_key_block(FIPS140_SHA256, out, 0, sec, r32, r32), FIPS140_ERR_OUTPUT_LENGTH, "kb out 0");
    NOWRITE(fips140_tls12_key_block(FIPS140_SHA256, out, 32, NULL, r32, r32), FIPS140_ERR_NULL, "kb ms NULL");
    NOWRITE(fips140_tls12_key_block(FIPS140_SHA256, out, 32, sec, NULL, r32), FIPS140_ERR_NULL, "kb sr NULL");
    NOWRITE(fips140_tls12_key_block(FIPS140_SHA256, out, 32, sec, r32, NULL), FIPS140_ERR_NULL, "kb cr NULL");
    NOWRITE(fips140_tls12_key_block(FIPS140_SHA3_512, out, 32, sec, r32, r32), FIPS140_ERR_ARG, "kb SHA3-512");

    NOWRITE(fips140_tls13_extract(FIPS140_SHA256, NULL, sec, 32, sec, 32), FIPS140_ERR_NULL, "extract out NULL");
    NOWRITE(fips140_tls13_extract(FIPS140_SHA256, out, NULL, 32, sec, 32), FIPS140_ERR_NULL, "extract salt NULL");
    NOWRITE(fips140_tls13_extract(FIPS140_SHA256, out, sec, 32, NULL, 32), FIPS140_ERR_NULL, "extract ikm NULL");
    NOWRITE(fips140_tls13_extract(FIPS140_SHAKE128, out, sec, 32, sec, 32), FIPS140_ERR_ARG, "extract SHAKE");
    NOWRITE(fips140_tls13_extract((fips140_hash_alg)77, out, sec, 32, sec, 32), FIPS140_ERR_ARG, "extract alg 77");
    NOWRITE(fips140_tls13_expand_label(FIPS140_SHA256, NULL, 32, sec, 32, "key", 3, NULL, 0), FIPS140_ERR_NULL,
            "expand out NULL");
    NOWRITE(fips140_tls13_expand_label(FIPS140_SHA256, out, 32, NULL, 32, "key", 3, NULL, 0), FIPS140_ERR_NULL,
            "expand secret NULL");
    NOWRITE(fips140_tls13_expand_label(FIPS140_SHA256, out, 32, sec, 32, NULL, 3, NULL, 0), FIPS140_ERR_NULL,
            "expand label NULL");
    NOWRITE(fips140_tls13_expand_label(FIPS140_SHA256, out, 32, sec, 32, "key", 3, NULL, 4), FIPS140_ERR_NULL,
            "expand context NULL");
    NOWRITE(fips140_tls13_expand_label(FIPS140_SHA256, out, 0, sec, 32, "key", 3, NULL, 0), FIPS140_ERR_OUTPUT_LENGTH,
            "expand out 0");
    NOWRITE(fips140_tls13_expand_label(FIPS140_SHA1, out, 255 * 20 + 1, sec, 32, "key", 3, NULL, 0),
            FIPS140_ERR_OUTPUT_LENGTH, "expand out > 255 HashLen");
    {
        static char longlabel[300];
        memset(longlabel, 'x', sizeof longlabel);
        NOWRITE(fips140_tls13_expand_label(FIPS140_SHA256, out, 32, sec, 32, longlabel, 250, NULL, 0),
                FIPS140_ERR_DATA_LENGTH, "expand label 250");
        NOWRITE(fips140_tls13_expand_label(FIPS140_SHA256, out, 32, sec, 32, "key", 3, (const uint8_t *)longlabel, 256),
                FIPS140_ERR_DATA_LENGTH, "expand context 256");
        NOWRITE(fips140_tls13_expand_label_prefix(FIPS140_SHA256, out, 32, sec, 32, (const uint8_t *)longlabel, 256,
                                                  L, 0, NULL, 0), FIPS140_ERR_DATA_LENGTH, "prefix 256");
        NOWRITE(fips140_tls13_expand_label_prefix(FIPS140_SHA256, out, 32, sec, 32, NULL, 6, L, 3, NULL, 0),
                FIPS140_ERR_NULL, "prefix NULL");
        /* the limits themselves work: label 249 + "tls13 " = 255, context 255 */
        CHECK_OK(fips140_tls13_expand_label(FIPS140_SHA256, out, 32, sec, 32, longlabel, 249,
                                            (const uint8_t *)longlabel, 255), "expand at the length limits");
    }
    NOWRITE(fips140_tls13_derive_secret(FIPS140_SHA256, out, sec, 32, "derived", 7, th, 31), FIPS140_ERR_DATA_LENGTH,
            "derive hash 31");
    NOWRITE(fips140_tls13_derive_secret(FIPS140_SHA384, out, sec, 32, "derived", 7, th, 32), FIPS140_ERR_DATA_LENGTH,
            "derive hash 32 for SHA-384");
    NOWRITE(fips140_tls13_derive_secret(FIPS140_SHA256, out, sec, 32, "derived", 7, NULL, 32), FIPS140_ERR_NULL,
            "derive hash NULL");
    NOWRITE(fips140_tls13_derive_secret(FIPS140_SHA256, NULL, sec, 32, "derived", 7, th, 32), FIPS140_ERR_NULL,
            "derive out NULL");
    NOWRITE(fips140_tls13_key_schedule(FIPS140_SHA256, NULL, &in), FIPS140_ERR_NULL, "schedule out NULL");
    NOWRITE(fips140_tls13_key_schedule(FIPS140_SHA256, so, NULL), FIPS140_ERR_NULL, "schedule in NULL");
    NOWRITE(fips140_tls13_key_schedule(FIPS140_SHAKE256, so, &in), FIPS140_ERR_ARG, "schedule SHAKE");
    for (int i = 0; i < 4; i++) {
        bad = in;
        const uint8_t **p = i == 0 ? &bad.ch_hash : i == 1 ? &bad.sh_hash : i == 2 ? &bad.sf_hash : &bad.cf_hash;
        *p = NULL;
        NOWRITE(fips140_tls13_key_schedule(FIPS140_SHA256, so, &bad), FIPS140_ERR_NULL, "schedule hash NULL");
    }
    bad = in, bad.psk = NULL;
    NOWRITE(fips140_tls13_key_schedule(FIPS140_SHA256, so, &bad), FIPS140_ERR_NULL, "schedule psk NULL, len 32");
    bad = in, bad.dhe = NULL;
    NOWRITE(fips140_tls13_key_schedule(FIPS140_SHA256, so, &bad), FIPS140_ERR_NULL, "schedule dhe NULL, len 32");
    bad = in, bad.psklen = 0;
    NOWRITE(fips140_tls13_key_schedule(FIPS140_SHA256, so, &bad), FIPS140_ERR_KEY_LENGTH, "schedule psk len 0");
    bad = in, bad.dhelen = 1025;
    NOWRITE(fips140_tls13_key_schedule(FIPS140_SHA256, so, &bad), FIPS140_ERR_KEY_LENGTH, "schedule dhe 1025");
}

/* ---- the service indicator ---- */

static void test_indicator(void)
{
    uint8_t sec[48] = {1}, r32[32] = {2}, th[64] = {3}, o[64];
    int only = fips140_get_mode() == FIPS140_MODE_ONLY;
#define IND(expr, approved, what)                                                                              \
    do {                                                                                                       \
        fips140_indicator_clear();                                                                             \
        fips140_status st_ = (expr);                                                                           \
        if (only && !(approved)) {                                                                             \
            CHECK(st_ == FIPS140_ERR_NOT_APPROVED, "%s in FIPS140=only: status %d", what, st_);                \
        } else {                                                                                               \
            CHECK(st_ == FIPS140_OK && fips140_indicator_get() == ((approved) ? FIPS140_INDICATOR_APPROVED      \
                                                                              : FIPS140_INDICATOR_NOT_APPROVED), \
                  "%s: status %d indicator %d", what, st_, (int)fips140_indicator_get());                      \
        }                                                                                                      \
    } while (0)
    for (size_t ai = 0; ai < 3; ai++) {
        fips140_hash_alg a = tls12_algs[ai];
        IND(fips140_tls12_extended_master_secret(a, o, sec, 48, th, 32), 1, "EMS");
        IND(fips140_tls12_key_block(a, o, 64, sec, r32, r32), 1, "key block");
        IND(fips140_tls12_master_secret(a, o, sec, 48, r32, r32), 0, "master secret (no EMS)");
        IND(fips140_tls12_prf(a, o, 48, sec, 48, (const uint8_t *)"master secret", 13, r32, 32), 0, "prf master");
        IND(fips140_tls12_prf(a, o, 48, sec, 48, NULL, 0, (const uint8_t *)"master secretXY", 15), 0,
            "prf master in seed");
        IND(fips140_tls12_prf(a, o, 48, sec, 48, (const uint8_t *)"mast", 4, (const uint8_t *)"er secret", 9), 0,
            "prf master split");
        IND(fips140_tls12_prf(a, o, 48, sec, 48, (const uint8_t *)"master secre", 12, NULL, 0), 1, "prf short");
        IND(fips140_tls12_prf(a, o, 48, sec, 48, (const uint8_t *)"extended master secret", 22, th, 32), 1,
            "prf ems label");
        IND(fips140_tls12_prf(a, o, 48, sec, 48, (const uint8_t *)"key expansion", 13, r32, 32), 1, "prf kb label");
    }
    for (size_t ai = 0; ai < sizeof tls13_algs / sizeof tls13_algs[0]; ai++) {
        fips140_hash_alg a = tls13_algs[ai];
        int approved = a == FIPS140_SHA256 || a == FIPS140_SHA384;
        size_t d = fips140_hash_digest_size(a);
        fips140_tls13_schedule_in in = {sec, 32, NULL, 0, th, th, th, th};
        fips140_tls13_schedule_out so;
        IND(fips140_tls13_extract(a, o, NULL, 0, sec, 32), approved, "tls13 extract");
        IND(fips140_tls13_expand_label(a, o, 16, sec, 32, "key", 3, NULL, 0), approved, "tls13 expand");
        IND(fips140_tls13_derive_secret(a, o, sec, 32, "c e traffic", 11, th, d), approved, "tls13 derive");
        IND(fips140_tls13_key_schedule(a, &so, &in), approved, "tls13 schedule");
        /* An empty secret: a valid HMAC key (zeros), NOT_APPROVED; OpenSSL's TLS13-KDF accepts it too. */
        IND(fips140_tls13_expand_label(a, o, 16, NULL, 0, "key", 3, NULL, 0), 0, "tls13 expand, empty secret");
        if (!only) {
            uint8_t want[16];
            tls13(a, EVP_KDF_HKDF_MODE_EXPAND_ONLY, want, 16, (const uint8_t *)"", 0, NULL, 0, "tls13 ", "key", 3, NULL,
                  0);
            CHECK(memcmp(o, want, 16) == 0, "tls13 expand, empty secret: differs from OpenSSL");
        }
    }
#undef IND
}

/* ---- FIPS140=only (child) ---- */

static int only_mode_child(void)
{
    int bad = 0;
    uint8_t sec[48] = {1}, r32[32] = {2}, th[64] = {3}, o[64];
    const char *rule;
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    bad += fips140_tls12_master_secret(FIPS140_SHA256, o, sec, 48, r32, r32) != FIPS140_ERR_NOT_APPROVED;
    rule = fips140_last_refusal();
    bad += rule == NULL || strstr(rule, "IG D.Q") == NULL || strstr(rule, "extended master secret") == NULL;
    bad += fips140_tls12_prf(FIPS140_SHA384, o, 48, sec, 48, NULL, 0, (const uint8_t *)"master secret", 13) !=
           FIPS140_ERR_NOT_APPROVED;
    bad += fips140_tls13_expand_label(FIPS140_SHA512, o, 16, sec, 32, "key", 3, NULL, 0) != FIPS140_ERR_NOT_APPROVED;
    rule = fips140_last_refusal();
    bad += rule == NULL || strstr(rule, "RFC 8446") == NULL;
    bad += fips140_tls13_extract(FIPS140_SHA1, o, NULL, 0, sec, 32) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_tls13_expand_label(FIPS140_SHA256, o, 16, NULL, 0, "key", 3, NULL, 0) != FIPS140_ERR_NOT_APPROVED;
    rule = fips140_last_refusal();
    bad += rule == NULL || strstr(rule, "empty secret") == NULL;
    fips140_indicator_clear();
    bad += fips140_tls12_extended_master_secret(FIPS140_SHA256, o, sec, 48, th, 32) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    fips140_indicator_clear();
    bad += fips140_tls13_expand_label(FIPS140_SHA384, o, 16, sec, 32, "key", 3, NULL, 0) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_mode_child());
    TU_CHECK_CHILD("only", "only");

    tu_print_paths("test_tls_kdf");
    kdf_tls1 = EVP_KDF_fetch(NULL, "TLS1-PRF", NULL);
    kdf_tls13 = EVP_KDF_fetch(NULL, "TLS13-KDF", NULL);
    if (kdf_tls1 == NULL || kdf_tls13 == NULL) {
        fprintf(stderr, "OpenSSL lacks TLS1-PRF or TLS13-KDF\n");
        return 1;
    }
    test_tls12_known();
    test_tls12_random();
    test_tls13_rfc8448();
    test_tls13_nist();
    test_tls13_random();
    test_tls13_schedule_random();
    test_errors();
    test_indicator();
    EVP_KDF_free(kdf_tls1);
    EVP_KDF_free(kdf_tls13);
    return tu_done();
}
