/*
 * Random DAGs, models, JSON documents and brute force for the analysis
 * tests (dag.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util.h"

#include "infdiag.h"
#include "analysis.h"
#include "dag.h"
#include "formula.h"
#include "model.h"
#include "strbuf.h"

const char example3[] = "{\"variables\": {\"x\": {}, "
    "\"g\": [\"x\"], \"h\": {\"inputs\": [\"g\", \"x\"]}, "
    "\"y\": {\"inputs\": [\"x\", \"g\", \"h\"]}}}";

/* A small deterministic generator (xorshift64*). */
uint64_t
rnd(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ULL;
}

/* A uniform integer in [0, n). */
uint32_t
rnd_below(uint64_t *state, uint32_t n)
{
	return (uint32_t)(rnd(state) % n);
}

/* A uniform double in [0, 1). */
double
rnd_unit(uint64_t *state)
{
	return (double)(rnd(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* Shuffles n ids in place. */
void
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

/* Adds the arrow p -> v. */
void
dag_add(struct dag *d, uint32_t p, uint32_t v)
{
	d->in[v][d->nin[v]++] = p;
	d->arrow[p][v] = 1;
}

/* The number of v's consumers. */
uint32_t
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
void
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
uint32_t
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
struct infdiag_model *
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
struct infdiag_model *
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
struct infdiag_analysis *
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
json_t *
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
json_t *
jget(const json_t *obj, const char *key)
{
	json_t	*v = json_object_get(obj, key);

	if (v == NULL)
		print_error("no \"%s\"\n", key);
	assert_non_null(v);
	return v;
}

/* The string member key of obj. */
const char *
jstr(const json_t *obj, const char *key)
{
	json_t	*v = jget(obj, key);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

/* The string at index i of arr. */
const char *
jat(const json_t *arr, size_t i)
{
	json_t	*v = json_array_get(arr, i);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

/* The text after "lhs = " in an equation; fails if lhs is not first. */
const char *
rhs_of(const char *eq, const char *lhs)
{
	size_t	n = strlen(lhs);

	if (strncmp(eq, lhs, n) != 0 || strncmp(eq + n, " = ", 3) != 0) {
		print_error("\"%s\" does not start \"%s = \"\n", eq, lhs);
		fail();
	}
	return eq + n + 3;
}

/* Appends a path. */
void
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

/* Frees a list of paths. */
void
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
void
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
void
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

/* Appends a layered model: x, layers of width, y (and x -> y when
 * direct). */
void
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
struct infdiag_model *
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

/* Writes one form of the only derivative in a style. */
char *
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
void
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
