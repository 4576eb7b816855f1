title: Kinetic energy: K = m·v²/2
description: One expression # a comment, not the description's
m = 2
v = 3
K = m*v^2/2
