#!/bin/sh
# Large models load and check in linear time without deep recursion:
# a 10^5-long chain and a 10^6-variable sparse model (4 inputs each).
# A perceptron with thousands of weights gets every derivative by forward
# and reverse accumulation, and finite differences on a sample of them.
. "$(dirname "$0")/lib.sh"

GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}

"$GENMODEL" chain 100000 >"$TMPD/chain.json" || exit 99
run check "$TMPD/chain.json"
expect_status "10^5 chain" 0
expect_text "10^5 chain" out "$TMPD/chain.json: valid: 100000 variables, 99999 influences, 1 independent (v0), 1 output (v99999)"

# The chain declared backwards needs the heap-ordered path.
awk 'NR == 1 { print; next } /^}}/ { next } { sub(/,$/, ""); line[n++] = $0 }
    END { for (i = n - 1; i >= 0; i--) print line[i] (i ? "," : ""); print "}}" }' \
    "$TMPD/chain.json" >"$TMPD/backwards.json"
run check "$TMPD/backwards.json"
expect_status "10^5 chain declared backwards" 0
expect_grep "10^5 chain declared backwards" out "99999 influences"

# Closing the chain makes a cycle of 10^5 variables, shown by its ends.
sed 's/"v0": {}/"v0": ["v99999"]/' "$TMPD/chain.json" >"$TMPD/cycle.json"
run check "$TMPD/cycle.json"
expect_status "10^5 cycle" 1
expect_text "10^5 cycle" err "$TMPD/cycle.json: variables: cycle of 100000 variables: v0 -> v1 -> v2 -> v3 -> v4 -> v5 -> v6 -> v7 -> v8 -> ... -> v99998 -> v99999 -> v0"

"$GENMODEL" sparse 1000000 4 1 >"$TMPD/sparse.json" || exit 99
run check "$TMPD/sparse.json"
expect_status "10^6 sparse" 0
expect_grep "10^6 sparse" out "valid: 1000000 variables, 3999990 influences"

# 2500 + 500 weights: checking each by finite differences would
# re-evaluate its cone thousands of times, beyond CHECK_BUDGET, so an evenly
# spread sample is checked (the first derivative among them) and the others
# say why not.  Forward and reverse agree on all of them.
"$GENMODEL" perceptron 50 50 10 >"$TMPD/perceptron.json" || exit 99
run eval --format json -o "$TMPD/perceptron.out.json" "$TMPD/perceptron.json"
expect_status "perceptron 50-50-10 eval" 0
f=$TMPD/perceptron.out.json
total=$(grep -c '"reverse_value"' "$f")
checked=$(grep -c '"check": {"finite_difference"' "$f")
sampled=$(grep -c '"check": null, "check_note": "on a model this large, only a sample of the derivatives is checked"' "$f")
if [ "$total" -eq 3061 ] && [ $((checked + sampled)) -eq "$total" ] &&
    [ "$checked" -gt 100 ] && [ "$checked" -lt $((total / 2)) ]; then
	ok "perceptron 50-50-10: a sample of the derivatives is checked"
else
	not_ok "perceptron 50-50-10: a sample of the derivatives is checked" \
	    "derivatives $total, checked $checked, sampled $sampled"
fi
first=$(grep -m1 -A3 '{"of": "E", "wrt": "x1",' "$f" | grep -c '"finite_difference"')
if [ "$first" -eq 1 ]; then
	ok "perceptron 50-50-10: the first derivative is checked"
else
	not_ok "perceptron 50-50-10: the first derivative is checked"
fi
bad=$(grep -o '"relative_error": [^}]*' "$f" |
    awk '{ if ($2 + 0 > 1e-6) n++ } END { print n + 0 }')
if [ "$bad" -eq 0 ]; then
	ok "perceptron 50-50-10: every check agrees to 1e-6"
else
	not_ok "perceptron 50-50-10: every check agrees to 1e-6" "$bad disagree"
fi
bad=$(grep -o '"value": [^,]*, "reverse_value": [^,]*' "$f" |
    awk '{ v = $2 + 0; r = $4 + 0; d = v - r; if (d < 0) d = -d;
        s = v < 0 ? -v : v; if (s < 1) s = 1; if (d / s > 1e-12) n++ }
        END { print n + 0 }')
if [ "$bad" -eq 0 ]; then
	ok "perceptron 50-50-10: forward equals reverse"
else
	not_ok "perceptron 50-50-10: forward equals reverse" "$bad differ"
fi

done_testing
