#!/bin/sh
# Diagrams for slides (SPEC 5.2): what each of --no-title, --no-legend,
# --digits, --rankdir, --dpi and --focus changes in the DOT or the picture,
# the exact message and status of a bad argument to each, reproducible
# PDF, and the slides' diagrams in examples/slides: current, and the
# perceptron's focus view legible at 1024 pixels wide.
. "$(dirname "$0")/lib.sh"

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed

ex3=$EXAMPLES/example3.json
per=$EXAMPLES/perceptron.json
title='Backpropagation: a perceptron with two hidden sigmoid layers'

# expect_count NAME WHICH PATTERN N: the stream has N lines with PATTERN.
expect_count() {
	n=$(grep -cF -- "$3" "$TMPD/$2")
	if [ "$n" -eq "$4" ]; then
		ok "$1: $4 lines with '$3'"
	else
		not_ok "$1: $4 lines with '$3'" "got $n"
	fi
}

# svg_size FILE: "WIDTH HEIGHT" of an SVG, in its units (points).
svg_size() {
	sed -n 's/^<svg width="\([0-9]*\)pt" height="\([0-9]*\)pt".*/\1 \2/p' "$1"
}

# png_width FILE: the width of a PNG, from its IHDR chunk.
png_width() {
	od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'
}

# --no-title and --no-legend.
run dot --view paths "$per"
expect_grep "dot" out "$title"
expect_grep "dot" out "influence paths from θ₁₁ to E"
run dot --view paths --no-title "$per"
expect_status "--no-title" 0
expect_no_grep "--no-title" out "$title"
expect_no_grep "--no-title" out "One reverse sweep gives the gradient"
expect_grep "--no-title" out "influence paths from θ₁₁ to E"
run dot --view paths --no-legend "$per"
expect_status "--no-legend" 0
expect_grep "--no-legend" out "$title"
expect_no_grep "--no-legend" out "influence paths from"
expect_no_grep "--no-legend" out "> output E"
# The legend left out still colours the paths.
expect_grep "--no-legend" out 'color="#0072b2:#d55e00"'
run dot --view paths --no-title --no-legend "$per"
expect_status "--no-title --no-legend" 0
expect_no_grep "--no-title --no-legend" out "<table border=\"0\" cellborder=\"0\" cellspacing=\"1\">"
run render --no-title --no-legend "$ex3"
expect_status "render --no-title --no-legend" 0
expect_no_grep "render --no-title --no-legend" out "Example 3"

# --digits: every number drawn, default 4.
run dot --view paths "$per"
expect_grep "--digits default" out "dE/dθ₁₁ = −0.001893<"
expect_grep "--digits default" out "value 0.6649<"
expect_grep "--digits default" out "= −0.00176</font>"
expect_no_grep "--digits default" out "0.00189253"
run dot --view paths --digits 12 "$per"
expect_grep "--digits 12" out "dE/dθ₁₁ = −0.00189253064434<"
expect_grep "--digits 12" out "value 0.664853730406<"
run dot --view paths --digits 1 "$per"
expect_grep "--digits 1" out "dE/dθ₁₁ = −0.002<"
expect_grep "--digits 1" out "∂E/∂f = f − y<br/>= −0.8<"
run render --view partial --digits 2 -o "$TMPD/d.svg" "$per"
expect_status "render --digits 2" 0
cp "$TMPD/d.svg" "$TMPD/out"
expect_grep "render --digits 2" out ">dE/dθ₁₁ = −0.0019<"

# --rankdir: the layout's direction, LR by default.
run dot "$ex3"
expect_grep "--rankdir default" out "rankdir=LR"
run dot --rankdir tb "$ex3"
expect_grep "--rankdir tb" out "rankdir=TB"
expect_no_grep "--rankdir tb" out "rankdir=LR"
for dir in LR TB; do
	run render --no-title --no-legend --rankdir "$dir" \
	    -o "$TMPD/$dir.svg" "$ex3"
	expect_status "render --rankdir $dir" 0
done
set -- $(svg_size "$TMPD/LR.svg") $(svg_size "$TMPD/TB.svg")
if [ "$1" -gt "$2" ] && [ "$4" -gt "$3" ]; then
	ok "--rankdir: LR is wide ($1x$2), TB is tall ($3x$4)"
