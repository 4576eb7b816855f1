#!/bin/sh
# Non-finite numbers (SPEC 5.1): JSON never holds inf or nan, text says
# overflow or undefined, a requested derivative that is not finite exits
# 4, a local one nothing needs never fails a run.
. "$(dirname "$0")/lib.sh"

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed

M=$TMPD/models
mkdir -p "$M"
# The hostile models of issue 12, and one whose numbers are all fine
# except a value no derivative reads.
cat >"$M/partials.json" <<'EOF'
{"variables": {"x": {}, "y": {"inputs": ["x"], "partials": {"x": 1e308}},
 "z": {"inputs": ["y"], "partials": {"y": 1e308}}}}
EOF
cat >"$M/scale.json" <<'EOF'
{"variables": {"x": {"value": 1e-300}, "y": {"expr": "1e200*x"},
 "z": {"expr": "1e200*y"}}}
EOF
cat >"$M/pow.json" <<'EOF'
{"variables": {"x": {"value": -2}, "y": {"value": 3}, "z": {"expr": "x^y"}},
 "wrt": "x"}
EOF
cat >"$M/log0.json" <<'EOF'
{"variables": {"x": {"value": 0}, "y": {"expr": "log(x)"},
 "z": {"expr": "y*x + x"}}}
EOF
cat >"$M/tan.json" <<'EOF'
{"variables": {"x": {"value": 1.5707963267948966}, "y": {"expr": "tan(x)"}}}
EOF
cat >"$M/underflow.json" <<'EOF'
{"variables": {"x": {"value": -1000}, "y": {"expr": "exp(x)/exp(x)"}}}
EOF
cat >"$M/square.json" <<'EOF'
{"variables": {"x": {"value": 1e200}, "y": {"expr": "x^2"}}}
EOF
cat >"$M/unused.json" <<'EOF'
{"variables": {"x": {"value": 2}, "w": {"value": -1}, "g": {"expr": "sqrt(w)"},
 "z": {"inputs": ["x", "g"], "expr": "3*x"}}, "wrt": "x"}
EOF

# strict_json NAME: $TMPD/out is JSON that Python reads without its
# NaN/Infinity extensions.
strict_json() {
	if ! command -v python3 >/dev/null 2>&1; then
		skip "$1: strict JSON" "python3 is absent"
		return
	fi
	if python3 -c 'import json, sys
def refuse(c):
    raise ValueError("not JSON: " + c)
json.load(sys.stdin, parse_constant=refuse)' <"$TMPD/out" 2>"$TMPD/py"; then
		ok "$1: strict JSON"
	else
		not_ok "$1: strict JSON" "$(tail -1 "$TMPD/py")"
	fi
}

# no_nan NAME: neither stream says nan or inf, as a word, in any case.
no_nan() {
	if grep -Eiqw 'nan|inf|infinity' "$TMPD/out" "$TMPD/err"; then
		not_ok "$1: no nan or inf" "$(grep -Eiwo '.{0,30}(nan|inf|infinity).{0,10}' "$TMPD/out" "$TMPD/err" | head -3)"
	else
		ok "$1: no nan or inf"
	fi
}

# The exit status each model's eval and analyze must give: 4 when a
# requested derivative is not finite, else 0.
want_status() {
	case $1 in
	partials|scale|log0|underflow) echo 4 ;;
	*) echo 0 ;;
	esac
}

for model in partials scale pow log0 tan underflow square unused; do
	want=$(want_status "$model")
	for cmd in eval analyze; do
		for format in text json latex markdown; do
			run "$cmd" --format "$format" "$M/$model.json"
			expect_status "$model $cmd $format" "$want"
			no_nan "$model $cmd $format"
			[ "$format" = json ] && strict_json "$model $cmd $format"
		done
	done
	run analyze --explain "$M/$model.json"
	no_nan "$model analyze --explain"
	run eval --ascii "$M/$model.json"
	no_nan "$model eval --ascii"
	# Diagrams draw what is defined, whatever fails.
	for view in full paths partial decomposition; do
		run dot --view "$view" "$M/$model.json"
		expect_status "$model dot $view" 0
		no_nan "$model dot $view"
	done
	run render --type svg "$M/$model.json"
	expect_status "$model render svg" 0
	no_nan "$model render svg"
	run report "$M/$model.json"
	expect_status "$model report" 0
	no_nan "$model report"
