#!/bin/sh
# LaTeX and Markdown that hostile model text cannot break out of (SPEC
# 5.1): the latex key's allow-list, escaping of title, description, label
# and fn, compiled with pdflatex and read through pandoc where they are
# installed.
. "$(dirname "$0")/lib.sh"

# expect_no_grep NAME WHICH PATTERN: the stream has no line matching an
# extended regular expression.
expect_no_grep() {
	if grep -qE -- "$3" "$TMPD/$2"; then
		not_ok "$1: $2 has no '$3'" "$(grep -E -- "$3" "$TMPD/$2" | head -3)"
	else
		ok "$1: $2 has no '$3'"
	fi
}

# The issue's models: a latex key that reads and writes files, one that
# ends the align* block, one that ends Markdown's mathematics.  Each is
# an invalid model naming the key; nothing reaches standard output.
printf '%s\n' '{"variables": {"x": {"latex": "x\\input{/etc/hostname}\\immediate\\openout9=a.txt"}, "y": ["x"]}}' >"$TMPD/input.json"
printf '%s\n' '{"variables": {"x": {}, "y": {"inputs": ["x"], "latex": "x}}\\end{align*}"}}}' >"$TMPD/align.json"
printf '%s\n' '{"variables": {"x": {"latex": "x$ <script>alert(1)</script> $"}, "y": ["x"]}}' >"$TMPD/dollar.json"
for format in latex markdown; do
	run analyze --format "$format" "$TMPD/input.json"
	expect_status "latex key with \\input, $format" 1
	expect_text "latex key with \\input, $format" err "$TMPD/input.json: variables.x.latex: column 2: \\input is not allowed: a symbol may use only Greek letters, accents such as \\hat, fonts such as \\mathbf, and spaces"
	expect_empty "latex key with \\input, $format" out
done
run analyze --format latex "$TMPD/align.json"
expect_status "latex key ending align*" 1
expect_text "latex key ending align*" err "$TMPD/align.json: variables.y.latex: column 2: '}' closes nothing"
run analyze --format markdown "$TMPD/dollar.json"
expect_status "latex key ending the mathematics" 1
expect_text "latex key ending the mathematics" err "$TMPD/dollar.json: variables.x.latex: column 2: '\$' is not allowed: it leaves mathematics"

# A model whose text tries every way out of LaTeX and Markdown, with
# symbols that are odd but valid.  \input{marker} and \openout would show
# in the log and the directory; <script> and friends in pandoc's HTML.
cat >"$TMPD/hostile.json" <<'EOF'
{
  "title": "50% & x_1 #2 \\input{marker} \\immediate\\openout9=pwned.txt \\immediate\\write9{x}\\immediate\\closeout9 {}} ^^5cinput ~ $x$ [opt] <script>alert(1)</script> Ellipsoïde θ 日本 ✓ \u001b[31m",
  "description": "- a list?\n\\end{document}\n# heading? `code` *em* <img src=x onerror=alert(1)> &amp; @cite ^sup^ ~sub~ [link](http://x) ![i](x.png) $$ \\[ x \\]\r\n:::",
  "variables": {
    "x": {"value": 2, "latex": "x^{(1)}", "label": "<b>x</b> \\input{marker}",
          "description": "}\\input{marker}"},
    "w": {"value": 0.5, "latex": "\\hat{\\boldsymbol{w}}_{1}'", "fn": "w"},
    "g": {"expr": "x^2 * w", "latex": "\\mathrm{net}_{j}", "fn": "\\input{marker}%$&#_{}~^<script>θ"},
    "y": {"inputs": ["x", "g"], "expr": "x + g^2", "fn": "<img src=x onerror=alert(1)>$\\\\"}
  },
  "of": "y",
  "wrt": "x"
}
EOF
run check "$TMPD/hostile.json"
expect_status "hostile text, valid symbols" 0

