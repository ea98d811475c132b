/* module/core/integrity.h - the module's in-memory integrity check and power-on sequence (DESIGN §2,
 * docs/INTEGRITY.md). The hashed ranges are bracketed by symbols that cmake/fips140_module.lds defines in the
 * relocatable module object; the expected MAC is written into the binary by `fips140 inject` (cli/cmd_inject.c)
 * or tools/inject.py. Never installed. */
#ifndef FIPS140_CORE_INTEGRITY_H
#define FIPS140_CORE_INTEGRITY_H

#include <stdint.h>

/* FIPS140_INTEGRITY_KEY - the fixed, public HMAC-SHA2-256 key of the integrity check (32 ASCII bytes). Like the
 * key of OpenSSL's FIPS provider it is not a secret: the MAC detects modification, not forgery. */
#define FIPS140_INTEGRITY_KEY "fips140 module integrity key v1!"
#define FIPS140_INTEGRITY_KEY_LEN 32
#define FIPS140_INTEGRITY_MAC_LEN 32

/* fips140_integrity_mac - the expected MAC, in .data (outside the hashed ranges). Until injection it holds the
 * placeholder: the 24 ASCII bytes "FIPS140-MAC-NOT-INJECTED" followed by 9e 37 79 b9 7f 4a 7c 15. */
extern uint8_t fips140_integrity_mac[FIPS140_INTEGRITY_MAC_LEN];

/* fips140_integrity_check - recompute the MAC over the module's code and read-only data and compare it with the
 * injected one in constant time. Fatal ("fips140: integrity check failed: module MAC mismatch" or "…: module not
 * injected") on failure; returns the time it took in ns. */
uint64_t fips140_integrity_check(void);

/* fips140_poweron_ns - how long the power-on sequence (load-time CASTs + integrity check) took in this process,
 * in ns, measured by the constructor with CLOCK_MONOTONIC. 0 before it ran. */
extern uint64_t fips140_poweron_ns;

#endif