else
	not_ok "--rankdir: LR is wide, TB is tall" "LR $1x$2, TB $3x$4"
fi

# --dpi: a PNG's resolution; SVG is not in pixels and stays the same.
run render -o "$TMPD/96.png" "$ex3"
run render --dpi 192 -o "$TMPD/192.png" "$ex3"
expect_status "render --dpi 192" 0
w96=$(png_width "$TMPD/96.png")
w192=$(png_width "$TMPD/192.png")
if [ "$w192" -ge $((2 * w96 - 2)) ] && [ "$w192" -le $((2 * w96 + 2)) ]; then
	ok "--dpi 192: twice as wide as the default ($w96 -> $w192 px)"
else
	not_ok "--dpi 192: twice as wide as the default" "$w96 -> $w192"
fi
run render --dpi 192 "$ex3"
cp "$TMPD/out" "$TMPD/svg192"
run render "$ex3"
expect_file "--dpi on SVG" out "$TMPD/svg192"

# --focus: only the variables on a path of the derivative drawn (dE/dθ₁₁:
# 9 of the perceptron's 29), the other inputs noted on their arrows.
run render --view paths "$per"
expect_count "paths" out 'class="node"' 29
run render --view paths --focus "$per"
expect_status "--focus" 0
expect_count "--focus" out 'class="node"' 9
expect_count "--focus" out 'class="edge"' 9
expect_grep "--focus" out ">+ 3 other inputs: x₁, θ₂₁, x₂<"
expect_grep "--focus" out ">+ 5 other inputs: θ̂₁₁, θ̂₂₁, ϕ₂, …<"
expect_grep "--focus" out ">+ 1 other input: y<"

# A focused view is as big as what it draws: one weight of a perceptron of
# 11223 variables, over render's limit of 5000 whole, renders without
# --force, with dot's look, not the simplified layout of big diagrams.
GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}
"$GENMODEL" perceptron 100 100 10 >"$TMPD/p100.json"
run render --view paths --focus --wrt w1_1 -o "$TMPD/p100.svg" \
    "$TMPD/p100.json"
expect_status "--focus on 11223 variables: within the limit" 0
cp "$TMPD/p100.svg" "$TMPD/out"
expect_count "--focus on 11223 variables" out 'class="node"' 14
expect_no_grep "--focus on 11223 variables" out "simplified layout"
run render --view paths --wrt w1_1 -o "$TMPD/p100.svg" "$TMPD/p100.json"
expect_status "the same view unfocused: over the limit" 2
expect_no_grep "--focus" out ">x₁<"
run dot --view paths --focus "$per"
expect_grep "--focus" out "only the variables on a path from θ₁₁ to E are drawn"
run dot --view full --focus --wrt theta_2_1 "$per"
expect_grep "--focus --wrt θ₂₁" out "+ 3 other inputs: θ₁₁, x₁, x₂"
run render --view decomposition --focus "$per"
expect_status "--focus decomposition" 0
expect_count "--focus decomposition" out 'class="cluster"' 8

# A bad argument to each: one line, exit 2.
for bad in "digits 0" "digits 18" "digits four" "rankdir XY" "dpi 0" \
    "dpi 2401"; do
	set -- $bad
	run render "--$1" "$2" "$ex3"
	expect_status "render --$1 $2" 2
	expect_text "render --$1 $2" err "infdiag: render: bad argument to --$1: \"$2\"
Try 'infdiag render --help'."
done
run dot --dpi 100 "$ex3"
expect_status "dot --dpi" 2
expect_text "dot --dpi" err "infdiag: dot: --dpi does not apply to this command
Try 'infdiag dot --help'."

# PDF: byte-identical for the same input, dated by SOURCE_DATE_EPOCH.
unset SOURCE_DATE_EPOCH
run render -o "$TMPD/a.pdf" "$ex3"
sleep 1
run render -o "$TMPD/b.pdf" "$ex3"
if cmp -s "$TMPD/a.pdf" "$TMPD/b.pdf"; then
	ok "pdf: two renders byte-identical"
