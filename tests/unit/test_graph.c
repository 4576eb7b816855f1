/*
 * Unit tests of the graph core: the stable topological order, the cycle
 * a model without one is rejected with, and reachability; checked on small
 * models by hand and on random ones against simple references.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "infdiag.h"
#include "graph.h"
#include "model.h"

/* A growing JSON text. */
struct text {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

/* Appends a formatted piece. */
static void
text_add(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
text_add(struct text *t, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if ((size_t)n < t->cap - t->len)
			break;
		t->cap = t->cap * 2 + (size_t)n + 64;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	t->len += (size_t)n;
}

/*
 * A graph given by its inputs: in[v][0..nin[v]) are v's inputs, v in
 * declaration order, all named "v<id>" where id[v] is the name's number.
 */
struct graph {
	uint32_t	  n;
	uint32_t	 *nin;
	uint32_t	**in;
	uint32_t	 *id;
};

static void
graph_free(struct graph *g)
{
	uint32_t	v;

	for (v = 0; v < g->n; v++)
		free(g->in[v]);
	free(g->in);
	free(g->nin);
	free(g->id);
}

/* Writes g as a model, every variable in shorthand form. */
static char *
graph_json(const struct graph *g)
{
	struct text	t = { NULL, 0, 0 };
	uint32_t	v, i;

	text_add(&t, "{\"variables\": {");
	for (v = 0; v < g->n; v++) {
		text_add(&t, "%s\"v%u\": [", v > 0 ? ", " : "", g->id[v]);
		for (i = 0; i < g->nin[v]; i++)
			text_add(&t, "%s\"v%u\"", i > 0 ? ", " : "",
			    g->id[g->in[v][i]]);
		text_add(&t, "]");
	}
	text_add(&t, "}}");
	return t.s;
}

static struct infdiag_model *
graph_load(const struct graph *g, struct infdiag_error *err)
{
	struct infdiag_model	*m;
	char			*json = graph_json(g);

	m = infdiag_model_load_buffer(json, strlen(json), "g.json", err);
	free(json);
	return m;
}

/* A small deterministic generator, so that a failure can be replayed. */
static uint32_t
rnd(uint64_t *state, uint32_t bound)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)((*state >> 33) % bound);
}

/*
 * A random DAG of n variables: arrows go from lower to higher position in
 * a hidden order, each with probability pct/100; the declaration order is
 * a shuffle of it.  With cyclic set, one more arrow goes backwards.
 */
static void
graph_random(struct graph *g, uint32_t n, uint32_t pct, int cyclic,
    uint64_t *seed)
{
	uint32_t	*pos = calloc(n, sizeof(*pos)), *decl, v, w, i, tmp;

	assert_non_null(pos);
	g->n = n;
	g->nin = calloc(n, sizeof(*g->nin));
	g->in = calloc(n, sizeof(*g->in));
	g->id = calloc(n, sizeof(*g->id));
	decl = calloc(n, sizeof(*decl));
	assert_true(g->nin != NULL && g->in != NULL && g->id != NULL &&
	    decl != NULL);
	/* decl[p]: the declaration index of hidden position p. */
	for (i = 0; i < n; i++)
		decl[i] = i;
	for (i = n; i > 1; i--) {
		w = rnd(seed, i);
		tmp = decl[i - 1];
		decl[i - 1] = decl[w];
		decl[w] = tmp;
	}
	for (i = 0; i < n; i++) {
		pos[decl[i]] = i;
		g->id[decl[i]] = i;
	}
	for (v = 0; v < n; v++) {
		g->in[v] = calloc(n, sizeof(**g->in));
		assert_non_null(g->in[v]);
		/* Inputs in a random order: walk positions from a random
		 * start. */
		tmp = rnd(seed, n);
		for (i = 0; i < n; i++) {
			w = decl[(i + tmp) % n];
			if (pos[w] < pos[v] && rnd(seed, 100) < pct)
				g->in[v][g->nin[v]++] = w;
		}
	}
	if (cyclic && n >= 2) {
		/* An arrow from a later to an earlier position. */
		do {
			v = rnd(seed, n);
			w = rnd(seed, n);
		} while (pos[w] <= pos[v]);
		g->in[v][g->nin[v]++] = w;
		/* Make sure v reaches w, so that there is a cycle. */
		for (i = 0; i < g->nin[w] && g->in[w][i] != v; i++)
			;
		if (i == g->nin[w])
			g->in[w][g->nin[w]++] = v;
	}
	free(decl);
	free(pos);
}

