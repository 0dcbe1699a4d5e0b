#!/usr/bin/env bash
# The main job: installs what is missing, builds, and starts the workstation in demo mode (SANE's
# virtual scanners, fed with sample pages it draws). On a machine without a display it says so and
# runs the command-line demo instead: five pages from the virtual scanner's document feeder into a
# demo dossier, exported as a PDF whose path it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
build_dir=$(scripts/build.sh | tail -n 1)

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$build_dir/app/gui/sohoa" --demo ${SOHOA_STORE:+--store "$SOHOA_STORE"}
fi
echo "No display (DISPLAY is empty): running the command-line demo instead of the window." >&2
echo "Không có màn hình (DISPLAY trống): chạy bản trình diễn dòng lệnh thay cho cửa sổ." >&2

# A private SANE configuration with the virtual `test` backend set up for A4 pages.
sane_dir=$(mktemp -d)
trap 'rm -rf "$sane_dir"' EXIT
printf 'test\n' > "$sane_dir/dll.conf"
sed -e 's/^geometry_max .*/geometry_max 400.0/' -e 's/^br_x .*/br_x 210.0/' -e 's/^br_y .*/br_y 297.0/' \
    /etc/sane.d/test.conf > "$sane_dir/test.conf"
export SANE_CONFIG_DIR="$sane_dir"

store="${SOHOA_STORE:-$PWD/demo-store}"
code="H15.50.05.13-$(date +%y%m%d)-0001"
cli="$build_dir/app/cli/sohoa-cli"
"$cli" scan --store "$store" --device test:0 --source adf --mode color --resolution 200 --page-size A4 \
    --option test-picture="Color pattern" --max-pages 5 --dossier "$code" --component "Đơn đề nghị"
out="$store/$code.pdf"
"$cli" dossier export "$code" --store "$store" --out "$out" --overwrite
