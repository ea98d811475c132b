/* cli/cmd_speed.c - `fips140 speed [--json] [--cpu-time] [--seconds S] [--sizes N,N…] [ALG…]`: speed of the module's
 * hashes, HMAC, CMAC and AES modes over buffers of 16..16384 bytes, each timed for about S seconds with
 * CLOCK_MONOTONIC. Output: a table of MB/s (10^6 bytes per second), or with --json one object per line
 * {"algorithm":…,"size":…,"bytes_per_second":…} (DESIGN §3.2). Public-key operations (ECDSA, ECDH, Ed25519,
 * RSA, FFDH: sign, verify, key agreement, key generation) and key derivations are counted per second instead: a
 * second table of ops/s, or {"algorithm":…,"ops_per_second":…}.
 *
 * The rows of issue 6, with the parameters bench/compare.py gives OpenSSL (its bench/kdf_bench.c uses the same):
 * - CMAC-AES-128/256: one 16-byte MAC per buffer under a context keyed once (reset, update, final), as
 *   `openssl speed -cmac aes-128-cbc` (EVP_MAC_init without a key, update, final).
 * - AES-128-CCM: one sealed record per buffer, 12-byte nonce, 13-byte AAD, 16-byte tag, as `openssl speed -aead
 *   -evp aes-128-ccm` (which also sets the IV length to 12, the tag length to 16, and re-keys per record).
 * - AES-256-XTS: one data unit per buffer (64-byte key, fixed tweak), as `openssl speed -evp aes-256-xts`; buffers
 *   below 16 bytes, XTS's minimum, are run at 16.
 * - HKDF-SHA2-256: fips140_hkdf (extract and expand), 32-byte IKM, 32-byte salt, 10-byte info, 32 bytes out (one
 *   expand block): derivations per second, {"algorithm":"HKDF-SHA2-256","ops_per_second":…}.
 * - PBKDF2-HMAC-SHA2-256: fips140_pbkdf2, 16-byte password, 16-byte salt, 10000 iterations, 32 bytes out. Reported
 *   in its own unit, HMAC iterations per second (calls per second x 10000):
 *   {"algorithm":"PBKDF2-HMAC-SHA2-256","iterations_per_second":…,"iterations":10000}; the text table prints
 *   "iterations/s". */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "cli.h"
#include "fips140/fips140.h"
#include "fips140/rsa.h"
#include "fips140/dh.h"
#include "fips140/cmac.h"
#include "fips140/ccm.h"
#include "fips140/xts.h"
#include "fips140/kdf.h"
#include "fips140/pbkdf2.h"

#define MAX_SIZES 16
#define MAX_BUF 16384u

/* bench_state - everything one benchmark needs; allocated once (the contexts are a few KB). */
typedef struct bench_state {
    uint8_t *in, *out;
    uint8_t iv[16];
    uint8_t tag[16];
    fips140_hash_alg hash;
    fips140_hmac_ctx hmac;
    fips140_aes_key key;
    fips140_aes_ctr_ctx ctr;
    fips140_aes_gcm_ctx gcm;
    fips140_cmac_ctx cmac;
    fips140_aes_ccm_ctx ccm;
    fips140_aes_xts_ctx xts;
} bench_state;

typedef struct bench_alg {
    const char *name;   /* printed name (ACVP-like) */
    const char *group;  /* extra name the filter accepts (e.g. "AES-128-CBC" for both directions), or NULL */
    fips140_status (*setup)(bench_state *b, int param);
    fips140_status (*run)(bench_state *b, size_t len);
    int param;          /* hash algorithm or key bytes */
} bench_alg;

static const uint8_t bench_key[32] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
                                      0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15,
                                      0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};
static const uint8_t bench_aad[13] = {0}; /* TLS-record-sized AAD, as `openssl speed -aead` uses */

/* setup_hash - remember which hash to run. */
static fips140_status setup_hash(bench_state *b, int param)
{
    b->hash = (fips140_hash_alg)param;
    return FIPS140_OK;
}

/* run_hash - one-shot digest of len bytes (SHAKE: its default output, 16 or 32 bytes, as OpenSSL's). */
static fips140_status run_hash(bench_state *b, size_t len)
{
    return fips140_hash(b->hash, b->out, fips140_hash_digest_size(b->hash), b->in, len);
}

/* setup_hmac - key an HMAC context once with a 32-byte key. */
static fips140_status setup_hmac(bench_state *b, int param)
{
    b->hash = (fips140_hash_alg)param;
    return fips140_hmac_init(&b->hmac, b->hash, bench_key, 32);
}

/* run_hmac - one MAC over len bytes under the already-keyed context (reset, update, final). */
static fips140_status run_hmac(bench_state *b, size_t len)
{
    fips140_status rc = fips140_hmac_reset(&b->hmac);
    if (rc == FIPS140_OK)
        rc = fips140_hmac_update(&b->hmac, b->in, len);
    if (rc == FIPS140_OK)
        rc = fips140_hmac_final(&b->hmac, b->out, fips140_hash_digest_size(b->hash));
    return rc;
}

/* setup_aes_key - expand a param-byte AES key (ECB, CBC). */
static fips140_status setup_aes_key(bench_state *b, int param)
{
    memset(b->iv, 0x5a, sizeof b->iv);
    return fips140_aes_key_init(&b->key, bench_key, (size_t)param);
}

static fips140_status run_ecb(bench_state *b, size_t len) { return fips140_aes_ecb_encrypt(&b->key, b->out, b->in, len); }

