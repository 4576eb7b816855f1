#!/bin/sh
# infdiag dot and render: the views, the output types (by -o suffix or
# --type), rendering with an empty PATH, a failed rendering that leaves
# the old file alone, hostile text, the size limit and the exit statuses.
. "$(dirname "$0")/lib.sh"

GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed

ex3=$EXAMPLES/example3.json
ell=$EXAMPLES/ellipsoid.json

# expect_head NAME FILE BYTES: the file starts with the bytes.
expect_head() {
	n=$(printf '%s' "$3" | wc -c)
	if [ -s "$2" ] && [ "$(head -c "$n" "$2")" = "$3" ]; then
		ok "$1: starts with '$3'"
	else
		not_ok "$1: starts with '$3'" "$(head -c 40 "$2" | od -c | head -2)"
	fi
}

# Every view as DOT, and rendered to SVG with an empty PATH: no dot
# program, and no Graphviz plugin configuration needed.
for view in full paths partial decomposition; do
	run dot --view "$view" "$ex3"
	expect_status "dot --view $view" 0
	expect_head "dot --view $view" "$TMPD/out" "strict digraph infdiag {"
	expect_grep "dot --view $view" out "rankdir=LR"
	env PATH= "$INFDIAG" render --view "$view" -o "$TMPD/$view.svg" \
	    "$ell" >"$TMPD/out" 2>"$TMPD/err"
	status=$?
	expect_status "render --view $view, empty PATH" 0
	expect_head "render --view $view, empty PATH" "$TMPD/$view.svg" "<?xml"
	cp "$TMPD/$view.svg" "$TMPD/out"
	expect_grep "render --view $view, empty PATH" out "</svg>"
done
run dot --view decomposition "$ex3"
expect_grep "dot decomposition" out "subgraph cluster_y {"
expect_grep "dot decomposition" out '"h@y"'
# h -> y is on paths 3 (x -> h -> y) and 4 (x -> g -> h -> y).
run dot --view paths "$ex3"
expect_grep "dot paths" out 'h -> y	[color="#009e73:#cc79a7",'

# The output type: by the -o suffix, by --type, SVG by default.
run render -o "$TMPD/x.png" "$ell"
expect_status "render -o x.png" 0
expect_head "render -o x.png" "$TMPD/x.png" "$(printf '\211PNG\r\n')"
run render -o "$TMPD/x.PDF" "$ell"
expect_status "render -o x.PDF" 0
expect_head "render -o x.PDF" "$TMPD/x.PDF" "%PDF"
# A type the suffix contradicts is refused (SPEC 5.1, issue 12): a.svg
# never holds a PDF.
run render --type pdf -o "$TMPD/pdf.svg" "$ell"
expect_status "render --type pdf -o pdf.svg" 2
expect_grep "render --type pdf -o pdf.svg" err "the name and the type must agree"
run render "$ex3"
expect_status "render to standard output" 0
expect_head "render to standard output is SVG" "$TMPD/out" "<?xml"
run render --type svg - <"$ex3"
expect_status "render --type svg -" 0
expect_grep "render --type svg -" out "<svg"

# Usage errors.
run dot --view bogus "$ex3"
expect_status "dot --view bogus" 2
expect_grep "dot --view bogus" err 'unknown view "bogus"'
run render --view bogus -o "$TMPD/bogus.svg" "$ex3"
expect_status "render --view bogus" 2
run render -o "$TMPD/x.txt" "$ex3"
expect_status "render -o x.txt" 2
expect_grep "render -o x.txt" err "--type"
run render --type gif "$ex3"
expect_status "render --type gif" 2
expect_grep "render --type gif" err 'unknown output type "gif"'

# A failed rendering leaves the existing file untouched, and no
# temporary file behind.
printf 'old contents\n' >"$TMPD/keep.svg"
run render --layout nosuch -o "$TMPD/keep.svg" "$ex3"
expect_status "render --layout nosuch" 2
expect_grep "render --layout nosuch" err 'Layout type: "nosuch" not recognized'
if [ "$(cat "$TMPD/keep.svg")" = "old contents" ]; then
	ok "render --layout nosuch: the old file is untouched"
else
	not_ok "render --layout nosuch: the old file is untouched"
fi
if ls "$TMPD"/keep.svg.tmp.* >/dev/null 2>&1; then
	not_ok "render --layout nosuch: no temporary file left"
else
	ok "render --layout nosuch: no temporary file left"
