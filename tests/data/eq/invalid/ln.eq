x = 1
y = ln(x)
