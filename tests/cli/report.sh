#!/bin/sh
# infdiag report: one self-contained HTML page per example, model text
# escaped, and, when Chromium is installed, each page rendered in headless
# Chromium: a screenshot that is not blank, MathML and SVG laid out with
# a size, and a hostile model that runs no script and adds no element.
. "$(dirname "$0")/lib.sh"

BROWSER=$(cd "$(dirname "$0")/../browser" && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed

# expect_count NAME FILE PATTERN WANT: the file has WANT lines matching.
expect_count() {
	n=$(grep -c -- "$3" "$2")
	if [ "$n" -eq "$4" ]; then
		ok "$1: $4 lines with '$3'"
	else
		not_ok "$1: $4 lines with '$3'" "got $n"
	fi
}

# tag_bytes NAME TAG: the exact bytes between <TAG> and </TAG> in the page.
tag_bytes() {
	perl -0777 -ne "print \$1 if /<$2>(.*?)<\/$2>/s" "$TMPD/$1.html"
}

# check_csp NAME: the page's policy allows nothing but its own script and
# style, by the SHA-256 of their exact bytes (checked with openssl).
check_csp() {
	csp=$(grep -o '<meta http-equiv="Content-Security-Policy" content="[^"]*">' \
	    "$TMPD/$1.html")
	case $csp in
	*"default-src 'none'; script-src 'sha256-"*"'; style-src 'sha256-"*)
		case $csp in
		*unsafe-*|*http*:*|*data:*)
			not_ok "report $1: a strict policy" "$csp" ;;
		*)	ok "report $1: a strict policy (default-src 'none', hashes)" ;;
		esac ;;
	*)	not_ok "report $1: a strict policy" "got '$csp'" ;;
	esac
	if ! command -v openssl >/dev/null 2>&1 ||
	    ! command -v perl >/dev/null 2>&1; then
		skip "report $1: the policy's hashes" "no openssl or perl"
		return
	fi
	for tag in script style; do
		h=$(tag_bytes "$1" $tag | openssl dgst -sha256 -binary |
		    openssl base64 -A)
		case $csp in
		*"$tag-src 'sha256-$h'"*)
			ok "report $1: the $tag's hash in the policy" ;;
		*)	not_ok "report $1: the $tag's hash in the policy" \
			    "sha256-$h not in $csp" ;;
		esac
	done
}

# check_forbidden NAME: no element SPEC 5.4 forbids, no on* attribute, no
# style attribute (the policy would refuse it).
check_forbidden() {
	bad=$(grep -oiE '<(img|iframe|object|embed|foreignObject)[ >/]|<[a-z][^>]* on[a-z]+=|<[a-z][^>]* style=' \
	    "$TMPD/$1.html" | head -3)
	if [ -z "$bad" ]; then
		ok "report $1: no img, iframe, object, foreignObject, on* or style attribute"
	else
		not_ok "report $1: no forbidden element or attribute" "$bad"
	fi
}