fi
# Graphviz quotes an unknown engine's name whole, and crashed on its own
# message past 1024 bytes: a long name is refused before, and cut.
for n in 64 2000; do
	long=$(awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "x" }')
	run render --layout "$long" -o "$TMPD/keep.svg" "$ex3"
	expect_status "render --layout of $n characters" 2
	if [ "$(wc -l <"$TMPD/err")" -eq 1 ] &&
	    [ "$(wc -c <"$TMPD/err")" -lt 400 ]; then
		ok "render --layout of $n characters: one short line"
	else
		not_ok "render --layout of $n characters: one short line" \
		    "$(wc -lc <"$TMPD/err")"
	fi
done
expect_text "render --layout of 2000 characters" err "$ex3: layout \"$(printf '%.64s' "$long")...\": unknown engine"
run render --layout neato -o "$TMPD/keep.svg" "$ex3"
expect_status "render --layout neato" 0
expect_head "render --layout neato" "$TMPD/keep.svg" "<?xml"

# The other statuses: no file (3), an invalid model (1), a failed
# evaluation (4).
run dot "$TMPD/nosuch.json"
expect_status "dot of a missing file" 3
run render "$TESTDATA/invalid/cycle-2.json"
expect_status "render of an invalid model" 1
printf '{"variables": {"x": {"value": -1}, "y": {"expr": "log(x)"}}}\n' \
    >"$TMPD/log.json"
run dot "$TMPD/log.json"
expect_status "dot with log of a negative number" 0
expect_grep "dot with log of a negative number" err "log.json: variables.y: warning: log of a non-positive number (-1) in y = log(x), with x = -1"

# Hostile text from the model stays text.
h='\"]; evil [label=x <script>alert(1)</script> & \\N \u0001 } -> evil; <b>'
printf '{"title": "%s", "description": "%s", "variables": {"x": {"value": 1, "label": "%s"}, "g": {"expr": "x*x", "label": "%s"}, "y": {"inputs": ["x", "g"], "fn": "%s", "expr": "x+g"}}}\n' \
    "$h" "$h" "$h" "$h" "$h" >"$TMPD/hostile.json"
for view in full paths partial decomposition; do
	run dot --view "$view" "$TMPD/hostile.json"
	expect_status "hostile dot --view $view" 0
	expect_no_grep "hostile dot --view $view" out "<script"
	expect_grep "hostile dot --view $view" out "&lt;script&gt;"
	if grep -qE '^[[:space:]]*"?evil"?[[:space:]]*(\[|;|->)' "$TMPD/out"; then
		not_ok "hostile dot --view $view: no node evil"
	else
		ok "hostile dot --view $view: no node evil"
	fi
	run render --view "$view" "$TMPD/hostile.json"
	expect_status "hostile render --view $view" 0
	expect_no_grep "hostile render --view $view" out "<script"
	expect_grep "hostile render --view $view" out "&lt;script&gt;"
done

# Text drawn into a diagram is cut (80 characters of a label, an fn, a
# name or the title, 160 of a formula, 720 of the description), so that a
# label of 10^6 characters cannot abort Cairo inside render.
awk 'BEGIN {
	# Doubled, not appended a character at a time: mawk copies the
	# whole string on each append, which made this take minutes.
	for (l = "L"; length(l) < 1000000; l = l l)
		continue
	l = substr(l, 1, 1000000)
	for (w = "word "; length(w) < 10000; w = w w)
		continue
	w = substr(w, 1, 10000)
	printf "{\"title\": \"%s\", \"description\": \"%s\", ", l, w
	printf "\"variables\": {\"x\": {\"value\": 1, \"label\": \"%s\"}, ", l
	printf "\"%s\": {\"expr\": \"2*x\", \"fn\": \"%s\"}}}\n", l, l
}' >"$TMPD/long.json" || exit 99
for type in pdf png svg; do
	run render -o "$TMPD/long.$type" "$TMPD/long.json"
	expect_status "render of 10^6-character texts to $type" 0
	expect_empty "render of 10^6-character texts to $type" err
	if [ -s "$TMPD/long.$type" ] &&
	    [ -z "$(find "$TMPD" -name "long.$type.*")" ]; then
		ok "render of 10^6-character texts to $type: the file alone"
	else
		not_ok "render of 10^6-character texts to $type: the file alone" \
		    "$(ls "$TMPD")"
	fi
