#!/usr/bin/env bash
# Archival output benchmark, side by side in one run:
#  1. cleanup's cost in the 300 dpi scan pipeline: the same ADF batches from SANE's `test` backend
#     with and without --cleanup deskew,orient,crop,blank (goal: at most +30 %);
#  2. 20 corpus pages to a searchable PDF/A-2b with Vietnamese OCR: `sohoa-cli dossier export --pdfa
#     --ocr vie` against `ocrmypdf -l vie --output-type pdfa-2` on the same pages (goal: at least 2x
#     faster, character accuracy not worse), accuracy from pdftotext against truth.json.
# Usage: bench/archival_bench.sh [batches]   SOHOA_CLI=path/to/sohoa-cli skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
batches="${1:-3}"
corpus="$PWD/../shared/corpus/scans"
[ -f "$corpus/truth.json" ] || { echo "the corpus ($corpus) is missing" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_LOGGING_RULES="sohoa.*=false"
now() { date +%s.%N; }

echo "== 1. scan pipeline, 300 dpi colour A4, $batches ADF batches of 10 (test backend)"
use_a4_test_scanner "$work/sane"
scan_batches() { # $1: store, rest: extra scan options
    local store=$1
    shift
    for _ in $(seq 1 "$batches"); do
        "$cli" scan --store "$store" --device test:0 --source adf --mode color --resolution 300 --page-size A4 \
            --option "test-picture=Color pattern" --dossier H15.50.05.13-261121-0001 "$@" >/dev/null
    done
}
# a) As fast as the test backend makes pages (memory speed): the pipeline is then CPU-bound on this
#    machine's cores, and cleanup's work can only add to it. b) Paced: the backend hands its data over
#    in 64 KiB pieces with a 2 ms pause after each, about 190 pages a minute — three times the fastest
#    300 dpi colour ADFs (60 ppm) — the case of a real scanner, whose mechanics the cleanup overlaps.
pace=(--option read-limit=yes --option read-limit-size=65536 --option read-delay=yes --option read-delay-duration=2000)
pages=$((batches * 10))
cleanup_cost() { # $1: label, rest: extra scan options
    local label=$1 t0 t1 plain clean
    shift
    rm -rf "$work/plain" "$work/clean"
    t0=$(now); scan_batches "$work/plain" "$@"; t1=$(now)
    plain=$(echo "$t1 - $t0" | bc -l)
    t0=$(now); scan_batches "$work/clean" "$@" --cleanup deskew,orient,crop,blank; t1=$(now)
    clean=$(echo "$t1 - $t0" | bc -l)
    printf '%-44s %8.2f s  %6.0f ms/page\n' "$label: scan" "$plain" "$(echo "$plain * 1000 / $pages" | bc -l)"
    printf '%-44s %8.2f s  %6.0f ms/page\n' "$label: scan --cleanup deskew,orient,crop,blank" "$clean" \
        "$(echo "$clean * 1000 / $pages" | bc -l)"
    printf '%-44s %+7.1f %%\n' "$label: cleanup adds" "$(echo "($clean - $plain) * 100 / $plain" | bc -l)"
}
cleanup_cost "a) unpaced"
cleanup_cost "b) paced" "${pace[@]}"
printf '(goal: at most +30 %%)\n\n'

echo "== 2. 20 corpus pages to a searchable PDF/A-2b (Vietnamese OCR)"
# The twelve scans, then the eight written documents again: 20 pages, 3 of them blank.
mapfile -t files < <(python3 - "$corpus/truth.json" <<'PY'
import json, sys
pages = json.load(open(sys.argv[1]))["pages"]
docs = [p["file"] for p in pages if p["kind"] == "document"]
for f in [p["file"] for p in pages] + docs[:8]:
    print(f)
PY
)
mkdir -p "$work/pnm" "$work/in"
printf 'pnm\n' > "$work/sane/dll.conf"
code=H15.50.05.13-261121-0002
i=0
for f in "${files[@]}"; do
    i=$((i + 1))
    cp "$corpus/$f" "$work/in/$(printf '%02d' $i)-$f"
    jpegtopnm "$corpus/$f" > "$work/pnm/p.ppm" 2>/dev/null
    "$cli" scan --store "$work/ocr" --device pnm:0 --option "filename=$work/pnm/p.ppm" --resolution 200 \
        --dossier "$code" --jpeg-quality 90 >/dev/null
done
img2pdf $(ls "$work"/in/*.jpg | sort) -o "$work/peer-in.pdf"

peak=0
t0=$(now)
/usr/bin/time -f "%M" -o "$work/rss" "$cli" dossier export "$code" --store "$work/ocr" --out "$work/sohoa.pdf" \
    --pdfa --ocr vie >/dev/null
t1=$(now)
sohoa_time=$(echo "$t1 - $t0" | bc -l)
sohoa_rss=$(tail -n 1 "$work/rss")

t0=$(now)
/usr/bin/time -f "%M" -o "$work/rss" ocrmypdf -q -l vie --output-type pdfa-2 "$work/peer-in.pdf" "$work/peer.pdf" \
    2>"$work/ocrmypdf.err" || { cat "$work/ocrmypdf.err"; exit 1; }
t1=$(now)
peer_time=$(echo "$t1 - $t0" | bc -l)
peer_rss=$(tail -n 1 "$work/rss")

# Character accuracy per written page: 1 - edit distance / length of the truth (NFC, whitespace collapsed).
accuracy() { # $1: pdf
python3 - "$1" "$corpus/truth.json" "${files[@]}" <<'PY'
import json, re, subprocess, sys, unicodedata
pdf, truth_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
truth = {p["file"]: p for p in json.load(open(truth_path))["pages"]}
def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()
def distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
scores = []
for n, f in enumerate(files, 1):
    if truth[f]["kind"] != "document":
        continue
    got = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-"],
                         capture_output=True, text=True).stdout
    want = norm(truth[f]["text"])
    scores.append(1 - distance(norm(got), want) / len(want))
print("%.4f %.4f" % (sum(scores) / len(scores), min(scores)))
PY
}
read -r sohoa_acc sohoa_min < <(accuracy "$work/sohoa.pdf")
read -r peer_acc peer_min < <(accuracy "$work/peer.pdf")

printf '\n%-40s %9s %10s %12s %14s\n' "pipeline (20 pages, 200 dpi)" "wall (s)" "peak RSS" "accuracy" "worst page"
printf '%-40s %9.2f %7d MB %12.4f %14.4f\n' "sohoa-cli dossier export --pdfa --ocr vie" "$sohoa_time" \
    $((sohoa_rss / 1024)) "$sohoa_acc" "$sohoa_min"
printf '%-40s %9.2f %7d MB %12.4f %14.4f\n' "ocrmypdf -l vie --output-type pdfa-2" "$peer_time" \
    $((peer_rss / 1024)) "$peer_acc" "$peer_min"
printf '\nspeed-up: %.2fx (goal: at least 2x)   sizes: SoHoa %d bytes, ocrmypdf %d bytes\n' \
    "$(echo "$peer_time / $sohoa_time" | bc -l)" "$(stat -c %s "$work/sohoa.pdf")" "$(stat -c %s "$work/peer.pdf")"