done

# The messages: a requested derivative names where it started to fail.
run eval "$M/partials.json"
expect_text "partials 1e308 x 1e308" err "$M/partials.json: variables.z: overflow in dz/dx: accumulated along its paths, dz/dx is beyond the largest double (1.8e+308)"
expect_grep "partials 1e308 x 1e308" out "dz/dx = overflow by forward accumulation, overflow by reverse"
run eval --format json "$M/partials.json"
expect_grep "partials 1e308 x 1e308 json" out '"value": null, "value_note": "overflow in dz/dx: accumulated along its paths'
expect_grep "partials 1e308 x 1e308 json" out '"adjoints": {"x": null, "y": 1e+308, "z": 1},'
expect_grep "partials 1e308 x 1e308 json" out '"adjoints_note": {"x": "overflow: beyond the range of a double"},'
run eval "$M/scale.json"
expect_text "1e200 x 1e200 at 1e-300" err "$M/scale.json: variables.z: overflow in dz/dx: accumulated along its paths, dz/dx is beyond the largest double (1.8e+308)"

# On standard output the marked output stays; an -o file is left as it
# was, as after any failed run (SPEC 5.1), and no temporary file remains.
run eval --format json "$M/partials.json"
expect_status "partials to standard output" 4
expect_grep "partials to standard output" out '"value": null'
echo old >"$TMPD/out.json"
run eval --format json -o "$TMPD/out.json" "$M/partials.json"
expect_status "partials -o" 4
if [ "$(cat "$TMPD/out.json")" = old ] &&
    [ -z "$(find "$TMPD" -name 'out.json?*')" ]; then
	ok "partials -o: the old file untouched, no temporary file"
else
	not_ok "partials -o: the old file untouched, no temporary file" \
	    "$(head -c 200 "$TMPD/out.json")" "$(ls "$TMPD")"
fi

# x^y at x = -2: dz/dx does not need dz/dy = x^y log(x).
run eval "$M/pow.json"
expect_text "x^y at -2 wrt x" err "$M/pow.json: variables.z: warning: log of a non-positive number (-2) in ∂z/∂y = x^y·log(x), with x = -2, y = 3"
expect_grep "x^y at -2 wrt x" out "dz/dx = 12 by forward accumulation, 12 by reverse"
expect_grep "x^y at -2 wrt x" out "∂z/∂y = x^y·log(x) = undefined"
run eval --format json "$M/pow.json"
expect_grep "x^y at -2 wrt x json" out '"value": null, "value_note": "undefined: log of a non-positive number (-2) in ∂z/∂y = x^y·log(x), with x = -2, y = 3"'
run eval --wrt y "$M/pow.json"
expect_status "x^y at -2 wrt y" 4
expect_text "x^y at -2 wrt y" err "$M/pow.json: variables.z: log of a non-positive number (-2) in ∂z/∂y = x^y·log(x), with x = -2, y = 3"

# A value that overflows while the derivative is finite: a warning.
run eval "$M/square.json"
expect_text "x^2 at 1e200" err "$M/square.json: variables.y: warning: overflow in 1e+200^2 in y = x², with x = 1e+200"
expect_grep "x^2 at 1e200" out "dy/dx = 2e+200 by forward accumulation"

# An input nothing reads is undefined: a warning, the rest is fine.
run eval --format json "$M/unused.json"
expect_grep "unused undefined input" out '"values_note": {"g": "undefined: sqrt of a negative number (-1) in g = √w, with w = -1"},'
expect_grep "unused undefined input" out '"value": 3, "reverse_value": 3'

