/* module/core/indicator.c - the per-thread service indicator (FIPS 140-3 IG 2.4.C).
 *
 * Each service sets it when it completes successfully: APPROVED if the service and its parameters are approved,
 * NOT_APPROVED otherwise. A caller clears it, calls one service, and reads it. */
#include "internal.h"

static _Thread_local fips140_indicator indicator_value = FIPS140_INDICATOR_NONE;

void fips140_indicator_clear(void) { indicator_value = FIPS140_INDICATOR_NONE; }
fips140_indicator fips140_indicator_get(void) { return indicator_value; }
void fips140_indicator_set(fips140_indicator value) { indicator_value = value; }

/* The rule behind the last FIPS140=only refusal on this thread (a string constant naming the document and the
 * condition), for callers and the provider to report. */
static _Thread_local const char *refusal_rule;

const char *fips140_last_refusal(void) { return refusal_rule; }

fips140_status fips140_refuse(const char *rule)
{
    refusal_rule = rule;
    return FIPS140_ERR_NOT_APPROVED;
}
