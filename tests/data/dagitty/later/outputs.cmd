1 paths