run analyze --format latex -o "$TMPD/frag.tex" "$TMPD/hostile.json"
expect_status "hostile latex" 0
cp "$TMPD/frag.tex" "$TMPD/out"
# Outside comments, no backslash of the model's text is left a command.
grep -v '^%' "$TMPD/out" >"$TMPD/body" || true
expect_no_grep "hostile latex" body '\\(input|openout|immediate|write|closeout|end\{document\})'
expect_grep "hostile latex" out '\text{\textbackslash{}input\{marker\}\%\$\&\#\_\{\}\textasciitilde{}\textasciicircum{}\textless{}script\textgreater{}\ensuremath{\theta}}'
expect_grep "hostile latex" out '{x^{(1)}}^{2}'
# The title is one heading, the description one paragraph: a line break
# in them cannot end either.
if [ "$(grep -c '^\\section\*{50\\% \\& x\\_1 \\#2' "$TMPD/out")" -eq 1 ] && ! grep -q '^\\end{document}' "$TMPD/out"; then
	ok "hostile latex: title and description stay in their heading and paragraph"
else
	not_ok "hostile latex: title and description stay in their heading and paragraph" "$(head -3 "$TMPD/out")"
fi

# compile NAME FRAGMENT: wraps a fragment in a minimal document and runs
# pdflatex on it in its own directory, with a marker file that would be
# read by an \input; checks it compiles, reads nothing it should not and
# writes nothing but its own outputs.
compile() {
	if ! command -v pdflatex >/dev/null 2>&1; then
		skip "$1: pdflatex compiles it" "pdflatex is not installed"
		return
	fi
	d=$TMPD/tex.$tap_n
	mkdir "$d"
	cp "$2" "$d/frag.tex"
	printf '%s\n' '\typeout{MARKER-WAS-READ}' >"$d/marker.tex"
	printf '%s\n' '\documentclass{article}' '\usepackage{amsmath}' \
	    '\begin{document}' '\input{frag}' '\end{document}' >"$d/doc.tex"
	if (cd "$d" && pdflatex -no-shell-escape -interaction=nonstopmode \
	    -halt-on-error doc.tex) >"$d/stdout" 2>&1 </dev/null; then
		ok "$1: pdflatex compiles it"
	else
		not_ok "$1: pdflatex compiles it" "$(grep -A3 '^!' "$d/doc.log" | head -8)"
	fi
	if grep -q 'MARKER-WAS-READ\|marker\.tex' "$d/doc.log"; then
		not_ok "$1: no file read but the fragment" "$(grep 'MARKER\|marker' "$d/doc.log" | head -3)"
	else
		ok "$1: no file read but the fragment"
	fi
	files=$(cd "$d" && ls | grep -vxE 'doc\.(tex|aux|log|pdf)|frag\.tex|marker\.tex|stdout' | tr '\n' ' ')
	if [ -z "$files" ]; then
		ok "$1: no file written but the document's"
	else
		not_ok "$1: no file written but the document's" "found: $files"
	fi
}

compile "hostile latex" "$TMPD/frag.tex"
for part in formula paths eval; do
	run "$part" --format latex -o "$TMPD/$part.tex" "$TMPD/hostile.json"
	expect_status "hostile latex $part" 0
	compile "hostile latex $part" "$TMPD/$part.tex"
