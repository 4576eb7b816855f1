"""The browser checks of the interactive report (SPEC 5.4, issue 16).

    checks.py INFDIAG EXAMPLES HOSTILE TMPDIR

Makes each example's report, loads it in headless Chromium with each
fragment of SPEC 5.4 and checks the DOM after the page's script ran, through
the DevTools protocol (cdp.py).  Prints one line per check, "PASS name" or
"FAIL name" followed by lines of detail starting with a tab; "SKIP name:
reason" for a check that does not apply.  tests/cli/browser.sh turns them
into TAP.
"""

import json
import math
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

INFDIAG, EXAMPLES, HOSTILE, TMP = sys.argv[1:5]
MODELS = ["chain", "example1", "example2", "example3", "multivariate",
          "ellipsoid", "perceptron", "vectors"]
# The variable moved in each model with values, to 2.5 (SPEC: #set=x:2.5).
SET = {"ellipsoid": "x", "perceptron": "x_1"}
REL = 1e-12

failed = False


def report(name, ok, details=()):
    """One check's line, and its details after a failure."""
    global failed
    print(("PASS " if ok else "FAIL ") + name)
    failed |= not ok
    for d in details:
        print("\t" + str(d)[:300])
    sys.stdout.flush()


def skip(name, why):
    print("SKIP %s :: %s" % (name, why))


def infdiag(*args):
    return subprocess.run([INFDIAG] + list(args), check=True,
                          stdout=subprocess.PIPE).stdout


def make_report(model, out):
    infdiag("report", model, "-o", out)
    return "file://" + os.path.abspath(out)


def close(a, b, rel=REL):
    """a and b agree to rel, relative to the larger (both 0 agree)."""
    if a is None or b is None:
        return a is None and b is None
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= rel * max(abs(a), abs(b))


def close_fd(a, b, ev, k):
    """Finite differences of derivative k (0-based) agree: to REL, or
    within what 4 ulps of f on each side, divided by the step 2h, make
    (the page's Math and glibc may round exp, sin, ... apart in the last
    bit; the difference quotient magnifies that by 1/2h)."""
    d = ev["derivatives"][k]
    x = ev["values"].get(d["wrt"], 0.0)
    h = 2.0 ** (-52 / 3.0) * max(1.0, abs(x))
    f = ev["values"].get(ev["of"], 0.0)
    return close(a, b) or (a is not None and b is not None and
                           abs(a - b) <= 8 * 2.0 ** -52 * abs(f) / (2 * h))


def agree(el, a, b, ev):
    """The numbers a and b of element el agree (see close_fd)."""
    if "fd" in el["k"]:
        return close_fd(a, b, ev, int(el["k"]["fd"]) - 1)
    return close(a, b)


def num(x):
    """A data-number attribute as a float (None: absent)."""
    if x is None:
        return None
    try:
        return float(x)
    except ValueError:
        return float("nan")


# Every data-number of the page with what says which number it is.
NUMBERS_JS = """
(function () {
  var keys = ["var", "adjoint", "local", "total", "reverse", "partial",
      "indirect", "term", "tangent", "fd"];
  return Array.prototype.map.call(document.querySelectorAll("[data-number]"),
    function (e) {
      var d = e.closest("[data-d]"), k = {}, i;
      for (i = 0; i < keys.length; i++)
        if (e.hasAttribute("data-" + keys[i]))
          k[keys[i]] = e.getAttribute("data-" + keys[i]);
      return {k: k, d: d ? d.getAttribute("data-d") : null,
        n: e.getAttribute("data-number"), text: e.textContent,
        svg: !!e.closest("svg"), tag: e.tagName,
        digits: e.getAttribute("data-digits"),
        moved: e.classList.contains("whatif-moved") &&
          (e.closest("svg") ? e.style.fill !== "" :
           e.style.backgroundColor !== "")};
    });
})()
"""


