#!/usr/bin/env bash
# Signing benchmark: SoHoa against Poppler's pdfsig, side by side in one run.
# (a) batch: the clean corpus copied to at least 500 files (distinct names), signed by ONE
#     `sohoa-cli sign` call with a .p12 key; (b) the same files signed by `pdfsig -add-signature`
#     once per file with an NSS database holding the same key (files pdfsig fails on are skipped and
#     counted). Prints documents/second of both, the ratio, and mean/max output growth (bytes over the
#     input). (c) a ~1 GB PDF: `sha256sum` against `sohoa-cli sign`, wall time and peak RSS.
# Usage: bench/sign_bench.sh [min-files] [big-MB]     (defaults: 500, 1024)
# SOHOA_CLI=path/to/sohoa-cli skips the build and uses that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
min_files="${1:-500}"
big_mb="${2:-1024}"
corpus="${SOHOA_CORPUS:-$PWD/../shared/corpus}/pdf/clean"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT # the ~1 GB input and its signed copy live here too
export QT_LOGGING_RULES="sohoa.*=false"
now() { date +%s.%N; }

echo "== key: RSA-2048, self-signed, as .p12 and in an NSS database"
pass="bench-pass"
export SOHOA_BENCH_PIN="$pass"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 30 \
    -subj "/CN=SoHoa Bench Signer/O=SoHoa/C=VN" \
    -addext "keyUsage=critical,digitalSignature,nonRepudiation" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -name "bench" -out "$work/key.p12" \
    -passout "pass:$pass"
mkdir -p "$work/nss"
certutil -N -d "sql:$work/nss" --empty-password
pk12util -i "$work/key.p12" -d "sql:$work/nss" -W "$pass" >/dev/null
nick=$(certutil -L -d "sql:$work/nss" | awk 'NR > 4 && NF { $NF = ""; sub(/[ \t]+$/, ""); print; exit }')
echo "NSS nickname: $nick"

