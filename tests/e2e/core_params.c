/* tests/e2e/core_params.c - provider/params.c (the provider's OSSL_PARAM helpers) against libcrypto's own
 * OSSL_PARAM_get_* / OSSL_PARAM_set_* as the oracle: every integer getter and setter over signed and unsigned
 * parameters of 1, 2, 4 and 8 bytes and boundary values, strings and octet strings, size queries.
 * Built and run by tests/e2e/test_core.sh (cc core_params.c provider/params.c -lcrypto). Prints failures; exit 1
 * if any. */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/params.h>

#include "prov.h"

static int failures, checks;

#define CHECK(cond, ...)                                                                                            \
    do {                                                                                                            \
        checks++;                                                                                                   \
        if (!(cond)) {                                                                                              \
            failures++;                                                                                             \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                            \
            printf(__VA_ARGS__);                                                                                    \
            printf("\n");                                                                                           \
        }                                                                                                           \
    } while (0)

static const int64_t values[] = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535,
                                 65536, INT32_MAX, (int64_t)INT32_MAX + 1, INT32_MIN, (int64_t)INT32_MIN - 1,
                                 UINT32_MAX, (int64_t)UINT32_MAX + 1, INT64_MAX, INT64_MIN};

/* make_param - an integer param of type and size holding v (truncated the way a C cast would store it). */
static OSSL_PARAM make_param(unsigned type, size_t size, int64_t v, unsigned char buf[8])
{
    memset(buf, 0, 8);
    switch (size) {
    case 1: { uint8_t x = (uint8_t)v; memcpy(buf, &x, 1); break; }
    case 2: { uint16_t x = (uint16_t)v; memcpy(buf, &x, 2); break; }
    case 4: { uint32_t x = (uint32_t)v; memcpy(buf, &x, 4); break; }
    default: { uint64_t x = (uint64_t)v; memcpy(buf, &x, 8); break; }
    }
    OSSL_PARAM p = {"k", type, buf, size, OSSL_PARAM_UNMODIFIED};
    return p;
}

static void integer_getters(void)
{
    static const unsigned types[] = {OSSL_PARAM_INTEGER, OSSL_PARAM_UNSIGNED_INTEGER};
    static const size_t sizes[] = {1, 2, 4, 8};
    for (size_t t = 0; t < 2; t++)
        for (size_t s = 0; s < 4; s++)
            for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
                unsigned char buf[8];
                OSSL_PARAM p = make_param(types[t], sizes[s], values[i], buf);
                int a, b;
                unsigned int ua, ub;
                size_t za, zb;
                uint64_t wa, wb;
                int ra = fips140_prov_param_get_int(&p, &a), rb = OSSL_PARAM_get_int(&p, &b);
                CHECK(ra == rb && (!ra || a == b), "get_int type %u size %zu value %" PRId64 ": %d/%d %d/%d",
                      types[t], sizes[s], values[i], ra, rb, ra ? a : 0, rb ? b : 0);
                ra = fips140_prov_param_get_uint(&p, &ua), rb = OSSL_PARAM_get_uint(&p, &ub);
                CHECK(ra == rb && (!ra || ua == ub), "get_uint type %u size %zu value %" PRId64 ": %d/%d",
                      types[t], sizes[s], values[i], ra, rb);
                ra = fips140_prov_param_get_size_t(&p, &za), rb = OSSL_PARAM_get_size_t(&p, &zb);
                CHECK(ra == rb && (!ra || za == zb), "get_size_t type %u size %zu value %" PRId64 ": %d/%d",
                      types[t], sizes[s], values[i], ra, rb);
                ra = fips140_prov_param_get_uint64(&p, &wa), rb = OSSL_PARAM_get_uint64(&p, &wb);
                CHECK(ra == rb && (!ra || wa == wb), "get_uint64 type %u size %zu value %" PRId64 ": %d/%d",
                      types[t], sizes[s], values[i], ra, rb);
            }
}

