#!/bin/sh
# infdiag slides (SPEC 5.3): every example's Beamer deck compiles with
# pdflatex; one overlay per path, up to --max-paths, counted from
# "infdiag paths", each path's term in the colour of its arrows; the text
# of the slides (pdftotext) has the paths, the terms, the numbers and the
# partial-versus-total contrast.
. "$(dirname "$0")/lib.sh"

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed

have_tex=1
for tool in pdflatex pdfinfo pdftotext; do
	command -v "$tool" >/dev/null 2>&1 || have_tex=0
done

# deck_compile NAME DECK: compiles a deck in its own directory, leaving
# $deckdir/doc.pdf, its page count in $pages and its text, one page a
# form feed, in $deckdir/doc.txt.
deck_compile() {
	pages=0
	deckdir=$TMPD/deck.$tap_n
	mkdir -p "$deckdir"
	cp "$2" "$deckdir/doc.tex"
	start=$(date +%s)
	if (cd "$deckdir" && timeout 600 pdflatex -no-shell-escape \
	    -interaction=nonstopmode -halt-on-error doc.tex) \
	    >"$deckdir/stdout" 2>&1 </dev/null; then
		pages=$(pdfinfo "$deckdir/doc.pdf" | awk '/^Pages:/ { print $2 }')
		pdftotext -enc UTF-8 "$deckdir/doc.pdf" "$deckdir/doc.txt"
		ok "$1: pdflatex compiles it ($pages pages, $(($(date +%s) - start)) s)"
		return 0
	fi
	not_ok "$1: pdflatex compiles it" "$(grep -A3 '^!' "$deckdir/doc.log" | head -8)"
	return 1
}

# overlays MODEL [ARGS]: the path overlays expected, from "infdiag
# paths": each derivative's paths, at most --max-paths (ARGS) and 12,
# the colours of the palette.
overlays() {
	model=$1
	shift
	"$INFDIAG" paths "$@" "$model" | awk -v max="${MAXP:-1000000}" '
	    /^[0-9]+ paths? from / { n = $1; if (n > max) n = max
		if (n > 12) n = 12; s += n } END { print s + 0 }'
}

# The deck's source: the paths' colours are the palette's, each term in
# its path's colour on its own overlay, the pictures from the layout.
run slides "$EXAMPLES/ellipsoid.json"
expect_status "ellipsoid deck" 0
expect_empty "ellipsoid deck" err
cp "$TMPD/out" "$TMPD/ellipsoid.tex"
expect_grep "ellipsoid deck" out '\documentclass[aspectratio=169]{beamer}'
expect_grep "ellipsoid deck" out '\textcolor<2>{infdiagpath1}{\frac{\partial f}{\partial x}} + \textcolor<3>{infdiagpath2}{\frac{\partial f}{\partial t} \cdot \frac{dt}{dx}}'
expect_grep "ellipsoid deck" out '\only<2>{\textcolor{infdiagpath1}{Path 1 of 2: $x \to f$}}'
expect_grep "ellipsoid deck" out '\begin{tikzpicture}'
colour=$(sed -n 's/^\\definecolor{infdiagpath1}{HTML}{\([0-9A-Fa-f]*\)}$/\1/p' "$TMPD/out")
if [ -n "$colour" ] && grep -v '^\\definecolor{infdiagpath' "$TMPD/out" | grep -qi "$colour"; then
	ok "ellipsoid deck: path 1's colour $colour is in its picture too"
else
	not_ok "ellipsoid deck: path 1's colour is in its picture too" "colour '$colour'"
fi
# The forward equations, one more on each overlay.
expect_grep "ellipsoid deck" out '\uncover<3->{\frac{df}{dx}} &\uncover<3->{{}= \frac{\partial f}{\partial t} \cdot \frac{dt}{dx} + \frac{\partial f}{\partial x}}'
# The factor of 2: the total is twice the partial.
expect_grep "ellipsoid deck" out '\begin{alertblock}<3->{Partial versus total}'
expect_grep "ellipsoid deck" out '\[ \frac{df}{dx} = \mathbf{2} \times \frac{\partial f}{\partial x} \]'

