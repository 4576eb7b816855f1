# y = f(x, g(x), h(x, g(x))) as the notes write it
x = 0.5       # where to evaluate
g = x^2
h = sin(g) * x
y = x + g + h

of: y
wrt: x
