#!/bin/sh
# The interactive report in headless Chromium (SPEC 5.4, issue 16): each
# example's report with each fragment, the what-if against infdiag eval,
# clicks and keys through the DevTools protocol, the hostile model with
# scripts on, the CSP and the network.  tests/browser/checks.py does the
# checks (with tests/browser/cdp.py); this turns its lines into TAP.  The
# interpreter alone runs under node (tests/browser/interp.js) when there is
# one.  Skips (77) without Chromium or a Python that imports websocket.
. "$(dirname "$0")/lib.sh"

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed
HERE=$(cd "$(dirname "$0")/../browser" && pwd)

# tap_lines: reads checks' PASS/FAIL/SKIP lines (details after a tab).
tap_lines() {
	name='' details=''
	flush() {
		case $kind in
		PASS) ok "$name" ;;
		FAIL) not_ok "$name" "$details" ;;
		SKIP) skip "${name%% :: *}" "${name#* :: }" ;;
		esac
		kind='' details=''
	}
	kind=''
	while IFS= read -r line; do
		case $line in
		"	"*) details="${details:+$details
}${line#	}" ;;
		PASS\ *|FAIL\ *|SKIP\ *)
			[ -n "$kind" ] && flush
			kind=${line%% *} name=${line#* } ;;
		UNAVAILABLE\ *) echo "# ${line#* }"; unavailable=1 ;;
		*) echo "# $line" ;;
		esac
	done
	[ -n "$kind" ] && flush
}

# The interpreter under node, against infdiag eval.
if command -v node >/dev/null 2>&1; then
	node "$HERE/interp.js" "$INFDIAG" "$EXAMPLES" "$TMPD" >"$TMPD/node" 2>&1
	echo "exit $?" >>"$TMPD/node"
	unavailable=0
	tap_lines <"$TMPD/node"
	grep -q '^exit 0$' "$TMPD/node" || [ "$tap_failed" -eq 1 ] ||
		not_ok "interp.js ran" "$(tail -5 "$TMPD/node")"
else
	skip "the interpreter under node" "no node"
fi

PY=''
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1 &&
	    "$p" -c 'import websocket' >/dev/null 2>&1; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ] || { [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; }; then
	echo "# no Chromium or no Python with websocket: browser checks skipped"
	[ "$tap_n" -eq 0 ] && exit 77
	done_testing
fi
unavailable=0
timeout 600 "$PY" "$HERE/checks.py" "$INFDIAG" "$EXAMPLES" \
    "$HERE/hostile.json" "$TMPD" >"$TMPD/checks" 2>"$TMPD/checks.err"
rc=$?
tap_lines <"$TMPD/checks"
if [ "$unavailable" = 1 ] && [ "$tap_n" -eq 0 ]; then
	exit 77
fi
if [ "$rc" -ne 0 ] && [ "$tap_failed" -eq 0 ]; then
	not_ok "checks.py ran to its end" "exit $rc" "$(tail -5 "$TMPD/checks.err")"
fi
done_testing
