#!/usr/bin/env bash
# The workstation against Debian's simple-scan and skanpage, side by side on one Xvfb display:
#  1. cold start: from launch until `xdotool search --onlyvisible --pid` finds a shown window
#     (5 runs each, median; every run with a fresh HOME and settings, SANE's test scanner only);
#  2. inside sohoa (sohoa-gui-bench, offscreen): the longest event-loop stall during a 50-page
#     300 dpi colour scan and each page's time from saved to thumbnail;
#  3. a 500-page dossier: first thumbnails after choosing it, the longest stall while scrolling,
#     peak RSS.
# Usage: bench/gui_bench.sh [RUNS]   (from the repository root; SOHOA_BUILD=DIR reuses a build)
set -euo pipefail
cd "$(dirname "$0")/.."
# One session bus for all three programs (simple-scan and skanpage want one), made before any is timed.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null; then
    exec dbus-run-session -- "$0" "$@"
fi
runs="${1:-5}"
scripts/install-deps.sh bench
build_dir="${SOHOA_BUILD:-$(scripts/build.sh | tail -n 1)}"
sohoa="$PWD/$build_dir/app/gui/sohoa"
gui_bench="$PWD/$build_dir/bench/sohoa-gui-bench"

work=$(mktemp -d)
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/sane"
printf 'test\npnm\n' > "$work/sane/dll.conf"
sed -e 's/^geometry_max .*/geometry_max 400.0/' -e 's/^br_x .*/br_x 210.0/' -e 's/^br_y .*/br_y 297.0/' \
    /etc/sane.d/test.conf > "$work/sane/test.conf"
export SANE_CONFIG_DIR="$work/sane"

for n in $(seq 93 140); do [ -e "/tmp/.X$n-lock" ] || break; done
Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.05; done
export DISPLAY=":$n"

# start_time NAME COMMAND...: seconds from launch to a visible window of that process.
start_time() {
    local name="$1"; shift
    local home="$work/home-$name-$RANDOM"
    mkdir -p "$home"
    local t0 t1 pid
    t0=$(date +%s.%N)
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        QT_QPA_PLATFORM=xcb "$@" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 2000); do
        if xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; then break; fi
        sleep 0.005
    done
    t1=$(date +%s.%N)
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "$t1 - $t0" | bc -l
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== cold start to a shown window (median of $runs, seconds) =="
declare -A starts
for app in sohoa simple-scan skanpage; do
    case "$app" in
        sohoa) cmd=("$sohoa" --store "$work/store-$RANDOM") ;;
        simple-scan) cmd=(simple-scan) ;;
        skanpage) cmd=(skanpage) ;;
    esac
    if ! command -v "${cmd[0]}" >/dev/null; then echo "$app: not installed"; continue; fi
    values=()
    for _ in $(seq "$runs"); do values+=("$(start_time "$app" "${cmd[@]}")"); done
    starts[$app]=$(printf '%s\n' "${values[@]}" | median)
    printf '%-12s %s   (runs: %s)\n' "$app" "${starts[$app]}" "${values[*]}"
done

echo "== sohoa during a 50-page 300 dpi colour scan (test scanner feeder) =="
"$gui_bench" scan 50
echo "== sohoa during 50 distinct 300 dpi colour pages (pnm scanner, one sheet per F5) =="
"$gui_bench" scan-distinct 50
echo "== sohoa with a 500-page dossier =="
/usr/bin/time -f 'process peak RSS %M KB' "$gui_bench" large 500
