/*
 * Unit tests of the analysis: the sink-subgraph decomposition, exact path
 * counts, the path listing and its order, and the formulas of the total
 * derivative in all their forms.  Most run on seeded random DAGs and are
 * checked against brute force: a depth-first enumeration of the paths and
 * a numeric evaluation of every formula with random local derivatives.
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
#include "formula.h"
#include "model.h"
#include "notation.h"
#include "paths.h"
#include "strbuf.h"

/* The largest random DAG, and the largest dense one. */
#define MAXV		24
#define DENSEV		12
/* A max_paths that lists every path of a random DAG. */
#define ALL_PATHS	1000000

/*
 * Helpers: random numbers, models and JSON documents.
 */

/* A small deterministic generator (xorshift64*). */
static uint64_t
rnd(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ULL;
}

/* A uniform integer in [0, n). */
static uint32_t
rnd_below(uint64_t *state, uint32_t n)
{
	return (uint32_t)(rnd(state) % n);
}

/* A uniform double in [0, 1). */
static double
rnd_unit(uint64_t *state)
{
	return (double)(rnd(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* Shuffles n ids in place. */
static void
shuffle(uint64_t *state, uint32_t *ids, uint32_t n)
{
	uint32_t	i, j, t;

	for (i = n; i > 1; i--) {
		j = rnd_below(state, i);
		t = ids[i - 1];
		ids[i - 1] = ids[j];
		ids[j] = t;
	}
}

/*
 * A random DAG, its variables numbered topologically 0..n-1 (inputs are
 * always earlier), declared in a shuffled order under names that do not
 * give the numbering away.
 */
struct dag {
	uint32_t	n;
	char		name[MAXV][8];
	uint32_t	nin[MAXV];
	uint32_t	in[MAXV][MAXV];		/* as the JSON lists them */
	uint8_t		arrow[MAXV][MAXV];	/* arrow[p][v]: p -> v */
	uint32_t	decl[MAXV];		/* decl[k]: k-th declared */
	double		local[MAXV][MAXV];	/* local[v][p]: dv/dp */
	uint32_t	id[MAXV];		/* the model's index */
};

/* Adds the arrow p -> v. */
static void
dag_add(struct dag *d, uint32_t p, uint32_t v)
{
	d->in[v][d->nin[v]++] = p;
	d->arrow[p][v] = 1;
}

/* The number of v's consumers. */
static uint32_t
dag_nout(const struct dag *d, uint32_t v)
{
	uint32_t	w, n = 0;

	for (w = 0; w < d->n; w++)
		n += d->arrow[v][w];
	return n;
}

/* Makes a random DAG of n variables (2 <= n <= MAXV) in which each earlier
 * variable is an input with probability percent/100; no variable is
 * isolated. */
static void
dag_random(struct dag *d, uint64_t *state, uint32_t n, uint32_t percent)
{
	uint32_t	perm[MAXV], v, p;

	memset(d, 0, sizeof(*d));
	d->n = n;
	for (v = 0; v < n; v++)
		perm[v] = v;
	shuffle(state, perm, n);
	for (v = 0; v < n; v++) {
		snprintf(d->name[v], sizeof(d->name[v]), "v%u", perm[v]);
		d->decl[v] = v;
	}
	for (v = 1; v < n; v++) {
		if (rnd_below(state, 100) < 15)
			continue;	/* another independent variable */
		for (p = 0; p < v; p++) {
			if (rnd_below(state, 100) < percent)
				dag_add(d, p, v);
		}
		if (d->nin[v] == 0)
			dag_add(d, rnd_below(state, v), v);
	}
	for (v = 0; v < n; v++) {
		if (d->nin[v] > 0 || dag_nout(d, v) > 0)
			continue;
		if (v + 1 < n)
			dag_add(d, v, v + 1 + rnd_below(state, n - v - 1));
		else
			dag_add(d, rnd_below(state, v), v);
	}
	for (v = 0; v < n; v++) {
		shuffle(state, d->in[v], d->nin[v]);
		for (p = 0; p < n; p++)
			d->local[v][p] = 0.5 + rnd_unit(state);
	}
	shuffle(state, d->decl, n);
}

/* The variable called name, or MAXV. */
static uint32_t
dag_find(const struct dag *d, const char *name)
{
	uint32_t	v;

	for (v = 0; v < d->n; v++) {
		if (strcmp(d->name[v], name) == 0)
			return v;
	}
	return MAXV;
}

/* Loads the DAG as a model, written in both of the variable forms. */
static struct infdiag_model *
dag_load(struct dag *d, uint64_t *state)
{
	struct strbuf		 sb = STRBUF_INIT;
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	uint32_t		 k, i, v, form;

	strbuf_add(&sb, "{\"variables\": {");
	for (k = 0; k < d->n; k++) {
		v = d->decl[k];
		form = rnd_below(state, 2);
		strbuf_addf(&sb, "%s\"%s\": ", k ? ", " : "", d->name[v]);
		if (d->nin[v] == 0 && form == 0) {
			strbuf_add(&sb, "{}");
			continue;
		}
		strbuf_add(&sb, form ? "[" : "{\"inputs\": [");
		for (i = 0; i < d->nin[v]; i++)
			strbuf_addf(&sb, "%s\"%s\"", i ? ", " : "",
			    d->name[d->in[v][i]]);
		strbuf_add(&sb, form ? "]" : "]}");
	}
	strbuf_add(&sb, "}}");
	assert_false(strbuf_failed(&sb));
	m = infdiag_model_load_buffer(sb.s, sb.len, "dag.json", &err);
	if (m == NULL)
		print_error("%s\n%s\n", err.text, sb.s);
	strbuf_release(&sb);
	assert_non_null(m);
	for (v = 0; v < d->n; v++) {
		d->id[v] = infdiag_model_lookup(m, d->name[v]);
		assert_int_not_equal(d->id[v], INFDIAG_NONE);
	}
	return m;
}

/* Loads a model from a NUL-terminated string. */
static struct infdiag_model *
load(const char *json)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	m = infdiag_model_load_buffer(json, strlen(json), "t.json", &err);
	if (m == NULL)
		print_error("%s: %s\n", err.path, err.text);
	assert_non_null(m);
	return m;
}

/* Analyses m for of and the nwrt wrt (NULL and 0: the defaults). */
static struct infdiag_analysis *
analyze(const struct infdiag_model *m, const char *of,
    const char *const *wrt, size_t nwrt, size_t max_paths)
{
	struct infdiag_query	 q;
	struct infdiag_error	 err;
	struct infdiag_analysis	*a;

	memset(&q, 0, sizeof(q));
	q.of = of;
	q.wrt = wrt;
	q.nwrt = nwrt;
	q.max_paths = max_paths;
	a = infdiag_analyze(m, &q, &err);
	if (a == NULL)
		print_error("%s: %s\n", err.path, err.text);
	assert_non_null(a);
	return a;
}

/* Writes a part of the analysis as JSON and parses it back. */
static json_t *
write_doc(const struct infdiag_analysis *a, enum infdiag_part part,
    unsigned flags)
{
	struct infdiag_error	 err;
	json_error_t		 jerr;
	json_t			*doc;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*fp;
	int			 rc;

	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	rc = infdiag_write(a, part, INFDIAG_FORMAT_JSON, flags, fp, &err);
	fclose(fp);
	doc = json_loadb(buf, len, 0, &jerr);
	if (doc == NULL)
		print_error("line %d: %s\n", jerr.line, jerr.text);
	free(buf);
	assert_int_equal(rc, 0);
	assert_non_null(doc);
	return doc;
}

/* The member key of obj, which must be there. */
static json_t *
jget(const json_t *obj, const char *key)
{
	json_t	*v = json_object_get(obj, key);

	if (v == NULL)
		print_error("no \"%s\"\n", key);
	assert_non_null(v);
	return v;
}

/* The string member key of obj. */
static const char *
jstr(const json_t *obj, const char *key)
{
	json_t	*v = jget(obj, key);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

/* The string at index i of arr. */
static const char *
jat(const json_t *arr, size_t i)
{
	json_t	*v = json_array_get(arr, i);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

/* The text after "lhs = " in an equation; fails if lhs is not first. */
static const char *
rhs_of(const char *eq, const char *lhs)
{
	size_t	n = strlen(lhs);

	if (strncmp(eq, lhs, n) != 0 || strncmp(eq + n, " = ", 3) != 0) {
		print_error("\"%s\" does not start \"%s = \"\n", eq, lhs);
		fail();
	}
	return eq + n + 3;
}

/*
 * Brute force: every path from wrt to of by depth-first search over the
 * DAG's own arrows, sorted as SPEC §4 says: shortest first, ties by the
 * model's topological ranks from left to right.
 */
struct plist {
	size_t		 n;
	size_t		 cap;
	uint32_t	*len;
	uint32_t	(*v)[MAXV];
};

/* Appends a path. */
static void
plist_add(struct plist *pl, const uint32_t *path, uint32_t len)
{
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 64;
		pl->len = realloc(pl->len, pl->cap * sizeof(*pl->len));
		pl->v = realloc(pl->v, pl->cap * sizeof(*pl->v));
		assert_non_null(pl->len);
		assert_non_null(pl->v);
	}
	pl->len[pl->n] = len;
	memcpy(pl->v[pl->n], path, len * sizeof(*path));
	pl->n++;
}

static void
plist_free(struct plist *pl)
{
	free(pl->len);
	free(pl->v);
	memset(pl, 0, sizeof(*pl));
}

/* Collects the paths from v (at depth) to of. */
static void
brute_dfs(const struct dag *d, uint32_t v, uint32_t of, uint32_t *stack,
    uint32_t depth, struct plist *pl)
{
	uint32_t	w;

	stack[depth] = v;
	if (v == of) {
		plist_add(pl, stack, depth + 1);
		return;
	}
	for (w = v + 1; w < d->n; w++) {
		if (d->arrow[v][w])
			brute_dfs(d, w, of, stack, depth + 1, pl);
	}
}

/* Orders two paths of the brute-force list (by index). */
static const struct dag			*sort_dag;
static const struct infdiag_model	*sort_model;
static const struct plist		*sort_list;

static int
cmp_paths(const void *x, const void *y)
{
	size_t		 a = *(const size_t *)x, b = *(const size_t *)y;
	const uint32_t	*rank = sort_model->rank;
	uint32_t	 i, ra, rb;

	if (sort_list->len[a] != sort_list->len[b])
		return sort_list->len[a] < sort_list->len[b] ? -1 : 1;
	for (i = 0; i < sort_list->len[a]; i++) {
		ra = rank[sort_dag->id[sort_list->v[a][i]]];
		rb = rank[sort_dag->id[sort_list->v[b][i]]];
		if (ra != rb)
			return ra < rb ? -1 : 1;
	}
	return 0;
}

/* Every path from wrt to of, in the order of SPEC §4. */
static void
brute_paths(const struct dag *d, const struct infdiag_model *m,
    uint32_t wrt, uint32_t of, struct plist *out)
{
	struct plist	 all = { 0, 0, NULL, NULL };
	uint32_t	 stack[MAXV];
	size_t		*idx, i;

	memset(out, 0, sizeof(*out));
	brute_dfs(d, wrt, of, stack, 0, &all);
	idx = calloc(all.n + 1, sizeof(*idx));
	assert_non_null(idx);
	for (i = 0; i < all.n; i++)
		idx[i] = i;
	sort_dag = d;
	sort_model = m;
	sort_list = &all;
	qsort(idx, all.n, sizeof(*idx), cmp_paths);
	for (i = 0; i < all.n; i++)
		plist_add(out, all.v[idx[i]], all.len[idx[i]]);
	free(idx);
	plist_free(&all);
}

/* Marks the variables that reach of (of included): its ancestors. */
static void
ancestors(const struct dag *d, uint32_t of, uint8_t *anc)
{
	uint32_t	v, w;

	memset(anc, 0, MAXV);
	anc[of] = 1;
	for (v = of; v-- > 0;) {
		for (w = v + 1; w <= of; w++)
			anc[v] |= d->arrow[v][w] && anc[w];
	}
}

/* Checks that a JSON list of paths is the first n of the brute force's. */
static void
assert_paths(const struct dag *d, const json_t *paths, const struct plist *pl,
    size_t n)
{
	const json_t	*p;
	size_t		 i, j;

	assert_true(json_is_array(paths));
	assert_int_equal(json_array_size(paths), n);
	for (i = 0; i < n; i++) {
		p = json_array_get(paths, i);
		assert_true(json_is_array(p));
		if (json_array_size(p) != pl->len[i])
			print_error("path %zu has %zu variables, want %u\n",
			    i, json_array_size(p), pl->len[i]);
		assert_int_equal(json_array_size(p), pl->len[i]);
		for (j = 0; j < pl->len[i]; j++) {
			if (strcmp(jat(p, j), d->name[pl->v[i][j]]) != 0)
				print_error("path %zu, variable %zu: %s, want "
				    "%s\n", i, j, jat(p, j),
				    d->name[pl->v[i][j]]);
			assert_string_equal(jat(p, j), d->name[pl->v[i][j]]);
		}
	}
}

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

/*
 * 2. Path counts and lists against brute force.
 */

/* Checks one derivative of a PATHS document against brute force. */
static void
assert_deriv_paths(const struct dag *d, const struct infdiag_model *m,
    const struct infdiag_analysis *a, const json_t *dv, uint32_t of,
    uint32_t wrt, size_t max_paths)
{
	struct plist	 pl;
	const mpz_t	*count;
	char		 num[32];
	size_t		 shown;

	brute_paths(d, m, wrt, of, &pl);
	assert_string_equal(jstr(dv, "of"), d->name[of]);
	assert_string_equal(jstr(dv, "wrt"), d->name[wrt]);
	assert_true(json_is_boolean(jget(dv, "depends")));
	assert_int_equal(json_is_true(jget(dv, "depends")), pl.n > 0);
	assert_int_equal(json_is_true(jget(dv, "direct")), d->arrow[wrt][of]);
	snprintf(num, sizeof(num), "%zu", pl.n);
	assert_string_equal(jstr(dv, "path_count"), num);
	count = analysis_count(a, d->id[wrt]);
	if (pl.n == 0)
		assert_null(count);
	else {
		assert_non_null(count);
		assert_int_equal(mpz_cmp_ui(*count, pl.n), 0);
	}
	shown = pl.n < max_paths ? pl.n : max_paths;
	assert_paths(d, jget(dv, "paths"), &pl, shown);
	assert_int_equal(json_is_true(jget(dv, "paths_complete")),
	    pl.n <= max_paths);
	plist_free(&pl);
}

/* Checks every wrt of one `of` with a max_paths. */
static void
check_of(const struct dag *d, const struct infdiag_model *m, uint32_t of,
    const uint32_t *wrt, size_t max_paths)
{
	const char		*names[MAXV];
	struct infdiag_analysis	*a;
	json_t			*doc, *ds;
	uint32_t		 k;

	for (k = 0; k < d->n; k++)
		names[k] = d->name[wrt[k]];
	a = analyze(m, d->name[of], names, d->n, max_paths);
	doc = write_doc(a, INFDIAG_PART_PATHS, 0);
	assert_string_equal(jstr(doc, "of"), d->name[of]);
	ds = jget(doc, "derivatives");
	assert_int_equal(json_array_size(ds), d->n);
	for (k = 0; k < d->n; k++)
		assert_deriv_paths(d, m, a, json_array_get(ds, k), of, wrt[k],
		    max_paths);
	json_decref(doc);
	infdiag_analysis_free(a);
}

static void
paths__random_dags__match_brute_force_in_order(void **state)
{
	uint64_t		 rng = 0x5eed0002;
	struct dag		 d;
	struct infdiag_model	*m;
	uint32_t		 wrt[MAXV], of, k;
	int			 t;

	(void)state;
	for (t = 0; t < 130; t++) {
		if (t < 100)
			dag_random(&d, &rng, t < 10 ? DENSEV : 2 +
			    rnd_below(&rng, DENSEV - 1), 40 +
			    rnd_below(&rng, 55));
		else	/* longer, sparser: many path lengths */
			dag_random(&d, &rng, DENSEV + 1 + rnd_below(&rng,
			    MAXV - DENSEV), 8 + rnd_below(&rng, 17));
		m = dag_load(&d, &rng);
		for (k = 0; k < d.n; k++)
			wrt[k] = k;
		for (of = 0; of < d.n; of++) {
			/* Every wrt: of itself, ancestors, and the rest. */
			shuffle(&rng, wrt, d.n);
			check_of(&d, m, of, wrt, ALL_PATHS);
			check_of(&d, m, of, wrt, 1 + rnd_below(&rng, 4));
		}
		infdiag_model_free(m);
	}
}

/* The iterator itself lists the complete DAG's 2^(n-2) paths in order and
 * then says there are no more. */
static void
paths__complete_dag__iterator_lists_all_then_stops(void **state)
{
	uint64_t		 rng = 0x5eed0003;
	struct dag		 d;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	struct path_iter	*it;
	struct plist		 pl;
	const uint32_t		*path;
	uint32_t		 n, v, p, i;
	size_t			 k = 0;

	(void)state;
	dag_random(&d, &rng, 2, 0);
	memset(&d.nin, 0, sizeof(d.nin));
	memset(&d.arrow, 0, sizeof(d.arrow));
	d.n = DENSEV;
	for (v = 0; v < DENSEV; v++) {
		snprintf(d.name[v], sizeof(d.name[v]), "v%u", DENSEV - 1 - v);
		d.decl[v] = DENSEV - 1 - v;
		for (p = 0; p < v; p++)
			dag_add(&d, p, v);
		shuffle(&rng, d.in[v], d.nin[v]);
	}
	m = dag_load(&d, &rng);
	a = analyze(m, d.name[DENSEV - 1], NULL, 0, 0);
	assert_int_equal(a->nwrt, 1);
	assert_int_equal(a->d[0].wrt, d.id[0]);
	brute_paths(&d, m, 0, DENSEV - 1, &pl);
	assert_int_equal(pl.n, 1u << (DENSEV - 2));
	assert_int_equal(mpz_cmp_ui(*analysis_count(a, d.id[0]), pl.n), 0);
	it = paths_begin(a, &a->d[0]);
	assert_non_null(it);
	while (paths_next(it, &path, &n) == 1) {
		assert_true(k < pl.n);
		assert_int_equal(n, pl.len[k]);
		for (i = 0; i < n; i++)
			assert_int_equal(path[i], d.id[pl.v[k][i]]);
		k++;
	}
	assert_int_equal(k, pl.n);
	assert_int_equal(paths_next(it, &path, &n), 0);
	paths_end(it);
	plist_free(&pl);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

/* A wrt that `of` does not depend on: count 0, no paths, not depends; and
 * wrt == of: one path of one variable. */
static void
paths__unrelated_and_same_wrt__zero_and_one(void **state)
{
	static const char	 json[] = "{\"variables\": {\"x\": {}, "
	    "\"u\": {}, \"g\": [\"x\"], \"h\": {\"inputs\": [\"g\", \"x\"]}, "
	    "\"y\": {\"inputs\": [\"x\", \"g\", \"h\"]}, \"z\": [\"u\"]}}";
	static const char *const wrt[] = { "u", "y", "z", "x" };
	struct infdiag_model	*m = load(json);
	struct infdiag_analysis	*a = analyze(m, "y", wrt, 4, 10);
	json_t			*doc, *ds, *dv;
	struct strbuf		 sb = STRBUF_INIT;
	size_t			 k;

	(void)state;
	doc = write_doc(a, INFDIAG_PART_ANALYSIS, 0);
	ds = jget(doc, "derivatives");
	assert_int_equal(json_array_size(ds), 4);
	for (k = 0; k < 3; k += 2) {
		dv = json_array_get(ds, k);
		assert_string_equal(jstr(dv, "wrt"), wrt[k]);
		assert_string_equal(jstr(dv, "path_count"), "0");
		assert_true(json_is_false(jget(dv, "depends")));
		assert_true(json_is_false(jget(dv, "direct")));
		assert_int_equal(json_array_size(jget(dv, "paths")), 0);
		assert_true(json_is_true(jget(dv, "paths_complete")));
		assert_string_equal(jstr(jget(jget(dv, "formula"),
		    "expanded"), "text"), k == 0 ? "dy/du = 0" : "dy/dz = 0");
		assert_string_equal(jstr(jget(jget(dv, "formula"),
		    "factored"), "text"), k == 0 ? "dy/du = 0" : "dy/dz = 0");
		assert_int_equal(json_array_size(jget(jget(dv, "formula"),
		    "forward")), 0);
	}
	dv = json_array_get(ds, 1);
	assert_string_equal(jstr(dv, "path_count"), "1");
	assert_true(json_is_true(jget(dv, "depends")));
	assert_int_equal(json_array_size(jget(dv, "paths")), 1);
	assert_int_equal(json_array_size(json_array_get(jget(dv, "paths"),
	    0)), 1);
	assert_string_equal(jat(json_array_get(jget(dv, "paths"), 0), 0), "y");
	assert_string_equal(jstr(jget(jget(dv, "formula"), "expanded"),
	    "text"), "dy/dy = 1");
	assert_string_equal(jstr(jget(jget(dv, "formula"), "factored"),
	    "text"), "dy/dy = 1");
	assert_null(analysis_count(a, infdiag_model_lookup(m, "u")));
	assert_null(analysis_count(a, infdiag_model_lookup(m, "z")));
	analysis_count_str(&sb, a, infdiag_model_lookup(m, "z"), 0);
	analysis_count_str(&sb, a, infdiag_model_lookup(m, "x"), 0);
	assert_string_equal(strbuf_str(&sb), "04");
	strbuf_release(&sb);
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

/*
 * 3. Exact big counts.
 */

/* Appends a layered model: x, layers of width, y (and x -> y when
 * direct). */
static void
layered_json(struct strbuf *sb, unsigned layers, unsigned width, int direct)
{
	unsigned	l, i, j;

	strbuf_add(sb, "{\"variables\": {\"x\": {}");
	for (l = 0; l < layers; l++) {
		for (i = 0; i < width; i++) {
			strbuf_addf(sb, ", \"l%u_%u\": [", l, i);
			if (l == 0)
				strbuf_add(sb, "\"x\"");
			for (j = 0; l > 0 && j < width; j++)
				strbuf_addf(sb, "%s\"l%u_%u\"", j ? ", " : "",
				    l - 1, j);
			strbuf_addc(sb, ']');
		}
	}
	strbuf_add(sb, ", \"y\": [");
	for (j = 0; j < width; j++)
		strbuf_addf(sb, "%s\"l%u_%u\"", j ? ", " : "", layers - 1, j);
	strbuf_addf(sb, "%s]}}", direct ? ", \"x\"" : "");
}

/* Loads a layered model. */
static struct infdiag_model *
load_layered(unsigned layers, unsigned width, int direct)
{
	struct strbuf		 sb = STRBUF_INIT;
	struct infdiag_model	*m;

	layered_json(&sb, layers, width, direct);
	assert_false(strbuf_failed(&sb));
	m = load(sb.s);
	strbuf_release(&sb);
	return m;
}

/* Checks that path k of a layered model (layers of 10) is x, l0_0, ...,
 * then l(L-1)_last, y. */
static void
assert_layered_path(const json_t *p, unsigned layers, unsigned last)
{
	char		want[32];
	unsigned	l;

	assert_int_equal(json_array_size(p), layers + 2);
	assert_string_equal(jat(p, 0), "x");
	for (l = 0; l < layers; l++) {
		snprintf(want, sizeof(want), "l%u_%u", l,
		    l + 1 == layers ? last : 0);
		assert_string_equal(jat(p, l + 1), want);
	}
	assert_string_equal(jat(p, layers + 1), "y");
}

static void
paths__layered_58_by_10__count_is_ten_to_the_58(void **state)
{
	struct infdiag_model	*m = load_layered(58, 10, 0);
	struct infdiag_analysis	*a = analyze(m, "y", NULL, 0, 3);
	struct strbuf		 sb = STRBUF_INIT;
	char			 want[64];
	json_t			*doc, *dv, *paths;
	mpz_t			 z;
	unsigned		 k;

	(void)state;
	mpz_init(z);
	mpz_ui_pow_ui(z, 10, 58);
	assert_int_equal(mpz_cmp(*analysis_count(a, infdiag_model_lookup(m,
	    "x")), z), 0);
	mpz_ui_pow_ui(z, 10, 57);
	assert_int_equal(mpz_cmp(*analysis_count(a, infdiag_model_lookup(m,
	    "l0_3")), z), 0);
	mpz_clear(z);
	want[0] = '1';
	memset(want + 1, '0', 58);
	want[59] = '\0';
	doc = write_doc(a, INFDIAG_PART_ANALYSIS, 0);
	dv = json_array_get(jget(doc, "derivatives"), 0);
	assert_string_equal(jstr(dv, "path_count"), want);
	assert_true(json_is_false(jget(dv, "paths_complete")));
	paths = jget(dv, "paths");
	assert_int_equal(json_array_size(paths), 3);
	for (k = 0; k < 3; k++)
		assert_layered_path(json_array_get(paths, k), 58, k);
	assert_true(json_is_null(jget(jget(dv, "formula"), "expanded")));
	assert_true(json_is_null(jget(jget(dv, "formula"), "factored")));
	assert_int_equal(json_array_size(jget(jget(dv, "formula"),
	    "forward")), 582);
	/* One less than 10^58: 58 nines. */
	memset(want, '9', 58);
	want[58] = '\0';
	analysis_count_str(&sb, a, infdiag_model_lookup(m, "x"), 1);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_release(&sb);
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

/* A chain of k diamonds s0 -> (a0, b0) -> s1 -> ... -> sk: 3k+1
 * variables, 2^k paths. */
static struct infdiag_model *
load_diamonds(unsigned k)
{
	struct strbuf		 sb = STRBUF_INIT;
	struct infdiag_model	*m;
	unsigned		 i;

	strbuf_add(&sb, "{\"variables\": {\"s0\": {}");
	for (i = 0; i < k; i++)
		strbuf_addf(&sb, ", \"a%u\": [\"s%u\"], \"b%u\": [\"s%u\"], "
		    "\"s%u\": [\"a%u\", \"b%u\"]", i, i, i, i, i + 1, i, i);
	strbuf_add(&sb, "}}");
	assert_false(strbuf_failed(&sb));
	m = load(sb.s);
	strbuf_release(&sb);
	return m;
}

static void
paths__diamond_chain_of_1999__count_is_two_to_the_666(void **state)
{
	struct infdiag_model	*m = load_diamonds(666);
	struct infdiag_analysis	*a = analyze(m, "s666", NULL, 0, 2);
	json_t			*doc, *dv, *p;
	mpz_t			 z;
	char			*digits;
	uint32_t		 s0 = infdiag_model_lookup(m, "s0");

	(void)state;
	assert_int_equal(infdiag_model_count(m), 1999);
	assert_int_equal(a->nwrt, 1);
	assert_int_equal(a->d[0].wrt, s0);
	mpz_init(z);
	mpz_ui_pow_ui(z, 2, 666);
	assert_int_equal(mpz_cmp(*analysis_count(a, s0), z), 0);
	digits = mpz_get_str(NULL, 10, z);
	doc = write_doc(a, INFDIAG_PART_PATHS, 0);
	dv = json_array_get(jget(doc, "derivatives"), 0);
	assert_string_equal(jstr(dv, "path_count"), digits);
	free(digits);
	mpz_ui_pow_ui(z, 2, 6);
	assert_int_equal(mpz_cmp(*analysis_count(a,
	    infdiag_model_lookup(m, "s660")), z), 0);
	assert_int_equal(mpz_cmp_ui(*analysis_count(a,
	    infdiag_model_lookup(m, "b665")), 1), 0);
	mpz_clear(z);
	/* The first path takes every a, the second differs at the end. */
	p = json_array_get(jget(dv, "paths"), 0);
	assert_int_equal(json_array_size(p), 1333);
	assert_string_equal(jat(p, 1), "a0");
	assert_string_equal(jat(p, 1331), "a665");
	p = json_array_get(jget(dv, "paths"), 1);
	assert_int_equal(json_array_size(p), 1333);
	assert_string_equal(jat(p, 1329), "a664");
	assert_string_equal(jat(p, 1331), "b665");
	assert_string_equal(jat(p, 1332), "s666");
	json_decref(doc);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

/*
 * 4. Formulas on the worked examples.
 */

static const char example3[] = "{\"variables\": {\"x\": {}, "
    "\"g\": [\"x\"], \"h\": {\"inputs\": [\"g\", \"x\"]}, "
    "\"y\": {\"inputs\": [\"x\", \"g\", \"h\"]}}}";

/* Writes one form of the only derivative in a style. */
enum form { EXPANDED, FACTORED };

static char *
form_text(const struct infdiag_analysis *a, enum form form, enum style st)
{
	struct strbuf	sb = STRBUF_INIT;
	int		rc;

	rc = form == EXPANDED ? formula_expanded(&sb, a, &a->d[0], st) :
	    formula_factored(&sb, a, &a->d[0], st);
	assert_int_equal(rc, 0);
	assert_false(strbuf_failed(&sb));
	return strbuf_detach(&sb);
}

/* Checks a form of a model's only derivative. */
static void
assert_form_at(const char *json, enum form form, enum style st,
    const char *want, const char *file, int line)
{
	struct infdiag_model	*m = load(json);
	struct infdiag_analysis	*a = analyze(m, NULL, NULL, 0, 100);
	char			*got = form_text(a, form, st);

	if (strcmp(got, want) != 0) {
		print_error("got  \"%s\"\nwant \"%s\"\n", got, want);
		free(got);
		_fail(file, line);
	}
	free(got);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}
#define assert_form(json, form, st, want) \
	assert_form_at((json), (form), (st), (want), __FILE__, __LINE__)

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
		{ "g", "dg/dx = dg/dx" },
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
 * 5. The forms agree numerically on random DAGs.
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

/* Evaluates the forward equation of v, "dv/dwrt = ...", from the totals
 * already known; each term is local(v, p) or local(v, p)*dp/dwrt, every
 * input of v on a path exactly once. */
static double
eval_forward(const struct dag *d, uint32_t v, uint32_t wrt, const char *eq,
    const double *total, const uint8_t *known, const uint8_t *onpath)
{
	char		lhs[32];
	struct ev	e = { d, NULL, NULL, NULL };
	uint8_t		used[MAXV] = { 0 };
	uint32_t	top, p, q, i;
	double		sum = 0, t;

	snprintf(lhs, sizeof(lhs), "d%s/d%s", d->name[v], d->name[wrt]);
	e.s = e.p = rhs_of(eq, lhs);
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
	char		lhs[32];
	struct ev	e = { d, NULL, NULL, NULL };
	uint8_t		used[MAXV] = { 0 };
	uint32_t	c, w, p;
	double		sum = 0, t;
	const char	*start;

	snprintf(lhs, sizeof(lhs), "d%s/d%s", d->name[of], d->name[v]);
	e.s = e.p = rhs_of(eq, lhs);
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
 * 6. Limits: a formula too large to print is null, never truncated.
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

/*
 * 7. Errors.
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
		cmocka_unit_test(
		    paths__random_dags__match_brute_force_in_order),
		cmocka_unit_test(
		    paths__complete_dag__iterator_lists_all_then_stops),
		cmocka_unit_test(paths__unrelated_and_same_wrt__zero_and_one),
		cmocka_unit_test(
		    paths__layered_58_by_10__count_is_ten_to_the_58),
		cmocka_unit_test(
		    paths__diamond_chain_of_1999__count_is_two_to_the_666),
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
		cmocka_unit_test(json__hostile_strings__read_back_unchanged),
		cmocka_unit_test(
		    formula__random_dags__all_forms_agree_numerically),
		cmocka_unit_test(
		    formula__expanded_over_limit__null_but_equations_kept),
		cmocka_unit_test(
		    formula__factors_at_and_over_limit__written_then_null),
		cmocka_unit_test(
		    formula__factored_over_limit__is_null_with_forward),
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
