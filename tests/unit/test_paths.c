/*
 * Unit tests of the paths: exact counts, however large, and the listing
 * and its order, checked against brute force (a depth-first enumeration)
 * on seeded random DAGs.
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
 * 1. Path counts and lists against brute force.
 */

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
 * 2. Exact big counts.
 */

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    paths__random_dags__match_brute_force_in_order),
		cmocka_unit_test(
		    paths__complete_dag__iterator_lists_all_then_stops),
		cmocka_unit_test(paths__unrelated_and_same_wrt__zero_and_one),
		cmocka_unit_test(
		    paths__layered_58_by_10__count_is_ten_to_the_58),
		cmocka_unit_test(
		    paths__diamond_chain_of_1999__count_is_two_to_the_666),
	};

	return cmocka_run_group_tests_name("paths", tests, NULL, NULL);
}
