#!/bin/sh
# The program's exit statuses (SPEC §3) and its messages for misuse.
. "$(dirname "$0")/lib.sh"

ex3="$EXAMPLES/example3.json"

run
expect_status "no arguments" 2
expect_grep "no arguments" err "usage: infdiag COMMAND"

run --help
expect_status "--help" 0
expect_grep "--help" out "check"
expect_empty "--help" err

run --version
expect_status "--version" 0
expect_text "--version" out "infdiag 0.2.0"

run check --help
expect_status "check --help" 0
expect_grep "check --help" out "usage: infdiag check [options] MODEL"

run frobnicate "$ex3"
expect_status "unknown command" 2
expect_text "unknown command" err "infdiag: unknown command \"frobnicate\"
Try 'infdiag --help'."

run check --frobnicate "$ex3"
expect_status "unknown option" 2
expect_grep "unknown option" err "infdiag: check: unknown option --frobnicate"

run check --view full "$ex3"
expect_status "option that does not apply" 2
expect_grep "option that does not apply" err "--view does not apply"

run check
expect_status "missing MODEL" 2
expect_grep "missing MODEL" err "missing MODEL"

run check "$ex3" "$ex3"
expect_status "two MODELs" 2

run check "$TMPD/no-such-model.json"
expect_status "missing file" 3
expect_text "missing file" err "$TMPD/no-such-model.json: cannot open: No such file or directory"
expect_empty "missing file" out

run check "$TMPD"
expect_status "directory" 3
expect_text "directory" err "$TMPD: cannot read: Is a directory"

run check "$ex3"
expect_status "check example 3" 0
expect_text "check example 3" out "$ex3: valid: 4 variables, 6 influences, 1 independent (x), 1 output (y)"

"$INFDIAG" check - <"$ex3" >"$TMPD/out" 2>"$TMPD/err"
status=$?
expect_status "check from standard input" 0
expect_text "check from standard input" out "<stdin>: valid: 4 variables, 6 influences, 1 independent (x), 1 output (y)"

printf '{"variables": {"x": {}, "y": ["z"]}}' | "$INFDIAG" check - >"$TMPD/out" 2>"$TMPD/err"
status=$?
expect_status "invalid model from standard input" 1
expect_text "invalid model from standard input" err "<stdin>: variables.y[0]: unknown variable \"z\""

run analyze --format yaml "$ex3"
expect_status "unknown format" 2
expect_text "unknown format" err "infdiag: analyze: unknown format \"yaml\" (text, json, latex or markdown)"

run paths --max-paths many "$ex3"
expect_status "bad --max-paths" 2
expect_grep "bad --max-paths" err "bad argument to --max-paths: \"many\""

run formula --of q "$ex3"
expect_status "--of naming no variable" 1
expect_text "--of naming no variable" err "$ex3: --of: unknown variable \"q\""

run paths --wrt x --wrt x "$ex3"
expect_status "--wrt given twice" 2
expect_text "--wrt given twice" err "$ex3: --wrt: \"x\" is listed twice"

printf '{"variables": {"x": {}, "y": ["x"], "z": ["x"]}}' >"$TMPD/two.json"
run formula "$TMPD/two.json"
expect_status "two outputs and no of" 1
expect_text "two outputs and no of" err "$TMPD/two.json: of: the model has 2 outputs (y, z): name the one to differentiate with \"of\" or --of"
run formula --of z "$TMPD/two.json"
expect_status "two outputs, --of chooses" 0
expect_text "two outputs, --of chooses" out "dz/dx = dz/dx"

run analyze -o "$TMPD/no-such-dir/report.txt" "$ex3"
expect_status "-o into a missing directory" 3
expect_grep "-o into a missing directory" err "$TMPD/no-such-dir/report.txt: cannot write: No such file or directory"
expect_empty "-o into a missing directory" out

echo "old contents" >"$TMPD/kept.txt"
run formula --of q -o "$TMPD/kept.txt" "$ex3"
expect_status "-o kept on failure" 1
if [ "$(cat "$TMPD/kept.txt")" = "old contents" ] && [ -z "$(ls "$TMPD" | grep 'kept.txt.tmp')" ]; then
	ok "-o kept on failure: old file untouched, no temporary left"
else
	not_ok "-o kept on failure: old file untouched, no temporary left" "$(ls "$TMPD")"
fi

run analyze -o "$TMPD/report.json" --format json "$ex3"
expect_status "-o writes the file" 0
expect_empty "-o writes the file" out
if cmp -s "$TMPD/report.json" "$EXAMPLES/output/example3.json"; then
	ok "-o writes the file: same as standard output"
else
	# The golden output names the model as the examples directory sees it.
	if sed 's|"source": ".*"|"source": "example3.json"|' "$TMPD/report.json" | cmp -s - "$EXAMPLES/output/example3.json"; then
		ok "-o writes the file: same as standard output"
	else
		not_ok "-o writes the file: same as standard output"
	fi
fi

done_testing