static void integer_setters(void)
{
    static const unsigned types[] = {OSSL_PARAM_INTEGER, OSSL_PARAM_UNSIGNED_INTEGER};
    static const size_t sizes[] = {1, 2, 4, 8};
    for (size_t t = 0; t < 2; t++)
        for (size_t s = 0; s < 4; s++)
            for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
                int64_t v = values[i];
                unsigned char ba[8], bb[8];
                OSSL_PARAM pa = make_param(types[t], sizes[s], 0, ba), pb = make_param(types[t], sizes[s], 0, bb);
                if (v >= INT_MIN && v <= INT_MAX) {
                    int ra = fips140_prov_param_set_int(&pa, (int)v), rb = OSSL_PARAM_set_int(&pb, (int)v);
                    CHECK(ra == rb && (!ra || memcmp(ba, bb, 8) == 0),
                          "set_int type %u size %zu value %" PRId64 ": %d/%d", types[t], sizes[s], v, ra, rb);
                }
                if (v >= 0 && (uint64_t)v <= UINT_MAX) {
                    memset(ba, 0, 8), memset(bb, 0, 8);
                    int ra = fips140_prov_param_set_uint(&pa, (unsigned)v), rb = OSSL_PARAM_set_uint(&pb, (unsigned)v);
                    CHECK(ra == rb && (!ra || memcmp(ba, bb, 8) == 0),
                          "set_uint type %u size %zu value %" PRId64 ": %d/%d", types[t], sizes[s], v, ra, rb);
                }
                if (v >= 0) {
                    memset(ba, 0, 8), memset(bb, 0, 8);
                    int ra = fips140_prov_param_set_size_t(&pa, (size_t)v), rb = OSSL_PARAM_set_size_t(&pb, (size_t)v);
                    CHECK(ra == rb && (!ra || memcmp(ba, bb, 8) == 0),
                          "set_size_t type %u size %zu value %" PRId64 ": %d/%d", types[t], sizes[s], v, ra, rb);
                    memset(ba, 0, 8), memset(bb, 0, 8);
                    ra = fips140_prov_param_set_uint64(&pa, (uint64_t)v), rb = OSSL_PARAM_set_uint64(&pb, (uint64_t)v);
                    CHECK(ra == rb && (!ra || memcmp(ba, bb, 8) == 0),
                          "set_uint64 type %u size %zu value %" PRId64 ": %d/%d", types[t], sizes[s], v, ra, rb);
                }
            }
    /* size query: data NULL sets return_size */
    OSSL_PARAM q = {"k", OSSL_PARAM_UNSIGNED_INTEGER, NULL, 0, OSSL_PARAM_UNMODIFIED};
    CHECK(fips140_prov_param_set_size_t(&q, 5) == 1 && q.return_size == sizeof(size_t), "size_t size query");
    /* wrong type */
    char s[4];
    OSSL_PARAM w = {"k", OSSL_PARAM_UTF8_STRING, s, sizeof(s), OSSL_PARAM_UNMODIFIED};
    int x;
    CHECK(fips140_prov_param_set_int(&w, 1) == 0 && fips140_prov_param_get_int(&w, &x) == 0, "int on a string");
}

