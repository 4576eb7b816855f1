/*
 * The what-if of the report: an input for each independent variable's
 * value; changing one recomputes in the page every value, local
 * derivative, adjoint, total and partial derivative, path term, tangent
 * and finite-difference check, and rewrites every number of the page that
 * carries them (SPEC 5.4's data-* attributes).
 *
 * It reads the data infdiag wrote (src/write_html_data.c, the element
 * #infdiag-data): each variable's parsed expression and its symbolic
 * local derivatives as tables of nodes, and runs them with a small
 * interpreter that follows src/expr_eval.c operation for operation (sums
 * and products left to right, the same domain checks, relu'(0) = 1/2
 * through heaviside), then the sweeps of src/numbers.c and the check of
 * src/numbers_check.c in the same order, so the numbers are C's own.
 * Nothing of the model is ever run as code: no eval, no Function.
 *
 * Where JavaScript's Math and glibc's libm may differ: exp, log, sin,
 * cos, tan, the hyperbolic and inverse functions, log1p and pow of a
 * non-integer power are each within an ulp or so of the true value in
 * both, not always the same double; +, -, *, /, sqrt, abs, min, max and
 * integer powers are IEEE-exact in both.  The numbers then agree to
 * about 1e-15 relative, and a finite difference, which divides a
 * rounding of f by a step of about 6e-6, to about 1e-11.
 */
