#!/bin/sh
# Makes the slides' diagrams (make examples-slides; tests/cli/present.sh
# makes them again to check that those committed are current).
#   make-slides.sh INFDIAG EXAMPLES OUTDIR
# Every view of Example 3, the ellipsoid and the perceptron without the
# title block and the legend (the slide has its own title, and the arrows
# say their paths); the perceptron's views with --focus on dE/dθ₁₁, its
# first weight, drawn top to bottom (--rankdir TB) so that they are
# narrow; and the perceptron's paths view as a PNG 1024 pixels wide.
set -e
infdiag=$1
examples=$2
out=$3
slide="--no-title --no-legend"
for model in example3 ellipsoid perceptron; do
	case $model in
	perceptron) more="--focus --rankdir TB" ;;
	*) more= ;;
	esac
	for view in full paths partial decomposition; do
		# shellcheck disable=SC2086
		"$infdiag" render $slide $more --view "$view" \
		    -o "$out/$model-$view.svg" "$examples/$model.json"
	done
done
# Graphviz's SVG is in points at 72 to the inch: the largest dpi that keeps the
# PNG within 1024 pixels wide is 1024 * 72 / width, rounded down.
width=$(sed -n 's/^<svg width="\([0-9]*\)pt".*/\1/p' "$out/perceptron-paths.svg")
"$infdiag" render $slide --focus --rankdir TB --view paths \
    --dpi $((1024 * 72 / width)) \
    -o "$out/perceptron-paths.png" "$examples/perceptron.json"
