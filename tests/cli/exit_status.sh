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
expect_text "--version" out "infdiag 0.1.0"

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

done_testing
