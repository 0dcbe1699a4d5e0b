#!/usr/bin/env bash
# Configures and builds SoHoa; prints the build folder on its last line.
# SOHOA_SANITIZE=1 builds with clang, AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer
# targets (fuzz/) into build-asan/: -O1 with line tables and assert() kept, the suite and the fuzzers
# share that one build.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build
launcher=()
# A developer's ccache, when installed, makes rebuilds across checkouts cheap; CI does not need it.
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    # Without these, ccache does not cache files compiled with a precompiled header.
    export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
fi
# SOHOA_BUILD_TESTS=OFF builds only what is shipped (CI's package step); passed every time, so that one
# such build does not leave the setting behind in the folder's cache.
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOHOA_WERROR=ON "-DSOHOA_BUILD_TESTS=${SOHOA_BUILD_TESTS:-ON}")
if [ "${SOHOA_SANITIZE:-0}" = "1" ]; then
    build_dir=build-asan
    export CC=clang CXX=clang++
    cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only"
        "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" -DSOHOA_WERROR=ON -DSOHOA_SANITIZE=ON -DSOHOA_FUZZ=ON
        -DSOHOA_BUILD_TESTS=ON)
fi
cmake -S . -B "$build_dir" "${cmake_args[@]}" "${launcher[@]}" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
echo "$build_dir"
