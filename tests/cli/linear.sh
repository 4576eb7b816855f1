#!/bin/sh
# Linear time on wide models (issue 18): each case is run at two sizes and
# the ratio of counted work, never wall time, is asserted.
. "$(dirname "$0")/lib.sh"

GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}

# The sizes N and 4N: linear work grows 4 times, quadratic 16 times, and
# a ratio under 8 tells them apart.  At these sizes the quadratic code of
# before took seconds at 4N and the linear one takes a tenth of that.
# CPU time is counted in clock ticks (10 ms): a run at N shorter than
# FLOOR_MS counts as FLOOR_MS, so that a tick's noise cannot fail a test.
FLOOR_MS=30

# timed ARGS...: runs infdiag ARGS like run, and sets $ms to its user CPU
# time in milliseconds (the times builtin: no other program is needed).
timed() {
	ms=$( ( "$INFDIAG" "$@" >"$TMPD/out" 2>"$TMPD/err";
	    echo $? >"$TMPD/status"; times ) | awk 'NR == 2 {
	    split($1, t, /[ms]/); printf "%d\n", (t[1] * 60 + t[2]) * 1000 }')
	status=$(cat "$TMPD/status")
}

# expect_linear NAME SMALL BIG: BIG (at 4N) is under 8 times SMALL (at N).
expect_linear() {
	base=$2
	[ "$base" -ge "$FLOOR_MS" ] || base=$FLOOR_MS
	if [ "$3" -lt $((8 * base)) ]; then
		ok "$1: 4N costs $3 against $2 at N, under 8 times"
	else
		not_ok "$1: 4N costs $3 against $2 at N, under 8 times" \
		    "quadratic growth costs 16 times"
	fi
}

