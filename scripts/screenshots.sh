#!/usr/bin/env bash
# Screenshots of the workstation's main screens in Vietnamese and English, for the README and for
# looking at what was built: a private X server (Xvfb), the demo scanners, real key presses (xdotool)
# the way an officer works (Ctrl+N, the code, Enter, F5 …), and the screen saved as PNG.
# Usage: scripts/screenshots.sh [OUTPUT_DIR]   (default docs/screenshots; SOHOA_BUILD=DIR reuses a build)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
scripts/install-deps.sh test
build_dir="${SOHOA_BUILD:-$(scripts/build.sh | tail -n 1)}"
sohoa="$PWD/$build_dir/app/gui/sohoa"
cli="$PWD/$build_dir/app/cli/sohoa-cli"
mkdir -p "$out"
out=$(cd "$out" && pwd)

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
nginx_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for n in $(seq 95 140); do [ -e "/tmp/.X$n-lock" ] || break; done
Xvfb ":$n" -screen 0 1366x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 200); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.05; done
export DISPLAY=":$n" QT_QPA_PLATFORM=xcb

shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > "$1"; echo "  $1"; }
key() { xdotool key --delay 60 "$@"; sleep 0.4; }
free_port() { # a loopback port nobody listens on
    local p
    for p in $(shuf -i 20000-40000 -n 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
    return 1
}
wait_for() { # wait_for SECONDS COMMAND...: until the command succeeds
    local until=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do [ $SECONDS -lt $until ] || return 1; sleep 0.2; done
}

# Archival (issue 15): three sheets scanned with cleanup through the `pnm` backend (a skewed letter, a
# blank back, a letter fed upside down) and metadata set from the command line; then the workstation:
# the dossier chosen, the blank-page marker, Ctrl+K to review it, Ctrl+M for the Decree 30 metadata.
archival_shots() { # LANG HOME
    local lang=$1 home=$2 arch="$work/archive-$1" code=H15.50.05.13-261201-0001 f
    mkdir -p "$arch/sane"
    printf 'pnm\n' > "$arch/sane/dll.conf"
    for f in page-002.jpg page-004.jpg page-009.jpg; do
        jpegtopnm "../shared/corpus/scans/$f" 2>/dev/null > "$arch/p.ppm"
        if [ "$f" = page-009.jpg ]; then pamflip -r180 "$arch/p.ppm" > "$arch/q.ppm" && mv "$arch/q.ppm" "$arch/p.ppm"; fi
        SANE_CONFIG_DIR="$arch/sane" "$cli" scan --store "$arch/store" --device pnm:0 --resolution 200 \
            --option "filename=$arch/p.ppm" --dossier "$code" --cleanup deskew,orient,crop,blank >/dev/null
    done
    "$cli" dossier metadata "$code" --store "$arch/store" --set OrganId=000.00.12.H41 --set FileCatalog=2025 \
        --set FileNotation=01-VP --set "Title=Hồ sơ cấp bản sao trích lục khai sinh" --set Maintenance=20 >/dev/null
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" SANE_CONFIG_DIR="$arch/sane" \
        "$sohoa" --store "$arch/store" 2>/dev/null &
    app_pid=$!
    wait_for 20 xdotool search --onlyvisible --pid "$app_pid"
    local win
    win=$(xdotool search --onlyvisible --pid "$app_pid" | head -n 1)
    xdotool windowsize "$win" 1366 800 windowmove "$win" 0 0 windowfocus --sync "$win"
    sleep 3
    # The search field has the keyboard: the code typed, Down to the dossier, Right to its second page.
    xdotool type --delay 20 261201
    key Down
    sleep 1
    key Tab Right
    sleep 2
    shot "$out/$lang-archival.png"
    key ctrl+k
    sleep 2
    shot "$out/$lang-blank-review.png"
    key Escape
    key ctrl+m
    sleep 1
    shot "$out/$lang-metadata.png"
    key Escape
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
}

for lang in vi en; do
    home="$work/home-$lang"
    mkdir -p "$home/.config/SoHoa"
    cat > "$home/.config/SoHoa/sohoa.conf" <<CONF
[ui]
language=$lang

[codes]
agencyPrefix=H15.50.05.13

[export]
folder=$home/exports

[window]
CONF
    store="$work/store-$lang"
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
        "$sohoa" --demo --store "$store" 2>/dev/null &
    app_pid=$!
    wait_for 20 xdotool search --onlyvisible --pid "$app_pid"
    win=$(xdotool search --onlyvisible --pid "$app_pid" | head -n 1)
    xdotool windowsize "$win" 1366 800 windowmove "$win" 0 0 windowfocus --sync "$win"
    sleep 2 # the store opens and the scanners are found after the window shows
    echo "$lang:"
    # New dossier: Ctrl+N, the suggested code, the first procedure.
    key ctrl+n
    key Tab Tab Tab Tab
    xdotool type --delay 20 "Nguyễn Văn An" 2>/dev/null || true
    sleep 0.3
    shot "$out/$lang-new-dossier.png"
    key Return
    # Three pages into the first component, two into the second, a page turned, one deleted.
    for _ in 1 2 3; do key F5; sleep 2.5; done
    key ctrl+Next
    for _ in 1 2; do key F5; sleep 2.5; done
    key ctrl+Prior Right Right ctrl+bracketright
    sleep 1
    shot "$out/$lang-counter-desk.png"
    key ctrl+e
    sleep 4
    shot "$out/$lang-exported.png"
    key ctrl+comma
    sleep 1
    shot "$out/$lang-settings.png"
    key Escape
    key F1
    sleep 1
    shot "$out/$lang-help.png"
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    archival_shots "$lang" "$home"

    # The verification window: the exported dossier signed by a throw-away CA's clerk (trusted in the
    # settings), and the same file QR-stamped after signing (a change the signature does not allow).
    ca="$work/ca-$lang"
    mkdir -p "$ca"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$ca/root.key" -out "$ca/root.pem" -days 30 \
        -subj "/CN=Demo Root CA/O=SoHoa" -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
    openssl req -new -newkey rsa:2048 -nodes -keyout "$ca/clerk.key" -out "$ca/clerk.csr" -utf8 \
        -subj "/CN=Nguyễn Thị Bình/O=UBND phường Demo" 2>/dev/null
    printf 'keyUsage=critical,digitalSignature,nonRepudiation\n' > "$ca/ext"
    openssl x509 -req -in "$ca/clerk.csr" -CA "$ca/root.pem" -CAkey "$ca/root.key" -CAcreateserial -days 30 \
        -extfile "$ca/ext" -out "$ca/clerk.pem" 2>/dev/null
    openssl pkcs12 -export -inkey "$ca/clerk.key" -in "$ca/clerk.pem" -certfile "$ca/root.pem" \
        -out "$ca/clerk.p12" -passout pass:demo
    exported=$(find "$home/exports" -name '*.pdf' | head -n 1)
    SOHOA_DEMO_PIN=demo "$cli" sign "$exported" --out "$work/ho-so-da-ky.pdf" --p12 "$ca/clerk.p12" \
        --pin-env SOHOA_DEMO_PIN --overwrite >/dev/null
    "$cli" stamp-qr "$work/ho-so-da-ky.pdf" --out "$work/dong-dau-sau-khi-ky.pdf" --text "{sha256}" \
        --overwrite >/dev/null
    printf '\n[verify]\ntrustPaths=%s\n' "$ca/root.pem" >> "$home/.config/SoHoa/sohoa.conf"
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
        "$sohoa" --store "$store" "$work/ho-so-da-ky.pdf" "$work/dong-dau-sau-khi-ky.pdf" 2>/dev/null &
    app_pid=$!
    wait_for 20 xdotool search --onlyvisible --name "PDF"
    sleep 3
    verify_win=$(xdotool search --onlyvisible --name "PDF" | tail -n 1)
    xdotool windowsize "$verify_win" 1366 800 windowmove "$verify_win" 0 0 windowfocus --sync "$verify_win" || true
    sleep 1
    xdotool mousemove 60 108 click 1 # the second file: changed after signing
    sleep 2
    shot "$out/$lang-verify.png"
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""

    # The signing desk: a folder of outgoing letters (the corpus' clean PDFs), the clerk's key file
    # remembered in the settings; the organization typed, Ctrl+Enter, the password once, Enter.
    letters="$work/cong-van-$lang"
    mkdir -p "$letters"
    i=0
    for f in $(ls ../shared/corpus/pdf/clean/*.pdf | head -n 12); do
        i=$((i + 1)); cp "$f" "$letters/cong-van-$(printf %02d $i).pdf"
    done
    printf '\n[signing]\nkeyKind=p12\np12Path=%s\n' "$ca/clerk.p12" >> "$home/.config/SoHoa/sohoa.conf"
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
        "$sohoa" --store "$store" --sign "$letters" 2>/dev/null &
    app_pid=$!
    wait_for 20 xdotool search --onlyvisible --name "ký số|Signing desk"
    sleep 3
    desk_win=$(xdotool search --onlyvisible --name "ký số|Signing desk" | tail -n 1)
    xdotool windowsize "$desk_win" 1366 800 windowmove "$desk_win" 0 0 windowfocus --sync "$desk_win" || true
    sleep 1
    xdotool mousemove 1100 289 click 1 # the organization of the certified copy block
    sleep 0.3
    xdotool type --delay 30 "UBND phường Bến Nghé" 2>/dev/null || true
    key Tab
    sleep 2
    key ctrl+Return
    sleep 2
    xdotool type --delay 30 demo
    key Return
    sleep 8
    shot "$out/$lang-signing-desk.png"
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""

    # The upload queue (Ctrl+Shift+U) with rows in each state: a folder target that took two files
    # (delivered), one that already holds another file of the same name (failed: never overwritten), a
    # WebDAV target where nobody listens (waiting to retry), and nginx's WebDAV behind a target slowed
    # to 20 kB/s: two transfers under way, one waiting its turn, one paused.
    code=$("$cli" dossier list --store "$store" | head -n 1 | cut -f1)
    copy="$work/ho-so-da-ky.pdf"
    up="$work/uploads-$lang"
    mkdir -p "$up/kho" "$up/kho-cu/$code" "$up/dav/in" "$up/nginx"
    echo "a different file" > "$up/kho-cu/$code/$(basename "$exported")"
    "$cli" target add kho --folder "$up/kho" --store "$store" >/dev/null
    "$cli" target add kho-cu --folder "$up/kho-cu" --store "$store" >/dev/null
    "$cli" target add mot-cua --webdav "http://127.0.0.1:$(free_port)/in/" --store "$store" >/dev/null
    "$cli" upload --to kho --dossier "$code" "$copy" "$exported" --store "$store" >/dev/null
    "$cli" upload --to kho-cu --dossier "$code" "$exported" --store "$store" >/dev/null
    "$cli" upload --to mot-cua --dossier "$code" "$copy" --store "$store" >/dev/null
    "$cli" queue run --max-wait 0 --store "$store" >/dev/null || true # the unreachable one stays queued
    port=$(free_port)
    ng="$up/nginx"
    cat > "$ng/nginx.conf" <<NGINX
daemon off; master_process off; pid $ng/nginx.pid; error_log $ng/error.log;
events { worker_connections 64; }
http {
  access_log $ng/access.log; client_body_temp_path $ng/body; proxy_temp_path $ng/proxy;
  fastcgi_temp_path $ng/fastcgi; uwsgi_temp_path $ng/uwsgi; scgi_temp_path $ng/scgi; client_max_body_size 0;
  server { listen 127.0.0.1:$port; root $up/dav; dav_methods PUT MKCOL; dav_access user:rw; }
}
NGINX
    /usr/sbin/nginx -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" &
    nginx_pid=$!
    wait_for 10 test -e "$ng/nginx.pid"
    "$cli" target add so-tnmt --webdav "http://127.0.0.1:$port/in/" --limit-rate 20000 --store "$store" >/dev/null
    "$cli" upload --to so-tnmt --dossier "$code" "$exported" "$copy" "$work/dong-dau-sau-khi-ky.pdf" \
        --store "$store" >/dev/null
    paused=$("$cli" upload --to so-tnmt --dossier "$code" "$letters/cong-van-01.pdf" --store "$store" --json |
        grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
    "$cli" queue pause "$paused" --store "$store" >/dev/null
    printf '\n[upload]\ndefaultTarget=so-tnmt\n' >> "$home/.config/SoHoa/sohoa.conf"
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
        "$sohoa" --store "$store" 2>/dev/null &
    app_pid=$!
    wait_for 20 xdotool search --onlyvisible --pid "$app_pid"
    win=$(xdotool search --onlyvisible --pid "$app_pid" | head -n 1)
    xdotool windowsize "$win" 1366 800 windowmove "$win" 0 0 windowfocus --sync "$win"
    sleep 2
    key ctrl+shift+u
    sleep 2
    xdotool mousemove 100 605 click 1 # the sixth row, the failed one: its problem in full below the table
    sleep 1
    shot "$out/$lang-uploads.png"
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=""
done