# The pages: self-contained, and every section there.
for model in "$EXAMPLES"/*.json; do
	name=$(basename "$model" .json)
	run report "$model" -o "$TMPD/$name.html"
	expect_status "report $name" 0
	# The what-if's data element is JSON, not a script file.
	sed 's/<script type="application\/json" id="infdiag-data">//' \
	    "$TMPD/$name.html" >"$TMPD/$name.nodata"
	if grep -qiE '<script[^>]|<link|src="(https?:)?//|href="https?:|@import|url\(' \
	    "$TMPD/$name.nodata"; then
		not_ok "report $name: self-contained" \
		    "$(grep -oiE '<script[^>]|<link|src="[^"]*"|href="https?:[^"]*"|@import|url\([^)]*\)' "$TMPD/$name.html" | head -3)"
	else
		ok "report $name: self-contained (no script file, no link, no URL)"
	fi
	expect_count "report $name: one inline script" "$TMPD/$name.html" \
	    '<script>' 1
	expect_count "report $name: one inline style" "$TMPD/$name.html" \
	    '<style>' 1
	check_csp "$name"
	check_forbidden "$name"
	if head -c 15 "$TMPD/$name.html" | grep -q '<!DOCTYPE html>' &&
	    tail -1 "$TMPD/$name.html" | grep -q '</html>'; then
		ok "report $name: a whole HTML5 page"
	else
		not_ok "report $name: a whole HTML5 page"
	fi
done

ex3=$TMPD/example3.html
cp "$ex3" "$TMPD/out"
expect_grep "example3" out '<h1>Example 3: y = f(x, g(x), h(x, g(x)))</h1>'
expect_grep "example3" out 'no arrow is in two subgraphs;'
expect_grep "example3" out '<section id="decomposition">'
expect_grep "example3" out 'There are <b>4</b> paths'
expect_grep "example3" out '<tr class="path pc1" data-path="1">'
expect_grep "example3" out '<tr class="path pc4" data-path="4">'
expect_grep "example3" out '<mrow class="term pc3" data-path="3">'
expect_grep "example3" out '.pc1{color:#0072b2}'
expect_grep "example3" out '.pc4{color:#cc79a7}'
expect_grep "example3" out '<mo>·</mo><mrow><mo>(</mo><mfrac><mrow><mi>∂</mi><mi>h</mi></mrow>'
expect_grep "example3" out '{dg}{dx} + ' 
expect_grep "example3" out '<mfrac><mrow><mi>∂</mi><mi>y</mi></mrow><mrow><mi>∂</mi><mi>x</mi></mrow></mfrac>'
expect_grep "example3" out '<section id="reverse" data-step="7">'
expect_count "example3 diagrams" "$ex3" '<div class="zoom"><svg' 4
expect_count "example3 prolog" "$ex3" '<?xml\|<!DOCTYPE svg' 0

cp "$TMPD/ellipsoid.html" "$TMPD/out"
expect_grep "ellipsoid" out '<td class="num" data-total="1" data-number="50.26548245743669">50.2654824574</td><td class="num" data-reverse="1" data-number="50.26548245743669">50.2654824574</td><td class="num" data-partial="1" data-number="25.132741228718345">25.1327412287</td>'
expect_grep "ellipsoid" out 'the indirect paths add <span data-indirect="1" data-number="25.132741228718345">25.1327412287</span>'
# The numbers drawn in the diagrams carry what they are and their full
# precision, so that the what-if rewrites them at the digits drawn.
expect_grep "ellipsoid diagram: a value" out ' data-var="x" data-number="2" data-digits="4">value 2</text>'
expect_grep "ellipsoid diagram: an adjoint" out ' data-adjoint="x" data-number="50.26548245743669" data-digits="4">df/dx = 50.27</text>'
expect_grep "ellipsoid diagram: a local derivative" out ' data-local="t f" data-number="25.132741228718345" data-digits="4">= 25.13</text>'
expect_grep "ellipsoid diagram: a constant local derivative" out ' data-local="x t" data-number="1" data-digits="4">dt/dx = 1</text>'
# The legend's numbers too: the total, the partial and each path's term,
# each in a <tspan> of its line, marked as the tables mark them; and no
# line of a diagram's legend ends with a number left unmarked.
expect_count "ellipsoid legend: the total, in the full, decomposition, paths and partial views" "$TMPD/ellipsoid.html" 'df/dx = <tspan data-total="1" data-number="50.26548245743669" data-digits="4">50.27</tspan>' 4
expect_count "ellipsoid legend: the partial, on the total's line" "$TMPD/ellipsoid.html" '50.27</tspan> &#160;&#160;∂f/∂x = <tspan data-partial="1" data-number="25.132741228718345" data-digits="4">25.13</tspan></text>' 1
expect_grep "ellipsoid legend: path 1's term" out ' x → f: &#160;∂f/∂x = <tspan data-term="1" data-number="25.132741228718345" data-digits="4">25.13</tspan></text>'
expect_grep "ellipsoid legend: path 2's term" out ' x → t → f: &#160;∂f/∂t·dt/dx = <tspan data-term="2" data-number="25.132741228718345" data-digits="4">25.13</tspan></text>'
for m in ellipsoid perceptron; do
	unmarked=$(grep -o '<text [^>]*font-size="12.00">[^<]*= [−0-9.e+]*</text>' \
	    "$TMPD/$m.html" | head -3)
	[ -z "$unmarked" ] && ok "$m: every number of a legend is marked" ||
	    not_ok "$m: every number of a legend is marked" "$unmarked"
done
expect_grep "ellipsoid" out '<section id="numbers">'
expect_grep "ellipsoid" out 'relative error'

cp "$TMPD/perceptron.html" "$TMPD/out"
expect_grep "perceptron" out '<mover accent="true"><mrow><mi>θ</mi></mrow><mo>^</mo></mover>'
expect_grep "perceptron" out '<h2>Reverse accumulation (backpropagation)</h2>'
# A closed form left out for size is said to be, as in every format: one
# line for each of the perceptron's 14 derivatives; the ellipsoid has its.
expect_count "perceptron: the closed form left out" "$TMPD/perceptron.html" \
    '<p class="note">The closed form (every variable written in terms of the independent ones) is left out for size: it grows past 40 symbols.</p>' 14
expect_count "ellipsoid: its closed form written" "$TMPD/ellipsoid.html" \
    'The closed form (every variable' 0

# The paths as infdiag paths lists them: a list entry and a term each, and
# in the paths diagram every arrow of path N carries N in its data-path.
run paths "$EXAMPLES/example3.json"
cp "$TMPD/out" "$TMPD/paths"
expect_count "example3 list entries" "$ex3" '<tr class="path[^"]*" data-path="[0-9]*">' 4
n=$(grep -o '<mrow class="term[^"]*" data-path="[0-9]*">' "$ex3" | sort -u | wc -l)
[ "$n" -eq 4 ] && ok "example3: 4 terms with data-path" ||
    not_ok "example3: 4 terms with data-path" "got $n"
bad=
for line in $(sed -n 's/^ *\([0-9]*\)\. \(.*\)/\1:\2/p' "$TMPD/paths" |
    sed 's/ → /-/g'); do
	num=${line%%:*}
	set -- $(echo "${line#*:}" | tr '-' ' ')
	while [ $# -ge 2 ]; do
		attr=$(grep -o "data-arrow=\"$1 $2\" tabindex=\"0\" data-path=\"[^\"]*\"" \
		    "$ex3" | sed -n 's/.*data-path="\([^"]*\)"/ \1 /p' | sort -u)
		case $attr in
		*" $num "*) ;;
		*) bad="$bad path $num: arrow $1 $2 has '$attr';" ;;
		esac
		shift
	done
done
[ -z "$bad" ] && ok "example3: each path's arrows carry its number (data-path)" ||
    not_ok "example3: each path's arrows carry its number" "$bad"
for k in 1 2 3 4 5 6 7; do
	expect_count "example3 step $k" "$ex3" "data-step=\"$k\"" 1
done

# The numbers: every value and adjoint eval gives is on the page with its
# full precision (data-number) and derivative 1's total too.
el=$TMPD/ellipsoid.html
run eval --format json "$EXAMPLES/ellipsoid.json"
bad=
for what in values:var adjoints:adjoint; do
	for pair in $(sed -n "s/^ *\"${what%%:*}\": {\(.*\)},*$/\1/p" "$TMPD/out" |
	    tr -d ' "' | tr ',' ' '); do
		name=${pair%%:*}
		want=$(awk -v x="${pair#*:}" 'BEGIN { printf "%.17g", x }')
		got=$(grep -o "data-${what#*:}=\"$name\" data-number=\"[^\"]*\"" "$el" |
		    head -1 | sed 's/.*data-number="\([^"]*\)"/\1/')
		got=$(awk -v x="$got" 'BEGIN { printf "%.17g", x }')
		[ "$got" = "$want" ] || bad="$bad ${what#*:} $name: $got, eval $want;"
	done
done
[ -z "$bad" ] && ok "ellipsoid: data-var and data-adjoint are eval's values" ||
    not_ok "ellipsoid: data-var and data-adjoint are eval's values" "$bad"
# In the tables and the derivation, and in the diagrams' legends (four
# totals, one partial).
expect_count "ellipsoid total" "$el" 'data-total="1" data-number="50.26548245743669"' 6
expect_count "ellipsoid partial" "$el" 'data-partial="1" data-number="25.132741228718345"' 3
expect_count "ellipsoid local" "$el" 'data-local="t f" data-number="25.132741228718345">25.1327412287<' 1

# The partial (direct term) of an input with no direct arrow is 0, as the
# text report says, not "?".
cp "$TMPD/perceptron.html" "$TMPD/out"
expect_grep "perceptron: partial of an indirect input" out \
    'data-partial="1" data-number="0">0</td>'

# A bracket with a power: both delimiters in one row under the script, so
# that they stretch alike ("(3x)²").
printf '%s\n' '{"variables": {"x": {"value": 1}, "t": {"inputs": ["x"], "expr": "3*x"}, "y": {"inputs": ["t", "x"], "expr": "t^2*x"}}}' >"$TMPD/brackets.json"
run report "$TMPD/brackets.json"
expect_grep "closed form brackets" out '<msup><mrow><mrow><mo>(</mo><mn>3</mn><mi>x</mi><mo>)</mo></mrow></mrow><mrow><mn>2</mn></mrow></msup>'

# Escaping: model text never becomes markup.
hostile=$BROWSER/hostile.json
run report "$hostile" -o "$TMPD/hostile.html"
expect_status "report hostile" 0
# The page's own style (in the head, before any model text) and script (the
# last thing in the body) left out, nothing of the model's is markup.
perl -0777 -pe 's/<style>.*?<\/style>//s; s/<script>(?!.*<script>).*<\/script>//s; s/<script type="application\/json" id="infdiag-data">[^<]*<\/script>//' \
    "$TMPD/hostile.html" >"$TMPD/hostile.model"
if grep -qiE '<(script|img|iframe|style|b>bold|svg onload)' "$TMPD/hostile.model"; then
	not_ok "hostile: no markup from the model" \
	    "$(grep -oiE '<(script|img|iframe|style|b>bold|svg onload)[^>]*' "$TMPD/hostile.model" | head -3)"
else
	ok "hostile: no markup from the model"
fi
cp "$TMPD/hostile.html" "$TMPD/out"
expect_grep "hostile" out '<title>&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;</title>'
expect_grep "hostile" out '<mi mathvariant="normal">&lt;/math&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;</mi>'

# The MathML of a name of two letters or more: \mathrm's token closes
# without its attributes (no </mi mathvariant="normal">).
printf '%s\n' '{"variables": {"net": {}, "out": {"inputs": ["net"], "latex": "\\mathrm{out}"}}}' >"$TMPD/names.json"
run report "$TMPD/names.json"
expect_status "report with long names" 0
expect_grep "report with long names" out '<mi mathvariant="normal">net</mi>'
if grep -qE '</[a-zA-Z]+ ' "$TMPD/out"; then
	not_ok "report with long names: no end tag with attributes" "$(grep -oE '</[a-zA-Z]+ [^>]*>' "$TMPD/out" | head -3)"
else
	ok "report with long names: no end tag with attributes"
fi

# The diagram options where they apply to a page; --dpi does not.
run report --no-title --no-legend --digits 3 --rankdir LR --focus \
    "$EXAMPLES/example3.json"
expect_status "report with the diagram options" 0
expect_count "report with the diagram options: diagrams" "$TMPD/out" \
    '<div class="zoom"><svg' 4
run report --dpi 300 "$EXAMPLES/example3.json"
expect_status "report --dpi" 2
run report --digits 18 "$EXAMPLES/example3.json"
expect_status "report --digits 18" 2

# Errors: a bad model, an unwritable output.
run report "$TESTDATA/invalid/cycle.json"
[ -f "$TESTDATA/invalid/cycle.json" ] && expect_status "report invalid" 1
run report "$EXAMPLES/example3.json" -o "$TMPD/no/such/dir/page.html"
expect_status "report unwritable" 3
run report --format json "$EXAMPLES/example3.json"
expect_status "report --format" 2

# The browser.
if [ ! -x "$CHROMIUM" ]; then
	skip "browser tests" "chromium not installed"
	done_testing
fi

# chromium ARGS...: headless Chromium with nothing from the network.
chromium() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$(mktemp -d "$TMPD/chromium.XXXXXX")" "$@" \
	    2>>"$TMPD/chromium.err"
}

# measure NAME: loads a copy of the page with the measuring script and
# leaves its line in $TMPD/measure.
measure() {
	{ sed '/http-equiv="Content-Security-Policy"/d' "$TMPD/$1.html"
	  printf '<script>\n'; cat "$BROWSER/measure.js"
	  printf '</script>\n'; } >"$TMPD/$1.measure.html"
	chromium --run-all-compositor-stages-before-draw \
	    --virtual-time-budget=5000 --dump-dom \
	    "file://$TMPD/$1.measure.html" >"$TMPD/$1.dom"
	grep -o 'MEASURE .* END' "$TMPD/$1.dom" >"$TMPD/measure"
}

# field NAME: the number after NAME in the measure line.
field() {
	sed -n "s/.* $1 \([^ ]*\).*/\1/p" "$TMPD/measure"
}

