#!/bin/sh
# The command line's trust rules (SPEC 5.1): no control character reaches
# a terminal, quoted arguments are cut, and -o writes whole or not at all,
# in place for devices, keeping permissions, following links.
. "$(dirname "$0")/lib.sh"

GENMODEL=${GENMODEL:-$(dirname "$INFDIAG")/tests/gen/genmodel}

# Graphviz's and pango's own leaks under AddressSanitizer (lib.sh).
graphviz_leaks_suppressed

ex3=$EXAMPLES/example3.json
esc=$(printf '\033')

# expect_no_controls NAME WHICH: the stream holds no C0 control but
# newline and tab, no DEL and no C1 control (U+0080 to U+009F in UTF-8).
expect_no_controls() {
	bad=$(od -An -tx1 -v "$TMPD/$2" | tr -s ' \n' '\n\n' | awk '
		$0 == "" { next }
		prev == "c2" && $0 >= "80" && $0 <= "9f" { n++ }
		($0 < "20" && $0 != "0a" && $0 != "09") || $0 == "7f" { n++ }
		{ prev = $0 }
		END { print n + 0 }')
	if [ "$bad" -eq 0 ]; then
		ok "$1: no control characters in $2"
	else
		not_ok "$1: no control characters in $2" "$bad found" \
		    "$(head -c 300 "$TMPD/$2" | od -c | head -5)"
	fi
}

# expect_no_tmp NAME DIR: no temporary output file is left in DIR.
expect_no_tmp() {
	left=$(find "$2" -name '*.tmp.*' | head -3)
	if [ -z "$left" ]; then
		ok "$1: no temporary file left"
	else
		not_ok "$1: no temporary file left" "$left"
	fi
}

# expect_same NAME FILE WANT: FILE is byte for byte WANT.
expect_same() {
	if cmp -s "$2" "$3"; then
		ok "$1: $(basename "$2") untouched"
	else
		not_ok "$1: $(basename "$2") untouched" "$(head -c 200 "$2")"
	fi
}

### 1. No control character reaches the terminal

# An OSC 52 clipboard write, a screen clear, a carriage return and an
# 8-bit CSI in the title; colours in the description and a function name.
cat >"$TMPD/hostile.json" <<'EOF'
{
  "title": "\u001b]52;c;aGVsbG8=\u0007\u001b[2J\r OK \u009b31m",
  "description": "two\nlines\twith a tab \u001b[31mred\u009d",
  "variables": {
    "x": {"value": 1.5},
    "y": {"expr": "x^2", "fn": "f\u001b[31m\u0085", "label": "y\u001b[5m"}
  }
}
EOF
for part in analyze formula paths eval; do
	run "$part" "$TMPD/hostile.json"
	expect_status "hostile text, $part" 0
	expect_no_controls "hostile text, $part" out
done
run analyze "$TMPD/hostile.json"
expect_grep "hostile title shown visibly" out '\u001b]52;c;aGVsbG8=\u0007\u001b[2J\r OK \u009b31m'
expect_grep "hostile fn shown visibly" out 'y = f\u001b[31m\u0085(x)'
expect_grep "newline and tab of the description kept" out "$(printf 'lines\twith a tab \\u001b[31mred\\u009d')"
run analyze --explain "$TMPD/hostile.json"
expect_no_controls "hostile text, analyze --explain" out
run analyze --format json "$TMPD/hostile.json"
expect_no_controls "hostile text, json" out
expect_grep "json: ESC and C1 escaped" out '"title": "\u001b]52;c;aGVsbG8=\u0007\u001b[2J\u000d OK \u009b31m"'
run dot "$TMPD/hostile.json"
expect_status "hostile text, dot" 0
expect_no_controls "hostile text, dot" out
for format in latex markdown; do
	run analyze --format "$format" "$TMPD/hostile.json"
	expect_status "hostile text, $format" 0
	expect_no_controls "hostile text, $format" out
done
run analyze --format markdown "$TMPD/hostile.json"
expect_grep "markdown: ESC shown visibly" out 'u001b\]52;c;aGVsbG8='
run analyze --explain --format markdown "$TMPD/hostile.json"
expect_no_controls "hostile text, analyze --explain --format markdown" out
run report "$TMPD/hostile.json"
expect_status "hostile text, report" 0
expect_no_controls "hostile text, report" out
run render "$TMPD/hostile.json"
expect_status "hostile text, render" 0
expect_no_controls "hostile text, render" out

# File names and arguments in messages and summaries.
cp "$ex3" "$TMPD/a${esc}[2Jb.json"
run check "$TMPD/a${esc}[2Jb.json"
expect_status "file name with ESC, check" 0
expect_no_controls "file name with ESC, check" out
expect_grep "file name with ESC shown visibly" out 'a\u001b[2Jb.json: valid'
run check "$TMPD/no${esc}]0;owned${esc}\\.json"
expect_status "missing file with ESC" 3
expect_no_controls "missing file with ESC" err
run analyze -o "$TMPD/nodir/x${esc}[31m.txt" "$ex3"
expect_status "unwritable -o with ESC" 3
expect_no_controls "unwritable -o with ESC" err
run analyze --format "${esc}[31mred" "$ex3"
expect_status "--format with ESC" 2
expect_no_controls "--format with ESC" err
expect_grep "--format with ESC shown visibly" err 'unknown format "\u001b[31mred"'
run "fro${esc}[31mb" "$ex3"
expect_status "unknown command with ESC" 2
expect_no_controls "unknown command with ESC" err
run check "--fr${esc}]2;t${esc}\\" "$ex3"
expect_status "unknown option with ESC" 2
expect_no_controls "unknown option with ESC" err
run dot --view "$(printf 'full\302\233')" "$ex3"
expect_no_controls "--view with a C1 control" err

# A 100 KB argument gives a message of one short line.
long=$(head -c 100000 /dev/zero | tr '\0' 'a')
for args in "--format $long" "--view $long" "$long" "check --bogus$long"; do
	# shellcheck disable=SC2086
	run $args "$ex3"
	size=$(wc -c <"$TMPD/err")
	what=$(printf '%.20s' "$args")
	if [ "$status" -eq 2 ] && [ "$size" -lt 400 ]; then
		ok "100 KB argument ($what...): message of $size bytes"
	else
		not_ok "100 KB argument ($what...): message of $size bytes" "status $status"
	fi
done
run render -o "$TMPD/$(head -c 200 /dev/zero | tr '\0' 'b').xyz" "$ex3"
expect_status "long -o name without a type" 2
expect_grep "long -o name cut" err "bbbbbbbb..."

### 2. -o

# The model itself, by its name or through a link: refused, untouched.
cp "$ex3" "$TMPD/m.json"
cp "$ex3" "$TMPD/m.orig"
run analyze -o "$TMPD/m.json" "$TMPD/m.json"
expect_status "-o the model" 2
expect_grep "-o the model" err "that is the model"
expect_same "-o the model" "$TMPD/m.json" "$TMPD/m.orig"
ln -s m.json "$TMPD/m-link.json"
run analyze --format json -o "$TMPD/m-link.json" "$TMPD/m.json"
expect_status "-o a link to the model" 2
expect_same "-o a link to the model" "$TMPD/m.json" "$TMPD/m.orig"
"$INFDIAG" formula -o "$TMPD/m.json" - <"$TMPD/m.json" >"$TMPD/out" 2>"$TMPD/err"
status=$?
expect_status "-o the model read from standard input" 2
expect_same "-o the model read from standard input" "$TMPD/m.json" "$TMPD/m.orig"

# A symbolic link is followed: its target is replaced, the link stays.
echo old >"$TMPD/target.txt"
ln -s target.txt "$TMPD/link.txt"
run formula -o "$TMPD/link.txt" "$ex3"
expect_status "-o a symbolic link" 0
if [ -L "$TMPD/link.txt" ] && grep -q "dy/dx" "$TMPD/target.txt"; then
	ok "-o a symbolic link: still a link, its target written"
else
	not_ok "-o a symbolic link: still a link, its target written" "$(ls -l "$TMPD/link.txt")"
fi
ln -s new-target.txt "$TMPD/dangling.txt"
run formula -o "$TMPD/dangling.txt" "$ex3"
if [ "$status" -eq 0 ] && [ -L "$TMPD/dangling.txt" ] && grep -q "dy/dx" "$TMPD/new-target.txt"; then
	ok "-o a dangling link: its target made"
else
	not_ok "-o a dangling link: its target made" "status $status" "$(ls -l "$TMPD")"
fi

# A replaced file keeps its permission bits; a new one follows the umask.
echo secret >"$TMPD/private.txt"
chmod 600 "$TMPD/private.txt"
run formula -o "$TMPD/private.txt" "$ex3"
mode=$(stat -c %a "$TMPD/private.txt")
if [ "$status" -eq 0 ] && [ "$mode" = 600 ] && grep -q "dy/dx" "$TMPD/private.txt"; then
	ok "-o a 0600 file: rewritten, still 0600"
else
	not_ok "-o a 0600 file: rewritten, still 0600" "status $status, mode $mode"
fi
chmod 751 "$TMPD/private.txt"
run formula -o "$TMPD/private.txt" "$ex3"
mode=$(stat -c %a "$TMPD/private.txt")
if [ "$mode" = 751 ]; then
	ok "-o a 0751 file: still 0751"
else
	not_ok "-o a 0751 file: still 0751" "mode $mode"
fi
(umask 027 && "$INFDIAG" formula -o "$TMPD/new.txt" "$ex3")
mode=$(stat -c %a "$TMPD/new.txt")
if [ "$mode" = 640 ]; then
	ok "-o a new file under umask 027: 0640"
else
	not_ok "-o a new file under umask 027: 0640" "mode $mode"
fi

# A FIFO is written in place, and stays a FIFO.
if mkfifo "$TMPD/fifo" 2>/dev/null; then
	timeout 20 cat "$TMPD/fifo" >"$TMPD/from-fifo" &
	reader=$!
	run formula -o "$TMPD/fifo" "$ex3"
	wait "$reader"
	expect_status "-o a FIFO" 0
	if [ -p "$TMPD/fifo" ] && grep -q "dy/dx" "$TMPD/from-fifo"; then
		ok "-o a FIFO: still a FIFO, the reader got the formula"
	else
		not_ok "-o a FIFO: still a FIFO, the reader got the formula" "$(ls -l "$TMPD/fifo")"
	fi
	expect_no_tmp "-o a FIFO" "$TMPD"
else
	skip "-o a FIFO" "mkfifo failed"
fi

# A device is written in place, and stays a device (a private copy of
# /dev/null, so that a failure cannot break the real one).
if mknod "$TMPD/null" c 1 3 2>/dev/null; then
	run analyze -o "$TMPD/null" "$ex3"
	expect_status "-o a device" 0
	if [ -c "$TMPD/null" ]; then
		ok "-o a device: still a character device"
	else
		not_ok "-o a device: still a character device" "$(ls -l "$TMPD/null")"
	fi
	run render -o "$TMPD/null" "$ex3"
	expect_status "render -o a device" 0
	[ -c "$TMPD/null" ] && ok "render -o a device: still a device" ||
	    not_ok "render -o a device: still a device" "$(ls -l "$TMPD/null")"
	rm -f "$TMPD/null"
else
	skip "-o a device" "mknod needs root"
fi
# /dev/stdout on a pipe: a link to "pipe:[...]", which names no file.
"$INFDIAG" formula -o /dev/stdout "$ex3" 2>"$TMPD/err" | cat >"$TMPD/out"
expect_grep "formula -o /dev/stdout on a pipe" out "dy/dx ="
expect_empty "formula -o /dev/stdout on a pipe" err
"$INFDIAG" render -o /dev/stdout "$ex3" 2>"$TMPD/err" | cat >"$TMPD/out"
expect_grep "render -o /dev/stdout on a pipe: SVG" out "<svg"
run formula -o "$TMPD" "$ex3"
expect_status "-o a directory" 3
expect_grep "-o a directory" err "Is a directory"

# A write error on standard output: exit 3 with a message.
if [ -w /dev/full ]; then
	for cmd in check formula analyze dot; do
		"$INFDIAG" "$cmd" "$ex3" >/dev/full 2>"$TMPD/err"
		status=$?
		expect_status "$cmd >/dev/full" 3
		expect_grep "$cmd >/dev/full" err "standard output: cannot write: No space left on device"
	done
	"$INFDIAG" --help >/dev/full 2>"$TMPD/err"
	status=$?
	expect_status "--help >/dev/full" 3
else
	skip "write error on standard output" "no /dev/full"
fi

# A full disk: exit 3 with a message, the old file untouched, no
# temporary file left.  Graphviz itself would call exit() on it.
mkdir "$TMPD/full"
if mount -t tmpfs -o size=64k tmpfs "$TMPD/full" 2>/dev/null; then
	echo old >"$TMPD/old"
	for out in out.svg out.txt out.html; do
		echo old >"$TMPD/full/$out"
	done
	head -c 1000000 /dev/zero >"$TMPD/full/filler" 2>/dev/null
	for out in out.svg out.txt out.html; do
		case $out in
		*.svg) run render -o "$TMPD/full/$out" "$EXAMPLES/perceptron.json" ;;
		*.txt) run analyze -o "$TMPD/full/$out" "$EXAMPLES/perceptron.json" ;;
		*) run report -o "$TMPD/full/$out" "$EXAMPLES/perceptron.json" ;;
		esac
		expect_status "full disk, $out" 3
		expect_grep "full disk, $out" err "$out: cannot write: No space left on device"
		expect_same "full disk, $out" "$TMPD/full/$out" "$TMPD/old"
		expect_no_tmp "full disk, $out" "$TMPD/full"
	done
	umount "$TMPD/full"
