# Two variables nothing depends on: which one is "of" is for the
# command line (--of) or an "of:" line to say.
x = 1
y = 2*x
z = x^2
