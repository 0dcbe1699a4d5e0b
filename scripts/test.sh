#!/usr/bin/env bash
# Installs what is missing, builds, and runs everything CI checks; ends with a summary of the steps.
# Steps (SOHOA_TEST_STEPS, default "sanitize tidy package"):
#   sanitize  the sanitizer build (clang, AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer coverage;
#             build-asan/) of everything, and the whole test suite under it: every test, the fuzz
#             targets' kept crash inputs, and a 60-second smoke run per fuzz target;
#   tidy      clang-tidy (the committed .clang-tidy) on every source file of the tree, with build-asan's
#             compile commands (scripts/tidy.sh);
#   package   the shipped build (gcc, -O2, no tests, no debug information: the package strips it anyway;
#             build-package/) made into the Debian package, linted, installed, run and removed
#             (scripts/package-check.sh);
#   suite     (not in the default) the whole suite once more on the gcc build (build/, tests included).
# The suite runs once in CI, under the sanitizers: on 2 cores a second build of the tests and a second run
# of the suite do not fit in CI's 30 minutes beside the sanitizer build and clang-tidy.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test || exit 1
steps=${SOHOA_TEST_STEPS:-sanitize tidy package}
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
# A build that fails is a failed step; the steps that need it are not run. Sets built_dir.
build() {
    local name=$1 start=$SECONDS; shift
    echo "======== $name"
    if built_dir=$(env "$@" scripts/build.sh | tail -n 1); then
        summary+=("PASS  $name ($((SECONDS - start)) s)")
    else
        summary+=("FAIL  $name ($((SECONDS - start)) s)")
        status=1
        return 1
    fi
}

if has_step sanitize || has_step tidy; then
    if build "sanitizer build (clang)" SOHOA_SANITIZE=1; then
        asan_dir=$built_dir
        # One slot more than cores: the six fuzz smoke runs take turns in one (fuzz/CMakeLists.txt) while
        # the tests keep the cores busy.
        has_step sanitize && run_step "test suite under ASan+UBSan, fuzz regressions and smoke runs" \
            bash -c "cd '$asan_dir' && ctest --output-on-failure -j $((jobs + 1)) --timeout 900"
        has_step tidy && run_step "clang-tidy" scripts/tidy.sh -j "$jobs" -p "$asan_dir"
    fi
fi
if has_step package && build "shipped build (gcc)" SOHOA_PACKAGE=1; then
    run_step "package" scripts/package-check.sh "$built_dir"
fi
if has_step suite && build "gcc build with the tests" SOHOA_SANITIZE=0; then
    run_step "test suite (gcc)" bash -c "cd '$built_dir' && ctest --output-on-failure -j $jobs --timeout 900"
fi
echo "======== summary"
printf '%s\n' "${summary[@]}"
exit $status
