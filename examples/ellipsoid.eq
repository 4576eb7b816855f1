# The ellipsoid of the lecture notes: its volume f = (4π/3)·t·x·y, and
# the constraint t = x that makes the total df/dx twice the partial.
title: Ellipsoid: f(t, x, y) = (4π/3)·t·x·y with t = x
description: The partial ∂f/∂x holds t fixed and gives (4π/3)·t·y; the total df/dx also moves t = x and gives twice that. Substituting t = x after taking the partial is off by a factor of 2.

x = 2
y = 3
t = x
f = 4*pi/3*t*x*y

of: f
wrt: x
