#!/bin/sh
# infdiag convert: the model in another form, and back.  A model converted
# to a readable format and read again is the same model: its JSON form
# (convert --to json, which writes every key) is the same byte for byte,
# and so is its analysis.
. "$(dirname "$0")/lib.sh"

# same_model NAME A B: the two files hold the same model.
same_model() {
	"$INFDIAG" convert --to json "$2" >"$TMPD/a.json" 2>"$TMPD/a.err"
	"$INFDIAG" convert --to json "$3" >"$TMPD/b.json" 2>"$TMPD/b.err"
	if [ -s "$TMPD/a.json" ] && cmp -s "$TMPD/a.json" "$TMPD/b.json"; then
		ok "$1: the same model"
	else
		not_ok "$1: the same model" "$(cat "$TMPD/a.err" "$TMPD/b.err")" \
		    "$(diff "$TMPD/a.json" "$TMPD/b.json" | head -10)"
	fi
}

# same_analysis NAME A B: analyze --format json says the same of both but
# for the file's name.
same_analysis() {
	"$INFDIAG" analyze --format json "$2" 2>&1 |
	    grep -v '"source"' >"$TMPD/a.out"
	"$INFDIAG" analyze --format json "$3" 2>&1 |
	    grep -v '"source"' >"$TMPD/b.out"
	if [ -s "$TMPD/a.out" ] && cmp -s "$TMPD/a.out" "$TMPD/b.out"; then
		ok "$1: the same analysis"
	else
		not_ok "$1: the same analysis" \
		    "$(diff "$TMPD/a.out" "$TMPD/b.out" | head -10)"
	fi
}

