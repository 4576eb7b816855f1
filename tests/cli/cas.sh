#!/bin/sh
# convert --to sympy and --to maxima (SPEC 5.5): each script rebuilds the
# model in its system, recomputes every requested total derivative and
# exits 0 only when infdiag's values agree.  Run for every example with
# numbers and for 50 generated models with every function; a script whose
# embedded value is made wrong must exit non-zero.  Skipped (77) when
# neither SymPy nor Maxima is installed.
. "$(dirname "$0")/lib.sh"

have_sympy=0
have_maxima=0
python3 -c 'import sympy' >/dev/null 2>&1 && have_sympy=1
command -v maxima >/dev/null 2>&1 && have_maxima=1
if [ $have_sympy = 0 ] && [ $have_maxima = 0 ]; then
	echo "1..0 # SKIP neither python3's sympy nor maxima is installed"
	exit 77
fi

# check_script SYSTEM NAME MODEL: converts MODEL and runs the script,
# which must exit 0 and say each derivative agrees.
check_script() {
	run convert --to "$1" "$3"
	if [ "$status" -ne 0 ]; then
		not_ok "$2 $1: convert" "exit status $status" "$(head -3 "$TMPD/err")"
		return
	fi
	cp "$TMPD/out" "$TMPD/script"
	run_script "$1"
	if [ "$script_status" -eq 0 ] && ! grep -q "^MISMATCH:" "$TMPD/ran"; then
		ok "$2 $1: the script agrees ($(grep -c '^d[^(]* as infdiag says' "$TMPD/ran") numbers)"
	else
		not_ok "$2 $1: the script agrees" "exit status $script_status" "$(grep -E "^MISMATCH|rror" "$TMPD/ran" | head -3)"
	fi
}

# run_script SYSTEM: runs $TMPD/script, leaving $TMPD/ran and
# $script_status.
run_script() {
	if [ "$1" = sympy ]; then
		python3 "$TMPD/script" >"$TMPD/ran" 2>&1
	else
		maxima --very-quiet --batch "$TMPD/script" >"$TMPD/ran" 2>&1
	fi
	script_status=$?
}

systems=""
[ $have_sympy = 1 ] && systems="sympy"
[ $have_maxima = 1 ] && systems="$systems maxima"

# Every example with numbers.
for model in "$EXAMPLES"/*.json; do
	name=$(basename "$model" .json)
	"$INFDIAG" eval --format json "$model" 2>/dev/null |
	    grep -q '"value"' || continue
	for system in $systems; do
		check_script "$system" "$name" "$model"
	done
done

# 50 generated models with every function of the language.
seed=1
while [ $seed -le 50 ]; do
	"$GENMODEL" random $((5 + seed % 4)) $seed >"$TMPD/random.json"
	for system in $systems; do
		check_script "$system" "random model $seed" "$TMPD/random.json"
	done
	seed=$((seed + 1))
done

# A kink: relu, abs and a tie of max, at the point.
cat >"$TMPD/kink.json" <<'EOF'
{"title": "a \"\"\" title */ with \\ and\nnewline", "variables": {
 "x": {"value": 0}, "w": {"value": 2}, "s": {"expr": "w*x"},
 "y": {"expr": "relu(s) + abs(x)"}, "z": {"expr": "max(y, x) + softplus(w)"}},
 "of": "z", "wrt": ["x", "w", "s"]}
EOF
# Opaque variables with partials: the path sum of their slopes.
cat >"$TMPD/partials.json" <<'EOF'
{"variables": {"x": {"value": 1}, "g": {"inputs": ["x"], "partials": {"x": 2}},
 "y": {"inputs": ["x", "g"], "partials": {"x": 3, "g": 0.5}}}}
EOF
for system in $systems; do
	check_script "$system" "kinks and a hostile title" "$TMPD/kink.json"
	check_script "$system" "partials" "$TMPD/partials.json"
done

# A wrong value written into the script makes it fail.
for system in $systems; do
	run convert --to "$system" "$EXAMPLES/ellipsoid.json"
	sed 's/50\.26548245743669/50.26548/' "$TMPD/out" >"$TMPD/script"
	if cmp -s "$TMPD/out" "$TMPD/script"; then
		not_ok "$system: a wrong value fails the script" "the value was not found in the script"
		continue
	fi
	run_script "$system"
	if [ "$script_status" -ne 0 ] && grep -q "^MISMATCH: df/dx" "$TMPD/ran"; then
		ok "$system: a wrong value fails the script (exit $script_status)"
	else
		not_ok "$system: a wrong value fails the script" "exit status $script_status"
	fi
done

done_testing
