#!/bin/sh
# Every file in tests/data/valid/ is a model that infdiag must accept:
# NAME.json is the model, NAME.out what "infdiag check" prints, and
# NAME.warn (when present) the warnings on standard error.
. "$(dirname "$0")/lib.sh"

cd "$TESTDATA/valid" || exit 99
for model in *.json; do
	name=${model%.json}
	run check "$model"
	expect_status "$name" 0
	expect_file "$name" out "$name.out"
	if [ -f "$name.warn" ]; then
		expect_file "$name" err "$name.warn"
	else
		expect_empty "$name" err
	fi
done
done_testing
