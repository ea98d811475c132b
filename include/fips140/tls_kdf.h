/* fips140/tls_kdf.h - the TLS key derivation functions: the TLS 1.2 PRF (RFC 5246 §5; SP 800-135 Rev. 1 §4.2) with
 * the master secret, the extended master secret (RFC 7627 §4) and the key block (RFC 5246 §6.3), and the TLS 1.3
 * key schedule (RFC 8446 §7.1: HKDF-Extract, HKDF-Expand-Label, Derive-Secret, and every secret of the schedule).
 *
 * TLS 1.0/1.1's PRF (MD5 and SHA-1 halves) is not provided.
 *
 * Conventions. alg selects the hash; outputs are written in full or not at all; secrets are wiped inside the module.
 * Service indicator:
 *  - TLS 1.2: APPROVED for SHA2-256, SHA2-384 and SHA2-512 (SP 800-135 Rev. 1 §4.2.2), except a master secret
 *    derived WITHOUT the extended master secret (label "master secret"): FIPS 140-3 IG D.Q requires RFC 7627's
 *    extended master secret, so that call is NOT_APPROVED (refused in FIPS140=only mode). Other SHA-2 and SHA-1,
 *    SHA-3 are rejected with FIPS140_ERR_ARG (no TLS 1.2 cipher suite uses them).
 *  - TLS 1.3: APPROVED for SHA2-256 and SHA2-384 (the hashes of RFC 8446's cipher suites, as ACVP's TLS-v1.3-KDF
 *    tests them); any other fixed-length SHA-1/SHA-2/SHA-3 hash is computed with NOT_APPROVED (refused in
 *    FIPS140=only mode, fips140_last_refusal() names the rule). SHAKE: FIPS140_ERR_ARG.
 *
 * OpenSSL provider mapping: "TLS1-PRF" (secret, seed = label || seeds) is fips140_tls12_prf() with the label left
 * empty and the whole seed passed as seed; "TLS13-KDF" EXTRACT_ONLY is fips140_tls13_extract() (preceded, when a
 * previous secret is given, by fips140_tls13_derive_secret(prev, "derived", Hash(""))), EXPAND_ONLY is
 * fips140_tls13_expand_label_prefix() with the provider's prefix, label and data. */
#ifndef FIPS140_TLS_KDF_H
#define FIPS140_TLS_KDF_H

#include <stddef.h>
#include <stdint.h>
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- TLS 1.2 (RFC 5246, RFC 7627, SP 800-135 Rev. 1 §4.2) ---- */

#define FIPS140_TLS12_MASTER_SECRET_LEN 48u /* RFC 5246 §8.1 */
#define FIPS140_TLS12_RANDOM_LEN 32u        /* RFC 5246 §7.4.1.2: ClientHello.random / ServerHello.random */

/* fips140_tls12_prf - PRF(secret, label, seed) = P_<hash>(secret, label || seed), the first outlen bytes
 * (RFC 5246 §5). alg: FIPS140_SHA256, FIPS140_SHA384 or FIPS140_SHA512. label and seed are concatenated, so a caller
 * holding "label || seed" in one buffer (OpenSSL's TLS1-PRF) passes labellen = 0. 1 <= outlen <= 2^30 bytes
 * (FIPS140_ERR_OUTPUT_LENGTH otherwise); secret, label and seed may be empty. When label || seed starts with
 * "master secret", the call is a master-secret derivation without the extended master secret: NOT_APPROVED. */
FIPS140_API fips140_status fips140_tls12_prf(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *secret,
                                             size_t secretlen, const uint8_t *label, size_t labellen,
                                             const uint8_t *seed, size_t seedlen) FIPS140_MUST_CHECK;

/* fips140_tls12_master_secret - master_secret = PRF(pre_master_secret, "master secret", ClientHello.random ||
 * ServerHello.random)[0..47] (RFC 5246 §8.1). Not approved (FIPS 140-3 IG D.Q): use the extended master secret. */
FIPS140_API fips140_status fips140_tls12_master_secret(fips140_hash_alg alg, uint8_t ms[FIPS140_TLS12_MASTER_SECRET_LEN],
                                                       const uint8_t *pms, size_t pmslen,
                                                       const uint8_t client_random[FIPS140_TLS12_RANDOM_LEN],
                                                       const uint8_t server_random[FIPS140_TLS12_RANDOM_LEN]) FIPS140_MUST_CHECK;