def expected(ev, el):
    """The number infdiag eval gives for element el, or "?" when eval
    does not print that number (tangents, path terms)."""
    k = el["k"]
    if "var" in k:
        return ev["values"].get(k["var"])
    if "adjoint" in k:
        return ev["adjoints"].get(k["adjoint"])
    if "local" in k:
        u, v = k["local"].split()
        for loc in ev["locals"]:
            if loc["of"] == v and loc["wrt"] == u:
                return loc.get("value")
        return None
    for key, field in (("total", "value"), ("reverse", "reverse_value"),
                       ("partial", "partial_value"), ("fd", None),
                       ("indirect", None)):
        if key in k:
            d = ev["derivatives"][int(k[key]) - 1]
            if key == "indirect":
                return d["value"] - d.get("partial_value", 0.0)
            if key == "fd":
                return d.get("check", {}).get("finite_difference")
            if key == "partial" and not d.get("direct"):
                return 0.0
            return d.get(field)
    return "?"


def key_of(el):
    return json.dumps([el["k"], el["d"], el["svg"]], sort_keys=True)


def pyspell(x, digits=12):
    """C's %.12g (or to digits) with the text's minus sign, as
    note_number_digits writes it."""
    if x is None or math.isnan(x):
        return "undefined"
    if math.isinf(x):
        return "overflow"
    return ("%.*g" % (digits, x + 0.0)).replace("-", "\u2212")


def check_numbers(name, els, ev, ref):
    """Every data-number agrees with eval (ev) and with the report made
    at that point (ref, the same elements); its text with its number."""
    bad = []
    if len(els) == 0:
        bad.append("no element carries data-number")
    if len(els) != len(ref):
        bad.append("%d numbers, the report at that point has %d"
                   % (len(els), len(ref)))
    for i, el in enumerate(els):
        x = num(el["n"])
        want = expected(ev, el)
        if want != "?" and not agree(el, x, want, ev):
            bad.append("%s: %r, eval says %r" % (key_of(el), x, want))
        if i < len(ref) and (key_of(ref[i]) != key_of(el) or
                             not agree(el, x, num(ref[i]["n"]), ev)):
            bad.append("%s: %r, the report at that point has %s %r"
                       % (key_of(el), x, key_of(ref[i]), ref[i]["n"]))
        if not el["svg"] and el["text"].strip() != pyspell(x) and \
                el["text"].strip() != pyspell(x).replace("\u2212", "-"):
            bad.append("%s: text %r for %r" % (key_of(el), el["text"], x))
        # A diagram's label ends with its number at the digits drawn.
        if el["svg"] and not el["text"].endswith(
                pyspell(x, int(el["digits"] or 12))):
            bad.append("%s: label %r for %r" % (key_of(el), el["text"], x))
    report(name, not bad, bad[:12])


# Each derivative's check cell: its class and words.
CHECKS_JS = """Array.prototype.map.call(document.querySelectorAll(
  "[data-fd-error]"), function (e) {
  var s = e.querySelector("span");
  return [e.getAttribute("data-fd-error"), s ? s.className : null,
    e.textContent];
})"""


def check_words(name, b, model, ev):
    """Each derivative's check cell says what infdiag eval of model says:
    its words exactly where the page's finite difference is eval's
    double, else its verdict (ok or bad)."""
    text = infdiag("eval", model).decode()
    words = [line.split("(", 1)[1][:-1] for line in text.splitlines()
             if line.startswith("    finite difference: ")]
    cells, bad, i = b.eval(CHECKS_JS), [], 0
    fds = b.eval("Array.prototype.map.call(document.querySelectorAll("
                 "'td[data-fd]'), function (e) { return e.getAttribute("
                 "'data-number'); })")
    for k, d in enumerate(ev["derivatives"]):
        if k >= len(cells):
            break
        no, cls, got = cells[k]
        if "check" not in d:
            continue
        want_cls = "ok" if d["check"]["ok"] else "bad"
        if cls != want_cls:
            bad.append("check %s: %s, eval %s" % (no, cls, want_cls))
        if num(fds[k]) == d["check"]["finite_difference"] and \
                got != words[i]:
            bad.append("check %s: %r, eval %r" % (no, got, words[i]))
        i += 1
    report(name, len(cells) > 0 and not bad, bad[:6])


