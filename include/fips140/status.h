/* fips140/status.h - the one error convention of the fips140 module (DESIGN §4.2).
 *
 * Every function that can fail returns a fips140_status: FIPS140_OK (0) on success, a negative code otherwise.
 * Return values are never overloaded with lengths or booleans. */
#ifndef FIPS140_STATUS_H
#define FIPS140_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define FIPS140_MUST_CHECK __attribute__((warn_unused_result))
#define FIPS140_API __attribute__((visibility("default")))
#else
#define FIPS140_MUST_CHECK
#define FIPS140_API
#endif

/* fips140_status - result of every fallible call. */
typedef enum fips140_status {
    FIPS140_OK = 0,
    FIPS140_ERR_NULL = -1,           /* a required pointer is NULL (or NULL with a non-zero length) */
    FIPS140_ERR_ARG = -2,            /* invalid argument: unknown algorithm, bad flag */
    FIPS140_ERR_KEY_LENGTH = -3,     /* key length not allowed for this algorithm */
    FIPS140_ERR_IV_LENGTH = -4,      /* IV / nonce length not allowed */
    FIPS140_ERR_TAG_LENGTH = -5,     /* tag / MAC length not allowed */
    FIPS140_ERR_DATA_LENGTH = -6,    /* input length invalid (not a block multiple, over the algorithm's limit) */
    FIPS140_ERR_OUTPUT_LENGTH = -7,  /* requested output length invalid */
    FIPS140_ERR_STATE = -8,          /* call out of sequence (e.g. update after final, AAD after data) */
    FIPS140_ERR_AUTH = -9,           /* authentication failed: tag mismatch; no plaintext is released */
    FIPS140_ERR_ERROR_STATE = -10,   /* the module is in its error state: every service fails */
    FIPS140_ERR_NOT_APPROVED = -11   /* refused: not allowed in FIPS140=only mode */
} fips140_status;

/* fips140_status_string - a short English description of a status code; never NULL. */
FIPS140_API const char *fips140_status_string(fips140_status status);

#ifdef __cplusplus
}
#endif
#endif