# JSON to JSON: every example, loaded back, is the model it was.
for model in "$EXAMPLES"/*.json; do
	name=$(basename "$model" .json)
	run convert --to json "$model" -o "$TMPD/$name.json"
	expect_status "json $name" 0
	expect_empty "json $name" out
	same_model "json $name" "$model" "$TMPD/$name.json"
	same_analysis "json $name" "$model" "$TMPD/$name.json"
done

# round_trip NAME MODEL FORMAT: MODEL converted to FORMAT reads back,
# and converting that again gives the same text: the format keeps all it
# writes.  Leaves the model read back in $TMPD/back.json.
round_trip() {
	"$INFDIAG" convert --to "$3" "$2" >"$TMPD/conv.$3" 2>"$TMPD/conv.err"
	"$INFDIAG" convert --to json "$TMPD/conv.$3" >"$TMPD/back.json" \
	    2>>"$TMPD/conv.err"
	"$INFDIAG" convert --to "$3" "$TMPD/back.json" >"$TMPD/again.$3" \
	    2>>"$TMPD/conv.err"
	if [ -s "$TMPD/conv.$3" ] && [ ! -s "$TMPD/conv.err" ] &&
	    cmp -s "$TMPD/conv.$3" "$TMPD/again.$3"; then
		ok "$1: $3 and back"
	else
		not_ok "$1: $3 and back" "$(head -3 "$TMPD/conv.err")" \
		    "$(diff "$TMPD/conv.$3" "$TMPD/again.$3" | head -6)"
	fi
}

# Every example through every readable format.  DOT keeps every key but
# shape, so the model read back is the very model; the equations keep
# the whole of the models without display keys; DAGitty keeps the graph,
# so the paths are the same.
for model in "$EXAMPLES"/*.json; do
	name=$(basename "$model" .json)
	round_trip "$name" "$model" eq
	round_trip "$name" "$model" dot
	[ "$name" = vectors ] || same_model "$name dot" "$model" "$TMPD/back.json"
	round_trip "$name" "$model" dagitty
	"$INFDIAG" paths "$model" >"$TMPD/paths.want" 2>&1
	run paths "$TMPD/back.json"
	expect_file "$name dagitty paths" out "$TMPD/paths.want"
done
round_trip ellipsoid "$EXAMPLES/ellipsoid.json" eq
same_model "ellipsoid eq" "$EXAMPLES/ellipsoid.json" "$TMPD/back.json"
round_trip example3 "$EXAMPLES/example3.json" eq
same_model "example3 eq" "$EXAMPLES/example3.json" "$TMPD/back.json"

# Generated models, with and without expressions: the same model back
# from DOT and from the equations, the same graph from DAGitty.
for args in "sparse 300 3 7" "layered 4 3" "perceptron 3 4 2" "shared 20" \
    "sum 30" "layer 12" "fanin 9" "chain 50"; do
	"$GENMODEL" $args >"$TMPD/gen.json"
	for format in dot eq; do
		round_trip "genmodel $args" "$TMPD/gen.json" "$format"
		same_model "genmodel $args $format" "$TMPD/gen.json" \
		    "$TMPD/back.json"
	done
	round_trip "genmodel $args" "$TMPD/gen.json" dagitty
	"$INFDIAG" check "$TMPD/gen.json" | sed 's/^[^:]*://' >"$TMPD/check.want"
	"$INFDIAG" check "$TMPD/back.json" | sed 's/^[^:]*://' >"$TMPD/out"
	expect_file "genmodel $args dagitty graph" out "$TMPD/check.want"
done

# Hostile text stays text in each format: quotes, backslashes, line
# breaks, '#' and '->' cannot make a key, a node or an arrow.
cat >"$TMPD/hostile.json" <<'JSON'
{"title": "t\"itle # x -> y\nz = 1 ] [ } {",
 "description": "line\nbreak } dag { a -> b",
 "variables": {
   "x": {"value": 1, "label": "a \"b\" c", "latex": "\\hat{x}",
         "description": "} -> y [outcome]\n#"},
   "digraph": {"value": 2},
   "y": {"inputs": ["x", "digraph"], "fn": "node", "label": "carry matches"}},
 "of": "y", "wrt": ["digraph", "x"]}
JSON
round_trip hostile "$TMPD/hostile.json" dot
same_model "hostile dot" "$TMPD/hostile.json" "$TMPD/back.json"
round_trip hostile "$TMPD/hostile.json" eq
run convert --to json "$TMPD/back.json"
expect_grep "hostile eq" out '"title": "t\"itle   x -> y z = 1 ] [ } {"'
expect_grep "hostile eq" out '"description": "line break } dag { a -> b"'
expect_grep "hostile eq" out '"y": {"inputs": ["x", "digraph"], "fn": "node"}'
round_trip hostile "$TMPD/hostile.json" dagitty
run convert --to json "$TMPD/back.json"
expect_grep "hostile dagitty" out '"y": ["x", "digraph"]'
expect_grep "hostile dagitty" out '"wrt": ["digraph", "x"]'
printf '{"variables": {"x": {"label": "a\\\\"}}}' >"$TMPD/backslash.json"
run convert --to dot "$TMPD/backslash.json"
expect_status "DOT backslash at the end" 1
expect_text "DOT backslash at the end" err \
    "$TMPD/backslash.json: variables.x.label: DOT cannot hold \"a\\\\\": a backslash before a quote or at a line's end"
expect_empty "DOT backslash at the end" out

# The JSON form writes each key the model has.
run convert --to json "$EXAMPLES/ellipsoid.json"
expect_grep "json keys" out '"f": {"inputs": ["t", "x", "y"], "expr": "4*pi/3*t*x*y"}'
expect_grep "json keys" out '"x": {"value": 2}'
expect_grep "json keys" out '"wrt": "x"'
cat >"$TMPD/hostile.json" <<'JSON'
{"title": "a \"quoted\" \\ title\twith\u001b[31m escapes",
 "variables": {"x": {"label": "</x>\n", "partials": {}},
  "y": {"inputs": ["x"], "partials": {"x": 0.1}, "shape": [1]}}}
JSON
run convert --to json "$TMPD/hostile.json"
expect_status "json hostile" 1
cat >"$TMPD/hostile.json" <<'JSON'
{"title": "a \"quoted\" \\ title\twith\u001b[31m escapes",
 "variables": {"x": {"label": "</x>\n"},
  "y": {"inputs": ["x"], "partials": {"x": 0.1}, "shape": [1]}}}
JSON
run convert --to json "$TMPD/hostile.json"
expect_status "json hostile" 0
expect_grep "json hostile" out '"title": "a \"quoted\" \\ title\twith\u001b[31m escapes"'
expect_grep "json hostile" out '"y": {"inputs": ["x"], "partials": {"x": 0.1}, "shape": [1]}'
same_model "json hostile" "$TMPD/hostile.json" "$TMPD/hostile.json"

# Usage errors list the targets.
run convert --to xml "$EXAMPLES/chain.json"
expect_status "unknown target" 2
expect_grep "unknown target" err 'infdiag: convert: unknown format "xml" ('
expect_empty "unknown target" out
run convert "$EXAMPLES/chain.json"
expect_status "no target" 2
expect_grep "no target" err 'infdiag: convert: --to FORMAT is required ('
run convert --to json --of y "$EXAMPLES/chain.json"
expect_status "convert --of" 2
expect_grep "convert --of" err '--of does not apply to this command'

# -o is written whole or not at all: an invalid model leaves it as it was.
echo old >"$TMPD/kept"
printf '{"variables": {"x": ["y"]}}' >"$TMPD/bad.json"
run convert --to json -o "$TMPD/kept" "$TMPD/bad.json"
expect_status "convert -o invalid" 1
if [ "$(cat "$TMPD/kept")" = old ]; then
	ok "convert -o invalid: the file is untouched"
else
	not_ok "convert -o invalid: the file is untouched"
fi

done_testing