/* fips140_tls12_extended_master_secret - master_secret = PRF(pre_master_secret, "extended master secret",
 * session_hash)[0..47] (RFC 7627 §4). session_hash is the handshake hash (1 to 64 bytes; FIPS140_ERR_DATA_LENGTH
 * otherwise). */
FIPS140_API fips140_status fips140_tls12_extended_master_secret(fips140_hash_alg alg,
                                                                uint8_t ms[FIPS140_TLS12_MASTER_SECRET_LEN],
                                                                const uint8_t *pms, size_t pmslen,
                                                                const uint8_t *session_hash,
                                                                size_t hashlen) FIPS140_MUST_CHECK;

/* fips140_tls12_key_block - key_block = PRF(master_secret, "key expansion", server_random || client_random), the
 * first outlen bytes (RFC 5246 §6.3); ms is the 48-byte master secret. 1 <= outlen <= 2^30. */
FIPS140_API fips140_status fips140_tls12_key_block(fips140_hash_alg alg, uint8_t *out, size_t outlen,
                                                   const uint8_t ms[FIPS140_TLS12_MASTER_SECRET_LEN],
                                                   const uint8_t server_random[FIPS140_TLS12_RANDOM_LEN],
                                                   const uint8_t client_random[FIPS140_TLS12_RANDOM_LEN]) FIPS140_MUST_CHECK;

/* ---- TLS 1.3 (RFC 8446 §7.1) ---- */

/* fips140_tls13_extract - HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 §2.2): prk receives HashLen
 * bytes (fips140_hash_digest_size(alg)). An empty salt means HashLen zero bytes (RFC 5869); RFC 8446's "0" inputs
 * (no PSK, no (EC)DHE) are HashLen zero bytes the caller passes as ikm. */
FIPS140_API fips140_status fips140_tls13_extract(fips140_hash_alg alg, uint8_t *prk, const uint8_t *salt,
                                                 size_t saltlen, const uint8_t *ikm, size_t ikmlen) FIPS140_MUST_CHECK;

/* fips140_tls13_expand_label - HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret,
 * HkdfLabel, Length) with HkdfLabel = uint16 Length || opaque label<7..255> = "tls13 " || Label ||
 * opaque context<0..255> = Context (RFC 8446 §7.1). 1 <= outlen <= min(255 * HashLen, 65535); labellen <= 249;
 * contextlen <= 255 (FIPS140_ERR_OUTPUT_LENGTH / FIPS140_ERR_DATA_LENGTH otherwise). An empty secret (secretlen = 0,
 * secret may be NULL) is served NOT_APPROVED (refused in FIPS140=only mode): every secret of the schedule is HashLen. */
FIPS140_API fips140_status fips140_tls13_expand_label(fips140_hash_alg alg, uint8_t *out, size_t outlen,
                                                      const uint8_t *secret, size_t secretlen, const char *label,
                                                      size_t labellen, const uint8_t *context,
                                                      size_t contextlen) FIPS140_MUST_CHECK;

/* fips140_tls13_expand_label_prefix - HKDF-Expand-Label with an explicit label prefix instead of "tls13 " (OpenSSL's
 * TLS13-KDF "prefix": "tls13 " for TLS 1.3 and QUIC, "dtls13" for DTLS 1.3). prefixlen + labellen <= 255. */
FIPS140_API fips140_status fips140_tls13_expand_label_prefix(fips140_hash_alg alg, uint8_t *out, size_t outlen,
                                                             const uint8_t *secret, size_t secretlen,
                                                             const uint8_t *prefix, size_t prefixlen,
                                                             const uint8_t *label, size_t labellen,
                                                             const uint8_t *context,
                                                             size_t contextlen) FIPS140_MUST_CHECK;

/* fips140_tls13_derive_secret - Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label,
 * Transcript-Hash(Messages), HashLen) (RFC 8446 §7.1), given the transcript hash (exactly HashLen bytes;
 * FIPS140_ERR_DATA_LENGTH otherwise). out receives HashLen bytes. For "derived" and the binder keys the transcript
 * hash is Hash("") (the empty transcript). */
