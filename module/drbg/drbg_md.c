/* module/drbg/drbg_md.c - the hash functions under HMAC_DRBG and Hash_DRBG (SP 800-90Ar1 §10.1): SHA-1, SHA-2
 * (FIPS 180-4) and SHA-3 (FIPS 202), through the hash front's ungated entry points (hash/hash_internal.h). The
 * DRBG services gate once, running the primitive's CAST at instantiate. */
#include "drbg_internal.h"
#include "../hash/hash_internal.h"

/* drbg_md_family - which engine computes alg; SHAKE and unknown values are not DRBG hashes. */
uint32_t drbg_md_family(uint32_t alg)
{
    switch (alg) {
    case FIPS140_SHA1: return DRBG_MD_SHA1;
    case FIPS140_SHA224: case FIPS140_SHA256: return DRBG_MD_SHA256;
    case FIPS140_SHA384: case FIPS140_SHA512: case FIPS140_SHA512_224: case FIPS140_SHA512_256: return DRBG_MD_SHA512;
    case FIPS140_SHA3_224: case FIPS140_SHA3_256: case FIPS140_SHA3_384: case FIPS140_SHA3_512: return DRBG_MD_KECCAK;
    }
    return DRBG_MD_NONE;
}

/* drbg_md_init - start a hash of alg (a hash drbg_md_family accepts). */
void drbg_md_init(drbg_md *m, uint32_t alg)
{
    fips140_hash_setup_internal(&m->h, alg);
}

/* drbg_md_update - absorb n bytes. DRBG inputs are bounded by SP 800-90Ar1 Table 2 (≤ 2^35 bits), far below the
 * hash message limits, so the length check cannot fail. */
void drbg_md_update(drbg_md *m, const uint8_t *p, size_t n)
{
    (void)fips140_hash_absorb_internal(&m->h, p, n);
}

/* drbg_md_final - the digest (digest size of alg); the state is wiped. */
void drbg_md_final(drbg_md *m, uint8_t *out)
{
    fips140_hash_digest_internal(&m->h, out);
}
