x = 1
y = x + z
z = 2*y
