#!/usr/bin/env bash
# Builds the light pages' CAPTCHA wasm (solver/, feature `standalone`) into
# app/scripts/captcha-solver.wasm, which the server embeds and serves under a content-hashed
# name. The module is committed so that a server build needs no second wasm build; with
# --check this builds it afresh and fails if the committed one differs from its source.
# Paths are remapped so that the bytes do not depend on where the clone or cargo's home is.
set -euo pipefail
cd "$(dirname "$0")/.."
out=app/scripts/captcha-solver.wasm
cargo_home=${CARGO_HOME:-$HOME/.cargo}
RUSTFLAGS="--remap-path-prefix=$PWD=/gatehouse --remap-path-prefix=$cargo_home=/cargo" \
  CARGO_TARGET_DIR=target/solver \
  cargo rustc -q -p solver --features standalone --profile solver \
  --target wasm32-unknown-unknown --crate-type cdylib
built=target/solver/wasm32-unknown-unknown/solver/solver.wasm
if [[ ${1:-} == --check ]]; then
  if ! cmp -s "$built" "$out"; then
    echo "$out differs from a fresh build of solver/: run scripts/solver-wasm.sh and commit it" >&2
    exit 1
  fi
else
  cp "$built" "$out"
fi
