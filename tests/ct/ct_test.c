/* tests/ct/ct_test.c - constant-time test under valgrind memcheck ("ctgrind", Adam Langley 2010).
 *
 * Method. Memcheck tracks, bit by bit, whether each value is "defined". Marking a secret undefined with the
 * client request VALGRIND_MAKE_MEM_UNDEFINED makes every value computed from it undefined too, and memcheck then
 * reports each conditional jump and each memory address that depends on it: exactly the secret-dependent branches
 * and table indices that a timing or cache attacker can observe. Values that are public by design (signatures,
 * public keys, shared secrets once computed, ciphertexts and tags, verdicts) are marked defined again with
 * VALGRIND_MAKE_MEM_DEFINED before the test looks at them.
 *
 * What is secret here:
 *   - private keys, symmetric keys, DRBG entropy input, plaintexts given to the module (marked by the test);
 *   - the module RBG's output while the test runs an operation that turns it into secrets (key generation, the
 *     ECDSA per-message k, RSA blinding values, FFDH private keys): fips140_rand_bytes is wrapped with valgrind's
 *     function wrapping (I_WRAP_SONAME_FNNAME_ZU; valgrind redirects the calls at run time, the module's bytes and
 *     so its integrity MAC are unchanged) and its output is marked undefined while `rbg_secret` is set. The module
 *     has no test hooks. rbg_probe() checks that the wrapper is in place.
 * Covered: ECDSA key generation, public key, signing (random and RFC 6979 k) and ECDH on every curve the module
 * offers (fips140_ec_scalar_size != 0); Ed25519 key generation, public key, Ed25519 and Ed25519ph signing; AES-GCM
 * (128/192/256) encryption and decryption; CMAC, GMAC, CCM, XTS, KW and KWP; HKDF, the one-step KDF, PBKDF2, SP 800-108
 * (HMAC and CMAC), X9.63, SSH and the TLS 1.2 and 1.3 KDFs;
 * HMAC (SHA-1, SHA-2, SHA-3); CTR, HMAC and Hash DRBG instantiate, reseed
 * and generate; FFDH key generation, public key and shared secret (ffdhe2048, MODP-2048; generated keys and imported
 * keys up to len(p) bytes); RSA-2048 key generation,
 * private-key loading, PKCS#1 v1.5 and PSS signing, OAEP decryption (good and corrupted ciphertexts).
 *
 * CPU paths: tests/CMakeLists.txt runs the program twice, FIPS140_CPU unset and FIPS140_CPU=portable (bitsliced
 * AES, constant-time GHASH, every C fallback). Valgrind's virtual CPU has no AVX-512, VAES, VPCLMULQDQ or SHA-NI, so
 * under valgrind "default" means the AES-NI/PCLMUL/AVX2 paths; the VAES GCM and AVX-512 IFMA exponentiation paths
 * are not covered by this test.
 *
 * Branches on public verdicts derived from secrets ("candidate >= n, draw again", "the tag does not match") are
 * legitimate; tests/ct/ct.supp lists them, each with its reason, by function name. The program links a copy of the
 * module compiled like the real one plus -g (tests/CMakeLists.txt), so inlined functions are frames of their own
 * and a suppression naming X covers only X's own lines. ct.supp also lists, in marked sections, the findings that
 * are open: public-by-contract lengths computed from secret RSA primes, and Miller-Rabin on the secret candidate.
 *
 * Every case also checks its result (a signature verifies, both key-agreement sides agree, decryption round-trips),
 * so the program fails outside valgrind too when something is wrong; there the client requests do nothing.
 * ctest: ct.valgrind@default and ct.valgrind@portable run `valgrind --error-exitcode=1 --track-origins=yes` with
 * ct.supp; skipped (77) when valgrind or valgrind/memcheck.h was not found at configure time.
 *
 * The self-tests (CASTs) run lazily on an algorithm's first use; their inputs are public constants, so they are all
 * run first (fips140_selftest_run_all), before anything is marked secret, as is the first RBG request (which
 * instantiates this thread's DRBG from the entropy source). */
#include "unit/test_util.h"

#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

#include <fips140/dh.h>
#include <fips140/rsa.h>

/* SECRET / PUBLIC - mark n bytes at p undefined (secret) or defined (public). No-ops outside valgrind. */
#define SECRET(p, n) ((void)VALGRIND_MAKE_MEM_UNDEFINED((p), (n)))
#define PUBLIC(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))

/* rbg_secret - while non-zero, the module RBG's output counts as secret (see the wrapper below). */
static volatile int rbg_secret;

/* The wrapper of the module's fips140_rand_bytes: valgrind calls it instead of the function (in the main
 * executable: soname NONE), wherever the call comes from, including the module's own calls. */
fips140_status I_WRAP_SONAME_FNNAME_ZU(NONE, fips140_rand_bytes)(uint8_t *out, size_t len);
fips140_status I_WRAP_SONAME_FNNAME_ZU(NONE, fips140_rand_bytes)(uint8_t *out, size_t len)
{
    OrigFn fn;
    long st;
    VALGRIND_GET_ORIG_FN(fn);
    CALL_FN_W_WW(st, fn, out, len);
    if (rbg_secret)
        SECRET(out, len);
    return (fips140_status)st;
}

