/*
 * Measures a report in headless Chromium: the tests copy a report, add
 * this script at its end, and read the line it writes from --dump-dom.
 * The reports themselves have no script.
 */
window.addEventListener("load", function () {
	function count(sel) {
		var all = document.querySelectorAll(sel), zero = 0, i, r;

		for (i = 0; i < all.length; i++) {
			r = all[i].getBoundingClientRect();
			if (!(r.width > 0 && r.height > 0))
				zero++;
		}
		return all.length + " " + zero;
	}
	var out = document.createElement("pre");

	out.id = "infdiag-measure";
	/* Elements inside a closed <details> are not laid out: open them. */
	document.querySelectorAll("details").forEach(function (d) {
		d.open = true;
	});
	out.textContent = "MEASURE math " + count("math") + " svg " +
	    count("svg") + " script " +
	    document.querySelectorAll("script").length + " img " +
	    document.querySelectorAll("img").length + " iframe " +
	    document.querySelectorAll("iframe").length + " title " +
	    (document.title === "pwned" ? "pwned" : "kept") + " END";
	document.body.appendChild(out);
});
