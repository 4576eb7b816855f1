1 formula --of q
