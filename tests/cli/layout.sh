#!/bin/sh
# Layout by size (issue 14 item 4): a view over 150 nodes or 300 arrows is
# laid out by sfdp with straight arrows and labels beside them, and its
# legend says so; a smaller one keeps dot's ordinary layout.  Asserts on
# the settings chosen, never on time.
. "$(dirname "$0")/lib.sh"

GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed

# expect_count NAME REGEX WANT: lines of out that match.
expect_count() {
	got=$(grep -c -- "$2" "$TMPD/out")
	if [ "$got" -eq "$3" ]; then
		ok "$1: $3 lines with '$2'"
	else
		not_ok "$1: $3 lines with '$2'" "got $got"
	fi
}

sentence='large diagram: simplified layout (sfdp, straight arrows, labels beside them)'

# The issue's random model of 1000 variables with labelled arrows.
"$GENMODEL" random 1000 1 >"$TMPD/r1000.json"
run dot "$TMPD/r1000.json"
arrows=$(grep -c -- ' -> ' "$TMPD/out")
expect_status "dot, 1000 variables" 0
expect_grep "dot, 1000 variables" out "layout=sfdp,"
expect_grep "dot, 1000 variables" out "overlap=prism,"
expect_grep "dot, 1000 variables" out "splines=line"
expect_grep "dot, 1000 variables" out "outputorder=edgesfirst,"
expect_grep "dot, 1000 variables" out "$sentence"
expect_count "dot, 1000 variables: its arrows" " -> " 1921
expect_count "dot, 1000 variables: every arrow's label beside it" \
    ' -> .*\[xlabel=<' 1921
expect_count "dot, 1000 variables: no label on an arrow" ' -> .*\[label=<' 0

# Each view of it: the decomposition has more nodes, the same choice.
for view in paths partial decomposition; do
	run dot --view "$view" "$TMPD/r1000.json"
	expect_grep "dot --view $view, 1000 variables" out "layout=sfdp,"
	expect_grep "dot --view $view, 1000 variables" out "$sentence"
done

# The thresholds: 150 nodes is not large, 151 is; 300 arrows among 26
# nodes is not, 312 among 38 is.
for n in 150 151 ; do
	"$GENMODEL" chain "$n" >"$TMPD/chain.json"
	run dot "$TMPD/chain.json"
	if [ "$n" -eq 150 ]; then
		expect_no_sfdp=1
	else
		expect_no_sfdp=0
	fi
	if grep -qF "layout=sfdp" "$TMPD/out"; then got=0; else got=1; fi
	if [ "$got" -eq "$expect_no_sfdp" ]; then
		ok "chain of $n: large is $((1 - expect_no_sfdp))"
	else
		not_ok "chain of $n: large is $((1 - expect_no_sfdp))"
	fi
done
"$GENMODEL" layered 3 12 >"$TMPD/layered.json"
run dot "$TMPD/layered.json"
expect_grep "312 arrows among 38 nodes" out "layout=sfdp,"
expect_count "312 arrows among 38 nodes" " -> " 312

# A small model keeps the ordinary look: dot, labels on the arrows.
run dot "$EXAMPLES/example3.json"
expect_status "dot, example 3" 0
if grep -qE 'layout=|xlabel=|large diagram' "$TMPD/out"; then
	not_ok "example 3: ordinary layout" "$(grep -E 'layout=|xlabel=' "$TMPD/out" | head -3)"
else
	ok "example 3: ordinary layout"
fi
expect_count "example 3: labels on its 6 arrows" ' -> .*\[label=<' 6

# Rendered in-process by the engine chosen, legend included; --layout
# still wins over the choice.
"$GENMODEL" random 200 1 >"$TMPD/r200.json"
run render -o "$TMPD/r200.svg" "$TMPD/r200.json"
expect_status "render, 200 variables" 0
cp "$TMPD/r200.svg" "$TMPD/out"
expect_grep "render, 200 variables" out "large diagram: simplified layout"
expect_grep "render, 200 variables" out "</svg>"
run render --layout nosuch -o "$TMPD/r200.svg" "$TMPD/r200.json"
expect_status "render --layout nosuch, 200 variables" 2
expect_grep "render --layout nosuch, 200 variables" err '"nosuch"'

# The size limit follows the speed: 5000 variables render, 5001 ask for
# --force (DOT is still written).
"$GENMODEL" chain 5001 >"$TMPD/chain.json"
run render -o "$TMPD/big.svg" "$TMPD/chain.json"
expect_status "render, 5001 variables" 2
expect_text "render, 5001 variables" err "$TMPD/chain.json: the diagram has 5001 nodes and 5000 arrows, over the limit of 5000 and 10000 for rendering: even its simplified layout would take more than half a minute (use --force to render anyway, or write DOT with \"infdiag dot\")"

done_testing
