title: C:\
# DOT cannot hold a backslash at the end of the title.
x = 1
y = 2*x
