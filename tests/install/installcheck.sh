#!/bin/sh
# make installcheck: the installed program, its manual and infdiag.pc, and
# a program of someone else's (consumer.c) built against the installed
# library through pkg-config, once shared and once with libinfdiag.a.
#
# usage: installcheck.sh CONSUMER.C, with the installed files' places in
# the environment (INST_*, with DESTDIR), and CC, PKG_CONFIG, VERSION and
# EXAMPLES, as the Makefile's installcheck-local gives them.
#
# Prints "ok - ..." or "not ok - ..." for each check and exits 1 after any
# failure, 0 when every check passed.

consumer_c=${1:?usage: installcheck.sh CONSUMER.C}
for var in CC PKG_CONFIG VERSION EXAMPLES INST_PREFIX INST_PROGRAM \
    INST_LIBDIR INST_INCLUDEDIR INST_PKGCONFIGDIR INST_MAN; do
	eval "test -n \"\${$var}\"" || {
		echo "installcheck.sh: $var is not set" >&2
		exit 2
	}
done

checks=0
failures=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/infdiag-installcheck.XXXXXX") || exit 2
trap 'rm -rf "$TMPD"' EXIT

# pass WHAT: one check passed.
pass() {
	checks=$((checks + 1))
	echo "ok - $1"
}

# fail WHAT [FILE]: one check failed; FILE's first lines say why.
fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	echo "not ok - $1"
	if [ -n "$2" ] && [ -s "$2" ]; then
		head -n 20 "$2" | sed 's/^/#   /'
	fi
}

# pc ARGS...: pkg-config, finding infdiag.pc in $pcdir first.
pc() {
	PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
	    $PKG_CONFIG --print-errors "$@"
}

# run_consumer KIND PROGRAM: runs a built consumer and passes its lines on.
run_consumer() {
	if "$2" "$EXAMPLES/example3.json" "$VERSION" >"$TMPD/out" \
	    2>"$TMPD/err"; then
		sed 's/^/    /' "$TMPD/out"
		pass "$1: the consumer's checks pass"
	else
		sed 's/^/    /' "$TMPD/out"
		fail "$1: the consumer's checks pass" "$TMPD/err"
	fi
}

### The program and its manual

LD_LIBRARY_PATH="$INST_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH

"$INST_PROGRAM" --version >"$TMPD/out" 2>&1
if [ "$(cat "$TMPD/out")" = "infdiag $VERSION" ]; then
	pass "program: $INST_PROGRAM --version is infdiag $VERSION"
else
	fail "program: $INST_PROGRAM --version is infdiag $VERSION" "$TMPD/out"
fi

if (cd "$EXAMPLES" && "$INST_PROGRAM" analyze example3.json) \
    >"$TMPD/out" 2>"$TMPD/err" &&
    diff "$EXAMPLES/output/example3.txt" "$TMPD/out" >"$TMPD/diff" 2>&1
then
	pass "program: analyze example3.json is examples/output/example3.txt"
else
	cat "$TMPD/err" >>"$TMPD/diff"
	fail "program: analyze example3.json is examples/output/example3.txt" \
	    "$TMPD/diff"
fi

if [ -s "$INST_MAN" ]; then
	pass "manual: $INST_MAN"
else
	fail "manual: $INST_MAN is missing"
fi

# The bash completion, where bash-completion looks for it, completing the
# installed program's commands.
if [ -z "$INST_COMPLETION" ] || ! command -v bash >/dev/null 2>&1; then
	:
elif bash -c '. "$1"; COMP_WORDS=("$2" ev); COMP_CWORD=1; _infdiag;
    [ "${COMPREPLY[*]}" = eval ]' bash "$INST_COMPLETION" "$INST_PROGRAM" \
    2>"$TMPD/err"; then
	pass "bash completion: $INST_COMPLETION"
else
	fail "bash completion: $INST_COMPLETION completes ev to eval" \
	    "$TMPD/err"
fi

### infdiag.pc

# configure wrote its prefix into infdiag.pc; "make install prefix=DIR"
# and DESTDIR put the files elsewhere.  Then a copy naming where they are
# is checked, as anyone moving an installed tree would edit it (pkg-config's
# --define-variable would move jansson's and Graphviz's too).
pcdir=$INST_PKGCONFIGDIR
pcprefix=$(pc --variable=prefix infdiag 2>"$TMPD/err")
if [ -z "$pcprefix" ]; then
	fail "pkg-config: infdiag.pc in $INST_PKGCONFIGDIR" "$TMPD/err"
elif [ "$pcprefix" = "$INST_PREFIX" ]; then
	pass "pkg-config: infdiag.pc in $INST_PKGCONFIGDIR, as installed"
