# Sourced by the benchmarks (from the repository root): installs the bench packages and sets `cli`
# to sohoa-cli — $SOHOA_CLI when given (reuse a built binary), else a fresh build.
scripts/install-deps.sh bench
if [ -n "${SOHOA_CLI:-}" ]; then
    cli="$SOHOA_CLI"
else
    build_dir=$(scripts/build.sh | tail -n 1)
    cli="$PWD/$build_dir/app/cli/sohoa-cli"
fi

# use_a4_test_scanner DIR: SANE_CONFIG_DIR=DIR with only the `test` backend, its scan area widened
# to A4 (the default test.conf stops at 200 mm wide).
use_a4_test_scanner() {
    mkdir -p "$1"
    printf 'test\n' > "$1/dll.conf"
    sed -e 's/^geometry_max .*/geometry_max 400.0/' -e 's/^br_x .*/br_x 210.0/' -e 's/^br_y .*/br_y 297.0/' \
        /etc/sane.d/test.conf > "$1/test.conf"
    export SANE_CONFIG_DIR="$1"
}

# make_big_pdf PATH MB: a PDF of about MB megabytes, pages of uncompressed random-noise 8192x8192
# gray images (64 MiB each): what a hash must read in full and a parser must not.
make_big_pdf() {
python3 - "$1" "$2" <<'PY'
import os, sys
path, mb = sys.argv[1], int(sys.argv[2])
side = 8192
img = side * side
pages = max(1, (mb << 20) // img)
offsets = {}
with open(path, "wb") as f:
    def obj(num, body):
        offsets[num] = f.tell()
        f.write(b"%d 0 obj\n" % num + body + b"\nendobj\n")
    f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    kids = b" ".join(b"%d 0 R" % (3 + 3 * i) for i in range(pages))
    obj(1, b"<</Type/Catalog/Pages 2 0 R>>")
    obj(2, b"<</Type/Pages/Count %d/Kids[%s]>>" % (pages, kids))
    for i in range(pages):
        page, content, image = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        obj(page, b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents %d 0 R"
                  b"/Resources<</XObject<</Im0 %d 0 R>>>>>>" % (content, image))
        draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
        obj(content, b"<</Length %d>>\nstream\n" % len(draw) + draw + b"\nendstream")
        offsets[image] = f.tell()
        f.write(b"%d 0 obj\n<</Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray"
                b"/BitsPerComponent 8/Length %d>>\nstream\n" % (image, side, side, img))
        left = img
        while left:
            k = min(left, 8 << 20)
            f.write(os.urandom(k))
            left -= k
        f.write(b"\nendstream\nendobj\n")
    size = 3 + 3 * pages
    xref = f.tell()
    f.write(b"xref\n0 %d\n0000000000 65535 f\r\n" % size)
    for k in range(1, size):
        f.write(b"%010d 00000 n\r\n" % offsets[k])
    f.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
PY
}
