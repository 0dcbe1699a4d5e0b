#!/usr/bin/env bash
# Upload benchmark: SoHoa's queue against curl, side by side in one run, to nginx's WebDAV on loopback.
#  (a) 200 files of 1 MB: `sohoa-cli queue run` (one call) against `curl -T` once per file;
#  (b) one 1 GB file: throughput of both, and sohoa-cli's peak RSS.
# Usage: bench/upload_bench.sh [FILES] [BIG-MB]   (defaults: 200, 1024; SOHOA_CLI=path reuses a binary)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
files="${1:-200}"
big_mb="${2:-1024}"
command -v curl >/dev/null || { echo "curl is needed (scripts/install-deps.sh bench)" >&2; exit 1; }

work=$(mktemp -d)
nginx_pid=""
cleanup() {
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export QT_LOGGING_RULES="sohoa.*=false"
now() { date +%s.%N; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/root/sohoa" "$work/root/curl" "$work/nginx" "$work/in"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off; master_process off; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
  access_log off; client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/p;
  fastcgi_temp_path $work/nginx/f; uwsgi_temp_path $work/nginx/u; scgi_temp_path $work/nginx/s;
  client_max_body_size 0;
  server { listen 127.0.0.1:$port; root $work/root; dav_methods PUT DELETE MKCOL; dav_access user:rw;
           create_full_put_path on; }
}
CONF
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 100); do [ -e "$work/nginx/nginx.pid" ] && break; sleep 0.05; done

echo "== $files files of 1 MB"
for i in $(seq -w 1 "$files"); do head -c 1048576 /dev/urandom > "$work/in/f$i.pdf"; done
store="$work/store"
"$cli" --store "$store" target add bench --webdav "http://127.0.0.1:$port/sohoa/" --name-template "{file}" >/dev/null
"$cli" --store "$store" upload --to bench "$work"/in/*.pdf >/dev/null
t0=$(now); "$cli" --store "$store" queue run >/dev/null; t1=$(now)
t2=$(now)
for f in "$work"/in/*.pdf; do curl -sS -T "$f" "http://127.0.0.1:$port/curl/$(basename "$f")" >/dev/null; done
t3=$(now)
sohoa_s=$(echo "$t1 - $t0" | bc -l); curl_s=$(echo "$t3 - $t2" | bc -l)
printf 'sohoa-cli queue run: %.2f s = %.1f files/s; curl -T per file: %.2f s = %.1f files/s; ratio %.2f (goal >= 2)\n' \
    "$sohoa_s" "$(echo "$files / $sohoa_s" | bc -l)" "$curl_s" "$(echo "$files / $curl_s" | bc -l)" \
    "$(echo "$curl_s / $sohoa_s" | bc -l)"
cmp -s "$work/in/f$(printf %0${#files}d 1).pdf" "$work/root/sohoa/f$(printf %0${#files}d 1).pdf" && echo "first file byte-identical"

echo "== one file of $big_mb MB"
head -c $((big_mb * 1048576)) /dev/urandom > "$work/big.pdf"
"$cli" --store "$store" upload --to bench "$work/big.pdf" >/dev/null
t0=$(now); /usr/bin/time -f '%M' -o "$work/rss" "$cli" --store "$store" queue run >/dev/null; t1=$(now)
t2=$(now); curl -sS -T "$work/big.pdf" "http://127.0.0.1:$port/curl/big.pdf" >/dev/null; t3=$(now)
sohoa_s=$(echo "$t1 - $t0" | bc -l); curl_s=$(echo "$t3 - $t2" | bc -l)
printf 'sohoa-cli: %.2f s (%.0f MB/s), peak RSS %.1f MB; curl -T: %.2f s (%.0f MB/s); sohoa/curl time %.2f (goal <= 1.10)\n' \
    "$sohoa_s" "$(echo "$big_mb / $sohoa_s" | bc -l)" "$(echo "$(cat "$work/rss") / 1024" | bc -l)" \
    "$curl_s" "$(echo "$big_mb / $curl_s" | bc -l)" "$(echo "$sohoa_s / $curl_s" | bc -l)"