for model in "$EXAMPLES"/*.json; do
	name=$(basename "$model" .json)
	chromium --screenshot="$TMPD/$name.png" --window-size=1280,2000 \
	    "file://$TMPD/$name.html" >/dev/null
	size=$(wc -c <"$TMPD/$name.png" 2>/dev/null || echo 0)
	if [ "$size" -gt 30000 ] && head -c 8 "$TMPD/$name.png" | grep -q PNG
	then
		ok "browser $name: a screenshot that is not blank ($size bytes)"
	else
		not_ok "browser $name: a screenshot that is not blank" \
		    "size $size" "$(tail -3 "$TMPD/chromium.err")"
	fi
	measure "$name"
	nmath=$(sed -n 's/.* math \([0-9]*\) \([0-9]*\) svg.*/\1 \2/p' "$TMPD/measure")
	nsvg=$(sed -n 's/.* svg \([0-9]*\) \([0-9]*\) script.*/\1 \2/p' "$TMPD/measure")
	want_svg=$(grep -c '<div class="zoom"><svg' "$TMPD/$name.html")
	set -- $nmath
	if [ "${1:-0}" -gt 0 ] && [ "${2:-1}" -eq 0 ]; then
		ok "browser $name: $1 math elements, all laid out with a size"
	else
		not_ok "browser $name: math elements laid out" "got '$nmath'" \
		    "$(cat "$TMPD/measure")"
	fi
	set -- $nsvg
	if [ "${1:-0}" -eq "$want_svg" ] && [ "${2:-1}" -eq 0 ]; then
		ok "browser $name: $1 svg diagrams, all laid out with a size"
	else
		not_ok "browser $name: svg diagrams laid out" \
		    "want $want_svg, got '$nsvg'"
	fi
