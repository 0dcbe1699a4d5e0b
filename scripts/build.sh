#!/usr/bin/env bash
# Configures and builds SoHoa; prints the build folder on its last line.
# SOHOA_SANITIZE=1 builds with clang, AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer
# targets (fuzz/) into build-asan/: -O1 with line tables and assert() kept, the suite and the fuzzers
# share that one build.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOHOA_WERROR=ON)
# A developer's ccache, when installed, makes rebuilds across checkouts cheap; CI does not need it.
if command -v ccache >/dev/null; then
    cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
if [ "${SOHOA_SANITIZE:-0}" = "1" ]; then
    build_dir=build-asan
    export CC=clang CXX=clang++
    cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1"
        "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DSOHOA_WERROR=ON -DSOHOA_SANITIZE=ON -DSOHOA_FUZZ=ON
        "${cmake_args[@]:4}")
fi
cmake -S . -B "$build_dir" "${cmake_args[@]}" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
echo "$build_dir"
