# The two set-up commands of the README: `make run` and `make test`.
.PHONY: run test test-asan deps build build-debug build-asan bench format clean

DATA ?= ./sahayak-data
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@scripts/build-web

run: build
	@if [ ! -e "$(DATA)/sahayak.db" ]; then \
	  build/release/sahayak --data "$(DATA)" migrate && \
	  build/release/sahayak --data "$(DATA)" seed-demo; \
	else \
	  echo "Using the existing data folder $(DATA) (demo admin: admin@demo.sahayak.local / sahayak-demo)"; \
	fi
	@echo "Open http://$(LISTEN)/ (Ctrl-C stops the server)"
	@build/release/sahayak --data "$(DATA)" serve --listen "$(LISTEN)"

test: deps
	@scripts/test

# make test plus the unit and integration suites again on an ASan/UBSan build (about an hour
# more on two cores; docs/decisions/0005-sanitizer-suites-outside-make-test.md).
test-asan: deps
	@SAHAYAK_TEST_ASAN=1 scripts/test

bench: build
	@bench/run.sh

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
