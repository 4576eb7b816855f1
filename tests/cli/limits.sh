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

# It lists at most 8 of the inputs' values.
awk 'BEGIN { printf "{\"variables\": {"
    for (i = 0; i < 10; i++) printf "\"a%d\": {\"value\": %d}, ", i, i
    printf "\"y\": {\"expr\": \"log(a0"
    for (i = 1; i < 10; i++) printf "-a%d", i
    print ")\"}}}" }' >"$TMPD/inputs.json"
run eval "$TMPD/inputs.json"
expect_status "log of 10 inputs" 4
expect_text "log of 10 inputs" err "$TMPD/inputs.json: variables.y: log of a non-positive number (-45) in y = log(a0 − a1 − a2 − a3 − a4 − a5 − a6 − a7 − a8 − a9), with a0 = 0, a1 = 1, a2 = 2, a3 = 3, a4 = 4, a5 = 5, a6 = 6, a7 = 7, ..."

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

# A chain of 10^6 variables: checked, and its one path of 10^6 names
# listed, without recursion over its depth.
"$GENMODEL" chain 1000000 >"$TMPD/chain.json" || exit 99
run check "$TMPD/chain.json"
expect_status "10^6 chain" 0
expect_text "10^6 chain" out "$TMPD/chain.json: valid: 1000000 variables, 999999 influences, 1 independent (v0), 1 output (v999999)"
run paths --format json "$TMPD/chain.json"
expect_status "10^6 chain paths" 0
expect_grep "10^6 chain paths" out '"path_count": "1",'
expect_grep "10^6 chain paths" out '"paths_complete": true'
grep '"paths": ' "$TMPD/out" | grep -o '"v[0-9]*"' >"$TMPD/names"
names=$(grep -c . "$TMPD/names")
last=$(tail -n 1 "$TMPD/names")
if [ "$names" -eq 1000000 ] && [ "$last" = '"v999999"' ]; then
	ok "10^6 chain paths: the path has 10^6 names"
else
	not_ok "10^6 chain paths: the path has 10^6 names" \
	    "$names names, the last $last"
fi
rm -f "$TMPD/chain.json" "$TMPD/names"

# The full report of a 10^5 chain: the expanded formula is too large to
# write, the forward and reverse forms are written in full.
"$GENMODEL" chain 100000 >"$TMPD/chain.json" || exit 99
run analyze "$TMPD/chain.json"
expect_status "10^5 chain analyze" 0
expect_grep "10^5 chain analyze" out "  1 path from v0 to v99999:"
expect_grep "10^5 chain analyze" out "  dv99999/dv0 = (too large to write out: over 20000 factors; see the forward form)"
expect_grep "10^5 chain analyze" out "    dv99999/dv0 = dv99999/dv99998·dv99998/dv0"
expect_grep "10^5 chain analyze" out "  dv99999/dv0 = dv99999/dv1·dv1/dv0"
rm -f "$TMPD/chain.json" "$TMPD/out"

# y = sin(x) + sin(2*x) + ... + sin(10^6*x): its value and derivative at
# x = 0.5 match awk's own sums, forward and reverse.  (This hung in the
# simplifier when like terms' hashes clustered.)
awk 'BEGIN { printf "{\"variables\": {\"x\": {\"value\": 0.5}, \"y\": {\"expr\": \"";
    for (k = 1; k <= 1000000; k++) printf "%ssin(%d*x)", (k > 1 ? "+" : ""), k;
    print "\"}}}" }' >"$TMPD/sum.json"
run eval --format json "$TMPD/sum.json"
expect_status "sum of 10^6 terms" 0
got=$(grep '^  "values": ' "$TMPD/out" | grep -o '"y": [^}]*'; grep -o '"value": [^,]*, "reverse_value": [^,]*' "$TMPD/out")
bad=$(echo "$got" | tr -d '",:' | awk '
    BEGIN { for (k = 1; k <= 1000000; k++) { y += sin(0.5 * k); d += k * cos(0.5 * k) } }
    function off(a, b) { return (a - b) / (b < 0 ? -b : b) > 1e-9 || (b - a) / (b < 0 ? -b : b) > 1e-9 }
    $1 == "y" { n++; if (off($2, y)) printf "y %s, want %.17g\n", $2, y }
    $1 == "value" { n++; if (off($2, d) || off($4, d))
        printf "dy/dx %s and %s, want %.17g\n", $2, $4, d }
    END { if (n != 2) print "found", n, "of 2 numbers" }')
if [ -z "$bad" ]; then
	ok "sum of 10^6 terms: value and derivative"
else
	not_ok "sum of 10^6 terms: value and derivative" "$bad"
fi
# Its terms vary up to 10^6 times faster than x: the first step of the
# finite difference is too coarse, and the refined one agrees.
err=$(grep -o '"relative_error": [^}]*' "$TMPD/out" | awk '{ print $2 }')
if [ -n "$err" ] && awk -v e="$err" 'BEGIN { exit !(e <= 1e-6) }'; then
	ok "sum of 10^6 terms: the finite difference agrees"
else
	not_ok "sum of 10^6 terms: the finite difference agrees" "${err:-none}"
fi
rm -f "$TMPD/sum.json" "$TMPD/out"

# The same on one term, in text: cbrt(eps) is about 6e-6, the period of
# sin(10^6*x) about 6.3e-6.
printf '%s\n' '{"variables": {"x": {"value": 1},' \
    '"y": {"inputs": ["x"], "expr": "sin(1000000*x)"}}}' >"$TMPD/fast.json"
run eval "$TMPD/fast.json"
expect_status "sin(10^6 x)" 0
expect_grep "sin(10^6 x)" out "dy/dx = 936752.127533 by forward accumulation, 936752.127533 by reverse"
expect_grep "sin(10^6 x)" out "finite difference: 936751.988796 (relative error 1.5e-07)"

done_testing
