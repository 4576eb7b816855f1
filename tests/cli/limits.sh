#!/bin/sh
# The size limits (the man page's LIMITS): input past them gets one short
# line naming the file, the place and the reason, with the SPEC's exit
# status; input within them works, without deep recursion or quadratic
# time.  Nothing here asserts on wall time: a hang fails by the harness's
# timeout, a stack overflow by its signal.
. "$(dirname "$0")/lib.sh"

GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}

# expect_one_line NAME MAX: standard error is one line of at most MAX bytes.
expect_one_line() {
	lines=$(wc -l <"$TMPD/err")
	bytes=$(wc -c <"$TMPD/err")
	if [ "$lines" -eq 1 ] && [ "$bytes" -le "$2" ]; then
		ok "$1: one line of at most $2 bytes"
	else
		not_ok "$1: one line of at most $2 bytes" \
		    "$lines lines, $bytes bytes" "$(head -c 300 "$TMPD/err")"
	fi
}

# JSON nested past jansson's limit: refused where it happens, not a crash.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' \
    >"$TMPD/deep.json"
run check "$TMPD/deep.json"
expect_status "100000 nested arrays" 1
expect_text "100000 nested arrays" err "$TMPD/deep.json:1:2049: arrays and objects are nested more than 2048 deep"
expect_empty "100000 nested arrays" out

# Within the limit, the same nesting reaches the model's own checks.
awk 'BEGIN { printf "{\"variables\": {\"x\": {}}, \"title\": ";
    for (i = 0; i < 2046; i++) printf "[";
    for (i = 0; i < 2046; i++) printf "]"; print "}" }' >"$TMPD/nested.json"
run check "$TMPD/nested.json"
expect_status "2047 levels" 1
expect_text "2047 levels" err "$TMPD/nested.json: title: expected a string, got an array"

# A 1 MB name works, and messages that quote it cut it after 64
# characters with "...".
awk 'BEGIN { s = "aaaaaaaaaa"; while (length(s) < 1000000) s = s s;
    printf "%s", substr(s, 1, 1000000) }' >"$TMPD/name" || exit 99
name=$(cat "$TMPD/name")
cut=$(head -c 64 "$TMPD/name")...
printf '{"variables": {"%s": {"value": 2}, "y": {"expr": "2*%s"}}}\n' \
    "$name" "$name" >"$TMPD/name.json"
run check "$TMPD/name.json"
expect_status "1 MB name" 0
expect_grep "1 MB name" out "valid: 2 variables, 1 influence, 1 independent ("
run eval --format json "$TMPD/name.json"
expect_status "1 MB name eval" 0
expect_grep "1 MB name eval" out ', "y": 4},'
expect_grep "1 MB name eval" out '"value": 2, "reverse_value": 2, "partial_value": 2,'

printf '{"variables": {"x": {}, "y": ["x", "%s"]}}\n' "$name" \
    >"$TMPD/unknown.json"
run check "$TMPD/unknown.json"
expect_status "unknown 1 MB name" 1
expect_text "unknown 1 MB name" err "$TMPD/unknown.json: variables.y[1]: unknown variable \"$cut\""

printf '{"variables": {"%s": ["y"], "y": ["%s"]}}\n' "$name" "$name" \
    >"$TMPD/cycle.json"
run check "$TMPD/cycle.json"
expect_status "cycle through a 1 MB name" 1
expect_text "cycle through a 1 MB name" err "$TMPD/cycle.json: variables: cycle: $cut -> y -> $cut"

printf '{"variables": {"x": {}, "%s": ["x"], "b%s": ["x"]}}\n' "$name" \
    "$name" >"$TMPD/outputs.json"
run analyze "$TMPD/outputs.json"
expect_status "two 1 MB outputs" 1
expect_text "two 1 MB outputs" err "$TMPD/outputs.json: of: the model has 2 outputs ($cut, b$(head -c 63 "$TMPD/name")...): name the one to differentiate with \"of\" or --of"

# A numeric error shows the formula, cut after 160 characters.
printf '{"variables": {"%s": {"value": -2}, "%s1": {"expr": "log(%s)"}}}\n' \
    "$name" "$name" "$name" >"$TMPD/log.json"
run eval "$TMPD/log.json"
expect_status "log of a 1 MB name" 4
expect_text "log of a 1 MB name" err "$TMPD/log.json: variables[\"$cut\"]: log of a non-positive number (-2) in $cut = log($(head -c 156 "$TMPD/name")..., with $cut = -2"
expect_one_line "log of a 1 MB name" 600

# Every message that quotes the name stays one short line.
printf '{"variables": {"x": {"%s": 1}}}\n' "$name" >"$TMPD/key.json"
printf '{"variables": {"x": {}, "y": {"inputs": ["x"], "expr": "x + %s"}}}\n' \
    "$name" >"$TMPD/expr.json"
printf '{"variables": {"x": {}, "y": ["x"]}, "of": "%s"}\n' "$name" \
    >"$TMPD/of.json"
printf '{"variables": {"1%s": {}}}\n' "$name" >"$TMPD/bad.json"
for model in key expr of bad; do
	run check "$TMPD/$model.json"
	expect_status "1 MB text in $model" 1
	expect_one_line "1 MB text in $model" 400
done
expect_grep "1 MB text in bad" err "bad name \"1$(head -c 63 "$TMPD/name")...\""
rm -f "$TMPD"/*.json "$TMPD/name"

done_testing
