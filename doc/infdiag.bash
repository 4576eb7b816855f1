# bash completion for infdiag                              -*- shell-script -*-
#
# Completes the commands, each command's options, the values of the
# options that take one from a list (--format, --view, --type, --to,
# --from, --layout), and model files by their suffix.  The commands, the
# options and the lists are read from the program's own --help, so that
# the completion stays right as commands and options are added.

# Prints the commands that PROG --help lists, one a line.
_infdiag_commands()
{
	"$1" --help 2>/dev/null |
	    sed -n '/Commands:$/,/^$/s/^  \([a-z][a-z0-9-]*\)  .*/\1/p'
}

# Prints the options that PROG CMD --help lists, one a line: the option,
# a tab, its argument's name ("" for a flag), a tab, its description.
_infdiag_options()
{
	"$1" "$2" --help 2>/dev/null | awk '
	/^  -/ {
		sub(/^  /, "")
		if ($1 ~ /,$/) {
			opt = $1; sub(/,$/, "", opt)
			printf "%s\t\t\n", opt
			$1 = ""; sub(/^ /, "")
		}
		opt = $1; meta = ""
		$1 = ""; sub(/^ +/, "")
		if ($1 ~ /^[A-Z][A-Z_]*$/) {
			meta = $1; $1 = ""; sub(/^ +/, "")
		}
		printf "%s\t%s\t%s\n", opt, meta, $0
	}'
}

# Prints the values option OPT of PROG CMD takes from a list, read from
# its description ("svg, png or pdf (default: from -o)"), else from the
# command's summary ("--to json, dagitty or eq"); nothing when neither
# gives such a list.  Graphviz's engines are Graphviz's.
_infdiag_values()
{
	local line desc list='([a-z0-9]+((, [a-z0-9]+)*( or [a-z0-9]+)?))'
	line=$(_infdiag_options "$1" "$2" | awk -F '\t' -v o="$3" \
	    '$1 == o && $2 != "" { print $3; exit }')
	desc=${line%% (*}
	if [ "$3" = --layout ]; then
		echo "dot neato fdp sfdp twopi circo osage patchwork"
		return
	fi
	if ! [[ $desc =~ ^$list$ ]]; then
		desc=$("$1" "$2" --help 2>/dev/null | tr '\n' ' ')
		[[ $desc =~ $3\ $list ]] || return
		desc=${BASH_REMATCH[1]}
	fi
	desc=${desc//,/}
	echo "${desc// or / }"
}

# Says whether option OPT of PROG CMD takes an argument.
_infdiag_takes_argument()
{
	_infdiag_options "$1" "$2" | awk -F '\t' -v o="$3" \
	    '$1 == o && $2 != "" { found = 1 } END { exit !found }'
}

# Completes the word as a model: a directory, or a file whose suffix is
# one of a model's (the readers choose by it).
_infdiag_models()
{
	local f
	compopt -o filenames 2>/dev/null
	COMPREPLY=()
	while IFS= read -r f; do
		if [ -d "$f" ]; then
			COMPREPLY+=("$f")
			continue
		fi
		case $f in
		*.json|*.dagitty|*.dot|*.gv|*.eq) COMPREPLY+=("$f") ;;
		esac
	done < <(compgen -f -- "$1")
}

_infdiag()
{
	local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev="" \
	    cmd=${COMP_WORDS[1]} values
	COMPREPLY=()
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
	if [ "$COMP_CWORD" -le 1 ]; then
		COMPREPLY=($(compgen -W "$(_infdiag_commands "$prog") --help \
		    --version" -- "$cur"))
		return
	fi
	# --opt=value: bash splits at the "=" (COMP_WORDBREAKS).
	if [ "$cur" = = ] && [ "${prev#--}" != "$prev" ]; then
		cur=""
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -gt 2 ]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi
	if [ "${prev#-}" != "$prev" ] &&
	    _infdiag_takes_argument "$prog" "$cmd" "$prev"; then
		if [ "$prev" = -o ] || [ "$prev" = --output ]; then
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur"))
		else
			values=$(_infdiag_values "$prog" "$cmd" "$prev")
			COMPREPLY=($(compgen -W "$values" -- "$cur"))
		fi
		return
	fi
	case $cur in
	-*)
		COMPREPLY=($(compgen -W "$(_infdiag_options "$prog" "$cmd" |
		    cut -f1)" -- "$cur"))
		;;
	*)
		_infdiag_models "$cur"
		;;
	esac
}

complete -F _infdiag infdiag
