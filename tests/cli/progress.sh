#!/bin/sh
# --progress: progress lines on standard error, never in the output, never
# for work under the delay; INFDIAG_PROGRESS_DELAY=0 (for testing) shows
# them at once, so the model can stay small and the test fast.
. "$(dirname "$0")/lib.sh"

GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}

# 5002 variables, paths of 502: every stage reports (loading, counting,
# measuring, listing 100 paths, writing 400 kB).
"$GENMODEL" layered 500 10 >"$TMPD/big.json" || exit 99
# The same with an unknown input in its last variable.
sed 's/^"y": \["l499_0"/"y": ["nosuch"/' "$TMPD/big.json" >"$TMPD/bad.json"
grep -q nosuch "$TMPD/bad.json" || exit 99

# now ARGS...: runs infdiag with no delay.
now() {
	INFDIAG_PROGRESS_DELAY=0 "$INFDIAG" "$@" >"$TMPD/out" 2>"$TMPD/err"
	status=$?
}

# expect_same NAME FILE1 FILE2: two outputs are byte-identical.
expect_same() {
	if cmp -s "$2" "$3"; then
		ok "$1: identical"
	else
		not_ok "$1: identical" "$(cmp "$2" "$3" 2>&1)"
	fi
}

# Every stage, as plain lines (standard error is a file, not a terminal).
now paths --progress --max-paths 100 "$TMPD/big.json"
expect_status "paths --progress" 0
for stage in "infdiag: reading: 0% (0 kB of 547 kB)" \
    "infdiag: loading: 0% (0 of 5002)" "infdiag: counting paths: " \
    "infdiag: measuring: " "infdiag: listing paths: 0% (0 of 100)" \
    "writing: "; do
	expect_grep "paths --progress" err "$stage"
done
if grep -qv '^infdiag: [a-z ]*: ' "$TMPD/err" || \
    [ "$(tr -d '\n' <"$TMPD/err" | tr '\r' '\n' | wc -l)" -ne 0 ]; then
	not_ok "paths --progress: whole lines, no carriage return" \
	    "$(head -c 500 "$TMPD/err")"
else
	ok "paths --progress: whole lines, no carriage return"
fi
# A log gets a line per stage (and one every few seconds): a handful.
lines=$(wc -l <"$TMPD/err")
if [ "$lines" -ge 5 ] && [ "$lines" -le 10 ]; then
	ok "paths --progress: $lines lines in the log"
else
	not_ok "paths --progress: 5 to 10 lines in the log" "got $lines"
fi

# eval adds its two stages on a perceptron with 2000 + 200 weights, and
# its output is the same without --progress.
"$GENMODEL" perceptron 20 100 2 >"$TMPD/perceptron.json" || exit 99
now eval --progress --format json "$TMPD/perceptron.json"
expect_status "eval --progress" 0
cp "$TMPD/out" "$TMPD/eval.progress"
for stage in "infdiag: evaluating: 0% (0 of 2327)" \
    "infdiag: accumulating: 0% (0 of 2223)"; do
	expect_grep "eval --progress" err "$stage"
done
run eval --format json "$TMPD/perceptron.json"
expect_same "eval with and without --progress" "$TMPD/out" \
    "$TMPD/eval.progress"

# The output is the same with and without --progress, byte for byte.
for args in "paths --max-paths 100" "analyze --format json --max-paths 50" \
    "formula" "check" "dot --view paths --max-paths 10"; do
	# shellcheck disable=SC2086
	run $args "$TMPD/big.json"
	cp "$TMPD/out" "$TMPD/plain"
	expect_empty "$args" err
	# shellcheck disable=SC2086
	now $args --progress "$TMPD/big.json"
	expect_status "$args --progress" 0
	expect_same "$args: stdout with and without --progress" \
	    "$TMPD/plain" "$TMPD/out"
	expect_grep "$args --progress" err "infdiag: loading: "
done

# -o FILE: the file is the same too.
now analyze --format json --max-paths 50 --progress -o "$TMPD/o.json" \
    "$TMPD/big.json"
expect_status "analyze -o --progress" 0
"$INFDIAG" analyze --format json --max-paths 50 "$TMPD/big.json" \
    >"$TMPD/plain.json"
expect_same "analyze -o: file with and without --progress" \
    "$TMPD/plain.json" "$TMPD/o.json"

# Off: not a terminal and no --progress, or --no-progress last.
now paths --max-paths 100 "$TMPD/big.json"
expect_empty "no --progress, not a terminal" err
now paths --progress --no-progress --max-paths 100 "$TMPD/big.json"
expect_empty "--progress --no-progress" err
now paths --no-progress --progress --max-paths 100 "$TMPD/big.json"
expect_grep "--no-progress --progress" err "infdiag: loading: "

# Nothing for work under the delay: the examples, with the default delay
# and with a delay that is not a number (the default).
run analyze --progress "$EXAMPLES/example3.json"
expect_status "example3 --progress" 0
expect_empty "example3 --progress" err
expect_file "example3 --progress" out "$EXAMPLES/output/example3.txt"
INFDIAG_PROGRESS_DELAY=soon "$INFDIAG" check --progress \
    "$EXAMPLES/perceptron.json" >"$TMPD/out" 2>"$TMPD/err"
expect_empty "INFDIAG_PROGRESS_DELAY=soon" err
INFDIAG_PROGRESS_DELAY=60 "$INFDIAG" paths --progress --max-paths 100 \
    "$TMPD/big.json" >"$TMPD/out" 2>"$TMPD/err"
