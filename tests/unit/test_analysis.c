/*
 * Unit tests of the analysis: the sink-subgraph decomposition on seeded
 * random DAGs, and the query's defaults and errors.  The paths and the
 * formulas have their own tests (test_paths.c, test_formula.c).
 */
#include "config.h"

#include <stdint.h>
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
 * 1. Sink subgraphs.
 */

/* The smallest topological order by declaration position. */
static void
expected_order(const struct dag *d, uint32_t *order)
{
	uint32_t	done[MAXV] = { 0 }, k, j, v = 0, p, ok;

	for (k = 0; k < d->n; k++) {
		for (j = 0; j < d->n; j++) {
			v = d->decl[j];
			if (done[v])
				continue;
			for (p = 0, ok = 1; p < d->nin[v]; p++)
				ok &= done[d->in[v][p]];
			if (ok)
				break;
		}
		assert_true(j < d->n);
		done[v] = 1;
		order[k] = v;
	}
}

/* Checks the order, independent and outputs of a document. */
static void
assert_model_part(const struct dag *d, const struct infdiag_model *m,
    const json_t *doc)
{
	const json_t	*order = jget(doc, "order");
	const json_t	*ind = jget(doc, "independent");
	const json_t	*out = jget(doc, "outputs");
	uint32_t	 want[MAXV], k, v, ni = 0, no = 0;

	expected_order(d, want);
	assert_int_equal(json_array_size(order), d->n);
	for (k = 0; k < d->n; k++) {
		assert_string_equal(jat(order, k), d->name[want[k]]);
		assert_int_equal(m->order[k], d->id[want[k]]);
		assert_int_equal(m->rank[d->id[want[k]]], k);
	}
	for (k = 0; k < d->n; k++) {
		v = d->decl[k];
		if (d->nin[v] == 0)
			assert_string_equal(jat(ind, ni++), d->name[v]);
		if (dag_nout(d, v) == 0)
			assert_string_equal(jat(out, no++), d->name[v]);
	}
	assert_int_equal(json_array_size(ind), ni);
	assert_int_equal(json_array_size(out), no);
}

/* The LaTeX of the name "v12": v_{12}. */
static void
latex_of(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "v_{%s}", name + 1);
}

/* Checks one subgraph's locals and rule against the DAG. */
static void
assert_subgraph_texts(const struct dag *d, uint32_t v, const json_t *sg)
{
	const json_t	*locals = jget(sg, "locals"), *l;
	const char	*pd = d->nin[v] == 1 ? "d" : "∂";
	struct strbuf	 rule = STRBUF_INIT;
	char		 want[128], lv[16], lp[16];
	uint32_t	 i, p;

	assert_int_equal(json_array_size(locals), d->nin[v]);
	for (i = 0; i < d->nin[v]; i++) {
		p = d->in[v][i];
		l = json_array_get(locals, i);
		assert_string_equal(jstr(l, "wrt"), d->name[p]);
		assert_string_equal(jstr(l, "notation"),
		    d->nin[v] == 1 ? "full" : "partial");
		snprintf(want, sizeof(want), "%s%s/%s%s", pd, d->name[v], pd,
		    d->name[p]);
		assert_string_equal(jstr(l, "text"), want);
		latex_of(lv, sizeof(lv), d->name[v]);
		latex_of(lp, sizeof(lp), d->name[p]);
		snprintf(want, sizeof(want), "\\frac{%s%s}{%s%s}",
		    d->nin[v] == 1 ? "d" : "\\partial ", lv,
		    d->nin[v] == 1 ? "d" : "\\partial ", lp);
		assert_string_equal(jstr(l, "latex"), want);
	}
	strbuf_addf(&rule, "δ%s = ", d->name[v]);
	for (i = 0; i < d->nin[v]; i++)
		strbuf_addf(&rule, "%s%s%s/%s%s δ%s", i ? " + " : "", pd,
		    d->name[v], pd, d->name[d->in[v][i]],
		    d->name[d->in[v][i]]);
	assert_string_equal(jstr(jget(sg, "rule"), "text"), strbuf_str(&rule));
	strbuf_release(&rule);
}

