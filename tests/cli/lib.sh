# Shared by the command-line tests: TAP output, one line per check.
# Each test script sources this, calls the checks, then done_testing.

: "${INFDIAG:?INFDIAG must name the infdiag program}"
tap_n=0
tap_failed=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/infdiag-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

# The check's name is printed as it is: printf, not echo, which in dash
# would read a backslash in it (\c, \f: LaTeX) as an escape.
ok() {
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s\n' "$tap_n" "$1"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=1
	printf 'not ok %d - %s\n' "$tap_n" "$1"
	shift
	for line in "$@"; do
		printf '#   %s\n' "$line"
	done
}

skip() {
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s # SKIP %s\n' "$tap_n" "$1" "$2"
}

# run ARGS...: runs infdiag, leaving $TMPD/out, $TMPD/err and $status.
run() {
	"$INFDIAG" "$@" >"$TMPD/out" 2>"$TMPD/err"
	status=$?
}

# expect_status NAME WANT: checks $status.
expect_status() {
	if [ "$status" -eq "$2" ]; then
		ok "$1: exit status $2"
	else
		not_ok "$1: exit status $2" "got $status" "stderr: $(head -c 300 "$TMPD/err")"
	fi
}

# expect_file NAME WHICH EXPECTED-FILE: compares out or err with a file.
expect_file() {
	if cmp -s "$TMPD/$2" "$3"; then
		ok "$1: $2 as expected"
	else
		not_ok "$1: $2 as expected" "$(diff "$3" "$TMPD/$2" | head -20)"
	fi
}

# expect_text NAME WHICH TEXT: compares out or err with a string.
expect_text() {
	printf '%s\n' "$3" >"$TMPD/want"
	expect_file "$1" "$2" "$TMPD/want"
}

# expect_grep NAME WHICH PATTERN: the stream contains a fixed string.
expect_grep() {
	if grep -qF -- "$3" "$TMPD/$2"; then
		ok "$1: $2 has '$3'"
	else
		not_ok "$1: $2 has '$3'" "$(head -c 500 "$TMPD/$2")"
	fi
}

# expect_no_grep NAME WHICH PATTERN: the stream lacks a fixed string.
expect_no_grep() {
	if grep -qF -- "$3" "$TMPD/$2"; then
		not_ok "$1: $2 lacks '$3'" "$(grep -F -- "$3" "$TMPD/$2" | head -3)"
	else
		ok "$1: $2 lacks '$3'"
	fi
}

# expect_empty NAME WHICH.
expect_empty() {
	if [ ! -s "$TMPD/$2" ]; then
		ok "$1: $2 is empty"
	else
		not_ok "$1: $2 is empty" "$(head -c 300 "$TMPD/$2")"
	fi
}

# graphviz_leaks_suppressed: under AddressSanitizer, Graphviz 2.42 leaks
# inside its layout engines, its HTML-label parser and its engine list,
# and pango and fontconfig keep caches.  Suppresses those, by their
# functions and libraries only; the full unwinder lets the stacks reach
# their names.
graphviz_leaks_suppressed() {
	cat >"$TMPD/lsan.supp" <<'EOF'
leak:htmlparse
leak:gvplugin_list
leak:class1
leak:class2
leak:neato_layout
leak:osage_layout
leak:patchwork_layout
leak:libgvplugin_pango.so
leak:libfontconfig.so
leak:libpango-1.0.so
leak:libpangoft2-1.0.so
EOF
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
	LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TMPD/lsan.supp:print_suppressions=0"
	export ASAN_OPTIONS LSAN_OPTIONS
}

done_testing() {
	echo "1..$tap_n"
	exit "$tap_failed"
}