static fips140_status run_cbc_enc(bench_state *b, size_t len)
{
    return fips140_aes_cbc_encrypt(&b->key, b->iv, b->out, b->in, len);
}

static fips140_status run_cbc_dec(bench_state *b, size_t len)
{
    return fips140_aes_cbc_decrypt(&b->key, b->iv, b->out, b->in, len);
}

/* setup_ctr - key a CTR stream once; each run continues the same stream. */
static fips140_status setup_ctr(bench_state *b, int param)
{
    memset(b->iv, 0, sizeof b->iv);
    return fips140_aes_ctr_init(&b->ctr, bench_key, (size_t)param, b->iv);
}

static fips140_status run_ctr(bench_state *b, size_t len) { return fips140_aes_ctr_update(&b->ctr, b->out, b->in, len); }

/* setup_gcm - key a GCM context once (H and its powers are computed here, not per message). */
static fips140_status setup_gcm(bench_state *b, int param)
{
    memset(b->iv, 0xa5, sizeof b->iv);
    return fips140_aes_gcm_init(&b->gcm, bench_key, (size_t)param);
}

/* run_gcm - one sealed record: 12-byte IV, 13-byte AAD, len bytes, 16-byte tag. The IV repeats only because this
 * is a benchmark of throughput; nothing produced here is ever used. */
static fips140_status run_gcm(bench_state *b, size_t len)
{
    return fips140_aes_gcm_encrypt(&b->gcm, b->out, b->tag, 16, b->iv, 12, bench_aad, sizeof bench_aad, b->in, len);
}

/* setup_cmac - key a CMAC context once with a param-byte AES key. */
static fips140_status setup_cmac(bench_state *b, int param)
{
    return fips140_cmac_init(&b->cmac, bench_key, (size_t)param);
}

/* run_cmac - one 16-byte MAC over len bytes under the already-keyed context (reset, update, final). */
static fips140_status run_cmac(bench_state *b, size_t len)
{
    fips140_status rc = fips140_cmac_reset(&b->cmac);
    if (rc == FIPS140_OK)
        rc = fips140_cmac_update(&b->cmac, b->in, len);
    if (rc == FIPS140_OK)
        rc = fips140_cmac_final(&b->cmac, b->out, 16);
    return rc;
}

/* setup_ccm - key a CCM context once. */
static fips140_status setup_ccm(bench_state *b, int param)
{
    memset(b->iv, 0xa5, sizeof b->iv);
    return fips140_aes_ccm_init(&b->ccm, bench_key, (size_t)param);
}

/* run_ccm - one sealed record: 12-byte nonce, 13-byte AAD, len bytes, 16-byte tag (the nonce repeats only because
 * this is a benchmark; nothing produced here is ever used). */
static fips140_status run_ccm(bench_state *b, size_t len)
{
    return fips140_aes_ccm_encrypt(&b->ccm, b->out, b->tag, 16, b->iv, 12, bench_aad, sizeof bench_aad, b->in, len);
}

/* setup_xts - key an XTS context once with a 2 x param-byte key (two different halves) and fix the tweak. */
static fips140_status setup_xts(bench_state *b, int param)
{
    uint8_t key[64];
    if (param < 16 || param > 32)
        return FIPS140_ERR_ARG;
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 29u + 3u);
    memset(b->iv, 0, sizeof b->iv);
    b->iv[0] = 1; /* data unit 1, little-endian */
    fips140_status rc = fips140_aes_xts_init(&b->xts, key, 2 * (size_t)param);
    fips140_wipe(key, sizeof key);
    return rc;
}

/* run_xts - one data unit of len bytes (>= 16) under the fixed tweak. */
static fips140_status run_xts(bench_state *b, size_t len)
{
    return fips140_aes_xts_encrypt(&b->xts, b->out, b->in, len, b->iv);
}

/* setup_rand / run_rand - len bytes from the module RNG (fips140_rand_bytes); no setup. */
static fips140_status setup_rand(bench_state *b, int param)
{
    (void)b, (void)param;
    return FIPS140_OK;
}

static fips140_status run_rand(bench_state *b, size_t len) { return fips140_rand_bytes(b->out, len); }

static const bench_alg algs[] = {
    {"SHA-1", NULL, setup_hash, run_hash, FIPS140_SHA1},
    {"SHA2-256", NULL, setup_hash, run_hash, FIPS140_SHA256},
    {"SHA2-512", NULL, setup_hash, run_hash, FIPS140_SHA512},
    {"SHA3-256", NULL, setup_hash, run_hash, FIPS140_SHA3_256},
    {"SHAKE-128", NULL, setup_hash, run_hash, FIPS140_SHAKE128},
    {"HMAC-SHA2-256", NULL, setup_hmac, run_hmac, FIPS140_SHA256},
    {"AES-128-ECB", NULL, setup_aes_key, run_ecb, 16},
    {"AES-128-CBC-enc", "AES-128-CBC", setup_aes_key, run_cbc_enc, 16},
    {"AES-128-CBC-dec", "AES-128-CBC", setup_aes_key, run_cbc_dec, 16},
    {"AES-128-CTR", NULL, setup_ctr, run_ctr, 16},
    {"AES-256-CTR", NULL, setup_ctr, run_ctr, 32},
    {"AES-128-GCM", NULL, setup_gcm, run_gcm, 16},
    {"AES-256-GCM", NULL, setup_gcm, run_gcm, 32},
    {"CMAC-AES-128", "CMAC-AES", setup_cmac, run_cmac, 16},
    {"CMAC-AES-256", "CMAC-AES", setup_cmac, run_cmac, 32},
    {"AES-128-CCM", NULL, setup_ccm, run_ccm, 16},
    {"AES-256-XTS", NULL, setup_xts, run_xts, 32},
    {"RAND", NULL, setup_rand, run_rand, 0},
};

