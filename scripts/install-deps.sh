#!/usr/bin/env bash
# Installs the Debian 12 packages SoHoa needs that are not installed yet. Idempotent and quiet when
# nothing is missing. Usage: scripts/install-deps.sh [build|test|bench]   (default: test)
set -euo pipefail

profile="${1:-test}"

build_pkgs=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libgl-dev
    libsane-dev libsane1 libtiff-dev zlib1g-dev libjpeg-dev libssl-dev
    libqpdf-dev libp11-kit-dev libzxing-dev fonts-liberation2 libpoppler-qt6-dev
    qt6-l10n-tools qt6-tools-dev qt6-svg-dev libqt6svg6 qtkeychain-qt6-dev
    libtesseract-dev libleptonica-dev tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd icc-profiles-free
)
# Independent checkers and the virtual scanners' front end used by the tests.
# nginx-light publishes CRLs on loopback for the revocation tests (run as the test user, never as a service).
# apache2: a second WebDAV server (mod_dav) for the upload tests, started the same way from their own config.
# gnome-keyring + dbus-daemon: a real Secret Service (in a private D-Bus session) for the keyring test.
test_pkgs=(man-db groff-base sane-utils qpdf poppler-utils openssl softhsm2 opensc zbar-tools xvfb xdotool x11-apps netpbm nginx-light
    apache2 gnome-keyring dbus-daemon)
# The sanitizer + fuzzing build (clang, libFuzzer) and the package checks (CPack's dpkg-shlibdeps, lintian,
# desktop-file-validate, appstreamcli); rsvg-convert draws the icon's PNG sizes at build time.
test_pkgs+=(clang-22 libclang-rt-22-dev dpkg-dev file lintian desktop-file-utils appstream)
build_pkgs+=(librsvg2-bin)
# clang-tidy 22 (Debian 12's security archive carries LLVM 22): it skips the AST of system headers, which
# makes a whole-tree run three times faster than Debian 12's default clang-tidy 14 (~3 s a file, not ~10).
test_pkgs+=(clang-tidy-22)
# Peer tools the benchmarks compare against.
bench_pkgs=(img2pdf time bc libnss3-tools dbus curl ocrmypdf
    simple-scan skanpage qml-module-org-kde-kirigami2 qml-module-qtquick-dialogs qml-module-qtquick-layouts
    qml-module-qtquick-window2 qml-module-qtquick-controls2 qml-module-qtquick2 qml-module-qt-labs-platform
    qml-module-qtqml-models2 qml-module-org-kde-purpose)

case "$profile" in
    build) wanted=("${build_pkgs[@]}") ;;
    test) wanted=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
    bench) wanted=("${build_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
    *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Run as root or install sudo." >&2; exit 1; }
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
