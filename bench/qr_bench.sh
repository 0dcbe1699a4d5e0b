#!/usr/bin/env bash
# QR stamping benchmark: SoHoa against qpdf --overlay, side by side in one run.
# A 500-page PDF is built from the clean corpus (qpdf --empty --pages, repeated); then
# (a) `sohoa-cli stamp-qr --pages all` (one shared Form XObject, incremental update), and
# (b) `qpdf --overlay QR.pdf --repeat=1 -- in.pdf out.pdf`, where QR.pdf is a blank one-page PDF
#     carrying the same code, stamped by sohoa-cli itself.
# Each is run RUNS times (default 3) and the best wall time counts (a loaded machine adds noise, not
# speed). Prints pages/second of both, the speed ratio (target >= 3x) and the bytes added per stamped
# page (target <= 300), and checks both outputs with qpdf --check and one page with zbarimg.
# Usage: bench/qr_bench.sh [pages] [runs]     (defaults: 500, 3)
# SOHOA_CLI=path/to/sohoa-cli skips the build and uses that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
pages="${1:-500}"
runs="${2:-3}"
corpus="${SOHOA_CORPUS:-$PWD/../shared/corpus}/pdf/clean"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_LOGGING_RULES="sohoa.*=false"
export QT_QPA_PLATFORM=offscreen
now() { date +%s.%N; }

echo "== input: $pages pages from $corpus (qpdf --empty --pages, repeated)"
mapfile -t originals < <(find "$corpus" -maxdepth 1 -name '*.pdf' | sort)
[ "${#originals[@]}" -gt 0 ] || { echo "no PDFs in $corpus" >&2; exit 1; }
parts=()
for f in "${originals[@]}"; do
    # Encrypted files cannot be merged without being decrypted; they add nothing here.
    qpdf --show-encryption "$f" 2>/dev/null | grep -q "not encrypted" && parts+=("$f")
done
qpdf --empty --pages "${parts[@]}" -- "$work/round.pdf" 2>/dev/null || [ -s "$work/round.pdf" ]
round=$(qpdf --show-npages "$work/round.pdf")
cp "$work/round.pdf" "$work/acc.pdf"
have=$round
while [ "$have" -lt "$pages" ]; do
    qpdf --empty --pages "$work/acc.pdf" "$work/round.pdf" -- "$work/acc2.pdf" 2>/dev/null || [ -s "$work/acc2.pdf" ]
    mv "$work/acc2.pdf" "$work/acc.pdf"
    have=$((have + round))
done
qpdf --empty --pages "$work/acc.pdf" "1-$pages" -- "$work/in.pdf" 2>/dev/null || [ -s "$work/in.pdf" ]
rm -f "$work/acc.pdf" "$work/round.pdf"
n=$(qpdf --show-npages "$work/in.pdf")
in_size=$(stat -c %s "$work/in.pdf")
echo "$work/in.pdf: $n pages, $in_size bytes"

payload="https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975"

echo "== the one-page QR PDF for qpdf --overlay (a blank A4 page stamped by sohoa-cli)"
python3 - "$work/blank.pdf" <<'PY'
import sys
objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>>>"]
out, offs = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n\r\n" % o for o in offs)
out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
PY
"$cli" stamp-qr "$work/blank.pdf" --out "$work/qr.pdf" --text "$payload" >/dev/null 2>&1

best() { sort -n | head -n 1; }
echo "== SoHoa: sohoa-cli stamp-qr --pages all ($runs runs)"
: > "$work/t-sohoa"
for _ in $(seq 1 "$runs"); do
    rm -f "$work/out-sohoa.pdf"
    t0=$(now)
    "$cli" stamp-qr "$work/in.pdf" --out "$work/out-sohoa.pdf" --text "$payload" --pages all >/dev/null 2>"$work/sohoa.log" ||
        { cat "$work/sohoa.log" >&2; exit 1; }
    t1=$(now)
    echo "$t1 - $t0" | bc -l >> "$work/t-sohoa"
done
sohoa_time=$(best < "$work/t-sohoa")

echo "== Peer: qpdf --overlay qr.pdf --repeat=1 ($runs runs)"
: > "$work/t-qpdf"
for _ in $(seq 1 "$runs"); do
    rm -f "$work/out-qpdf.pdf"
    t0=$(now)
    qpdf --overlay "$work/qr.pdf" --repeat=1 -- "$work/in.pdf" "$work/out-qpdf.pdf" 2>/dev/null ||
        [ -s "$work/out-qpdf.pdf" ] # exit 3 = warnings about the input
    t1=$(now)
    echo "$t1 - $t0" | bc -l >> "$work/t-qpdf"
done
qpdf_time=$(best < "$work/t-qpdf")

for out in out-sohoa out-qpdf; do
    rc=0
    qpdf --check "$work/$out.pdf" >/dev/null 2>&1 || rc=$?
    pdftoppm -r 150 -gray -f "$n" -l "$n" -singlefile "$work/$out.pdf" "$work/$out-last"
    read_back=$(zbarimg -q --raw "$work/$out-last.pgm" 2>/dev/null || true)
    [ "$read_back" = "$payload" ] && zb="payload read back" || zb="payload NOT read back"
    echo "$out: qpdf --check exit $rc, last page: $zb"
done
if cmp -s -n "$in_size" "$work/in.pdf" "$work/out-sohoa.pdf"; then
    echo "out-sohoa: the input is a byte-identical prefix"
else
    echo "out-sohoa: the input is NOT a prefix"
fi

sohoa_size=$(stat -c %s "$work/out-sohoa.pdf")
qpdf_size=$(stat -c %s "$work/out-qpdf.pdf")
printf '\n%-40s %6s %9s %10s %14s\n' "$n pages, best of $runs" "pages" "wall (s)" "pages/s" "bytes/page"
printf '%-40s %6d %9.3f %10.0f %+14.1f\n' "sohoa-cli stamp-qr --pages all" "$n" "$sohoa_time" \
    "$(echo "$n / $sohoa_time" | bc -l)" "$(echo "($sohoa_size - $in_size) / $n" | bc -l)"
printf '%-40s %6d %9.3f %10.0f %+14.1f\n' "qpdf --overlay (one-page QR PDF)" "$n" "$qpdf_time" \
    "$(echo "$n / $qpdf_time" | bc -l)" "$(echo "($qpdf_size - $in_size) / $n" | bc -l)"
printf 'speed-up (pages/s): %.1fx   (targets: >= 3x, <= 300 bytes per stamped page)\n' \
    "$(echo "$qpdf_time / $sohoa_time" | bc -l)"