#define N_ALGS (sizeof algs / sizeof algs[0])

/* ---- public-key operations: operations per second rather than bytes */

/* Fixed RSA keys for the signing benchmarks (generated once with `openssl genpkey -algorithm RSA -pkeyopt
 * rsa_keygen_bits:N`, e = 65537; they protect nothing): n, d, p, q as hex; dP, dQ and qInv are derived by the
 * module when the key is loaded. */
static const char *const rsa2048_hex[4] = {
    /* n */ "d18789e22fc875a73bf07364f80b9c188e49455eb4ae8bf9c60373b7bc1e65faa86402aef69ee39e6a86159e9f320f4676ef3c69773ec97e"
              "f520d549ac7e756fc671ab45e9f391f13634d4be5e6c66418e32084cae19e6a9561b24a070aadcfd6127a3e5e6cdc46f433100bb87028ff2"
              "40de469eae21d13cf6b9c1eae178c4dfe9881d53baeb89d6679ec68836f4e54d0c29cade279d520c6a3f5eed4ed6cb2638bbdcef78f37fd3"
              "fe7ca652ca0e69e43567affd24bb18e7cf7752fdaa096b667eda5969cbc8d4c76bebe6870d90d5760638d6acdd6c1aa2bfff7ad42070a57a"
              "f0cfdb187c602309e3f5810f7e3f36f40310f295149e0ead1c35794b0c288815",
    /* d */ "29379c6c1e3234d2bcfbc3f76cc3fbe4e8b88928e42a21e6f488e14e9776f360a79764dfbe2beb62d259a60f1a09e2ef5d9e1a283508e8e2"
              "4c9e34d6d553db0e2ddf566dde63c7a5c7a004e99df17cfc1058cf41264e7a0d7d9ec149be601e30c9d7de69ef493307201497ac4c16b8f2"
              "52c866e3f82536dfe3390f68810a1cd003e6921836dcb4a151bba006a2647c026165504bffac584b5684c7f22ce919c32ae2c23c6e0a7558"
              "792df2eb992677d5bd2d90e225813b0b4109eb02ffc4f094a220b32310fdb4c173a3b0c0148781770e055a6cea04d03ddc9d62a9e898217e"
              "06cb93e6eb6128be4ecf182bac3da6726f2b8e5b96f3eb2d63d42f1f7e8a8fd1",
    /* p */ "f94c021eab7c0f7659ebe0de0f9fc6e0e8c523a795e322d13fea28977e8adf57c40d717bd40ec3b023e0f528d939e3030b6970b808bc5305"
              "0f1aada13c5c49fcdc2dbe736083020bc3a73ffdc8445e1e20ca532341d49e8e07942c69efc054e19ccd36397cc4a2e3613cd34896ebcd00"
              "1dadc8e687ada84d1d45d89e3f81337f",
    /* q */ "d729cc4763b10461fe0853f262d7a71021a6dd0a3f973c8087d18c9dae13b62fbe5a70de7883c3a0aa95bb9e24e5074ff290c0bebf5055f5"
              "e46641801dc59675bbfc53b824e21adf132835095d4b64dd6d3f52f6195f858f2edce77d1bead00a30f342b9ffaf6f52719dc5c9fe412bd6"
              "654ee0c86b1cadd5cf16a5ec77f0fe6b",
};
static const char *const rsa3072_hex[4] = {
    /* n */ "942fd426dc6f1b533026d9b7746fb4cd6a5e3735805cbf1deaefde5f0a2e308306170f06a526818677295d5ee884ac859945200774920885"
              "3a70d0717fdf2d573ef91b2d920c214ee4e880a0e40840120a20f43c769f5b6392278e7b5b0476fe257937785140e2e514bf82d58286178a"
              "3f009a4ad1c985a400f9f085c1d3d14c1a81f220c329bee58b7e5c59552b652c6aec3d6ab89fad5d13c38969c2030deea5a7e7cc72eeb73b"
              "6574043fde03a726bfa198eed21d9765bd74128076e9dc18193133eba3d543ac8abe192b1d8afa950ba2af4a3505d2414c925f2c9e62b828"
              "20704473b3993b3d11258204be5523cfea878f7fcdc75aa05e2e15a8aaa1b975b61a3e4b7f40267159a2d7ad7537b18af3cd849c30ba9026"
              "aec2d50f8493cc8876488ff9a2bac6a70e92ef7fb9d2004132e500fab366d0c7e8d707fc65bd4a89ba0cc7ac5aef52770225eb95ce224888"
              "d85b04ccd142f1d48b4bfc83cd3bba1fc8293a8f5b2b1782a9c88ed7d613547b7143d6328a54549ac79237d118ab65c1",
    /* d */ "05bacbb32cf6c6d1b29cedf21ff869bf3f8ba10ada89bb8206a17bb1a50d202710c73777844f36d6e228a1499827f91bb94f68eba0e03ca0"
              "1a205e8ee4e8d631f7675e5ba6b7fd59b5941fd518bc10ee21a2208f6deebf73dc24d767819f6c926b1482c68e2dba182d733235db342018"
              "e252bda482f40dccc794e26de98ead1b0a33580f583c76fb1d27a79e74a296e8dec17fa66eb90dd4f97ca80584d0e56b02d0b92fb889ee5f"
              "c78e72d39d5bfacc8ec04acf81244fc4494d01a221f6ece19a94a0939ea8c6f0a97e42d3a3a99769d1fe55c657081c6d9b53a87289d990d2"
              "76869552f7952f1e438ea0d4fb688c3a813ed90c353bdbf0d0486724a9fd9d40f83293c76d9ea8d22df3ff3f6187176e695160b47a71b7a5"
              "a8beec94a77b363f35f529cc4bc28abaa9ed7328b513621bbd75e410db439c8c705054689ab9d380aef22800901553f4bce30a4b4b111ed4"
              "8b9c303a39bbf38273780b6115404c5efef48324c3b08d213220a8b123fb166b0932a376ab4515d0c0d9d9f97d51d521",
    /* p */ "caf5e79e1d7aad396164e0774d92427ef9e72927bec2761c2cf7229efbdee3b2cd2d39c662310eb60857c5d380a289a83236c7b91aa32af0"
              "13adc9ebbbbcb91888d60b6f5612c710937f2edc5c62a9d105807f27af4def95bcdfd69de7f0f7e351225acbc23ce3aae36fcc03b02d11b8"
              "99b69176aa39003813118a2d466c35883ed82ad12159f77cb880386d24859a3b41f6a7680c816a9cb0b63749a4ed9f60ad71b98c6bca8400"
              "3dd407e2c8432584d82301c1d69818b10317a830c4db296d",
    /* q */ "bae98d56b1c1454814a55ce139853d188dc6dcbf2c44390436b6f0c38d7db351a0be82bdcb6e5de24b304c17c216db4fc788ebd63ab626ba"
              "fa29e023760a0da3f352bfb0940dced3761bdc336b05058dcecd527394cd32ea3652cbf92ebbb5e3f66ffb3eb1207d3b247543984d1eda03"
              "499c329f616dae9cade3b9ed1d0cf7a8210165d3561573d2cd685bd6b1a6fef4a3dafc5de71643b130347f67c1ed5c14a3f5b9dc760358f0"
              "9d78fd9502e11d930678a7db4fbe8c8c5a2364a7dfe76d25",
};
static const uint8_t rsa_e[3] = {0x01, 0x00, 0x01};

