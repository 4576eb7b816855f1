"""Makes examples/report/perceptron-path.png: the perceptron's report with
one path selected by a click on its row, through the DevTools protocol
(cdp.py): its arrows in its colour in the paths diagram, the other paths
dimmed.

    path_shot.py REPORT.html OUT.png [N]
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402


def main():
    report, out = sys.argv[1:3]
    n = sys.argv[3] if len(sys.argv) > 3 else "2"
    b = cdp.Browser(deadline=120, width=1280, height=1100)
    try:
        b.open("file://" + os.path.abspath(report))
        if not b.click('#d1 tr[data-path="%s"]' % n):
            sys.exit("%s: no path %s" % (report, n))
        b.eval("""(function () {
  var f = document.querySelector("#d1 figure.diagram");
  f.scrollIntoView();
  var w = document.getElementById("whatif");
  window.scrollBy(0, -(w ? w.offsetHeight : 0) - 12);
  document.activeElement.blur();
})()""")
        b.drain(0.3)
        b.screenshot(out)
    finally:
        b.close()


if __name__ == "__main__":
    main()