expect_empty "INFDIAG_PROGRESS_DELAY=60" err

# Standard input: a file has a size, a pipe has not.
INFDIAG_PROGRESS_DELAY=0 "$INFDIAG" check --progress - <"$TMPD/big.json" \
    >"$TMPD/out" 2>"$TMPD/err"
expect_grep "check - <file" err "infdiag: reading: 0% (0 kB of 547 kB)"
cat "$TMPD/big.json" | INFDIAG_PROGRESS_DELAY=0 "$INFDIAG" check \
    --progress - >"$TMPD/out" 2>"$TMPD/err"
expect_grep "check - <pipe" out "<stdin>: valid: 5002 variables"
expect_grep "check - <pipe" err "infdiag: reading: 66 kB"
expect_no_grep "check - <pipe" err "reading: 0%"

# An error is one whole line, the last.
now check --progress "$TMPD/bad.json"
expect_status "invalid model --progress" 1
tail -n 1 "$TMPD/err" >"$TMPD/last"
printf '%s\n' "$TMPD/bad.json: variables.y[0]: unknown variable \"nosuch\"" \
    >"$TMPD/want"
expect_same "invalid model --progress: the error is the last line" \
    "$TMPD/want" "$TMPD/last"
expect_grep "invalid model --progress" err "infdiag: loading: "

# Output and progress sharing a file: progress stops before the output.
INFDIAG_PROGRESS_DELAY=0 "$INFDIAG" paths --progress --max-paths 100 \
    "$TMPD/big.json" >"$TMPD/both" 2>&1
"$INFDIAG" paths --max-paths 100 "$TMPD/big.json" >"$TMPD/plain"
grep -v '^infdiag: ' "$TMPD/both" >"$TMPD/rest"
expect_same "2>&1: the output is whole" "$TMPD/plain" "$TMPD/rest"
cp "$TMPD/both" "$TMPD/out"
expect_grep "2>&1" out "infdiag: counting paths: "
expect_no_grep "2>&1" out "infdiag: writing"

# Misuse is a usage error (exit status 2), as for any option.
run check --progress=yes "$TMPD/big.json"
expect_status "--progress=yes" 2
expect_text "--progress=yes" err "infdiag: check: --progress takes no argument
Try 'infdiag check --help'."
run paths --no-progress=1 "$TMPD/big.json"
expect_status "--no-progress=1" 2
expect_grep "--no-progress=1" err "--no-progress takes no argument"
run --progress check "$TMPD/big.json"
expect_status "--progress before the command" 2
expect_grep "--progress before the command" err \
    "infdiag: --progress goes after the command"
expect_empty "--progress before the command" out
run check --progress
expect_status "--progress without MODEL" 2
run check --progress --help
expect_status "check --progress --help" 0
expect_grep "check --help" out "--progress "
expect_grep "check --help" out "--no-progress "
run --help
expect_grep "--help" out "Every command takes --progress"

# On a terminal: one line redrawn in place with \r, on by default, erased
# before the summary and before an error, and gone at the end.
if ! script -qec true /dev/null >/dev/null 2>&1; then
	for t in "terminal: redrawn" "terminal: summary on a clean line" \
	    "terminal: error on a clean line" "terminal: erased at the end" \
	    "terminal: --no-progress"; do
		skip "$t" "no script(1) or no pseudo-terminal"
	done
	done_testing
fi

# tty COMMAND...: runs a command line on a pseudo-terminal into $TMPD/tty,
# then splits it at carriage returns and newlines into $TMPD/lines.
tty() {
	INFDIAG_PROGRESS_DELAY=0 script -qec "$*" /dev/null >"$TMPD/tty" 2>&1
	tr '\r' '\n' <"$TMPD/tty" | grep -v '^ *$' >"$TMPD/lines"
}

tty "'$INFDIAG' check '$TMPD/big.json'"
if grep -q "$(printf '\r')infdiag: reading: " "$TMPD/tty"; then
	ok "terminal: redrawn"
else
	not_ok "terminal: redrawn" "$(head -c 300 "$TMPD/tty" | od -c | head)"
fi
if grep -qx "$TMPD/big.json: valid: 5002 variables, 49920 influences, 1 independent (x), 1 output (y)" "$TMPD/lines"; then
	ok "terminal: summary on a clean line"
else
	not_ok "terminal: summary on a clean line" "$(tail -3 "$TMPD/lines")"
fi
tty "'$INFDIAG' check '$TMPD/bad.json'"
if grep -qx "$TMPD/bad.json: variables.y\[0\]: unknown variable \"nosuch\"" \
    "$TMPD/lines"; then
	ok "terminal: error on a clean line"
else
	not_ok "terminal: error on a clean line" "$(tail -3 "$TMPD/lines")"
fi
tty "'$INFDIAG' paths --max-paths 100 -o '$TMPD/o.txt' '$TMPD/big.json'"
# What is left on the terminal after the last carriage return: nothing.
last=$(tr '\r' '\n' <"$TMPD/tty" | tail -n 1 | tr -d ' \n')
if [ -z "$last" ] && grep -q "^infdiag: reading: " "$TMPD/lines"; then
	ok "terminal: erased at the end"
else
	not_ok "terminal: erased at the end" "left: '$last'"
fi
tty "'$INFDIAG' check --no-progress '$TMPD/big.json'"
if grep -q "infdiag: " "$TMPD/lines"; then
	not_ok "terminal: --no-progress" "$(head -3 "$TMPD/lines")"
else
	ok "terminal: --no-progress"
fi

done_testing
