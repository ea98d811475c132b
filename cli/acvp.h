/* cli/acvp.h - what the `fips140 acvp` harness (cmd_acvp.c) shares with its per-family handlers
 * (acvp_sha.c, acvp_shake.c, acvp_hmac.c, acvp_aes.c) and helpers (acvp_util.c).
 *
 * A vector set is answered test by test: for every test case of every group, the family's test function
 * reads the inputs (test fields first, then group fields) and adds the answer fields to the response object
 * that already holds "tcId". Field names follow the ACVP sub-specifications (usnistgov/ACVP src/sha,
 * src/sha3, src/hmac, src/symmetric). */
#ifndef FIPS140_CLI_ACVP_H
#define FIPS140_CLI_ACVP_H

#include <stddef.h>
#include <stdint.h>
#include "json.h"

/* acvp_set - the vector set being answered. */
typedef struct acvp_set {
    const char *path;       /* file name, for messages */
    const char *algorithm;  /* "SHA2-256", "ACVP-AES-ECB"... */
    const char *mode;       /* may be NULL */
    const char *revision;   /* "1.0", "2.0", "FIPS202" */
    int skip_ldt;           /* FIPS140_ACVP_SKIP_LDT=1: omit large data tests */
    int alg;                /* family-specific selector (fips140_hash_alg, AES mode...) */
} acvp_set;

/* acvp_case - one test case being answered: its group and test objects and their ids. */
typedef struct acvp_case {
    const acvp_set *set;
    const json_value *group, *test;
    long long tgid, tcid;
    /* The response group object ({"tgId", "tests"}): a handler adds group-level answers here, such as the key
     * pair the IUT generated for an ECDSA or RSA sigGen group (set them once: test json_get(group_out, key)). */
    json_value *group_out;
} acvp_case;

/* Return values of a family's test function. */
#define ACVP_OK 0    /* answer fields added */
#define ACVP_FAIL 1  /* bad input or module failure: a message naming tgId/tcId is on stderr */
#define ACVP_SKIP 2  /* omit this test from the response (skipped LDT) */

/* acvp_family - a handler: match() returns 1 and sets set->alg when it answers (algorithm, mode, revision);
 * run() answers one test case into out. */
typedef struct acvp_family {
    const char *name;
    int (*match)(acvp_set *set);
    int (*run)(const acvp_case *c, json_value *out);
} acvp_family;

extern const acvp_family acvp_family_sha;   /* SHA-1, SHA2-*, SHA3-*: AFT, MCT, LDT */
extern const acvp_family acvp_family_shake; /* SHAKE-128/256: AFT, VOT, MCT */
extern const acvp_family acvp_family_hmac;  /* HMAC-SHA-1, HMAC-SHA2-*, HMAC-SHA3-*: AFT */
extern const acvp_family acvp_family_aes;   /* ACVP-AES-ECB/CBC/CTR/GCM */
extern const acvp_family acvp_family_drbg;  /* ctrDRBG, hashDRBG, hmacDRBG: AFT */
extern const acvp_family acvp_family_eddsa; /* EDDSA keyGen, sigGen, sigVer (ED-25519) */
extern const acvp_family acvp_family_ecdsa;      /* ECDSA keyGen, keyVer, sigGen, sigVer FIPS186-5 (acvp_ecdsa.c) */
extern const acvp_family acvp_family_kas_ecc;    /* KAS-ECC-SSC Sp800-56Ar3 (acvp_kas_ecc.c) */
extern const acvp_family acvp_family_rsa_keygen; /* RSA keyGen FIPS186-5 (acvp_rsa_keygen.c) */
extern const acvp_family acvp_family_rsa_sig;    /* RSA sigGen, sigVer FIPS186-5 (acvp_rsa_sig.c) */
extern const acvp_family acvp_family_cmac;       /* CMAC-AES 1.0 (acvp_cmac.c) */
extern const acvp_family acvp_family_ccm;        /* ACVP-AES-CCM 1.0, ACVP-AES-GMAC (acvp_ccm.c) */
extern const acvp_family acvp_family_xts;        /* ACVP-AES-XTS 1.0, 2.0 (acvp_xts.c) */
extern const acvp_family acvp_family_kw;         /* ACVP-AES-KW, ACVP-AES-KWP 1.0 (acvp_kw.c) */
extern const acvp_family acvp_family_hkdf;       /* HKDF 1.0 (acvp_hkdf.c) */
extern const acvp_family acvp_family_kda;        /* KDA HKDF, OneStep Sp800-56Cr2 (acvp_kda.c) */
extern const acvp_family acvp_family_kbkdf;      /* KDF 1.0, SP 800-108 (acvp_kbkdf.c) */
extern const acvp_family acvp_family_kdf135;     /* kdf-components ansix9.63, ssh (acvp_kdf135.c) */
extern const acvp_family acvp_family_tls_kdf;    /* kdf-components tls, TLS-v1.2 KDF RFC7627, TLS-v1.3 KDF RFC8446 (acvp_tls_kdf.c) */
extern const acvp_family acvp_family_pbkdf;      /* PBKDF 1.0 (acvp_pbkdf.c) */