else
	mkdir "$TMPD/pc" &&
	    sed "s|^prefix=.*|prefix=$INST_PREFIX|" \
	    "$INST_PKGCONFIGDIR/infdiag.pc" >"$TMPD/pc/infdiag.pc"
	pcdir=$TMPD/pc
	pass "pkg-config: infdiag.pc in $INST_PKGCONFIGDIR, its prefix\
 $pcprefix made $INST_PREFIX"
fi

if [ "$(pc --modversion infdiag 2>"$TMPD/err")" = "$VERSION" ]; then
	pass "pkg-config: infdiag's version is $VERSION"
else
	fail "pkg-config: infdiag's version is $VERSION" "$TMPD/err"
fi

for dir in libdir:"$INST_LIBDIR" includedir:"$INST_INCLUDEDIR"; do
	name=${dir%%:*}
	want=${dir#*:}
	got=$(pc --variable="$name" infdiag 2>&1)
	if [ "$got" = "$want" ]; then
		pass "pkg-config: $name is $want"
	else
		fail "pkg-config: $name is $want, not $got"
	fi
done

# render.c dlopen()s Graphviz's plugins: they are not link dependencies.
if ! all_libs=$(pc --static --libs infdiag 2>"$TMPD/err"); then
	fail "pkg-config: --static --libs infdiag" "$TMPD/err"
elif printf '%s\n' "$all_libs" | grep -q -e '-lgvplugin'; then
	fail "pkg-config: no Graphviz plugin among the libraries ($all_libs)"
else
	pass "pkg-config: no Graphviz plugin among the libraries"
fi

### A program built against the shared library

cflags=$(pc --cflags infdiag 2>"$TMPD/err") ||
    fail "shared: pkg-config --cflags infdiag" "$TMPD/err"
libs=$(pc --libs infdiag 2>"$TMPD/err") ||
    fail "shared: pkg-config --libs infdiag" "$TMPD/err"
consumer_flags="-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror"

# The header must come from the installed include directory alone.
if $CC $consumer_flags $cflags -o "$TMPD/consumer" "$consumer_c" $libs \
    >"$TMPD/err" 2>&1; then
	pass "shared: consumer.c built with $cflags $libs"
	if LC_ALL=C ldd "$TMPD/consumer" 2>&1 |
	    grep -q "libinfdiag\.so.* => $INST_LIBDIR/libinfdiag\.so"; then
		pass "shared: the consumer loads $INST_LIBDIR/libinfdiag.so"
	else
		LC_ALL=C ldd "$TMPD/consumer" >"$TMPD/ldd" 2>&1
		fail "shared: the consumer loads $INST_LIBDIR/libinfdiag.so" \
		    "$TMPD/ldd"
	fi
	run_consumer shared "$TMPD/consumer"
else
	fail "shared: consumer.c built with $cflags $libs" "$TMPD/err"
fi

### The same program with libinfdiag.a, the rest as pkg-config --static says

if [ ! -f "$INST_LIBDIR/libinfdiag.a" ]; then
	pass "static: no libinfdiag.a (configure --disable-static) # SKIP"
else
	slibs=$(pc --static --libs infdiag 2>"$TMPD/err") ||
	    fail "static: pkg-config --static --libs infdiag" "$TMPD/err"
	# libinfdiag alone is linked statically: Graphviz's libraries have
	# no archives on Debian.
	case " $slibs " in
	*" -linfdiag "*) ;;
	*) fail "static: -linfdiag in pkg-config --static --libs infdiag\
 ($slibs)" ;;
	esac
	slibs=$(printf ' %s ' "$slibs" | sed \
	    's/ -linfdiag / -Wl,-Bstatic -linfdiag -Wl,-Bdynamic /')
	if $CC $consumer_flags $cflags -o "$TMPD/consumer-static" \
	    "$consumer_c" $slibs >"$TMPD/err" 2>&1; then
		pass "static: consumer.c built with$slibs"
		if LC_ALL=C readelf -d "$TMPD/consumer-static" |
		    grep -q 'NEEDED.*libinfdiag'; then
			fail "static: the consumer needs no libinfdiag.so"
		else
			pass "static: the consumer needs no libinfdiag.so"
		fi
		# Nothing may come from the installed libdir now.
		unset LD_LIBRARY_PATH
		run_consumer static "$TMPD/consumer-static"
	else
		fail "static: consumer.c built with$slibs" "$TMPD/err"
	fi
fi

if [ "$failures" -ne 0 ]; then
	echo "installcheck: $failures of $checks checks FAILED" \
	    "against $INST_PREFIX" >&2
	exit 1
fi
echo "installcheck: all $checks checks passed against $INST_PREFIX"
