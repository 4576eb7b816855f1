"""The report's view in headless Chromium, driven as a user drives it:
clicks and keys select a path and step through the derivation, the zoom
buttons, the wheel, the keys, a mouse drag and a touch pinch change a
diagram's viewBox, a tooltip shows an arrow's and a node's numbers, and the
fragment follows.  The layout: the contents' fractions do not overlap, and
no box shows a scrollbar it does not need, on the screen or printed.

    test_page.py INFDIAG EXAMPLES TMPDIR

Writes TAP.  Uses tests/browser/cdp.py (the what-if's harness).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

INFDIAG, EXAMPLES, TMP = sys.argv[1:4]
n = 0
failed = False


def check(name, ok, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, name))
    if not ok:
        failed = True
        print("#   " + str(detail)[:400])
    sys.stdout.flush()


def page(model):
    out = os.path.join(TMP, model + ".page.html")
    rc = os.spawnv(os.P_WAIT, INFDIAG, [INFDIAG, "report",
                   os.path.join(EXAMPLES, model + ".json"), "-o", out])
    if rc != 0:
        raise RuntimeError("infdiag report %s: exit %d" % (model, rc))
    return "file://" + os.path.abspath(out)


# The selected elements: [tag, derivative, data-path] of each.
SELECTED = """Array.prototype.map.call(document.querySelectorAll(
  "[data-path].selected, [data-path][aria-selected=true]"), function (e) {
  var d = e.closest("[data-d]");
  return [e.tagName, d ? d.getAttribute("data-d") : "1",
    e.getAttribute("data-path")];
})"""
SHOWN = """Array.prototype.filter.call(document.querySelectorAll("[data-step]"),
  function (e) { return !e.hidden; }).map(function (e) {
  return e.getAttribute("data-step"); })"""
VIEWBOX = ("document.querySelectorAll('figure.diagram svg')[%d]"
           ".getAttribute('viewBox').split(' ').map(Number)")


def on_path(sel, k, p):
    """Every selected element is of derivative k and on path p."""
    return len(sel) > 0 and all(
        d == str(k) and str(p) in path.split() for _, d, path in sel)


def paths(b):
    url = page("example3")
    b.open(url)
    check("example3: nothing selected on load", b.eval(SELECTED) == [])
    b.click('tr[data-path="2"]')
    sel = b.eval(SELECTED)
    kinds = set(t.lower() for t, _, _ in sel)
    check("example3: a click on path 2's row selects its row, term and "
          "arrows, and only them", on_path(sel, 1, 2) and
          {"tr", "mrow", "g"} <= kinds, sel)
    check("example3: the click puts #path=2 in the address",
          b.eval("location.hash") == "#path=2", b.eval("location.hash"))
    check("example3: the row says aria-selected", b.eval(
        "document.querySelector('tr[data-path=\"2\"]')"
        ".getAttribute('aria-selected')") == "true")
    dim = b.eval("document.querySelectorAll('tr[data-path=\"1\"].dim, "
                 "mrow[data-path=\"1\"].dim').length")
    check("example3: path 1's row and term are dimmed", dim == 2, dim)
    b.click('tr[data-path="2"]')
    check("example3: a second click clears the selection and the address",
          b.eval(SELECTED) == [] and b.eval("location.hash") == "",
          b.eval(SELECTED))
    # An arrow on paths 2 and 4 selects 2, then 4.
    arrow = 'figure[data-d="1"] g[data-arrow="x g"][data-path="2 4"]'
    b.eval("document.querySelectorAll('figure.diagram')[2]"
           ".scrollIntoView()")
    ok = b.eval("(function(){var e=document.querySelectorAll(%r)[1];"
                "e.dispatchEvent(new MouseEvent('click',{bubbles:true}));"
                "return true})()" % arrow)
    check("example3: a click on an arrow of paths 2 and 4 selects path 2",
          ok and on_path(b.eval(SELECTED), 1, 2), b.eval(SELECTED))
    b.eval("document.querySelectorAll(%r)[1].dispatchEvent(new MouseEvent("
           "'click',{bubbles:true}))" % arrow)
    check("example3: a second click on it selects path 4",
          on_path(b.eval(SELECTED), 1, 4), b.eval(SELECTED))
    b.eval("document.querySelector('mrow[data-path=\"3\"]').focus()")
    b.key("Enter")
    check("example3: Enter on path 3's term selects path 3",
          on_path(b.eval(SELECTED), 1, 3) and
          b.eval("location.hash") == "#path=3", b.eval(SELECTED))
    b.open(url + "#path=1")
    b.eval("location.hash = '#path=4'")
    b.drain(0.2)
    check("example3: a new fragment (hashchange) selects path 4",
          on_path(b.eval(SELECTED), 1, 4), b.eval(SELECTED))


def steps(b):
    url = page("example3")
    b.open(url)
    check("example3: every step shown on load",
          sorted(set(b.eval(SHOWN))) == [str(k) for k in range(1, 8)],
          b.eval(SHOWN))
    b.eval("document.activeElement && document.activeElement.blur()")
    b.key("ArrowRight")
    check("example3: the right arrow key shows step 1 alone",
          set(b.eval(SHOWN)) == {"1"} and
          b.eval("location.hash") == "#step=1", b.eval(SHOWN))
    b.click('nav.steps button[aria-label="Next step"]')
    check("example3: the Next button shows step 2 alone",
          set(b.eval(SHOWN)) == {"2"} and
          b.eval("location.hash") == "#step=2", b.eval(SHOWN))
    b.click('nav.steps button[aria-label="Show every step"]')
    check("example3: the All steps button shows every step again",
          len(set(b.eval(SHOWN))) == 7 and b.eval("location.hash") == "",
          b.eval(SHOWN))
    b.eval("location.hash = '#step=6'")
    b.drain(0.2)
    check("example3: #step=6 set after load shows step 6 alone",
          set(b.eval(SHOWN)) == {"6"}, b.eval(SHOWN))
    b.open(url + "#step=3&path=2")
    check("example3: #step=3&path=2: both states at once",
          set(b.eval(SHOWN)) == {"3"} and on_path(b.eval(SELECTED), 1, 2),
          [b.eval(SHOWN), b.eval(SELECTED)])


def zoom(b):
    url = page("perceptron")
    b.open(url)
    full = b.eval(VIEWBOX % 0)
    b.click('figure.diagram .zoombar button[aria-label="Zoom in"]')
    vb = b.eval(VIEWBOX % 0)
    check("perceptron: + zooms in (the viewBox 1.25 times narrower)",
          abs(vb[2] * 1.25 - full[2]) < 0.01 * full[2], [full, vb])
    b.click('figure.diagram .zoombar button[aria-label="Zoom out"]')
    b.click('figure.diagram .zoombar button[aria-label="Zoom out"]')
    vb = b.eval(VIEWBOX % 0)
    check("perceptron: \u2212 zooms out", vb[2] > full[2], [full, vb])
    b.click('figure.diagram .zoombar button[aria-label="Fit to width"]')
    check("perceptron: Fit shows the whole diagram again",
          b.eval(VIEWBOX % 0) == full, b.eval(VIEWBOX % 0))
    box = b.eval("(function(){var r=document.querySelector("
                 "'figure.diagram svg').getBoundingClientRect();"
                 "return [r.left+r.width/2, r.top+r.height/2]})()")
    b.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": box[0],
           "y": box[1], "deltaX": 0, "deltaY": -120})
    b.drain(0.2)
    vb = b.eval(VIEWBOX % 0)
    check("perceptron: the wheel zooms in", vb[2] < full[2], [full, vb])
    b.eval("document.querySelector('figure.diagram .zoom').focus()")
    b.key("0")
    b.key("ArrowRight")
    vb = b.eval(VIEWBOX % 0)
    check("perceptron: keys: 0 fits, the right arrow pans",
          vb[2] == full[2] and vb[0] > full[0], [full, vb])
    b.open(url + "#step=1")
    b.eval("document.querySelector('figure.diagram .zoom').focus()")
    b.key("ArrowRight")
    check("perceptron: an arrow key in a focused diagram pans it and "
          "leaves the step", set(b.eval(SHOWN)) == {"1"}, b.eval(SHOWN))


# The box of the i-th diagram's SVG on the screen: [left, top, width, height].
SVGBOX = ("(function(){var r=document.querySelectorAll('figure.diagram svg')"
          "[%d].getBoundingClientRect();"
          "return [r.left, r.top, r.width, r.height]})()")


def under(vb, r, x, y):
    """The point of the diagram (viewBox vb, screen box r) under the
    screen point (x, y)."""
    return [vb[0] + (x - r[0]) / r[2] * vb[2],
            vb[1] + (y - r[1]) / r[3] * vb[3]]


def drag(b, x, y, dx, dy, steps=5):
    """Presses the left button at (x, y), moves by (dx, dy) in steps and
    lets go, as a mouse does."""
    # One mouse event at (px, py) with the buttons held.
    def mouse(kind, px, py, buttons):
        b.send("Input.dispatchMouseEvent", {
            "type": kind, "x": px, "y": py, "button": "left",
            "buttons": buttons, "clickCount": 1})
    mouse("mouseMoved", x, y, 0)
    mouse("mousePressed", x, y, 1)
    for i in range(1, steps + 1):
        mouse("mouseMoved", x + dx * i / steps, y + dy * i / steps, 1)
    mouse("mouseReleased", x + dx, y + dy, 0)
    b.drain(0.1)


def pinch(b, x, y, s0, s1, steps=5):
    """Two fingers on a level about (x, y), s0 pixels either side of it,
    move in steps to s1 either side and lift, through Chromium's touch
    input (which the page sees as pointer events of type touch)."""
    # One touch event, the fingers s either side (None: none left).
    def touch(kind, s):
        b.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
            {"x": x - s, "y": y, "id": 0}, {"x": x + s, "y": y, "id": 1}]
            if s is not None else []})
    touch("touchStart", s0)
    for i in range(1, steps + 1):
        touch("touchMove", s0 + (s1 - s0) * i / steps)
    touch("touchEnd", None)
    b.drain(0.1)


def drags(b):
    """A mouse drag pans a zoomed diagram; a press that barely moves does
    not."""
    b.open(page("perceptron"))
    b.click('figure.diagram .zoombar button[aria-label="Zoom in"]')
    r, vb = b.eval(SVGBOX % 0), b.eval(VIEWBOX % 0)
    x, y = r[0] + r[2] / 2, r[1] + r[3] / 2
    drag(b, x, y, 60, -30)
    got = b.eval(VIEWBOX % 0)
    want = [vb[0] - 60 * vb[2] / r[2], vb[1] + 30 * vb[3] / r[3]] + vb[2:]
    check("perceptron: a drag right and up on the zoomed diagram moves its "
          "viewBox left and down by the drag in the SVG's units",
          all(abs(g - w) < 0.01 for g, w in zip(got, want)),
          [vb, got, want])
    drag(b, x, y, 2, 2, steps=2)
    check("perceptron: a press that moves less than 4 px does not pan",
          b.eval(VIEWBOX % 0) == got, [got, b.eval(VIEWBOX % 0)])


def pinched(b, s0, s1):
    """Pinches the perceptron's diagram, fitted, 200 px left of its centre
    from s0 to s1 either side; returns the widths' ratio (new to old)
    and how far, in screen pixels, the point that was under the pinch's
    midpoint has moved."""
    b.open(page("perceptron"))
    b.eval("document.querySelector('figure.diagram')"
           ".scrollIntoView({block:'center'})")
    r, vb = b.eval(SVGBOX % 0), b.eval(VIEWBOX % 0)
    x, y = r[0] + r[2] / 2 - 200, r[1] + r[3] / 2
    p = under(vb, r, x, y)
    pinch(b, x, y, s0, s1)
    got = b.eval(VIEWBOX % 0)
    q = under(got, b.eval(SVGBOX % 0), x, y)
    return got[2] / vb[2], [(p[0] - q[0]) * r[2] / got[2],
                            (p[1] - q[1]) * r[3] / got[3]]


def pinches(b):
    """Two fingers pinch a diagram: apart zooms in, together out."""
    ratio, moved = pinched(b, 20, 70)
    check("perceptron: two touches moving apart zoom in by their spread's "
          "ratio (3.5), about their midpoint (within 5% of the width)",
          abs(ratio * 3.5 - 1) < 0.01 and max(map(abs, moved)) < 60,
          [ratio, moved])
    check("perceptron: the point under a touch pinch's midpoint stays "
          "under it (within 1 px)", max(map(abs, moved)) < 1, moved)
    ratio, moved = pinched(b, 80, 30)
    check("perceptron: two touches moving together zoom out by their "
          "spread's ratio (3/8), about their midpoint (within 5% of the "
          "width)", abs(ratio * 3 / 8 - 1) < 0.01 and
          max(map(abs, moved)) < 60, [ratio, moved])


# INK(el): the box [left, top, right, bottom] of what el draws: its text
# and its SVGs, not its elements' boxes (a MathML annotation draws
# nothing); null when it draws nothing.
INK = """function INK(el) {
  var w = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT |
    NodeFilter.SHOW_TEXT), box = null, node, r, range;
  while ((node = w.nextNode())) {
    if (node.nodeType === 3) {
      if (!node.data.trim() || node.parentNode.closest("annotation"))
        continue;
      range = document.createRange();
      range.selectNodeContents(node);
      r = range.getBoundingClientRect();
    } else if (node.tagName.toLowerCase() === "svg") {
      r = node.getBoundingClientRect();
    } else {
      continue;
    }
    if (r.width === 0 && r.height === 0)
      continue;
    box = box ? [Math.min(box[0], r.left), Math.min(box[1], r.top),
      Math.max(box[2], r.right), Math.max(box[3], r.bottom)] :
      [r.left, r.top, r.right, r.bottom];
  }
  return box;
}"""

# The pairs of the contents' entries whose drawn boxes overlap by more
# than half a pixel both ways (the list has two columns), with the boxes.
CONTENTS_OVERLAP = "(function(){" + INK + """
  var e = Array.prototype.slice.call(document.querySelectorAll(
    "nav:not(.steps) ol > li")), box = e.map(INK), out = [];
  box.forEach(function (a, i) {
    box.slice(i + 1).forEach(function (c, j) {
      if (Math.min(a[2], c[2]) - Math.max(a[0], c[0]) > 0.5 &&
          Math.min(a[3], c[3]) - Math.max(a[1], c[1]) > 0.5)
        out.push([i + 1, i + j + 2, a, c]);
    });
  });
  return [e.length, e.filter(function (li) {
    return li.querySelector("mfrac"); }).length, out];
})()"""

# The boxes that scroll sideways (formulas, tables, diagrams): how many,
# those with a vertical scrollbar, and those with a horizontal one though
# what they draw fits in them.
SCROLLBARS = "(function(){" + INK + """
  var e = Array.prototype.slice.call(document.querySelectorAll(
    ".display, table.grid, table.eqs, figure.diagram")), v = [], h = [],
    fit = 0;
  e.forEach(function (el, i) {
    var s = getComputedStyle(el), r = el.getBoundingClientRect();
    var ink = INK(el), name = el.tagName + "." + el.className + " " + i;
    var fits = !ink || ink[2] <= r.left + el.clientLeft + el.clientWidth;
    if (/auto|scroll/.test(s.overflowY) && el.scrollHeight >
        el.clientHeight)
      v.push([name, el.scrollHeight, el.clientHeight]);
    fit += fits ? 1 : 0;
    if (fits && el.scrollWidth > el.clientWidth)
      h.push([name, el.scrollWidth, el.clientWidth]);
  });
  return [e.length, fit, v, h];
})()"""

# Every element (but the page itself) that shows a scrollbar.
ANY_SCROLLBAR = """Array.prototype.filter.call(document.querySelectorAll(
  "body *"), function (el) {
  var s = getComputedStyle(el);
  return /auto|scroll/.test(s.overflowY) &&
    el.scrollHeight > el.clientHeight ||
    /auto|scroll/.test(s.overflowX) && el.scrollWidth > el.clientWidth;
}).map(function (el) {
  return [el.tagName + "." + el.className, el.scrollWidth, el.clientWidth,
    el.scrollHeight, el.clientHeight];
})"""


def contents(b):
    """The contents' fractions have room of their own (418a9e2)."""
    b.open(page("perceptron"))
    count, fractions, overlaps = b.eval(CONTENTS_OVERLAP)
    check("perceptron: no two of the contents' %d entries (%d of them "
          "stacked fractions) overlap on the screen" % (count, fractions),
          fractions >= 10 and overlaps == [], overlaps)


