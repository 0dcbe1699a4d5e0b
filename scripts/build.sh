#!/usr/bin/env bash
# Configures and builds SoHoa. SOHOA_SANITIZE=1 builds with ASan+UBSan into build-asan/.
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
    cmake_args+=(-DSOHOA_SANITIZE=ON)
fi
cmake -S . -B "$build_dir" "${cmake_args[@]}" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
echo "$build_dir"