/* public_status - a status computed from secrets is a public verdict: declassify it before branching on it. */
static fips140_status public_status(fips140_status st)
{
    PUBLIC(&st, sizeof st);
    return st;
}

/* secret_bytes - n test bytes from the deterministic generator, then marked secret. */
static void secret_bytes(tu_rng *r, void *p, size_t n)
{
    tu_fill(r, p, n);
    SECRET(p, n);
}

/* rbg_probe - under valgrind, check that the wrapper is in place: with rbg_secret set, the output of
 * fips140_rand_bytes must come back undefined (else key generation would run with nothing marked secret and the
 * test would prove little). VALGRIND_GET_VBITS reads the definedness bits without reporting anything. */
static void rbg_probe(void)
{
    uint8_t b[16], vbits[16];
    rbg_secret = 1;
    CHECK_OK(fips140_rand_bytes(b, sizeof b), "rand probe");
    rbg_secret = 0;
    if (RUNNING_ON_VALGRIND) {
        memset(vbits, 0, sizeof vbits);
        CHECK(VALGRIND_GET_VBITS(b, vbits, sizeof b) == 1, "VALGRIND_GET_VBITS failed");
        unsigned undef = 0;
        for (size_t i = 0; i < sizeof vbits; i++)
            undef |= vbits[i];
        CHECK(undef == 0xff, "the fips140_rand_bytes wrapper is not active: RBG output stays defined");
    }
    PUBLIC(b, sizeof b);
}

/* ---- ECDSA, ECDH, EC key generation: every curve the module offers (fips140_ec_scalar_size != 0). */
static void test_ec_curve(fips140_ec_curve curve, tu_rng *r)
{
    size_t sn = fips140_ec_scalar_size(curve), pn = fips140_ec_point_size(curve);
    uint8_t priv_a[FIPS140_EC_MAX_SCALAR], pub_a[FIPS140_EC_MAX_POINT], pub_a2[FIPS140_EC_MAX_POINT];
    uint8_t priv_b[FIPS140_EC_MAX_SCALAR], pub_b[FIPS140_EC_MAX_POINT];
    uint8_t z_a[FIPS140_EC_MAX_SCALAR], z_b[FIPS140_EC_MAX_SCALAR];
    uint8_t sig[2 * FIPS140_EC_MAX_SCALAR], digest[64];
    tu_fill(r, digest, sizeof digest);

    /* Key generation: the candidate from the RBG is secret, so is the private key; the public key is public. */
    rbg_secret = 1;
    CHECK_OK(public_status(fips140_ec_keygen(curve, priv_a, sn, pub_a, pn)), "ec keygen curve %d", (int)curve);
    rbg_secret = 0;
    PUBLIC(pub_a, pn);

    /* The public key again from the (still secret) private key. */
    CHECK_OK(public_status(fips140_ec_public_from_private(curve, priv_a, sn, pub_a2, pn)), "ec pub curve %d",
             (int)curve);
    PUBLIC(pub_a2, pn);
    CHECK_MEM(pub_a2, pub_a, pn, "ec public_from_private matches keygen, curve %d", (int)curve);

    /* ECDSA with a random k (secret RBG output) and with RFC 6979 k (derived from the secret key). */
    for (size_t dl = 28; dl <= 64; dl += 36) {
        rbg_secret = 1;
        CHECK_OK(public_status(fips140_ecdsa_sign(curve, priv_a, sn, digest, dl, sig, 2 * sn)),
                 "ecdsa sign curve %d", (int)curve);
        rbg_secret = 0;
        PUBLIC(sig, 2 * sn);
        CHECK_OK(fips140_ecdsa_verify(curve, pub_a, pn, digest, dl, sig, 2 * sn), "ecdsa verify curve %d",
                 (int)curve);
        CHECK_OK(public_status(fips140_ecdsa_sign_deterministic(curve, FIPS140_SHA256, priv_a, sn, digest, dl,
                                                                sig, 2 * sn)),
                 "ecdsa deterministic sign curve %d", (int)curve);
        PUBLIC(sig, 2 * sn);
        CHECK_OK(fips140_ecdsa_verify(curve, pub_a, pn, digest, dl, sig, 2 * sn),
                 "ecdsa deterministic verify curve %d", (int)curve);
    }

    /* ECDH: a private key chosen by the test (secret from the start), both sides must agree. Test bytes are
     * reduced into range by clearing the top byte (a public fact about the key, not a secret). */
    tu_fill(r, priv_b, sn);
    priv_b[0] = 0;
    priv_b[sn - 1] |= 1;
    SECRET(priv_b, sn);
    CHECK_OK(public_status(fips140_ec_public_from_private(curve, priv_b, sn, pub_b, pn)), "ec pub b curve %d",
             (int)curve);
    PUBLIC(pub_b, pn);
    CHECK_OK(public_status(fips140_ecdh(curve, priv_a, sn, pub_b, pn, z_a, sn)), "ecdh a curve %d", (int)curve);
    CHECK_OK(public_status(fips140_ecdh(curve, priv_b, sn, pub_a, pn, z_b, sn)), "ecdh b curve %d", (int)curve);
    PUBLIC(z_a, sn);
    PUBLIC(z_b, sn);
    CHECK_MEM(z_a, z_b, sn, "ecdh agreement curve %d", (int)curve);
}

