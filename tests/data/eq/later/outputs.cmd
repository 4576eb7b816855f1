1 formula
