#!/usr/bin/env python3
"""NetworkX's yardstick for path listing.

    nx_paths.py MODEL.json SOURCE TARGET N [RECORD]

Loads the same model infdiag reads, builds a DiGraph with an edge from each
input to its variable, and enumerates the first N simple paths from SOURCE
to TARGET with nx.all_simple_paths, once.  Prints "COUNT SECONDS", where
SECONDS is the enumeration alone: not Python's start, the import, the load
or the build, the most favourable reading for NetworkX.  With RECORD, the
line is also appended to that file, so that bench/run can time this
script round-robin with infdiag (bench/measure.py, which sees the whole
process) and still read the enumeration's own time.
"""
import itertools
import json
import sys
import time

import networkx as nx


def inputs(spec):
    """The inputs of one variable, in any of the model's spellings."""
    if isinstance(spec, list):
        return spec
    if isinstance(spec, dict):
        return spec.get("inputs", [])
    return []


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    path, source, target, n = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4])
    with open(path) as f:
        model = json.load(f)
    g = nx.DiGraph()
    for name, spec in model["variables"].items():
        g.add_node(name)
        for i in inputs(spec):
            g.add_edge(i, name)
    start = time.perf_counter()
    count = sum(1 for _ in itertools.islice(
        nx.all_simple_paths(g, source, target), n))
    line = "%d %.6f" % (count, time.perf_counter() - start)
    print(line)
    if len(sys.argv) == 6:
        with open(sys.argv[5], "a") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
