m = 2
v = 3
K = m*vv^2/2
