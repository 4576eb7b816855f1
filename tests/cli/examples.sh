#!/bin/sh
# Each example's report, in every format, is exactly its golden output in
# examples/output/ (made by "make examples-output" from the program itself
# and read by a person before it was committed).
. "$(dirname "$0")/lib.sh"

cd "$EXAMPLES" || exit 99
for model in *.json; do
	name=${model%.json}
	for format in text latex markdown json; do
		case $format in
		text) ext=txt ;;
		latex) ext=tex ;;
		markdown) ext=md ;;
		json) ext=json ;;
		esac
		run analyze --format "$format" "$model"
		expect_status "$name $format" 0
		expect_file "$name $format" out "output/$name.$ext"
	done
done
done_testing
