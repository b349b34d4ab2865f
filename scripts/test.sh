#!/usr/bin/env bash
# Runs every test: rustfmt and clippy, the Rust tests (`cargo test`), then the browser suite in tests/e2e/ against
# the repository's site in both themes. Installs what the browser suite needs when it is
# missing — Debian's chromium and a Java runtime (for the Nu HTML checker) with apt, and the npm
# packages pinned in tests/e2e/package-lock.json — so it works on a fresh machine. Idempotent.
#
# Not root, it runs apt-get through sudo (which may ask for a password). `--dry-run` prints what
# it would install and how, has apt-get resolve the packages without installing them
# (`apt-get install --simulate`, which needs no root), and exits without testing.
set -euo pipefail
cd "$(dirname "$0")/.."

dry_run=false
case "${1:-}" in
  --dry-run) dry_run=true ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--dry-run]" >&2; exit 2 ;;
esac

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
((${#packages[@]})) && packages+=(fonts-dejavu-core)
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
if $dry_run; then
  if ((${#packages[@]})); then
    echo "would install with apt-get${sudo:+ (through sudo)}: ${packages[*]}"
    plan=$(apt-get install --simulate --no-install-recommends "${packages[@]}" 2>&1 || true)
    grep -E '^(Inst|E:)' <<<"$plan" || true
    if grep -q '^E:' <<<"$plan"; then
      echo "apt-get cannot resolve these packages here (run 'sudo apt-get update' first?)" >&2
      exit 1
    fi
  else
    echo "apt: chromium and java are installed; nothing to install"
  fi
  if (cd tests/e2e && npm ls --silent >/dev/null 2>&1); then
    echo "npm: the browser suite's packages are installed"
  else
    echo "would install the browser suite's npm packages: (cd tests/e2e && npm ci)"
  fi
  exit 0
fi
if ((${#packages[@]})); then
  echo "installing ${packages[*]} (apt${sudo:+, through sudo})"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
if ! (cd tests/e2e && npm ls --silent >/dev/null 2>&1); then
  echo "installing the browser suite's npm packages"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

# The code's own rules first: formatted, and clippy-clean with every warning an error (which
# includes no function over 80 lines, clippy.toml, and no `unsafe`, Cargo.toml's [lints]).
cargo fmt --check
cargo clippy --quiet --all-targets --locked -- -D warnings
cargo test
# The fuzz targets run only on nightly (fuzz/README.md); type-checked here on stable, so a change
# of the code they call cannot leave them broken.
cargo check --quiet --locked --manifest-path fuzz/Cargo.toml --bins
cargo build --quiet
(cd tests/e2e && npm test)
