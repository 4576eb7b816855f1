#!/bin/sh
# Makes the pages of examples/deck/ (make examples-deck): the ellipsoid's
# and the perceptron's decks as "infdiag slides" writes them, compiled by
# pdflatex, three pages of each as PNG at 80 dpi, each page found by its
# text (pdftotext) so that a change in the decks' length moves nothing:
#   make-deck.sh INFDIAG EXAMPLES OUTDIR
set -e
infdiag=$1
examples=$2
out=$(cd "$3" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/infdiag-deck.XXXXXX")
trap 'rm -rf "$work"' EXIT

# deck MODEL: compiles MODEL's deck to $work/MODEL.pdf and its text, one
# page a line, to $work/MODEL.txt.
deck() {
	"$infdiag" slides -o "$work/$1.tex" "$examples/$1.json"
	(cd "$work" && pdflatex -no-shell-escape -interaction=nonstopmode \
	    -halt-on-error "$1.tex" >/dev/null </dev/null)
	pdftotext -enc UTF-8 "$work/$1.pdf" - | tr '\n' ' ' | tr '\f' '\n' \
	    >"$work/$1.txt"
}

# page MODEL NAME TEXT [last]: writes the first page (the last with
# "last") whose text has TEXT as OUTDIR/MODEL-NAME.png.
page() {
	n=$(grep -nF -- "$3" "$work/$1.txt" | cut -d: -f1 |
	    if [ "${4:-}" = last ]; then tail -1; else head -1; fi)
	[ -n "$n" ] || { echo "make-deck.sh: $1: no page has '$3'" >&2; exit 1; }
	pdftoppm -r 80 -f "$n" -l "$n" -singlefile -png "$work/$1.pdf" \
	    "$out/$1-$2"
	echo "$1-$2.png: page $n"
}

deck ellipsoid
page ellipsoid 1-path "Path 2 of 2: x → t → f"
page ellipsoid 2-forms "With every variable written in terms of"
page ellipsoid 3-partial-total "The indirect paths add"
deck perceptron
page perceptron 1-diagram "The diagram"
page perceptron 2-path "Path 2 of 2: θ11"
page perceptron 3-reverse "Reverse accumulation" last
