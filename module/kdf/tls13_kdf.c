/* module/kdf/tls13_kdf.c - the TLS 1.3 key schedule (RFC 8446 §7.1, August 2018): HKDF-Extract and HKDF-Expand
 * (RFC 5869 §2.2, §2.3), HKDF-Expand-Label with its HkdfLabel structure, Derive-Secret, and the whole schedule from
 * the PSK and (EC)DHE inputs and the transcript hashes. HKDF is SP 800-56C Rev. 2's two-step KDF; its use in TLS 1.3
 * is approved with the cipher-suite hashes SHA2-256 and SHA2-384 (ACVP TLS-v1.3-KDF RFC8446).
 * Public API: include/fips140/tls_kdf.h. HMAC: prf_hmac.h. */
#include <string.h>
#include "../core/internal.h"
#include "../hash/hash_internal.h"
#include "prf_hmac.h"

#define TLS13_MAX_SECRET_INPUT 1024u /* bytes of PSK or (EC)DHE shared secret accepted by the schedule */

static const uint8_t tls13_prefix[] = "tls13 "; /* RFC 8446 §7.1 HkdfLabel */
#define TLS13_PREFIX_LEN (sizeof tls13_prefix - 1)

/* tls13_approved - RFC 8446 §B.4: the cipher suites' hashes are SHA-256 and SHA-384. */
static int tls13_approved(fips140_hash_alg alg)
{
    return alg == FIPS140_SHA256 || alg == FIPS140_SHA384;
}

/* tls13_begin - the gate, the hash check and the FIPS140=only refusal shared by every TLS 1.3 service. */
static fips140_status tls13_begin(fips140_hash_alg alg)
{
    fips140_status st = fips140_service_begin(CAST_TLS13_KDF);
    if (st != FIPS140_OK)
        return st;
    if (!prf_hmac_alg_ok((uint32_t)alg))
        return FIPS140_ERR_ARG;
    return FIPS140_OK;
}

static fips140_status tls13_refuse_check(fips140_hash_alg alg)
{
    if (!tls13_approved(alg) && fips140_refuse_unapproved())
        return fips140_refuse("RFC 8446 B.4: TLS 1.3 KDF with a hash other than SHA2-256 or SHA2-384");
    return FIPS140_OK;
}

/* extract - RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM). An empty salt and HashLen zero bytes give the same HMAC key
 * K0 (FIPS 198-1 §4 pads the key with zeros), so RFC 5869's default salt needs no special case. */
static void extract(fips140_hash_alg alg, uint8_t *prk, const uint8_t *salt, size_t saltlen, const uint8_t *ikm,
                    size_t ikmlen)
{
    prf_hmac h;
    prf_hmac_key(&h, (uint32_t)alg, salt, saltlen);
    prf_hmac_start(&h);
    prf_hmac_update(&h, ikm, ikmlen);
    prf_hmac_finish(&h, prk);
    prf_hmac_wipe(&h);
}

/* expand_label - RFC 8446 §7.1: HKDF-Expand(Secret, HkdfLabel, Length) with
 *   struct { uint16 length; opaque label<7..255> = prefix || Label; opaque context<0..255>; } HkdfLabel;
 * and RFC 5869 §2.3: T(i) = HMAC(PRK, T(i-1) || info || i), OKM = first L bytes of T(1) || T(2) || ...
 * Lengths are checked by the callers (outlen <= 255 * HashLen and <= 65535, plen + llen <= 255, clen <= 255). */
static void expand_label(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *secret, size_t secretlen,
                         const uint8_t *prefix, size_t plen, const uint8_t *label, size_t llen, const uint8_t *ctx,
                         size_t clen)
{
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t n = 0;
    info[n++] = (uint8_t)(outlen >> 8);
    info[n++] = (uint8_t)outlen;
    info[n++] = (uint8_t)(plen + llen);
    if (plen) memcpy(info + n, prefix, plen);
    n += plen;
    if (llen) memcpy(info + n, label, llen);
    n += llen;
    info[n++] = (uint8_t)clen;
    if (clen) memcpy(info + n, ctx, clen);
    n += clen;

    prf_hmac h;
    uint8_t t[FIPS140_HASH_MAX_DIGEST];
    prf_hmac_key(&h, (uint32_t)alg, secret, secretlen);
    size_t dlen = h.dlen;
    uint8_t i = 1;
    for (size_t done = 0; done < outlen; done += dlen, i++) {
        prf_hmac_start(&h);
        if (done != 0)
            prf_hmac_update(&h, t, dlen); /* T(i-1); T(0) is empty */
        prf_hmac_update(&h, info, n);
        prf_hmac_update(&h, &i, 1);
        prf_hmac_finish(&h, t);
        memcpy(out + done, t, outlen - done < dlen ? outlen - done : dlen);
    }
    prf_hmac_wipe(&h);
    fips140_wipe(t, sizeof t);
}

