#!/usr/bin/env bash
# Runs every test: the Rust tests (`cargo test`), then the browser suite in tests/e2e/ against
# the repository's site in both themes. Installs what the browser suite needs when it is
# missing — Debian's chromium and a Java runtime (for the Nu HTML checker) with apt, and the npm
# packages pinned in tests/e2e/package-lock.json — so it works on a fresh machine. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} (apt)"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi
if ! (cd tests/e2e && npm ls --silent >/dev/null 2>&1); then
  echo "installing the browser suite's npm packages"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo test
# The fuzz targets run only on nightly (fuzz/README.md); type-checked here on stable, so a change
# of the code they call cannot leave them broken.
cargo check --quiet --locked --manifest-path fuzz/Cargo.toml --bins
cargo build --quiet
(cd tests/e2e && npm test)
