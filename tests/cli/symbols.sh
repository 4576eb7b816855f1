#!/bin/sh
# The library's symbols (issue 13): libinfdiag.a and libinfdiag.so define
# no global symbol but the infdiag_ API, so that a program linking either
# cannot clash with the library's internals (strbuf_addf, quote, ...); and
# no two of the library's source files call each other, directly or round
# a longer cycle (read from the objects' symbols).
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

# The calls between the library's files: an edge from each object to the
# object defining a symbol it uses; a cycle is a strongly connected set.
core=$libs/libinfdiag_core.a
if [ ! -f "$core" ]; then
	skip "no cycle between source files: $core not built"
elif ! command -v python3 >/dev/null 2>&1; then
	skip "no cycle between source files: python3 not found"
elif ! nm -A "$core" >"$TMPD/core.nm" 2>"$TMPD/err"; then
	not_ok "no cycle between source files: nm reads $core" \
	    "$(cat "$TMPD/err")"
else
	python3 - "$TMPD/core.nm" >"$TMPD/cycles" <<'PY'
import re, sys
defs, uses = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r'.*?:libinfdiag_core_la-(.*)\.o:\s*(\S*)\s+(\S)\s+(\S+)$',
                 line.rstrip('\n'))
    if not m:
        continue
    obj, kind, sym = m.group(1), m.group(3), m.group(4)
    if kind in 'TDBR':
        defs[sym] = obj
    elif kind == 'U':
        uses.setdefault(obj, set()).add(sym)
graph = {o: {defs[s] for s in u if s in defs and defs[s] != o}
         for o, u in uses.items()}
index, low, stack, on, found = {}, {}, [], set(), []
def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v); on.add(v)
    for w in graph.get(v, ()):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            found.append(' '.join(sorted(comp)))
sys.setrecursionlimit(10000)
for v in list(graph):
    if v not in index:
        visit(v)
if found:
    print('\n'.join(found))
PY
	if [ -s "$TMPD/cycles" ]; then
		not_ok "no cycle between source files" \
		    "$(wc -l <"$TMPD/cycles") cycles" "$(cat "$TMPD/cycles")"
	else
		ok "no cycle between source files"
	fi
fi
done_testing