# A model at points where functions are not differentiable: x = 0 meets
# relu and abs in h, and a tie of max in m; moved to x = 1, it meets none,
# to x = 0.5 with z = 1.5 the tie again.
KINKS = {"title": "kinks", "of": "y", "variables": {
    "x": {"value": 0}, "z": {"value": 1},
    "h": {"inputs": ["x"], "expr": "relu(x) + abs(x)"},
    "m": {"inputs": ["x", "z"], "expr": "max(x, z - 1)"},
    "y": {"inputs": ["h", "m", "z"], "expr": "h*z + m"}}}
NOTES_JS = """Array.prototype.map.call(document.querySelectorAll(
  "#kinks p.note"), function (e) { return e.textContent; })"""


def check_kinks(b):
    """The notes of the points where a function is not differentiable
    are eval's, at the model's point and after a what-if."""
    model = os.path.join(TMP, "kinks.json")
    with open(model, "w") as f:
        json.dump(KINKS, f)
    url = make_report(model, os.path.join(TMP, "kinks.html"))
    for frag, var, value in (("", None, None), ("#set=x:1", "x", 1),
                             ("#set=z:0", "z", 0)):
        at = model
        if var is not None:
            at = os.path.join(TMP, "kinks-%s.json" % var)
            set_model(model, var, value, at)
        ev = json.loads(infdiag("eval", "--format", "json", at))
        want = ["Note: " + n for n in ev.get("notes", [])]
        b.open(url + frag)
        got = b.eval(NOTES_JS)
        report("kinks %s: the notes are eval's (%d)" % (frag or "at load",
                                                        len(want)),
               got == want, ["got %r" % got, "eval %r" % want])
        check_words("kinks %s: each check's words are eval's" %
                    (frag or "at load"), b, at, ev)


def set_model(model, var, value, out):
    """Writes the model with var's value changed."""
    with open(model) as f:
        m = json.load(f)
    m["variables"][var]["value"] = value
    with open(out, "w") as f:
        json.dump(m, f)


def check_set(b, name, url):
    """#set=VAR:2.5: every number is infdiag eval's at that point, and
    the reset puts back the model's."""
    var = SET[name]
    moved = os.path.join(TMP, name + "-set.json")
    set_model(os.path.join(EXAMPLES, name + ".json"), var, 2.5, moved)
    ev = json.loads(infdiag("eval", "--format", "json", moved))
    b.open(make_report(moved, os.path.join(TMP, name + "-set.html")))
    ref = b.eval(NUMBERS_JS)
    b.open(url)
    before = b.eval(NUMBERS_JS)
    b.open(url + "#set=%s:2.5" % var)
    check_numbers("%s #set=%s:2.5: every data-number is eval's at %s = 2.5"
                  % (name, var, var), b.eval(NUMBERS_JS), ev, ref)
    check_words("%s #set=%s:2.5: each check's words are eval's at %s = 2.5"
                % (name, var, var), b, moved, ev)
    # Each number that moved from the model's point is highlighted (a
    # background, in a diagram a fill), and only those.
    after = b.eval(NUMBERS_JS)
    wrong = ["%s: %s -> %s, highlighted %s" % (key_of(e), f["n"], e["n"],
                                               e["moved"])
             for e, f in zip(after, before)
             if e["moved"] != (not close(num(e["n"]), num(f["n"])))]
    report("%s #set=%s:2.5: the numbers that moved are highlighted, and "
           "only they (%d of %d)" % (name, var, sum(e["moved"] for e in
                                                    after), len(after)),
           len(after) == len(before) and any(e["moved"] for e in after) and
           any(not e["moved"] for e in after) and not wrong, wrong[:5])
    report("%s #set=%s:2.5: the input shows 2.5" % (name, var),
           b.eval("(function(){var i=document.querySelector("
                  "'input[data-whatif=\"%s\"]');return i&&i.value})()"
                  % var) == "2.5")
    # The diagrams' labels follow, at the digits they are drawn with: the
    # variable moved reads "value 2.5" in every diagram that draws it.
    labels = b.eval("Array.prototype.map.call(document.querySelectorAll("
                    "'svg text[data-var=\"%s\"]'), function (e) {"
                    "return e.textContent; })" % var)
    report("%s #set=%s:2.5: the diagrams' labels read value 2.5"
           % (name, var), len(labels) > 0 and
           all(t == "value 2.5" for t in labels), labels[:5])
    # The reset, clicked with the mouse, puts back every number.
    clicked = b.click("#whatif-reset")
    after = b.eval(NUMBERS_JS)
    ev0 = json.loads(infdiag("eval", "--format", "json",
                             os.path.join(EXAMPLES, name + ".json")))
    same = [key_of(e) for e, f in zip(after, before)
            if not agree(e, num(e["n"]), num(f["n"]), ev0) or
            e["text"] != f["text"]]
    report("%s: the reset button puts back the model's numbers" % name,
           clicked and len(after) == len(before) and not same,
           ["clicked: %s" % clicked] + same[:5])
    b.open(url)
    # Typed into the input, key by key: the total follows.
    b.click('input[data-whatif="%s"]' % var)
    b.key("a", 2)
    b.key("Backspace")
    for ch in "2.5":
        b.type_text(ch)
    got = num(b.eval("(function(){var e=document.querySelector("
                     "'[data-total=\"1\"]');return e&&e.getAttribute("
                     "'data-number')})()"))
    want = ev["derivatives"][0]["value"]
    report("%s: typing 2.5 into %s's input makes the total eval's" %
           (name, var), close(got, want), ["got %r, want %r" % (got, want)])