/* ---- Ed25519: key generation, public key, signing (pure and ph with a context). */
static void test_ed25519(tu_rng *r)
{
    uint8_t priv[32], pub[32], pub2[32], priv2[32], pub3[32], sig[64], msg[100];
    static const uint8_t ctx[5] = {'c', 't', 'x', '4', '2'};
    tu_fill(r, msg, sizeof msg);

    rbg_secret = 1;
    CHECK_OK(public_status(fips140_ed25519_keygen(priv, pub)), "ed25519 keygen");
    rbg_secret = 0;
    PUBLIC(pub, sizeof pub);
    CHECK_OK(public_status(fips140_ed25519_public_key(pub2, priv)), "ed25519 public key");
    PUBLIC(pub2, sizeof pub2);
    CHECK_MEM(pub2, pub, 32, "ed25519 public key matches keygen");

    CHECK_OK(public_status(fips140_ed25519_sign(sig, priv, msg, sizeof msg)), "ed25519 sign");
    PUBLIC(sig, sizeof sig);
    CHECK_OK(fips140_ed25519_verify(pub, msg, sizeof msg, sig, sizeof sig), "ed25519 verify");
    CHECK_OK(public_status(fips140_eddsa_sign(FIPS140_ED25519PH, sig, priv, ctx, sizeof ctx, msg, sizeof msg)),
             "ed25519ph sign");
    PUBLIC(sig, sizeof sig);
    CHECK_OK(fips140_eddsa_verify(FIPS140_ED25519PH, pub, ctx, sizeof ctx, msg, sizeof msg, sig, sizeof sig),
             "ed25519ph verify");

    /* A private key chosen by the test. */
    secret_bytes(r, priv2, sizeof priv2);
    CHECK_OK(public_status(fips140_ed25519_public_key(pub3, priv2)), "ed25519 public key (test key)");
    PUBLIC(pub3, sizeof pub3);
    CHECK_OK(public_status(fips140_ed25519_sign(sig, priv2, msg, 1)), "ed25519 sign (test key)");
    PUBLIC(sig, sizeof sig);
    CHECK_OK(fips140_ed25519_verify(pub3, msg, 1, sig, sizeof sig), "ed25519 verify (test key)");
}

/* ---- AES-GCM: key and plaintext secret; ciphertext and tag public. On the portable path (FIPS140_CPU=portable)
 * this exercises the bitsliced AES and the constant-time GHASH; on the default path, AES-NI and CLMUL. */
static void test_gcm(tu_rng *r)
{
    uint8_t key[32], iv[12], aad[20], pt[77], ct[77], back[77], tag[16];
    fips140_aes_gcm_ctx ctx;
    tu_fill(r, iv, sizeof iv);
    tu_fill(r, aad, sizeof aad);
    for (size_t kl = 16; kl <= 32; kl += 8) {
        secret_bytes(r, key, kl);
        secret_bytes(r, pt, sizeof pt);
        CHECK_OK(public_status(fips140_aes_gcm_init(&ctx, key, kl)), "gcm init %zu", kl);
        CHECK_OK(public_status(fips140_aes_gcm_encrypt(&ctx, ct, tag, sizeof tag, iv, sizeof iv, aad, sizeof aad,
                                                       pt, sizeof pt)),
                 "gcm encrypt %zu", kl);
        PUBLIC(ct, sizeof ct);
        PUBLIC(tag, sizeof tag);
        CHECK_OK(public_status(fips140_aes_gcm_decrypt(&ctx, back, iv, sizeof iv, aad, sizeof aad, ct, sizeof ct,
                                                       tag, sizeof tag)),
                 "gcm decrypt %zu", kl);
        PUBLIC(back, sizeof back);
        PUBLIC(pt, sizeof pt);
        CHECK_MEM(back, pt, sizeof pt, "gcm round trip %zu", kl);
        tag[3] ^= 0x10;
        CHECK_ST(public_status(fips140_aes_gcm_decrypt(&ctx, back, iv, sizeof iv, aad, sizeof aad, ct, sizeof ct,
                                                       tag, sizeof tag)),
                 FIPS140_ERR_AUTH, "gcm bad tag %zu", kl);
    }
    fips140_wipe(&ctx, sizeof ctx);
}

/* ---- CMAC, GMAC, CCM, XTS, KW/KWP (issue 6): keys and plaintexts secret; MACs, tags, ciphertexts and wrapped
 * keys public once computed; a failed authentication is a public verdict. */
