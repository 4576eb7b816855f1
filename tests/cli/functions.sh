#!/bin/sh
# The functions of the second release (SPEC 5.5): abs min max relu
# softplus atan asin acos sinh cosh.  Where one is not differentiable at
# the point, every output that shows numbers says which derivative is
# used; outside its domain, a run exits 4 naming the variable.
. "$(dirname "$0")/lib.sh"

graphviz_leaks_suppressed

M=$TMPD/models
mkdir -p "$M"
# A ReLU neuron exactly at its kink, beside an abs and a tie.
cat >"$M/kink.json" <<'EOT'
{"variables": {"x": {"value": 0}, "w": {"value": 2}, "s": {"expr": "w*x"},
 "y": {"expr": "relu(s) + abs(x)"}, "z": {"expr": "max(y, x) + softplus(w)"}},
 "of": "z", "wrt": ["x", "w"]}
EOT
cat >"$M/smooth.json" <<'EOT'
{"variables": {"x": {"value": 0.5}, "y": {"expr": "relu(x) + abs(x - 1)"}}}
EOT
cat >"$M/asin.json" <<'EOT'
{"variables": {"x": {"value": 2}, "theta": {"expr": "asin(x)"}}}
EOT
cat >"$M/acos.json" <<'EOT'
{"variables": {"x": {"value": 0.5}, "u": {"expr": "x + 1"},
 "theta": {"expr": "acos(u)"}}}
EOT

RELU='relu is not differentiable at 0 (the derivative used there is 1/2, the mean of its one-sided derivatives 0 and 1); abs is not differentiable at 0 (the derivative used there is 0, the mean of its one-sided derivatives -1 and 1) in y = relu(s) + abs(x), with s = 0, x = 0'
MAX='max is not differentiable where its arguments tie, both 0 (the derivative used there is 1/2 with respect to each, the mean of its one-sided derivatives 0 and 1) in z = max(y, x) + softplus(w), with y = 0, x = 0, w = 2'

run eval "$M/kink.json"
expect_status "kink eval" 0
expect_grep "kink eval: relu and abs" out "  note: $RELU"
expect_grep "kink eval: max" out "  note: $MAX"
expect_grep "kink eval: the derivative used" out "dz/dx = 1 by forward accumulation, 1 by reverse"
run analyze "$M/kink.json"
expect_grep "kink analyze text" out "  note: $RELU"
for cmd in eval analyze; do
	run "$cmd" --format json "$M/kink.json"
	expect_grep "kink $cmd json" out "  \"notes\": [\"$RELU\", \"$MAX\"],"
	run "$cmd" --format latex "$M/kink.json"
	expect_grep "kink $cmd latex" out "Note: $MAX\\par"
	run "$cmd" --format markdown "$M/kink.json"
	expect_grep "kink $cmd markdown" out "- **Note:** $RELU"
done
run report "$M/kink.json"
expect_grep "kink report" out "<p class=\"note\">Note: $RELU</p>"
run eval "$M/smooth.json"
if grep -q "not differentiable" "$TMPD/out"; then
	not_ok "away from its kinks, nothing is noted" "$(grep -m1 note "$TMPD/out")"
else
	ok "away from its kinks, nothing is noted"
fi
expect_grep "relu and abs away from their kinks" out "dy/dx = 0 "

# Outside the domain: exit 4, naming the variable.
run eval "$M/asin.json"
expect_status "asin(2)" 4
expect_grep "asin(2)" err "$M/asin.json: variables.theta: asin of a number outside [-1, 1] (2) in theta = arcsin(x), with x = 2"
run eval "$M/acos.json"
expect_status "acos(1.5)" 4
expect_grep "acos(1.5)" err "$M/acos.json: variables.theta: acos of a number outside [-1, 1] (1.5) in theta = arccos(u), with u = 1.5"

done_testing
