#!/bin/sh
# render --type tikz (issue 14 item 5): chosen by --type or an -o suffix
# .tikz; every example in every view compiled by pdflatex, standalone and
# as a fragment; the paths' colours those of the other renderings; the
# model's text, however hostile, shown literally and never run.
. "$(dirname "$0")/lib.sh"

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed

ex3=$EXAMPLES/example3.json

# latex NAME DIR FILE: runs pdflatex on DIR/FILE.tex in DIR, where a
# marker.tex would show in the log if the document \input it; leaves
# DIR/FILE.pdf; says whether it compiled.
latex() {
	printf '%s\n' '\typeout{MARKER-WAS-READ}' >"$2/marker.tex"
	if (cd "$2" && pdflatex -no-shell-escape -interaction=nonstopmode \
	    -halt-on-error "$3.tex") >"$2/$3.stdout" 2>&1 </dev/null; then
		ok "$1: pdflatex compiles it"
	else
		not_ok "$1: pdflatex compiles it" "$(grep -A3 '^!' "$2/$3.log" | head -8)"
		return 1
	fi
	if grep -q 'MARKER-WAS-READ' "$2/$3.log"; then
		not_ok "$1: no file read" "$(grep MARKER "$2/$3.log" | head -2)"
	else
		ok "$1: no file read"
	fi
}

# pages NAME PDF WANT: the PDF has that many pages.
pages() {
	got=$(pdfinfo "$2" 2>/dev/null | sed -n 's/^Pages: *//p')
	if [ "$got" = "$3" ]; then
		ok "$1: $3 page(s)"
	else
		not_ok "$1: $3 page(s)" "got '$got'"
	fi
}

# The type: by --type, by the suffix, and never against the suffix.
run render -o "$TMPD/e3.tikz" "$ex3"
expect_status "render -o e3.tikz" 0
cp "$TMPD/e3.tikz" "$TMPD/out"
expect_grep "render -o e3.tikz" out "% infdiag's TikZ picture: needs \\usepackage{amsmath,tikz} and"
expect_grep "render -o e3.tikz" out "\\begin{tikzpicture}[x=1bp,y=1bp,"
expect_grep "render -o e3.tikz" out "\\end{tikzpicture}"
# Nodes at their places, arrows as Bezier curves with their tips.
for v in x g h y; do
	expect_grep "render -o e3.tikz: node $v" out "] ($v) at ("
done
expect_grep "render -o e3.tikz" out " .. controls ("
expect_grep "render -o e3.tikz" out "\\draw[-{Stealth[length=7bp]}"
expect_grep "render -o e3.tikz: the notation's LaTeX" out '{$\frac{\partial h}{\partial g}$}'
run render --type tikz "$ex3"
expect_status "render --type tikz" 0
expect_file "render --type tikz: the same picture" out "$TMPD/e3.tikz"
run render --type tikz -o "$TMPD/e3.svg" "$ex3"
expect_status "render --type tikz -o e3.svg" 2
expect_grep "render --type tikz -o e3.svg" err "--type tikz but -o $TMPD/e3.svg is named .svg"
# Numbers with the significant digits --digits asks for, 4 by default, as
# in the other pictures.
run render --type tikz "$EXAMPLES/ellipsoid.json"
expect_grep "tikz: 4 digits by default" out '{dx} = 50.27$}'
run render --type tikz --digits 12 "$EXAMPLES/ellipsoid.json"
expect_grep "tikz --digits 12" out '{dx} = 50.2654824574$}'
run render --standalone -o "$TMPD/e3.svg" "$ex3"
expect_status "render --standalone of an SVG" 2
expect_text "render --standalone of an SVG" err \
    "infdiag: render: --standalone is for --type tikz"
if [ -e "$TMPD/e3.svg" ]; then
	not_ok "render --standalone of an SVG: nothing written" "$TMPD/e3.svg"
else
	ok "render --standalone of an SVG: nothing written"
fi

# The paths' colours: each arrow's colours in DOT are defined and drawn.
run dot --view paths "$ex3"
grep -o -- '-> .*\[color="#[0-9a-f:#]*"' "$TMPD/out" | sed 's/.*color=//' |
    grep -o '#[0-9a-f]*' | sort -u >"$TMPD/colours"
