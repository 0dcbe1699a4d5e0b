#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (ends with ctest's summary).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test
build_dir=$(scripts/build.sh | tail -n 1)
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)" --timeout 900
