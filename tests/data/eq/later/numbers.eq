# The numbers at x = -2: z = x^y is -8, but its partial x^y*log(x)
# in y is undefined (a warning), and log(z) is undefined (the error).
x = -2
y = 3
z = x^y
w = log(z)
wrt: x
