/* tests/tamper/load_so.c - load a copy of libfips140.so with dlopen (its constructor runs the power-on sequence,
 * integrity check included) and call one service. Usage: load_so PATH/TO/libfips140.so; prints "loaded <version>". */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: load_so LIBRARY\n");
        return 2;
    }
    void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        fprintf(stderr, "load_so: %s\n", dlerror());
        return 1;
    }
    const char *(*version)(void) = (const char *(*)(void))dlsym(h, "fips140_module_version");
    if (version == NULL) {
        fprintf(stderr, "load_so: %s\n", dlerror());
        return 1;
    }
    printf("loaded %s\n", version());
    return 0;
}
