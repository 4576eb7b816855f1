x = 1
wtr: x