run render --type tikz --view paths "$ex3"
expect_status "render --type tikz --view paths" 0
n=0
while read -r c; do
	hex=${c#\#}
	expect_grep "paths view: colour $c" out "\\definecolor{infdiag$hex}{HTML}{$hex}"
	expect_grep "paths view: colour $c" out "draw=infdiag$hex"
	n=$((n + 1))
done <"$TMPD/colours"
if [ "$n" -eq 4 ]; then
	ok "paths view: 4 path colours"
else
	not_ok "paths view: 4 path colours" "found $n"
fi

# --focus: each input left out is named in a grey note, as in the DOT
# and the SVG: on the first arrow drawn into the variable, and those of
# wrt on its node; the names in the notation's LaTeX.
pc=$EXAMPLES/perceptron.json
run dot --focus --view paths "$pc"
want=$(grep -o '+ [0-9]* [a-z ]*inputs*: ' "$TMPD/out" | sort)
run render --type tikz --focus --view paths -o "$TMPD/focus.tikz" "$pc"
expect_status "tikz --focus" 0
got=$(grep -o '+ [0-9]* [a-z ]*inputs*: ' "$TMPD/focus.tikz" | sort)
if [ -n "$want" ] && [ "$got" = "$want" ]; then
	ok "tikz --focus: the DOT's $(echo "$want" | wc -l) notes"
else
	not_ok "tikz --focus: the DOT's notes" "DOT: $want" "TikZ: $got"
fi
cp "$TMPD/focus.tikz" "$TMPD/out"
expect_grep "tikz --focus" out '\ {\scriptsize\color{infdiag707070}+ 3 other inputs: ${x_{1}}$, ${\theta_{21}}$, ${x_{2}}$}'
expect_grep "tikz --focus" out '+ 5 other inputs: ${\hat\theta_{11}}$, ${\hat\theta_{21}}$, ${\phi_{2}}$, \ldots}'
expect_grep "tikz --focus" out '+ 1 other input: ${y}$}'
run render --type tikz --view paths "$pc"
expect_no_grep "tikz without --focus" out "other input"
run render --type tikz --focus --wrt s_1 "$pc"
grep '] (s_1) at (' "$TMPD/out" >"$TMPD/node"
expect_grep "tikz --focus --wrt s_1: on its node" node '{\scriptsize\color{infdiag707070}+ 4 inputs: ${\theta_{11}}$, ${x_{1}}$, ${\theta_{21}}$, \ldots}'

if ! command -v pdflatex >/dev/null 2>&1; then
	skip "pdflatex compiles the pictures" "pdflatex is not installed"
	done_testing
	exit 0
fi

# Every example in every view: standalone, one page; and as fragments,
# each on its own page of one document.
d=$TMPD/frag
mkdir "$d"
printf '%s\n' '\documentclass{article}' '\usepackage{amsmath}' \
    '\usepackage{tikz}' '\usetikzlibrary{arrows.meta,shapes.geometric}' \
    '\begin{document}' >"$d/doc.tex"
count=0
for f in "$EXAMPLES"/*.json; do
	b=$(basename "$f" .json)
	for view in full paths partial decomposition; do
		s=$TMPD/$b-$view
		mkdir "$s"
		run render --type tikz --standalone --view "$view" \
		    -o "$s/doc.tex" "$f"
		expect_status "$b $view standalone" 0
		if latex "$b $view standalone" "$s" doc; then
			pages "$b $view standalone" "$s/doc.pdf" 1
		fi
		run render --type tikz --view "$view" -o "$d/$b-$view.tikz" "$f"
		expect_status "$b $view fragment" 0
		printf '%s\n' "\\input{$b-$view.tikz}" '\newpage' >>"$d/doc.tex"
		count=$((count + 1))
	done
done
printf '%s\n' '\end{document}' >>"$d/doc.tex"
# A picture taller than the page runs onto the next: at least a page each.
if latex "every example and view as a fragment" "$d" doc; then
	got=$(pdfinfo "$d/doc.pdf" | sed -n 's/^Pages: *//p')
	if [ "$got" -ge "$count" ]; then
		ok "every example and view as a fragment: $count pictures"
	else
		not_ok "every example and view as a fragment: $count pictures" "$got pages"
	fi
fi
# The focused perceptron, its notes set in grey.
for view in full paths partial decomposition; do
	s=$TMPD/focus-$view
	mkdir "$s"
	run render --type tikz --standalone --focus --view "$view" \
	    -o "$s/doc.tex" "$pc"
	expect_status "perceptron --focus $view standalone" 0
	latex "perceptron --focus $view standalone" "$s" doc || continue
	pdftotext -enc UTF-8 "$s/doc.pdf" "$TMPD/out"
	expect_grep "perceptron --focus $view: the notes set" out "+ 3 other inputs: x1 , θ21 , x2"
	expect_grep "perceptron --focus $view: the notes set" out "+ 1 other input: y"
done
pdftotext "$TMPD/example3-full/doc.pdf" "$TMPD/out"
expect_grep "example 3 standalone: its title" out "Example 3: y = f(x, g(x), h(x, g(x)))"

# Hostile model text: the title, a label and an fn with LaTeX's specials
# and commands that would read or write files, drawn literally.
cat >"$TMPD/hostile.json" <<'EOF2'
{
  "title": "50% & x_1 #2 \\input{marker} \\immediate\\openout9=pwned.txt {}} ~ $x$ [opt] <b>",
  "variables": {
    "x": {"value": 2, "label": "<b>x</b> \\input{marker} 100%"},
    "g": {"expr": "x^2", "fn": "\\input{marker}%$&#_{}~^<script>"},
    "y": {"inputs": ["x", "g"], "expr": "x + g^2", "fn": "f\\\\"}
  },
  "of": "y",
  "wrt": "x"
}
EOF2
for m in "$TMPD/hostile.json" "$(dirname "$0")/../browser/hostile.json"; do
	b=$(basename "$(dirname "$m")")-$(basename "$m" .json)
	for view in full decomposition; do
		s=$TMPD/h-$b-$view
		mkdir "$s"
		run render --type tikz --standalone --view "$view" \
		    -o "$s/doc.tex" "$m"
		expect_status "hostile $b $view" 0
		latex "hostile $b $view" "$s" doc || continue
		if [ -e "$s/pwned.txt" ]; then
			not_ok "hostile $b $view: no file written"
		else
			ok "hostile $b $view: no file written"
		fi
	done
done
pdftotext "$TMPD/h-$(basename "$TMPD")-hostile-full/doc.pdf" "$TMPD/out"
# (pdftotext reads the default font's _ as a space and ~ as a tilde accent.)
expect_grep "hostile title, literally" out '50% & x'
expect_grep "hostile title, literally" out '#2 \input{marker} \immediate\openout9=pwned.txt {}}'
expect_grep "hostile title, literally" out '$x$ [opt] <b>'
expect_grep "hostile label, literally" out '<b>x</b> \input{marker} 100%'
expect_grep "hostile fn, literally" out '\input{marker}%$&#'
expect_grep "hostile fn, literally" out '<script>(x)'
pdftotext "$TMPD/h-browser-hostile-full/doc.pdf" "$TMPD/out"
expect_grep "browser's hostile title, literally" out "<script>document.title="

done_testing