# time_case NAME CMD N ARGS...: runs infdiag CMD [ARGS] on the model
# "$TMPD/NAME-N.json" and "$TMPD/NAME-4N.json", checks both succeed and
# their CPU times grow linearly.
time_case() {
	name=$1 cmd=$2 n=$3
	shift 3
	label="$name $cmd"
	[ $# -eq 0 ] || label="$label $*"
	timed "$cmd" "$@" "$TMPD/$name-$n.json"
	expect_status "$label, N = $n" 0
	small=$ms
	timed "$cmd" "$@" "$TMPD/$name-$((4 * n)).json"
	expect_status "$label, 4N = $((4 * n))" 0
	expect_linear "$label (user CPU ms)" "$small" "$ms"
}

# model SHAPE N...: writes $TMPD/SHAPE-N.json for each N.
model() {
	shape=$1
	shift
	for n in "$@"; do
		"$GENMODEL" "$shape" "$n" >"$TMPD/$shape-$n.json" || exit 99
	done
}

# eval's per-path breakdown honours --max-paths and says what it left out.
EXAMPLES=${EXAMPLES:-$(dirname "$0")/../../examples}
run eval --max-paths 1 "$EXAMPLES/ellipsoid.json"
expect_status "eval --max-paths 1" 0
grep -E '^    (path [0-9]+,|\(showing)' "$TMPD/out" >"$TMPD/paths"
printf '%s\n' "    path 1, x → f: ∂f/∂x = 25.1327412287" \
    "    (showing 1 of 2 paths; --max-paths lists more)" >"$TMPD/want"
if cmp -s "$TMPD/paths" "$TMPD/want"; then
	ok "eval --max-paths 1: one path, then how many were left out"
else
	not_ok "eval --max-paths 1: one path, then how many were left out" \
	    "$(diff "$TMPD/want" "$TMPD/paths")"
fi
run eval "$EXAMPLES/ellipsoid.json"
expect_grep "eval, all paths" out "    path 2, x → t → f: ∂f/∂t·dt/dx = 25.1327412287"
if grep -q "showing" "$TMPD/out"; then
	not_ok "eval, all paths: no \"showing\" note" "$(grep showing "$TMPD/out")"
else
	ok "eval, all paths: no \"showing\" note"
fi

# One expr summing N inputs: which inputs it uses is one walk of the sum,
# not one walk per input.
model sum 20000 80000
time_case sum check 20000
expect_grep "sum check" out "valid: 80001 variables, 80000 influences"

# A linear layer of N weights, w_i*x_i summed.
model layer 10000 40000
time_case layer check 10000
expect_grep "layer check" out "valid: 80001 variables, 80000 influences"

# A fan-in of N inputs with the default wrt: a derivative for each input,
# and the sum's other inputs are not rescanned for each.
model fanin 10000 40000
time_case fanin formula 10000
expect_grep "fanin formula" out "dy/dx39999 = ∂y/∂x39999"
time_case fanin analyze 10000
time_case fanin analyze 10000 --format json
time_case fanin analyze 10000 --explain
# The report's MathML of the sum's rule (N terms): one pass over its LaTeX.
model fanin 20000 80000
time_case fanin report 20000

# A sum fed by N variables sharing one input: each local derivative of
# the sum spells only the inputs it names.
model shared 10000 40000
time_case shared eval 10000
expect_grep "shared eval" out "∂y/∂v39999 = 1"
expect_grep "shared eval" out "(showing 1000 of 40000 paths; --max-paths lists more)"

# A perceptron of N inputs and 4 hidden units: its sums' local derivatives
# have about N symbols each, on 8N arrows; the text writes out those of
# at most 256 symbols, and the per-path breakdown is as long as asked.
"$GENMODEL" perceptron 200 4 2 >"$TMPD/perceptron-200.json" || exit 99
"$GENMODEL" perceptron 800 4 2 >"$TMPD/perceptron-800.json" || exit 99
time_case perceptron eval 200 --max-paths 1
expect_grep "perceptron eval" out "(showing 1 of 8 paths; --max-paths lists more)"
expect_grep "perceptron eval" out "(its formula, of more than 256 symbols, is not written out; --format json has it)"
run eval "$TMPD/perceptron-200.json"
small=$(wc -c <"$TMPD/out")
run eval "$TMPD/perceptron-800.json"
big=$(wc -c <"$TMPD/out")
expect_linear "perceptron eval (bytes of text)" "$small" "$big"
# --max-paths 2: a second path for each of the 800 inputs (8 paths) and
# 3200 first-layer weights (2 paths), and no third.
run eval --max-paths 2 "$TMPD/perceptron-800.json"
second=$(grep -c '^    path 2, ' "$TMPD/out")
third=$(grep -c '^    path 3, ' "$TMPD/out")
if [ "$second" -eq 4000 ] && [ "$third" -eq 0 ]; then
	ok "perceptron eval --max-paths 2: 4000 second paths, no third"
else
	not_ok "perceptron eval --max-paths 2: 4000 second paths, no third" \
	    "$second second paths, $third third ones"
fi

# Sparse models (the 10^6 benchmark's shape): check and analyze --format
# json stay linear.
"$GENMODEL" sparse 25000 4 1 >"$TMPD/sparse-25000.json" || exit 99
"$GENMODEL" sparse 100000 4 1 >"$TMPD/sparse-100000.json" || exit 99
time_case sparse check 25000
timed analyze --format json --max-paths 100 --of v24999 --wrt v0 \
    "$TMPD/sparse-25000.json"
expect_status "sparse analyze, N = 25000" 0
small=$ms
timed analyze --format json --max-paths 100 --of v99999 --wrt v0 \
    "$TMPD/sparse-100000.json"
expect_status "sparse analyze, 4N = 100000" 0
expect_linear "sparse analyze --format json (user CPU ms)" "$small" "$ms"

# Model text escaped for LaTeX: an fn of N and 4N non-ASCII characters
# (each decoded once, not after measuring the rest of the text again).
for n in 200000 800000; do
	awk -v n="$n" 'BEGIN {
		for (s = "é"; length(s) < n; s = s s)
			continue
		printf "{\"variables\": {\"x\": {}, \"y\": {\"inputs\": [\"x\"], \"fn\": \"%s\"}}}\n", s
	}' >"$TMPD/fn-$n.json" || exit 99
done
time_case fn analyze 200000 --format latex

done_testing
