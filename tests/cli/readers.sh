#!/bin/sh
# The readers of DAGitty, DOT and equations.  tests/data/FORMAT/valid/
# holds models infdiag accepts (NAME.EXT, and NAME.out what "infdiag
# check" prints); tests/data/FORMAT/invalid/ models it rejects (NAME.EXT,
# and NAME.err the exact message, placed at line:column, exit status 1).
. "$(dirname "$0")/lib.sh"
# The report of each format's model renders diagrams: Graphviz's own leaks
# are not ours.
graphviz_leaks_suppressed

for format in dagitty dot eq; do
	cd "$TESTDATA/$format/valid" || exit 99
	for model in *.$format; do
		name="$format valid ${model%.*}"
		run check "$model"
		expect_status "$name" 0
		expect_file "$name" out "${model%.*}.out"
		expect_empty "$name" err
	done
	cd "$TESTDATA/$format/invalid" || exit 99
	for model in *.$format; do
		name="$format invalid ${model%.*}"
		run check "$model"
		expect_status "$name" 1
		expect_file "$name" err "${model%.*}.err"
		expect_empty "$name" out
	done
	# What is said after loading (the loader's warnings, the analysis's
	# errors, the numbers' warnings and errors, a writer's refusal)
	# names the place in the file too, or the nearest part above it:
	# tests/data/FORMAT/later/ holds NAME.EXT, NAME.cmd (the exit
	# status, then the command and its options) and NAME.err, all that
	# is said.  What the file does not hold (--of, --wrt, an "of" it
	# does not give) keeps its name.
	cd "$TESTDATA/$format/later" || exit 99
	for model in *.$format; do
		name="$format later ${model%.*}"
		read -r want cmd <"${model%.*}.cmd"
		run $cmd "$model"
		expect_status "$name" "$want"
		expect_file "$name" err "${model%.*}.err"
	done
done

# Every command that computes the numbers places their messages alike,
# while the same model in JSON keeps its JSON paths.
cd "$TESTDATA" || exit 99
for cmd in analyze eval "analyze --format json" dot render report slides \
    "convert --to sympy"; do
	for model in eq/later/numbers.eq dot/later/numbers.dot; do
		run $cmd "$model"
		case $model in
		*.eq) warn=5:1 fail=6:1 ;;
		*) warn=7:7 fail=10:7 ;;
		esac
		expect_grep "$model $cmd" err \
		    "$model:$warn: warning: log of a non-positive number (-2) in ∂z/∂y"
		expect_grep "$model $cmd" err \
		    "$model:$fail: "
		expect_no_grep "$model $cmd" err 'variables.'
	done
done
"$INFDIAG" convert --to json eq/later/numbers.eq >"$TMPD/numbers.json"
run eval "$TMPD/numbers.json"
expect_status "numbers.json" 4
expect_text "numbers.json" err \
    "$TMPD/numbers.json: variables.z: warning: log of a non-positive number (-2) in ∂z/∂y = x^y·log(x), with x = -2, y = 3
$TMPD/numbers.json: variables.w: log of a non-positive number (-8) in w = log(z), with z = -8"

# The format: --from, else the suffix, else the content (standard input
# too).
cd "$TESTDATA" || exit 99
cp eq/valid/notes.eq "$TMPD/notes.txt"
run check "$TMPD/notes.txt"
expect_status "eq by content" 0
expect_grep "eq by content" out 'valid: 4 variables, 6 influences'
for model in dagitty/valid/compact.dagitty dot/valid/strict.dot \
    eq/valid/notes.eq valid/all-keys.json; do
	run check - <"$model"
	expect_status "stdin $model" 0
	expect_grep "stdin $model" out '<stdin>: valid:'
done
run check --from eq dot/valid/strict.dot
expect_status "--from eq on DOT" 1
expect_text "--from eq on DOT" err \
    'dot/valid/strict.dot:1:1: bad name "strict digraph {": a name starts with a letter and has only letters, digits and '"'_'"
run check --from dot - <dot/valid/strict.dot
expect_status "--from dot" 0
run check --from yaml eq/valid/notes.eq
expect_status "--from unknown" 2
expect_text "--from unknown" err \
    'infdiag: unknown input format "yaml" (json, dagitty, dot or eq)'
run formula --from json eq/valid/notes.eq
expect_status "--from json on eq" 1
expect_grep "--from json on eq" err 'eq/valid/notes.eq:1:1: '

