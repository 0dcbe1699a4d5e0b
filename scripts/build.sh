#!/usr/bin/env bash
# Configures and builds SoHoa (gcc, RelWithDebInfo, tests included) into build/; prints the build folder
# on its last line.
# SOHOA_SANITIZE=1 builds with clang, AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer
# targets (fuzz/) into build-asan/: -O1 with line tables and assert() kept, the suite and the fuzzers
# share that one build. SOHOA_PACKAGE=1 builds only the shipped programs into build-package/.
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
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOHOA_WERROR=ON)
if [ "${SOHOA_SANITIZE:-0}" = "1" ]; then
    build_dir=build-asan
    # clang 22 (Debian 12's security archive) rather than 14: clang-tidy 22 reads its precompiled headers.
    cmake_args+=(-DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22
        "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only"
        -DSOHOA_SANITIZE=ON -DSOHOA_FUZZ=ON -DSOHOA_BUILD_TESTS=ON)
elif [ "${SOHOA_PACKAGE:-0}" = "1" ]; then
    # Only what is shipped, without debug information (the package's programs are stripped anyway), into
    # build-package/: CI's package step.
    build_dir=build-package
    cmake_args+=("-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG"
        -DSOHOA_BUILD_TESTS=OFF)
else
    cmake_args+=(-DSOHOA_BUILD_TESTS=ON)
fi
cmake -S . -B "$build_dir" "${cmake_args[@]}" "${launcher[@]}" >&2
# One job more than cores: a compile runs while another links or waits on the disk.
cmake --build "$build_dir" -j "$(($(nproc) + 1))" >&2
echo "$build_dir"
