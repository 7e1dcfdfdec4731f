# MPMLab — one entry point for everything.
#   make run    build, render the course site, serve it with mpmd on http://127.0.0.1:8080/
#   make test   install what is missing, build, run every test (XCTest + Swift Testing)
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
RELEASE := .build/release
DEBUG := .build/debug
PORT ?= 8080

# System packages: name of the Debian package -> command or pkg-config module proving it is there.
APT_PACKAGES := pkg-config libxml2-dev

.PHONY: all build debug test run site clean deps deps-browser deps-bench bench bench-grading bench-parser conformance fuzz validate-checks

all: build

deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists libxml-2.0 2>/dev/null || missing="$$missing libxml2-dev"; \
	command -v bwrap >/dev/null 2>&1 || missing="$$missing bubblewrap"; \
	command -v prlimit >/dev/null 2>&1 || missing="$$missing util-linux"; \
	command -v unzip >/dev/null 2>&1 || missing="$$missing unzip"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "deps: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "deps: missing$$missing — install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release $(BUILD_FLAGS)

debug: deps
	$(SWIFT) build $(BUILD_FLAGS)

# The browser check of the site runs when chromium is there; deps-browser installs it.
# Then the short form of validate-checks: each lab graded once, in sandboxes, on its reference
# solution (100 %), an empty submission (0 %) and every seeded wrong solution.
test: deps deps-browser
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)
	for lab in $(LABS); do $(DEBUG)/mpmlab validate-checks $$lab --skip-build --runs 1 || exit 1; done

# How long grading takes: each lab alone, and a class of 40 for lab 2 (bench/RESULTS.md).
bench-grading: deps
	bench/grading.sh

# The full proof that every check discriminates: RUNS gradings of each candidate of each lab.
LABS ?= 1 2 3 4
RUNS ?= 5
validate-checks: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	for lab in $(LABS); do $(DEBUG)/mpmlab validate-checks $$lab --skip-build --runs $(RUNS) || exit 1; done

# The master stays in the foreground (Ctrl-C stops it and its children); conf/mpmd.conf loads
# the prefork MPM.
run: build site
	@mkdir -p logs
	@echo "mpmd: serving the course on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(RELEASE)/mpmd -f conf/mpmd.conf -C "Define MPMD_LISTEN 127.0.0.1:$(PORT)"

# The static course site, rendered from labs/ into site/public/ (open site/public/index.html).
# REPORTS=DIR adds a page per lab report and a class summary, and shows beside each claim of the
# course its check's latest result. mpmd is built too: the scoreboard page shows each MPM's
# scoreboard as a server started during the rendering shows it.
site: deps
	$(SWIFT) build -c release --product mpmd $(BUILD_FLAGS)
	$(SWIFT) build -c release --product mpmlab $(BUILD_FLAGS)
	$(RELEASE)/mpmlab site --out site/public $(if $(REPORTS),--reports $(REPORTS))

# Headless chromium, used by the site's browser test (skipped when it is missing).
deps-browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "deps-browser: installing chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "deps-browser: chromium missing — install it with: sudo apt-get install chromium" >&2; exit 1; \
	  fi; }

# wrk and slowhttptest against mpmd with each MPM and Debian's apache2 with the same MPM, in
# two tuning profiles (Apache's defaults, long keep-alive); records bench/RESULTS.md. Not part
# of `make test`: timings belong here, not in tests. BENCH_PROFILES, BENCH_MPMS, BENCH_RUNS and
# BENCH_SECONDS narrow a run.
# apache2 is installed with service start-up denied (policy-rc.d): only the benchmark starts
# it, on a loopback port.
bench: build deps-bench
	bench/run.sh

# The same raw requests to mpmd and to Apache (prefork, same limits): records
# bench/CONFORMANCE.md with every answer side by side.
conformance: build deps-bench
	python3 bench/conformance.py

# The HTTP request parser alone: requests parsed per second and heap allocations per request
# (valgrind). BASE=<git revision> also builds that revision's parser and runs both back to back.
bench-parser:
	@command -v valgrind >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; } || true
	bench/parser/run.sh

# libFuzzer on the HTTP parser, the configuration reader, the XML loaders and the answers file:
# each target runs FUZZ_TIME seconds (default 60) and prints its execs and coverage; a crash,
# hang or leak fails and leaves its reproducer in Fuzz/corpus/TARGET/ (replayed by make test).
fuzz: deps
	FUZZ_TIME=$(or $(FUZZ_TIME),60) Fuzz/fuzz.sh

deps-bench:
	@missing=""; command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	command -v slowhttptest >/dev/null 2>&1 || missing="$$missing slowhttptest"; \
	[ -x /usr/sbin/apache2 ] || missing="$$missing apache2"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "deps-bench: installing$$missing"; \
	    policy=/usr/sbin/policy-rc.d; own=""; \
	    if [ ! -e $$policy ]; then printf '#!/bin/sh\nexit 101\n' > $$policy; chmod +x $$policy; own=1; fi; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	    if [ -n "$$own" ]; then rm -f $$policy; fi; \
	  else \
	    echo "deps-bench: missing$$missing — install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf .build site/public
