/* cli/acvp_tls_kdf.c - ACVP handler for the TLS KDFs (usnistgov/ACVP specifications "KDF Component: TLS",
 * "TLS 1.2 KDF RFC7627" and "TLS 1.3 KDF"):
 *  - kdf-components / tls / 1.0: group hashAlg, tlsVersion, keyBlockLength (bits); test preMasterSecret,
 *    clientHelloRandom, serverHelloRandom (master secret, RFC 5246 §8.1), clientRandom, serverRandom (key block,
 *    RFC 5246 §6.3). Answers masterSecret, keyBlock. tlsVersion "v1.0/1.1" (MD5/SHA-1 PRF) is not implemented: those
 *    groups are omitted with one note each.
 *  - TLS-v1.2 / KDF / RFC7627: the same with the extended master secret from sessionHash (RFC 7627 §4).
 *  - TLS-v1.3 / KDF / RFC8446: group hmacAlg, runningMode (PSK, DHE, PSK-DHE); test psk, dhe, helloClientRandom,
 *    helloServerRandom, finishedServerRandom, finishedClientRandom. The transcript hashes are hmacAlg over the
 *    "random" values in handshake order: H(hCR), H(hCR || hSR), H(hCR || hSR || fSR), H(hCR || hSR || fSR || fCR).
 *    Answers the eight secrets of RFC 8446 §7.1 (clientEarlyTrafficSecret ... resumptionMasterSecret). */
#include "acvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fips140/hash.h"
#include "fips140/tls_kdf.h"

enum { TLS_COMPONENT = 1, TLS12_EMS, TLS13 };

static int tls_match(acvp_set *set)
{
    const char *m = set->mode ? set->mode : "";
    if (strcmp(set->algorithm, "kdf-components") == 0 && strcmp(m, "tls") == 0 && strcmp(set->revision, "1.0") == 0)
        set->alg = TLS_COMPONENT;
    else if (strcmp(set->algorithm, "TLS-v1.2") == 0 && strcmp(m, "KDF") == 0 && strcmp(set->revision, "RFC7627") == 0)
        set->alg = TLS12_EMS;
    else if (strcmp(set->algorithm, "TLS-v1.3") == 0 && strcmp(m, "KDF") == 0 && strcmp(set->revision, "RFC8446") == 0)
        set->alg = TLS13;
    else
        return 0;
    return 1;
}

/* tls_hash - the fips140_hash_alg of an ACVP hash name ("SHA2-256"; "SHA1" as older TLS 1.3 sets spell SHA-1). */
static int tls_hash(const char *name)
{
    if (name == NULL) return 0;
    if (strcmp(name, "SHA1") == 0) return FIPS140_SHA1;
    for (int a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *n = fips140_hash_name((fips140_hash_alg)a);
        if (n && strcmp(n, name) == 0) return a;
    }
    return 0;
}

/* legacy_group - 1 for a TLS 1.0/1.1 group (not implemented): one note per group on stderr. */
static int legacy_group(const acvp_case *c, const char *version)
{
    static const acvp_set *noted_set;
    static long long noted_tgid = -1;
    if (version == NULL || strcmp(version, "v1.0/1.1") != 0) return 0;
    if (c->set != noted_set || c->tgid != noted_tgid)
        fprintf(stderr, "fips140 acvp: %s: tgId %lld: tlsVersion v1.0/1.1 (MD5/SHA-1 PRF) not supported, its tests are "
                "omitted\n", c->set->path, c->tgid);
    noted_set = c->set;
    noted_tgid = c->tgid;
    return 1;
}

/* hex_n - the hex field key, which must hold exactly n bytes (n = 0: any length); NULL and a message otherwise. */
static uint8_t *hex_n(const acvp_case *c, const char *key, size_t n, size_t *len)
{
    size_t l = 0;
    uint8_t *p = acvp_hex(c, key, &l);
    if (p && n != 0 && l != n) {
        acvp_fail(c, "field \"%s\" has %zu bytes, expected %zu", key, l, n);
        free(p);
        return NULL;
    }
    if (len) *len = l;
    return p;
}