else
	skip "full disk" "cannot mount a tmpfs (needs root)"
fi

# SIGTERM or SIGINT during a long rendering: the temporary file is
# removed, the old file left alone, and the process ends by the signal.
# (A shell starts background jobs with SIGINT ignored: env puts it back.)
"$GENMODEL" layered 10 16 >"$TMPD/big.json" || exit 99
for sig in TERM INT; do
	echo old >"$TMPD/big.svg"
	env --default-signal="$sig" "$INFDIAG" render --force -o "$TMPD/big.svg" \
	    "$TMPD/big.json" 2>"$TMPD/err" &
	pid=$!
	i=0
	while [ $i -lt 300 ] && ! ls "$TMPD"/big.svg.tmp.* >/dev/null 2>&1; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ $i -eq 300 ]; then
		kill -9 "$pid" 2>/dev/null
		wait "$pid"
		skip "SIG$sig during render" "no temporary file appeared in 30 s"
		continue
	fi
	kill -s "$sig" "$pid"
	wait "$pid"
	status=$?
	[ "$sig" = TERM ] && want=143 || want=130
	expect_status "SIG$sig during render" "$want"
	expect_no_tmp "SIG$sig during render" "$TMPD"
	echo old >"$TMPD/old"
	expect_same "SIG$sig during render" "$TMPD/big.svg" "$TMPD/old"
