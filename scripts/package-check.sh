#!/usr/bin/env bash
# Builds the Debian package from a build folder, lints it, installs it with apt, runs the installed
# programs (versions, help without a display, a scan from SANE's test backend into a temporary store,
# an export, the man pages and the desktop files) and removes it again.
# Usage: scripts/package-check.sh [BUILD_DIR]   (default: build). Needs root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"
src_dir=$PWD

say() { printf '== package: %s\n' "$*"; }
fail() { printf 'PACKAGE CHECK FAILED: %s\n' "$*" >&2; exit 1; }
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

version=$(sed -n 's/^#define SOHOA_VERSION_STRING "\(.*\)"$/\1/p' "$build_dir/generated/SohoaVersion.h")
[ -n "$version" ] || fail "no version in $build_dir/generated/SohoaVersion.h"
arch=$(dpkg --print-architecture)
deb="$src_dir/$build_dir/sohoa_${version}_${arch}.deb"

say "building $deb"
rm -f "$deb"
(cd "$build_dir" && cpack -G DEB >/dev/null) || fail "cpack"
[ -f "$deb" ] || fail "cpack wrote no $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'

say "lintian"
# Errors and warnings fail; the tags we accept are overridden in the package itself, each with its reason
# (packaging/lintian-overrides). Informational tags are printed for the reader.
lintian --fail-on error,warning --display-info --suppress-tags-from-file /dev/null "$deb" || fail "lintian"

tmp=$(mktemp -d)
cleanup() {
    rm -rf "$tmp"
    if dpkg-query -W -f='${db:Status-Status}' sohoa 2>/dev/null | grep -q installed; then
        "${sudo_cmd[@]}" apt-get remove -y -qq --purge sohoa >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

say "apt-get install ./$(basename "$deb")"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$deb" >"$tmp/apt.log" 2>&1 || {
    cat "$tmp/apt.log"; fail "apt-get install"; }

cli=/usr/bin/sohoa-cli
gui=/usr/bin/sohoa
for f in "$cli" "$gui" /usr/libexec/sohoa/sohoa-render; do [ -x "$f" ] || fail "$f not installed"; done
say "sohoa-cli --version"
out=$(cd / && "$cli" --version) || fail "sohoa-cli --version"
echo "$out"
grep -q "$version" <<<"$out" || fail "sohoa-cli --version does not say $version"

say "sohoa --help, --version (no display)"
out=$(cd / && env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$gui" --help) || fail "sohoa --help"
grep -q -- "--store" <<<"$out" || fail "sohoa --help does not list --store"
out=$(cd / && env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$gui" --version) || fail "sohoa --version"
grep -q "$version" <<<"$out" || fail "sohoa --version does not say $version"

say "a scan from SANE's test backend into a temporary store, then an export"
mkdir -p "$tmp/sane" "$tmp/home"
printf 'test\n' > "$tmp/sane/dll.conf"
sed -e 's/^geometry_max .*/geometry_max 400.0/' -e 's/^br_x .*/br_x 210.0/' -e 's/^br_y .*/br_y 297.0/' /etc/sane.d/test.conf > "$tmp/sane/test.conf"
code="H15.50.05.13-$(date +%y%m%d)-0001"
(cd / && HOME="$tmp/home" SANE_CONFIG_DIR="$tmp/sane" "$cli" scan --store "$tmp/store" --device test:0 \
    --source adf --mode color --resolution 100 --page-size A4 --max-pages 3 --dossier "$code" --json \
    > "$tmp/scan.json") || { cat "$tmp/scan.json"; fail "scan"; }
grep -q '"event":"summary".*"pages_saved":3' "$tmp/scan.json" || { cat "$tmp/scan.json"; fail "the scan saved not 3 pages"; }
HOME="$tmp/home" "$cli" dossier verify "$code" --store "$tmp/store" >/dev/null || fail "dossier verify"
HOME="$tmp/home" "$cli" dossier export "$code" --store "$tmp/store" --out "$tmp/out.pdf" >/dev/null || fail "export"
[ "$(pdfinfo "$tmp/out.pdf" | sed -n 's/^Pages: *//p')" = 3 ] || fail "the exported PDF has not 3 pages"

say "man pages, desktop entry, metainfo, icons"
man -w sohoa >/dev/null && man -w sohoa-cli >/dev/null || fail "man pages not found by man"
desktop-file-validate /usr/share/applications/vn.sohoa.SoHoa.desktop || fail "installed .desktop"
appstreamcli validate --no-net /usr/share/metainfo/vn.sohoa.SoHoa.metainfo.xml >/dev/null || fail "installed metainfo"
for s in 16 22 24 32 48 64 128 256 512; do
    [ -f "/usr/share/icons/hicolor/${s}x${s}/apps/vn.sohoa.SoHoa.png" ] || fail "icon ${s}x${s}"
done
grep -q 'application/pdf=.*vn.sohoa.SoHoa.desktop\|application/pdf=vn.sohoa.SoHoa.desktop' \
    /usr/share/applications/mimeinfo.cache 2>/dev/null || say "(mimeinfo.cache not updated: desktop-file-utils triggers absent)"

say "apt-get remove --purge sohoa"
"${sudo_cmd[@]}" apt-get remove -y -qq --purge sohoa >/dev/null || fail "apt-get remove"
for f in "$cli" "$gui" /usr/libexec/sohoa /usr/share/applications/vn.sohoa.SoHoa.desktop /usr/share/doc/sohoa; do
    [ ! -e "$f" ] || fail "$f left after removal"
done
say "OK: built, linted, installed, ran and removed $(basename "$deb")"
