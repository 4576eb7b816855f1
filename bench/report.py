#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the figures bench/run measured.

    report.py RESULTS.tsv WORKDIR > RESULTS.md
    report.py --render RENDER.tsv RESULTS.md > RESULTS.md.new

The second form (bench/render) replaces only the rendering section.

RESULTS.tsv holds bench/measure.py's lines (name, median seconds, median
peak KiB, min, max, runs, median CPU seconds) and bench/run's notes (name,
value).  WORKDIR
may hold callgrind profiles (cg.check, cg.analyze, cg.eval), whose
inclusive shares are quoted where a goal is missed.
"""
import datetime
import os
import platform
import re
import subprocess
import sys


def load(path):
    """Reads the measurements and the notes."""
    meas, notes = {}, {}
    with open(path) as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 7:
                meas[cols[0]] = {"s": float(cols[1]), "kib": int(cols[2]),
                                 "min": float(cols[3]),
                                 "max": float(cols[4]), "runs": int(cols[5]),
                                 "cpu": float(cols[6])}
            elif len(cols) == 2:
                notes[cols[0]] = cols[1]
    return meas, notes


def machine():
    """nproc, CPU model and memory of this machine."""
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1048576)
    return "%d cores (nproc), %s, %s memory, %s %s" % (
        os.cpu_count(), cpu, mem, platform.system(), platform.release())


TOTAL = "PROGRAM TOTALS"


def shares(path):
    """Inclusive instruction shares by function name in a callgrind file."""
    if not os.path.exists(path):
        return {}
    try:
        out = subprocess.run(["callgrind_annotate", "--inclusive=yes",
                              "--threshold=100", path],
                             capture_output=True, text=True).stdout
    except OSError:
        return {}
    got = {}
    for line in out.splitlines():
        m = re.match(r"\s*[\d,]+ \(\s*([\d.]+)%\)\s+\S*?:([^\s\[]+)", line)
        # A recursive function's inner instances (name'2) count their
        # callees again: only the outermost one is kept.
        if m and not re.search(r"'\d+$", m.group(2)):
            name = re.sub(r"(\.part\.\d+|\.constprop\.\d+)$", "",
                          m.group(2))
            got[name] = max(got.get(name, 0.0), float(m.group(1)))
        t = re.match(r"\s*([\d,]+) \(\s*100\.0%\)\s+PROGRAM TOTALS", line)
        if t:
            got[TOTAL] = float(t.group(1).replace(",", ""))
    return got


def ir_ratio(prof, floor):
    """The instructions of one program over the floor's on the same file."""
    if prof.get(TOTAL) and floor.get(TOTAL):
        return "%.2f×" % (prof[TOTAL] / floor[TOTAL])
    return "n/a"


def ms(s):
    return "%.1f ms" % (s * 1000)


def sec(s):
    return "%.2f s" % s


def mib(kib):
    return "%.0f MiB" % (kib / 1024)


def share(prof, name):
    v = prof.get(name)
    return "%.0f%%" % v if v is not None else "n/a"


class Report:
    def __init__(self, meas, notes, work):
        self.m, self.n = meas, notes
        self.rows, self.misses = [], []
        self.cg = {k: shares(os.path.join(work, "cg." + k))
                   for k in ("floor", "check", "analyze", "eval")}

    def goal(self, what, measured, ratio, target, met, why):
        self.rows.append("| %s | %s | %s | %s | %s |" % (
            what, measured, ratio, target, "met" if met else "**missed**"))
        if not met:
            self.misses.append((what, why))