/* tls12_run - kdf-components tls (v1.2) and TLS-v1.2 KDF RFC7627: masterSecret, then keyBlock. */
static int tls12_run(const acvp_case *c, json_value *out)
{
    const char *version = acvp_str(c, "tlsVersion", 0);
    if (legacy_group(c, version)) return ACVP_SKIP;
    const char *hname = acvp_str(c, "hashAlg", 1);
    if (!hname) return ACVP_FAIL;
    int alg = tls_hash(hname);
    if (alg != FIPS140_SHA256 && alg != FIPS140_SHA384 && alg != FIPS140_SHA512)
        return acvp_fail(c, "hashAlg %s not supported for TLS 1.2", hname);
    long long kbbits;
    if (!acvp_need_int(c, "keyBlockLength", &kbbits)) return ACVP_FAIL;
    if (kbbits <= 0 || kbbits % 8 != 0 || kbbits > 65536) return acvp_fail(c, "keyBlockLength %lld not supported", kbbits);

    int rc = ACVP_OK;
    size_t pmslen = 0, shlen = 0;
    uint8_t *pms = NULL, *chr = NULL, *shr = NULL, *cr = NULL, *sr = NULL, *sh = NULL, *kb = NULL;
    uint8_t ms[FIPS140_TLS12_MASTER_SECRET_LEN];
    fips140_status st;
    pms = hex_n(c, "preMasterSecret", 0, &pmslen);
    cr = pms ? hex_n(c, "clientRandom", 32, NULL) : NULL;
    sr = cr ? hex_n(c, "serverRandom", 32, NULL) : NULL;
    if (!sr) {
        rc = ACVP_FAIL;
        goto done;
    }
    if (c->set->alg == TLS12_EMS) {
        sh = hex_n(c, "sessionHash", 0, &shlen);
        if (!sh) {
            rc = ACVP_FAIL;
            goto done;
        }
        st = fips140_tls12_extended_master_secret((fips140_hash_alg)alg, ms, pms, pmslen, sh, shlen);
    } else {
        chr = hex_n(c, "clientHelloRandom", 32, NULL);
        shr = chr ? hex_n(c, "serverHelloRandom", 32, NULL) : NULL;
        if (!shr) {
            rc = ACVP_FAIL;
            goto done;
        }
        st = fips140_tls12_master_secret((fips140_hash_alg)alg, ms, pms, pmslen, chr, shr);
    }
    if (st != FIPS140_OK) {
        rc = acvp_status(c, "TLS 1.2 master secret", st);
        goto done;
    }
    kb = malloc((size_t)kbbits / 8);
    if (!kb) {
        rc = acvp_fail(c, "out of memory");
        goto done;
    }
    st = fips140_tls12_key_block((fips140_hash_alg)alg, kb, (size_t)kbbits / 8, ms, sr, cr);
    if (st != FIPS140_OK) {
        rc = acvp_status(c, "TLS 1.2 key block", st);
        goto done;
    }
    json_set_hex(out, "masterSecret", ms, sizeof ms);
    json_set_hex(out, "keyBlock", kb, (size_t)kbbits / 8);
done:
    free(pms); free(chr); free(shr); free(cr); free(sr); free(sh); free(kb);
    return rc;
}