/* The reference order: O(V^2), each step the smallest ready index. */
static uint32_t *
reference_order(const struct graph *g)
{
	uint32_t	*order = calloc(g->n, sizeof(*order));
	char		*done = calloc(g->n, 1);
	uint32_t	 k, v, i;

	assert_true(order != NULL && done != NULL);
	for (k = 0; k < g->n; k++) {
		for (v = 0; v < g->n; v++) {
			if (done[v])
				continue;
			for (i = 0; i < g->nin[v] && done[g->in[v][i]]; i++)
				;
			if (i == g->nin[v])
				break;
		}
		assert_true(v < g->n);
		done[v] = 1;
		order[k] = v;
	}
	free(done);
	return order;
}

/* Loads g, which must be acyclic, and checks its order and ranks. */
static void
check_order(const struct graph *g)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	uint32_t		*want, v, i;

	m = graph_load(g, &err);
	if (m == NULL)
		print_error("%s\n", err.text);
	assert_non_null(m);
	want = reference_order(g);
	for (i = 0; i < g->n; i++) {
		assert_int_equal(m->order[i], want[i]);
		assert_int_equal(infdiag_model_order(m)[i], want[i]);
		assert_int_equal(m->rank[m->order[i]], i);
	}
	for (v = 0; v < g->n; v++) {
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++)
			assert_true(m->rank[m->in_idx[i]] < m->rank[v]);
	}
	free(want);
	infdiag_model_free(m);
}

/* Loads json and checks the order against the declaration indices. */
static void
assert_order_at(const char *json, const uint32_t *want, uint32_t n,
    const char *file, int line)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	uint32_t		 i;

	m = infdiag_model_load_buffer(json, strlen(json), "t.json", &err);
	if (m == NULL) {
		print_error("%s\n", err.text);
		_fail(file, line);
	}
	for (i = 0; i < n; i++) {
		if (m->order[i] != want[i]) {
			print_error("order[%u] = %u, want %u\n", i, m->order[i],
			    want[i]);
			infdiag_model_free(m);
			_fail(file, line);
		}
	}
	infdiag_model_free(m);
}
#define assert_order(json, ...) do {					\
	const uint32_t want_[] = { __VA_ARGS__ };			\
	assert_order_at((json), want_,					\
	    sizeof(want_) / sizeof(want_[0]), __FILE__, __LINE__);	\
} while (0)

/* Loads json, which must have a cycle, and checks the message. */
static void
assert_cycle_at(const char *json, const char *want, const char *file,
    int line)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	m = infdiag_model_load_buffer(json, strlen(json), "t.json", &err);
	if (m != NULL) {
		infdiag_model_free(m);
		print_error("no cycle found\n");
		_fail(file, line);
	}
	if (err.status != INFDIAG_EMODEL || strcmp(err.path, "variables") != 0
	    || strcmp(err.text, want) != 0) {
		print_error("got  %s: %s\nwant variables: %s\n", err.path,
		    err.text, want);
		_fail(file, line);
	}
}
#define assert_cycle(json, want) \
	assert_cycle_at((json), (want), __FILE__, __LINE__)

static void
order__topological_declaration__is_identity(void **state)
{
	(void)state;
	assert_order("{\"variables\": {\"x\": [], \"g\": [\"x\"],"
	    " \"h\": [\"x\", \"g\"], \"y\": [\"x\", \"g\", \"h\"]}}", 0, 1, 2, 3);
	assert_order("{\"variables\": {\"b\": [], \"a\": [], \"c\": []}}",
	    0, 1, 2);
}