static void test_aes_modes(tu_rng *r)
{
    uint8_t key[64], nonce[13], aad[20], pt[77], ct[77 + 16], back[77 + 16], tag[16], mac[16], mac2[16];
    size_t outlen = 0;
    tu_fill(r, nonce, sizeof nonce);
    tu_fill(r, aad, sizeof aad);
    for (size_t kl = 16; kl <= 32; kl += 8) {
        /* CMAC: one-shot and streaming with a partial last block. */
        secret_bytes(r, key, kl);
        secret_bytes(r, pt, sizeof pt);
        CHECK_OK(public_status(fips140_cmac(mac, sizeof mac, key, kl, pt, sizeof pt)), "cmac %zu", kl);
        fips140_cmac_ctx cm;
        CHECK_OK(public_status(fips140_cmac_init(&cm, key, kl)), "cmac init %zu", kl);
        CHECK_OK(public_status(fips140_cmac_update(&cm, pt, 40)), "cmac update %zu", kl);
        CHECK_OK(public_status(fips140_cmac_update(&cm, pt + 40, sizeof pt - 40)), "cmac update %zu", kl);
        CHECK_OK(public_status(fips140_cmac_final(&cm, mac2, sizeof mac2)), "cmac final %zu", kl);
        PUBLIC(mac, sizeof mac);
        PUBLIC(mac2, sizeof mac2);
        CHECK_MEM(mac2, mac, sizeof mac, "cmac streaming = one-shot %zu", kl);
        CHECK_OK(public_status(fips140_cmac_init(&cm, key, kl)), "cmac init %zu", kl);
        CHECK_OK(public_status(fips140_cmac_update(&cm, pt, sizeof pt)), "cmac update %zu", kl);
        mac[0] ^= 1;
        CHECK_ST(public_status(fips140_cmac_verify_final(&cm, mac, sizeof mac)), FIPS140_ERR_AUTH, "cmac bad %zu", kl);
        fips140_cmac_wipe(&cm);

        /* GMAC over secret data under a secret key. */
        CHECK_OK(public_status(fips140_gmac(tag, sizeof tag, key, kl, nonce, 12, pt, sizeof pt)), "gmac %zu", kl);
        PUBLIC(tag, sizeof tag);

        /* CCM encrypt, decrypt, forged tag. */
        fips140_aes_ccm_ctx ccm;
        CHECK_OK(public_status(fips140_aes_ccm_init(&ccm, key, kl)), "ccm init %zu", kl);
        CHECK_OK(public_status(fips140_aes_ccm_encrypt(&ccm, ct, tag, 16, nonce, 13, aad, sizeof aad, pt, sizeof pt)),
                 "ccm encrypt %zu", kl);
        PUBLIC(ct, sizeof pt);
        PUBLIC(tag, sizeof tag);
        CHECK_OK(public_status(fips140_aes_ccm_decrypt(&ccm, back, nonce, 13, aad, sizeof aad, ct, sizeof pt, tag, 16)),
                 "ccm decrypt %zu", kl);
        tag[5] ^= 4;
        CHECK_ST(public_status(fips140_aes_ccm_decrypt(&ccm, back, nonce, 13, aad, sizeof aad, ct, sizeof pt, tag, 16)),
                 FIPS140_ERR_AUTH, "ccm bad tag %zu", kl);
        fips140_aes_ccm_wipe(&ccm);

        /* KW and KWP, forward and inverse cipher; a corrupted wrapping fails on a public verdict. */
        fips140_aes_key ak;
        CHECK_OK(public_status(fips140_aes_key_init(&ak, key, kl)), "kw key %zu", kl);
        for (int inv = 0; inv <= 1; inv++) {
            CHECK_OK(public_status(fips140_aes_kw_wrap(&ak, inv, ct, &outlen, pt, 32)), "kw wrap %zu", kl);
            PUBLIC(ct, 40);
            CHECK_OK(public_status(fips140_aes_kw_unwrap(&ak, inv, back, &outlen, ct, 40)), "kw unwrap %zu", kl);
            ct[9] ^= 1;
            CHECK_ST(public_status(fips140_aes_kw_unwrap(&ak, inv, back, &outlen, ct, 40)), FIPS140_ERR_AUTH,
                     "kw bad %zu", kl);
            CHECK_OK(public_status(fips140_aes_kwp_wrap(&ak, inv, ct, &outlen, pt, 21)), "kwp wrap %zu", kl);
            size_t wl = outlen; /* 32: a public function of the public length */
            CHECK(wl == 32, "kwp wrapped length %zu", wl);
            PUBLIC(ct, wl);
            CHECK_OK(public_status(fips140_aes_kwp_unwrap(&ak, inv, back, &outlen, ct, wl)), "kwp unwrap %zu", kl);
            PUBLIC(&outlen, sizeof outlen); /* the length in the ICV: public once the check passed */
            CHECK(outlen == 21, "kwp unwrapped length %zu", outlen);
            ct[20] ^= 1;
            CHECK_ST(public_status(fips140_aes_kwp_unwrap(&ak, inv, back, &outlen, ct, wl)), FIPS140_ERR_AUTH,
                     "kwp bad %zu", kl);
            CHECK_OK(public_status(fips140_aes_kwp_wrap(&ak, inv, ct, &outlen, pt, 5)), "kwp wrap short %zu", kl);
            PUBLIC(ct, 16);
            CHECK_OK(public_status(fips140_aes_kwp_unwrap(&ak, inv, back, &outlen, ct, 16)), "kwp unwrap short %zu", kl);
        }
        fips140_wipe(&ak, sizeof ak);
    }
    /* XTS-AES-128 and -256: whole blocks and ciphertext stealing. */
    for (size_t kl = 32; kl <= 64; kl += 32) {
        fips140_aes_xts_ctx x;
        uint8_t tweak[16];
        tu_fill(r, tweak, sizeof tweak);
        secret_bytes(r, key, kl);
        secret_bytes(r, pt, sizeof pt);
        CHECK_OK(public_status(fips140_aes_xts_init(&x, key, kl)), "xts init %zu", kl);
        for (size_t len = 64; len <= sizeof pt; len += sizeof pt - 64) {
            CHECK_OK(public_status(fips140_aes_xts_encrypt(&x, ct, pt, len, tweak)), "xts encrypt %zu/%zu", kl, len);
            PUBLIC(ct, len);
            CHECK_OK(public_status(fips140_aes_xts_decrypt(&x, back, ct, len, tweak)), "xts decrypt %zu/%zu", kl, len);
            PUBLIC(back, len);
            PUBLIC(pt, len);
            CHECK_MEM(back, pt, len, "xts round trip %zu/%zu", kl, len);
            SECRET(pt, sizeof pt);
        }
        fips140_aes_xts_wipe(&x);
    }
}

