# Sourced by the benchmarks (from the repository root): installs the bench packages and sets `cli`
# to sohoa-cli — $SOHOA_CLI when given (reuse a built binary), else a fresh build.
scripts/install-deps.sh bench
if [ -n "${SOHOA_CLI:-}" ]; then
    cli="$SOHOA_CLI"
else
    build_dir=$(scripts/build.sh | tail -n 1)
    cli="$PWD/$build_dir/app/cli/sohoa-cli"
fi

# use_a4_test_scanner DIR: SANE_CONFIG_DIR=DIR with only the `test` backend, its scan area widened
# to A4 (the default test.conf stops at 200 mm wide).
use_a4_test_scanner() {
    mkdir -p "$1"
    printf 'test\n' > "$1/dll.conf"
    sed -e 's/^geometry_max .*/geometry_max 400.0/' -e 's/^br_x .*/br_x 210.0/' -e 's/^br_y .*/br_y 297.0/' \
        /etc/sane.d/test.conf > "$1/test.conf"
    export SANE_CONFIG_DIR="$1"
}