# Every example's deck compiles; its path overlays are those "infdiag
# paths" counts, each on one page.
for f in "$EXAMPLES"/*.json; do
	name=$(basename "$f" .json)
	run slides -o "$TMPD/$name.tex" "$f"
	expect_status "$name deck" 0
	if [ "$have_tex" -eq 0 ]; then
		skip "$name deck: pdflatex compiles it" "pdflatex or poppler-utils is not installed"
		continue
	fi
	deck_compile "$name deck" "$TMPD/$name.tex" || continue
	want=$(MAXP= overlays "$f")
	got=$(grep -c '^Path [0-9]* of [0-9]*:' "$deckdir/doc.txt")
	if [ "$got" -eq "$want" ]; then
		ok "$name deck: $want path overlays, one page each"
	else
		not_ok "$name deck: $want path overlays, one page each" "got $got"
	fi
	echo "# $name deck: $pages pages"
done

if [ "$have_tex" -eq 1 ]; then
	# The ellipsoid's deck page by page: title, model, diagram,
	# subgraphs, rules, the paths (plain, then each), the forms
	# (expanded, factored, closed), forward (3), the numbers (3),
	# reverse (4).
	deck_compile "ellipsoid deck" "$TMPD/ellipsoid.tex"
	if [ "$pages" -eq 21 ]; then
		ok "ellipsoid deck: 21 pages"
	else
		not_ok "ellipsoid deck: 21 pages" "got $pages"
	fi
	cp "$deckdir/doc.txt" "$TMPD/out"
	expect_grep "ellipsoid deck text" out '4 variables and 4 influences; the output is f'
	expect_grep "ellipsoid deck text" out 'Path 1 of 2: x → f'
	expect_grep "ellipsoid deck text" out 'Path 2 of 2: x → t → f'
	expect_grep "ellipsoid deck text" out '25.1327412287'
	expect_grep "ellipsoid deck text" out '50.2654824574'
	expect_grep "ellipsoid deck text" out 'The indirect paths add 25.1327412287.'
	expect_grep "ellipsoid deck text" out 'Forward accumulation'
	expect_grep "ellipsoid deck text" out 'Reverse accumulation (backpropagation)'

	# --max-paths 1: one overlay, then "and 1 more path".
	run slides --max-paths 1 -o "$TMPD/one.tex" "$EXAMPLES/example3.json"
	expect_status "example3 deck --max-paths 1" 0
	if deck_compile "example3 deck --max-paths 1" "$TMPD/one.tex"; then
		got=$(grep -c '^Path [0-9]* of [0-9]*:' "$deckdir/doc.txt")
		want=$(MAXP=1 overlays "$EXAMPLES/example3.json")
		if [ "$got" -eq "$want" ] && grep -q 'and 3 more paths' "$deckdir/doc.txt"; then
			ok "example3 deck --max-paths 1: $want overlay, and 3 more paths"
		else
			not_ok "example3 deck --max-paths 1: $want overlay, and 3 more paths" "got $got"
		fi
	fi
fi

# Model text is escaped for LaTeX (SPEC 5.1): a deck of a hostile model
# compiles, shows its title literally, reads no file and writes none.
cat >"$TMPD/hostile.json" <<'EOF'
{
  "title": "50% & x_1 #2 \\input{marker} \\immediate\\openout9=pwned.txt {}} ^^5cinput ~ $x$ <script>",
  "description": "\\end{document}\n# heading? `code` $$ \\[ x \\]",
  "variables": {
    "x": {"value": 2, "latex": "x^{(1)}", "label": "<b>x</b> \\input{marker}"},
    "g": {"expr": "x^2", "fn": "\\input{marker}%$&#_{}~^θ"},
    "y": {"inputs": ["x", "g"], "expr": "x + g^2", "fn": "$\\\\"}
  },
  "of": "y",
  "wrt": "x"
}
EOF
run slides -o "$TMPD/hostile.tex" "$TMPD/hostile.json"
expect_status "hostile deck" 0
if [ "$have_tex" = 1 ]; then
	mkdir -p "$TMPD/deck.$tap_n"
	printf '%s\n' '\typeout{MARKER-WAS-READ}' >"$TMPD/deck.$tap_n/marker.tex"
	if deck_compile "hostile deck" "$TMPD/hostile.tex"; then
		cp "$deckdir/doc.txt" "$TMPD/out"
		expect_grep "hostile deck text" out '50% & x'
		expect_grep "hostile deck text" out '#2 \input{marker}'
		if grep -q MARKER-WAS-READ "$deckdir/doc.log" ||
		    [ -e "$deckdir/pwned.txt" ]; then
			not_ok "hostile deck: no file read or written"
		else
			ok "hostile deck: no file read or written"
		fi
	fi
fi

# frame FILE TITLE: the frame whose title starts with TITLE, in $TMPD/frame.
frame() {
	FRAME_TITLE=$2 awk 'index($0, "\\begin{frame}") == 1 &&
	    index($0, "{" ENVIRON["FRAME_TITLE"]) > 0 { on = 1 } on { print }
	    on && /^\\end{frame}/ { exit }' "$1" >"$TMPD/frame"
}

# A large model's paths pictures are focused: the perceptron's paths view
# of dE/dtheta11 would be shrunk to 0.18 of its size on its slide (1848
# by 713 bp for 397 by 131); focused, x1 is left out and named in a note.
# Its whole diagram still shows every variable.
run slides -o "$TMPD/perceptron.tex" "$EXAMPLES/perceptron.json"
expect_status "perceptron deck" 0
frame "$TMPD/perceptron.tex" '2 paths from $\theta_{11}$ to $E$'
expect_grep "perceptron deck: dE/dtheta11's paths, focused" frame '+ 3 other inputs: ${x_{1}}$, ${\theta_{21}}$, ${x_{2}}$}'
expect_no_grep "perceptron deck: dE/dtheta11's paths, focused" frame '] (x_1) at ('
expect_grep "perceptron deck: dE/dtheta11's paths, focused" frame '] (theta_1_1) at ('
n=$(grep -c '^\\begin{frame}<1-[0-9]*>{[0-9]* paths\{0,1\} from' "$TMPD/perceptron.tex")
m=$(awk '/^\\begin{frame}<1-[0-9]*>{[0-9]* paths? from/ { on = 1 }
    on && /other inputs?: / { c++; on = 0 } END { print c + 0 }' "$TMPD/perceptron.tex")
if [ "$n" -eq 14 ] && [ "$m" -eq 14 ]; then
	ok "perceptron deck: its 14 paths pictures focused, each with a note"
else
	not_ok "perceptron deck: its 14 paths pictures focused, each with a note" "$n frames, $m with a note"
fi
frame "$TMPD/perceptron.tex" 'The diagram'
expect_grep "perceptron deck: the diagram, every variable" frame '] (x_1) at ('
expect_no_grep "perceptron deck: the diagram, every variable" frame 'other input'
# A small model's are not: the ellipsoid's paths picture keeps y.
frame "$TMPD/ellipsoid.tex" '2 paths from $x$ to $f$'
expect_grep "ellipsoid deck: the paths picture, every variable" frame '] (y) at ('
expect_no_grep "ellipsoid deck: the paths picture, every variable" frame 'other input'

# The diagram options (SPEC 5.2) that apply to a deck's pictures.
run slides --help "$EXAMPLES/ellipsoid.json"
for o in --force --digits --rankdir --focus; do
	expect_grep "slides --help" out "  $o "
done
run slides --no-title "$EXAMPLES/ellipsoid.json"
expect_status "slides --no-title" 2
expect_grep "slides --no-title" err "infdiag: slides: --no-title does not apply to this command"
# --digits: the numbers drawn; the slides' own numbers keep theirs.
run slides --digits 12 "$EXAMPLES/ellipsoid.json"
expect_status "slides --digits 12" 0
expect_grep "slides --digits 12" out '{dx} = 50.2654824574$}'
expect_no_grep "slides --digits 12" out '{dx} = 50.27$}'
run slides "$EXAMPLES/ellipsoid.json"
expect_grep "slides: 4 digits by default" out '{dx} = 50.27$}'
# --rankdir TB: Example 3's diagram, wide from left to right, is tall.
box() {
	sed -n 's/^\\useasboundingbox (0.00,0.00) rectangle (\([0-9.]*\),\([0-9.]*\));$/\1 \2/p' \
	    "$TMPD/out" | head -1
}
run slides "$EXAMPLES/example3.json"
lr=$(box)
run slides --rankdir TB "$EXAMPLES/example3.json"
expect_status "slides --rankdir TB" 0
tb=$(box)
if echo "$lr $tb" | awk '{ exit !($1 > $2 && $3 < $4) }'; then
	ok "slides --rankdir TB: the diagram $lr wide by high, then $tb"
else
	not_ok "slides --rankdir TB: the diagram wide, then tall" "LR '$lr', TB '$tb'"
fi
# --focus: every picture, the whole diagram and the subgraphs too.
run slides --focus "$EXAMPLES/ellipsoid.json"
expect_status "slides --focus" 0
expect_no_grep "slides --focus" out '] (y) at ('
n=$(grep -c '+ 1 other input: ${y}\$}' "$TMPD/out")
if [ "$n" -eq 3 ]; then
	ok "slides --focus: y noted in each of the 3 pictures"
else
	not_ok "slides --focus: y noted in each of the 3 pictures" "$n"
fi
if [ "$have_tex" -eq 1 ]; then
	cp "$TMPD/out" "$TMPD/focus.tex"
	deck_compile "ellipsoid deck --focus" "$TMPD/focus.tex" &&
	    if [ "$pages" -eq 21 ]; then
		ok "ellipsoid deck --focus: 21 pages"
	else
		not_ok "ellipsoid deck --focus: 21 pages" "got $pages"
	fi
fi
# --force: a model past render's size limit is refused with the message
# that names --force, and nothing written; with it the deck is written.
GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}
"$GENMODEL" fanin 5001 >"$TMPD/big.json" || exit 99
run slides --wrt x0 -o "$TMPD/big.tex" "$TMPD/big.json"
expect_status "slides of 5002 variables" 2
expect_text "slides of 5002 variables" err "$TMPD/big.json: the diagram has 5002 nodes and 5001 arrows, over the limit of 5000 and 10000 for rendering: even its simplified layout would take more than half a minute (use --force to render anyway, or write DOT with \"infdiag dot\")"
if [ -e "$TMPD/big.tex" ] || ls "$TMPD"/big.tex.tmp.* >/dev/null 2>&1; then
	not_ok "slides of 5002 variables: nothing written"
else
	ok "slides of 5002 variables: nothing written"
fi
run slides --wrt x0 "$TMPD/big.json"
expect_status "slides of 5002 variables to standard output" 2
expect_empty "slides of 5002 variables to standard output" out
run slides --force --wrt x0 -o "$TMPD/big.tex" "$TMPD/big.json"
expect_status "slides --force of 5002 variables" 0
expect_empty "slides --force of 5002 variables" err
cp "$TMPD/big.tex" "$TMPD/out"
expect_grep "slides --force of 5002 variables" out '\end{document}'
frame "$TMPD/big.tex" '1 path from $x_{0}$ to $y$'
expect_grep "slides --force: the paths picture focused" frame '+ 5000 other inputs: ${x_{1}}$, ${x_{2}}$, ${x_{3}}$, \ldots}'

# --wrt and --of apply; a bad one is a usage error naming it.
run slides --wrt y "$EXAMPLES/ellipsoid.json"
expect_status "slides --wrt y" 0
expect_grep "slides --wrt y" out '1 path from $y$ to $f$'
run slides --wrt nosuch "$EXAMPLES/ellipsoid.json"
expect_status "slides --wrt nosuch" 1
expect_empty "slides --wrt nosuch" out
run slides --format latex "$EXAMPLES/ellipsoid.json"
expect_status "slides --format" 2
expect_empty "slides --format" out

done_testing