/* pk_state - keys, a digest and a signature for one public-key benchmark (set up once per algorithm). */
typedef struct pk_state {
    uint8_t priv[FIPS140_EC_MAX_SCALAR], pub[FIPS140_EC_MAX_POINT];   /* EC: ours */
    uint8_t priv2[FIPS140_EC_MAX_SCALAR], pub2[FIPS140_EC_MAX_POINT]; /* EC: the peer's (ECDH), keygen output */
    uint8_t secret[FIPS140_EC_MAX_SCALAR];
    uint8_t edpriv[32], edpub[32];
    uint8_t digest[64];
    uint8_t sig[FIPS140_RSA_MAX_BITS / 8];
    size_t slen, plen, dlen; /* EC scalar and point sizes, digest length */
    fips140_rsa_key *rsa;
    uint8_t dhpriv[FIPS140_DH_MAX_PRIV], dhpub[FIPS140_DH_MAX_SIZE], dhpeer[FIPS140_DH_MAX_SIZE];
    uint8_t dhz[FIPS140_DH_MAX_SIZE];
    size_t dhx, dhp; /* private key and p sizes */
    uint8_t ikm[32], salt[32], info[10], pass[16], pbsalt[16], okm[32]; /* KDF inputs (HKDF, PBKDF2) and output */
} pk_state;

typedef struct pk_alg {
    const char *name;  /* printed name */
    const char *group; /* extra name the filter accepts (e.g. "ECDSA-P256" for sign, verify and keygen), or NULL */
    fips140_status (*setup)(pk_state *ps, int param);
    fips140_status (*run)(pk_state *ps, int param);
    int param; /* curve, modulus bits, or PBKDF2 iterations */
} pk_alg;

/* setup_ec - two key pairs on the curve and a signature of a fixed digest as long as the curve's scalar (at most
 * 64 bytes: SHA2-512 for P-521). */
static fips140_status setup_ec(pk_state *ps, int curve)
{
    fips140_ec_curve c = (fips140_ec_curve)curve;
    ps->slen = fips140_ec_scalar_size(c);
    ps->plen = fips140_ec_point_size(c);
    if (ps->slen == 0)
        return FIPS140_ERR_ARG;
    ps->dlen = ps->slen < 64 ? ps->slen : 64;
    for (size_t i = 0; i < ps->dlen; i++)
        ps->digest[i] = (uint8_t)(i * 13u + 1u);
    fips140_status rc = fips140_ec_keygen(c, ps->priv, ps->slen, ps->pub, ps->plen);
    if (rc == FIPS140_OK)
        rc = fips140_ec_keygen(c, ps->priv2, ps->slen, ps->pub2, ps->plen);
    if (rc == FIPS140_OK)
        rc = fips140_ecdsa_sign(c, ps->priv, ps->slen, ps->digest, ps->dlen, ps->sig, 2 * ps->slen);
    return rc;
}

static fips140_status run_ecdsa_sign(pk_state *ps, int curve)
{
    return fips140_ecdsa_sign((fips140_ec_curve)curve, ps->priv, ps->slen, ps->digest, ps->dlen, ps->sig,
                              2 * ps->slen);
}

