#!/usr/bin/env bash
# A copy of the debug site whose wasm went through wasm-opt with the release build's flags, for
# the end-to-end check that an optimized wasm still starts in the browser. (Debian's binaryen
# 108 once produced a release wasm that failed to start while every debug test passed.)
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/site-opt
cp -r target/site target/site-opt
mapfile -t flags < <(python3 -c '
import tomllib
meta = tomllib.load(open("Cargo.toml", "rb"))["workspace"]["metadata"]["leptos"][0]
print("\n".join(meta["wasm-opt-features"]))')
# -O1 instead of the release -Oz: the same reading and writing of the module, in a quarter of
# the time on the large debug wasm.
flags=("${flags[@]/-Oz/-O1}")
tools/node_modules/.bin/wasm-opt "${flags[@]}" target/site-opt/pkg/gatehouse.wasm -o target/site-opt/pkg/gatehouse.wasm