/* ---- KDFs (issue 6): the input secret (IKM, Z, password, key) is secret and so is the derived key, which stays
 * undefined; only statuses are looked at. Salts, labels and fixed info are public. */
static void test_kdfs(tu_rng *r)
{
    uint8_t ikm[48], salt[32], info[24], out[100];
    tu_fill(r, salt, sizeof salt);
    tu_fill(r, info, sizeof info);
    static const fips140_hash_alg algs[] = {FIPS140_SHA256, FIPS140_SHA512, FIPS140_SHA3_256};
    for (size_t i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        fips140_hash_alg a = algs[i];
        secret_bytes(r, ikm, sizeof ikm);
        CHECK_OK(public_status(fips140_hkdf(a, out, sizeof out, ikm, sizeof ikm, salt, sizeof salt, info, sizeof info)),
                 "hkdf %d", (int)a);
        CHECK_OK(public_status(fips140_kda_onestep_hash(a, out, sizeof out, ikm, sizeof ikm, info, sizeof info)),
                 "one-step hash %d", (int)a);
        CHECK_OK(public_status(fips140_kda_onestep_hmac(a, out, sizeof out, salt, sizeof salt, ikm, sizeof ikm, info,
                                                        sizeof info)),
                 "one-step hmac %d", (int)a);
        CHECK_OK(public_status(fips140_pbkdf2(a, out, 32, ikm, 20, salt, 16, 1000)), "pbkdf2 %d", (int)a);
        CHECK_OK(public_status(fips140_x963_kdf(a, out, sizeof out, ikm, sizeof ikm, info, sizeof info)), "x963 %d",
                 (int)a);
        /* SP 800-108: HMAC in each mode and counter position. */
        fips140_kbkdf_params kp;
        memset(&kp, 0, sizeof kp);
        kp.prf = FIPS140_KBKDF_HMAC;
        kp.hash = a;
        kp.key = ikm;
        kp.keylen = 32;
        kp.fixed = info;
        kp.fixedlen = sizeof info;
        kp.ctr_bits = 32;
        kp.mode = FIPS140_KBKDF_COUNTER;
        kp.ctr_loc = FIPS140_KBKDF_CTR_MIDDLE_FIXED;
        kp.break_bits = 37;
        CHECK_OK(public_status(fips140_kbkdf(&kp, out, sizeof out)), "kbkdf counter %d", (int)a);
        kp.mode = FIPS140_KBKDF_FEEDBACK;
        kp.ctr_loc = FIPS140_KBKDF_CTR_BEFORE_ITER;
        kp.iv = salt;
        kp.ivlen = 16;
        CHECK_OK(public_status(fips140_kbkdf(&kp, out, sizeof out)), "kbkdf feedback %d", (int)a);
        kp.mode = FIPS140_KBKDF_DOUBLE_PIPELINE;
        kp.ctr_loc = FIPS140_KBKDF_CTR_AFTER_FIXED;
        kp.iv = NULL;
        kp.ivlen = 0;
        CHECK_OK(public_status(fips140_kbkdf(&kp, out, sizeof out)), "kbkdf pipeline %d", (int)a);
    }
    /* SP 800-108 with CMAC-AES, a secret AES key. */
    fips140_kbkdf_params kc;
    memset(&kc, 0, sizeof kc);
    kc.mode = FIPS140_KBKDF_COUNTER;
    kc.prf = FIPS140_KBKDF_CMAC_AES;
    kc.key = ikm;
    kc.keylen = 32;
    kc.fixed = info;
    kc.fixedlen = sizeof info;
    kc.ctr_bits = 16;
    kc.ctr_loc = FIPS140_KBKDF_CTR_BEFORE_FIXED;
    CHECK_OK(public_status(fips140_kbkdf(&kc, out, sizeof out)), "kbkdf cmac");
    /* SSH (shared secret K secret, exchange hash and session id public) and TLS 1.2 / 1.3. */
    CHECK_OK(public_status(fips140_ssh_kdf(FIPS140_SHA256, out, 32, ikm, sizeof ikm, salt, 32, salt, 32, 'C')), "ssh");
    uint8_t ms[FIPS140_TLS12_MASTER_SECRET_LEN], hashes[4][48];
    tu_fill(r, hashes, sizeof hashes);
    CHECK_OK(public_status(fips140_tls12_extended_master_secret(FIPS140_SHA384, ms, ikm, sizeof ikm, hashes[0], 48)),
             "tls12 ems");
    CHECK_OK(public_status(fips140_tls12_key_block(FIPS140_SHA384, out, sizeof out, ms, salt, hashes[1])),
             "tls12 key block");
    fips140_tls13_schedule_in in = {ikm, 32, ikm + 16, 32, hashes[0], hashes[1], hashes[2], hashes[3]};
    fips140_tls13_schedule_out so;
    CHECK_OK(public_status(fips140_tls13_key_schedule(FIPS140_SHA384, &so, &in)), "tls13 schedule");
    fips140_wipe(&so, sizeof so);
}

