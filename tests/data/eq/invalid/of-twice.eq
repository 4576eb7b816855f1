x = 1
of: x
of: x