done

# The hostile page: no script ran, no element was added (the scripts are
# the page's own, its what-if data and the measuring one).
measure hostile
if [ "$(field script)" = 3 ] && [ "$(field img)" = 0 ] &&
    [ "$(field iframe)" = 0 ] && [ "$(field title)" = kept ]; then
	ok "browser hostile: no script ran, no element added"
else
	not_ok "browser hostile: no script ran, no element added" \
	    "$(cat "$TMPD/measure")"
fi
nsvg=$(sed -n 's/.* svg \([0-9]*\) .*/\1/p' "$TMPD/measure")
want_svg=$(grep -c '<div class="zoom"><svg' "$TMPD/hostile.html")
if [ "$nsvg" = "$want_svg" ]; then
	ok "browser hostile: only the diagrams' svg elements ($nsvg)"
else
	not_ok "browser hostile: only the diagrams' svg elements" \
	    "want $want_svg, got $nsvg"
fi
chromium --dump-dom "file://$TMPD/hostile.html" >"$TMPD/hostile.dom"
if grep -q '<title>&lt;script&gt;document.title=' "$TMPD/hostile.dom" &&
    [ "$(grep -iE '<script' "$TMPD/hostile.dom" |
    grep -vc '<script type="application/json" id="infdiag-data">')" = 1 ] &&
    ! grep -qiE '<(img|iframe)' "$TMPD/hostile.dom"; then
	ok "browser hostile: the title is text, the DOM has only the page's script"
else
	not_ok "browser hostile: the title is text, the DOM has only the page's script" \
	    "$(grep -oiE '<title>[^<]*|<(script|img|iframe)[^>]*' "$TMPD/hostile.dom" | head -3)"
fi

done_testing
