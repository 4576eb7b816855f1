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
