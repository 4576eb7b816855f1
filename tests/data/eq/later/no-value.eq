# No value for z: the numbers cannot be computed.
x = 1
z
y = 2*x + z
