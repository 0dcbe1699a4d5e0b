#!/usr/bin/env bash
# The desktop integration files: the .desktop entry passes desktop-file-validate, the AppStream
# metainfo passes appstreamcli validate (--no-net: this machine reaches no web site, so each
# screenshot URL is checked against the file it is published from, docs/screenshots/), and the
# files name each other and the icon consistently.
# Usage: check-desktop.sh SOURCE_DIR BUILD_PACKAGING_DIR
set -euo pipefail
src=$1 gen=$2
status=0
fail() { printf 'FAIL: %s\n' "$*"; status=1; }
for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done
id=vn.sohoa.SoHoa
desktop=$src/packaging/$id.desktop
metainfo=$gen/$id.metainfo.xml

desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
out=$(appstreamcli validate --no-net --pedantic "$metainfo" 2>&1) || fail "appstreamcli validate: $out"
echo "$out"
# Pedantic notes other than the reverse-DNS id's capitals (the id is the desktop file's name) fail.
grep -E '^[EWIP]: ' <<<"$out" | grep -v 'cid-contains-uppercase-letter' && fail "appstreamcli has remarks"

grep -qx "Icon=$id" "$desktop" || fail "the .desktop file does not name the icon $id"
grep -qx "Exec=sohoa %F" "$desktop" || fail "the .desktop file does not open files with sohoa %F"
grep -q '^MimeType=.*application/pdf;' "$desktop" || fail "the .desktop file does not take PDFs"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" || fail "metainfo launchable"
grep -q '<release version="[0-9]' "$metainfo" || fail "metainfo has no configured release"
shots=$(grep -oE '<image>[^<]+</image>' "$metainfo" | sed -E 's#<image>.*/([^/<]+)</image>#\1#')
[ -n "$shots" ] || fail "metainfo has no screenshots"
for s in $shots; do [ -f "$src/docs/screenshots/$s" ] || fail "screenshot $s is not in docs/screenshots"; done
for size in 16 22 24 32 48 64 128 256 512; do
    png=$gen/icons/${size}x${size}/$id.png
    [ -f "$png" ] || { fail "no icon $png"; continue; }
    dims=$(file -b "$png" | grep -oE '[0-9]+ x [0-9]+')
    [ "$dims" = "$size x $size" ] || fail "$png is $dims"
done
exit $status
