#!/usr/bin/env bash
# Verification benchmark: SoHoa against Poppler's pdfsig, side by side in one run.
# (a) batch: the clean corpus copied to at least 500 files, each signed by us (RSA-2048, a throw-away
#     CA), then verified by ONE `sohoa-cli verify DIR --trust root.pem --offline` call, against
#     `pdfsig` once per file (its certificate check against an NSS database holding the same root);
#     files per second of both and the ratio; both must find every signature intact.
# (b) a ~1 GB signed PDF: `sha256sum` against `sohoa-cli verify`, wall time and peak RSS.
# Usage: bench/verify_bench.sh [min-files] [big-MB]     (defaults: 500, 1024)
# SOHOA_CLI=path/to/sohoa-cli skips the build and uses that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
min_files="${1:-500}"
big_mb="${2:-1024}"
corpus="${SOHOA_CORPUS:-$PWD/../shared/corpus}/pdf/clean"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_LOGGING_RULES="sohoa.*=false"
now() { date +%s.%N; }

echo "== PKI: a root CA and an RSA-2048 signer (.p12); the root also in an NSS database for pdfsig"
pass="bench-pass"
export SOHOA_BENCH_PIN="$pass"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/root.key" -out "$work/root.pem" -days 30 \
    -subj "/CN=SoHoa Bench Root/O=SoHoa/C=VN" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/req.csr" \
    -subj "/CN=SoHoa Bench Signer/O=SoHoa/C=VN" 2>/dev/null
printf 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n' > "$work/ext.cnf"
openssl x509 -req -in "$work/req.csr" -CA "$work/root.pem" -CAkey "$work/root.key" -CAcreateserial \
    -days 30 -extfile "$work/ext.cnf" -out "$work/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -certfile "$work/root.pem" -name bench \
    -out "$work/key.p12" -passout "pass:$pass"
mkdir -p "$work/nss"
certutil -N -d "sql:$work/nss" --empty-password
certutil -A -d "sql:$work/nss" -n "bench-root" -t "CT,C,C" -i "$work/root.pem"

echo "== inputs: $corpus copied to >= $min_files files, signed by one sohoa-cli sign call"
mkdir -p "$work/in" "$work/signed"
mapfile -t originals < <(find "$corpus" -maxdepth 1 -name '*.pdf' | sort)
copies=$(((min_files + ${#originals[@]} - 1) / ${#originals[@]}))
for c in $(seq 1 "$copies"); do
    for f in "${originals[@]}"; do cp "$f" "$work/in/c${c}-$(basename "$f")"; done
done
"$cli" sign "$work"/in/*.pdf --out "$work/signed" --p12 "$work/key.p12" --pin-env SOHOA_BENCH_PIN >/dev/null
mapfile -t signed < <(find "$work/signed" -name '*.pdf' | sort)
n=${#signed[@]}
echo "$n signed files"
cat "$work"/signed/*.pdf >/dev/null # warm page cache for both

echo "== SoHoa: one sohoa-cli verify call"
t0=$(now)
set +e
"$cli" verify "$work/signed" --trust "$work/root.pem" --offline --json > "$work/verify.json"
status=$?
set -e
t1=$(now)
sohoa_time=$(echo "$t1 - $t0" | bc -l)
sohoa_valid=$(grep -c '"event":"file".*"status":"VALID"' "$work/verify.json" || true)
echo "exit $status, $sohoa_valid of $n VALID"

echo "== Peer: pdfsig once per file (certificate checked against the NSS database)"
pdfsig_valid=0
t0=$(now)
for f in "${signed[@]}"; do
    if pdfsig -nssdir "sql:$work/nss" "$f" 2>/dev/null | grep -q "Signature is Valid"; then
        pdfsig_valid=$((pdfsig_valid + 1))
    fi
done
t1=$(now)
pdfsig_time=$(echo "$t1 - $t0" | bc -l)
echo "$pdfsig_valid of $n say \"Signature is Valid\""

printf '\n%-34s %8s %10s %12s\n' "tool" "files" "seconds" "files/s"
printf '%-34s %8d %10.2f %12.1f\n' "sohoa-cli verify (one call)" "$n" "$sohoa_time" "$(echo "$n / $sohoa_time" | bc -l)"
printf '%-34s %8d %10.2f %12.1f\n' "pdfsig (per file)" "$n" "$pdfsig_time" "$(echo "$n / $pdfsig_time" | bc -l)"
printf 'ratio (SoHoa files/s over pdfsig): %.1fx\n' "$(echo "$pdfsig_time / $sohoa_time" | bc -l)"

echo
echo "== big file: ~$big_mb MB PDF (pages of uncompressed random-noise images), signed"
make_big_pdf "$work/big.pdf" "$big_mb"
"$cli" sign "$work/big.pdf" --out "$work/big-signed.pdf" --p12 "$work/key.p12" --pin-env SOHOA_BENCH_PIN >/dev/null
rm -f "$work/big.pdf"
echo "$(stat -c %s "$work/big-signed.pdf") bytes"
cat "$work/big-signed.pdf" >/dev/null
/usr/bin/time -f '%e %M' -o "$work/t-sha" sha256sum "$work/big-signed.pdf" >/dev/null
read -r sha_time sha_rss < "$work/t-sha"
set +e
/usr/bin/time -f '%e %M' -o "$work/t-verify" "$cli" verify "$work/big-signed.pdf" --trust "$work/root.pem" \
    --offline > "$work/big-verify.txt"
set -e
read -r verify_time verify_rss < "$work/t-verify"
printf '%-34s %10s %14s\n' "1 GB file" "seconds" "peak RSS (MB)"
printf '%-34s %10.2f %14.1f\n' "sha256sum" "$sha_time" "$(echo "$sha_rss / 1024" | bc -l)"
printf '%-34s %10.2f %14.1f\n' "sohoa-cli verify" "$verify_time" "$(echo "$verify_rss / 1024" | bc -l)"
printf 'ratio (verify over sha256sum): %.2fx; verdict: %s\n' "$(echo "$verify_time / $sha_time" | bc -l)" \
    "$(head -n 1 "$work/big-verify.txt")"
