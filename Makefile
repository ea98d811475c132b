# fips140 - top-level commands (README). CMake does the building underneath, into build/.
#   make                build build/bin/fips140, build/lib/libfips140.{a,so}
#   make demo           the main job (scripts/demo.sh, DESIGN 3.8): selftest, install the provider into build/stage,
#                       openssl digest/signature/TLS 1.3 through fips140 alone, tamper -> refusal, restore -> works
#   make check          build and run every test: optimised (gcc), ASan+UBSan (clang), and a clang -Werror build;
#                       then the break tests in a third build (build-break: gcc, -DFIPS140_BREAK_TESTS=ON)
#   make install PREFIX=/usr/local
#   make bench          side-by-side benchmark with `openssl speed` (module, and the provider vs OpenSSL's default
#                       provider), written to bench/RESULTS.md
BUILD ?= build
BUILD_ASAN ?= build-asan
BUILD_BREAK ?= build-break
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CC ?= cc
CTEST_FLAGS ?= --output-on-failure -j $(JOBS)

.PHONY: all deps configure demo check check-fast check-asan check-break check-clang install bench clean

all: configure
	cmake --build $(BUILD) -j $(JOBS)

deps:
	@sh scripts/deps.sh

configure: deps
	@[ -f $(BUILD)/build.ninja ] || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=Release

demo: all
	sh scripts/demo.sh $(BUILD)

check-fast: all
	cd $(BUILD) && ctest $(CTEST_FLAGS)

check-asan: deps
	@[ -f $(BUILD_ASAN)/build.ninja ] || cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_C_COMPILER=clang \
		-DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g" -DFIPS140_SANITIZE=ON
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && ctest $(CTEST_FLAGS) -E '@(no-shani)$$'

# check-break - a test-only build where FIPS140_BREAK=<name> forces that self-test to fail (never installed); only
# the fips140 command is built, then tests/break/break_test.py runs through ctest (break.forced).
check-break: deps
	@[ -f $(BUILD_BREAK)/build.ninja ] || cmake -S . -B $(BUILD_BREAK) -G Ninja -DCMAKE_C_COMPILER=gcc \
		-DCMAKE_BUILD_TYPE=Release -DFIPS140_BREAK_TESTS=ON
	cmake --build $(BUILD_BREAK) -j $(JOBS) --target fips140
	cd $(BUILD_BREAK) && ctest $(CTEST_FLAGS) -R '^break\.'

check: check-fast check-asan check-break
	@echo "make check: all test suites passed (optimised gcc build, clang ASan+UBSan build, break-test build)"

install: all
	cmake --install $(BUILD) --prefix $(PREFIX)

bench: all
	python3 bench/compare.py --cli $(BUILD)/bin/fips140 --update bench/RESULTS.md
	python3 bench/provider_bench.py --build $(BUILD) --update bench/RESULTS.md

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_BREAK)
