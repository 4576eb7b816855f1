# --wrt names no variable of the model.
x = 1
y = sin(x)