echo "== inputs: $corpus copied to >= $min_files files"
mkdir -p "$work/in" "$work/out-sohoa" "$work/out-pdfsig"
mapfile -t originals < <(find "$corpus" -maxdepth 1 -name '*.pdf' | sort)
[ "${#originals[@]}" -gt 0 ] || { echo "no PDFs in $corpus" >&2; exit 1; }
copies=$(((min_files + ${#originals[@]} - 1) / ${#originals[@]}))
for c in $(seq 1 "$copies"); do
    for f in "${originals[@]}"; do
        cp "$f" "$work/in/c${c}-$(basename "$f")"
    done
done
mapfile -t inputs < <(find "$work/in" -name '*.pdf' | sort)
echo "${#inputs[@]} files ($copies copies of ${#originals[@]})"

# growth FILE_LIST_DIR: mean and max of (output size - input size) over the outputs present.
growth() {
    local dir="$1" sum=0 max=0 n=0 in out g
    for f in "${inputs[@]}"; do
        out="$dir/$(basename "$f")"
        [ -f "$out" ] || continue
        in=$(stat -c %s "$f")
        out=$(stat -c %s "$out")
        g=$((out - in))
        sum=$((sum + g))
        [ "$g" -gt "$max" ] && max=$g
        n=$((n + 1))
    done
    [ "$n" -gt 0 ] || { echo "0 0 0"; return; }
    echo "$n $((sum / n)) $max"
}

echo "== SoHoa: one sohoa-cli sign call"
t0=$(now)
set +e
"$cli" sign "${inputs[@]}" --out "$work/out-sohoa" --mkdir --p12 "$work/key.p12" --pin-env SOHOA_BENCH_PIN \
    > "$work/sohoa.log" 2>&1
sohoa_rc=$?
set -e
t1=$(now)
sohoa_time=$(echo "$t1 - $t0" | bc -l)
read -r sohoa_n sohoa_mean sohoa_max < <(growth "$work/out-sohoa")
sohoa_failed=$((${#inputs[@]} - sohoa_n))
echo "exit $sohoa_rc, $sohoa_n signed, $sohoa_failed not signed"
[ "$sohoa_failed" -eq 0 ] || tail -n 5 "$work/sohoa.log"

echo "== Peer: pdfsig -add-signature once per file"
pdfsig_failed=0
t0=$(now)
for f in "${inputs[@]}"; do
    if ! pdfsig -add-signature -nssdir "sql:$work/nss" -nick "$nick" -kpw "$pass" \
        "$f" "$work/out-pdfsig/$(basename "$f")" >/dev/null 2>&1; then
        pdfsig_failed=$((pdfsig_failed + 1))
        rm -f "$work/out-pdfsig/$(basename "$f")"
    fi
done
t1=$(now)
pdfsig_time=$(echo "$t1 - $t0" | bc -l)
read -r pdfsig_n pdfsig_mean pdfsig_max < <(growth "$work/out-pdfsig")
echo "$pdfsig_n signed, $pdfsig_failed failed (skipped)"

# A sample of each checked by pdfsig (both lines: a shadow attack keeps "Signature is Valid").
for out in "$work/out-sohoa" "$work/out-pdfsig"; do
    mapfile -t signed < <(find "$out" -name '*.pdf' | sort)
    if [ "${#signed[@]}" -gt 0 ]; then
        sample="${signed[0]}"
        v=$(pdfsig -nocert "$sample" 2>&1 || true)
        if grep -q "Signature is Valid" <<<"$v" && grep -q "Total document signed" <<<"$v"; then
            echo "pdfsig check of $(basename "$out")/$(basename "$sample"): valid, total document signed"
        else
            echo "pdfsig check of $(basename "$out")/$(basename "$sample"): NOT VALID"
        fi
    fi
done

sohoa_dps=$(echo "$sohoa_n / $sohoa_time" | bc -l)
pdfsig_dps=$(echo "$pdfsig_n / $pdfsig_time" | bc -l)
printf '\n%-34s %8s %8s %10s %12s %12s\n' "batch" "docs" "wall (s)" "docs/s" "mean growth" "max growth"
printf '%-34s %8d %8.2f %10.1f %10d B %10d B\n' "sohoa-cli sign (1 call)" "$sohoa_n" "$sohoa_time" "$sohoa_dps" \
    "$sohoa_mean" "$sohoa_max"
printf '%-34s %8d %8.2f %10.1f %10d B %10d B\n' "pdfsig -add-signature (per file)" "$pdfsig_n" "$pdfsig_time" \
    "$pdfsig_dps" "$pdfsig_mean" "$pdfsig_max"
printf 'speed-up (docs/s): %.1fx\n' "$(echo "$sohoa_dps / $pdfsig_dps" | bc -l)"
rm -rf "$work/in" "$work/out-sohoa" "$work/out-pdfsig"

echo
echo "== big file: ~$big_mb MB PDF (pages of uncompressed random-noise images)"
make_big_pdf "$work/big.pdf" "$big_mb"
big_size=$(stat -c %s "$work/big.pdf")
echo "$work/big.pdf: $big_size bytes"
qpdf --check "$work/big.pdf" >/dev/null && echo "qpdf --check: ok"

cat "$work/big.pdf" >/dev/null # both timings from a warm page cache
/usr/bin/time -f '%e %M' -o "$work/t-sha" sha256sum "$work/big.pdf" >/dev/null
read -r sha_time sha_rss < "$work/t-sha"
/usr/bin/time -f '%e %M' -o "$work/t-sign" "$cli" sign "$work/big.pdf" --out "$work/big-signed.pdf" \
    --p12 "$work/key.p12" --pin-env SOHOA_BENCH_PIN >/dev/null 2>"$work/big-sign.log" ||
    { cat "$work/big-sign.log" >&2; exit 1; }
read -r sign_time sign_rss < "$work/t-sign"
v=$(pdfsig -nocert "$work/big-signed.pdf" 2>&1 || true)
if grep -q "Signature is Valid" <<<"$v" && grep -q "Total document signed" <<<"$v"; then
    big_check="valid, total document signed"
else
    big_check="NOT VALID"
fi
big_growth=$(($(stat -c %s "$work/big-signed.pdf") - big_size))
rm -f "$work/big.pdf" "$work/big-signed.pdf"

printf '\n%-34s %10s %12s\n' "$((big_size >> 20)) MB file" "wall (s)" "peak RSS"
printf '%-34s %10.2f %9d MB\n' "sha256sum" "$sha_time" $((sha_rss / 1024))
printf '%-34s %10.2f %9d MB\n' "sohoa-cli sign" "$sign_time" $((sign_rss / 1024))
printf 'sign / sha256sum: %.2fx   growth: %d B   pdfsig: %s\n' "$(echo "$sign_time / $sha_time" | bc -l)" \
    "$big_growth" "$big_check"
