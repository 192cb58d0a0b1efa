#!/usr/bin/env bash
# The release build of the site: an optimized server and wasm, with binaryen's wasm-opt from
# tools/ (npm) first on PATH, because Debian's binaryen 108 breaks the wasm (see
# scripts/ensure-tools.sh). Then the wasm, JS and CSS precompressed beside themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh build
PATH="$PWD/tools/node_modules/.bin:$PATH" cargo leptos build --release --split
# Brotli and gzip copies of the wasm, JS and CSS, made once here instead of on every request.
target/release/gatehouse precompress target/site/pkg
