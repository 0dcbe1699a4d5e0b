#!/usr/bin/env bash
# Configures and builds SoHoa. SOHOA_SANITIZE=1 builds with ASan+UBSan into build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOHOA_WERROR=ON)
if [ "${SOHOA_SANITIZE:-0}" = "1" ]; then
    build_dir=build-asan
    cmake_args+=(-DSOHOA_SANITIZE=ON)
fi
cmake -S . -B "$build_dir" "${cmake_args[@]}" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
echo "$build_dir"
