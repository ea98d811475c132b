/* module/core/state.c - identity, lifecycle (power-on → self-test → operational → error), runtime mode and
 * fatal errors. FIPS 140-3 §7.11 (finite state model) and ISO/IEC 19790 §7.10.3 (error state). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#ifndef FIPS140_MODULE_VERSION
#define FIPS140_MODULE_VERSION "0.1.0"
#endif

_Atomic int fips140_state_value = FIPS140_STATE_POWER_ON;

const char *fips140_module_name(void) { return "fips140"; }
const char *fips140_module_version(void) { return FIPS140_MODULE_VERSION; }

fips140_state fips140_get_state(void)
{
    return (fips140_state)atomic_load_explicit(&fips140_state_value, memory_order_acquire);
}

/* fips140_fatal - the only way into the error state. One line, then abort (DESIGN §3.4). */
void fips140_fatal(const char *what, const char *detail)
{
    atomic_store_explicit(&fips140_state_value, FIPS140_STATE_ERROR, memory_order_seq_cst);
    fprintf(stderr, "fips140: %s: %s\n", what, detail);
    fflush(stderr);
    abort();
}

/* The mode is read from FIPS140 once; -1 means not read yet. Racing first reads compute the same value. */
static _Atomic int mode_value = -1;

static int parse_mode(const char *s)
{
    if (s == NULL || *s == '\0' || strcmp(s, "on") == 0) return FIPS140_MODE_ON;
    if (strcmp(s, "off") == 0) return FIPS140_MODE_OFF;
    if (strcmp(s, "only") == 0) return FIPS140_MODE_ONLY;
    if (strcmp(s, "debug") == 0) return FIPS140_MODE_DEBUG;
    return -1;
}

fips140_mode fips140_get_mode(void)
{
    int m = atomic_load_explicit(&mode_value, memory_order_relaxed);
    if (FIPS140_LIKELY(m >= 0))
        return (fips140_mode)m;
    const char *env = getenv("FIPS140");
    m = parse_mode(env);
    if (m < 0) {
        /* DESIGN §3.3: anything else aborts with this exact message. */
        char detail[96];
        snprintf(detail, sizeof detail, "\"%.64s\"", env);
        atomic_store_explicit(&fips140_state_value, FIPS140_STATE_ERROR, memory_order_seq_cst);
        fprintf(stderr, "fips140: unknown FIPS140 setting %s\n", detail);
        fflush(stderr);
        abort();
    }
    atomic_store_explicit(&mode_value, m, memory_order_relaxed);
    return (fips140_mode)m;
}

const char *fips140_mode_name(fips140_mode mode)
{
    switch (mode) {
    case FIPS140_MODE_OFF: return "off";
    case FIPS140_MODE_ON: return "on";
    case FIPS140_MODE_ONLY: return "only";
    case FIPS140_MODE_DEBUG: return "debug";
    }
    return "unknown";
}

const char *fips140_status_string(fips140_status status)
{
    switch (status) {
    case FIPS140_OK: return "success";
    case FIPS140_ERR_NULL: return "NULL pointer argument";
    case FIPS140_ERR_ARG: return "invalid argument";
    case FIPS140_ERR_KEY_LENGTH: return "invalid key length";
    case FIPS140_ERR_IV_LENGTH: return "invalid IV length";
    case FIPS140_ERR_TAG_LENGTH: return "invalid tag length";
    case FIPS140_ERR_DATA_LENGTH: return "invalid data length";
    case FIPS140_ERR_OUTPUT_LENGTH: return "invalid output length";
    case FIPS140_ERR_STATE: return "operation called out of sequence";
    case FIPS140_ERR_AUTH: return "authentication failed";
    case FIPS140_ERR_ERROR_STATE: return "module is in the error state";
    case FIPS140_ERR_NOT_APPROVED: return "not allowed in FIPS140=only mode";
    }
    return "unknown status";
}
