a = -0.4
b = +3
c = 1e-3
d = .5
s = a*b + c/d - exp(-a)
wrt: a, b,c
of: s