# Every command reads every format.
for cmd in check analyze paths formula dot eval report; do
	run "$cmd" "$EXAMPLES/ellipsoid.eq"
	expect_status "$cmd ellipsoid.eq" 0
done

# The examples in each format say what their JSON twins say.
for cmd in analyze eval "analyze --format json"; do
	"$INFDIAG" $cmd "$EXAMPLES/ellipsoid.json" | grep -v '"source"' \
	    >"$TMPD/want"
	run $cmd "$EXAMPLES/ellipsoid.eq"
	grep -v '"source"' "$TMPD/out" >"$TMPD/got"
	mv "$TMPD/got" "$TMPD/out"
	expect_file "ellipsoid.eq $cmd" out "$TMPD/want"
done
for cmd in analyze "analyze --format json"; do
	"$INFDIAG" $cmd "$EXAMPLES/example3.json" | grep -v '"source"' \
	    >"$TMPD/want"
	run $cmd "$EXAMPLES/example3.dot"
	grep -v '"source"' "$TMPD/out" >"$TMPD/got"
	mv "$TMPD/got" "$TMPD/out"
	expect_file "example3.dot $cmd" out "$TMPD/want"
done
for cmd in paths formula; do
	"$INFDIAG" $cmd "$EXAMPLES/example3.json" >"$TMPD/want"
	run $cmd "$EXAMPLES/example3.dagitty"
	expect_file "example3.dagitty $cmd" out "$TMPD/want"
done

# A DAGitty name that is not an infdiag name keeps its text as its label.
run convert --to json dagitty/valid/names.dagitty
expect_grep "dagitty labels" out '"carry_matches": {"label": "carry matches"}'
expect_grep "dagitty labels" out '"EDN1_3": {"inputs": ["carry_matches"], "label": "EDN1.3"}'
expect_grep "dagitty labels" out '"v1": {"inputs": ["EDN1_3", "carry_matches"], "label": "1"}'

# An independent variable without a value is named when the numbers are
# asked for (exit 4, as a number that cannot be computed), in a model
# with expressions; analyze still shows the rest.
printf 'x = 1\nz\ny = 2*x + z\n' >"$TMPD/novalue.eq"
run eval "$TMPD/novalue.eq"
expect_status "eval without a value" 4
expect_text "eval without a value" err \
    "$TMPD/novalue.eq:2:1: \"z\" has no value: the numbers need a value for each independent variable \"y\" depends on"
expect_empty "eval without a value" out
printf 'x\nz\nw\ny = x*z*w\n' >"$TMPD/novalues.eq"
run eval --format json "$TMPD/novalues.eq"
expect_status "eval without values" 4
expect_grep "eval without values" err 'novalues.eq:1:1: "x" has no value, nor have 2 more: '
run analyze "$TMPD/novalue.eq"
expect_status "analyze without a value" 0
run eval "$EXAMPLES/example3.json"
expect_status "eval without expressions" 0
run eval --of z "$TMPD/novalue.eq"
expect_status "eval of an independent variable" 0

# Malformed DOT never crashes or hangs, and each error is one line.
for text in 'digraph {' 'digraph { a -> }' 'digraph { a [label=<<b>x</b>] }' \
    'digraph { a [label=<<b>x] }' 'digraph { "a' 'digraph { subgraph { a -> b }' \
    'digraph { a -> b } digraph { c }' '/* x' 'graph' 'digraph { a = b = c }' \
    'digraph { edge [partial=1] a -> b -> c }'; do
	printf '%s' "$text" >"$TMPD/bad.dot"
	run check "$TMPD/bad.dot"
	if [ "$status" -le 1 ] && [ "$(wc -l <"$TMPD/err")" -le 1 ]; then
		ok "malformed DOT '$text': exit $status, at most one line"
	else
		not_ok "malformed DOT '$text': exit $status, at most one line" \
		    "$(head -5 "$TMPD/err")"
	fi
done
# A syntax error first, then a good graph: cgraph's reader recovers.
printf 'digraph { a -> }' >"$TMPD/bad.dot"
run check "$TMPD/bad.dot"
expect_text "DOT syntax" err "$TMPD/bad.dot:1:16: syntax error near '}'"
run check dot/valid/strict.dot
expect_status "DOT after a syntax error" 0

done_testing