/* derive_secret - RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label,
 * Transcript-Hash(Messages), Hash.length), given the transcript hash th (HashLen bytes). */
static void derive_secret(fips140_hash_alg alg, uint8_t *out, const uint8_t *secret, size_t secretlen,
                          const char *label, const uint8_t *th)
{
    size_t dlen = fips140_hash_digest_size(alg);
    expand_label(alg, out, dlen, secret, secretlen, tls13_prefix, TLS13_PREFIX_LEN, (const uint8_t *)label,
                 strlen(label), th, dlen);
}

fips140_status fips140_tls13_extract(fips140_hash_alg alg, uint8_t *prk, const uint8_t *salt, size_t saltlen,
                                     const uint8_t *ikm, size_t ikmlen)
{
    fips140_status st = tls13_begin(alg);
    if (st != FIPS140_OK)
        return st;
    if (prk == NULL || (salt == NULL && saltlen != 0) || (ikm == NULL && ikmlen != 0))
        return FIPS140_ERR_NULL;
    if ((st = tls13_refuse_check(alg)) != FIPS140_OK)
        return st;
    extract(alg, prk, salt, saltlen, ikm, ikmlen);
    fips140_indicator_approved(tls13_approved(alg));
    return FIPS140_OK;
}

fips140_status fips140_tls13_expand_label_prefix(fips140_hash_alg alg, uint8_t *out, size_t outlen,
                                                 const uint8_t *secret, size_t secretlen, const uint8_t *prefix,
                                                 size_t prefixlen, const uint8_t *label, size_t labellen,
                                                 const uint8_t *context, size_t contextlen)
{
    fips140_status st = tls13_begin(alg);
    if (st != FIPS140_OK)
        return st;
    if (out == NULL || (secret == NULL && secretlen != 0) || (prefix == NULL && prefixlen != 0) ||
        (label == NULL && labellen != 0) || (context == NULL && contextlen != 0))
        return FIPS140_ERR_NULL;
    /* RFC 5869 §2.3: L <= 255 * HashLen; HkdfLabel.length is a uint16. */
    if (outlen == 0 || outlen > 255 * fips140_hash_digest_size(alg) || outlen > 0xffffu)
        return FIPS140_ERR_OUTPUT_LENGTH;
    if (prefixlen > 255 || labellen > 255 - prefixlen || contextlen > 255)
        return FIPS140_ERR_DATA_LENGTH;
    if ((st = tls13_refuse_check(alg)) != FIPS140_OK)
        return st;
    /* An empty secret is a valid HMAC key (FIPS 198-1 §4: K0 = zeros), as RFC 5869 HKDF-Expand allows, but it is no
     * key: served, NOT_APPROVED. Every secret of the RFC 8446 §7.1 schedule is HashLen bytes. */
    if (secretlen == 0 && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-56C Rev. 2 8, SP 800-131A Rev. 2: TLS 1.3 Expand-Label with an empty secret");
    expand_label(alg, out, outlen, secret, secretlen, prefix, prefixlen, label, labellen, context, contextlen);
    fips140_indicator_approved(tls13_approved(alg) && secretlen != 0);
    return FIPS140_OK;
}

fips140_status fips140_tls13_expand_label(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *secret,
                                          size_t secretlen, const char *label, size_t labellen,
                                          const uint8_t *context, size_t contextlen)
{
    return fips140_tls13_expand_label_prefix(alg, out, outlen, secret, secretlen, tls13_prefix, TLS13_PREFIX_LEN,
                                             (const uint8_t *)label, labellen, context, contextlen);
}

fips140_status fips140_tls13_derive_secret(fips140_hash_alg alg, uint8_t *out, const uint8_t *secret,
                                           size_t secretlen, const char *label, size_t labellen,
                                           const uint8_t *transcript_hash, size_t hashlen)
{
    fips140_status st = tls13_begin(alg);
    if (st != FIPS140_OK)
        return st;
    if (transcript_hash == NULL)
        return FIPS140_ERR_NULL;
    if (hashlen != fips140_hash_digest_size(alg))
        return FIPS140_ERR_DATA_LENGTH;
    return fips140_tls13_expand_label(alg, out, hashlen, secret, secretlen, label, labellen, transcript_hash,
                                      hashlen);
}

fips140_status fips140_tls13_key_schedule(fips140_hash_alg alg, fips140_tls13_schedule_out *out,
                                          const fips140_tls13_schedule_in *in)
{
    fips140_status st = tls13_begin(alg);
    if (st != FIPS140_OK)
        return st;
    if (out == NULL || in == NULL || in->ch_hash == NULL || in->sh_hash == NULL || in->sf_hash == NULL ||
        in->cf_hash == NULL || (in->psk == NULL && in->psklen != 0) || (in->dhe == NULL && in->dhelen != 0))
        return FIPS140_ERR_NULL;
    if ((in->psk != NULL && (in->psklen == 0 || in->psklen > TLS13_MAX_SECRET_INPUT)) ||
        (in->dhe != NULL && (in->dhelen == 0 || in->dhelen > TLS13_MAX_SECRET_INPUT)))
        return FIPS140_ERR_KEY_LENGTH;
    if ((st = tls13_refuse_check(alg)) != FIPS140_OK)
        return st;

    size_t d = fips140_hash_digest_size(alg);
    uint8_t zeros[FIPS140_HASH_MAX_DIGEST], empty_hash[FIPS140_HASH_MAX_DIGEST], derived[FIPS140_HASH_MAX_DIGEST];
    fips140_tls13_schedule_out r;
    fips140_hash_ctx hc;
    memset(zeros, 0, sizeof zeros);
    memset(&r, 0, sizeof r);
    r.hashlen = d;
    fips140_hash_setup_internal(&hc, (uint32_t)alg);
    fips140_hash_digest_internal(&hc, empty_hash); /* Transcript-Hash("") */

    /* Early Secret = HKDF-Extract(0, PSK), PSK = HashLen zeros when none is in use. */
    extract(alg, r.early_secret, zeros, d, in->psk ? in->psk : zeros, in->psk ? in->psklen : d);
    derive_secret(alg, r.binder_key_ext, r.early_secret, d, "ext binder", empty_hash);
    derive_secret(alg, r.binder_key_res, r.early_secret, d, "res binder", empty_hash);
    derive_secret(alg, r.client_early_traffic_secret, r.early_secret, d, "c e traffic", in->ch_hash);
    derive_secret(alg, r.early_exporter_master_secret, r.early_secret, d, "e exp master", in->ch_hash);
    /* Handshake Secret = HKDF-Extract(Derive-Secret(ES, "derived", ""), (EC)DHE) */
    derive_secret(alg, derived, r.early_secret, d, "derived", empty_hash);
    extract(alg, r.handshake_secret, derived, d, in->dhe ? in->dhe : zeros, in->dhe ? in->dhelen : d);
    derive_secret(alg, r.client_handshake_traffic_secret, r.handshake_secret, d, "c hs traffic", in->sh_hash);
    derive_secret(alg, r.server_handshake_traffic_secret, r.handshake_secret, d, "s hs traffic", in->sh_hash);
    /* Master Secret = HKDF-Extract(Derive-Secret(HS, "derived", ""), 0) */
    derive_secret(alg, derived, r.handshake_secret, d, "derived", empty_hash);
    extract(alg, r.master_secret, derived, d, zeros, d);
    derive_secret(alg, r.client_application_traffic_secret, r.master_secret, d, "c ap traffic", in->sf_hash);
    derive_secret(alg, r.server_application_traffic_secret, r.master_secret, d, "s ap traffic", in->sf_hash);
    derive_secret(alg, r.exporter_master_secret, r.master_secret, d, "exp master", in->sf_hash);
    derive_secret(alg, r.resumption_master_secret, r.master_secret, d, "res master", in->cf_hash);

    *out = r;
    fips140_wipe(&r, sizeof r);
    fips140_wipe(derived, sizeof derived);
    fips140_indicator_approved(tls13_approved(alg));
    return FIPS140_OK;
}