/* ---- HMAC (every SHA-2 / SHA-3 hash, keys shorter and longer than a block) and the three DRBGs with secret
 * entropy input: a DRBG's output is secret, so it stays undefined; only its status is looked at. */
static void test_hmac_drbg(tu_rng *r)
{
    static const fips140_hash_alg algs[] = {FIPS140_SHA1, FIPS140_SHA224, FIPS140_SHA256, FIPS140_SHA384,
                                            FIPS140_SHA512, FIPS140_SHA512_256, FIPS140_SHA3_256, FIPS140_SHA3_512};
    uint8_t key[200], mac[20], mac2[20], msg[150], ent[64], nonce[16], out[100];
    tu_fill(r, msg, sizeof msg);
    for (size_t i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        for (size_t kl = 20; kl <= sizeof key; kl += 180) {
            secret_bytes(r, key, kl);
            CHECK_OK(public_status(fips140_hmac(algs[i], mac, sizeof mac, key, kl, msg, sizeof msg)), "hmac %d",
                     (int)algs[i]);
            fips140_hmac_ctx h;
            CHECK_OK(public_status(fips140_hmac_init(&h, algs[i], key, kl)), "hmac init %d", (int)algs[i]);
            CHECK_OK(public_status(fips140_hmac_update(&h, msg, sizeof msg)), "hmac update %d", (int)algs[i]);
            CHECK_OK(public_status(fips140_hmac_final(&h, mac2, sizeof mac2)), "hmac final %d", (int)algs[i]);
            PUBLIC(mac, sizeof mac);
            PUBLIC(mac2, sizeof mac2);
            CHECK_MEM(mac2, mac, sizeof mac, "hmac streaming = one-shot, hash %d", (int)algs[i]);
        }
    }
    static const fips140_drbg_params params[] = {
        {FIPS140_DRBG_CTR, 256, 1, 0}, {FIPS140_DRBG_CTR, 128, 0, 0}, {FIPS140_DRBG_HMAC, FIPS140_SHA256, 0, 0},
        {FIPS140_DRBG_HMAC, FIPS140_SHA512, 0, 0}, {FIPS140_DRBG_HASH, FIPS140_SHA256, 0, 0},
        {FIPS140_DRBG_HASH, FIPS140_SHA512, 0, 0}};
    fips140_drbg_ctx d;
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        /* CTR without df takes exactly seedlen = keylen + 16 bytes of entropy and no nonce. */
        size_t elen = params[i].type == FIPS140_DRBG_CTR && !params[i].derivation_function ? 32 : 48;
        size_t nlen = params[i].type == FIPS140_DRBG_CTR && !params[i].derivation_function ? 0 : sizeof nonce;
        secret_bytes(r, ent, elen);
        secret_bytes(r, nonce, nlen);
        CHECK_OK(public_status(fips140_drbg_instantiate(&d, &params[i], ent, elen, nonce, nlen, NULL, 0)),
                 "drbg instantiate %zu", i);
        CHECK_OK(public_status(fips140_drbg_generate(&d, out, sizeof out, NULL, 0, NULL, 0)), "drbg generate %zu", i);
        secret_bytes(r, ent, elen);
        CHECK_OK(public_status(fips140_drbg_reseed(&d, ent, elen, msg, 16)), "drbg reseed %zu", i);
        CHECK_OK(public_status(fips140_drbg_generate(&d, out, sizeof out, msg, 7, NULL, 0)), "drbg generate %zu", i);
        fips140_drbg_uninstantiate(&d);
    }
}

/* ---- FFDH (SP 800-56A): key generation, public key, shared secret, for the smallest group of each family (the
 * code is the same for every group; the larger ones only take longer). */