static void
order__reversed_chain__is_reversed(void **state)
{
	(void)state;
	assert_order("{\"variables\": {\"d\": [\"c\"], \"c\": [\"b\"],"
	    " \"b\": [\"a\"], \"a\": []}}", 3, 2, 1, 0);
}

static void
order__diamond__ties_in_declaration_order(void **state)
{
	(void)state;
	/* top=0 r=1 l=2 bottom=3: r and l both wait for bottom, then come
	 * out in declaration order. */
	assert_order("{\"variables\": {\"top\": [\"l\", \"r\"],"
	    " \"r\": [\"bottom\"], \"l\": [\"bottom\"], \"bottom\": []}}",
	    3, 1, 2, 0);
	/* An independent variable declared last still comes as early as
	 * its index allows: after the ready variables declared before it. */
	assert_order("{\"variables\": {\"y\": [\"x\"], \"a\": [], \"x\": [],"
	    " \"b\": []}}", 1, 2, 0, 3);
}

static void
order__random_dags__smallest_topological_order(void **state)
{
	struct graph	g;
	uint64_t	seed = 12345;
	uint32_t	round, n;

	(void)state;
	for (round = 0; round < 300; round++) {
		n = 1 + rnd(&seed, round < 200 ? 12 : 80);
		graph_random(&g, n, rnd(&seed, 60), 0, &seed);
		check_order(&g);
		graph_free(&g);
	}
}

static void
order__long_chain_declared_backwards__does_not_recurse(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct text		 t = { NULL, 0, 0 };
	const uint32_t		 n = 100000;
	uint32_t		 i;

	(void)state;
	/* v99999 <- v99998 <- ... <- v0, declared v99999 first. */
	text_add(&t, "{\"variables\": {");
	for (i = n; i-- > 1; )
		text_add(&t, "\"v%u\": [\"v%u\"], ", i, i - 1);
	text_add(&t, "\"v0\": []}}");
	m = infdiag_model_load_buffer(t.s, t.len, "t.json", &err);
	assert_non_null(m);
	for (i = 0; i < n; i++)
		assert_int_equal(m->order[i], n - 1 - i);
	infdiag_model_free(m);
	/* The same closed into a cycle. */
	t.len -= strlen("\"v0\": []}}");
	text_add(&t, "\"v0\": [\"v%u\"]}}", n - 1);
	assert_cycle(t.s, "cycle of 100000 variables: v99999 -> v0 -> v1 -> "
	    "v2 -> v3 -> v4 -> v5 -> v6 -> v7 -> ... -> v99997 -> v99998 -> "
	    "v99999");
	free(t.s);
}

static void
cycle__small__shown_from_earliest_declared(void **state)
{
	(void)state;
	assert_cycle("{\"variables\": {\"a\": [\"b\"], \"b\": [\"a\"]}}",
	    "cycle: a -> b -> a");
	assert_cycle("{\"variables\": {\"x\": [\"h\"], \"g\": [\"x\"],"
	    " \"h\": [\"g\"]}}", "cycle: x -> g -> h -> x");
	assert_cycle("{\"variables\": {\"h\": [\"g\"], \"g\": [\"x\"],"
	    " \"x\": [\"h\"]}}", "cycle: h -> x -> g -> h");
	/* Not involving the first variable, beside an acyclic part. */
	assert_cycle("{\"variables\": {\"a\": [], \"b\": [\"a\", \"d\"],"
	    " \"c\": [\"b\"], \"d\": [\"c\"], \"e\": [\"a\"]}}",
	    "cycle: b -> c -> d -> b");
	/* A cycle that feeds an output declared first. */
	assert_cycle("{\"variables\": {\"out\": [\"q\"], \"p\": [\"q\"],"
	    " \"q\": [\"p\"]}}", "cycle: p -> q -> p");
	/* Two cycles: one of them, each arrow real. */
	assert_cycle("{\"variables\": {\"s\": [\"t\"], \"t\": [\"s\"],"
	    " \"a\": [\"b\"], \"b\": [\"a\"]}}", "cycle: s -> t -> s");
}

