x = 1
y = y(x) + 1
