x = 1
y = 2*x
wrt: x, q