static void
cycle__thirteen__cut_in_the_middle(void **state)
{
	struct text	t = { NULL, 0, 0 };
	uint32_t	i;

	(void)state;
	text_add(&t, "{\"variables\": {");
	for (i = 0; i < 13; i++)
		text_add(&t, "%s\"c%u\": [\"c%u\"]", i > 0 ? ", " : "", i,
		    (i + 12) % 13);
	text_add(&t, "}}");
	assert_cycle(t.s, "cycle of 13 variables: c0 -> c1 -> c2 -> c3 -> "
	    "c4 -> c5 -> c6 -> c7 -> c8 -> ... -> c11 -> c12 -> c0");
	free(t.s);
	t.s = NULL;
	t.len = t.cap = 0;
	text_add(&t, "{\"variables\": {");
	for (i = 0; i < 12; i++)
		text_add(&t, "%s\"c%u\": [\"c%u\"]", i > 0 ? ", " : "", i,
		    (i + 11) % 12);
	text_add(&t, "}}");
	assert_cycle(t.s, "cycle: c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> "
	    "c7 -> c8 -> c9 -> c10 -> c11 -> c0");
	free(t.s);
}

/* Finds the declaration index of the variable named by the text at s. */
static uint32_t
named(const struct graph *g, const char *s, size_t len)
{
	uint32_t	v, id;

	assert_true(len >= 2 && s[0] == 'v');
	id = (uint32_t)strtoul(s + 1, NULL, 10);
	for (v = 0; v < g->n && g->id[v] != id; v++)
		;
	assert_true(v < g->n);
	return v;
}

/* Says whether w is an input of v. */
static int
has_input(const struct graph *g, uint32_t v, uint32_t w)
{
	uint32_t	i;

	for (i = 0; i < g->nin[v]; i++) {
		if (g->in[v][i] == w)
			return 1;
	}
	return 0;
}

static void
cycle__random_graphs__reported_cycle_is_real(void **state)
{
	struct infdiag_error	 err;
	struct graph		 g;
	uint64_t		 seed = 777;
	uint32_t		 round, path[16], len, i, k;
	const char		*p, *q;

	(void)state;
	for (round = 0; round < 300; round++) {
		graph_random(&g, 2 + rnd(&seed, 11), rnd(&seed, 50), 1, &seed);
		assert_null(graph_load(&g, &err));
		assert_int_equal(err.status, INFDIAG_EMODEL);
		assert_string_equal(err.path, "variables");
		assert_int_equal(strncmp(err.text, "cycle: ", 7), 0);
		/* Split "a -> b -> ... -> a". */
		len = 0;
		for (p = err.text + 7; ; p = q + 4) {
			q = strstr(p, " -> ");
			assert_true(len < 16);
			path[len++] = named(&g, p, q != NULL ? (size_t)(q - p) :
			    strlen(p));
			if (q == NULL)
				break;
		}
		assert_true(len >= 3);
		assert_int_equal(path[0], path[len - 1]);
		for (i = 0; i + 1 < len; i++) {
			/* Each arrow is an influence... */
			assert_true(has_input(&g, path[i + 1], path[i]));
			/* ...each variable appears once, the earliest-declared
			 * first. */
			for (k = i + 1; k + 1 < len; k++)
				assert_true(path[k] != path[i]);
			assert_true(path[0] <= path[i]);
		}
		graph_free(&g);
	}
}