static fips140_status run_ecdsa_verify(pk_state *ps, int curve)
{
    return fips140_ecdsa_verify((fips140_ec_curve)curve, ps->pub, ps->plen, ps->digest, ps->dlen, ps->sig,
                                2 * ps->slen);
}

/* run_ec_keygen - a new key pair, with its pairwise consistency test (the full service). */
static fips140_status run_ec_keygen(pk_state *ps, int curve)
{
    return fips140_ec_keygen((fips140_ec_curve)curve, ps->priv2, ps->slen, ps->pub2, ps->plen);
}

/* run_ecdh - the shared secret with the peer's public key, which the module validates on every call. */
static fips140_status run_ecdh(pk_state *ps, int curve)
{
    return fips140_ecdh((fips140_ec_curve)curve, ps->priv, ps->slen, ps->pub2, ps->plen, ps->secret, ps->slen);
}

/* setup_ed25519 - a key pair and the signature of a 32-byte message. */
static fips140_status setup_ed25519(pk_state *ps, int param)
{
    (void)param;
    for (size_t i = 0; i < 32; i++)
        ps->digest[i] = (uint8_t)(i * 7u + 3u);
    fips140_status rc = fips140_ed25519_keygen(ps->edpriv, ps->edpub);
    if (rc == FIPS140_OK)
        rc = fips140_ed25519_sign(ps->sig, ps->edpriv, ps->digest, 32);
    return rc;
}

static fips140_status run_ed25519_sign(pk_state *ps, int param)
{
    (void)param;
    return fips140_ed25519_sign(ps->sig, ps->edpriv, ps->digest, 32);
}

static fips140_status run_ed25519_verify(pk_state *ps, int param)
{
    (void)param;
    return fips140_ed25519_verify(ps->edpub, ps->digest, 32, ps->sig, 64);
}

static fips140_status run_ed25519_keygen(pk_state *ps, int param)
{
    uint8_t priv[32], pub[32];
    (void)ps, (void)param;
    fips140_status rc = fips140_ed25519_keygen(priv, pub);
    fips140_wipe(priv, sizeof priv);
    return rc;
}

/* setup_rsa - load the fixed key of `bits` bits and sign a SHA2-256 digest (RSASSA-PKCS1-v1_5). */
static fips140_status setup_rsa(pk_state *ps, int bits)
{
    const char *const *hex = bits == 2048 ? rsa2048_hex : bits == 3072 ? rsa3072_hex : NULL;
    uint8_t *v[4] = {NULL, NULL, NULL, NULL};
    size_t len[4] = {0, 0, 0, 0};
    fips140_status rc = hex ? fips140_rsa_key_new(&ps->rsa) : FIPS140_ERR_ARG;
    for (int i = 0; i < 4 && rc == FIPS140_OK; i++)
        if (!(v[i] = hex_decode(hex[i], &len[i])))
            rc = FIPS140_ERR_ARG;
    if (rc == FIPS140_OK)
        rc = fips140_rsa_key_set_private(ps->rsa, v[0], len[0], rsa_e, sizeof rsa_e, v[1], len[1], v[2], len[2],
                                         v[3], len[3], NULL, 0, NULL, 0, NULL, 0);
    for (int i = 0; i < 4; i++) {
        if (v[i])
            fips140_wipe(v[i], len[i]);
        free(v[i]);
    }
    for (size_t i = 0; i < 32; i++)
        ps->digest[i] = (uint8_t)(i * 5u + 11u);
    if (rc == FIPS140_OK)
        rc = fips140_rsa_sign_pkcs1v15(ps->rsa, FIPS140_SHA256, ps->digest, 32, ps->sig, (size_t)bits / 8);
    return rc;
}

static fips140_status run_rsa_sign(pk_state *ps, int bits)
{
    return fips140_rsa_sign_pkcs1v15(ps->rsa, FIPS140_SHA256, ps->digest, 32, ps->sig, (size_t)bits / 8);
}

static fips140_status run_rsa_verify(pk_state *ps, int bits)
{
    return fips140_rsa_verify_pkcs1v15(ps->rsa, FIPS140_SHA256, ps->digest, 32, ps->sig, (size_t)bits / 8);
}

static fips140_status setup_none(pk_state *ps, int param)
{
    (void)ps, (void)param;
    return FIPS140_OK;
}

/* run_rsa_keygen - a new key (FIPS 186-5 A.1.3 probable primes, e = 65537) with its pairwise consistency test. */
static fips140_status run_rsa_keygen(pk_state *ps, int bits)
{
    fips140_rsa_key *key = NULL;
    (void)ps;
    fips140_status rc = fips140_rsa_key_new(&key);
    if (rc == FIPS140_OK)
        rc = fips140_rsa_keygen(key, (unsigned)bits, NULL, 0);
    fips140_rsa_key_free(key);
    return rc;
}

/* setup_dh - our key pair and the peer's public key in the group. */
static fips140_status setup_dh(pk_state *ps, int group)
{
    fips140_dh_group g = (fips140_dh_group)group;
    uint8_t peer_priv[FIPS140_DH_MAX_PRIV];
    ps->dhx = fips140_dh_priv_size(g);
    ps->dhp = fips140_dh_size(g);
    if (ps->dhp == 0)
        return FIPS140_ERR_ARG;
    fips140_status rc = fips140_dh_keygen(g, ps->dhpriv, ps->dhx, ps->dhpub, ps->dhp);
    if (rc == FIPS140_OK)
        rc = fips140_dh_keygen(g, peer_priv, ps->dhx, ps->dhpeer, ps->dhp);
    fips140_wipe(peer_priv, sizeof peer_priv);
    return rc;
}

