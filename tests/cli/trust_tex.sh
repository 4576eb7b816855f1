#!/bin/sh
# LaTeX and Markdown that hostile model text cannot break out of (SPEC 5.1): the latex key's allow-list, escaping of title, description, label and fn, compiled with pdflatex and read through pandoc where they are installed.
. "$(dirname "$0")/lib.sh"

done_testing
