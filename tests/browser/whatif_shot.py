"""Makes examples/report/ellipsoid-whatif.png: the ellipsoid's report with
x moved from 2 to 3 in its what-if, typed into the input through the
DevTools protocol (cdp.py), showing the panel and the partial against the
total, the numbers that moved marked.

    whatif_shot.py REPORT.html OUT.png
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402


def main():
    report, out = sys.argv[1:3]
    b = cdp.Browser(deadline=120, width=1280, height=1000)
    try:
        b.open("file://" + os.path.abspath(report))
        if not b.click('input[data-whatif="x"]'):
            sys.exit("%s: no what-if input for x" % report)
        b.key("a", 2)
        b.key("Backspace")
        b.type_text("3")
        b.eval("document.activeElement.blur()")
        # The partial against the total, under the panel that stays on top.
        b.eval("""(function () {
  var h = Array.prototype.filter.call(document.querySelectorAll("h3"),
    function (e) { return /Partial versus total/.test(e.textContent); })[0];
  h.scrollIntoView();
  window.scrollBy(0, -document.getElementById("whatif").offsetHeight - 12);
})()""")
        b.screenshot(out)
    finally:
        b.close()


if __name__ == "__main__":
    main()