/* tls13_run - TLS-v1.3 KDF RFC8446: the whole key schedule. */
static int tls13_run(const acvp_case *c, json_value *out)
{
    const char *hname = acvp_str(c, "hmacAlg", 1);
    if (!hname) return ACVP_FAIL;
    int alg = tls_hash(hname);
    if (!alg) return acvp_fail(c, "hmacAlg %s not supported", hname);
    const char *mode = acvp_str(c, "runningMode", 0);
    int use_psk, use_dhe;
    if (mode == NULL) {
        use_psk = acvp_field(c, "psk") != NULL;
        use_dhe = acvp_field(c, "dhe") != NULL;
    } else if (strcmp(mode, "PSK") == 0) {
        use_psk = 1, use_dhe = 0;
    } else if (strcmp(mode, "DHE") == 0) {
        use_psk = 0, use_dhe = 1;
    } else if (strcmp(mode, "PSK-DHE") == 0) {
        use_psk = 1, use_dhe = 1;
    } else {
        return acvp_fail(c, "runningMode %s not supported", mode);
    }

    int rc = ACVP_OK;
    size_t d = fips140_hash_digest_size((fips140_hash_alg)alg), psklen = 0, dhelen = 0, n[4] = {0, 0, 0, 0};
    uint8_t *psk = NULL, *dhe = NULL, *r[4] = {NULL, NULL, NULL, NULL}, *transcript = NULL;
    static const char *const rnames[4] = {"helloClientRandom", "helloServerRandom", "finishedServerRandom",
                                          "finishedClientRandom"};
    uint8_t th[4][FIPS140_HASH_MAX_DIGEST];
    fips140_tls13_schedule_out s;
    fips140_status st;

    if (use_psk && !(psk = hex_n(c, "psk", 0, &psklen))) { rc = ACVP_FAIL; goto done; }
    if (use_dhe && !(dhe = hex_n(c, "dhe", 0, &dhelen))) { rc = ACVP_FAIL; goto done; }
    size_t total = 0;
    for (int i = 0; i < 4; i++) {
        if (!(r[i] = hex_n(c, rnames[i], 0, &n[i]))) { rc = ACVP_FAIL; goto done; }
        total += n[i];
    }
    transcript = malloc(total + 1);
    if (!transcript) { rc = acvp_fail(c, "out of memory"); goto done; }
    /* Transcript-Hash of the growing "handshake": hCR, then hSR, fSR, fCR appended. */
    total = 0;
    for (int i = 0; i < 4; i++) {
        memcpy(transcript + total, r[i], n[i]);
        total += n[i];
        st = fips140_hash((fips140_hash_alg)alg, th[i], d, transcript, total);
        if (st != FIPS140_OK) { rc = acvp_status(c, "transcript hash", st); goto done; }
    }
    fips140_tls13_schedule_in in = {psk, psklen, dhe, dhelen, th[0], th[1], th[2], th[3]};
    st = fips140_tls13_key_schedule((fips140_hash_alg)alg, &s, &in);
    if (st != FIPS140_OK) { rc = acvp_status(c, "TLS 1.3 key schedule", st); goto done; }
    json_set_hex(out, "clientEarlyTrafficSecret", s.client_early_traffic_secret, d);
    json_set_hex(out, "earlyExporterMasterSecret", s.early_exporter_master_secret, d);
    json_set_hex(out, "clientHandshakeTrafficSecret", s.client_handshake_traffic_secret, d);
    json_set_hex(out, "serverHandshakeTrafficSecret", s.server_handshake_traffic_secret, d);
    json_set_hex(out, "clientApplicationTrafficSecret", s.client_application_traffic_secret, d);
    json_set_hex(out, "serverApplicationTrafficSecret", s.server_application_traffic_secret, d);
    json_set_hex(out, "exporterMasterSecret", s.exporter_master_secret, d);
    json_set_hex(out, "resumptionMasterSecret", s.resumption_master_secret, d);
    memset(&s, 0, sizeof s);
done:
    free(psk); free(dhe); free(transcript);
    for (int i = 0; i < 4; i++) free(r[i]);
    return rc;
}

static int tls_run(const acvp_case *c, json_value *out)
{
    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    return c->set->alg == TLS13 ? tls13_run(c, out) : tls12_run(c, out);
}

const acvp_family acvp_family_tls_kdf = {"TLS KDF", tls_match, tls_run};