done

### 3. render's types, failures, and help that says what is accepted

run render --layout nop "$ex3"
expect_status "render --layout nop" 3
expect_empty "render --layout nop" out
run render --type png -o "$TMPD/a.svg" "$ex3"
expect_status "--type png -o a.svg" 2
expect_grep "--type png -o a.svg" err "the name and the type must agree"
[ ! -e "$TMPD/a.svg" ] && ok "--type png -o a.svg: nothing written" ||
    not_ok "--type png -o a.svg: nothing written"
run render --type svg -o "$TMPD/a.SVG" "$ex3"
expect_status "--type svg -o a.SVG" 0
if run render --type pdf "$ex3" && [ "$status" -eq 0 ]; then
	run render --type PDF -o "$TMPD/b.pdf" "$ex3"
	expect_status "--type PDF" 0
	head -c 5 "$TMPD/b.pdf" >"$TMPD/out"
	expect_grep "--type PDF writes PDF" out "%PDF-"
	run render -o "$TMPD/c.PNG" "$ex3"
	expect_status "-o c.PNG" 0
	run render --type Png -o "$TMPD/c.png" "$ex3"
	expect_status "--type Png -o c.png" 0
else
	skip "--type PDF" "no PDF rendering in this build"
fi

# formula points where the forward form is, as it does not print it.
"$GENMODEL" chain 30000 >"$TMPD/chain.json" || exit 99
run formula "$TMPD/chain.json"
expect_status "formula of a 30000 chain" 0
expect_grep "formula of a 30000 chain" out "(too large to write out: over 20000 factors; infdiag analyze writes its forward form)"
rm -f "$TMPD/chain.json"

# Every command's help lists exactly the formats it accepts.
for cmd in check analyze paths formula eval; do
	"$INFDIAG" "$cmd" --help >"$TMPD/help"
	listed=$(sed -n 's/^ *--format FORMAT *//p' "$TMPD/help" | tr -s ', ' '\n\n' | grep -v '^or$')
	bad=
	for f in $listed; do
		"$INFDIAG" "$cmd" --format "$f" "$ex3" >/dev/null 2>&1 || bad="$bad $f"
	done
	for f in text json latex markdown; do
		case " $listed " in *"$f"*) continue ;; esac
		"$INFDIAG" "$cmd" --format "$f" "$ex3" >/dev/null 2>&1 && bad="$bad unlisted:$f"
	done
	if [ -n "$listed" ] && [ -z "$bad" ]; then
		ok "$cmd --help lists the formats it accepts ($(echo $listed))"
	else
		not_ok "$cmd --help lists the formats it accepts" "listed: $listed" "wrong:$bad"
	fi
done
run check --format json "$ex3"
expect_status "check --format json" 2
expect_grep "check --format json" err "check writes text only"

done_testing
