speed = 2
time = 3
distance = speed*time
wrt: sped
