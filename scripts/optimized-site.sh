#!/usr/bin/env bash
# A copy of the debug site whose wasm went through binaryen's optimizer with the release build's
# features, for the end-to-end check that an optimized wasm still starts in the browser.
# (Debian's binaryen 108 once produced a release wasm that failed to start while every debug
# test passed.) The split release site itself is checked by `make bench` (bench.config.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/site-opt
cp -r target/site target/site-opt
mapfile -t flags < <(python3 -c '
import tomllib
meta = tomllib.load(open("Cargo.toml", "rb"))["workspace"]["metadata"]["leptos"][0]
print("\n".join(f for f in meta["wasm-opt-features"] if f.startswith("--enable-")))')
# Optimize level 1 instead of the release -Oz: the same reading and writing of every module, in
# a fraction of the time on the large debug wasm.
# (binaryen warns once per chunk about a name subsection it does not know; nothing to act on.)
node scripts/wasm-opt-site.mjs target/site-opt/pkg 1 0 "${flags[@]}" 2> >(grep -v "unknown name subsection" >&2)
