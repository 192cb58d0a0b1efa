#!/usr/bin/env bash
# Builds the release site and prints the figures. Uses a throwaway PostgreSQL database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/release-build.sh
# The benchmark's server code built with the release site's flags, so that it reuses that
# build's compiled dependencies (set by the Makefile; cargo-leptos adds them by itself).
export RUSTFLAGS="${LEPTOS_RUSTFLAGS:---cfg erase_components}"
url=$(scripts/test-postgres.sh start)
trap 'scripts/test-postgres.sh stop' EXIT
psql "$url" -qc "DROP DATABASE IF EXISTS gatehouse_bench" -c "CREATE DATABASE gatehouse_bench"
GATEHOUSE_BENCH_PG_URL="${url%/*}/gatehouse_bench" cargo run --release -q -p gatehouse-bench directory
psql "$url" -qc "DROP DATABASE IF EXISTS gatehouse_start" -c "CREATE DATABASE gatehouse_start"
GATEHOUSE_BENCH_PG_START_URL="${url%/*}/gatehouse_start" cargo run --release -q -p gatehouse-bench start
cargo run --release -q -p gatehouse-bench workbooks
cargo run --release -q -p gatehouse-bench sign-in
cargo run --release -q -p gatehouse-bench provider
# 200 people for 60 seconds against the release server over HTTP, on SQLite and PostgreSQL.
psql "$url" -qc "DROP DATABASE IF EXISTS gatehouse_load" -c "CREATE DATABASE gatehouse_load"
GATEHOUSE_BENCH_PG_LOAD_URL="${url%/*}/gatehouse_load" cargo run --release -q -p gatehouse-bench load
# Browser figures: the grid with 10,000 rows in Chromium, against the release build.
(cd end2end && npx playwright test -c bench.config.ts)
