x
g = g(x)
h = h(g, x)
y = f(x, g, h)