def check_paths(b, name, url, counts):
    """#path=N and #d=K&path=N: the path's elements, and only they, are
    selected: its arrows in the diagram, its list entry, its term.
    counts: each derivative's number of paths."""
    for k in range(1, min(len(counts), 2) + 1):
        for n in (1, 2):
            if n > counts[k - 1]:
                skip("%s #d=%d&path=%d" % (name, k, n),
                     "derivative %d has %d path(s)" % (k, counts[k - 1]))
                continue
            frag = "#path=%d" % n if k == 1 else "#d=%d&path=%d" % (k, n)
            b.open(url + frag)
            r = b.eval("""(function (k, n) {
  var out = {sel: 0, svg: 0, math: 0, list: 0, wrong: [], missing: []};
  document.querySelectorAll("[data-path]").forEach(function (e) {
    var d = e.closest("[data-d]"), dk = d ? d.getAttribute("data-d") : "1";
    var mine = dk === String(k) &&
      e.getAttribute("data-path").split(/\\s+/).indexOf(String(n)) >= 0;
    var sel = e.classList.contains("selected") ||
      e.getAttribute("aria-selected") === "true";
    if (mine && sel) {
      out.sel++;
      if (e.closest("svg")) out.svg++;
      else if (e.closest("math")) out.math++;
      else out.list++;
    }
    if (mine && !sel) out.missing.push(e.tagName + " " + dk);
    if (!mine && sel) out.wrong.push(e.tagName + " d=" + dk + " path=" +
      e.getAttribute("data-path"));
  });
  return out;
})(%d, %d)""" % (k, n))
            report("%s %s: its arrows, list entry and term selected, "
                   "nothing else" % (name, frag),
                   r["svg"] > 0 and r["list"] > 0 and r["math"] > 0 and
                   not r["wrong"] and not r["missing"],
                   ["selected: %d in diagrams, %d in formulas, %d in lists"
                    % (r["svg"], r["math"], r["list"])] +
                   ["selected but not on it: " + w for w in r["wrong"][:3]] +
                   ["on it but not selected: " + w
                    for w in r["missing"][:3]])


STEPS_JS = """(function () {
  return Array.prototype.map.call(document.querySelectorAll("[data-step]"),
    function (e) {
      var cs = getComputedStyle(e);
      return [e.getAttribute("data-step"), e.hidden ||
        (e.getAttribute("aria-hidden") === "true" && cs.display === "none")];
    });
})()"""


def shown_steps(steps):
    return [s for s, hidden in steps if not hidden]