/* Checks the subgraphs of a document against rules (a)-(d) of SPEC §1. */
static void
assert_subgraphs(const struct dag *d, const struct infdiag_model *m,
    const json_t *doc)
{
	const json_t	*sgs = jget(doc, "subgraphs"), *sg, *inputs;
	uint8_t		 seen[MAXV][MAXV], sink[MAXV], covered[MAXV];
	uint32_t	 k, i, v, p, nsinks = 0, last = 0;

	memset(seen, 0, sizeof(seen));
	memset(sink, 0, sizeof(sink));
	memset(covered, 0, sizeof(covered));
	for (v = 0; v < d->n; v++)
		nsinks += d->nin[v] > 0;
	assert_int_equal(json_array_size(sgs), nsinks);
	for (k = 0; k < json_array_size(sgs); k++) {
		sg = json_array_get(sgs, k);
		v = dag_find(d, jstr(sg, "sink"));
		assert_true(v < d->n);
		/* One per variable with inputs, in order. */
		assert_true(d->nin[v] > 0);
		assert_false(sink[v]);
		sink[v] = covered[v] = 1;
		if (k > 0)
			assert_true(m->rank[d->id[v]] > last);
		last = m->rank[d->id[v]];
		/* (a): the sink and all its inputs, as the model lists them;
		 * (c): no arrow twice. */
		inputs = jget(sg, "inputs");
		assert_int_equal(json_array_size(inputs), d->nin[v]);
		for (i = 0; i < d->nin[v]; i++) {
			p = dag_find(d, jat(inputs, i));
			assert_int_equal(p, d->in[v][i]);
			assert_true(d->arrow[p][v]);
			assert_false(seen[p][v]);
			seen[p][v] = 1;
			covered[p] = 1;
		}
		assert_subgraph_texts(d, v, sg);
	}
	/* (b) and (d): every variable with inputs has its subgraph, every
	 * arrow and every variable is in one. */
	for (v = 0; v < d->n; v++) {
		assert_int_equal(sink[v], d->nin[v] > 0);
		assert_true(covered[v]);
		for (p = 0; p < d->n; p++)
			assert_int_equal(seen[p][v], d->arrow[p][v]);
	}
}

static void
subgraphs__random_dags__obey_rules_a_to_d(void **state)
{
	uint64_t		 rng = 0x5eed0001;
	struct dag		 d;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	json_t			*doc;
	int			 t;

	(void)state;
	for (t = 0; t < 60; t++) {
		dag_random(&d, &rng, 2 + rnd_below(&rng, MAXV - 1),
		    10 + rnd_below(&rng, 60));
		m = dag_load(&d, &rng);
		a = analyze(m, d.name[d.n - 1], NULL, 0, 0);
		doc = write_doc(a, INFDIAG_PART_ANALYSIS, 0);
		assert_model_part(&d, m, doc);
		assert_subgraphs(&d, m, doc);
		json_decref(doc);
		infdiag_analysis_free(a);
		infdiag_model_free(m);
	}
}


/* The JSON output's strings read back as they were given: each byte JSON
 * escapes (a control, '"', '\\') and UTF-8 text, at every offset of an
 * eight-byte word, in the title; and in a "latex" key the quotes and
 * backslashes that a symbol may have (it may not have the rest). */
static void
json__hostile_strings__read_back_unchanged(void **state)
{
	static const char	hostile[] = "\"q\\b\n\t\r\x01\x1f\x7f é∂\\\"x";
	static const char	symbol[] = "\"q\\hat{b}\\|\\{x\\}\"";
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	json_t			*model, *doc, *local;
	char			 text[64], sym[64], latex[96], *src;
	size_t			 k;

	(void)state;
	for (k = 0; k <= 8; k++) {
		snprintf(text, sizeof(text), "%.*s%s", (int)k, "aaaaaaaa",
		    hostile);
		snprintf(sym, sizeof(sym), "%.*s%s", (int)k, "aaaaaaaa",
		    symbol);
		model = json_pack("{s:s, s:{s:{}, s:{s:[s], s:s}}}", "title",
		    text, "variables", "x", "y", "inputs", "x", "latex", sym);
		assert_non_null(model);
		src = json_dumps(model, 0);
		assert_non_null(src);
		m = load(src);
		a = analyze(m, "y", NULL, 0, 10);
		doc = write_doc(a, INFDIAG_PART_ANALYSIS, 0);
		assert_string_equal(jstr(doc, "title"), text);
		local = json_array_get(jget(json_array_get(jget(doc,
		    "subgraphs"), 0), "locals"), 0);
		snprintf(latex, sizeof(latex), "\\frac{d%s}{dx}", sym);
		assert_string_equal(jstr(local, "latex"), latex);
		json_decref(doc);
		infdiag_analysis_free(a);
		infdiag_model_free(m);
		free(src);
		json_decref(model);
	}
}

/*
 * 2. Errors.
 */

/* Analyses with a query that must fail; returns the error. */
static void
analyze_fails(const char *json, const char *of, const char *const *wrt,
    size_t nwrt, struct infdiag_error *err)
{
	struct infdiag_model	*m = load(json);
	struct infdiag_query	 q;
	struct infdiag_analysis	*a;

	memset(&q, 0, sizeof(q));
	q.of = of;
	q.wrt = wrt;
	q.nwrt = nwrt;
	a = infdiag_analyze(m, &q, err);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
	assert_null(a);
}

