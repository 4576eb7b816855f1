/*
 * Unit tests of the formulas of the total derivative: exact text and LaTeX
 * of every form on the worked examples; on seeded random DAGs, every form
 * evaluated with random local derivatives agrees with the brute-force sum
 * over paths; a formula too large to print is null, never truncated.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>
#include <jansson.h>

#include "util.h"

#include "infdiag.h"
#include "analysis.h"
#include "dag.h"
#include "formula.h"
#include "model.h"
#include "notation.h"
#include "paths.h"
#include "strbuf.h"

/*
 * 1. Formulas on the worked examples.
 */

static void
formula__example3__expanded_and_factored_exact(void **state)
{
	struct infdiag_model	*m = load(example3);
	struct infdiag_analysis	*a = analyze(m, NULL, NULL, 0, 100);
	json_t			*doc, *f;

	(void)state;
	assert_form(example3, EXPANDED, STYLE_TEXT,
	    "∂y/∂x + ∂y/∂g·dg/dx + ∂y/∂h·∂h/∂x + ∂y/∂h·∂h/∂g·dg/dx");
	assert_form(example3, FACTORED, STYLE_TEXT,
	    "∂y/∂x + ∂y/∂g·dg/dx + ∂y/∂h·(∂h/∂g·dg/dx + ∂h/∂x)");
	assert_form(example3, EXPANDED, STYLE_ASCII,
	    "del y/del x + del y/del g*dg/dx + del y/del h*del h/del x + "
	    "del y/del h*del h/del g*dg/dx");
	assert_form(example3, FACTORED, STYLE_ASCII,
	    "del y/del x + del y/del g*dg/dx + "
	    "del y/del h*(del h/del g*dg/dx + del h/del x)");
	/* The same through the JSON writer, equation and all. */
	doc = write_doc(a, INFDIAG_PART_FORMULA, 0);
	f = jget(json_array_get(jget(doc, "derivatives"), 0), "formula");
	assert_string_equal(jstr(jget(f, "expanded"), "text"), "dy/dx = "
	    "∂y/∂x + ∂y/∂g·dg/dx + ∂y/∂h·∂h/∂x + ∂y/∂h·∂h/∂g·dg/dx");
	assert_string_equal(jstr(jget(f, "factored"), "text"), "dy/dx = "
	    "∂y/∂x + ∂y/∂g·dg/dx + ∂y/∂h·(∂h/∂g·dg/dx + ∂h/∂x)");
	json_decref(doc);
	doc = write_doc(a, INFDIAG_PART_FORMULA, INFDIAG_WRITE_ASCII);
	f = jget(json_array_get(jget(doc, "derivatives"), 0), "formula");
	assert_string_equal(jstr(jget(f, "factored"), "text"), "dy/dx = "
	    "del y/del x + del y/del g*dg/dx + "
	    "del y/del h*(del h/del g*dg/dx + del h/del x)");
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static void
formula__example3__forward_and_reverse_equations_exact(void **state)
{
	static const char *const forward[][2] = {
		{ "x", "dx/dx = 1" },
		{ "g", "dg/dx (total) = dg/dx (local)" },
		{ "h", "dh/dx = ∂h/∂g·dg/dx + ∂h/∂x" },
		{ "y", "dy/dx = ∂y/∂x + ∂y/∂g·dg/dx + ∂y/∂h·dh/dx" },
	};
	static const char *const reverse[][2] = {
		{ "y", "dy/dy = 1" },
		{ "h", "dy/dh = ∂y/∂h" },
		{ "g", "dy/dg = ∂y/∂g + dy/dh·∂h/∂g" },
		{ "x", "dy/dx = ∂y/∂x + dy/dg·dg/dx + dy/dh·∂h/∂x" },
	};
	struct infdiag_model	*m = load(example3);
	struct infdiag_analysis	*a = analyze(m, NULL, NULL, 0, 100);
	json_t			*doc, *fw, *rv;
	size_t			 k;

	(void)state;
	doc = write_doc(a, INFDIAG_PART_ANALYSIS, 0);
	fw = jget(jget(json_array_get(jget(doc, "derivatives"), 0),
	    "formula"), "forward");
	rv = jget(doc, "reverse");
	assert_int_equal(json_array_size(fw), 4);
	assert_int_equal(json_array_size(rv), 4);
	for (k = 0; k < 4; k++) {
		assert_string_equal(jstr(json_array_get(fw, k), "var"),
		    forward[k][0]);
		assert_string_equal(jstr(json_array_get(fw, k), "text"),
		    forward[k][1]);
		assert_string_equal(jstr(json_array_get(rv, k), "var"),
		    reverse[k][0]);
		assert_string_equal(jstr(json_array_get(rv, k), "text"),
		    reverse[k][1]);
	}
	assert_string_equal(jstr(json_array_get(rv, 2), "latex"),
	    "\\frac{dy}{dg} = \\frac{\\partial y}{\\partial g} + "
	    "\\frac{dy}{dh} \\cdot \\frac{\\partial h}{\\partial g}");
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static void
formula__example3__latex_uses_frac_partial_and_d(void **state)
{
	struct infdiag_model	*m = load(example3);
	struct strbuf		 sb = STRBUF_INIT;

	(void)state;
	note_local(&sb, m, infdiag_model_lookup(m, "y"),
	    infdiag_model_lookup(m, "h"), STYLE_LATEX);
	assert_string_equal(strbuf_str(&sb),
	    "\\frac{\\partial y}{\\partial h}");
	strbuf_truncate(&sb, 0);
	note_local(&sb, m, infdiag_model_lookup(m, "g"),
	    infdiag_model_lookup(m, "x"), STYLE_LATEX);
	assert_string_equal(strbuf_str(&sb), "\\frac{dg}{dx}");
	strbuf_release(&sb);
	infdiag_model_free(m);
	assert_form(example3, FACTORED, STYLE_LATEX,
	    "\\frac{\\partial y}{\\partial x} + \\frac{\\partial y}{\\partial "
	    "g} \\cdot \\frac{dg}{dx} + \\frac{\\partial y}{\\partial h} "
	    "\\cdot \\left(\\frac{\\partial h}{\\partial g} \\cdot "
	    "\\frac{dg}{dx} + \\frac{\\partial h}{\\partial x}\\right)");
	assert_form(example3, EXPANDED, STYLE_LATEX,
	    "\\frac{\\partial y}{\\partial x} + \\frac{\\partial y}{\\partial "
	    "g} \\cdot \\frac{dg}{dx} + \\frac{\\partial y}{\\partial h} "
	    "\\cdot \\frac{\\partial h}{\\partial x} + \\frac{\\partial "
	    "y}{\\partial h} \\cdot \\frac{\\partial h}{\\partial g} \\cdot "
	    "\\frac{dg}{dx}");
}

static void
formula__chain_rule__is_product_of_full_derivatives(void **state)
{
	static const char	json[] = "{\"variables\": {\"x\": {}, "
	    "\"g\": [\"x\"], \"y\": {\"inputs\": [\"g\"], \"fn\": \"f\"}}}";

	(void)state;
	assert_form(json, EXPANDED, STYLE_TEXT, "dy/dg·dg/dx");
	assert_form(json, FACTORED, STYLE_TEXT, "dy/dg·dg/dx");
	assert_form(json, EXPANDED, STYLE_ASCII, "dy/dg*dg/dx");
	assert_form(json, FACTORED, STYLE_LATEX,
	    "\\frac{dy}{dg} \\cdot \\frac{dg}{dx}");
}

static void
formula__example2_k3__has_three_terms(void **state)
{
	static const char	json[] = "{\"variables\": {\"x\": {}, "
	    "\"z_1\": [\"x\"], \"z_2\": [\"x\"], \"z_3\": [\"x\"], "
	    "\"y\": [\"z_1\", \"z_2\", \"z_3\"]}}";

	(void)state;
	assert_form(json, EXPANDED, STYLE_TEXT, "∂y/∂z_1·dz_1/dx + "
	    "∂y/∂z_2·dz_2/dx + ∂y/∂z_3·dz_3/dx");
	assert_form(json, FACTORED, STYLE_TEXT, "∂y/∂z_1·dz_1/dx + "
	    "∂y/∂z_2·dz_2/dx + ∂y/∂z_3·dz_3/dx");
	assert_form(json, EXPANDED, STYLE_LATEX,
	    "\\frac{\\partial y}{\\partial z_{1}} \\cdot \\frac{dz_{1}}{dx} + "
	    "\\frac{\\partial y}{\\partial z_{2}} \\cdot \\frac{dz_{2}}{dx} + "
	    "\\frac{\\partial y}{\\partial z_{3}} \\cdot \\frac{dz_{3}}{dx}");
}

/* A variable whose symbol starts with d keeps its derivatives readable:
 * d(d)/dx and d(dx)/d(d), not dd/dx and ddx/dd; in LaTeX a name of
 * several letters is upright (d\mathrm{dx}) and needs nothing, nor does a
 * partial. */
static void
formula__names_starting_with_d__parenthesised(void **state)
{
	static const char	json[] = "{\"variables\": {\"x\": {}, "
	    "\"d\": [\"x\"], \"dx\": [\"d\"], \"y\": [\"dx\", \"x\"]}}";

	(void)state;
	assert_form(json, EXPANDED, STYLE_TEXT,
	    "∂y/∂x + ∂y/∂dx·d(dx)/d(d)·d(d)/dx");
	assert_form(json, EXPANDED, STYLE_LATEX,
	    "\\frac{\\partial y}{\\partial x} + \\frac{\\partial y}{\\partial "
	    "\\mathrm{dx}} \\cdot \\frac{d\\mathrm{dx}}{d(d)} \\cdot "
	    "\\frac{d(d)}{dx}");
}

/* Multivariate: with independent inputs every partial is the total. */
static void
formula__multivariate__partial_is_total(void **state)
{
	static const char	json[] = "{\"variables\": {\"x_1\": {}, "
	    "\"x_2\": {}, \"y\": [\"x_1\", \"x_2\"]}}";
	struct infdiag_model	*m = load(json);
	struct infdiag_analysis	*a = analyze(m, NULL, NULL, 0, 100);
	json_t			*doc, *ds;

	(void)state;
	doc = write_doc(a, INFDIAG_PART_FORMULA, INFDIAG_WRITE_ASCII);
	ds = jget(doc, "derivatives");
	assert_int_equal(json_array_size(ds), 2);
	assert_string_equal(jstr(json_array_get(ds, 0), "wrt"), "x_1");
	assert_string_equal(jstr(jget(jget(json_array_get(ds, 0), "formula"),
	    "expanded"), "text"), "dy/dx_1 = del y/del x_1");
	assert_string_equal(jstr(jget(jget(json_array_get(ds, 1), "formula"),
	    "factored"), "text"), "dy/dx_2 = del y/del x_2");
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

/*
 * 2. The forms agree numerically on random DAGs.
 */

/* Parsing the ASCII forms: local or total derivatives as symbols. */
struct ev {
	const struct dag	*d;
	const char		*s;	/* the text */
	const char		*p;	/* where the parser is */
	const char		*why;	/* NULL, or why it failed */
};

/* Fails with the text and the place. */
static void
ev_fail_at(const struct ev *e, const char *file, int line)
{
	print_error("%s at offset %td of \"%s\"\n", e->why, e->p - e->s, e->s);
	_fail(file, line);
}

/* Reads a name into *v. */
static int
ev_name(struct ev *e, uint32_t *v)
{
	char	buf[16];
	size_t	n = 0;

	while ((e->p[n] >= 'A' && e->p[n] <= 'Z') ||
	    (e->p[n] >= 'a' && e->p[n] <= 'z') ||
	    (e->p[n] >= '0' && e->p[n] <= '9') || e->p[n] == '_') {
		if (n + 1 >= sizeof(buf))
			break;
		buf[n] = e->p[n];
		n++;
	}
	buf[n] = '\0';
	if ((*v = dag_find(e->d, buf)) == MAXV) {
		e->why = "unknown name";
		return -1;
	}
	e->p += n;
	return 0;
}

/* Reads "del a/del b" (partial) or "da/db" (full). */
static int
ev_symbol(struct ev *e, int *partial, uint32_t *top, uint32_t *bottom)
{
	*partial = strncmp(e->p, "del ", 4) == 0;
	if (!*partial && e->p[0] != 'd') {
		e->why = "expected a derivative";
		return -1;
	}
	e->p += *partial ? 4 : 1;
	if (ev_name(e, top) != 0)
		return -1;
	if (strncmp(e->p, *partial ? "/del " : "/d", *partial ? 5 : 2) != 0) {
		e->why = "expected the denominator";
		return -1;
	}
	e->p += *partial ? 5 : 2;
	return ev_name(e, bottom);
}

/* Reads a local derivative ∂v/∂p and gives its value. */
static int
ev_local(struct ev *e, uint32_t *v, uint32_t *p, double *out)
{
	int	partial;

	if (ev_symbol(e, &partial, v, p) != 0)
		return -1;
	if (!e->d->arrow[*p][*v]) {
		e->why = "no such arrow";
		return -1;
	}
	if (partial != (e->d->nin[*v] >= 2)) {
		e->why = "partial and full derivative confused";
		return -1;
	}
	*out = e->d->local[*v][*p];
	return 0;
}

static int	ev_sum(struct ev *, double *);

/* factor: "(" sum ")" | "0" | "1" | local. */
static int
ev_factor(struct ev *e, double *out)
{
	uint32_t	v, p;

	if (*e->p == '(') {
		e->p++;
		if (ev_sum(e, out) != 0)
			return -1;
		if (*e->p != ')') {
			e->why = "expected )";
			return -1;
		}
		e->p++;
		return 0;
	}
	if (*e->p == '0' || *e->p == '1') {
		*out = *e->p++ - '0';
		return 0;
	}
	return ev_local(e, &v, &p, out);
}

/* product: factor ("*" factor)*. */
static int
ev_product(struct ev *e, double *out)
{
	double	f;

	if (ev_factor(e, out) != 0)
		return -1;
	while (*e->p == '*') {
		e->p++;
		if (ev_factor(e, &f) != 0)
			return -1;
		*out *= f;
	}
	return 0;
}

/* sum: product (" + " product)*. */
static int
ev_sum(struct ev *e, double *out)
{
	double	t;

	if (ev_product(e, out) != 0)
		return -1;
	while (strncmp(e->p, " + ", 3) == 0) {
		e->p += 3;
		if (ev_product(e, &t) != 0)
			return -1;
		*out += t;
	}
	return 0;
}

/* Evaluates an expanded or factored right-hand side. */
static double
eval_form(const struct dag *d, const char *s)
{
	struct ev	e = { d, s, s, NULL };
	double		x = 0;

	if (ev_sum(&e, &x) == 0 && *e.p != '\0')
		e.why = "trailing text";
	if (e.why != NULL)
		ev_fail_at(&e, __FILE__, __LINE__);
	return x;
}

/* Expects "d<top>/d<bottom>" (a total derivative). */
static int
ev_total(struct ev *e, uint32_t top, uint32_t *bottom)
{
	uint32_t	t;
	int		partial;

	if (ev_symbol(e, &partial, &t, bottom) != 0)
		return -1;
	if (partial || t != top) {
		e->why = "expected a total derivative";
		return -1;
	}
	return 0;
}

/* The right-hand side of the accumulation equation eq of lhs.  Where the
 * total is the local derivative (one input: only is set) the equation
 * must name them, "lhs (total) = lhs (local)", and the local, lhs, is
 * copied into buf; anywhere else it is "lhs = rhs". */
static const char *
accum_rhs(const char *eq, const char *lhs, int only, char *buf, size_t size)
{
	char	named[96];

	if (!only)
		return rhs_of(eq, lhs);
	snprintf(named, sizeof(named), "%s (total) = %s (local)", lhs, lhs);
	assert_string_equal(eq, named);
	snprintf(buf, size, "%s", lhs);
	return buf;
}

/* Evaluates the forward equation of v, "dv/dwrt = ...", from the totals
 * already known; each term is local(v, p) or local(v, p)*dp/dwrt, every
 * input of v on a path exactly once. */
static double
eval_forward(const struct dag *d, uint32_t v, uint32_t wrt, const char *eq,
    const double *total, const uint8_t *known, const uint8_t *onpath)
{
	char		lhs[32], local[32];
	struct ev	e = { d, NULL, NULL, NULL };
	uint8_t		used[MAXV] = { 0 };
	uint32_t	top, p, q, i;
	double		sum = 0, t;

	snprintf(lhs, sizeof(lhs), "d%s/d%s", d->name[v], d->name[wrt]);
	e.s = e.p = accum_rhs(eq, lhs, d->nin[v] == 1 && d->in[v][0] == wrt,
	    local, sizeof(local));
	if (v == wrt) {
		assert_string_equal(e.s, "1");
		return 1;
	}
	do {
		if (ev_local(&e, &top, &p, &t) != 0)
			break;
		if (top != v || used[p] || !onpath[p]) {
			e.why = "wrong local derivative";
			break;
		}
		used[p] = 1;
		if (*e.p == '*') {
			e.p++;
			if (ev_total(&e, p, &q) != 0)
				break;
			if (q != wrt || !known[p] || p == wrt) {
				e.why = "wrong or unknown total derivative";
				break;
			}
			t *= total[p];
		} else if (p != wrt) {
			e.why = "missing total derivative";
			break;
		}
		sum += t;
	} while (strncmp(e.p, " + ", 3) == 0 && (e.p += 3));
	if (e.why == NULL && *e.p != '\0')
		e.why = "trailing text";
	for (i = 0; e.why == NULL && i < d->nin[v]; i++) {
		if (onpath[d->in[v][i]] && !used[d->in[v][i]])
			e.why = "an input on a path is missing";
	}
	if (e.why != NULL)
		ev_fail_at(&e, __FILE__, __LINE__);
	return sum;
}

/* Evaluates the reverse equation of v, "dof/dv = ...", from the adjoints
 * already known; each term is local(of, v) or dof/dc*local(c, v), every
 * consumer of v that is an ancestor of of exactly once. */
static double
eval_reverse(const struct dag *d, uint32_t v, uint32_t of, const char *eq,
    const double *adj, const uint8_t *known, const uint8_t *anc)
{
	char		lhs[32], local[32];
	struct ev	e = { d, NULL, NULL, NULL };
	uint8_t		used[MAXV] = { 0 };
	uint32_t	c, w, p;
	double		sum = 0, t;
	const char	*start;

	snprintf(lhs, sizeof(lhs), "d%s/d%s", d->name[of], d->name[v]);
	e.s = e.p = accum_rhs(eq, lhs, d->nin[of] == 1 && d->in[of][0] == v,
	    local, sizeof(local));
	if (v == of) {
		assert_string_equal(e.s, "1");
		return 1;
	}
	do {
		start = e.p;
		/* One factor alone is the direct term; else a total first. */
		e.p += strcspn(e.p, "*+");
		if (*e.p != '*') {
			e.p = start;
			if (ev_local(&e, &w, &p, &t) != 0)
				break;
			c = of;
			if (w != of || p != v || used[of]) {
				e.why = "wrong direct term";
				break;
			}
		} else {
			e.p = start;
			if (ev_total(&e, of, &c) != 0)
				break;
			if (*e.p++ != '*' || ev_local(&e, &w, &p, &t) != 0) {
				if (e.why == NULL)
					e.why = "expected *";
				break;
			}
			if (c == of || w != c || p != v || !known[c] ||
			    used[c]) {
				e.why = "wrong or unknown adjoint term";
				break;
			}
			t *= adj[c];
		}
		used[c] = 1;
		sum += t;
	} while (strncmp(e.p, " + ", 3) == 0 && (e.p += 3));
	if (e.why == NULL && *e.p != '\0')
		e.why = "trailing text";
	for (c = v + 1; e.why == NULL && c < d->n; c++) {
		if (d->arrow[v][c] && anc[c] && !used[c])
			e.why = "a consumer is missing";
	}
	if (e.why != NULL)
		ev_fail_at(&e, __FILE__, __LINE__);
	return sum;
}

/* The expected expanded ASCII text: a term per path, in path order, the
 * local derivatives from the output end. */
static void
expanded_want(struct strbuf *sb, const struct dag *d, const struct plist *pl)
{
	size_t		k;
	uint32_t	i, v, p;
	const char	*pd;

	if (pl->n == 0)
		strbuf_addc(sb, '0');
	for (k = 0; k < pl->n; k++) {
		strbuf_add(sb, k ? " + " : "");
		if (pl->len[k] == 1)
			strbuf_addc(sb, '1');
		for (i = pl->len[k] - 1; i > 0; i--) {
			v = pl->v[k][i];
			p = pl->v[k][i - 1];
			pd = d->nin[v] >= 2 ? "del " : "d";
			strbuf_addf(sb, "%s%s%s/%s%s", i + 1 < pl->len[k] ?
			    "*" : "", pd, d->name[v], pd, d->name[p]);
		}
	}
}

/* Checks the reverse equations of a document and returns the adjoints. */
static void
check_reverse(const struct dag *d, uint32_t of, const json_t *doc,
    double *adj, uint8_t *anc)
{
	const json_t	*rv = jget(doc, "reverse"), *r;
	uint8_t		 known[MAXV] = { 0 };
	uint32_t	 k, v, n = 0;

	ancestors(d, of, anc);
	for (v = 0; v < d->n; v++) {
		n += anc[v];
		adj[v] = 0;
	}
	assert_int_equal(json_array_size(rv), n);
	for (k = 0; k < n; k++) {
		r = json_array_get(rv, k);
		v = dag_find(d, jstr(r, "var"));
		assert_true(v < d->n && anc[v] && !known[v]);
		/* From of down: eval_reverse() needs every consumer's
		 * adjoint known. */
		assert_true(k > 0 || v == of);
		adj[v] = eval_reverse(d, v, of, jstr(r, "text"), adj, known,
		    anc);
		known[v] = 1;
	}
}

/* Checks one derivative's forms numerically against the path sum. */
static void
check_deriv_numbers(const struct dag *d, const struct infdiag_model *m,
    uint32_t of, uint32_t wrt, const json_t *dv, const double *adj)
{
	const json_t	*f = jget(dv, "formula"), *fw, *e;
	struct plist	 pl;
	struct strbuf	 sb = STRBUF_INIT;
	double		 brute = 0, term, total[MAXV] = { 0 };
	uint8_t		 known[MAXV] = { 0 }, onpath[MAXV] = { 0 };
	char		 lhs[32];
	uint32_t	 i, v, k, non = 0;
	size_t		 j;

	brute_paths(d, m, wrt, of, &pl);
	for (j = 0; j < pl.n; j++) {
		for (i = pl.len[j] - 1, term = 1; i > 0; i--)
			term *= d->local[pl.v[j][i]][pl.v[j][i - 1]];
		brute += term;
		for (i = 0; i < pl.len[j]; i++)
			onpath[pl.v[j][i]] = 1;
	}
	snprintf(lhs, sizeof(lhs), "d%s/d%s", d->name[of], d->name[wrt]);
	/* (ii) expanded: exactly the terms of the paths, and its value. */
	expanded_want(&sb, d, &pl);
	if (json_is_null(jget(f, "expanded")))
		print_error("expanded is null for %zu paths\n", pl.n);
	assert_string_equal(rhs_of(jstr(jget(f, "expanded"), "text"), lhs),
	    strbuf_str(&sb));
	strbuf_release(&sb);
	assert_close(eval_form(d, rhs_of(jstr(jget(f, "expanded"), "text"),
	    lhs)), brute, 1e-9);
	/* (iii) factored. */
	assert_close(eval_form(d, rhs_of(jstr(jget(f, "factored"), "text"),
	    lhs)), brute, 1e-9);
	/* (iv) forward: the variables on a path, in order, each once. */
	fw = jget(f, "forward");
	for (v = 0; v < d->n; v++)
		non += onpath[v];
	assert_int_equal(json_array_size(fw), non);
	for (k = 0; k < non; k++) {
		e = json_array_get(fw, k);
		v = dag_find(d, jstr(e, "var"));
		assert_true(v < d->n && onpath[v] && !known[v]);
		total[v] = eval_forward(d, v, wrt, jstr(e, "text"), total,
		    known, onpath);
		known[v] = 1;
	}
	assert_close(non > 0 ? total[of] : 0, brute, 1e-9);
	/* (v) reverse. */
	assert_close(adj[wrt], brute, 1e-9);
	plist_free(&pl);
}

static void
formula__random_dags__all_forms_agree_numerically(void **state)
{
	uint64_t		 rng = 0x5eed0005;
	struct dag		 d;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	const char		*names[MAXV];
	double			 adj[MAXV];
	uint8_t			 anc[MAXV];
	uint32_t		 wrt[MAXV], of, k;
	json_t			*doc, *ds;
	int			 t;

	(void)state;
	for (t = 0; t < 80; t++) {
		if (t % 4 != 3)
			dag_random(&d, &rng, 2 + rnd_below(&rng, DENSEV - 1),
			    30 + rnd_below(&rng, 60));
		else
			dag_random(&d, &rng, DENSEV + 1 + rnd_below(&rng,
			    MAXV - DENSEV), 8 + rnd_below(&rng, 17));
		m = dag_load(&d, &rng);
		/* A variable with inputs, usually the last. */
		of = d.n - 1;
		while (t % 3 == 1 && of > 0 && (of == d.n - 1 ||
		    d.nin[of] == 0))
			of = rnd_below(&rng, d.n);
		for (k = 0; k < d.n; k++)
			wrt[k] = k;
		shuffle(&rng, wrt, d.n);
		for (k = 0; k < d.n; k++)
			names[k] = d.name[wrt[k]];
		a = analyze(m, d.name[of], names, d.n, 10);
		doc = write_doc(a, INFDIAG_PART_ANALYSIS, INFDIAG_WRITE_ASCII);
		check_reverse(&d, of, doc, adj, anc);
		ds = jget(doc, "derivatives");
		assert_int_equal(json_array_size(ds), d.n);
		for (k = 0; k < d.n; k++)
			check_deriv_numbers(&d, m, of, wrt[k],
			    json_array_get(ds, k), adj);
		json_decref(doc);
		infdiag_analysis_free(a);
		infdiag_model_free(m);
	}
}

/*
 * 3. Limits: a formula too large to print is null, never truncated.
 */

/* The only derivative's formula object of a model. */
static json_t *
formula_of(json_t *doc)
{
	return jget(json_array_get(jget(doc, "derivatives"), 0), "formula");
}

/* Counts the occurrences of needle in s. */
static size_t
count_of(const char *s, const char *needle)
{
	size_t	n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static void
formula__expanded_over_limit__null_but_equations_kept(void **state)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	json_t			*doc, *f;

	(void)state;
	/* 10^3 = 1000 paths: at the limit, written whole. */
	m = load_layered(3, 10, 0);
	a = analyze(m, NULL, NULL, 0, 0);
	doc = write_doc(a, INFDIAG_PART_FORMULA, INFDIAG_WRITE_ASCII);
	f = formula_of(doc);
	assert_true(json_is_object(jget(f, "expanded")));
	assert_int_equal(count_of(jstr(jget(f, "expanded"), "text"), " + "),
	    EXPANDED_MAX_TERMS - 1);
	assert_int_equal(count_of(jstr(jget(f, "expanded"), "latex"),
	    "\\frac"), 4 * EXPANDED_MAX_TERMS + 1);
	assert_true(json_is_object(jget(f, "factored")));
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
	/* One more path (x -> y): over the limit. */
	m = load_layered(3, 10, 1);
	a = analyze(m, NULL, NULL, 0, 0);
	doc = write_doc(a, INFDIAG_PART_ANALYSIS, INFDIAG_WRITE_ASCII);
	f = formula_of(doc);
	assert_string_equal(jstr(json_array_get(jget(doc, "derivatives"), 0),
	    "path_count"), "1001");
	assert_true(json_is_null(jget(f, "expanded")));
	assert_true(json_is_object(jget(f, "factored")));
	assert_int_equal(json_array_size(jget(f, "forward")), 32);
	assert_int_equal(json_array_size(jget(doc, "reverse")), 32);
	assert_false(formula_expanded_fits(a, &a->d[0]));
	assert_true(formula_factored_fits(a, &a->d[0]));
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

/* Loads a chain v0 -> v1 -> ... of n arrows. */
static struct infdiag_model *
load_chain(unsigned n)
{
	struct strbuf		 sb = STRBUF_INIT;
	struct infdiag_model	*m;
	unsigned		 i;

	strbuf_add(&sb, "{\"variables\": {\"v0\": {}");
	for (i = 1; i <= n; i++)
		strbuf_addf(&sb, ", \"v%u\": [\"v%u\"]", i, i - 1);
	strbuf_add(&sb, "}}");
	assert_false(strbuf_failed(&sb));
	m = load(sb.s);
	strbuf_release(&sb);
	return m;
}

static void
formula__factors_at_and_over_limit__written_then_null(void **state)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	json_t			*doc, *f;
	int			 over;

	(void)state;
	for (over = 0; over < 2; over++) {
		m = load_chain(EXPANDED_MAX_FACTORS + over);
		a = analyze(m, NULL, NULL, 0, 1);
		assert_int_equal(a->d[0].expanded_factors,
		    EXPANDED_MAX_FACTORS + over);
		assert_int_equal(a->d[0].factored_factors,
		    EXPANDED_MAX_FACTORS + over);
		doc = write_doc(a, INFDIAG_PART_FORMULA, INFDIAG_WRITE_ASCII);
		f = formula_of(doc);
		assert_int_equal(json_array_size(jget(f, "forward")),
		    EXPANDED_MAX_FACTORS + over + 1);
		if (over) {
			assert_true(json_is_null(jget(f, "expanded")));
			assert_true(json_is_null(jget(f, "factored")));
		} else {
			assert_int_equal(count_of(jstr(jget(f, "expanded"),
			    "text"), "/"), EXPANDED_MAX_FACTORS + 1);
			assert_int_equal(count_of(jstr(jget(f, "factored"),
			    "text"), "/"), FACTORED_MAX_FACTORS + 1);
		}
		json_decref(doc);
		infdiag_analysis_free(a);
		infdiag_model_free(m);
	}
}

static void
formula__factored_over_limit__is_null_with_forward(void **state)
{
	struct infdiag_model	*m = load_layered(6, 6, 0);
	struct infdiag_analysis	*a = analyze(m, NULL, NULL, 0, 2);
	json_t			*doc, *f;

	(void)state;
	/* F(layer 0) = 1, F(k) = 6 (F(k-1) + 1): y has 102642 factors. */
	assert_int_equal(a->d[0].factored_factors, 102642);
	doc = write_doc(a, INFDIAG_PART_ANALYSIS, 0);
	f = formula_of(doc);
	assert_string_equal(jstr(json_array_get(jget(doc, "derivatives"), 0),
	    "path_count"), "46656");
	assert_true(json_is_null(jget(f, "expanded")));
	assert_true(json_is_null(jget(f, "factored")));
	assert_int_equal(json_array_size(jget(f, "forward")), 38);
	assert_int_equal(json_array_size(jget(doc, "reverse")), 38);
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    formula__example3__expanded_and_factored_exact),
		cmocka_unit_test(
		    formula__example3__forward_and_reverse_equations_exact),
		cmocka_unit_test(
		    formula__example3__latex_uses_frac_partial_and_d),
		cmocka_unit_test(
		    formula__chain_rule__is_product_of_full_derivatives),
		cmocka_unit_test(formula__example2_k3__has_three_terms),
		cmocka_unit_test(formula__multivariate__partial_is_total),
		cmocka_unit_test(
		    formula__names_starting_with_d__parenthesised),
		cmocka_unit_test(
		    formula__random_dags__all_forms_agree_numerically),
		cmocka_unit_test(
		    formula__expanded_over_limit__null_but_equations_kept),
		cmocka_unit_test(
		    formula__factors_at_and_over_limit__written_then_null),
		cmocka_unit_test(
		    formula__factored_over_limit__is_null_with_forward),
	};

	return cmocka_run_group_tests_name("formula", tests, NULL, NULL);
}
