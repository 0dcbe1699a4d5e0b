#!/usr/bin/env bash
# Thumbnail benchmark: a 500-page dossier of real-looking scans (the corpus pages, A4 200 dpi colour
# JPEG, ~1 MB each, each copy made distinct by bytes after its end marker so that every page has its
# own SHA-256 and is decoded in full), thumbnails of 256 px through ThumbnailCache (2 threads):
# time to the first and to the last thumbnail, cold (empty disk cache) and warm (a new process, the
# disk cache filled by the cold run), and the peak RSS of each run (/usr/bin/time -v).
# Usage: bench/thumbs_bench.sh [pages] [side]
# SOHOA_THUMBS_BENCH=path/to/sohoa-thumbs-bench skips the build and uses that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-500}"
side="${2:-256}"
if [ -n "${SOHOA_THUMBS_BENCH:-}" ]; then
    bench="$SOHOA_THUMBS_BENCH"
else
    build_dir=$(scripts/build.sh | tail -n 1)
    cmake --build "$build_dir" --target sohoa-thumbs-bench >/dev/null
    bench="$PWD/$build_dir/bench/sohoa-thumbs-bench"
fi
corpus="${SOHOA_CORPUS:-$PWD/../shared/corpus}/scans"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages" "$work/thumbs"
mapfile -t scans < <(ls "$corpus"/*.jpg)
for ((i = 0; i < pages; i++)); do
    src="${scans[$((i % ${#scans[@]}))]}"
    dst=$(printf '%s/pages/%04d.jpg' "$work" "$i")
    cp "$src" "$dst"
    printf 'page %d' "$i" >> "$dst" # after EOI: ignored by decoders, changes the hash
done
sync
echo "== $pages pages ($(du -sh "$work/pages" | cut -f1)), thumbnails of $side px"

run() { # label
    /usr/bin/time -v -o "$work/time" "$bench" "$work/pages" "$work/thumbs" "$side" > "$work/out"
    local rss
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    printf '%-5s %s peak_rss_kb=%s\n' "$1" "$(cat "$work/out")" "$rss"
}
run cold
run warm
echo "disk cache: $(find "$work/thumbs" -name '*.jpg' | wc -l) files, $(du -sh "$work/thumbs" | cut -f1)"
