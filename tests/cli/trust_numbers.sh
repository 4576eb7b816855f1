#!/bin/sh
# Non-finite numbers (SPEC 5.1): JSON never holds inf or nan, text says overflow or undefined, a requested derivative that is not finite exits 4, a local one nothing needs never fails a run.
. "$(dirname "$0")/lib.sh"

done_testing