done
# Every example's LaTeX compiles too.
for f in "$EXAMPLES"/output/*.tex; do
	compile "example $(basename "$f")" "$f"
done

# pandoc_html NAME MARKDOWN-FILE: reads Markdown through pandoc (where it
# is installed) and checks that no raw HTML element came through.
pandoc_html() {
	if ! command -v pandoc >/dev/null 2>&1; then
		skip "$1: pandoc finds no raw HTML" "pandoc is not installed"
		return
	fi
	if ! pandoc -f markdown -t html "$2" >"$TMPD/html" 2>"$TMPD/pandoc.err"; then
		not_ok "$1: pandoc reads it" "$(head -3 "$TMPD/pandoc.err")"
		return
	fi
	# pandoc's own rendering of the mathematics has <em>, <sup> and
	# <sub>: the model's words in them would be markup from the model.
	pat='<(script|img|iframe|b|svg|style|a|div)[ >/]|<h[1-6][^>]*>heading|<li>a list|<code>code|<em>em<|<sup>sup<|<sub>sub<|<span class="citation"'
	if grep -qiE "$pat" "$TMPD/html"; then
		not_ok "$1: pandoc finds no raw HTML" "$(grep -oiE "$pat" "$TMPD/html" | head -5)"
	else
		ok "$1: pandoc finds no raw HTML"
	fi
}

run analyze --format markdown "$TMPD/hostile.json"
expect_status "hostile markdown" 0
expect_no_grep "hostile markdown" out '<(script|img)'
expect_grep "hostile markdown" out '# 50% &amp; x\_1 \#2 \\input{marker}'
expect_grep "hostile markdown" out '\- a list? \\end{document} \# heading? \`code\` \*em\* &lt;img src=x onerror=alert(1)&gt; &amp;amp; \@cite \^sup\^ \~sub\~ \[link\](http://x) !\[i\](x.png) \$\$ \\\[ x \\\]\\r :::'
expect_grep "hostile markdown" out '- $y$ = &lt;img src=x onerror=alert(1)&gt;\$\\\\(${x^{(1)}}, \mathrm{net}_{j}$)'
cp "$TMPD/out" "$TMPD/hostile.md"
pandoc_html "hostile markdown" "$TMPD/hostile.md"
run analyze --explain --format markdown "$TMPD/hostile.json"
expect_status "hostile markdown --explain" 0
cp "$TMPD/out" "$TMPD/explain.md"
pandoc_html "hostile markdown --explain" "$TMPD/explain.md"
expect_grep "hostile markdown --explain" out '\- a list? \\end{document}'

# A UTF-8 byte-order mark starts a model as a file and on standard input.
printf '\357\273\277%s\n' '{"variables": {"x": {}}}' >"$TMPD/bom.json"
run check "$TMPD/bom.json"
expect_status "byte-order mark" 0
expect_text "byte-order mark" out "$TMPD/bom.json: valid: 1 variable, 0 influences, 1 independent (x), 1 output (x)"
"$INFDIAG" check - <"$TMPD/bom.json" >"$TMPD/out" 2>"$TMPD/err"
status=$?
expect_status "byte-order mark on standard input" 0
expect_empty "byte-order mark on standard input" err

# The input limit, 1 GiB: a (sparse) file one byte larger is refused
# before it is read, as a file and on standard input; one of exactly
# 1 GiB is read (its zero bytes are then no JSON).
if truncate -s 1073741825 "$TMPD/huge.json" 2>/dev/null; then
	run check "$TMPD/huge.json"
	expect_status "1 GiB + 1 byte" 3
	expect_text "1 GiB + 1 byte" err "$TMPD/huge.json: cannot read: the model is larger than 1 GiB, the most infdiag reads"
	"$INFDIAG" check - <"$TMPD/huge.json" >"$TMPD/out" 2>"$TMPD/err"
	status=$?
	expect_status "1 GiB + 1 byte on standard input" 3
	expect_text "1 GiB + 1 byte on standard input" err "<stdin>: cannot read: the model is larger than 1 GiB, the most infdiag reads"
	truncate -s 1073741824 "$TMPD/huge.json"
	run check "$TMPD/huge.json"
	expect_status "exactly 1 GiB" 1
	expect_text "exactly 1 GiB" err "$TMPD/huge.json:1:1: invalid token near end of file"
	rm -f "$TMPD/huge.json"
else
	skip "1 GiB + 1 byte" "truncate cannot make a sparse file here"
fi

done_testing
