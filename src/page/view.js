/*
 * The report's view: selecting a path, tooltips on the diagrams, zoom and
 * pan, the step-through of the derivation and the URL fragment (SPEC 5.4).
 * Every handler is attached from here, never from markup; model text is
 * only ever copied as text or as nodes the page already has.
 */
(function () {
	"use strict";
	var infdiag = window.infdiag = window.infdiag || {};
	var STEPS = ["decompose", "rules", "substitution", "terms by path",
	    "factored", "forward", "reverse"];
	var state = { d: 1, path: 0, step: 0, set: "" };
	var stepBar = null, tip = null;

	/* The elements matching sel, as an array. */
	function all(sel, root) {
		return Array.prototype.slice.call((root || document)
		    .querySelectorAll(sel));
	}

	/* The derivative (1-based) el belongs to: its or an ancestor's
	 * data-d, else the first. */
	function derivOf(el) {
		var host = el.closest("[data-d]");

		return host ? parseInt(host.getAttribute("data-d"), 10) : 1;
	}

	/* The paths el is on, from its data-path. */
	function pathsOf(el) {
		return el.getAttribute("data-path").trim().split(/\s+/)
		    .map(Number);
	}

	/*
	 * The fragment: #d=K&path=N&step=K&set=VAR:NUMBER,...
	 */

	/* Parses a fragment into its fields (strings; absent: undefined). */
	function parseHash(hash) {
		var out = {};

		hash.replace(/^#/, "").split("&").forEach(function (kv) {
			var at = kv.indexOf("="), key, value;

			if (at <= 0)
				return;
			key = kv.slice(0, at);
			try {
				value = decodeURIComponent(kv.slice(at + 1));
			} catch (e) {
				return;
			}
			if (key === "d" || key === "path" || key === "step" ||
			    key === "set")
				out[key] = value;
		});
		return out;
	}

	/* Parses "VAR:NUMBER,..." into {VAR: number}; bad pairs are left
	 * out. */
	function parseSet(s) {
		var out = {};

		s.split(",").forEach(function (pair) {
			var at = pair.lastIndexOf(":"), x;

			if (at <= 0)
				return;
			x = Number(pair.slice(at + 1));
			if (pair.slice(at + 1).trim() !== "" && isFinite(x))
				out[pair.slice(0, at).trim()] = x;
		});
		return out;
	}

	/* A positive integer from a field, or 0. */
	function count(s) {
		var n = /^\d+$/.test(s || "") ? parseInt(s, 10) : 0;

		return n > 0 ? n : 0;
	}

	/* The fragment that says the current state. */
	function stateHash() {
		var parts = [];

		if (state.path > 0) {
			if (state.d !== 1)
				parts.push("d=" + state.d);
			parts.push("path=" + state.path);
		}
		if (state.step > 0)
			parts.push("step=" + state.step);
		if (state.set !== "")
			parts.push("set=" + state.set);
		return parts.length > 0 ? "#" + parts.join("&") : "";
	}

	/* Puts the state in the address, without a new history entry, so
	 * that a teacher can copy a link to this view. */
	function saveHash() {
		var url = location.href.replace(/#.*$/, "") + stateHash();

		try {
			history.replaceState(null, "", url);
		} catch (e) {
			/* A file: page in some browsers: the state stays. */
		}
	}

	/* Sets the state from the address: on load and on hashchange. */
	function applyHash() {
		var f = parseHash(location.hash);

		state.d = count(f.d) || 1;
		selectPath(state.d, count(f.path), false);
		showStep(count(f.step), false);
		if (f.set !== undefined && infdiag.whatif &&
		    typeof infdiag.whatif.set === "function") {
			state.set = f.set;
			infdiag.whatif.set(parseSet(f.set));
		}
	}

	/*
	 * Paths: selected in the list, a diagram or the expanded formula.
	 */

	/* Marks path n of derivative d (n = 0: none) and dims the others. */
	function selectPath(d, n, user) {
		state.d = d;
		state.path = n;
		all("[data-path]").forEach(function (el) {
			var mine = n > 0 && derivOf(el) === d;
			var on = mine && pathsOf(el).indexOf(n) >= 0;
			var colour = on && n <= 12 ? "pc" + n : null;

			el.classList.toggle("selected", on);
			el.classList.toggle("dim", mine && !on);
			if (el.hasAttribute("aria-selected"))
				el.setAttribute("aria-selected", on ? "true" :
				    "false");
			if (el.hasAttribute("data-colour")) {
				el.classList.remove(el.getAttribute(
				    "data-colour"), "pc-sel");
				el.removeAttribute("data-colour");
			}
			/* An arrow takes its path's colour in every diagram. */
			if (colour !== null && el.closest("svg")) {
				el.setAttribute("data-colour", colour);
				el.classList.add(colour, "pc-sel");
			}
		});
		if (user)
			saveHash();
	}

	/* Selects, from an element on several paths, the next of its paths
	 * after the one selected; none after its last. */
	function choosePath(el) {
		var d = derivOf(el), list = pathsOf(el), at;

		at = d === state.d ? list.indexOf(state.path) : -1;
		selectPath(d, at < 0 ? list[0] : at + 1 < list.length ?
		    list[at + 1] : 0, true);
	}

	/* Makes the paths' list entries, terms and arrows selectable by
	 * mouse and keyboard, and says so to a screen reader. */
	function setupPaths() {
		all("table.paths").forEach(function (t) {
			t.setAttribute("role", "grid");
			t.setAttribute("aria-label", "Influence paths: Enter or " +
			    "Space selects one and highlights its arrows " +
			    "and its term");
		});
		all("[data-path]").forEach(function (el) {
			var list = pathsOf(el).join(", ");

			el.setAttribute("tabindex", "0");
			if (el.tagName.toLowerCase() === "tr") {
				el.setAttribute("aria-selected", "false");
				el.setAttribute("aria-label", "Path " + list);
			} else if (el.closest("svg")) {
				el.setAttribute("role", "button");
				el.setAttribute("aria-label", "Arrow " +
				    el.getAttribute("data-arrow").replace(" ",
				    " to ") + ", on path" + (list.indexOf(",") >
				    0 ? "s " : " ") + list);
			} else {
				el.setAttribute("role", "button");
				el.setAttribute("aria-label", "The term of path " +
				    list);
			}
		});
		document.addEventListener("click", function (ev) {
			var el = ev.target.closest && ev.target.closest(
			    "[data-path]");

			if (el && !panned)
				choosePath(el);
		});
		document.addEventListener("keydown", function (ev) {
			var el = ev.target;

			if ((ev.key === "Enter" || ev.key === " ") &&
			    el.hasAttribute && el.hasAttribute("data-path")) {
				ev.preventDefault();
				choosePath(el);
			}
		});
	}

	/*
	 * Tooltips: an arrow's local derivative, a node's value and adjoint.
	 */

	/* A copy of a cell's content for the tooltip, without the data-*
	 * attributes: the copy is not one of the page's numbers, paths or
	 * steps. */
	function copyOf(cell) {
		var span = document.createElement("span"), i;

		for (i = 0; i < cell.childNodes.length; i++)
			span.appendChild(cell.childNodes[i].cloneNode(true));
		[span].concat(all("*", span)).forEach(function (e) {
			Array.prototype.slice.call(e.attributes).forEach(
			    function (at) {
				if (/^(data-|id$|tabindex$)/.test(at.name))
					e.removeAttribute(at.name);
			});
		});
		return span;
	}

	/* Fills the tooltip with copies of the page's own cells for el. */
	function fillTip(el) {
		var arrow = el.getAttribute("data-arrow"), node, src, row, v, a;

		tip.textContent = "";
		if (arrow !== null) {
			row = document.querySelector('tr[data-arrow="' + arrow +
			    '"]');
			src = row ? all("td", row) : all('span[data-arrow="' +
			    arrow + '"]').slice(0, 1);
			src.forEach(function (cell, i) {
				if (i > 0)
					tip.appendChild(document.createTextNode(
					    " = "));
				tip.appendChild(copyOf(cell));
			});
			if (src.length === 0)
				tip.textContent = arrow.replace(" ", " → ");
			return;
		}
		node = el.getAttribute("data-node");
		v = document.querySelector('td[data-var="' + node + '"]');
		a = document.querySelector('td[data-adjoint="' + node + '"]');
		tip.appendChild(document.createTextNode(node));
		if (v)
			tip.appendChild(document.createTextNode(" = " +
			    v.textContent));
		if (a)
			tip.appendChild(document.createTextNode("; adjoint " +
			    a.textContent));
	}

	/* Shows the tooltip for el beside it. */
	function showTip(el) {
		var r = el.getBoundingClientRect();

		fillTip(el);
		tip.hidden = false;
		tip.style.left = Math.round(r.left + window.scrollX) + "px";
		tip.style.top = Math.round(r.bottom + window.scrollY + 4) + "px";
		el.setAttribute("aria-describedby", "infdiag-tip");
	}

	/* Hides the tooltip. */
	function hideTip(el) {
		tip.hidden = true;
		if (el)
			el.removeAttribute("aria-describedby");
	}

	/* Attaches the tooltips to the diagrams' arrows and nodes. */
	function setupTips() {
		var sel = "svg [data-arrow], svg [data-node]";

		tip = document.createElement("div");
		tip.id = "infdiag-tip";
		tip.className = "tip";
		tip.setAttribute("role", "tooltip");
		tip.hidden = true;
		document.body.appendChild(tip);
		["mouseover", "focusin"].forEach(function (type) {
			document.addEventListener(type, function (ev) {
				var el = ev.target.closest &&
				    ev.target.closest(sel);

				if (el)
					showTip(el);
			});
		});
		["mouseout", "focusout"].forEach(function (type) {
			document.addEventListener(type, function (ev) {
				var el = ev.target.closest &&
				    ev.target.closest(sel);

				if (el)
					hideTip(el);
			});
		});
		document.addEventListener("keydown", function (ev) {
			if (ev.key === "Escape")
				hideTip(null);
		});
	}

	/*
	 * Zoom and pan: the SVG's viewBox, by wheel, pinch, drag, buttons
	 * and keys.
	 */

	var panned = false;

	/* A diagram's zoom: its SVG, its whole box and the box shown. */
	function Zoom(svg) {
		var vb = svg.viewBox.baseVal;

		this.svg = svg;
		this.full = [vb.x, vb.y, vb.width, vb.height];
		this.box = this.full.slice();
	}

	/* Shows the box. */
	Zoom.prototype.show = function () {
		this.svg.setAttribute("viewBox", this.box.map(function (x) {
			return +x.toFixed(3);
		}).join(" "));
	};

	/* Zooms by f about the point (x, y) of the diagram, between a
	 * tenth of the whole and forty times. */
	Zoom.prototype.by = function (f, x, y) {
		var b = this.box, s = this.full[2] / (b[2] / f);

		if (s < 0.1 || s > 40)
			return;
		b[0] = x - (x - b[0]) / f;
		b[1] = y - (y - b[1]) / f;
		b[2] /= f;
		b[3] /= f;
		this.show();
	};

	/* Zooms by f about the centre of the box shown. */
	Zoom.prototype.centre = function (f) {
		this.by(f, this.box[0] + this.box[2] / 2,
		    this.box[1] + this.box[3] / 2);
	};

	/* Moves the box by (dx, dy) screen pixels. */
	Zoom.prototype.pan = function (dx, dy) {
		var r = this.svg.getBoundingClientRect();

		if (r.width <= 0)
			return;
		this.box[0] -= dx * this.box[2] / r.width;
		this.box[1] -= dy * this.box[3] / r.height;
		this.show();
	};

	/* The point of the diagram under the screen point (cx, cy). */
	Zoom.prototype.at = function (cx, cy) {
		var r = this.svg.getBoundingClientRect();

		return [this.box[0] + (cx - r.left) / r.width * this.box[2],
		    this.box[1] + (cy - r.top) / r.height * this.box[3]];
	};

	/* The whole diagram, as wide as the page allows. */
	Zoom.prototype.fit = function () {
		this.box = this.full.slice();
		this.show();
	};

	/* One pixel of the diagram's own size to one pixel of the screen. */
	Zoom.prototype.natural = function () {
		var w = this.svg.width.baseVal.value;
		var r = this.svg.getBoundingClientRect();

		this.fit();
		if (w > 0 && r.width > 0)
			this.centre(w / r.width);
	};

	/* A button of the zoom bar. */
	function zoomButton(bar, text, label, fn) {
		var b = document.createElement("button");

		b.type = "button";
		b.textContent = text;
		b.setAttribute("aria-label", label);
		b.addEventListener("click", fn);
		bar.appendChild(b);
		return b;
	}

	/* Follows the pointers on a diagram: one drags, two pinch. */
	function pointers(z, box) {
		var down = {}, start = null, dist = 0;

		function spread() {
			var p = Object.keys(down).map(function (k) {
				return down[k];
			});
			return p.length < 2 ? 0 : Math.hypot(p[0].x - p[1].x,
			    p[0].y - p[1].y);
		}

		/* The midpoint of the first two pointers down. */
		function middle() {
			var p = Object.keys(down).map(function (k) {
				return down[k];
			});
			return [(p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2];
		}
		box.addEventListener("pointerdown", function (ev) {
			down[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
			start = { x: ev.clientX, y: ev.clientY };
			dist = spread();
			panned = false;
		});
		box.addEventListener("pointermove", function (ev) {
			var p = down[ev.pointerId], d, mid, was, now;

			if (!p)
				return;
			if (Object.keys(down).length >= 2) {
				/* Zoom about the fingers' old midpoint, then
				 * follow it: the point under it stays there. */
				was = middle();
				p.x = ev.clientX;
				p.y = ev.clientY;
				d = spread();
				if (dist > 0 && d > 0) {
					mid = z.at(was[0], was[1]);
					z.by(d / dist, mid[0], mid[1]);
					now = middle();
					z.pan(now[0] - was[0], now[1] - was[1]);
				}
				dist = d;
				panned = true;
				return;
			}
			if (!panned && Math.hypot(ev.clientX - start.x,
			    ev.clientY - start.y) < 4)
				return;
			if (!panned && box.setPointerCapture)
				box.setPointerCapture(ev.pointerId);
			panned = true;
			z.pan(ev.clientX - p.x, ev.clientY - p.y);
			p.x = ev.clientX;
			p.y = ev.clientY;
		});
		["pointerup", "pointercancel"].forEach(function (type) {
			box.addEventListener(type, function (ev) {
				delete down[ev.pointerId];
				dist = spread();
				window.setTimeout(function () {
					panned = false;
				}, 0);
			});
		});
	}

	/* Gives a diagram its zoom bar, wheel, pointers and keys. */
	function setupZoom(fig) {
		var box = fig.querySelector(".zoom"), svg, z, bar;

		svg = box && box.querySelector("svg");
		if (!svg || !svg.viewBox || !svg.viewBox.baseVal ||
		    svg.viewBox.baseVal.width <= 0)
			return;
		z = new Zoom(svg);
		bar = document.createElement("div");
		bar.className = "zoombar";
		bar.setAttribute("role", "toolbar");
		bar.setAttribute("aria-label", "Zoom the diagram");
		zoomButton(bar, "+", "Zoom in", function () { z.centre(1.25); });
		zoomButton(bar, "\u2212", "Zoom out", function () {
			z.centre(0.8);
		});
		zoomButton(bar, "Fit", "Fit to width", function () { z.fit(); });
		zoomButton(bar, "1:1", "Actual size", function () {
			z.natural();
		});
		fig.insertBefore(bar, box);
		box.setAttribute("tabindex", "0");
		box.setAttribute("aria-label", "Diagram: + and \u2212 zoom, " +
		    "the arrow keys pan, 0 fits it to the width, 1 shows it " +
		    "at its size");
		box.addEventListener("wheel", function (ev) {
			var p = z.at(ev.clientX, ev.clientY);

			ev.preventDefault();
			z.by(ev.deltaY < 0 ? 1.15 : 1 / 1.15, p[0], p[1]);
		}, { passive: false });
		pointers(z, box);
		box.addEventListener("keydown", function (ev) {
			var keys = {
				"+": function () { z.centre(1.25); },
				"=": function () { z.centre(1.25); },
				"-": function () { z.centre(0.8); },
				"0": function () { z.fit(); },
				"1": function () { z.natural(); },
				"ArrowLeft": function () { z.pan(40, 0); },
				"ArrowRight": function () { z.pan(-40, 0); },
				"ArrowUp": function () { z.pan(0, 40); },
				"ArrowDown": function () { z.pan(0, -40); }
			};

			if (ev.target !== box || !keys[ev.key])
				return;
			ev.preventDefault();
			ev.stopPropagation();
			keys[ev.key]();
		});
	}

	/*
	 * The step-through: one step of the derivation at a time.
	 */

	/* Shows step k alone (k = 0: every step, as without script). */
	function showStep(k, user) {
		var label;

		if (k > STEPS.length)
			k = STEPS.length;
		state.step = k;
		all("[data-step]").forEach(function (el) {
			el.hidden = k > 0 &&
			    el.getAttribute("data-step") !== String(k);
		});
		if (stepBar !== null) {
			label = stepBar.querySelector(".steplabel");
			label.textContent = k > 0 ? "Step " + k + " of " +
			    STEPS.length + ": " + STEPS[k - 1] :
			    "Every step shown";
		}
		if (user) {
			saveHash();
			if (k > 0 && stepBar !== null)
				stepBar.scrollIntoView({ block: "nearest" });
		}
	}

	/* Says whether a key pressed in el belongs to it, not the page. */
	function ownsKeys(el) {
		return el && el.closest && el.closest("input, textarea, " +
		    "select, button, .zoom, [contenteditable]") !== null;
	}

	/* Adds the step bar (previous, next, every step) and the arrow
	 * keys. */
	function setupSteps() {
		var label;

		if (document.querySelector("[data-step]") === null)
			return;
		stepBar = document.createElement("nav");
		stepBar.className = "steps";
		stepBar.setAttribute("aria-label", "Step through the " +
		    "derivation (left and right arrow keys)");
		zoomButton(stepBar, "\u25c0 Previous", "Previous step",
		    function () { showStep(Math.max(state.step - 1, 1), true); });
		label = document.createElement("span");
		label.className = "steplabel";
		label.setAttribute("aria-live", "polite");
		stepBar.appendChild(label);
		zoomButton(stepBar, "Next \u25b6", "Next step", function () {
			showStep(Math.min(state.step + 1, STEPS.length), true);
		});
		zoomButton(stepBar, "All steps", "Show every step",
		    function () { showStep(0, true); });
		document.querySelector("header").after(stepBar);
		document.addEventListener("keydown", function (ev) {
			if (ev.altKey || ev.ctrlKey || ev.metaKey ||
			    ownsKeys(ev.target))
				return;
			if (ev.key === "ArrowRight") {
				ev.preventDefault();
				showStep(Math.min(state.step + 1, STEPS.length),
				    true);
			} else if (ev.key === "ArrowLeft" && state.step > 0) {
				ev.preventDefault();
				showStep(Math.max(state.step - 1, 1), true);
			}
		});
	}

	/*
	 * The fragment, following the what-if.
	 */

	/* Writes the what-if's values into the fragment. */
	function refresh() {
		var w = infdiag.whatif, point;

		if (w && typeof w.point === "function") {
			point = w.point();
			state.set = Object.keys(point).map(function (n) {
				return n + ":" + point[n];
			}).join(",");
			saveHash();
		}
	}

	/* Sets the page up once it is parsed, then the fragment's state. */
	function start() {
		document.documentElement.classList.add("js");
		setupPaths();
		setupTips();
		all("figure.diagram").forEach(setupZoom);
		setupSteps();
		showStep(0, false);
		infdiag.onchange = refresh;
		applyHash();
		window.addEventListener("hashchange", applyHash);
	}

	infdiag.view = {
		selectPath: function (d, n) { selectPath(d, n, true); },
		showStep: function (k) { showStep(k, true); },
		parseHash: parseHash,
		parseSet: parseSet
	};
	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", start);
	else
		start();
}());