static void test_ffdh(tu_rng *r)
{
    static const fips140_dh_group groups[] = {FIPS140_DH_FFDHE2048, FIPS140_DH_MODP2048};
    static uint8_t pub_a[FIPS140_DH_MAX_SIZE], pub_b[FIPS140_DH_MAX_SIZE], pub_a2[FIPS140_DH_MAX_SIZE];
    static uint8_t z_a[FIPS140_DH_MAX_SIZE], z_b[FIPS140_DH_MAX_SIZE];
    uint8_t priv_a[FIPS140_DH_MAX_PRIV], priv_b[FIPS140_DH_MAX_PRIV];
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        fips140_dh_group g = groups[i];
        size_t n = fips140_dh_size(g), pn = fips140_dh_priv_size(g);
        rbg_secret = 1;
        CHECK_OK(public_status(fips140_dh_keygen(g, priv_a, pn, pub_a, n)), "dh keygen %d", (int)g);
        rbg_secret = 0;
        PUBLIC(pub_a, n);
        CHECK_OK(public_status(fips140_dh_public_from_private(g, priv_a, pn, pub_a2, n)), "dh pub %d", (int)g);
        PUBLIC(pub_a2, n);
        CHECK_MEM(pub_a2, pub_a, n, "dh public_from_private matches keygen, group %d", (int)g);
        tu_fill(r, priv_b, pn);
        priv_b[pn - 1] |= 1; /* never zero (a public fact about the test key) */
        SECRET(priv_b, pn);
        CHECK_OK(public_status(fips140_dh_public_from_private(g, priv_b, pn, pub_b, n)), "dh pub b %d", (int)g);
        PUBLIC(pub_b, n);
        CHECK_OK(public_status(fips140_ffdh(g, priv_a, pn, pub_b, n, z_a, n)), "ffdh a %d", (int)g);
        CHECK_OK(public_status(fips140_ffdh(g, priv_b, pn, pub_a, n, z_b, n)), "ffdh b %d", (int)g);
        PUBLIC(z_a, n);
        PUBLIC(z_b, n);
        CHECK_MEM(z_a, z_b, n, "ffdh agreement, group %d", (int)g);
        /* Imported keys longer than N = 2s bits (SP 800-56A Rev. 3 §5.6.2.1.2: any x in [1, q-1]): a len(p)-byte
         * encoding (bound len(q)) and a 29-byte one (N' = 232 bits); top bits cleared so that x < q, low bit set. */
        static const size_t long_lens[] = {0 /* = n */, 29};
        for (size_t li = 0; li < 2; li++) {
            static uint8_t xl[FIPS140_DH_MAX_SIZE];
            size_t len = long_lens[li] != 0 ? long_lens[li] : n;
            tu_fill(r, xl, len);
            xl[0] &= 0x3f;
            xl[len - 1] |= 1;
            SECRET(xl, len);
            CHECK_OK(public_status(fips140_dh_public_from_private(g, xl, len, pub_b, n)), "dh pub, %zu-byte key", len);
            PUBLIC(pub_b, n);
            CHECK_OK(public_status(fips140_ffdh(g, xl, len, pub_a, n, z_b, n)), "ffdh, %zu-byte key", len);
            CHECK_OK(public_status(fips140_ffdh(g, priv_a, pn, pub_b, n, z_a, n)), "ffdh a vs %zu-byte key", len);
            PUBLIC(z_a, n);
            PUBLIC(z_b, n);
            CHECK_MEM(z_a, z_b, n, "ffdh agreement with a %zu-byte key, group %d", len, (int)g);
        }
    }
}

/* rsa_export - component c of key into buf (its length to *len). */
static void rsa_export(const fips140_rsa_key *key, fips140_rsa_component c, uint8_t *buf, size_t cap, size_t *len)
{
    *len = 0;
    CHECK_OK(public_status(fips140_rsa_key_get(key, c, buf, cap, len)), "rsa export %d", (int)c);
    PUBLIC(len, sizeof *len);
}

/* ---- RSA: key generation (2048 bits, RBG output secret), then a private key loaded from secret components:
 * PKCS#1 v1.5 and PSS signatures, OAEP decryption. The RBG output stays secret during the private operations too
 * (blinding values); the PSS salt and OAEP seed come out in the public signature / are the encryptor's. */
