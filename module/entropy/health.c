/* module/entropy/health.c - the continuous health tests of the entropy source, SP 800-90B §4.4: the Repetition
 * Count Test (§4.4.1) and the Adaptive Proportion Test (§4.4.2, non-binary samples, W = 512). Their cutoffs are
 * derived in entropy_internal.h from the claimed min-entropy H and α. Also the test hook that runs them on
 * caller-supplied samples (fips140_entropy_health_check, a pure function), and the break-test points of both tests
 * (registered as ENTROPY-RCT and ENTROPY-APT in core/selftest.c). */
#include "entropy_internal.h"

void ent_health_reset(ent_health *h)
{
    h->rct_a = 0;
    h->rct_b = 0;
    h->apt_a = 0;
    h->apt_b = 0;
    h->apt_i = 0;
}

/* rct_feed - SP 800-90B §4.4.1: A is the current sample value, B its run length; a new sample equal to A
 * increments B and fails when B ≥ C; a different sample restarts with A = sample, B = 1. */
static int rct_feed(ent_health *h, uint8_t x)
{
    if (h->rct_b != 0 && x == h->rct_a) {
        h->rct_b++;
        return h->rct_b >= ENT_RCT_CUTOFF;
    }
    h->rct_a = x; /* step 1 (first sample) or the else branch of step 2 */
    h->rct_b = 1;
    return 0;
}

/* apt_feed - SP 800-90B §4.4.2: the first sample of each window of W samples is A (B = 1); each of the following
 * W - 1 samples equal to A increments B, failing when B ≥ C; after W samples a new window starts. */
static int apt_feed(ent_health *h, uint8_t x)
{
    if (h->apt_i == 0) { /* step 1: A = next sample, B = 1 */
        h->apt_a = x;
        h->apt_b = 1;
        h->apt_i = 1;
        return 0;
    }
    int fail = 0;
    if (x == h->apt_a) { /* step 2 */
        h->apt_b++;
        fail = h->apt_b >= ENT_APT_CUTOFF;
    }
    if (++h->apt_i == ENT_APT_WINDOW)
        h->apt_i = 0;
    return fail;
}

int ent_health_feed(ent_health *h, uint8_t sample)
{
    /* Both tests see every sample; when both fire on the same sample, the RCT is reported. */
    int rct = rct_feed(h, sample);
    int apt = apt_feed(h, sample);
    if (rct)
        return FIPS140_ENTROPY_HEALTH_RCT;
    return apt ? FIPS140_ENTROPY_HEALTH_APT : FIPS140_ENTROPY_HEALTH_OK;
}

int ent_health_forced(void)
{
    if (fips140_test_break(TEST_ENTROPY_RCT))
        return FIPS140_ENTROPY_HEALTH_RCT;
    if (fips140_test_break(TEST_ENTROPY_APT))
        return FIPS140_ENTROPY_HEALTH_APT;
    return FIPS140_ENTROPY_HEALTH_OK;
}

const char *ent_health_name(int which)
{
    return which == FIPS140_ENTROPY_HEALTH_RCT ? "repetition count" : "adaptive proportion";
}

fips140_status fips140_entropy_health_check(const uint8_t *samples, size_t n, int *which, size_t *index)
{
    if (which == NULL || index == NULL || (samples == NULL && n != 0))
        return FIPS140_ERR_NULL;
    ent_health h;
    ent_health_reset(&h);
    for (size_t i = 0; i < n; i++) {
        int r = ent_health_feed(&h, samples[i]);
        if (r != FIPS140_ENTROPY_HEALTH_OK) {
            *which = r;
            *index = i;
            return FIPS140_OK;
        }
    }
    *which = FIPS140_ENTROPY_HEALTH_OK;
    *index = n;
    return FIPS140_OK;
}
