#!/usr/bin/env python3
"""SymPy's yardstick for the small examples: the same total derivative.

    sympy_diff.py ellipsoid|example3

ellipsoid: f = 4*pi/3*t*x*y with t = x, df/dx (examples/ellipsoid.json).
example3:  y = f(x, g(x), h(x, g(x))), dy/dx with f, g, h unknown
           (examples/example3.json): the four chain-rule terms.
The whole process is timed by bench/run, import included, as a person
asking SymPy the question would wait for it.
"""
import sys

import sympy


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("ellipsoid", "example3"):
        sys.exit(__doc__)
    x, y = sympy.symbols("x y")
    if sys.argv[1] == "ellipsoid":
        t = x
        d = sympy.diff(4 * sympy.pi / 3 * t * x * y, x)
    else:
        f, g, h = (sympy.Function(n) for n in "fgh")
        d = sympy.diff(f(x, g(x), h(x, g(x))), x)
    print(d)


if __name__ == "__main__":
    main()
