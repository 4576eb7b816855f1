#!/bin/sh
# The size limits (the man page's LIMITS): input past them gets one short
# line naming the file, the place and the reason, with the SPEC's exit
# status; input within them works, without deep recursion or quadratic
# time.  Nothing here asserts on wall time: a hang fails by the harness's
# timeout, a stack overflow by its signal.
. "$(dirname "$0")/lib.sh"

GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}

# JSON nested past jansson's limit: refused where it happens, not a crash.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' \
    >"$TMPD/deep.json"
run check "$TMPD/deep.json"
expect_status "100000 nested arrays" 1
expect_text "100000 nested arrays" err "$TMPD/deep.json:1:2049: arrays and objects are nested more than 2048 deep"
expect_empty "100000 nested arrays" out

# Within the limit, the same nesting reaches the model's own checks.
awk 'BEGIN { printf "{\"variables\": {\"x\": {}}, \"title\": ";
    for (i = 0; i < 2046; i++) printf "[";
    for (i = 0; i < 2046; i++) printf "]"; print "}" }' >"$TMPD/nested.json"
run check "$TMPD/nested.json"
expect_status "2047 levels" 1
expect_text "2047 levels" err "$TMPD/nested.json: title: expected a string, got an array"

done_testing