def scrollbars(b, model):
    """No box scrolls for a pixel of ink, on the screen or printed
    (418a9e2)."""
    b.open(page(model))
    count, fit, vertical, sideways = b.eval(SCROLLBARS)
    check("%s: at 1280 px, none of its %d formula, table and diagram "
          "boxes has a vertical scrollbar" % (model, count),
          count > 0 and vertical == [], vertical)
    check("%s: at 1280 px, none whose content fits has a horizontal "
          "scrollbar" % model, fit > 0 and sideways == [], [fit, sideways])
    b.send("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = b.eval(ANY_SCROLLBAR)
    finally:
        b.send("Emulation.setEmulatedMedia", {"media": ""})
    check("%s: printed, no element has a scrollbar" % model, shown == [],
          shown)


def tips(b):
    url = page("ellipsoid")
    b.open(url)
    b.eval("document.querySelector('svg [data-node=\"t\"]')"
           ".dispatchEvent(new MouseEvent('mouseover',{bubbles:true}))")
    tip = b.eval("(function(){var t=document.getElementById('infdiag-tip');"
                 "return [t.hidden, t.textContent, t.getAttribute('role'),"
                 "t.querySelectorAll('[data-number]').length]})()")
    check("ellipsoid: hovering node t shows its value and adjoint",
          tip[0] is False and tip[1] == "t = 2; adjoint 25.1327412287" and
          tip[2] == "tooltip" and tip[3] == 0, tip)
    b.eval("document.querySelector('svg [data-arrow=\"t f\"]').focus()")
    tip = b.eval("(function(){var t=document.getElementById('infdiag-tip');"
                 "return [t.hidden, t.textContent,"
                 "t.querySelectorAll('[data-number]').length,"
                 "document.activeElement.getAttribute('aria-describedby')]"
                 "})()")
    check("ellipsoid: focusing the arrow t \u2192 f shows its local "
          "derivative's formula and value", tip[0] is False and
          tip[1].endswith("= 25.1327412287") and "\u2202" in tip[1] and
          tip[2] == 0 and tip[3] == "infdiag-tip", tip)


def main():
    try:
        b = cdp.Browser()
    except cdp.Unavailable as e:
        print("1..0 # SKIP " + str(e))
        return 77
    try:
        paths(b)
        steps(b)
        zoom(b)
        drags(b)
        pinches(b)
        tips(b)
        contents(b)
        scrollbars(b, "example3")
        scrollbars(b, "ellipsoid")
    finally:
        b.close()
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
