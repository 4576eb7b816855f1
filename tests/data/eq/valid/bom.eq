x = 2
y = 3*x
