/*
 * The what-if interpreter (src/page/whatif.js) on its own, under node:
 *     node interp.js INFDIAG EXAMPLES TMPDIR
 * For each model with values (the ellipsoid, the perceptron, and a model
 * that uses every function of the expression language, at a kink and
 * away from it), reads the data infdiag writes into its report, computes
 * every number at a moved point, and compares them with infdiag eval of
 * the model with that value, to 1e-12 relative.  Its number spelling is
 * compared with C's printf("%.12g") (through awk).  Prints PASS/FAIL
 * lines for tests/cli/browser.sh.
 */
"use strict";

var fs = require("fs");
var path = require("path");
var cp = require("child_process");

var INFDIAG = process.argv[2], EXAMPLES = process.argv[3];
var TMP = process.argv[4], REL = 1e-12, failed = false;

global.window = {};
require(path.join(__dirname, "..", "..", "src", "page", "whatif.js"));
var whatif = window.infdiag.whatif;

function report(name, ok, details) {
	console.log((ok ? "PASS " : "FAIL ") + name);
	(details || []).slice(0, 12).forEach(function (d) {
		console.log("\t" + String(d).slice(0, 300));
	});
	failed = failed || !ok;
}

function close(a, b) {
	if (a === null || b === null || a === undefined || b === undefined)
		return (a === null || a === undefined) ===
		    (b === null || b === undefined);
	if (isNaN(a) || isNaN(b))
		return isNaN(a) && isNaN(b);
	return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));
}

/* A finite difference agrees: to REL, or within what 4 ulps of f on
 * each side, divided by the step 2h, make (JavaScript's Math and glibc's
 * libm may round exp, sin, ... differently in the last bit, and the
 * difference quotient magnifies that by 1/2h). */
function closeFd(a, b, f, x) {
	var h = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x));

	return close(a, b) || (a !== null && b !== null &&
	    Math.abs(a - b) <= 8 * Number.EPSILON * Math.abs(f) / (2 * h));
}

/* The what-if data of model's report. */
function data(model) {
	var out = path.join(TMP, "interp.html"), html, m;

	cp.execFileSync(INFDIAG, ["report", model, "-o", out]);
	html = fs.readFileSync(out, "utf8");
	m = /<script type="application\/json" id="infdiag-data">([^]*?)<\/script>/
	    .exec(html);
	return m === null ? null : JSON.parse(m[1]);
}

/* infdiag eval of model with point's values. */
function evalAt(model, point) {
	var m = JSON.parse(fs.readFileSync(model, "utf8")), moved;

	Object.keys(point).forEach(function (k) {
		m.variables[k].value = point[k];
	});
	moved = path.join(TMP, "interp-moved.json");
	fs.writeFileSync(moved, JSON.stringify(m));
	return JSON.parse(cp.execFileSync(INFDIAG, ["eval", "--format", "json",
	    moved]).toString());
}

/* The words of each derivative's check in infdiag eval's text of the
 * model evalAt() wrote last: "relative error 2.2e-16", in order. */
function checkWordsAt() {
	var text = cp.execFileSync(INFDIAG, ["eval", path.join(TMP,
	    "interp-moved.json")]).toString(), re, m, out = [];

	re = /^    finite difference: \S+ \((.*)\)$/gm;
	while ((m = re.exec(text)) !== null)
		out.push(m[1]);
	return out;
}

/* The notes and each check's words the page would show agree with
 * eval's: the notes exactly; a check's words exactly where the two
 * differences are the same double, else its verdict. */
function compareWords(name, d, ev, nu) {
	var bad = [], lines = whatif.kinkLines(d, nu), words = checkWordsAt();
	var k = 0;

	if (JSON.stringify(lines) !== JSON.stringify(ev.notes || []))
		bad.push("notes " + JSON.stringify(lines) + ", eval " +
		    JSON.stringify(ev.notes || []));
	ev.derivatives.forEach(function (e, i) {
		var w = whatif.checkWords(d, nu.derivs[i]);

		if (!e.check)
			return;
		if (nu.derivs[i].fd === e.check.finite_difference &&
		    w.text !== words[k])
			bad.push("check " + (i + 1) + ": " + w.text + ", eval " +
			    words[k]);
		if (w.cls !== (e.check.ok ? "ok" : "bad"))
			bad.push("check " + (i + 1) + ": " + w.cls + ", eval ok " +
			    e.check.ok);
		k++;
	});
	report(name + ": the notes and the checks' words are eval's",
	    bad.length === 0, bad);
}