static void strings(void)
{
    char ba[8], bb[8];
    static const char *const inputs[] = {"", "abc", "abcdefg", "abcdefgh", "abcdefghi"};
    for (size_t i = 0; i < 5; i++) {
        memset(ba, 'z', 8), memset(bb, 'z', 8);
        OSSL_PARAM pa = OSSL_PARAM_construct_utf8_string("k", ba, sizeof(ba));
        OSSL_PARAM pb = OSSL_PARAM_construct_utf8_string("k", bb, sizeof(bb));
        int ra = fips140_prov_param_set_utf8_string(&pa, inputs[i]), rb = OSSL_PARAM_set_utf8_string(&pb, inputs[i]);
        CHECK(ra == rb && (!ra || (memcmp(ba, bb, 8) == 0 && pa.return_size == pb.return_size)),
              "set_utf8_string \"%s\": %d/%d", inputs[i], ra, rb);
        if (ra) {
            char oa[16], ob[16];
            char *pob = ob;
            int ga = fips140_prov_param_get_utf8_string(&pa, oa, sizeof(oa));
            int gb = OSSL_PARAM_get_utf8_string(&pb, &pob, sizeof(ob));
            CHECK(ga == gb && (!ga || strcmp(oa, ob) == 0), "get_utf8_string \"%s\": %d/%d", inputs[i], ga, gb);
            const char *v;
            if (pa.return_size < sizeof(ba)) /* NUL-terminated in the buffer */
                CHECK(fips140_prov_param_get_utf8_ptr(&pa, &v) && strcmp(v, inputs[i]) == 0, "get_utf8_ptr view");
        }
    }
    /* a string param as callers build it: data_size = strlen, the NUL just past it */
    OSSL_PARAM pn = OSSL_PARAM_construct_utf8_string("k", (char *)"SHA2-256", 0);
    char name[16];
    const char *view = NULL;
    CHECK(fips140_prov_param_get_utf8_string(&pn, name, sizeof(name)) && strcmp(name, "SHA2-256") == 0,
          "get_utf8_string of construct_utf8_string(..., 0)");
    CHECK(fips140_prov_param_get_utf8_ptr(&pn, &view) && strcmp(view, "SHA2-256") == 0,
          "get_utf8_ptr of construct_utf8_string(..., 0)");
    CHECK(fips140_prov_param_get_utf8_string(&pn, name, 8) == 0, "get_utf8_string: no room for the NUL");
    /* UTF8_PTR in both directions */
    const char *ptr = NULL;
    OSSL_PARAM pp = OSSL_PARAM_construct_utf8_ptr("k", (char **)&ptr, 0);
    CHECK(fips140_prov_param_set_utf8_string(&pp, "hello") && ptr != NULL && strcmp(ptr, "hello") == 0 &&
              pp.return_size == 5, "set utf8_ptr");
    const char *v = NULL;
    CHECK(fips140_prov_param_get_utf8_ptr(&pp, &v) && v == ptr, "get utf8_ptr");
    char small[3];
    CHECK(fips140_prov_param_get_utf8_string(&pp, small, sizeof(small)) == 0, "get_utf8_string too small");
    /* octet strings */
    unsigned char oa[4], ob[4];
    static const unsigned char data[5] = {1, 2, 3, 4, 5};
    for (size_t n = 0; n <= 5; n++) {
        memset(oa, 0, 4), memset(ob, 0, 4);
        OSSL_PARAM pa = OSSL_PARAM_construct_octet_string("k", oa, sizeof(oa));
        OSSL_PARAM pb = OSSL_PARAM_construct_octet_string("k", ob, sizeof(ob));
        int ra = fips140_prov_param_set_octet_string(&pa, data, n), rb = OSSL_PARAM_set_octet_string(&pb, data, n);
        CHECK(ra == rb && pa.return_size == pb.return_size && (!ra || memcmp(oa, ob, 4) == 0),
              "set_octet_string %zu: %d/%d", n, ra, rb);
    }
    OSSL_PARAM po = OSSL_PARAM_construct_octet_string("k", (void *)data, sizeof(data));
    const void *d;
    size_t dl;
    CHECK(fips140_prov_param_get_octet_ptr(&po, &d, &dl) && d == data && dl == 5, "get_octet_ptr");
    OSSL_PARAM qo = {"k", OSSL_PARAM_OCTET_STRING, NULL, 0, OSSL_PARAM_UNMODIFIED};
    CHECK(fips140_prov_param_set_octet_string(&qo, data, 5) && qo.return_size == 5, "octet size query");
}

static void locate(void)
{
    int a = 1, b = 2;
    OSSL_PARAM ps[] = {OSSL_PARAM_construct_int("a", &a), OSSL_PARAM_construct_int("b", &b), OSSL_PARAM_construct_end()};
    CHECK(fips140_prov_param_locate(ps, "b") == &ps[1], "locate b");
    CHECK(fips140_prov_param_locate_const(ps, "a") == &ps[0], "locate_const a");
    CHECK(fips140_prov_param_locate(ps, "c") == NULL && fips140_prov_param_locate(NULL, "a") == NULL, "locate none");
}

int main(void)
{
    integer_getters();
    integer_setters();
    strings();
    locate();
    printf("params: %d checks, %d failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
