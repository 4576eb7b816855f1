4 eval