/* ---- helpers (acvp_util.c) */

/* acvp_fail - print "fips140 acvp: FILE: tgId N, tcId M: <message>" and return ACVP_FAIL. */
int acvp_fail(const acvp_case *c, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* acvp_field - the test's field named key, else the group's (NULL if neither has it). */
const json_value *acvp_field(const acvp_case *c, const char *key);
/* acvp_str - string field (test, then group); NULL and a message when missing and required. */
const char *acvp_str(const acvp_case *c, const char *key, int required);
/* acvp_int - integer field (test, then group) into *out; numbers given as decimal strings are accepted.
 * Returns 1 found, 0 absent (no message), -1 present but not a non-negative integer (message printed). */
int acvp_int(const acvp_case *c, const char *key, long long *out);
/* acvp_need_int - like acvp_int but a missing field is an error too; returns 1 or ACVP_FAIL-style 0. */
int acvp_need_int(const acvp_case *c, const char *key, long long *out);
/* acvp_hex - decode the hex field key (test, then group) into a malloc'd buffer; prints a message and
 * returns NULL when missing or invalid. */
uint8_t *acvp_hex(const acvp_case *c, const char *key, size_t *len);
/* acvp_hex_bits - a hex field with a bit length given by the field lenkey (if absent: 8 × bytes). Checks
 * that the hex holds at least ceil(bits/8) bytes; *nbytes = ceil(bits/8). */
uint8_t *acvp_hex_bits(const acvp_case *c, const char *key, const char *lenkey, size_t *nbytes,
                       unsigned long long *bits);
/* acvp_status - report a failing module call: message with its fips140_status string. */
int acvp_status(const acvp_case *c, const char *what, int status);
/* acvp_is_type - 1 when the group's testType equals t. */
int acvp_is_type(const acvp_case *c, const char *t);
/* acvp_bad_type - report a missing or unsupported testType; returns ACVP_FAIL. */
int acvp_bad_type(const acvp_case *c);

/* ---- elliptic curves (acvp_ecdsa.c, shared with acvp_kas_ecc.c) */

/* acvp_ec_curve - the fips140_ec_curve of an ACVP curve name ("P-224" .. "P-521"), 0 if not implemented. */
int acvp_ec_curve(const char *name);
/* acvp_ec_unsupported - 1 for a binary curve (B-*, K-*; not implemented), with one stderr note per group. */
int acvp_ec_unsupported(const acvp_case *c, const char *curve);
/* acvp_hex_int - the hex field key as a big-endian integer of exactly len bytes (leading zeros added or dropped);
 * *fits = 0 when the value needs more than len bytes (out is then zero). Returns 0 (message printed) on bad hex. */
int acvp_hex_int(const acvp_case *c, const char *key, uint8_t *out, size_t len, int *fits);

/* ---- hashing with bit lengths (acvp_sha.c) */

/* acvp_hash_bits - digest of the bit string msg[0..bits) (MSB-first final partial byte) with alg, outlen
 * bytes of output (any length for SHAKE). Returns a fips140_status. */
int acvp_hash_bits(int alg, const uint8_t *msg, unsigned long long bits, uint8_t *out, size_t outlen);
/* acvp_hash_ldt - answer a large data test ("largeMsg") for hash alg into out ("md"). */
int acvp_hash_ldt(const acvp_case *c, int alg, size_t outlen, json_value *out);

/* ---- AES (acvp_aes.c, acvp_aes_mct.c, acvp_gcm.c); set->alg is one of: */
enum { ACVP_AES_ECB = 1, ACVP_AES_CBC, ACVP_AES_CTR, ACVP_AES_GCM };

/* acvp_aes_direction - the group's "direction" into *encrypt (1 encrypt, 0 decrypt); 0 and a message if bad. */
int acvp_aes_direction(const acvp_case *c, int *encrypt);
/* acvp_aes_key - the test's "key" (16, 24 or 32 bytes) or NULL and a message. */
uint8_t *acvp_aes_key(const acvp_case *c, size_t *klen);
/* acvp_aes_mct - ECB / CBC Monte Carlo test (ACVP symmetric spec §AES-ECB-MCT, §AES-CBC-MCT) from the
 * initial key and text (pt to encrypt, ct to decrypt); adds "resultsArray". */
int acvp_aes_mct(const acvp_case *c, int encrypt, const uint8_t *key, size_t klen, const uint8_t *text,
                 size_t len, json_value *out);
/* acvp_gcm_run - one ACVP-AES-GCM test case (AFT, encrypt or decrypt). */
int acvp_gcm_run(const acvp_case *c, json_value *out);

#endif
