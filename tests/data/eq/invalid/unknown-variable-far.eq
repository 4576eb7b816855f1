x = 1
y = vv^2 + x
