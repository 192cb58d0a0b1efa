#!/usr/bin/env bash
# Installs what building, running and testing Gatehouse need, and only what is missing.
# Everything comes from the package registries (crates.io, Debian, npm); nothing else is
# downloaded. Usage: scripts/ensure-tools.sh build|test|bench
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs a newer rustc than this machine's 1.95
need="${1:-build}"

sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated = 0 ]; then sudo_if_needed apt-get update -qq; apt_updated=1; fi
  echo "installing Debian packages: ${missing[*]}"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos, without its own downloads: it takes every tool from PATH. A debug build: it
# only orchestrates (rustc, wasm-bindgen and wasm-opt do the work), a release build of the
# site takes as long with it, and it installs in 9 minutes instead of 20 on two cores.
if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
  cargo install cargo-leptos@"$CARGO_LEPTOS_VERSION" --locked --features no_downloads --debug
fi

# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  # --locked has failed when the registry lagged a dependency; retry without it.
  cargo install wasm-bindgen-cli --version "$wb_version" --locked || cargo install wasm-bindgen-cli --version "$wb_version"
fi

# Node and npm: the npm packages below, and the development OpenID Connect provider.
command -v npm >/dev/null 2>&1 || apt_install nodejs npm

# wasm-opt for release builds: binaryen 132 from npm. Debian's binaryen 108 rewrites the
# externref table that wasm-bindgen now emits, and the release site then fails to start in the
# browser ("WebAssembly.Table.set(): Argument 1 is invalid"). scripts/release-build.sh puts
# this one first on PATH.
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ tools/package-lock.json -nt tools/node_modules/.installed ]; then
  (cd tools && npm ci --no-audit --no-fund && touch node_modules/.installed)
fi

if [ "$need" = test ] || [ "$need" = bench ]; then
  apt_install chromium postgresql fonts-noto-cjk
  # The `https` project: nginx in front of two servers, with a certificate of a test CA made by
  # openssl and trusted by Chromium through an NSS database (certutil); curl waits for them.
  apt_install nginx libnss3-tools openssl curl
  # `systemd-analyze verify` checks the systemd unit in deploy/ (server/tests/it/deploy.rs).
  command -v systemd-analyze >/dev/null 2>&1 || apt_install systemd
  if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules/.installed ]; then
    (cd end2end && npm ci --no-audit --no-fund && touch node_modules/.installed)
  fi
  # A real SMTP server for the mail delivery tests (PyPI).
  if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check 'aiosmtpd==1.4.6'
  fi
fi
