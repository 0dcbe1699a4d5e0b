#!/usr/bin/env bash
# Re-creates the seed corpora fuzz/corpus/<target>/ from ../shared/corpus, the store fixture
# (tests/fixtures/store-v1) and signatures made with the test keys of fuzz/keys. Run from the repository
# root with a built sohoa-cli: SOHOA_CLI=build/app/cli/sohoa-cli fuzz/make_seeds.sh
# Seeds that start with an option byte (see each target) get it prefixed here. The keys are made once
# (fuzz/keys: throwaway test keys, never to be used for anything else); remaking them means remaking every
# signed seed, which this script does.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${SOHOA_CLI:-build/app/cli/sohoa-cli}
shared=${SOHOA_CORPUS:-../shared/corpus}
keys=fuzz/keys
out=fuzz/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen

# Keys: a root, a signer (PKCS#12, password "fuzz") and a TSA, valid for a century. Only root.pem and
# signer.p12 are committed (what the targets read); without the private keys, all are made anew.
if [ ! -f $keys/root.key ] || [ ! -f $keys/signer.key ] || [ ! -f $keys/tsa.key ]; then
    k=$work/keys; mkdir -p $k
    cat > $k/ext.cnf <<'CNF'
[req]
distinguished_name = dn
[dn]
[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[signer_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://127.0.0.1:9/ocsp
crlDistributionPoints = URI:http://127.0.0.1:9/root.crl
[tsa_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
authorityKeyIdentifier = keyid
CNF
    o="/O=SoHoa fuzzing (test key, not secret)"
    openssl req -x509 -new -newkey rsa:2048 -nodes -keyout $keys/root.key -out $keys/root.pem -days 36500 \
        -subj "/CN=SoHoa Fuzz Root$o" -config $k/ext.cnf -extensions root_ext
    for n in signer tsa; do
        cn="Nguyen Van Fuzz"; [ $n = tsa ] && cn="SoHoa Fuzz TSA"
        openssl req -new -newkey rsa:2048 -nodes -keyout $keys/$n.key -out $k/$n.csr -subj "/CN=$cn$o" -config $k/ext.cnf
        openssl x509 -req -in $k/$n.csr -CA $keys/root.pem -CAkey $keys/root.key -CAcreateserial -CAserial $k/root.srl \
            -out $keys/$n.pem -days 36500 -extfile $k/ext.cnf -extensions ${n}_ext
    done
    openssl pkcs12 -export -inkey $keys/signer.key -in $keys/signer.pem -certfile $keys/root.pem \
        -out $keys/signer.p12 -passout pass:fuzz -name signer
fi

prefix() { # prefix BYTE_HEX IN OUT
    { printf "\\x$1"; cat "$2"; } > "$3"
}

# ---- fuzz_cms: selector byte 0 CMS, 1 token, 2 TSA reply (nonce, imprint, reply), 3 certificate, 4 OCSP/CRL
d=$out/cms; rm -rf $d; mkdir -p $d
printf fuzz > $work/data
openssl cms -sign -binary -in $work/data -signer $keys/signer.pem -inkey $keys/signer.key -certfile $keys/root.pem \
    -outform DER -out $work/cms.der -md sha256
openssl cms -sign -binary -cades -in $work/data -signer $keys/signer.pem -inkey $keys/signer.key -outform DER \
    -out $work/cades.der -md sha256
openssl cms -sign -binary -in $work/data -signer $keys/signer.pem -inkey $keys/signer.key -outform DER -nocerts \
    -out $work/nocerts.der -md sha512
for f in cms cades nocerts; do prefix 00 $work/$f.der $d/cms-$f; done
cat > $work/tsa.cnf <<CNF
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = $work/tsaserial
crypto_device = builtin
signer_cert = $keys/tsa.pem
signer_key = $keys/tsa.key
certs = $keys/root.pem
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
signer_digest = sha256
CNF
echo 01 > $work/tsaserial
openssl ts -query -data $work/data -sha256 -cert -out $work/q.tsq
openssl ts -reply -queryfile $work/q.tsq -config $work/tsa.cnf -section tsa_config -out $work/resp.tsr
openssl ts -reply -in $work/resp.tsr -token_out -out $work/token.der
prefix 01 $work/token.der $d/token
nonce=$(openssl ts -query -in $work/q.tsq -text | sed -n 's/.*Nonce: 0x//p')
nonce=$(printf "%016s" "$nonce" | tr ' ' 0)
{ printf "\\x02"; echo -n "$nonce" | xxd -r -p; printf fuzz | openssl dgst -sha256 -binary; cat $work/resp.tsr; } > $d/tsa-reply
for n in root signer tsa; do
    openssl x509 -in $keys/$n.pem -outform DER -out $work/$n.der; prefix 03 $work/$n.der $d/cert-$n
done
serial=$(openssl x509 -in $keys/signer.pem -noout -serial | cut -d= -f2)
subject=$(openssl x509 -in $keys/signer.pem -noout -subject -nameopt compat | sed 's/^subject=//')
for state in V R; do
    revoked=""; [ $state = R ] && revoked="261101000000Z,keyCompromise"
    printf "%s\t21261101000000Z\t%s\t%s\tunknown\t%s\n" $state "$revoked" "$serial" "$subject" > $work/index.txt
    openssl ocsp -index $work/index.txt -rsigner $keys/root.pem -rkey $keys/root.key -CA $keys/root.pem \
        -issuer $keys/root.pem -cert $keys/signer.pem -respout $work/ocsp.der -ndays 36500
    prefix 04 $work/ocsp.der $d/ocsp-$state
done
cat > $work/ca.cnf <<CNF
[ca]
default_ca = ca_default
[ca_default]
database = $work/index.txt
crlnumber = $work/crlnumber
default_md = sha256
default_crl_days = 36500
CNF
echo 1000 > $work/crlnumber
openssl ca -gencrl -config $work/ca.cnf -keyfile $keys/root.key -cert $keys/root.pem -out $work/crl.pem
openssl crl -in $work/crl.pem -outform DER -out $work/crl.der
prefix 04 $work/crl.der $d/crl-revoked

# ---- PDFs: the small files of the shared corpus, and signed or stamped ones made from them
small_pdfs() { find "$1" -name '*.pdf' -size -${2}k | sort; }
s=$work/signed; mkdir -p $s
sign() { # sign IN OUT options...
    local in=$1 o=$2; shift 2
    SOHOA_FUZZ_P12_PASSWORD=fuzz $cli sign "$in" --out "$o" --p12 $keys/signer.p12 \
        --pin-env SOHOA_FUZZ_P12_PASSWORD --overwrite "$@" >/dev/null
}
c=$shared/pdf/clean
sign $c/minimal-9.pdf $s/invisible.pdf
sign $c/minimal-9.pdf $s/pkcs7-sha512.pdf --subfilter pkcs7 --hash sha512
sign $c/minimal-rotated.pdf $s/visible-rotated.pdf --appearance copy --organization "UBND phường Bến Nghé"
sign $c/field-types.pdf $s/certified.pdf --certify 2
sign $s/certified.pdf $s/certified-then-signed.pdf
sign $c/incremental-2.pdf $s/incremental.pdf --pss
sign $c/annotations-rotated-180.pdf $s/last-page.pdf --appearance copy --organization "Văn thư" --page last \
    --corner bottom-left
$cli stamp-qr $s/invisible.pdf --out $s/signed-then-stamped.pdf --text "https://x.vn/{dossier_code}" \
    --dossier-code H15.50.05.13-261008-0975 --overwrite >/dev/null
$cli stamp-qr $c/good4.pdf --out $s/stamped.pdf --text "{sha256}" --caption "Tra cứu" --pages all --overwrite >/dev/null
sign $s/stamped.pdf $s/stamped-then-signed.pdf
# A signed file changed after signing: one byte of its first revision.
cp $s/invisible.pdf $s/tampered.pdf
printf 'X' | dd of=$s/tampered.pdf bs=1 seek=200 conv=notrunc status=none

d=$out/pdf_verify; rm -rf $d; mkdir -p $d
cp $s/*.pdf $d/
for f in $(small_pdfs $c 6) $(small_pdfs $shared/pdf/broken 40); do cp "$f" $d/; done
d=$out/pdf_sign_stamp; rm -rf $d; mkdir -p $d
i=0
for f in $(small_pdfs $c 4) $(small_pdfs $shared/pdf/broken 12) $s/certified.pdf $s/invisible.pdf; do
    # Alternate the operation and cycle through the options (see fuzz_pdf_sign_stamp.cpp).
    prefix $(printf %02x $(( (i * 37) & 0xff ))) "$f" $d/$(basename "$f" .pdf)-$i.pdf
    i=$((i + 1))
done

# ---- Images: small pages of every format the store meets (netpbm, from a scan of the shared corpus)
d=$out/image; rm -rf $d; mkdir -p $d
b=$out/barcode; rm -rf $b; mkdir -p $b
img=$work/img; mkdir -p $img
jpegtopnm -quiet $shared/scans/page-002.jpg | pnmscale -quiet -width 160 > $img/page.ppm
ppmtopgm $img/page.ppm > $img/gray.pgm
pamthreshold -simple -threshold 0.6 $img/gray.pgm 2>/dev/null | pamtopnm > $img/mono.pbm
pnmtojpeg -quiet -quality 60 $img/page.ppm > $img/page.jpg
pnmtojpeg -quiet -quality 60 $img/gray.pgm > $img/gray.jpg
pnmtopng -quiet $img/page.ppm > $img/page.png
pamdepth 65535 $img/gray.pgm | pnmtopng -quiet > $img/gray16.png
pnmtopng -quiet $img/mono.pbm > $img/mono.png
pnmtotiff -quiet -g4 $img/mono.pbm > $img/g4.tif
pnmscale -quiet -width 48 $img/page.ppm | ppmtobmp -quiet > $img/page.bmp
pamtogif -quiet $img/mono.pbm > $img/mono.gif
for f in page.jpg gray.jpg page.png gray16.png mono.png g4.tif page.bmp mono.gif mono.pbm; do prefix 00 $img/$f $d/$f; done
prefix 01 $img/page.png $d/archival-page.png
# A JPEG with an Adobe APP14 marker (YCCK transform), for the archival path.
python3 - $img/page.jpg $img/cmyk-marker.jpg <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
app14 = b"\xff\xee\x00\x0eAdobe\x00\x64\x00\x00\x00\x00\x02"  # transform 2: YCCK
open(sys.argv[2], "wb").write(data[:2] + app14 + data[2:])
PY
prefix 01 $img/cmyk-marker.jpg $d/archival-adobe.jpg
# Resolution from an EXIF APP1 (as scanners write it) rather than JFIF: a little TIFF, 300 dpi.
python3 - $img/page.jpg $img/exif.jpg <<'PY'
import struct, sys
jpg = open(sys.argv[1], "rb").read()
entries = [(0x011A, 5, 1, 50), (0x011B, 5, 1, 58), (0x0128, 3, 1, 2)]  # XResolution, YResolution, unit: inch
tiff = b"II*\x00" + struct.pack("<IH", 8, len(entries))
tiff += b"".join(struct.pack("<HHII", *e) for e in entries) + struct.pack("<I", 0)
tiff += struct.pack("<IIII", 300, 1, 300, 1)
payload = b"Exif\x00\x00" + tiff
open(sys.argv[2], "wb").write(jpg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpg[2:])
PY
prefix 00 $img/exif.jpg $d/exif-300dpi.jpg
# Barcodes: our own cover sheet rendered at 100 dpi (a QR code), and a scanned cover page made small.
$cli coversheet --dossier H15.50.05.13-261008-0975 --out $work/cover.pdf --overwrite >/dev/null
pdftoppm -r 60 -gray -singlefile $work/cover.pdf $img/cover
pnmtopng -quiet $img/cover.pgm > $img/cover.png
prefix 01 $img/cover.png $b/coversheet-100dpi.png
jpegtopnm -quiet $shared/scans/page-001.jpg | pnmscale -quiet -width 700 | pnmtojpeg -quiet -quality 50 > $img/scan.jpg
prefix 09 $img/scan.jpg $b/scanned-cover.jpg
prefix 00 $img/page.jpg $b/page.jpg
prefix 18 $img/mono.png $b/mono.png

# ---- fuzz_store: the store fixture as it is, and the same store rebuilt (with manifests) by the CLI
d=$out/store; rm -rf $d; mkdir -p $d
python3 fuzz/make_store_seed.py tests/fixtures/store-v1 $d/store-v1
cp -r tests/fixtures/store-v1 $work/store
SOHOA_STORE=$work/store $cli dossier list >/dev/null
SOHOA_STORE=$work/store $cli store rebuild --force >/dev/null || true
rm -f $work/store/sohoa.sqlite.*
python3 fuzz/make_store_seed.py $work/store $d/store-rebuilt
rm -f $work/store/sohoa.sqlite
python3 fuzz/make_store_seed.py $work/store $d/store-index-lost
du -sh $out/*
