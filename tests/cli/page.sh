#!/bin/sh
# The report's view driven as a user drives it, in headless Chromium
# through the DevTools protocol (tests/browser/test_page.py): paths
# selected by click and key, the step-through, zoom and pan (buttons, wheel,
# keys, drag, pinch), the tooltips, the layout (no overlapping contents, no
# needless scrollbar), the fragment.  Skips (77) without Chromium or a
# Python with websocket.
HERE=$(cd "$(dirname "$0")/../browser" && pwd)
. "$(dirname "$0")/lib.sh"

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
	echo "1..0 # SKIP no Chromium"
	exit 77
fi
for py in /usr/bin/python3 python3; do
	if command -v "$py" >/dev/null 2>&1 &&
	    "$py" -c 'import websocket' >/dev/null 2>&1; then
		timeout 600 "$py" "$HERE/test_page.py" "$INFDIAG" "$EXAMPLES" \
		    "$TMPD"
		exit $?
	fi
done
echo "1..0 # SKIP no Python that imports websocket"
exit 77
