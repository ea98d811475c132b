/* module/core/break.c - forced self-test failures for break tests (DESIGN §3.3, §4.6). Only a build configured with
 * -DFIPS140_BREAK_TESTS=ON honours FIPS140_BREAK=<test name>; in every other build fips140_break_requested() is a
 * constant 0, so production modules cannot be made to fail (or pass) by the environment. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int fips140_break_requested(const char *name)
{
#ifdef FIPS140_BREAK_TESTS
    const char *want = getenv("FIPS140_BREAK");
    return want != NULL && name != NULL && strcmp(want, name) == 0;
#else
    (void)name;
    return 0;
#endif
}
