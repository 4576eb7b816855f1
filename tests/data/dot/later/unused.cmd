0 check