/* The brute-force reference: v's ancestors (up) or descendants. */
static void
reference_reach(const struct graph *g, const uint32_t *sources,
    uint32_t nsources, int up, char *in)
{
	uint32_t	v, w, i;
	int		changed = 1;

	memset(in, 0, g->n);
	for (i = 0; i < nsources; i++)
		in[sources[i]] = 1;
	while (changed) {
		changed = 0;
		for (v = 0; v < g->n; v++) {
			for (i = 0; i < g->nin[v]; i++) {
				w = g->in[v][i];
				if (up && in[v] && !in[w])
					in[w] = changed = 1;
				if (!up && in[w] && !in[v])
					in[v] = changed = 1;
			}
		}
	}
}

static void
reach__random_dags__match_brute_force(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct graph		 g;
	uint64_t		 seed = 4242;
	uint32_t		 round, q, n, ns, i, count, want, stamp = 0;
	uint32_t		*mark, *queue, sources[4];
	char			*in;

	(void)state;
	for (round = 0; round < 100; round++) {
		n = 1 + rnd(&seed, 40);
		graph_random(&g, n, rnd(&seed, 30), 0, &seed);
		m = graph_load(&g, &err);
		assert_non_null(m);
		mark = calloc(n, sizeof(*mark));
		queue = calloc(n, sizeof(*queue));
		in = calloc(n, 1);
		assert_true(mark != NULL && queue != NULL && in != NULL);
		/* One mark array for every query: only the stamp changes. */
		for (q = 0; q < 8; q++) {
			ns = 1 + rnd(&seed, 4);
			for (i = 0; i < ns; i++)
				sources[i] = rnd(&seed, n);
			count = graph_reach(m, sources, ns, q & 1, mark,
			    ++stamp, queue);
			reference_reach(&g, sources, ns, q & 1, in);
			for (i = want = 0; i < n; i++) {
				want += in[i];
				assert_int_equal(mark[i] == stamp, in[i]);
			}
			assert_int_equal(count, want);
			/* The queue holds exactly what was marked. */
			for (i = 0; i < count; i++)
				assert_true(in[queue[i]]);
		}
		free(in);
		free(queue);
		free(mark);
		infdiag_model_free(m);
		graph_free(&g);
	}
}

static void
reach__diamond__ancestors_and_descendants(void **state)
{
	static const char	 json[] = "{\"variables\": {\"x\": [],"
	    " \"g\": [\"x\"], \"h\": [\"x\"], \"y\": [\"g\", \"h\"],"
	    " \"u\": []}}";
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	uint32_t		 mark[5] = { 0 }, queue[5], src;

	(void)state;
	m = infdiag_model_load_buffer(json, strlen(json), "t.json", &err);
	assert_non_null(m);
	src = 3;
	assert_int_equal(graph_reach(m, &src, 1, 1, mark, 1, queue), 4);
	assert_int_equal(queue[0], 3);
	assert_int_equal(mark[4], 0);
	src = 0;
	assert_int_equal(graph_reach(m, &src, 1, 0, mark, 2, queue), 4);
	assert_int_equal(mark[4], 0);
	assert_int_equal(mark[3], 2);
	src = 4;
	assert_int_equal(graph_reach(m, &src, 1, 0, mark, 3, queue), 1);
	assert_int_equal(graph_reach(m, NULL, 0, 0, mark, 4, queue), 0);
	infdiag_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order__topological_declaration__is_identity),
		cmocka_unit_test(order__reversed_chain__is_reversed),
		cmocka_unit_test(order__diamond__ties_in_declaration_order),
		cmocka_unit_test(
		    order__random_dags__smallest_topological_order),
		cmocka_unit_test(
		    order__long_chain_declared_backwards__does_not_recurse),
		cmocka_unit_test(cycle__small__shown_from_earliest_declared),
		cmocka_unit_test(cycle__thirteen__cut_in_the_middle),
		cmocka_unit_test(cycle__random_graphs__reported_cycle_is_real),
		cmocka_unit_test(reach__diamond__ancestors_and_descendants),
		cmocka_unit_test(reach__random_dags__match_brute_force),
	};

	return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
