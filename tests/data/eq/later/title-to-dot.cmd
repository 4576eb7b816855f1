1 convert --to dot
