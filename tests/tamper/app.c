/* tests/tamper/app.c - a minimal program linked with the static module: one approved service (SHA2-256 of "abc",
 * FIPS 180-4 example), then "app ok". The tamper tests link it in every flavour (PIE or not, gcc or clang,
 * stripped or not), inject it, and alter it. */
#include <stdio.h>
#include <fips140/fips140.h>

int main(void)
{
    uint8_t d[32];
    if (fips140_hash(FIPS140_SHA256, d, sizeof d, "abc", 3) != FIPS140_OK || d[0] != 0xba || d[31] != 0xad)
        return 1;
    printf("app ok\n");
    return 0;
}