def main():
    meas, notes = load(sys.argv[1])
    R = Report(meas, notes, sys.argv[2])
    m, n = meas, notes
    big = int(n["big"])
    pc, pa, pe = R.cg["check"], R.cg["analyze"], R.cg["eval"]
    prof_n = n.get("prof_n", "?")

    # (a) check against the floor.
    fl, ck = m["floor_sparse%d" % big], m["check_sparse%d" % big]
    r = ck["s"] / fl["s"]
    R.goal("check, sparse %d: wall" % big,
           "%s vs floor %s" % (sec(ck["s"]), sec(fl["s"])), "%.2f×" % r,
           "≤ 1.2×", r <= 1.2,
           "The floor is jansson building its tree and freeing it; "
           "infdiag's `check` does both and adds its own pass over the "
           "tree.  In callgrind on `check` of sparse %s, jansson's parse "
           "(`json_load_callback`) is %s of the instructions and freeing "
           "the tree (`json_delete`) %s: the floor's own work.  infdiag's "
           "reading (`load_document`, %s with the freeing) is the rest: "
           "reading each variable's inputs (`load_inputs` %s, names "
           "looked up by hash in `model_lookup` %s), the model's compact "
           "arrays, and what is left of freeing the tree into glibc "
           "(`malloc_consolidate` %s: the command line turns glibc's fast "
           "bins off, so that the first large allocation after the tree "
           "is freed does not walk millions of parked blocks).  In "
           "instructions `check` is %s the floor's (both under callgrind "
           "on that file).  The wall-clock ratio is larger: every input "
           "is a lookup in a table as large as the model, so the "
           "table's slot, the variable and its name are each a likely "
           "cache miss at 10^6 variables (the slots of a variable's "
           "inputs are prefetched together), and the machine is noisy.  "
           "Below the floor itself "
           "only a reader that does not build jansson's tree (a streaming "
           "parse straight into the model) can go." % (
               prof_n, share(pc, "json_load_callback"),
               share(pc, "json_delete"), share(pc, "load_document"),
               share(pc, "load_inputs"), share(pc, "model_lookup"),
               share(pc, "malloc_consolidate"), ir_ratio(pc, R.cg["floor"])))
    r = ck["cpu"] / fl["cpu"]
    R.goal("check, sparse %d: CPU time (issue 18)" % big,
           "%s vs floor %s" % (sec(ck["cpu"]), sec(fl["cpu"])), "%.2f×" % r,
           "≤ 1.3×", r <= 1.3,
           "The same document as the wall-clock row above.  In "
           "instructions `check` is %s the floor's (callgrind, sparse %s): "
           "jansson's parse and freeing are the floor's own work, and "
           "infdiag's reading of the tree into its model (`load_document` "
           "%s of the instructions with the freeing, `load_inputs` %s, "
           "`model_lookup` %s) is the rest.  The CPU ratio is above the "
           "instruction ratio because that rest waits for memory: each of "
           "the 4·10^6 inputs is a lookup in a table of 2^21 slots, then a "
           "visit to the variable's stamp and slot in the loader, each a "
           "likely cache miss (a name of up to 8 bytes is compared in the "
           "table's slot, so its variable and name are not read), and the "
           "figure moves with the other processes sharing the cache.  "
           "Going lower means not building jansson's tree at all: a "
           "streaming reader straight into the model." % (
               ir_ratio(pc, R.cg["floor"]), prof_n,
               share(pc, "load_document"), share(pc, "load_inputs"),
               share(pc, "model_lookup")))
    r = ck["kib"] / fl["kib"]
    R.goal("check, sparse %d: peak memory" % big,
           "%s vs floor %s" % (mib(ck["kib"]), mib(fl["kib"])),
           "%.2f×" % r, "≤ 1.3×", r <= 1.3,
           "Peak memory is jansson's tree plus the model built beside it; "
           "it can only fall below tree + model by freeing each variable's "
           "JSON as soon as it is read (jansson cannot), i.e. a streaming "
           "reader.")

    # (b) analyze against the floor.
    an = m["analyze_sparse%d" % big]
    r = an["cpu"] / fl["cpu"]
    R.goal("analyze --format json --max-paths 100, sparse %d: CPU time "
           "(issue 18)" % big,
           "%s vs floor %s (wall %s vs %s: %.2f×)" % (
               sec(an["cpu"]), sec(fl["cpu"]), sec(an["s"]), sec(fl["s"]),
               an["s"] / fl["s"]),
           "%.2f×" % r, "≤ 2.5×", r <= 2.5,
           "In the same run `check` of the same model, which loads it and "
           "nothing more, takes %s (%.2f× the floor): the analysis and the "
           "JSON (about %s bytes per variable) cost %s beyond loading.  In "
           "callgrind on `analyze --format json` of sparse 10000, "
           "`write_json` is %s of the instructions and loading "
           "(`load_stream`) %s.  Within the writer, each variable's symbols "
           "are spelled once per model and copied, so what remains is "
           "proportional to the output: the notation building each local "
           "derivative, rule and forward/reverse form (`note_local` %s, "
           "`note_rule` %s) and escaping them into JSON strings (`jstr` "
           "%s).  Only a smaller document (each local derivative is "
           "written four times: in its subgraph, its rule and the "
           "forward and reverse equations, in text and LaTeX) would move "
           "the writer's part; the rest is the loader's (see check "
           "above)." % (
               sec(ck["s"]), ck["s"] / fl["s"],
               int(int(n.get("analyze_bytes_10000", "0")) / 10000),
               sec(an["s"] - ck["s"]), share(pa, "write_json"),
               share(pa, "load_stream"), share(pa, "note_local"),
               share(pa, "note_rule"), share(pa, "jstr")))

    # (c) exact counts on the layered graph.
    fl, ckl, pl = m["floor_layered"], m["check_layered"], m["paths_layered"]
    beyond = pl["s"] - fl["s"]
    R.goal("exact path count, layered %s × 10 (%s digits)" % (
        n["layers"], n.get("count_digits", "?")),
           "%s; parse (floor) %s; check %s" % (
               sec(pl["s"]), sec(fl["s"]), sec(ckl["s"])),
           "%s beyond parsing (%s beyond check)" % (
               sec(beyond), sec(pl["s"] - ckl["s"])),
           "≤ 1 s", beyond <= 1,
           "Beyond parsing the time is loading into the model (see check "
           "above) and the big-number additions: one addition per arrow on "
           "counts of thousands of digits.")

    # (d) listing against NetworkX, on a deep and on a wide graph.
    for key in ("deep", "wide"):
        if "list_%s_infdiag" % key not in m:
            continue
        li, lc = m["list_%s_infdiag" % key], m["list_%s_count" % key]
        dd, nxp = m["list_%s_dd" % key], m["list_%s_nx" % key]
        layers, width = (int(x) for x in n["list_%s_shape" % key].split())
        nn = int(n["list_%s_n" % key])
        size = int(n.get("list_%s_bytes" % key, "0"))
        nxc, nxs = n["list_%s_networkx" % key].split()
        npps = int(nxc) / float(nxs)
        ipps = nn / li["s"]
        listing = li["s"] - lc["s"]
        lpps = nn / listing if listing > 0 else float("inf")
        r = ipps / npps
        R.goal("path listing, %d paths of layered %d × %d (%d names each) "
               "to a file" % (nn, layers, width, layers + 2),
               "infdiag %.0f paths/s (%s, %.0f MB); beyond counting %.0f "
               "paths/s; NetworkX %.0f paths/s (enumeration alone; its "
               "process %s)" % (ipps, sec(li["s"]), size / 1e6, lpps, npps,
                                sec(nxp["s"])),
               "%.1f× (beyond counting %.1f×)" % (r, lpps / npps), "≥ 50×",
               r >= 50,
               "infdiag's figure is its whole process, NetworkX's only its "
               "enumeration in a warm process.  Starting, loading the model "
               "and counting its paths exactly take infdiag %s "
               "(`--max-paths 0`, same run); listing adds %s for %d bytes "
               "of text per path, of which writing the same %.0f MB with "
               "`dd` alone takes %s.  Beyond that fixed cost infdiag lists "
               "%.0f paths/s, %.0f× NetworkX.  Each listed path is spelled "
               "only from where it leaves the one before (paths come in "
               "order), so what remains is the bytes of each line and the "
               "process's start: a compact format (indices, or only the "
               "suffix that changed) would move the first; the second is "
               "the machine's (see small models below)." % (
                   sec(lc["s"]), sec(listing), size // max(nn, 1),
                   size / 1e6, sec(dd["s"]), lpps, lpps / npps))

    # (e) numbers.
    for key, label in (("pbig", n["pbig"]), ("pmid", n["pmid"])):
        if "sweeps_" + key not in m:
            continue
        sw, fe = m["sweeps_" + key], m["floor_" + key]
        a, b, c = (int(x) for x in label.split())
        weights = a * b + b * c + c
        beyond = sw["s"] - fe["s"]
        extra = ""
        if "eval_" + key in m:
            extra = "; the whole `eval` %s, peak %s" % (
                sec(m["eval_" + key]["s"]), mib(m["eval_" + key]["kib"]))
            if "eval_%s_bytes" % key in n:
                extra += ", writing %.0f MB of text" % (
                    int(n["eval_%s_bytes" % key]) / 1e6)
        R.goal("numbers (values, locals, sweeps, sampled checks), "
               "perceptron %s (%d weights, %d run%s)" % (
                   label, weights, sw["runs"], "s" if sw["runs"] > 1 else ""),
               "%s, peak %s; parse %s%s" % (sec(sw["s"]), mib(sw["kib"]),
                                            sec(fe["s"]), extra),
               "%s beyond parsing" % sec(beyond), "≤ 1 s", beyond <= 1,
               "Beyond parsing, `bench/sweeps` loads the model (expressions "
               "parsed), derives every local derivative (one simplification "
               "and one index per expression, `expr_derive_all`), evaluates "
               "them (`expr_eval_memo`), runs one reverse and one forward "
               "sweep per weight and the finite-difference checks within "
               "CHECK_BUDGET.  In callgrind on perceptron 30 30 10, "
               "`perturbed` (the checks) is %s of the instructions and "
               "`eval_locals` %s.  The whole `eval` adds the text: a line "
               "per value, per arrow (a local derivative's formula of more "
               "than 256 symbols is given by its value alone) and per path "
               "listed, at most `--max-paths` per derivative." % (
                   share(pe, "perturbed"), share(pe, "eval_locals")))
    if "eval1_pbig" in m:
        e1, ea, sw = m["eval1_pbig"], m["eval_pbig"], m["sweeps_pbig"]
        R.goal("eval text, perceptron %s (issue 18: 24 s and gigabytes "
               "before)" % n["pbig"],
               "`--max-paths 1` %s CPU (%.0f MB); default (1000 paths per "
               "derivative) %s CPU (%.0f MB, 1 run); the numbers alone %s "
               "CPU" % (sec(e1["cpu"]), int(n["eval1_pbig_bytes"]) / 1e6,
                        sec(ea["cpu"]), int(n["eval_pbig_bytes"]) / 1e6,
                        sec(sw["cpu"])),
               "%.2f× the numbers alone" % (e1["cpu"] / sw["cpu"]),
               "≤ 3× (linear text)", e1["cpu"] <= 3 * sw["cpu"],
               "The text is what the numbers cost to spell: one line per "
               "value, per arrow and per path listed.")

    # (h) wide models against the floor on the same file.
    wide = n.get("wide")
    for key, cmd, what, before in (
            ("sum", "check", "one expr summing %s inputs", "14 s"),
            ("layer", "check", "a linear layer of %s weights", "27 s"),
            ("fanin", "formula", "fan-in of %s inputs, default wrt",
             "42 s"),
            ("fanin", "analyze", "fan-in of %s inputs, default wrt",
             "over 60 s"),
            ("shared", "eval", "a sum of %s variables sharing one input",
             "over 60 s")):
        name = "w_%s_%s" % (cmd, key)
        if wide is None or name not in m:
            continue
        c, fl = m[name], m["w_floor_" + key]
        r = c["cpu"] / fl["cpu"]
        R.goal("%s: %s (issue 18, before: %s at 10^5)" % (
            what % wide, cmd, before),
               "%s CPU vs floor %s (wall %s vs %s)" % (
                   sec(c["cpu"]), sec(fl["cpu"]), sec(c["s"]), sec(fl["s"])),
               "%.2f×" % r, "≤ 5× (linear)", r <= 5,
               "The floor parses the same file; the rest is the model, its "
               "analysis and the text, each linear in the model (see "
               "`tests/cli/linear.sh`, which asserts the growth from N to "
               "4N).")

    # (f) examples and SymPy.
    ex = sorted(k for k in m if k.startswith("ex_"))
    assert "start_infdiag" in m
    worst = max(m[k]["s"] for k in ex)
    R.goal("small models: slowest of %d examples, analyze" % len(ex),
           ms(worst), "%.2f× of 10 ms" % (worst / 0.010), "≤ 10 ms",
           worst <= 0.010,
           "Start-up is the whole miss.  In the same run a process that "
           "does nothing (`/bin/true`) takes %s, the jansson floor on "
           "ellipsoid.json %s, and `infdiag --version`, which reads no "
           "model, %s: the analysis of an example costs %s beyond "
           "infdiag's own start.  infdiag needs %s shared objects at start "
           "(`ldd`); Graphviz's layout and rendering plugins, with their "
           "cairo/pango/fontconfig chain, are dlopen()ed only when a "
           "diagram is rendered.  What remains is the cost of creating a "
           "process on this machine, which the `/bin/true` row measures "
           "and which swings with the machine's load." % (
               ms(m["start_true"]["s"]), ms(m["start_floor"]["s"]),
               ms(m["start_infdiag"]["s"]),
               ms(worst - m["start_infdiag"]["s"]), n.get("ldd_n", "?")))
    for name in ("ellipsoid", "example3"):
        s, e = m["sympy_" + name], m["ex_" + name]
        R.goal("%s: infdiag analyze vs SymPy diff (process)" % name,
               "%s vs %s" % (ms(e["s"]), ms(s["s"])),
               "%.0f× faster" % (s["s"] / e["s"]), "≤ 10 ms",
               e["s"] <= 0.010, "See the examples above.")

    # (g) growth.
    sizes = sorted(int(k[len("check_sparse"):]) for k in m
                   if k.startswith("check_sparse"))
    per = {s: m["check_sparse%d" % s]["s"] / s for s in sizes}
    fper = {s: m["floor_sparse%d" % s]["s"] / s for s in sizes}
    lo, hi = min(per.values()), max(per.values())
    R.goal("growth: check time per variable, %s" % " to ".join(
        "%g" % s for s in (sizes[0], sizes[-1])),
           ", ".join("%.2f µs" % (per[s] * 1e6) for s in sizes),
           "%.2f× (max/min)" % (hi / lo), "≤ 1.5×", hi / lo <= 1.5,
           "The floor itself is not flat (%s per variable): jansson's "
           "object hash and malloc grow with the document, and at 10^3 "
           "process start-up is a large share of a few milliseconds." % (
               ", ".join("%.2f µs" % (fper[s] * 1e6) for s in sizes)))

    out = []
    w = out.append
    w("# infdiag benchmarks (issues 7 and 18)")
    w("")
    w("Written by `bench/run` (%s mode, medians of %s runs unless said). "
      "Do not edit by hand: run `make bench` (or `bench/run`)." % (
          n["mode"], n["runs"]))
    w("")
    w("- Machine: %s" % machine())
    w("- Date: %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M %Z"))
    w("- Yardsticks, each timed in the same run, round-robin with what it "
      "judges: `bench/floor` (jansson `json_load_file` + `json_decref`), "
      "NetworkX `all_simple_paths`, SymPy `diff`.  The machine is shared "
      "and noisy: read the ratios, not the seconds.")
    w("")
    w("## Goals")
    w("")
    w("| figure | measured (median) | ratio / margin | goal | |")
    w("|---|---|---|---|---|")
    out.extend(R.rows)
    w("")
    w("## All medians")
    w("")
    w("| run | median | min | max | CPU (median) | peak memory | runs |")
    w("|---|---|---|---|---|---|---|")
    for k, v in m.items():
        w("| %s | %s | %s | %s | %s | %s | %d |" % (
            k, ms(v["s"]), ms(v["min"]), ms(v["max"]), ms(v["cpu"]),
            mib(v["kib"]), v["runs"]))
    w("")
    w("Growth, check time per variable against the floor's:")
    w("")
    w("| variables | check | floor | check / floor |")
    w("|---|---|---|---|")
    for s in sizes:
        w("| %d | %.2f µs | %.2f µs | %.2f× |" % (
            s, per[s] * 1e6, fper[s] * 1e6, per[s] / fper[s]))
    w("")
    if R.misses:
        w("## What bounds each missed figure")
        w("")
        seen = set()
        for what, why in R.misses:
            if why in seen:
                w("**%s.** Same bound as above." % what)
            else:
                w("**%s.** %s" % (what, why))
            seen.add(why)
            w("")
    sys.stdout.write("\n".join(out) + "\n")


