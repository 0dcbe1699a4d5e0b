#!/usr/bin/env bash
# Scan-to-PDF benchmark: SoHoa against scanimage + img2pdf, side by side in one run.
# 50 A4 pages at 300 dpi colour from SANE's `test` backend ("Color pattern"), as 5 ADF batches of
# 10, then one PDF of all pages. Both pipelines use JPEG quality 75 (scanimage's fixed quality).
# Prints wall time, peak RSS and output size of each. Usage: bench/scan_bench.sh [batches]
# SOHOA_CLI=path/to/sohoa-cli skips the build and uses that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
batches="${1:-5}"
quality=75

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/peer"
use_a4_test_scanner "$work/sane"
export QT_LOGGING_RULES="sohoa.*=false"

now() { date +%s.%N; }
peak=0
timed() { # runs a command under /usr/bin/time and keeps the largest max RSS seen (KB)
    /usr/bin/time -f "%M" -o "$work/rss" "$@"
    local rss
    rss=$(tail -n 1 "$work/rss")
    [ "$rss" -gt "$peak" ] && peak=$rss
    return 0
}

code="H15.50.05.13-261121-0001"
echo "== SoHoa: sohoa-cli scan x$batches + dossier export"
peak=0
t0=$(now)
for _ in $(seq 1 "$batches"); do
    timed "$cli" scan --store "$work/store" --device test:0 --source adf --mode color --resolution 300 \
        --page-size A4 --option "test-picture=Color pattern" --jpeg-quality "$quality" --dossier "$code" >/dev/null
done
timed "$cli" dossier export "$code" --store "$work/store" --out "$work/sohoa.pdf" >/dev/null
t1=$(now)
sohoa_time=$(echo "$t1 - $t0" | bc -l)
sohoa_rss=$peak
sohoa_size=$(stat -c %s "$work/sohoa.pdf")
sohoa_pages=$(pdfinfo "$work/sohoa.pdf" | awk '/^Pages:/ {print $2}')

echo "== Peer: scanimage --batch --format=jpeg x$batches + img2pdf"
peak=0
t0=$(now)
for b in $(seq 1 "$batches"); do
    timed scanimage -d test:0 --batch="$work/peer/b${b}-p%03d.jpg" --format=jpeg \
        --source "Automatic Document Feeder" --mode Color --resolution 300 -l 0 -t 0 -x 210 -y 297 \
        --test-picture "Color pattern" 2>/dev/null
done
timed img2pdf $(ls "$work"/peer/*.jpg | sort) -o "$work/peer.pdf"
t1=$(now)
peer_time=$(echo "$t1 - $t0" | bc -l)
peer_rss=$peak
peer_size=$(stat -c %s "$work/peer.pdf")
peer_pages=$(pdfinfo "$work/peer.pdf" | awk '/^Pages:/ {print $2}')

printf '\n%-28s %10s %12s %14s %6s\n' "pipeline" "wall (s)" "peak RSS" "PDF bytes" "pages"
printf '%-28s %10.2f %9d MB %14d %6s\n' "SoHoa" "$sohoa_time" $((sohoa_rss / 1024)) "$sohoa_size" "$sohoa_pages"
printf '%-28s %10.2f %9d MB %14d %6s\n' "scanimage + img2pdf" "$peer_time" $((peer_rss / 1024)) "$peer_size" "$peer_pages"
printf '\nspeed-up: %.2fx   size difference: %+.3f %%\n' "$(echo "$peer_time / $sohoa_time" | bc -l)" \
    "$(echo "($sohoa_size - $peer_size) * 100 / $peer_size" | bc -l)"