/* run_ffdh - the shared secret Z with the peer's public key, which the module validates (y^q mod p) every time. */
static fips140_status run_ffdh(pk_state *ps, int group)
{
    return fips140_ffdh((fips140_dh_group)group, ps->dhpriv, ps->dhx, ps->dhpeer, ps->dhp, ps->dhz, ps->dhp);
}

/* setup_kdf - the KDF inputs (the same byte patterns as bench/kdf_bench.c, OpenSSL's side of these rows). */
static fips140_status setup_kdf(pk_state *ps, int param)
{
    (void)param;
    for (size_t i = 0; i < 32; i++) {
        ps->ikm[i] = (uint8_t)(i * 7u + 1u);
        ps->salt[i] = (uint8_t)(i * 11u + 2u);
    }
    for (size_t i = 0; i < sizeof ps->info; i++)
        ps->info[i] = (uint8_t)(i * 13u + 3u);
    for (size_t i = 0; i < 16; i++) {
        ps->pass[i] = (uint8_t)(i * 5u + 0x41u);
        ps->pbsalt[i] = (uint8_t)(i * 9u + 4u);
    }
    return FIPS140_OK;
}

/* run_hkdf - HKDF-SHA2-256 extract and expand: 32-byte IKM, 32-byte salt, 10-byte info, 32 bytes out. */
static fips140_status run_hkdf(pk_state *ps, int param)
{
    (void)param;
    return fips140_hkdf(FIPS140_SHA256, ps->okm, 32, ps->ikm, 32, ps->salt, 32, ps->info, sizeof ps->info);
}

/* run_pbkdf2 - PBKDF2-HMAC-SHA2-256: 16-byte password, 16-byte salt, `iterations` iterations, 32 bytes out. */
static fips140_status run_pbkdf2(pk_state *ps, int iterations)
{
    return fips140_pbkdf2(FIPS140_SHA256, ps->okm, 32, ps->pass, sizeof ps->pass, ps->pbsalt, sizeof ps->pbsalt,
                          (uint64_t)iterations);
}

static const pk_alg pk_algs[] = {
    {"ECDSA-P256-sign", "ECDSA-P256", setup_ec, run_ecdsa_sign, FIPS140_EC_P256},
    {"ECDSA-P256-verify", "ECDSA-P256", setup_ec, run_ecdsa_verify, FIPS140_EC_P256},
    {"ECDSA-P256-keygen", "ECDSA-P256", setup_ec, run_ec_keygen, FIPS140_EC_P256},
    {"ECDSA-P384-sign", "ECDSA-P384", setup_ec, run_ecdsa_sign, FIPS140_EC_P384},
    {"ECDSA-P384-verify", "ECDSA-P384", setup_ec, run_ecdsa_verify, FIPS140_EC_P384},
    {"ECDSA-P384-keygen", "ECDSA-P384", setup_ec, run_ec_keygen, FIPS140_EC_P384},
    {"ECDSA-P521-sign", "ECDSA-P521", setup_ec, run_ecdsa_sign, FIPS140_EC_P521},
    {"ECDSA-P521-verify", "ECDSA-P521", setup_ec, run_ecdsa_verify, FIPS140_EC_P521},
    {"ECDSA-P521-keygen", "ECDSA-P521", setup_ec, run_ec_keygen, FIPS140_EC_P521},
    {"ECDH-P256", NULL, setup_ec, run_ecdh, FIPS140_EC_P256},
    {"ECDH-P384", NULL, setup_ec, run_ecdh, FIPS140_EC_P384},
    {"ECDH-P521", NULL, setup_ec, run_ecdh, FIPS140_EC_P521},
    {"Ed25519-sign", "Ed25519", setup_ed25519, run_ed25519_sign, 0},
    {"Ed25519-verify", "Ed25519", setup_ed25519, run_ed25519_verify, 0},
    {"Ed25519-keygen", "Ed25519", setup_ed25519, run_ed25519_keygen, 0},
    {"RSA-2048-sign", "RSA-2048", setup_rsa, run_rsa_sign, 2048},
    {"RSA-2048-verify", "RSA-2048", setup_rsa, run_rsa_verify, 2048},
    {"RSA-3072-sign", "RSA-3072", setup_rsa, run_rsa_sign, 3072},
    {"RSA-3072-verify", "RSA-3072", setup_rsa, run_rsa_verify, 3072},
    {"RSA-2048-keygen", NULL, setup_none, run_rsa_keygen, 2048},
    {"FFDH-ffdhe2048", NULL, setup_dh, run_ffdh, FIPS140_DH_FFDHE2048},
    {"HKDF-SHA2-256", "KDF", setup_kdf, run_hkdf, 0},
    {"PBKDF2-HMAC-SHA2-256", "KDF", setup_kdf, run_pbkdf2, 10000},
};

#define N_PK_ALGS (sizeof pk_algs / sizeof pk_algs[0])

/* The clock: CLOCK_MONOTONIC (wall time), or with --cpu-time the process' CPU time (CLOCK_PROCESS_CPUTIME_ID), as
 * `openssl speed` measures without -elapsed: on a shared machine it leaves out the time other processes ran. */
