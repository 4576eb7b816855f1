#!/bin/sh
# The library's symbols (issue 13): libinfdiag.a and libinfdiag.so define
# no global symbol but the infdiag_ API, so that a program linking either
# cannot clash with the library's internals (strbuf_addf, quote, ...).
. "$(dirname "$0")/lib.sh"

libs=$(dirname "$INFDIAG")/.libs

# check_symbols NAME FILE NMFLAGS: FILE defines only infdiag_* globals,
# and the API's entry points among them.
check_symbols() {
	if [ ! -f "$2" ]; then
		skip "$1: not built (configure --disable-static or -shared)"
		return
	fi
	if ! nm $3 --defined-only "$2" >"$TMPD/nm" 2>"$TMPD/err"; then
		not_ok "$1: nm reads it" "$(cat "$TMPD/err")"
		return
	fi
	awk 'NF == 3 && $3 !~ /^infdiag_/ { print $3 }' "$TMPD/nm" \
	    >"$TMPD/private"
	if [ -s "$TMPD/private" ]; then
		not_ok "$1: only infdiag_ symbols are global" \
		    "$(wc -l <"$TMPD/private") others" \
		    "$(head -5 "$TMPD/private")"
	else
		ok "$1: only infdiag_ symbols are global"
	fi
	for f in infdiag_model_load_file infdiag_analyze infdiag_write \
	    infdiag_render infdiag_quote; do
		if awk -v f="$f" 'NF == 3 && $3 == f { found = 1 }
		    END { exit !found }' "$TMPD/nm"; then
			ok "$1: defines $f"
		else
			not_ok "$1: defines $f"
		fi
	done
}

if ! command -v nm >/dev/null 2>&1; then
	echo "1..0 # SKIP nm not found"
	exit 77
fi
check_symbols "libinfdiag.a" "$libs/libinfdiag.a" -g
check_symbols "libinfdiag.so" "$libs/libinfdiag.so" -D
done_testing
