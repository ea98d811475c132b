/* module/ec/ecdh.c - the ECC CDH primitive of SP 800-56A Rev. 3 §5.7.1.2 (KAS-ECC-SSC) over P-224 to P-521:
 * full validation of the peer's public key (§5.6.2.3.3), P = d·Q (cofactor 1), error if P is the point at
 * infinity, and the shared secret Z = x_P as a byte string of the field size (§5.7.1.2 step 3, C.2). */
#include <string.h>
#include "ec_internal.h"
#include "../core/internal.h"

fips140_status fips140_ecdh(fips140_ec_curve curve, const uint8_t *priv, size_t privlen, const uint8_t *peer_pub,
                            size_t peer_publen, uint8_t *shared, size_t sharedlen)
{
    const ec_curve *c = ec_curve_get(curve);
    ec_point Q, P;
    fips140_status st = fips140_service_begin(CAST_ECDH);
    if (st != FIPS140_OK)
        return st;
    if (priv == NULL || peer_pub == NULL || shared == NULL)
        return FIPS140_ERR_NULL;
    if (c == NULL)
        return FIPS140_ERR_ARG;
    if (sharedlen != c->bytes)
        return FIPS140_ERR_OUTPUT_LENGTH;
    if (ec_scalar_check(c, priv, privlen) != 0)
        return FIPS140_ERR_KEY_LENGTH;
    if (ec_point_decode(c, &Q, peer_pub, peer_publen) != 0)
        return FIPS140_ERR_ARG;
    ec_point_mul(c, &P, priv, &Q);
    int inf = ec_point_to_affine(c, shared, NULL, &P);
    fips140_wipe(&P, sizeof P);
    if (inf != 0) {
        fips140_wipe(shared, sharedlen);
        return FIPS140_ERR_ARG;
    }
    fips140_indicator_approved(1);
    return FIPS140_OK;
}
