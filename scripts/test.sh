#!/usr/bin/env bash
# Installs what is missing, builds, and runs everything CI checks; ends with a summary of the steps.
#   1. the whole test suite (gcc, RelWithDebInfo: the build that is shipped) — ctest's summary;
#   2. the Debian package: built, linted, installed, run and removed (scripts/package-check.sh);
#   3. (opt-in) clang-tidy on the whole tree (scripts/tidy.sh);
#   4. (opt-in) the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer (clang, build-asan/),
#      with the fuzz targets' regression inputs and a 60-second smoke run per fuzz target.
# The default is "suite package": on 2 cores, clang-tidy over the whole tree (~21 min) and the clang
# sanitizer build with its suite do not fit beside them in CI's 30 minutes yet; run them with
# SOHOA_TEST_STEPS="tidy sanitize" (any of: suite package tidy sanitize).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test || exit 1
steps=${SOHOA_TEST_STEPS:-suite package}
jobs=$(nproc)
summary=()
status=0
run_step() {
    local name=$1; shift
    local start=$SECONDS
    echo "======== $name"
    if "$@"; then summary+=("PASS  $name ($((SECONDS - start)) s)")
    else summary+=("FAIL  $name ($((SECONDS - start)) s)"); status=1; fi
}
has_step() { [[ " $steps " == *" $1 "* ]]; }

if has_step suite || has_step package || has_step tidy; then
    build_dir=$(SOHOA_SANITIZE=0 scripts/build.sh | tail -n 1) || { echo "build failed"; exit 1; }
fi
has_step suite && run_step "test suite" bash -c "cd '$build_dir' && ctest --output-on-failure -j $jobs --timeout 900"
has_step package && run_step "package" scripts/package-check.sh "$build_dir"
has_step tidy && run_step "clang-tidy" scripts/tidy.sh -j "$jobs" -p "$build_dir"
if has_step sanitize; then
    if asan_dir=$(SOHOA_SANITIZE=1 scripts/build.sh | tail -n 1); then
        run_step "test suite under ASan+UBSan, fuzz smoke runs" \
            bash -c "cd '$asan_dir' && ctest --output-on-failure -j $jobs --timeout 900"
    else
        summary+=("FAIL  sanitizer build"); status=1
    fi
fi
echo "======== summary"
printf '%s\n' "${summary[@]}"
exit $status
