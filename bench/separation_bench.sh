#!/usr/bin/env bash
# Separation benchmark: the scan pipeline at 300 dpi colour with and without `--separate qr`, side by
# side in one run. 40 A4 pages ("Color pattern", 4 ADF batches of 10) from SANE's `test` backend into
# a dossier; every page is searched for a QR code (none is found, so every page is saved and the
# search costs its full price). Prints both wall times and the overhead (target: at most 20 %).
# Usage: bench/separation_bench.sh [batches] [rounds]   (SOHOA_CLI=path reuses a built sohoa-cli)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
batches="${1:-4}"
rounds="${2:-3}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
use_a4_test_scanner "$work/sane"
export QT_LOGGING_RULES="sohoa.*=false"

now() { date +%s.%N; }
code="H15.50.05.13-261121-0001"
run() { # $1: store, rest: extra scan options; prints the wall time of all batches
    local t0 t1
    t0=$(now)
    for _ in $(seq 1 "$batches"); do
        "$cli" scan --store "$1" --device test:0 --source adf --mode color --resolution 300 --page-size A4 \
            --option "test-picture=Color pattern" --dossier "$code" "${@:2}" >/dev/null
    done
    t1=$(now)
    echo "$t1 - $t0" | bc -l
}

# Alternate the two pipelines so that a busy moment on the machine hits both alike.
plain_total=0
sep_total=0
for r in $(seq 1 "$rounds"); do
    p=$(run "$work/plain-$r")
    s=$(run "$work/sep-$r" --separate qr)
    printf 'round %d: plain %.2f s, --separate qr %.2f s\n' "$r" "$p" "$s"
    plain_total=$(echo "$plain_total + $p" | bc -l)
    sep_total=$(echo "$sep_total + $s" | bc -l)
    pages_plain=$(find "$work/plain-$r" -name '*.jpg' | wc -l)
    pages_sep=$(find "$work/sep-$r" -name '*.jpg' | wc -l)
    [ "$pages_plain" -eq "$pages_sep" ] || { echo "page counts differ: $pages_plain vs $pages_sep" >&2; exit 1; }
    rm -rf "$work/plain-$r" "$work/sep-$r"
done
pages=$((batches * 10))
printf '\n%-26s %10s %12s\n' "pipeline ($pages pages)" "wall (s)" "pages/s"
printf '%-26s %10.2f %12.1f\n' "scan" "$(echo "$plain_total / $rounds" | bc -l)" \
    "$(echo "$pages * $rounds / $plain_total" | bc -l)"
printf '%-26s %10.2f %12.1f\n' "scan --separate qr" "$(echo "$sep_total / $rounds" | bc -l)" \
    "$(echo "$pages * $rounds / $sep_total" | bc -l)"
printf '\nseparation overhead: %+.1f %% (target <= 20 %%)\n' "$(echo "($sep_total - $plain_total) * 100 / $plain_total" | bc -l)"
