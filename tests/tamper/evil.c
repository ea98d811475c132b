/* tests/tamper/evil.c - for the inject-refusal test only: an absolute pointer placed into the module's hashed
 * read-only section. Compiled without -fPIC and linked into a shared object, it needs a dynamic relocation inside
 * fips140_rodata, which `fips140 inject` must refuse. */
extern const char fips140_evil_target[];
const char fips140_evil_target[] = "target";
__attribute__((section("fips140_rodata"), used)) const char *const fips140_evil_pointer = fips140_evil_target;