done
# The label, the name, the fn and the title are each drawn as 80
# characters and "…" (the name stays whole as the node's id, in <title>).
grep -o '<text[^>]*>[^<]*</text>' "$TMPD/long.svg" >"$TMPD/drawn"
longest=$(grep -o 'L*' "$TMPD/drawn" | awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }')
cuts=$(grep -o 'L\{80\}…' "$TMPD/drawn" | wc -l)
if [ "$longest" -eq 80 ] && [ "$cuts" -ge 4 ]; then
	ok "render of 10^6-character texts: drawn cut at 80 characters with …"
else
	not_ok "render of 10^6-character texts: drawn cut at 80 characters with …" \
	    "longest run $longest, $cuts cuts"
fi
if grep -q 'word…' "$TMPD/drawn" &&
    [ "$(grep -o 'word' "$TMPD/drawn" | wc -l)" -eq 144 ]; then
	ok "render of 10^6-character texts: description cut at 720 characters"
else
	not_ok "render of 10^6-character texts: description cut at 720 characters" \
	    "$(grep -o 'word' "$TMPD/drawn" | wc -l) words"
fi

# Beyond the size limit, render refuses unless forced; dot writes it.
"$GENMODEL" chain 5001 >"$TMPD/big.json" || exit 99
run render -o "$TMPD/big.svg" "$TMPD/big.json"
expect_status "render of 5001 variables" 2
expect_grep "render of 5001 variables" err "--force"
if [ -e "$TMPD/big.svg" ]; then
	not_ok "render of 5001 variables: no file written"
else
	ok "render of 5001 variables: no file written"
fi
run dot -o "$TMPD/big.dot" "$TMPD/big.json"
expect_status "dot of 5001 variables" 0
if [ "$(grep -c -- ' -> ' "$TMPD/big.dot")" -eq 5000 ]; then
	ok "dot of 5001 variables: 5000 arrows"
else
	not_ok "dot of 5001 variables: 5000 arrows"
fi

# The notation: the perceptron's four views draw its "latex" keys in
# Unicode (\hat\theta_{11} as θ̂₁₁), never the names; the ellipsoid's node
# formula is printed like the arrows' (π, ·); a name's conventions hold
# (yhat as y and a combining circumflex); a script Unicode lacks (w_q) is a <sub> on a line made
# taller by a strut.
for view in full paths partial decomposition; do
	run render --view "$view" -o "$TMPD/p-$view.svg" \
	    "$EXAMPLES/perceptron.json"
	expect_status "perceptron render --view $view" 0
	# The SVG's text, without the node IDs of its titles and comments.
	sed 's/<title>[^<]*<\/title>//; s/<!--.*-->//' "$TMPD/p-$view.svg" \
	    >"$TMPD/out"
	expect_grep "perceptron --view $view" out ">θ̂₁₁"
	expect_grep "perceptron --view $view" out "θ̃₁"
	expect_no_grep "perceptron --view $view" out "thetahat"
	expect_no_grep "perceptron --view $view" out "theta_1_1"
done
run dot "$ell"
expect_grep "ellipsoid node formula" out "= (4π/3)·t·x·y</font>"
expect_no_grep "ellipsoid node formula" out "4*pi/3"
printf '%s\n' '{"variables": {"w_q": {"value": 2}, "thetahat_1_1":' \
    '{"value": 1}, "yhat": {"expr": "w_q*thetahat_1_1^2"}}}' \
    >"$TMPD/conv.json"
run dot "$TMPD/conv.json"
hat=$(printf '\314\202')	# U+0302, the combining circumflex
expect_grep "name conventions" out "<b>y$hat</b><br/><font point-size=\"10\">= w<sub>q</sub>·θ̂₁,₁²"
expect_grep "name conventions" out "w<sub>q</sub></b><font point-size=\"22\">&#160;</font><br/>"
expect_no_grep "name conventions" out "yhat</b>"

# The report draws each derivative's paths view of that derivative: the
# library is asked for derivative K (render options' deriv), not handed a
# copy of the analysis cut down to it.
printf '%s\n' '{"variables": {"x1": {"value": 1}, "x2": {"value": 2},' \
    '"g": {"expr": "2*x1"}, "y": {"expr": "g*x2"}}, "wrt": ["x1", "x2"]}' \
    >"$TMPD/two.json"
run report "$TMPD/two.json"
expect_status "report of two derivatives" 0
expect_grep "report of two derivatives" out \
    "influence paths from x₁ to y, numbered as the terms of dy/dx₁"
expect_grep "report of two derivatives" out \
    "influence paths from x₂ to y, numbered as the terms of dy/dx₂"

done_testing