static clockid_t speed_clock = CLOCK_MONOTONIC;

/* now_seconds - the chosen clock as a double. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(speed_clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* measure - run alg on len-byte buffers for about `seconds`; *bps gets bytes per second. Iterations run in
 * batches that grow until one batch takes ~1 ms, so reading the clock costs nothing measurable. */
static fips140_status measure(bench_state *b, const bench_alg *alg, size_t len, double seconds, double *bps)
{
    fips140_status rc = alg->run(b, len); /* warm up: triggers the lazy CAST, fills caches */
    if (rc != FIPS140_OK)
        return rc;
    unsigned long long total = 0, batch = 1;
    double start = now_seconds(), elapsed = 0.0;
    do {
        double t0 = now_seconds();
        for (unsigned long long i = 0; i < batch; i++) {
            rc = alg->run(b, len);
            if (rc != FIPS140_OK)
                return rc;
        }
        double t1 = now_seconds();
        total += batch;
        elapsed = t1 - start;
        if (t1 - t0 < 1e-3 && batch < (1ull << 40))
            batch *= 2;
    } while (elapsed < seconds);
    *bps = elapsed > 0 ? (double)total * (double)len / elapsed : 0.0;
    return FIPS140_OK;
}

/* measure_ops - run a public-key operation for about `seconds` (at least twice, after one warm-up call: key
 * generation takes tens of milliseconds or more); *ops gets operations per second. */
static fips140_status measure_ops(pk_state *ps, const pk_alg *alg, double seconds, double *ops)
{
    fips140_status rc = alg->run(ps, alg->param);
    if (rc != FIPS140_OK)
        return rc;
    unsigned long long total = 0, batch = 1;
    double start = now_seconds(), elapsed = 0.0;
    do {
        double t0 = now_seconds();
        for (unsigned long long i = 0; i < batch; i++) {
            rc = alg->run(ps, alg->param);
            if (rc != FIPS140_OK)
                return rc;
        }
        double t1 = now_seconds();
        total += batch;
        elapsed = t1 - start;
        if (t1 - t0 < 1e-3 && batch < (1ull << 40))
            batch *= 2;
    } while (elapsed < seconds || total < 2);
    *ops = elapsed > 0 ? (double)total / elapsed : 0.0;
    return FIPS140_OK;
}

/* pk_matches - whether filter names the public-key benchmark (by its name or its group). */
static int pk_matches(const pk_alg *alg, const char *filter)
{
    return strcasecmp(alg->name, filter) == 0 || (alg->group && strcasecmp(alg->group, filter) == 0);
}

/* matches - whether filter names alg (case-insensitively, by its name or its group). */
static int matches(const bench_alg *alg, const char *filter)
{
    return strcasecmp(alg->name, filter) == 0 || (alg->group && strcasecmp(alg->group, filter) == 0);
}

/* parse_sizes - "16,1024,…" into sizes[]; 0 on a malformed list or a size outside 1..16384. */
static int parse_sizes(const char *s, size_t *sizes, size_t *n)
{
    *n = 0;
    while (*s) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(s, &end, 10);
        if (end == s || errno || v == 0 || v > MAX_BUF || *n == MAX_SIZES || (*end && *end != ','))
            return 0;
        sizes[(*n)++] = (size_t)v;
        s = *end ? end + 1 : end;
        if (*end == ',' && !*s)
            return 0;
    }
    return *n > 0;
}

/* speed_usage - print the usage and the algorithm names to stderr. */
static int speed_usage(void)
{
    fprintf(stderr, "usage: fips140 speed [--json] [--cpu-time] [--seconds S] [--sizes N[,N...]] [ALG...]\n"
                    "  --cpu-time: count the process' CPU time instead of wall-clock time (as `openssl speed` without "
                    "-elapsed)\n"
                    "  symmetric algorithms report MB/s per buffer size (--json: {\"algorithm\",\"size\","
                    "\"bytes_per_second\"});\n  public-key operations and KDFs report operations per second, --sizes "
                    "does not apply (--json: {\"algorithm\",\"ops_per_second\"}).\nalgorithms:");
    for (size_t i = 0; i < N_ALGS; i++)
        fprintf(stderr, " %s", algs[i].name);
    fprintf(stderr, " AES-128-CBC\npublic-key, KDF:");
    for (size_t i = 0; i < N_PK_ALGS; i++)
        fprintf(stderr, " %s", pk_algs[i].name);
    fprintf(stderr, "\n  groups: ECDSA-P256 ECDSA-P384 ECDSA-P521 Ed25519 RSA-2048 RSA-3072 CMAC-AES KDF\n"
                    "  PBKDF2-HMAC-SHA2-256 reports HMAC iterations per second (10000 per call; --json: "
                    "{\"algorithm\",\"iterations_per_second\",\"iterations\"})\n");
    return EXIT_USAGE;
}

