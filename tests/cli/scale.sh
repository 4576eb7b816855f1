#!/bin/sh
# Large models load and check in linear time without deep recursion:
# a 10^5-long chain and a 10^6-variable sparse model (4 inputs each).
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

done_testing