/* Compares every number the interpreter gives at point with eval's. */
function compare(name, model, point) {
	var d = data(model), ev, nu, bad = [], byName = {}, off = [], pos = 0;

	if (d === null) {
		report(name + ": the report carries the what-if data", false);
		return;
	}
	ev = evalAt(model, point);
	nu = whatif.compute(d, point);
	d.vars.forEach(function (x, v) {
		byName[x.name] = v;
		off.push(pos);
		pos += x.in.length;
	});
	function want(what, got, exp) {
		if (!close(got, exp))
			bad.push(what + ": " + got + ", eval " + exp);
	}
	Object.keys(ev.values).forEach(function (n) {
		want("value of " + n, nu.value[byName[n]], ev.values[n]);
	});
	Object.keys(ev.adjoints).forEach(function (n) {
		want("adjoint of " + n, nu.adjoint[byName[n]], ev.adjoints[n]);
	});
	ev.locals.forEach(function (l) {
		var v = byName[l.of], i = d.vars[v].in.indexOf(byName[l.wrt]);

		want("d" + l.of + "/d" + l.wrt, nu.local[off[v] + i], l.value);
	});
	ev.derivatives.forEach(function (e, k) {
		var dn = nu.derivs[k];

		want("total " + (k + 1), dn.forward, e.value);
		want("reverse " + (k + 1), dn.reverse, e.reverse_value);
		if (e.partial_value !== undefined)
			want("partial " + (k + 1), dn.partial, e.partial_value);
		if (e.check && !closeFd(dn.fd, e.check.finite_difference,
		    ev.values[ev.of], ev.values[e.wrt]))
			bad.push("finite difference " + (k + 1) + ": " + dn.fd +
			    ", eval " + e.check.finite_difference);
	});
	report(name + ": every value, local, adjoint, total, partial and " +
	    "finite difference is eval's", bad.length === 0, bad);
	compareWords(name, d, ev, nu);
}

var FUNCTIONS = {
	variables: {
		x: {value: 0.3}, y: {value: -0.7}, z: {value: 0},
		a: {expr: "exp(x) + log(x + 2) + sqrt(x + 1) + sin(x) + " +
		    "cos(y) + tan(x) + tanh(y) + sigmoid(y)"},
		b: {expr: "abs(y) + relu(z) + softplus(y) + atan(x) + asin(x) " +
		    "+ acos(x) + sinh(y) + cosh(y) + abs(z)"},
		c: {expr: "sign(y)*heaviside(z) + min(x, y) + max(x, z) + " +
		    "x^y + y^2 + e^x - pi/x"},
		f: {expr: "a*b + c/(a + 1) - relu(z)*a"}
	},
	of: "f"
};

/* Nine variables at a kink at the model's point (x = 0): eval tells
 * eight and counts the ninth. */
var KINKS = { variables: { x: {value: 0} }, of: "f" };
(function () {
	var i, sum = [];

	for (i = 1; i <= 9; i++) {
		KINKS.variables["k" + i] = {expr: (i % 2 ? "relu" : "abs") +
		    "(" + i + "*x) + max(x, " + (i - 9) + "*x)"};
		sum.push("k" + i);
	}
	KINKS.variables.f = {expr: sum.join(" + ")};
}());

function main() {
	var fmodel = path.join(TMP, "functions.json"), nums, c, js;
	var kmodel = path.join(TMP, "kinks.json");

	fs.writeFileSync(fmodel, JSON.stringify(FUNCTIONS));
	fs.writeFileSync(kmodel, JSON.stringify(KINKS));
	compare("ellipsoid at x = 2.5", path.join(EXAMPLES, "ellipsoid.json"),
	    {x: 2.5});
	compare("ellipsoid at y = -1e-7", path.join(EXAMPLES,
	    "ellipsoid.json"), {y: -1e-7});
	compare("perceptron at x_1 = 2.5", path.join(EXAMPLES,
	    "perceptron.json"), {x_1: 2.5});
	compare("every function, at the model's point (z = 0, a kink)",
	    fmodel, {});
	compare("every function, at x = 0.45, y = 1.3, z = -0.2", fmodel,
	    {x: 0.45, y: 1.3, z: -0.2});
	compare("every function, at z = 0.6", fmodel, {z: 0.6});
	compare("every function, at x = y = 0.5 (a tie of min)", fmodel,
	    {x: 0.5, y: 0.5});
	compare("kinks in nine variables, the ninth counted", kmodel, {});
	compare("kinks in nine variables, moved off them", kmodel, {x: 1});
	nums = [0, 1, -1, 2.5, 50.26548245743669, 1e-5, -1.5e-5, 0.0001,
	    0.00012345678901234, 123456789012, 1234567890123, 1e21, 1e100,
	    -2.5e-300, 5e-324, 1.7976931348623157e308, 0.1 + 0.2,
	    16.755160819145562, 999999999999.5, 0.30000000000000004,
	    123456.7890123456, 1 / 3, -2 / 3, 1e-4, 9.99999999999e-5];
	c = cp.execFileSync("awk", ["BEGIN { n = split(ARGV[1], a, \",\"); " +
	    "for (i = 1; i <= n; i++) printf \"%.12g\\n\", a[i] + 0 }",
	    nums.map(function (x) { return x.toPrecision(17); }).join(",")])
	    .toString().trim().split("\n");
	js = nums.map(function (x) { return whatif.spell(x, 12, "-"); });
	report("the spelling of numbers is C's %.12g", c.join() === js.join(),
	    nums.filter(function (x, i) {
		    return c[i] !== js[i];
	    }).map(function (x, i) {
		    return x + ": C " + c[nums.indexOf(x)] + ", js " +
			js[nums.indexOf(x)];
	    }));
	report("the spelling writes − for a minus and words for non-finite",
	    whatif.spell(-2) === "\u22122" && whatif.spell(NaN) ===
	    "undefined" && whatif.spell(-Infinity) === "overflow");
	process.exit(failed ? 1 : 0);
}

main();
