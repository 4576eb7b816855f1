#!/bin/sh
# The bash completion (doc/infdiag.bash): sourced in bash, its function is
# called as bash calls it, with COMP_WORDS and COMP_CWORD, and COMPREPLY
# is checked: against known words, and against the program's own --help
# for every command it lists, so that a command or an option added later
# is checked too.
. "$(dirname "$0")/lib.sh"

COMPLETION=${srcdir:-$(dirname "$0")/../..}/doc/infdiag.bash
if ! command -v bash >/dev/null 2>&1; then
	skip "completion" "bash is absent"
	done_testing
fi

mkdir -p "$TMPD/models/sub"
: >"$TMPD/models/a.json"
: >"$TMPD/models/b.dagitty"
: >"$TMPD/models/c.eq"
: >"$TMPD/models/d.gv"
: >"$TMPD/models/e.dot"
: >"$TMPD/models/notes.txt"
: >"$TMPD/models/out.svg"

# complete WORD...: the completion of the last word of "infdiag WORD...",
# sorted, one a line, in $TMPD/reply.
complete_words() {
	bash -c '
		. "$1"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_infdiag
		printf "%s\n" "${COMPREPLY[@]}" | sort
	' bash "$COMPLETION" "$INFDIAG" "$@" >"$TMPD/reply" 2>"$TMPD/err"
}

# expect_reply NAME WANT: the reply is WANT's words, one a line.
expect_reply() {
	printf '%s\n' $2 | sort >"$TMPD/want"
	if [ -s "$TMPD/err" ]; then
		not_ok "$1" "stderr: $(head -1 "$TMPD/err")"
	elif cmp -s "$TMPD/want" "$TMPD/reply"; then
		ok "$1"
	else
		not_ok "$1" "expected: $(echo $2)" "got: $(echo $(cat "$TMPD/reply"))"
	fi
}

# The program's commands, and a command's options, as its --help lists
# them (the lines that the man page and README describe).
help_commands() {
	"$INFDIAG" --help | sed -n '/Commands:$/,/^$/s/^  \([a-z][a-z0-9-]*\)  .*/\1/p'
}
help_options() {
	"$INFDIAG" "$1" --help | sed -n 's/^  \(-[a-zA-Z0-9-]*\)\(, \(--[a-z-]*\)\)\{0,1\}.*/\1 \3/p'
}

commands=$(help_commands)
missing=""
for cmd in check analyze paths formula dot render report eval convert slides; do
	case " $(echo $commands) " in
	*" $cmd "*) ;;
	*) missing="$missing $cmd" ;;
	esac
done
if [ -z "$missing" ]; then
	ok "--help lists the commands of SPEC 3, 5.3 and 5.5"
else
	not_ok "--help lists the commands of SPEC 3, 5.3 and 5.5" "missing:$missing"
fi

complete_words ""
expect_reply "commands" "$commands --help --version"
complete_words an
expect_reply "an: analyze" "analyze"
complete_words re
expect_reply "re: render report" "render report"
complete_words sl
expect_reply "sl: slides" "slides"
complete_words slides --m
expect_reply "slides --m: --max-paths" "--max-paths"

# Every command's options, from its --help.
for cmd in $commands; do
	complete_words "$cmd" -
	expect_reply "$cmd -: its options" "$(help_options "$cmd")"
done
complete_words render --v
expect_reply "render --v: --view --version is not a command option" "--view"

# The values of options that take a word from a list.
complete_words eval --format ""
expect_reply "eval --format" "text json latex markdown"
complete_words check --format ""
expect_reply "check --format: text only" "text"
complete_words analyze --format j
expect_reply "analyze --format j" "json"
complete_words dot --view ""
expect_reply "dot --view" "full paths partial decomposition"
complete_words render --view p
expect_reply "render --view p" "paths partial"
complete_words render --type ""
expect_reply "render --type" "svg png pdf tikz"
complete_words render --layout n
expect_reply "render --layout n" "neato"
complete_words eval --format = ""
expect_reply "eval --format=" "text json latex markdown"
complete_words eval --format = l
expect_reply "eval --format=l" "latex"
complete_words eval --max-paths ""
expect_reply "eval --max-paths: a number, nothing offered" ""
complete_words convert --to ""
expect_reply "convert --to" "json dagitty dot eq sympy maxima"
complete_words convert --to s
expect_reply "convert --to s" "sympy"

# Models by suffix, and directories; -o takes any file.
complete_words eval "$TMPD/models/"
expect_reply "models by suffix" "$TMPD/models/a.json $TMPD/models/b.dagitty $TMPD/models/c.eq $TMPD/models/d.gv $TMPD/models/e.dot $TMPD/models/sub"
complete_words render -o "$TMPD/models/o"
expect_reply "-o: any file" "$TMPD/models/out.svg"
complete_words eval --format json "$TMPD/models/a"
expect_reply "a model after an option's value" "$TMPD/models/a.json"

done_testing