static void test_rsa(tu_rng *r)
{
    enum { NB = 256 };
    static uint8_t n[NB], e[8], d[NB], p[NB], q[NB], dp[NB], dq[NB], qi[NB], sig[NB], ct[NB], pt[NB];
    size_t nl, el, dl, pl, ql, dpl, dql, qil, ptl = 0;
    uint8_t digest[32], msg[40];
    fips140_rsa_key *gen = NULL, *priv = NULL, *pub = NULL;
    tu_fill(r, digest, sizeof digest);
    CHECK_OK(fips140_rsa_key_new(&gen), "rsa key new");
    CHECK_OK(fips140_rsa_key_new(&priv), "rsa key new");
    CHECK_OK(fips140_rsa_key_new(&pub), "rsa key new");
    if (gen == NULL || priv == NULL || pub == NULL)
        return;

    rbg_secret = 1;
    CHECK_OK(public_status(fips140_rsa_keygen(gen, 2048, NULL, 0)), "rsa keygen");
    rbg_secret = 0;
    rsa_export(gen, FIPS140_RSA_N, n, sizeof n, &nl);
    rsa_export(gen, FIPS140_RSA_E, e, sizeof e, &el);
    rsa_export(gen, FIPS140_RSA_D, d, sizeof d, &dl);
    rsa_export(gen, FIPS140_RSA_P, p, sizeof p, &pl);
    rsa_export(gen, FIPS140_RSA_Q, q, sizeof q, &ql);
    rsa_export(gen, FIPS140_RSA_DP, dp, sizeof dp, &dpl);
    rsa_export(gen, FIPS140_RSA_DQ, dq, sizeof dq, &dql);
    rsa_export(gen, FIPS140_RSA_QINV, qi, sizeof qi, &qil);
    fips140_rsa_key_free(gen);
    /* n and e are the public key. The private components stay secret, as exported; their lengths (minimal
     * encodings) are treated as public, like the modulus length. */
    PUBLIC(n, nl);
    PUBLIC(e, el);
    CHECK_OK(fips140_rsa_key_set_public(pub, n, nl, e, el), "rsa set public");
    CHECK_OK(public_status(fips140_rsa_key_set_private(priv, n, nl, e, el, d, dl, p, pl, q, ql, dp, dpl, dq, dql,
                                                       qi, qil)),
             "rsa set private");

    rbg_secret = 1;
    CHECK_OK(public_status(fips140_rsa_sign_pkcs1v15(priv, FIPS140_SHA256, digest, sizeof digest, sig, nl)),
             "rsa pkcs1 sign");
    rbg_secret = 0;
    PUBLIC(sig, nl);
    CHECK_OK(fips140_rsa_verify_pkcs1v15(pub, FIPS140_SHA256, digest, sizeof digest, sig, nl), "rsa pkcs1 verify");

    rbg_secret = 1;
    CHECK_OK(public_status(fips140_rsa_sign_pss(priv, FIPS140_SHA256, FIPS140_SHA256, 32, digest, sizeof digest,
                                                sig, nl)),
             "rsa pss sign");
    rbg_secret = 0;
    PUBLIC(sig, nl);
    CHECK_OK(fips140_rsa_verify_pss(pub, FIPS140_SHA256, FIPS140_SHA256, 32, digest, sizeof digest, sig, nl),
             "rsa pss verify");

    /* OAEP: the message is secret until it is decrypted and declassified by the test. */
    tu_fill(r, msg, sizeof msg);
    CHECK_OK(fips140_rsa_encrypt_oaep(pub, FIPS140_SHA256, FIPS140_SHA256, NULL, 0, msg, sizeof msg, ct, nl),
             "rsa oaep encrypt");
    rbg_secret = 1;
    CHECK_OK(public_status(fips140_rsa_decrypt_oaep(priv, FIPS140_SHA256, FIPS140_SHA256, NULL, 0, ct, nl, pt,
                                                    sizeof pt, &ptl)),
             "rsa oaep decrypt");
    rbg_secret = 0;
    PUBLIC(&ptl, sizeof ptl);
    PUBLIC(pt, sizeof pt);
    CHECK(ptl == sizeof msg, "rsa oaep length %zu", ptl);
    CHECK_MEM(pt, msg, sizeof msg, "rsa oaep round trip");
    ct[nl / 2] ^= 1; /* a corrupted ciphertext: the same single error, decided in constant time */
    rbg_secret = 1;
    CHECK_ST(public_status(fips140_rsa_decrypt_oaep(priv, FIPS140_SHA256, FIPS140_SHA256, NULL, 0, ct, nl, pt,
                                                    sizeof pt, &ptl)),
             FIPS140_ERR_AUTH, "rsa oaep corrupted");
    rbg_secret = 0;
    fips140_rsa_key_free(priv);
    fips140_rsa_key_free(pub);
}

int main(void)
{
    tu_rng r = {0xc7c7c7};
    uint8_t warm[32];
    /* Everything that runs once on public constants, before any secret exists: the CASTs and the first RBG
     * request (this thread's DRBG instantiation). */
    CHECK_OK(fips140_selftest_run_all(NULL, NULL), "self-tests");
    CHECK_OK(fips140_rand_bytes(warm, sizeof warm), "rand warm-up");
    rbg_probe();

    int curves = 0;
    for (int c = 1; c < 16; c++)
        if (fips140_ec_scalar_size((fips140_ec_curve)c) != 0) {
            test_ec_curve((fips140_ec_curve)c, &r);
            curves++;
        }
    CHECK(curves >= 2 && fips140_ec_scalar_size(FIPS140_EC_P256) != 0 && fips140_ec_scalar_size(FIPS140_EC_P384) != 0,
          "EC curves found: %d", curves);
    test_ed25519(&r);
    test_gcm(&r);
    test_aes_modes(&r);
    test_kdfs(&r);
    test_hmac_drbg(&r);
    test_ffdh(&r);
    test_rsa(&r);
    printf("ct_test: %s valgrind, CPU features 0x%x, %d EC curves\n", RUNNING_ON_VALGRIND ? "under" : "not under",
           (unsigned)fips140_cpu_features(), curves);
    return tu_done();
}