RENDER_HEAD = "## Rendering (issue 14)"


def rendering(meas, notes):
    """The rendering section: render beside dot -Tsvg on the same DOT."""
    out = [RENDER_HEAD, ""]
    w = out.append
    w("Written by `bench/render` (%s mode, medians of %s runs), %s, "
      "with %s.  `infdiag render` of `genmodel random N 1` (every arrow "
      "labelled with its local derivative, its formula and value) beside "
      "`dot -Tsvg` on the DOT `infdiag dot` writes for the same model, "
      "round-robin in the same run.  The machine is shared by six people "
      "and was loaded during the run: wall times swing with the load, so "
      "read the CPU time and the ratio to `dot -Tsvg`." % (
          notes["mode"], notes["runs"],
          datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
          notes.get("dot_version", "dot")))
    if "load" in notes:
        w("")
        w("Load average (1, 5, 15 min) at the end of the run: %s, on %d "
          "cores." % (notes["load"], os.cpu_count()))
    w("")
    w("| variables | arrows | layout | render: wall | render: CPU | "
      "dot -Tsvg: wall | dot -Tsvg: CPU | render / dot (CPU) | goal |")
    w("|---|---|---|---|---|---|---|---|---|")
    goals = {1000: 10.0, 2000: 30.0}
    for n in (100, 300, 1000, 2000):
        r, d = meas.get("render_r%d" % n), meas.get("dotsvg_r%d" % n)
        if r is None or d is None:
            continue
        goal = ""
        if n in goals:
            goal = "≤ %.0f s: %s in CPU, %s in wall time" % (
                goals[n], "met" if r["cpu"] <= goals[n] else "**missed**",
                "met" if r["s"] <= goals[n] else "**missed**")
        w("| %d | %s | %s | %s | %s | %s | %s | %.2f× | %s |" % (
            n, notes.get("r%d_arrows" % n, "?"),
            notes.get("r%d_layout" % n) or "dot", sec(r["s"]),
            sec(r["cpu"]), sec(d["s"]), sec(d["cpu"]),
            r["cpu"] / d["cpu"] if d["cpu"] > 0 else 0, goal))
    w("")
    w("Before the layout by size (dot's ordinary layout, labels on the "
      "arrows), the issue measured 88 s for 1000 variables; on this "
      "machine the same DOT of 300 variables did not finish in 150 s of "
      "`dot -Tsvg`, nor `infdiag render` in 90 s of CPU.  dot breaks each "
      "arrow spanning several ranks into virtual nodes (42000 for 300 "
      "variables, `dot -v`) and its labels double the ranks; bounding "
      "its iterations (`nslimit=1`, labels as `xlabel`) still took 7 s "
      "of CPU at 300.  A view over 150 nodes or 300 arrows is now laid out "
      "by sfdp with straight arrows and labels beside them "
      "(`src/layout.c`), which the DOT carries, so that `dot -Tsvg` "
      "does the same work: the ratio is infdiag's overhead (building the "
      "graph, its HTML labels) around Graphviz's own layout and SVG.  "
      "100 random variables (184 arrows) are under the threshold and keep "
      "dot's ordinary look, at dot's own cost.")
    w("")
    return out


def splice(tsv, results):
    """RESULTS.md with its rendering section replaced (or added)."""
    meas, notes = load(tsv)
    section = rendering(meas, notes)
    with open(results) as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if RENDER_HEAD in lines:
        start = lines.index(RENDER_HEAD)
        end = start + 1
        while end < len(lines) and not lines[end].startswith("## "):
            end += 1
    else:
        start = end = (lines.index("## All medians")
                       if "## All medians" in lines else len(lines))
    lines[start:end] = section
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--render":
        splice(sys.argv[2], sys.argv[3])
    else:
        main()
