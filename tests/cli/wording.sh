#!/bin/sh
# The outputs' wording, decided once in notation.c: a total told from the
# local derivative it equals, a numbers table whose header no variable can
# be read into, a count's noun singular for 1, one minus sign per kind of
# output, a variable named d readable under the differential d, and the
# "showing N of M" tail of a listing cut by --max-paths in every format.
. "$(dirname "$0")/lib.sh"

# x -> d -> y, x -> v -> y, x -> d -> v -> y: a variable named d, one
# named v, a negative value and a negative local derivative.
cat >"$TMPD/d.json" <<'JSON'
{"variables": {"x": {"value": -2}, "d": {"expr": "3*x"},
 "v": {"expr": "d - 5*x"}, "y": {"expr": "v*d"}}, "of": "y", "wrt": "x"}
JSON
# x -> y: one path, one influence.
cat >"$TMPD/one.json" <<'JSON'
{"variables": {"x": {"value": 1}, "y": {"expr": "2*x"}}}
JSON
# x -> g -> y, x -> y: one indirect path, one rule to narrate.
cat >"$TMPD/two.json" <<'JSON'
{"variables": {"x": {}, "g": ["x"], "y": ["x", "g"]}}
JSON

# Forward and reverse accumulation name the total and the local where the
# equation would otherwise read dg/dx = dg/dx.
run analyze "$TMPD/two.json"
expect_grep "total and local, forward" out "    dg/dx (total) = dg/dx (local)"
run analyze "$TMPD/one.json"
expect_grep "total and local, reverse" out "  dy/dx (total) = dy/dx (local)"
run analyze --format latex "$TMPD/two.json"
expect_grep "total and local, latex" out \
    '\frac{dg}{dx}\ (\text{total}) &= \frac{dg}{dx}\ (\text{local})'
run analyze --format json "$TMPD/two.json"
expect_grep "total and local, json" out \
    '{"var": "g", "text": "dg/dx (total) = dg/dx (local)"'

# The values table's header says "variable", not a name of the model.
run eval "$TMPD/d.json"
expect_grep "header" out \
    "  variable  value                 adjoint dy/d(variable), one reverse sweep"
expect_grep "header rows" out "  v         4                     -6"
run report "$TMPD/d.json"
expect_grep "report header" out '<annotation encoding="application/x-tex">\frac{d(\text{variable})}{dx}</annotation>'
expect_grep "report header, adjoint" out '<annotation encoding="application/x-tex">\frac{dy}{d(\text{variable})}</annotation>'

# d's derivatives: d(d)/dx, dy/d(d); a partial ∂y/∂d needs nothing.
run analyze "$TMPD/d.json"
expect_grep "d, rule" out "      δd = d(d)/dx δx"
expect_grep "d, reverse" out "  dy/d(d) = ∂y/∂d + dy/dv·∂v/∂d"
expect_grep "d, partial" out "∂y/∂d"
run analyze --format latex "$TMPD/d.json"
expect_grep "d, latex" out '\frac{d(d)}{dx}'

# Numbers to copy are ASCII: the eval text, its table and its locals, and
# JSON's values; formulas in text keep U+2212, and so does the report.
run eval "$TMPD/d.json"
expect_grep "eval point" out "Numbers at x = -2:"
expect_grep "eval table" out "  d         -6                    -2"
expect_grep "eval constant local" out "  ∂v/∂x = -5"
expect_grep "eval local" out "  ∂y/∂v = d = -6"
expect_grep "eval path" out "    path 3, x → d → v → y: ∂y/∂v·∂v/∂d·d(d)/dx = -18"
if grep -q "−" "$TMPD/out"; then
	not_ok "eval: no U+2212" "$(grep "−" "$TMPD/out")"
else
	ok "eval: no U+2212"
fi
run analyze --format json "$TMPD/d.json"
expect_grep "json value" out '"formula": {"text": "−5", "latex": "-5"}, "value": -5}'
run analyze "$TMPD/d.json"
expect_grep "formula keeps U+2212" out "      ∂v/∂x = −5"
run report "$TMPD/d.json"
expect_grep "report cell" out 'data-local="v y" data-number="-6">−6</td>'

# A count's noun is singular for 1.
run analyze "$TMPD/one.json"
expect_grep "1 influence, text" out "Variables (2, with 1 influence):"
expect_grep "1 path, text" out "  1 path from x to y:"
run analyze --format latex "$TMPD/one.json"
expect_grep "1 influence, latex" out "2 variables, with 1 influence:"
expect_grep "1 path, latex" out '1 path from $x$ to $y$:'
run analyze --format markdown "$TMPD/one.json"
expect_grep "1 influence, markdown" out "2 variables, with 1 influence:"
expect_grep "1 path, markdown" out '1 path from $x$ to $y$:'
run analyze --explain "$TMPD/one.json"
expect_grep "1 subgraph, explain" out "That gives 1 subgraph, one"
run report "$TMPD/one.json"
expect_grep "1 influence, report" out '<p class="meta">2 variables, 1 influence. '
expect_grep "1 path, report" out "There is <b>1</b> path from"
run report "$TMPD/two.json"
expect_grep "1 indirect path, report" out " adds the 1 indirect path.</p>"

# The tail of a cut listing, the same words in every format.
tail="(showing 1 of 3 paths; --max-paths lists more)"
run paths --max-paths 1 "$TMPD/d.json"
expect_grep "tail, paths" out "  $tail"
run analyze --max-paths 1 "$TMPD/d.json"
expect_grep "tail, analyze" out "    $tail"
run eval --max-paths 1 "$TMPD/d.json"
expect_grep "tail, eval" out "    $tail"
run analyze --format latex --max-paths 1 "$TMPD/d.json"
expect_grep "tail, latex" out "$tail"
run analyze --format markdown --max-paths 1 "$TMPD/d.json"
expect_grep "tail, markdown" out "$tail"
run analyze --explain --max-paths 1 "$TMPD/d.json"
expect_grep "tail, explain" out "     $tail"
run analyze --format markdown --explain --max-paths 1 "$TMPD/d.json"
expect_grep "tail, explain markdown" out "$tail"
run report --max-paths 1 "$TMPD/d.json"
expect_grep "tail, report" out "<p class=\"note\">$tail</p>"
run analyze --format json --max-paths 1 "$TMPD/d.json"
expect_grep "tail, json" out '"paths_complete": false'
run paths --max-paths 3 "$TMPD/d.json"
if grep -q "showing" "$TMPD/out"; then
	not_ok "no tail when all are listed" "$(grep showing "$TMPD/out")"
else
	ok "no tail when all are listed"
fi

done_testing