else
	not_ok "pdf: two renders byte-identical" "$(cmp "$TMPD/a.pdf" "$TMPD/b.pdf")"
fi
cp "$TMPD/a.pdf" "$TMPD/out"
expect_grep "pdf without SOURCE_DATE_EPOCH" out "/CreationDate (D:19700101000000"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
run render -o "$TMPD/c.pdf" "$ex3"
cp "$TMPD/c.pdf" "$TMPD/out"
expect_grep "pdf SOURCE_DATE_EPOCH=1700000000" out "/CreationDate (D:20231114221320"
SOURCE_DATE_EPOCH=0
run render -o "$TMPD/z.pdf" "$ex3"
if cmp -s "$TMPD/z.pdf" "$TMPD/a.pdf"; then
	ok "pdf SOURCE_DATE_EPOCH=0: dated 1970, as without it"
else
	not_ok "pdf SOURCE_DATE_EPOCH=0: dated 1970, as without it"
fi
if command -v pdfinfo >/dev/null 2>&1; then
	pdfinfo "$TMPD/c.pdf" >"$TMPD/out" 2>"$TMPD/err"
	status=$?
	expect_status "pdfinfo" 0
	expect_grep "pdfinfo" out "Nov 14 22:13:20 2023"
	expect_empty "pdfinfo" err
else
	skip "pdfinfo" "no pdfinfo (poppler-utils)"
fi
SOURCE_DATE_EPOCH=soon
run render -o "$TMPD/bad.pdf" "$ex3"
unset SOURCE_DATE_EPOCH
expect_status "pdf SOURCE_DATE_EPOCH=soon" 2
expect_text "pdf SOURCE_DATE_EPOCH=soon" err "$ex3: SOURCE_DATE_EPOCH \"soon\" is not a whole number of seconds since 1970 (up to 253402300799)"
if [ -e "$TMPD/bad.pdf" ]; then
	not_ok "pdf SOURCE_DATE_EPOCH=soon: no file written"
else
	ok "pdf SOURCE_DATE_EPOCH=soon: no file written"
fi

# The slides: what examples/slides/make-slides.sh makes now.  Graphviz's
# coordinates follow the fonts installed, so the committed pictures are
# compared by their text and their strokes.
slides=$EXAMPLES/slides
mkdir "$TMPD/slides"
if sh "$slides/make-slides.sh" "$INFDIAG" "$EXAMPLES" "$TMPD/slides" \
    2>"$TMPD/err"; then
	ok "make-slides.sh"
else
	not_ok "make-slides.sh" "$(head -c 300 "$TMPD/err")"
fi
# marks FILE: the text and the strokes of an SVG, one a line.
marks() {
	grep -o '<text[^>]*>[^<]*</text>\|stroke="[^"]*"\|stroke-dasharray="[^"]*"\|stroke-width="[^"]*"' "$1" |
	    sed 's/<text[^>]*>//; s/<\/text>//'
}
for new in "$TMPD"/slides/*.svg; do
	name=${new##*/}
	marks "$new" >"$TMPD/want"
	marks "$slides/$name" >"$TMPD/out"
	expect_file "examples/slides/$name current (make examples-slides)" \
	    out "$TMPD/want"
done
w=$(png_width "$slides/perceptron-paths.png")
if [ "$w" -ge 1000 ] && [ "$w" -le 1024 ]; then
	ok "examples/slides/perceptron-paths.png: $w px wide"
else
	not_ok "examples/slides/perceptron-paths.png: 1000-1024 px wide" "$w"
fi

# Legible on a slide: scaled to 1024 px wide, the perceptron's focus view
# has no text under 12 px.
svg=$slides/perceptron-paths.svg
set -- $(svg_size "$svg")
small=$(grep -o 'font-size="[0-9.]*"' "$svg" | tr -dc '0-9.\n' | sort -n | head -1)
if awk -v f="$small" -v w="$1" 'BEGIN { exit !(f * 1024 / w >= 12) }'; then
	ok "perceptron focus slide: smallest text ${small}pt of ${1}pt is >= 12 px at 1024 px"
else
	not_ok "perceptron focus slide: smallest text >= 12 px at 1024 px" \
	    "font ${small}pt, width ${1}pt"
fi
done_testing
