/* module/aes/aes_mac_internal.h - private entry points shared by CMAC (SP 800-38B), CCM (SP 800-38C) and their
 * fast paths: the raw CBC-MAC chain and the CCM payload loop stitched with counter mode. */
#ifndef FIPS140_AES_MAC_INTERNAL_H
#define FIPS140_AES_MAC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "aes_internal.h"

/* CMAC_MAGIC / CCM_MAGIC - values of the contexts' module-private phase field once keyed (GMAC's are in gmac.c). */
#define CMAC_MAGIC 0x434d4143u /* "CMAC": keyed */
#define CCM_MAGIC 0x43434d31u  /* "CCM1": keyed */

/* aes_cbcmac_blocks - x = CIPH_K(x ^ M_i) for the nblocks full blocks M_1..M_n at in (the CBC-MAC chain of
 * SP 800-38B §6.2 step 6 and SP 800-38C §A.1 / §6.1 step 4). Dispatches to AES-NI or the portable code. */
void aes_cbcmac_blocks(const aes_sched *ks, uint8_t x[16], const uint8_t *in, size_t nblocks);

/* ccm_payload_encrypt / ccm_payload_decrypt - SP 800-38C §6.1 steps 4-8 and §6.2 steps 5-9 for nblocks full
 * payload blocks: the MAC chain x absorbs each plaintext block and the text is XORed with CIPH_K(Ctr_j) for
 * counter blocks starting at ctr (ctr advanced past the blocks used; the counter field is at most 8 bytes and
 * never wraps for legal lengths, so the low 64 bits are incremented as a big-endian integer). out may equal in. */
void ccm_payload_encrypt(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in,
                         size_t nblocks);
void ccm_payload_decrypt(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in,
                         size_t nblocks);

#if FIPS140_X86_64
/* cmac_ni.c - the CBC-MAC chain with AES-NI, round keys held in registers. */
void cmac_ni_cbcmac(const aes_sched *ks, uint8_t x[16], const uint8_t *in, size_t nblocks);
/* ccm_ni.c - the CCM payload loops with AES-NI: one MAC block and one counter block per iteration, the
 * counter block's rounds issued in the latency shadow of the serial MAC chain. */
void ccm_ni_encrypt(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in,
                    size_t nblocks);
void ccm_ni_decrypt(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in,
                    size_t nblocks);
#endif

#endif
