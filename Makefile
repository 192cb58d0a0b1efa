# Gatehouse: the two commands are `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export CARGO_TERM_COLOR ?= never

.PHONY: run test test-rust test-e2e bench tools screenshots dev-oidc release

## Build and serve on http://localhost:3000 with SQLite (data/gatehouse.db), the demo
## directory and development conveniences.
run:
	@scripts/ensure-tools.sh build
	GATEHOUSE_DEV=1 GATEHOUSE_DEMO_DATA=1 cargo leptos serve --split

## A development OpenID Connect provider on http://localhost:3005 to try 以 Google 登入 with
## `make run` (README: "Trying Google sign-in").
dev-oidc:
	@scripts/ensure-tools.sh test
	cd end2end && OIDC_PORT=3005 node oidc/provider.mjs

## Every test: unit and integration tests on SQLite and PostgreSQL, then the end-to-end
## suite in Chromium.
## Prints how long each phase took at its end, passed or not (CI's budget is 45 minutes).
test:
	@phases=(); started=$$SECONDS; \
	  phase() { local name=$$1 from=$$SECONDS; shift; "$$@"; local rc=$$?; phases+=("$$(printf '%-6s %5d s' "$$name" $$((SECONDS - from)))"); return $$rc; }; \
	  report() { echo; echo "== time by phase"; printf '  %s\n' "$${phases[@]}"; printf '  %-6s %5d s\n' total $$((SECONDS - started)); }; \
	  trap report EXIT; \
	  phase tools scripts/ensure-tools.sh test && \
	  phase rust $(MAKE) --no-print-directory test-rust && \
	  phase e2e $(MAKE) --no-print-directory test-e2e

# The flags cargo-leptos gives its server builds (erase_components: type-erased views; see
# always-erase-components in Cargo.toml). Other cargo builds of the server take the same ones
# so that each reuses the others' compiled dependencies: the site build after the tests
# compiles 10 crates instead of about 500, and the benchmark's after the release site as few.
LEPTOS_RUSTFLAGS := --cfg erase_components

test-rust:
	@url=$$($(CURDIR)/scripts/test-postgres.sh start) && trap '$(CURDIR)/scripts/test-postgres.sh stop' EXIT && \
	  $(CURDIR)/scripts/solver-wasm.sh --check && cargo test -q -p solver && \
	  export RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" && \
	  GATEHOUSE_TEST_PG_URL=$$url cargo test -p app --features ssr && \
	  GATEHOUSE_TEST_PG_URL=$$url cargo test -p gatehouse

test-e2e:
	cargo leptos build --split
	scripts/optimized-site.sh
	@url=$$($(CURDIR)/scripts/test-postgres.sh start) && trap '$(CURDIR)/scripts/test-postgres.sh stop' EXIT && \
	  cd end2end && GATEHOUSE_E2E_PG_URL=$$url npx playwright test

## Every page at 360 and 1280 px, signed out and signed in, as PNGs in target/screenshots/, with
## the national directory loaded (DIRECTORY_FILES, paths from the repository root).
DIRECTORY_FILES ?= ../shared/data/GDS.csv ../shared/data/e1_new.csv ../shared/data/change.csv
screenshots:
	@scripts/ensure-tools.sh test
	cargo leptos build --split
	@url=$$($(CURDIR)/scripts/test-postgres.sh start) && trap '$(CURDIR)/scripts/test-postgres.sh stop' EXIT && \
	  cd end2end && GATEHOUSE_E2E_PG_URL=$$url GATEHOUSE_E2E_IMPORT="$(DIRECTORY_FILES)" \
	  npx playwright test tests/pages.spec.ts --project desktop-sqlite --project phone

## The release build: target/release/gatehouse and the site in target/site (docs/operating.md).
release:
	@scripts/ensure-tools.sh build
	scripts/release-build.sh

## Speed and size figures: lookup latency, import time, wasm/JS/CSS sizes.
bench:
	@scripts/ensure-tools.sh bench
	LEPTOS_RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" bench/run.sh

tools:
	@scripts/ensure-tools.sh test