static void
analyze__two_outputs_without_of__fails_listing_them(void **state)
{
	static const char	json[] = "{\"variables\": {\"x\": {}, "
	    "\"b\": [\"x\"], \"a\": [\"x\"]}}";
	struct infdiag_error	err;

	(void)state;
	analyze_fails(json, NULL, NULL, 0, &err);
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_string_equal(err.path, "of");
	assert_non_null(strstr(err.text, "2 outputs (b, a)"));
}

static void
analyze__ten_outputs_without_of__lists_eight(void **state)
{
	static const char	json[] = "{\"variables\": {\"x\": {}, "
	    "\"a0\": [\"x\"], \"a1\": [\"x\"], \"a2\": [\"x\"], "
	    "\"a3\": [\"x\"], \"a4\": [\"x\"], \"a5\": [\"x\"], "
	    "\"a6\": [\"x\"], \"a7\": [\"x\"], \"a8\": [\"x\"], "
	    "\"a9\": [\"x\"]}}";
	struct infdiag_error	err;

	(void)state;
	analyze_fails(json, NULL, NULL, 0, &err);
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_non_null(strstr(err.text,
	    "10 outputs (a0, a1, a2, a3, a4, a5, a6, a7, ...)"));
}

static void
analyze__unknown_wrt__fails_at_wrt(void **state)
{
	static const char *const wrt[] = { "x", "zz" };
	struct infdiag_error	 err;

	(void)state;
	analyze_fails(example3, NULL, wrt, 2, &err);
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_string_equal(err.path, "--wrt");
	assert_string_equal(err.text, "unknown variable \"zz\"");
}

static void
analyze__unknown_of__fails_at_of(void **state)
{
	struct infdiag_error	err;

	(void)state;
	analyze_fails(example3, "q", NULL, 0, &err);
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_string_equal(err.path, "--of");
	assert_string_equal(err.text, "unknown variable \"q\"");
}

static void
analyze__wrt_listed_twice__is_usage_error(void **state)
{
	static const char *const wrt[] = { "x", "g", "x" };
	struct infdiag_error	 err;

	(void)state;
	analyze_fails(example3, NULL, wrt, 3, &err);
	assert_int_equal(err.status, INFDIAG_EUSAGE);
	assert_string_equal(err.path, "--wrt");
	assert_non_null(strstr(err.text, "\"x\""));
}

/* Without wrt: every independent variable `of` depends on, in declaration
 * order; the model's own of and wrt are used when the query has none. */
static void
analyze__defaults__independent_ancestors_then_model_keys(void **state)
{
	static const char	json[] = "{\"variables\": {\"u\": {}, "
	    "\"w\": {}, \"t\": {}, \"x\": {}, \"g\": [\"x\", \"u\"], "
	    "\"y\": [\"g\", \"t\"], \"z\": [\"w\"]}, \"of\": \"y\"}";
	static const char	json2[] = "{\"variables\": {\"u\": {}, "
	    "\"w\": {}, \"y\": [\"u\", \"w\"], \"z\": [\"w\"]}, "
	    "\"of\": \"z\", \"wrt\": [\"u\", \"w\"]}";
	struct infdiag_model	*m = load(json);
	struct infdiag_analysis	*a = analyze(m, NULL, NULL, 0, 0);

	(void)state;
	assert_int_equal(a->of, infdiag_model_lookup(m, "y"));
	assert_int_equal(a->nwrt, 3);
	assert_int_equal(a->d[0].wrt, infdiag_model_lookup(m, "u"));
	assert_int_equal(a->d[1].wrt, infdiag_model_lookup(m, "t"));
	assert_int_equal(a->d[2].wrt, infdiag_model_lookup(m, "x"));
	assert_int_equal(a->nanc, 5);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
	m = load(json2);
	a = analyze(m, NULL, NULL, 0, 0);
	assert_int_equal(a->of, infdiag_model_lookup(m, "z"));
	assert_int_equal(a->nwrt, 2);
	assert_int_equal(a->d[0].nrel, 0);
	assert_int_equal(a->d[1].nrel, 2);
	assert_true(a->d[1].direct);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subgraphs__random_dags__obey_rules_a_to_d),
		cmocka_unit_test(json__hostile_strings__read_back_unchanged),
		cmocka_unit_test(
		    analyze__two_outputs_without_of__fails_listing_them),
		cmocka_unit_test(analyze__ten_outputs_without_of__lists_eight),
		cmocka_unit_test(analyze__unknown_wrt__fails_at_wrt),
		cmocka_unit_test(analyze__unknown_of__fails_at_of),
		cmocka_unit_test(analyze__wrt_listed_twice__is_usage_error),
		cmocka_unit_test(
		    analyze__defaults__independent_ancestors_then_model_keys),
	};

	return cmocka_run_group_tests_name("analysis", tests, NULL, NULL);
}