def check_steps(b, name, url):
    """#step=K shows step K alone; the arrow keys move it."""
    b.open(url)
    steps = b.eval(STEPS_JS)
    if not steps:
        report("%s: the derivation has steps (data-step)" % name, False)
        return
    count = len(set(s for s, _ in steps))
    for k in sorted(set([1, 2, count])):
        b.open(url + "#step=%d" % k)
        shown = shown_steps(b.eval(STEPS_JS))
        report("%s #step=%d: step %d shown, the other %d hidden" %
               (name, k, k, count - 1), shown and
               all(s == str(k) for s in shown), ["shown: %s" % shown])
    b.open(url + "#step=1")
    b.eval("document.activeElement && document.activeElement.blur()")
    b.key("ArrowRight")
    shown = shown_steps(b.eval(STEPS_JS))
    report("%s: the right arrow key goes from step 1 to step 2" % name,
           shown and all(s == "2" for s in shown), ["shown: %s" % shown])
    b.key("ArrowLeft")
    shown = shown_steps(b.eval(STEPS_JS))
    report("%s: the left arrow key goes back to step 1" % name,
           shown and all(s == "1" for s in shown), ["shown: %s" % shown])


SAFE_JS = """(function () {
  var meta = document.querySelector(
    'meta[http-equiv="Content-Security-Policy" i]'), on = [];
  document.querySelectorAll("*").forEach(function (e) {
    for (var i = 0; i < e.attributes.length; i++)
      if (/^on/i.test(e.attributes[i].name))
        on.push(e.tagName + " " + e.attributes[i].name);
  });
  return {csp: meta ? meta.getAttribute("content") : null,
    bad: document.querySelectorAll(
      "img, iframe, object, embed, foreignObject, base, link, frame").length,
    scripts: Array.prototype.map.call(document.querySelectorAll("script"),
      function (s) { return s.type || "js"; }),
    on: on, title: document.title};
})()"""


def check_safe(b, name, url):
    """The CSP meta, no request leaving the page, no dialog, exception or
    CSP violation, nothing injected."""
    b.dialogs, b.exceptions, b.csp = [], [], []
    b.open(url)
    r = b.eval(SAFE_JS)
    csp = r["csp"] or ""
    report("%s: a CSP meta with default-src 'none', hashes, no unsafe-*" %
           name, "default-src 'none'" in csp and "'sha256-" in csp and
           "unsafe-inline" not in csp and "unsafe-eval" not in csp,
           ["CSP: %r" % csp])
    leaving = b.leaving_requests()
    report("%s: no request leaves the page" % name, not leaving, leaving[:5])
    report("%s: no dialog, no exception, no CSP violation" % name,
           not b.dialogs and not b.exceptions and not b.csp,
           b.dialogs[:3] + b.exceptions[:3] + b.csp[:3])
    report("%s: nothing injected (no img, iframe, object, on* attribute; "
           "one script and the data)" % name, r["bad"] == 0 and
           not r["on"] and sorted(r["scripts"]) ==
           ["application/json", "js"] and r["title"] != "pwned",
           ["%r" % r])


def check_no_whatif(b, name, url):
    """A model without values gets no what-if input."""
    b.open(url + "#set=x:2.5")
    n = b.eval("document.querySelectorAll('input[data-whatif]').length")
    report("%s: no values, no what-if input" % name, n == 0,
           ["%d inputs" % n])


def main():
    try:
        b = cdp.Browser(deadline=540)
    except cdp.Unavailable as e:
        print("UNAVAILABLE " + str(e))
        return 77
    try:
        for name in MODELS:
            model = os.path.join(EXAMPLES, name + ".json")
            url = make_report(model, os.path.join(TMP, name + ".html"))
            check_safe(b, name, url)
            counts = [int(d["path_count"]) for d in json.loads(infdiag(
                "analyze", "--format", "json", model))["derivatives"]]
            check_paths(b, name, url, counts)
            check_steps(b, name, url)
            if name in SET:
                check_set(b, name, url)
            else:
                check_no_whatif(b, name, url)
        check_kinks(b)
        url = make_report(HOSTILE, os.path.join(TMP, "hostile.html"))
        check_safe(b, "hostile model", url)
        b.open(url + "#set=x:2.5")
        report("hostile model #set=x:2.5: still no dialog, nothing injected",
               not b.dialogs and b.eval(SAFE_JS)["title"] != "pwned")
    finally:
        b.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
