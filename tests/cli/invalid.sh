#!/bin/sh
# Every file in tests/data/invalid/ is a model that infdiag must reject:
# NAME.json is the model, NAME.err the exact message on standard error.
# The exit status is 1 unless NAME.status says otherwise.  Nothing may
# reach standard output.
. "$(dirname "$0")/lib.sh"

cd "$TESTDATA/invalid" || exit 99
for model in *.json; do
	name=${model%.json}
	want=1
	[ -f "$name.status" ] && want=$(cat "$name.status")
	run check "$model"
	expect_status "$name" "$want"
	expect_file "$name" err "$name.err"
	expect_empty "$name" out
done
done_testing