# log(0): eval fails naming y; the diagrams and the report mark it.
run eval "$M/log0.json"
expect_grep "log(0)" err "$M/log0.json: variables.y: log of a non-positive number (0) in y = log(x), with x = 0"
run dot "$M/log0.json"
expect_grep "log(0) dot" err "$M/log0.json: variables.y: warning: log of a non-positive number (0) in y = log(x), with x = 0"
expect_grep "log(0) dot" out "value undefined"
expect_grep "log(0) dot" out "dz/dx = undefined"
run render --type svg "$M/log0.json"
expect_grep "log(0) render" err "warning: log of a non-positive number (0)"
expect_grep "log(0) render" out "value undefined"
run report "$M/log0.json"
expect_grep "log(0) report" err "warning: log of a non-positive number (0)"
expect_grep "log(0) report" out "<mo>=</mo><mtext data-total=\"1\">undefined</mtext>"

# exp(x)/exp(x) at -1000 is an underflow, not a division by zero.
run eval "$M/underflow.json"
expect_text "exp(x)/exp(x) at -1000" err "$M/underflow.json: variables.y: underflow in division by exp(-1000) (too small for a double, it rounds to 0) in y = exp(x)/exp(x), with x = -1000"

# tan at its pole: the check is marked as failing in every format.
run eval "$M/tan.json"
expect_grep "tan(pi/2) text" out "(relative error 1, MISMATCH: over the tolerance 1e-06)"
run eval --format json "$M/tan.json"
expect_grep "tan(pi/2) json" out '"tolerance": 1e-06, "ok": false, "relative_error": 1}'
run analyze --format latex "$M/tan.json"
expect_grep "tan(pi/2) latex" out '\quad \text{(relative error 1, MISMATCH: over the tolerance 1e-06)}'
run analyze --format markdown "$M/tan.json"
expect_grep "tan(pi/2) markdown" out 'MISMATCH'
run report "$M/tan.json"
expect_grep "tan(pi/2) report" out '<span class="bad">relative error 1, MISMATCH: over the tolerance 1e-06</span>'

# The error of a check is named what it is: below 1 in size, absolute.
printf '{"variables": {"x": {"value": 3}, "y": {"expr": "0.001*sin(x)"}}}\n' \
    >"$M/small.json"
run eval "$M/small.json"
expect_grep "small derivative" out "(absolute error "
run eval --format json "$M/small.json"
expect_grep "small derivative json" out '"scale": 1, "tolerance": 1e-06, "ok": true, "relative_error": '

# Where y = log(x) is undefined, so are dy/dx, its direct term and its
# path, though the formula 1/x has a value there.
printf '{"variables": {"x": {"value": -2}, "y": {"expr": "log(x)"}}}\n' \
    >"$M/log-2.json"
run eval "$M/log-2.json"
expect_status "log(-2)" 4
expect_grep "log(-2)" out "dy/dx = undefined: the only path, so partial and total agree"
expect_grep "log(-2)" out "path 1, x → y: dy/dx = undefined"
run dot --view paths "$M/log-2.json"
expect_grep "log(-2) dot paths" out "dy/dx = undefined"

# A failed derivative has no check, and says why.
run eval --format json "$M/log0.json"
expect_grep "log(0) check" out '"check": null, "check_note": "the derivative is not a finite number at the point"'

# Many failures: 8 warnings, then a count of the rest.
awk 'BEGIN { printf "{\"variables\": {\"x\": {\"value\": 2}"
    for (i = 0; i < 12; i++)
        printf ", \"w%d\": {\"value\": -1}, \"g%d\": {\"expr\": \"sqrt(w%d)\"}", i, i, i
    printf ", \"z\": {\"inputs\": [\"x\""
    for (i = 0; i < 12; i++) printf ", \"g%d\"", i
    print "], \"expr\": \"3*x\"}}, \"wrt\": \"x\"}" }' >"$M/many.json"
run eval "$M/many.json"
expect_status "12 undefined inputs" 0
grep -v 'is not used' "$TMPD/err" >"$TMPD/numeric"
if [ "$(wc -l <"$TMPD/numeric")" -eq 9 ] &&
    [ "$(tail -1 "$TMPD/numeric")" = "$M/many.json: warning: 16 more numbers are not finite at the point" ]; then
	ok "12 undefined inputs: 8 warnings and a count"
else
	not_ok "12 undefined inputs: 8 warnings and a count" "$(tail -3 "$TMPD/numeric")"
fi

done_testing
