#!/bin/bash
# valgrind.sh: runs every command of infdiag on every example under
# valgrind's memcheck and fails on any memory error or definite leak.
#
#   tests/valgrind.sh [BUILDDIR]      (default: the current directory)
#
# It runs the real program (BUILDDIR/.libs/infdiag with the library beside
# it), not libtool's wrapper script, which valgrind would trace instead.
# Graphviz's and fontconfig's own leaks are suppressed in valgrind.supp.
# Environment: VALGRIND (default valgrind), VALGRIND_QUICK=1 to run one
# example only.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
build=$(cd "${1:-.}" && pwd) || exit 2
# valgrind's own exit status for an error; not one infdiag uses (0 to 5).
verr=100

if [ -x "$build/.libs/infdiag" ]; then
	prog=$build/.libs/infdiag
	export LD_LIBRARY_PATH=$build/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
elif [ -x "$build/infdiag" ] && ! grep -q libtool "$build/infdiag" 2>/dev/null
then
	prog=$build/infdiag
else
	echo "valgrind.sh: no infdiag program in $build (run make)" >&2
	exit 2
fi
command -v "${VALGRIND:-valgrind}" >/dev/null || {
	echo "valgrind.sh: valgrind not found: skipped" >&2
	exit 77
}

logs=$(mktemp -d "${TMPDIR:-/tmp}/infdiag-valgrind.XXXXXX")
trap 'rm -rf "$logs"' EXIT
runs=0
failures=0

# vg WANT ARGS...: runs infdiag ARGS under memcheck, expecting exit status
# WANT from infdiag itself; any memcheck error or definite leak fails.
vg() {
	local want=$1 rc log
	shift
	runs=$((runs + 1))
	log=$logs/$runs.log
	"${VALGRIND:-valgrind}" --tool=memcheck --quiet --leak-check=full \
	    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	    --error-exitcode=$verr \
	    --suppressions="$here/valgrind.supp" --log-file="$log" \
	    "$prog" "$@" >"$logs/out" 2>"$logs/err" <"${stdin:-/dev/null}"
	rc=$?
	if [ $rc -eq $verr ] || [ -s "$log" ]; then
		failures=$((failures + 1))
		echo "FAIL: infdiag $* (memcheck)"
		sed 's/^/    /' "$log" | head -80
	elif [ $rc -ne "$want" ]; then
		failures=$((failures + 1))
		echo "FAIL: infdiag $*: exit status $rc, not $want"
		sed 's/^/    /' "$logs/err" | head -5
	fi
}

examples=("$src"/examples/*.json)
[ "${VALGRIND_QUICK:-0}" = 1 ] && examples=("$src/examples/example3.json")
start=$SECONDS
for ex in "${examples[@]}"; do
	echo "== ${ex#$src/}"
	vg 0 check "$ex"
	for format in text json latex markdown; do
		vg 0 analyze --format "$format" "$ex"
		vg 0 paths --format "$format" --max-paths 2 "$ex"
		vg 0 formula --format "$format" "$ex"
		vg 0 eval --format "$format" "$ex"
	done
	vg 0 analyze --ascii "$ex"
	vg 0 analyze --explain "$ex"
	vg 0 analyze --explain --ascii "$ex"
	vg 0 analyze --format markdown --explain "$ex"
	for view in full paths partial decomposition; do
		vg 0 dot --view "$view" "$ex"
	done
	vg 0 render --view full --type svg "$ex"
	vg 0 render --view decomposition -o "$logs/d.svg" "$ex"
	vg 0 render --view paths --type tikz --standalone "$ex"
	vg 0 report -o "$logs/r.html" "$ex"
done

# The error paths: a model from standard input, invalid models, usage
# errors, output that cannot be written, and a failed evaluation.
echo "== errors"
stdin=$src/examples/example3.json vg 0 analyze -
for bad in cycle-3 top-key-unknown duplicate-key-top syntax-trailing-comma \
    syntax-invalid-utf8 expr-syntax expr-unknown-inferred input-unknown \
    partials-missing wrt-unknown; do
	[ -f "$src/tests/data/invalid/$bad.json" ] &&
	    vg 1 analyze "$src/tests/data/invalid/$bad.json"
done
vg 2 analyze --format nope "$src/examples/example3.json"
vg 2 analyze --view full "$src/examples/example3.json"
vg 2 render --type gif "$src/examples/example3.json"
vg 3 analyze "$logs/missing.json"
vg 3 analyze -o "$logs/no/such/dir/out.txt" "$src/examples/example3.json"
printf '{"variables": {"x": {"value": -1}, "y": {"expr": "log(x)"}}}' \
    >"$logs/neg.json"
vg 4 eval "$logs/neg.json"

echo "valgrind: $runs runs, $failures failed, $((SECONDS - start))s"
[ $failures -eq 0 ]
