x = 1
1y = x
