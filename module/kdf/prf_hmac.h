/* module/kdf/prf_hmac.h - HMAC (FIPS 198-1) as the PRF inside the TLS 1.2 PRF, the TLS 1.3 HKDF steps and PBKDF2:
 * keyed once (the states after K0 ^ ipad and K0 ^ opad are kept), then any number of messages, with no service
 * gate and no indicator (the calling KDF service gates once and sets the indicator for the whole derivation; its
 * CAST covers the HMAC it uses). Any key length is accepted here: the KDF decides what is approved.
 * Internal to module/kdf (tls12_prf.c, tls13_kdf.c, pbkdf2.c, pbkdf2_fast.c). */
#ifndef FIPS140_KDF_PRF_HMAC_H
#define FIPS140_KDF_PRF_HMAC_H

#include <stddef.h>
#include <stdint.h>
#include <fips140/hash.h>

/* prf_hmac - a keyed HMAC: ik / ok are the hash states right after absorbing K0 ^ ipad / K0 ^ opad (one block
 * each, FIPS 198-1 §4 steps 4-5 and 7-8); cur is the running inner hash of the current message. */
typedef struct prf_hmac {
    uint32_t alg;    /* fips140_hash_alg */
    uint32_t dlen;   /* digest size L */
    uint32_t block;  /* input block B (SHA-1/2) or rate (SHA-3) */
    fips140_hash_ctx ik, ok, cur;
} prf_hmac;

/* prf_hmac_alg_ok - 1 for a fixed-length SHA-1, SHA-2 or SHA-3 hash (not SHAKE). */
int prf_hmac_alg_ok(uint32_t alg);

/* prf_hmac_key - key h with key[0..keylen) for alg (prf_hmac_alg_ok must hold). FIPS 198-1 §4 steps 1-5, 7-8. */
void prf_hmac_key(prf_hmac *h, uint32_t alg, const uint8_t *key, size_t keylen);
/* prf_hmac_start / prf_hmac_update - begin a message (step 6: text appended to K0 ^ ipad) and absorb its bytes. */
void prf_hmac_start(prf_hmac *h);
void prf_hmac_update(prf_hmac *h, const uint8_t *p, size_t n);
/* prf_hmac_finish - steps 6-9: out receives the full dlen-byte MAC of the message; h stays keyed. */
void prf_hmac_finish(prf_hmac *h, uint8_t *out);
/* prf_hmac_wipe - zeroise h (key material included). */
void prf_hmac_wipe(prf_hmac *h);

/* prf_hmac_iterate - PBKDF2's inner loop (SP 800-132 §5.3 step 4; RFC 8018 §5.2 F): u holds U_1 and t holds
 * T = U_1 on entry; runs U_j = HMAC(P, U_{j-1}) for j = 2..c and leaves T = U_1 ^ ... ^ U_c in t (dlen bytes).
 * SHA-1 and SHA-2 run two compression-function calls per iteration on pre-padded blocks (pbkdf2_fast.c); SHA-3
 * goes through the generic hash front. */
void prf_hmac_iterate(const prf_hmac *h, uint8_t *t, const uint8_t *u, uint64_t c);

#endif
