1 paths --wrt q
