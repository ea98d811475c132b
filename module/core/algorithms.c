/* module/core/algorithms.c - the module's service table (name and approval status) for `fips140 info` and the
 * security policy, and the per-family implementation names chosen by run-time dispatch. */
#include <string.h>
#include "internal.h"

typedef struct algorithm_entry {
    const char *name;
    int approved; /* 1: approved service (FIPS 140-3 IG 2.4.C); conditions are enforced per call */
} algorithm_entry;

static const algorithm_entry algorithms[] = {
    {"SHA-1 (hashing; not for signatures)", 1},
    {"SHA2-224", 1}, {"SHA2-256", 1}, {"SHA2-384", 1}, {"SHA2-512", 1},
    {"SHA2-512/224", 1}, {"SHA2-512/256", 1},
    {"SHA3-224", 1}, {"SHA3-256", 1}, {"SHA3-384", 1}, {"SHA3-512", 1},
    {"SHAKE-128", 1}, {"SHAKE-256", 1},
    {"HMAC-SHA-1, HMAC-SHA2-*, HMAC-SHA3-* (key >= 112 bits)", 1},
    {"HMAC with key < 112 bits", 0},
    {"ACVP-AES-ECB (128/192/256)", 1},
    {"ACVP-AES-CBC (128/192/256)", 1},
    {"ACVP-AES-CTR (128/192/256)", 1},
    {"ACVP-AES-GCM decryption (tag 32, 64, 96-128 bits)", 1},
    {"ACVP-AES-GCM encryption with a module-generated IV (SP 800-38D 8.2.2)", 1},
    {"ACVP-AES-GCM encryption with a module-constructed IV (SP 800-38D 8.2.1 incl. TLS 1.2 RFC 5288; "
     "TLS 1.3 RFC 8446 5.3; IG C.H)", 1},
    {"ACVP-AES-GCM encryption with a caller-chosen IV", 0},
    {"ctrDRBG (AES-128/192/256, with and without df)", 1},
    {"hmacDRBG (SHA-1, SHA-2, SHA-3)", 1},
    {"hashDRBG (SHA-1, SHA-2, SHA-3)", 1},
    {"DRBG instantiated from caller-supplied entropy (testing interface)", 0},
    {"DRBG instance seeded by the module (fips140_drbg_instantiate_seeded: CTR, HMAC, Hash; SP 800-90B source)", 1},
    {"Random bit generation (fips140_rand_bytes: SP 800-90B source, SP 800-90A DRBG tree)", 1},
    {"ECDSA-KeyGen, ECDSA-KeyVer (P-224, P-256, P-384, P-521; FIPS 186-5)", 1},
    {"ECDSA-SigGen (P-224, P-256, P-384, P-521; random or RFC 6979 k; digest >= 224 bits)", 1},
    {"ECDSA-SigVer (P-224, P-256, P-384, P-521; digest >= 160 bits)", 1},
    {"ECDSA-SigGen with a digest < 224 bits", 0},
    {"KAS-ECC-SSC (P-224, P-256, P-384, P-521; SP 800-56A Rev. 3 ECC CDH)", 1},
    {"EDDSA-KeyGen (Ed25519; FIPS 186-5)", 1},
    {"EDDSA-SigGen, EDDSA-SigVer (Ed25519, Ed25519ph with context; FIPS 186-5)", 1},
    {"Ed25519ctx signature generation and verification (RFC 8032; not in FIPS 186-5)", 0},
    {"RSA-KeyGen (2048-8192 bits, 2^16 < e < 2^256; FIPS 186-5 A.1)", 1},
    {"RSA-SigGen, RSA-SigVer (PKCS#1 v1.5, PSS with MGF1 or SHAKE; >= 2048 bits; SHA-2, SHA-3, SHAKE)", 1},
    {"RSA-SigVer legacy (1024-2047-bit modulus or SHA-1 digest; SP 800-131A Rev. 2)", 0},
    {"KTS-IFC RSA-OAEP (>= 2048 bits; SHA-2, SHA-3; SP 800-56B Rev. 2)", 1},
    {"RSA-OAEP with SHA-1, RSA with e <= 2^16", 0},
    {"safePrimes-KeyGen, safePrimes-KeyVer (ffdhe2048-8192, MODP-2048-8192; SP 800-56A Rev. 3)", 1},
    {"KAS-FFC-SSC (ffdhe2048-8192, MODP-2048-8192; SP 800-56A Rev. 3 FFC DH)", 1},
    {"CMAC-AES (128/192/256; MAC >= 64 bits; SP 800-38B)", 1},
    {"CMAC-AES with a MAC shorter than 64 bits", 0},
    {"ACVP-AES-GMAC (128/192/256; caller IV; tag 32, 64, 96-128 bits; SP 800-38D)", 1},
    {"ACVP-AES-GMAC with a 40-56 or 72-88-bit tag", 0},
    {"ACVP-AES-CCM (128/192/256; nonce 56-104 bits; tag 64-128 bits; SP 800-38C)", 1},
    {"ACVP-AES-CCM with a 32- or 48-bit tag", 0},
    {"ACVP-AES-XTS (XTS-AES-128, XTS-AES-256; SP 800-38E, storage only; Key1 != Key2)", 1},
    {"ACVP-AES-KW (SP 800-38F KW, AES-128/192/256, cipher and inverse forward function)", 1},
    {"ACVP-AES-KWP (SP 800-38F KWP, AES-128/192/256, cipher and inverse forward function)", 1},
    {"KDA HKDF (SP 800-56C Rev. 2 two-step, RFC 5869; HMAC-SHA-1/SHA-2/SHA-3; IKM and output >= 112 bits)", 1},
    {"KDA OneStep (SP 800-56C Rev. 2 4.1; SHA-1/SHA-2/SHA-3 or HMAC of them; Z and output >= 112 bits)", 1},
    {"HKDF / one-step KDF with a secret input or output < 112 bits", 0},
    {"KDF SP 800-108 Rev. 1 (counter, feedback, double-pipeline; HMAC-SHA-1/SHA-2/SHA-3, CMAC-AES; key >= 112 bits)", 1},
    {"KDF SP 800-108 with a key < 112 bits", 0},
    {"kdf-components ANSI X9.63 (SHA-2, SHA-3; SP 800-135 Rev. 1 4.1)", 1},
    {"kdf-components ANSI X9.63 with SHA-1", 0},
    {"kdf-components SSH (SHA-1, SHA2-224/256/384/512; SP 800-135 Rev. 1 5.2)", 1},
    {"kdf-components SSH with SHA-512/224, SHA-512/256 or SHA-3", 0},
    {"TLS-v1.2-KDF (RFC 7627 extended master secret, key block; SHA2-256/384/512; SP 800-135 Rev. 1 4.2)", 1},
    {"TLS 1.2 master secret without the extended master secret (FIPS 140-3 IG D.Q)", 0},
    {"TLS-v1.3-KDF (RFC 8446 7.1: HKDF-Extract, HKDF-Expand-Label, Derive-Secret, key schedule; SHA2-256/384)", 1},
    {"TLS 1.3 KDF with SHA-1, SHA2-224, SHA2-512, SHA2-512/t or SHA-3", 0},
    {"PBKDF (PBKDF2-HMAC-SHA-1/SHA-2/SHA-3; salt >= 128 bits, >= 1000 iterations, key >= 112 bits; SP 800-132)", 1},
    {"PBKDF2 with a shorter salt, fewer iterations or a shorter key", 0},
};
#define ALGORITHM_COUNT (sizeof algorithms / sizeof algorithms[0])

size_t fips140_algorithm_count(void) { return ALGORITHM_COUNT; }
const char *fips140_algorithm_name(size_t index) { return index < ALGORITHM_COUNT ? algorithms[index].name : NULL; }
int fips140_algorithm_approved(size_t index) { return index < ALGORITHM_COUNT ? algorithms[index].approved : 0; }

const char *fips140_impl_name(const char *family)
{
    if (family == NULL) return NULL;
    if (strcmp(family, "sha1") == 0) return fips140_sha1_impl();
    if (strcmp(family, "sha256") == 0) return fips140_sha256_impl();
    if (strcmp(family, "sha512") == 0) return fips140_sha512_impl();
    if (strcmp(family, "keccak") == 0) return fips140_keccak_impl();
    if (strcmp(family, "aes") == 0) return fips140_aes_impl();
    if (strcmp(family, "ghash") == 0) return fips140_ghash_impl();
    return NULL;
}
