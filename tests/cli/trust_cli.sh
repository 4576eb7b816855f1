#!/bin/sh
# The command line's trust rules (SPEC 5.1): no control character reaches a terminal, quoted arguments are cut, and -o writes whole or not at all, in place for devices, keeping permissions, following links.
. "$(dirname "$0")/lib.sh"

done_testing
