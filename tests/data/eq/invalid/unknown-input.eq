x = 1
y = g(x, z)
