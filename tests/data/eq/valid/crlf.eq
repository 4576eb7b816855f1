x = 2
y = x^2
