/* fips140/fips140.h - the whole public C API of the fips140 module.
 *
 * The module is designed to FIPS 140-3 requirements; it is not CMVP-validated. */
#ifndef FIPS140_FIPS140_H
#define FIPS140_FIPS140_H

#include "status.h"
#include "module.h"
#include "hash.h"
#include "hmac.h"
#include "aes.h"
#include "drbg.h"
#include "rand.h"
#include "entropy.h"
#include "ec.h"
#include "eddsa.h"
#include "rsa.h"
#include "dh.h"
#include "cmac.h"
#include "ccm.h"
#include "xts.h"
#include "keywrap.h"
#include "kdf.h"
#include "kbkdf.h"
#include "tls_kdf.h"
#include "pbkdf2.h"

#endif
