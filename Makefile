# runcare: a thin wrapper around Meson + Ninja.
#
#   make          build build/runcare
#   make run      install what is missing, build, start the main job
#   make test     install what is missing, build, run every test
#   make asan     the unit and CLI tests under AddressSanitizer + UBSan
#   make fuzz     every libFuzzer harness for FUZZ_SECONDS each (default 60)
#   make bench    the benchmarks under bench/
#
# Dependencies come from Debian's packages only. As root the missing ones
# are installed with apt-get; otherwise the one sudo line is printed.

DEB_PACKAGES = gcc make meson ninja-build pkg-config python3 \
	libsqlite3-dev libjansson-dev libmicrohttpd-dev libexpat1-dev \
	zlib1g-dev libzip-dev libsodium-dev libcmocka-dev \
	clang libclang-rt-14-dev sqlite3 tmux \
	chromium poppler-utils curl openssl wrk nginx-light \
	hyperfine jq gpsbabel python3-gpxpy nodejs

BUILD ?= build
MESON_FLAGS ?=
FUZZ_SECONDS ?= 60

ifeq ($(CI),true)
MESON_FLAGS += -Dwerror=true
endif

.PHONY: all build deps run test unit cli-test asan fuzz fuzz-long bench clean

all: build

deps:
	@sh tools/deps.sh $(DEB_PACKAGES)

$(BUILD)/build.ninja:
	meson setup $(BUILD) $(MESON_FLAGS)

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: deps build
	./$(BUILD)/runcare serve

unit: build
	meson test -C $(BUILD) --print-errorlogs

asan:
	@test -f build-asan/build.ninja || meson setup build-asan $(MESON_FLAGS) \
		-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
	ninja -C build-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C build-asan --print-errorlogs

fuzz:
	@test -f build-fuzz/build.ninja || CC=clang meson setup build-fuzz \
		-Dfuzzing=true -Db_lundef=false -Dbuildtype=debugoptimized
	ninja -C build-fuzz
	sh tools/fuzz.sh build-fuzz $(FUZZ_SECONDS)

fuzz-long:
	$(MAKE) fuzz FUZZ_SECONDS=1800

test: deps build
	sh tools/test.sh $(BUILD) $(FUZZ_SECONDS)

bench: deps build
	sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-fuzz

# Garmin's FIT SDK (npm) for the FIT decoder comparison in tests/fitsdk and
# the benchmark peers; the meson test is skipped while it is missing.
.PHONY: npm-deps
npm-deps:
	@test -d tests/fitsdk/node_modules || ! command -v npm >/dev/null || \
		(cd tests/fitsdk && npm ci --no-audit --no-fund)
test: npm-deps