FIPS140_API fips140_status fips140_tls13_derive_secret(fips140_hash_alg alg, uint8_t *out, const uint8_t *secret,
                                                       size_t secretlen, const char *label, size_t labellen,
                                                       const uint8_t *transcript_hash,
                                                       size_t hashlen) FIPS140_MUST_CHECK;

/* fips140_tls13_schedule_in - the inputs of the whole RFC 8446 §7.1 schedule. psk / dhe: NULL (with length 0) when
 * not in use, and HashLen zero bytes are used instead ("PSK" mode: dhe NULL; "DHE" mode: psk NULL; "PSK-DHE":
 * both). The four transcript hashes are HashLen bytes each, Transcript-Hash of:
 *   ch_hash  ClientHello                              (client_early_traffic_secret, early_exporter_master_secret)
 *   sh_hash  ClientHello...ServerHello                (client/server_handshake_traffic_secret)
 *   sf_hash  ClientHello...server Finished            (client/server_application_traffic_secret_0,
 *                                                      exporter_master_secret)
 *   cf_hash  ClientHello...client Finished            (resumption_master_secret) */
typedef struct fips140_tls13_schedule_in {
    const uint8_t *psk;
    size_t psklen;
    const uint8_t *dhe;
    size_t dhelen;
    const uint8_t *ch_hash, *sh_hash, *sf_hash, *cf_hash;
} fips140_tls13_schedule_in;

/* fips140_tls13_schedule_out - every secret of the schedule, HashLen bytes each (hashlen). The caller wipes it. */
typedef struct fips140_tls13_schedule_out {
    size_t hashlen;
    uint8_t early_secret[FIPS140_HASH_MAX_DIGEST];
    uint8_t binder_key_ext[FIPS140_HASH_MAX_DIGEST];              /* Derive-Secret(ES, "ext binder", "") */
    uint8_t binder_key_res[FIPS140_HASH_MAX_DIGEST];              /* Derive-Secret(ES, "res binder", "") */
    uint8_t client_early_traffic_secret[FIPS140_HASH_MAX_DIGEST]; /* "c e traffic", ClientHello */
    uint8_t early_exporter_master_secret[FIPS140_HASH_MAX_DIGEST]; /* "e exp master", ClientHello */
    uint8_t handshake_secret[FIPS140_HASH_MAX_DIGEST];
    uint8_t client_handshake_traffic_secret[FIPS140_HASH_MAX_DIGEST]; /* "c hs traffic" */
    uint8_t server_handshake_traffic_secret[FIPS140_HASH_MAX_DIGEST]; /* "s hs traffic" */
    uint8_t master_secret[FIPS140_HASH_MAX_DIGEST];
    uint8_t client_application_traffic_secret[FIPS140_HASH_MAX_DIGEST]; /* "c ap traffic" */
    uint8_t server_application_traffic_secret[FIPS140_HASH_MAX_DIGEST]; /* "s ap traffic" */
    uint8_t exporter_master_secret[FIPS140_HASH_MAX_DIGEST];            /* "exp master" */
    uint8_t resumption_master_secret[FIPS140_HASH_MAX_DIGEST];          /* "res master" */
} fips140_tls13_schedule_out;

/* fips140_tls13_key_schedule - run the whole RFC 8446 §7.1 key schedule:
 *   Early Secret = HKDF-Extract(0, PSK); binder keys, c e traffic, e exp master;
 *   Handshake Secret = HKDF-Extract(Derive-Secret(ES, "derived", ""), (EC)DHE); c hs traffic, s hs traffic;
 *   Master Secret = HKDF-Extract(Derive-Secret(HS, "derived", ""), 0); c ap traffic, s ap traffic, exp master,
 *   res master.
 * psklen and dhelen: 1 to 1024 bytes when given (FIPS140_ERR_KEY_LENGTH otherwise). out is written only on
 * success. */
FIPS140_API fips140_status fips140_tls13_key_schedule(fips140_hash_alg alg, fips140_tls13_schedule_out *out,
                                                      const fips140_tls13_schedule_in *in) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
