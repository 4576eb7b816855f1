#!/bin/sh
# Makes examples/report/*.png: the top of Example 3's and the perceptron's
# teaching report, as headless Chromium draws them, and the ellipsoid's
# what-if with x moved (whatif_shot.py, through the DevTools protocol, with
# a Python that imports websocket).
#   tests/browser/screenshots.sh INFDIAG EXAMPLES OUTDIR
set -e
INFDIAG=${1:?usage: screenshots.sh INFDIAG EXAMPLES OUTDIR}
EXAMPLES=${2:?usage: screenshots.sh INFDIAG EXAMPLES OUTDIR}
OUT=${3:?usage: screenshots.sh INFDIAG EXAMPLES OUTDIR}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/infdiag-shots.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

mkdir -p "$OUT"
for name in example3 perceptron; do
	"$INFDIAG" report "$EXAMPLES/$name.json" -o "$TMPD/$name.html"
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$TMPD/profile-$name" --hide-scrollbars \
	    --screenshot="$TMPD/$name.png" --window-size=1280,3200 \
	    "file://$TMPD/$name.html" >/dev/null 2>&1
	mv "$TMPD/$name.png" "$OUT/$name.png"
	echo "$OUT/$name.png"
done
for py in /usr/bin/python3 python3; do
	if "$py" -c 'import websocket' >/dev/null 2>&1; then
		"$INFDIAG" report "$EXAMPLES/ellipsoid.json" \
		    -o "$TMPD/ellipsoid.html"
		"$py" "$(dirname "$0")/whatif_shot.py" "$TMPD/ellipsoid.html" \
		    "$OUT/ellipsoid-whatif.png"
		echo "$OUT/ellipsoid-whatif.png"
		break
	fi
done