(function () {
	"use strict";

	var infdiag = window.infdiag = window.infdiag || {};

	/* The functions of expr.c's table, as src/expr_eval.c computes them. */
	var fns = {
		exp: Math.exp, log: Math.log, sqrt: Math.sqrt, sin: Math.sin,
		cos: Math.cos, tan: Math.tan, tanh: Math.tanh, abs: Math.abs,
		atan: Math.atan, asin: Math.asin, acos: Math.acos,
		sinh: Math.sinh, cosh: Math.cosh,
		sigmoid: function (v) {
			var t;

			if (v >= 0)
				return 1 / (1 + Math.exp(-v));
			t = Math.exp(v);
			return t / (1 + t);
		},
		relu: function (v) { return v > 0 ? v : 0; },
		softplus: function (v) {
			return v > 0 ? v + Math.log1p(Math.exp(-v)) :
			    Math.log1p(Math.exp(v));
		},
		sign: function (v) { return v > 0 ? 1 : v < 0 ? -1 : 0; },
		heaviside: function (v) { return v > 0 ? 1 : v < 0 ? 0 : 0.5; }
	};

	/* The numbers that are not finite, by what the page calls them
	 * (the report's text never spells them otherwise). */
	var UNDEFINED = 0 / 0, OVERFLOW = 1 / 0;

	/* A failed evaluation: the number the tree stands for, UNDEFINED or
	 * OVERFLOW, as expr_eval's err->value. */
	function Fail(value) {
		this.value = value;
	}

	/* Refuses an operand outside a function's domain (check_domain). */
	function domain(fn, v) {
		if ((fn === "log" && v <= 0) || (fn === "sqrt" && v < 0) ||
		    ((fn === "asin" || fn === "acos") && !(Math.abs(v) <= 1)))
			throw new Fail(UNDEFINED);
	}

	/* A sum or a product, left to right (eval_chain). */
	function chain(node, ev) {
		var sum = node[0] === "sum", kids = node[1], r = sum ? 0 : 1;
		var i, v;

		for (i = 0; i < kids.length; i++) {
			v = ev(kids[i]);
			if (sum)
				r += v;
			else if (!node[2][i])
				r *= v;
			else if (v === 0)
				throw new Fail(UNDEFINED);	/* division by zero */
			else
				r /= v;
			if (!isFinite(r))
				throw new Fail(isNaN(r) ? UNDEFINED : OVERFLOW);
		}
		return r;
	}

	/* b to the power p (eval_pow). */
	function power(b, p) {
		var r;

		if ((b < 0 && Math.floor(p) !== p) || (b === 0 && p < 0))
			throw new Fail(UNDEFINED);
		r = p === 2 ? b * b : Math.pow(b, p);
		if (!isFinite(r))
			throw new Fail(OVERFLOW);
		return r;
	}

	/* Fills the holes (U+0001) of a text infdiag gave with the strings
	 * of list, in order. */
	function fill(text, list) {
		var parts = text.split("\u0001"), out = parts[0], i;

		for (i = 1; i < parts.length; i++)
			out += (i - 1 < list.length ? list[i - 1] : "") + parts[i];
		return out;
	}

	/* A finite number in the fewest digits that read back as it, in
	 * exponent form only for very large or small magnitudes, as
	 * expr_format_number() writes it into a formula (the arguments of
	 * min and max are finite: one that is not fails first). */
	function shortest(x) {
		var digits, s, exp;

		if (x === 0)
			return "0";
		if (Math.abs(x) < 1e15 && x === Math.trunc(x))
			return x.toFixed(0);
		for (digits = 1; digits <= 17; digits++) {
			s = spell(x, digits, "-");
			if (Number(s) === x)
				break;
		}
		if (s.indexOf("e") < 0)
			return s;
		exp = parseInt(s.slice(s.indexOf("e") + 1), 10);
		return exp >= -5 && exp < 16 ? spell(x, Math.max(exp + 1,
		    digits), "-") : s;
	}

	/* Adds what is told where a function is not differentiable to
	 * tell.text, once, after "; " when there are others ("; ..." where
	 * they no longer fit in size bytes), as kink_add() does. */
	function kinkAdd(tell, text) {
		var len = tell.text.length;

		if (tell.text.indexOf(text) >= 0)
			return;
		if (len + text.length + 3 < tell.size)
			tell.text += (len > 0 ? "; " : "") + text;
		else if (len + 6 < tell.size && tell.text.indexOf("; ...") < 0)
			tell.text += "; ...";
	}

	/* A function call (eval_call, eval_call2); tells in tell, when
	 * given, where it is not differentiable (kink_one()). */
	function call(node, ev, tell) {
		var a = ev(node[1]), b, r;

		if (node.length > 2) {
			b = ev(node[2]);
			if (tell && a === b)
				kinkAdd(tell, fill(tell.words[node[0]],
				    [shortest(a)]));
			return node[0] === "min" ? Math.min(a, b) :
			    Math.max(a, b);
		}
		domain(node[0], a);
		r = fns[node[0]](a);
		if (tell && a === 0 && tell.words[node[0]] !== undefined)
			kinkAdd(tell, tell.words[node[0]]);
		if (!isFinite(r))
			throw new Fail(OVERFLOW);
		return r;
	}

	/* Evaluates node id of a table with the inputs, remembering every
	 * node's value in memo (one set of inputs); throws a Fail.  tell,
	 * when given, gathers where a function is not differentiable. */
	function evalNode(nodes, id, inputs, memo, tell) {
		var node = nodes[id], v;

		function ev(k) {
			return evalNode(nodes, k, inputs, memo, tell);
		}
		if (memo[id] !== undefined)
			return memo[id];
		switch (node[0]) {
		case "num": v = node[1] === null ? UNDEFINED : node[1]; break;
		case "pi": v = Math.PI; break;
		case "e": v = Math.E; break;
		case "var":
			v = inputs[node[1]];
			if (!isFinite(v))
				throw new Fail(v);
			break;
		case "neg": v = -ev(node[1]); break;
		case "sum": case "prod": v = chain(node, ev); break;
		case "pow": v = power(ev(node[1]), ev(node[2])); break;
		default: v = call(node, ev, tell); break;
		}
		memo[id] = v;
		return v;
	}

	/* Evaluates a root: its value, or the Fail's number with failed set
	 * in res; -0 is 0, as expr_eval gives it.  tell as evalNode's. */
	function evalRoot(nodes, root, inputs, memo, res, tell) {
		var v;

		try {
			v = evalNode(nodes, root, inputs, memo, tell);
		} catch (e) {
			if (!(e instanceof Fail))
				throw e;
			res.failed = true;
			return e.value;
		}
		res.failed = false;
		return v === 0 ? 0 : v;
	}

	/* Builds what the sweeps need from the data: each arrow's consumer
	 * and, in out_idx order, each variable's consumer arrows. */
	function prepare(data) {
		var vars = data.vars, n = vars.length, off = [], to = [];
		var outs = [], anc = new Uint8Array(n), v, i, pos = 0;

		for (v = 0; v < n; v++)
			outs.push([]);
		for (v = 0; v < n; v++) {
			off.push(pos);
			for (i = 0; i < vars[v].in.length; i++, pos++) {
				to.push(v);
				outs[vars[v].in[i]].push(pos);
			}
		}
		off.push(pos);
		for (i = 0; i < data.anc.length; i++)
			anc[data.anc[i]] = 1;
		return { off: off, to: to, outs: outs, isAnc: anc, byName: {} };
	}

	/* Gathers v's input values; null when one is not known. */
	function gather(data, nu, v) {
		var ins = data.vars[v].in, inputs = [], i;

		for (i = 0; i < ins.length; i++) {
			if (!nu.known[ins[i]])
				return null;
			inputs.push(nu.value[ins[i]]);
		}
		return inputs;
	}

	/* Values and local derivatives, in topological order (eval_values,
	 * eval_locals): one memo per variable serves its value and all its
	 * local derivatives.  Where an ancestor of of meets a point where a
	 * function is not differentiable, what is told goes to nu.kinks
	 * (add_kink()). */
	function evalVars(data, prep, nu, point) {
		var vars = data.vars, k, v, x, inputs, memo, i, res = {}, tell;

		for (k = 0; k < data.order.length; k++) {
			v = data.order[k];
			x = vars[v];
			if (x.value !== undefined) {
				nu.value[v] = Object.prototype.hasOwnProperty.call(
				    point, x.name) ? point[x.name] : x.value;
				nu.known[v] = 1;
				continue;
			}
			if (x.partials !== undefined) {
				for (i = 0; i < x.partials.length; i++)
					nu.local[prep.off[v] + i] =
					    x.partials[i] === null ? UNDEFINED :
					    x.partials[i];
				nu.localKnown[v] = 1;
			}
			if (x.nodes === undefined ||
			    (inputs = gather(data, nu, v)) === null)
				continue;
			memo = [];
			tell = x.kink ? { text: "", size: data.text.kinksize,
			    words: data.text.kink } : null;
			nu.value[v] = evalRoot(x.nodes, x.expr, inputs, memo, res,
			    tell);
			nu.failed[v] = res.failed;
			if (tell && !res.failed && tell.text !== "")
				nu.kinks.push(tell.text + fill(x.kink,
				    inputs.map(function (y) {
					return spell(y, 12, "-");
				    })));
			nu.known[v] = 1;
			for (i = 0; i < x.d.length; i++)
				nu.local[prep.off[v] + i] = x.d[i] === null ? 0 :
				    evalRoot(x.nodes, x.d[i], inputs, memo, res);
			nu.localKnown[v] = 1;
		}
	}

	/* The reverse sweep from of (sweep_reverse). */
	function sweepReverse(data, prep, nu) {
		var anc = data.anc, k, c, j, p, ok, undef;

		for (k = 0; k < anc.length; k++) {
			nu.adjoint[anc[k]] = 0;
			nu.adjointKnown[anc[k]] = 1;
		}
		nu.adjoint[data.of] = 1;
		for (k = anc.length; k-- > 0;) {
			c = anc[k];
			ok = nu.adjointKnown[c] && nu.localKnown[c];
			undef = nu.known[c] && isNaN(nu.value[c]);
			for (j = prep.off[c]; j < prep.off[c + 1]; j++) {
				p = data.vars[c].in[j - prep.off[c]];
				if (ok)
					nu.adjoint[p] += undef ? UNDEFINED :
					    nu.adjoint[c] * nu.local[j];
				else
					nu.adjointKnown[p] = 0;
			}
		}
	}

	/* One forward sweep from d's wrt (numbers_tangents); false when a
	 * local derivative on its paths is not known. */
	function tangents(prep, nu, d, tangent) {
		var k, v, j, pos;

		for (k = 0; k < d.rel.length; k++) {
			v = d.rel[k];
			if (k > 0 && !nu.localKnown[v])
				return false;
			tangent[v] = 0;
		}
		tangent[d.wrt] = 1;
		for (k = 0; k < d.rel.length; k++) {
			v = d.rel[k];
			for (j = 0; j < prep.outs[v].length; j++) {
				pos = prep.outs[v][j];
				if (prep.isAnc[prep.to[pos]])
					tangent[prep.to[pos]] +=
					    nu.local[pos] * tangent[v];
			}
		}
		return true;
	}

	/* of with wrt moved to x, the variables on d's paths recomputed
	 * (perturbed in numbers_check.c); throws a Fail. */
	function perturbed(data, nu, d, x, on, vals) {
		var k, v, ins, inputs, i, p, res = {}, r;

		vals[d.wrt] = x;
		for (k = 1; k < d.rel.length; k++) {
			v = d.rel[k];
			ins = data.vars[v].in;
			inputs = [];
			for (i = 0; i < ins.length; i++) {
				p = ins[i];
				inputs.push(on[p] ? vals[p] : nu.value[p]);
			}
			r = evalRoot(data.vars[v].nodes, data.vars[v].expr,
			    inputs, [], res);
			if (res.failed)
				throw new Fail(r);
			vals[v] = r;
		}
		return vals[data.of];
	}

	/* The error of a finite difference, on max(|value|, |fd|, 1). */
	function fdError(value, fd) {
		return Math.abs(fd - value) /
		    Math.max(Math.abs(value), Math.abs(fd), 1);
	}

	/* The finite-difference check of d (numbers_check): the step
	 * cbrt(epsilon)·max(1, |x|), refined 8 times, 10 times smaller each,
	 * when it disagrees by more than the tolerance, keeping the
	 * difference that agrees best with the one before it.  Returns the
	 * difference, or why there is none: "sides" when the model cannot
	 * be evaluated on both sides, "overflow". */
	function check(data, nu, d, forward) {
		var n = data.vars.length, on = new Uint8Array(n), vals = [];
		var x = nu.value[d.wrt], h, fd, best, prev, gap, bestGap, k;

		function central(step) {
			var up = perturbed(data, nu, d, x + step, on, vals);
			var down = perturbed(data, nu, d, x - step, on, vals);

			return (up - down) / (2 * step);
		}
		for (k = 0; k < d.rel.length; k++)
			on[d.rel[k]] = 1;
		h = Math.cbrt(Number.EPSILON) * (Math.abs(x) > 1 ?
		    Math.abs(x) : 1);
		try {
			fd = central(h);
		} catch (e) {
			if (e instanceof Fail)
				return "sides";
			throw e;
		}
		best = fd;
		if (!(fdError(forward, fd) <= data.text.tolerance)) {
			bestGap = OVERFLOW;
			for (k = 0; k < 8; k++) {
				prev = fd;
				h /= 10;
				try {
					fd = central(h);
				} catch (e) {
					if (e instanceof Fail)
						break;
					throw e;
				}
				if (!isFinite(fd))
					break;
				gap = Math.abs(fd - prev);
				if (gap < bestGap) {
					bestGap = gap;
					best = fd;
				}
			}
		}
		return isFinite(best) ? best : "overflow";
	}

	/* The numbers of derivative d: value by both sweeps, direct term,
	 * the terms of its listed paths, tangents (numbers_compute's loop,
	 * deriv_fail's rule for an undefined value on the paths). */
	function derivNumbers(data, prep, nu, d) {
		var r = { has: false, tangent: null, terms: [], fd: null,
		    fdNote: null };
		var k, v, j, t, path;

		if (d.rel.length === 0) {
			r.has = !!(nu.known[data.of] || nu.localKnown[data.of]);
			r.forward = r.reverse = 0;
			return r;
		}
		r.tangent = new Float64Array(data.vars.length);
		if (!tangents(prep, nu, d, r.tangent))
			return r;
		r.has = true;
		r.forward = r.tangent[data.of];
		r.reverse = nu.adjoint[d.wrt];
		if (d.direct) {
			for (j = prep.off[data.of]; data.vars[data.of].in[j -
			    prep.off[data.of]] !== d.wrt; j++)
				;
			r.partial = nu.local[j];
		}
		for (k = 0; k < d.rel.length; k++) {
			v = d.rel[k];
			if (nu.known[v] && isNaN(nu.value[v]) && nu.failed[v]) {
				r.forward = r.reverse = UNDEFINED;
				if (d.direct)
					r.partial = UNDEFINED;
				break;
			}
		}
		for (k = 0; k < d.paths.length; k++) {
			path = d.paths[k];
			t = 1;
			for (j = 0; j < path.length; j++) {
				v = prep.to[path[j]];
				if (nu.known[v] && isNaN(nu.value[v])) {
					t = UNDEFINED;
					break;
				}
				t *= nu.local[path[j]];
			}
			r.terms.push(t);
		}
		return r;
	}

	/* Every number of the model at a point: point maps an independent
	 * variable's name to its value (the others keep the model's). */
	function compute(data, prep, point) {
		var n = data.vars.length, e = prep.to.length, k, d, checkable = 0;
		var nu = {
			value: new Float64Array(n), known: new Uint8Array(n),
			failed: [], kinks: [], local: new Float64Array(e),
			localKnown: new Uint8Array(n),
			adjoint: new Float64Array(n),
			adjointKnown: new Uint8Array(n), derivs: []
		};

		evalVars(data, prep, nu, point);
		sweepReverse(data, prep, nu);
		for (k = 0; k < data.derivs.length; k++) {
			d = derivNumbers(data, prep, nu, data.derivs[k]);
			nu.derivs.push(d);
			if (!data.derivs[k].check || !d.has)
				continue;
			if (!isFinite(d.forward))
				d.fdNote = "notfinite";
			else if (checkable++ % data.stride !== 0)
				d.fdNote = "sample";
			else
				d.fd = check(data, nu, data.derivs[k], d.forward);
			if (typeof d.fd === "string") {
				d.fdNote = d.fd;
				d.fd = null;
			}
		}
		return nu;
	}

	/* A number as C's printf("%.12g") writes it, with "−" for the minus
	 * sign in text, and "undefined" or "overflow" for one that is not
	 * finite (note_number).  digits: significant digits, 12 unless
	 * given. */
	function spell(x, digits, minus) {
		var p = digits || 12, s, m, exp, mant;

		if (!isFinite(x))
			return isNaN(x) ? "undefined" : "overflow";
		if (x === 0)
			return "0";
		s = x.toExponential(p - 1);
		m = /^(-?)(\d(?:\.\d+)?)e([+-]\d+)$/.exec(s);
		exp = parseInt(m[3], 10);
		if (exp < -4 || exp >= p) {
			mant = m[2].indexOf(".") >= 0 ?
			    m[2].replace(/0+$/, "").replace(/\.$/, "") : m[2];
			s = m[1] + mant + "e" + (exp < 0 ? "-" : "+") +
			    (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
		} else {
			s = x.toFixed(Math.max(0, p - 1 - exp));
			if (s.indexOf(".") >= 0)
				s = s.replace(/0+$/, "").replace(/\.$/, "");
		}
		return s.charAt(0) === "-" ? (minus || "\u2212") + s.slice(1) :
		    s;
	}

	/* The number element el shows now, or undefined when it is none
	 * this module computes (nu: the numbers, dk: its derivative). */
	function numberOf(el, data, prep, nu) {
		var ds = el.dataset, host = el.closest("[data-d]");
		var k = (host ? parseInt(host.getAttribute("data-d"), 10) : 1) -
		    1, dn, v, pos, i;

		if (ds.var !== undefined) {
			v = prep.byName[ds.var];
			return v !== undefined && nu.known[v] ? nu.value[v] :
			    undefined;
		}
		if (ds.adjoint !== undefined) {
			v = prep.byName[ds.adjoint];
			return v !== undefined && nu.adjointKnown[v] ?
			    nu.adjoint[v] : undefined;
		}
		if (ds.local !== undefined) {
			pos = prep.arrows[ds.local.trim().replace(/\s+/g, " ")];
			return pos !== undefined && nu.localKnown[prep.to[pos]] ?
			    nu.local[pos] : undefined;
		}
		i = ["total", "reverse", "partial", "indirect", "fd"].filter(
		    function (a) {
			return ds[a] !== undefined;
		})[0];
		if (i !== undefined)
			k = parseInt(ds[i], 10) - 1;
		dn = nu.derivs[k];
		if (dn === undefined || !dn.has)
			return undefined;
		switch (i) {
		case "total": return dn.forward;
		case "reverse": return dn.reverse;
		case "partial": return data.derivs[k].direct ? dn.partial : 0;
		case "indirect": return dn.forward - (data.derivs[k].direct ?
		    dn.partial : 0);
		case "fd": return dn.fd;	/* null: not checked, "?" */
		}
		if (ds.term !== undefined)
			return dn.terms[parseInt(ds.term, 10) - 1];
		if (ds.tangent !== undefined && dn.tangent !== null) {
			v = prep.byName[ds.tangent];
			return v === undefined ? undefined :
			    data.derivs[k].rel.indexOf(v) >= 0 ? dn.tangent[v] : 0;
		}
		return undefined;
	}

	/* Replaces, in el's text, the spelling of the number it showed by
	 * that of x, at the precision it was shown with (12 digits in text;
	 * a diagram's label says its own in data-digits): the last
	 * occurrence, in whichever text node holds it; the whole text when
	 * none does. */
	function respell(el, old, x) {
		var walk, node, nodes = [], p, i, j, s, minus, at;
		var order = el.hasAttribute("data-digits") ?
		    [parseInt(el.getAttribute("data-digits"), 10)] :
		    [12, 17, 16, 15, 14, 13, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

		walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		while ((node = walk.nextNode()) !== null)
			nodes.push(node);
		for (p = 0; p < order.length; p++) {
			for (minus = 0; minus < 2; minus++) {
				s = spell(old, order[p], minus ? "-" : "\u2212");
				for (i = nodes.length; i-- > 0;) {
					at = nodes[i].data.lastIndexOf(s);
					if (at < 0)
						continue;
					j = spell(x, order[p], minus ? "-" :
					    "\u2212");
					nodes[i].data = nodes[i].data.slice(0,
					    at) + j + nodes[i].data.slice(at +
					    s.length);
					return;
				}
			}
		}
		el.textContent = spell(x, order.length === 1 ? order[0] : 12);
	}

	/* Shows that el's number is not known at this point ("?", as
	 * num_cell() writes it), remembering the model's (UNDEFINED when it
	 * had none either, as update() does). */
	function unknown(el) {
		if (!el.hasAttribute("data-whatif-model"))
			el.setAttribute("data-whatif-model", el.hasAttribute(
			    "data-number") ? el.getAttribute("data-number") :
			    String(UNDEFINED));
		el.removeAttribute("data-number");
		el.textContent = "?";
		mark(el, !isNaN(Number(el.getAttribute(
		    "data-whatif-model"))));
	}

	/* What derivative dn's check says: its class, "ok" or "bad", and
	 * the error under its true name (numbers_check_error()); or no class
	 * and why there is no check (its fd_note), "" for none. */
	function checkWords(data, dn) {
		var text = data.text, err, ok;

		if (dn.fd === null)
			return { cls: null, text: dn.fdNote !== null ?
			    text.fdnote[dn.fdNote] : "" };
		err = fdError(dn.forward, dn.fd);
		ok = err <= text.tolerance;
		return { cls: ok ? "ok" : "bad", text: fill(text.check[
		    (Math.max(Math.abs(dn.forward), Math.abs(dn.fd)) > 1 ?
		    "relative" : "absolute") + (ok ? "" : "bad")],
		    [spell(err, 2, "-")]) };
	}

	/* Rewrites each derivative's check cell (data-fd-error). */
	function updateChecks(data, nu) {
		var cells = document.querySelectorAll("[data-fd-error]"), i, k;
		var dn, w, span;

		for (i = 0; i < cells.length; i++) {
			k = parseInt(cells[i].getAttribute("data-fd-error"), 10) -
			    1;
			if ((dn = nu.derivs[k]) === undefined)
				continue;
			w = checkWords(data, dn);
			cells[i].textContent = w.cls === null ? w.text : "";
			if (w.cls === null)
				continue;
			span = document.createElement("span");
			span.className = w.cls;
			span.textContent = w.text;
			cells[i].appendChild(span);
		}
	}

	/* The notes of the points where a function is not differentiable
	 * (numbers_kink()): the first kinksmax, then the count of the
	 * rest. */
	function kinkLines(data, nu) {
		var max = data.text.kinksmax, lines = nu.kinks.slice(0, max);

		if (nu.kinks.length > max)
			lines.push(fill(data.text.kinksmore,
			    [String(nu.kinks.length - max)]));
		return lines;
	}

	/* Rewrites those notes (#kinks, html_kinks()). */
	function updateKinks(data, nu) {
		var box = document.getElementById("kinks"), i, p;
		var lines = kinkLines(data, nu);

		if (box === null)
			return;
		box.textContent = "";
		for (i = 0; i < lines.length; i++) {
			p = document.createElement("p");
			p.className = "note";
			p.textContent = "Note: " + lines[i];
			box.appendChild(p);
		}
	}

	/* A number for data-number: the shortest text that reads back as
	 * the same double. */
	function attr(x) {
		return String(x);
	}

	/* Says whether a and b are the same number to 1e-12 relative (the
	 * page's Math and the C library may round the last bit apart). */
	function same(a, b) {
		if (isNaN(a) || isNaN(b))
			return isNaN(a) && isNaN(b);
		return a === b || Math.abs(a - b) <= 1e-12 *
		    Math.max(Math.abs(a), Math.abs(b));
	}

	/* Marks el as moved from the model's point (class whatif-moved, and
	 * a background through the CSSOM, which the page's CSP allows; in a
	 * diagram, which draws no background, a dark orange of 5:1 contrast
	 * on white), or clears the mark: a student sees which numbers moved
	 * and which stayed. */
	function mark(el, moved) {
		el.classList.toggle("whatif-moved", moved);
		if (el.closest("svg") !== null)
			el.style.fill = moved ? "#b45309" : "";
		else
			el.style.backgroundColor = moved ? "#fde68a" : "";
	}

	/* The elements that show a number this module computes: those with
	 * data-number, and those of a number that is not finite at the
	 * model's point (a word, no data-number), by their marks. */
	var NUMBERS = "[data-number], " + ["var", "adjoint", "local", "total",
	    "reverse", "partial", "indirect", "term", "tangent", "fd"].map(
	    function (a) {
		return ["td", "mn", "mtext", "span", "text", "tspan"].map(
		    function (t) {
			return t + "[data-" + a + "]";
		    }).join(", ");
	    }).join(", ");

	/* Rewrites every number of the page this module computes; first
	 * remembers each one's number at the model's point.  A number that
	 * is not finite has no data-number, as infdiag writes it. */
	function update(data, prep, nu) {
		var all = document.querySelectorAll(NUMBERS), i, el, x, old;

		for (i = 0; i < all.length; i++) {
			el = all[i];
			x = numberOf(el, data, prep, nu);
			if (x === undefined)
				continue;
			if (x === null) {
				unknown(el);
				continue;
			}
			old = el.hasAttribute("data-number") ?
			    Number(el.getAttribute("data-number")) : UNDEFINED;
			if (!el.hasAttribute("data-whatif-model"))
				el.setAttribute("data-whatif-model",
				    String(old));
			if (isFinite(x))
				el.setAttribute("data-number", attr(x));
			else
				el.removeAttribute("data-number");
			if (!Object.is(old, x))
				respell(el, old, x);
			mark(el, !same(Number(el.getAttribute(
			    "data-whatif-model")), x));
		}
		updateChecks(data, nu);
		updateKinks(data, nu);
	}

	var state = null;

	/* Reads the data element; null when there is none to run. */
	function load() {
		var el = document.getElementById("infdiag-data"), data, prep, v;

		if (el === null)
			return null;
		data = JSON.parse(el.textContent);
		if (!data.numbers)
			return null;
		prep = prepare(data);
		prep.arrows = {};
		for (v = 0; v < data.vars.length; v++) {
			prep.byName[data.vars[v].name] = v;
			data.vars[v].in.forEach(function (p, i) {
				prep.arrows[data.vars[p].name + " " +
				    data.vars[v].name] = prep.off[v] + i;
			});
		}
		return { data: data, prep: prep, point: {}, inputs: {} };
	}

	/* The independent variables whose value can be moved: those with a
	 * value, when some variable has an expression to recompute. */
	function movable(data) {
		var any = data.vars.some(function (x) {
			return x.nodes !== undefined;
		});

		return any ? data.vars.filter(function (x) {
			return x.value !== undefined && x.value !== null;
		}) : [];
	}

	/* Recomputes at the state's point, rewrites the page, announces it,
	 * and lets the view refresh. */
	function recompute() {
		var nu = compute(state.data, state.prep, state.point), names;

		update(state.data, state.prep, nu);
		if (state.status) {
			names = Object.keys(state.point);
			state.status.textContent = names.length === 0 ?
			    "At the model's point." : "Recomputed at " +
			    names.map(function (n) {
				return n + " = " + spell(state.point[n]);
			    }).join(", ") + ".";
		}
		if (typeof infdiag.onchange === "function")
			infdiag.onchange();
		return nu;
	}

	/* Keeps the panel in view at the top of the window as the page
	 * scrolls, so a student moves a value and watches any number of the
	 * page (styles through the CSSOM, which the page's CSP allows). */
	function stick(box) {
		box.style.position = "sticky";
		box.style.top = "0";
		box.style.zIndex = "10";
		box.style.background = "#fff";
		box.style.borderBottom = "2px solid #d6550d";
		box.style.padding = ".3em 0";
	}

	/* Makes the panel: a labelled number input for each movable
	 * variable and a reset button, before the page's first section. */
	function panel(vars) {
		var box = document.createElement("section"), h, form, reset;
		var main = document.querySelector("main") || document.body;
		var first = main.querySelector(":scope > section, :scope > h2");

		box.id = "whatif";
		box.className = "whatif";
		box.setAttribute("aria-labelledby", "whatif-title");
		h = document.createElement("h2");
		h.id = "whatif-title";
		h.textContent = "What if: move a value";
		h.style.margin = "0";
		h.style.fontSize = "1em";
		h.style.border = "0";
		box.appendChild(h);
		form = document.createElement("form");
		form.addEventListener("submit", function (ev) {
			ev.preventDefault();
		});
		vars.forEach(function (x) {
			var label = document.createElement("label");
			var input = document.createElement("input");

			input.type = "number";
			input.step = "any";
			input.id = "whatif-" + x.name;
			input.name = x.name;
			input.value = String(x.value);
			input.setAttribute("data-whatif", x.name);
			label.htmlFor = input.id;
			label.textContent = x.name + " = ";
			input.addEventListener("input", function () {
				var v = input.value === "" ? UNDEFINED :
				    Number(input.value);

				if (!isFinite(v))
					return;
				state.point[x.name] = v;
				recompute();
			});
			state.inputs[x.name] = input;
			label.appendChild(input);
			form.appendChild(label);
			form.appendChild(document.createTextNode(" "));
		});
		reset = document.createElement("button");
		reset.type = "button";
		reset.id = "whatif-reset";
		reset.textContent = "Reset";
		reset.addEventListener("click", function () {
			infdiag.whatif.reset();
		});
		form.appendChild(reset);
		state.status = document.createElement("span");
		state.status.id = "whatif-status";
		state.status.setAttribute("role", "status");
		state.status.setAttribute("aria-live", "polite");
		state.status.style.marginLeft = "1em";
		form.appendChild(state.status);
		box.appendChild(form);
		stick(box);
		main.insertBefore(box, first);
	}

	infdiag.whatif = {
		/* The interpreter alone, for tests: every number at a point. */
		compute: function (data, point) {
			return compute(data, prepare(data), point || {});
		},
		spell: spell,
		/* The words of derivative dn's check, and the notes of the
		 * points where a function is not differentiable. */
		checkWords: checkWords,
		kinkLines: kinkLines,
		/* Moves the values of point ({NAME: number}); names that are
		 * not movable are ignored.  Returns the names it moved. */
		set: function (point) {
			var moved = [];

			if (state === null)
				return moved;
			Object.keys(point).forEach(function (name) {
				var x = Number(point[name]);

				if (!state.inputs[name] || !isFinite(x))
					return;
				state.point[name] = x;
				state.inputs[name].value = String(x);
				moved.push(name);
			});
			if (moved.length > 0)
				recompute();
			return moved;
		},
		/* Back to the model's own point. */
		reset: function () {
			if (state === null)
				return;
			state.point = {};
			state.data.vars.forEach(function (x) {
				if (state.inputs[x.name])
					state.inputs[x.name].value =
					    String(x.value);
			});
			recompute();
		},
		/* The values moved so far, by name. */
		point: function () {
			return state === null ? {} :
			    Object.assign({}, state.point);
		}
	};

	if (typeof document === "undefined")
		return;
	state = load();
	if (state !== null && movable(state.data).length > 0)
		panel(movable(state.data));
	else
		state = null;
}());