/* cmd_speed - parse options, run the selected benchmarks, print the table or JSON lines. */
int cmd_speed(int argc, char **argv)
{
    int json = 0;
    double seconds = 0.3;
    size_t sizes[MAX_SIZES] = {16, 256, 1024, 8192, 16384};
    size_t nsizes = 5;
    int selected[N_ALGS] = {0};
    int pk_selected[N_PK_ALGS] = {0};
    int any_filter = 0, any_symmetric = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--cpu-time") == 0) {
            speed_clock = CLOCK_PROCESS_CPUTIME_ID;
        } else if (strcmp(a, "--seconds") == 0 || strncmp(a, "--seconds=", 10) == 0) {
            const char *v = a[9] == '=' ? a + 10 : (i + 1 < argc ? argv[++i] : NULL);
            char *end;
            if (!v)
                return speed_usage();
            errno = 0;
            seconds = strtod(v, &end);
            if (end == v || *end || errno || !(seconds > 0.0) || seconds > 3600.0) {
                fprintf(stderr, "fips140 speed: bad --seconds value \"%s\"\n", v);
                return speed_usage();
            }
        } else if (strcmp(a, "--sizes") == 0 || strncmp(a, "--sizes=", 8) == 0) {
            const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !parse_sizes(v, sizes, &nsizes)) {
                fprintf(stderr, "fips140 speed: bad --sizes value (sizes 1..%u, comma-separated)\n", MAX_BUF);
                return speed_usage();
            }
        } else if (a[0] == '-') {
            fprintf(stderr, "fips140 speed: unknown option \"%s\"\n", a);
            return speed_usage();
        } else {
            int found = 0;
            for (size_t k = 0; k < N_ALGS; k++)
                if (matches(&algs[k], a))
                    selected[k] = found = any_symmetric = 1;
            for (size_t k = 0; k < N_PK_ALGS; k++)
                if (pk_matches(&pk_algs[k], a))
                    pk_selected[k] = found = 1;
            if (!found) {
                fprintf(stderr, "fips140 speed: unknown algorithm \"%s\"\n", a);
                return speed_usage();
            }
            any_filter = 1;
        }
    }

    bench_state *b = calloc(1, sizeof *b);
    pk_state *ps = calloc(1, sizeof *ps);
    uint8_t *in = malloc(MAX_BUF + 64), *out = malloc(MAX_BUF + 64);
    if (!b || !ps || !in || !out) {
        fprintf(stderr, "fips140 speed: out of memory\n");
        free(b), free(ps), free(in), free(out);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < MAX_BUF + 64; i++)
        in[i] = (uint8_t)(i * 31u + 7u);
    b->in = in;
    b->out = out;

    int rcode = EXIT_OK;
    if (!json && (!any_filter || any_symmetric)) {
        printf("%-16s", "MB/s");
        for (size_t s = 0; s < nsizes; s++)
            printf(" %10zu B", sizes[s]);
        printf("\n");
    }
    for (size_t k = 0; k < N_ALGS; k++) {
        if (any_filter && !selected[k])
            continue;
        const bench_alg *alg = &algs[k];
        fips140_status rc = alg->setup(b, alg->param);
        if (!json)
            printf("%-16s", alg->name);
        for (size_t s = 0; s < nsizes && rc == FIPS140_OK; s++) {
            /* block-only modes run on whole blocks: round the size down (never below one block) */
            size_t len = sizes[s];
            if (alg->run == run_ecb || alg->run == run_cbc_enc || alg->run == run_cbc_dec)
                len = len < 16 ? 16 : len - len % 16;
            if (alg->run == run_xts && len < 16)
                len = 16;
            double bps = 0.0;
            rc = measure(b, alg, len, seconds, &bps);
            if (rc != FIPS140_OK)
                break;
            if (json)
                printf("{\"algorithm\":\"%s\",\"size\":%zu,\"bytes_per_second\":%.0f}\n", alg->name, len, bps);
            else
                printf(" %12.1f", bps / 1e6);
            fflush(stdout);
        }
        if (!json)
            printf("\n");
        if (rc != FIPS140_OK) {
            fprintf(stderr, "fips140 speed: %s: %s\n", alg->name, fips140_status_string(rc));
            rcode = EXIT_FAIL;
        }
    }
    int pk_header = 0;
    for (size_t k = 0; k < N_PK_ALGS; k++) {
        if (any_filter && !pk_selected[k])
            continue;
        const pk_alg *alg = &pk_algs[k];
        if (!json && !pk_header) {
            printf("%s%-20s %12s\n", any_filter && !any_symmetric ? "" : "\n", "public key, KDF", "ops/s");
            pk_header = 1;
        }
        double ops = 0.0;
        fips140_status rc = alg->setup(ps, alg->param);
        if (rc == FIPS140_OK)
            rc = measure_ops(ps, alg, seconds, &ops);
        fips140_rsa_key_free(ps->rsa);
        fips140_wipe(ps, sizeof *ps); /* also clears the key pointer */
        if (rc != FIPS140_OK) {
            if (!json)
                printf("%-20s %12s\n", alg->name, "error");
            fprintf(stderr, "fips140 speed: %s: %s\n", alg->name, fips140_status_string(rc));
            rcode = EXIT_FAIL;
            continue;
        }
        int iterations = alg->run == run_pbkdf2; /* reported in HMAC iterations per second */
        if (json && iterations)
            printf("{\"algorithm\":\"%s\",\"iterations_per_second\":%.1f,\"iterations\":%d}\n", alg->name,
                   ops * alg->param, alg->param);
        else if (json)
            printf("{\"algorithm\":\"%s\",\"ops_per_second\":%.1f}\n", alg->name, ops);
        else if (iterations)
            printf("%-20s %12.1f iterations/s (%d per call)\n", alg->name, ops * alg->param, alg->param);
        else
            printf("%-20s %12.1f\n", alg->name, ops);
        fflush(stdout);
    }
    fips140_hmac_wipe(&b->hmac);
    fips140_wipe(b, sizeof *b);
    free(b), free(ps), free(in), free(out);
    return rcode;
}
