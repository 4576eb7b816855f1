/*
 * The report's what-if data: what the page's interpreter (src/page/
 * whatif.js) needs to recompute every number at a new point, as JSON in a
 * <script type="application/json"> element.  It is the analysis as
 * computed, never more mathematics: each variable's parsed expression
 * and the symbolic local derivatives expr_derive_all() made (so the page
 * differentiates nothing), the order, the ancestors of of, each
 * derivative's variables on its paths and the arrows of the paths the
 * page lists, and which derivatives the finite-difference check covers;
 * and the words the numbers are told in (a check's error, why there is
 * none, where a function is not differentiable), with holes where the
 * page fills in its own numbers, so that each sentence has one source.
 *
 * A tree is written as a table of its distinct nodes, children first,
 * each node once however many trees share it, so the data and the page's
 * work stay linear in the trees' sizes.  The only model text written is
 * variable names, which SPEC §2 limits to [A-Za-z][A-Za-z0-9_]*, and
 * formulas infdiag prints from the parsed trees (names, numbers and
 * operators); no character of the data can close the element, and a text
 * that held a "<" would be left out.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "analysis.h"
#include "expr.h"
#include "expr_impl.h"
#include "hash.h"
#include "model.h"
#include "numbers.h"
#include "paths.h"
#include "strbuf.h"
#include "write.h"
#include "write_html.h"
#include "writer.h"

/* The ids of the nodes written for one variable: open addressing on the
 * node's address, emptied by a new generation. */
struct node_slot {
	const struct expr	*key;
	uint64_t		 gen;
	uint32_t		 id;
};

struct node_ids {
	struct node_slot	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 used;	/* in this generation */
	uint64_t		 gen;
	uint32_t		 next;	/* the next id */
	int			 kinks;	/* a node written may not be
					   differentiable somewhere */
	int			 nomem;
};

/* The slot of node e: its own, or the empty one where it goes. */
static struct node_slot *
ids_find(struct node_ids *t, const struct expr *e)
{
	size_t	h = hash_finish((uintptr_t)e) & (t->cap - 1);

	while (t->slots[h].key != NULL && t->slots[h].gen == t->gen &&
	    t->slots[h].key != e)
		h = (h + 1) & (t->cap - 1);
	return &t->slots[h];
}

/* Doubles the table, keeping this generation's entries; -1 when out of
 * memory. */
static int
ids_grow(struct node_ids *t)
{
	struct node_slot	*old = t->slots;
	size_t			 cap = t->cap, i;

	if ((t->slots = mem_calloc(cap ? cap * 2 : 64, sizeof(*old))) ==
	    NULL) {
		t->slots = old;
		return -1;
	}
	t->cap = cap ? cap * 2 : 64;
	for (i = 0; i < cap; i++) {
		if (old[i].key != NULL && old[i].gen == t->gen)
			*ids_find(t, old[i].key) = old[i];
	}
	mem_free(old);
	return 0;
}

/* Appends a number as JSON: %.17g, which reads back to the same double,
 * or null for one that is not finite. */
static void
data_number(struct strbuf *sb, double x)
{
	if (isfinite(x))
		strbuf_addf(sb, "%.17g", x);
	else
		strbuf_add(sb, "null");
}

static uint32_t	data_node(struct writer *, struct node_ids *,
		    const struct expr *);

/* Writes the children of e first, then e as one entry of the node table:
 * ["tag", operands...], its children by id. */
static void
data_node_entry(struct writer *p, struct node_ids *t, const struct expr *e)
{
	static const char *const tag[] = {
		[EXPR_NUM] = "num", [EXPR_PI] = "pi", [EXPR_E] = "e",
		[EXPR_VAR] = "var", [EXPR_NEG] = "neg", [EXPR_SUM] = "sum",
		[EXPR_PROD] = "prod", [EXPR_POW] = "pow"
	};
	uint32_t	*kid;
	size_t		 i;

	if ((kid = mem_calloc(e->n ? e->n : 1, sizeof(*kid))) == NULL) {
		t->nomem = 1;
		return;
	}
	for (i = 0; i < e->n; i++)
		kid[i] = data_node(p, t, e->kids[i]);
	strbuf_addf(&p->sb, "%s[\"%s\"", t->next > 0 ? "," : "",
	    e->kind == EXPR_CALL ? expr_fn_name(e->fn) : tag[e->kind]);
	/* Asked with no room, expr_kink_text() says only whether. */
	if (e->kind == EXPR_CALL && expr_kink_text(e->fn, "", NULL, 0))
		t->kinks = 1;
	if (e->kind == EXPR_NUM) {
		strbuf_addc(&p->sb, ',');
		data_number(&p->sb, e->value);
	} else if (e->kind == EXPR_VAR)
		strbuf_addf(&p->sb, ",%lu", (unsigned long)e->slot);
	else if (e->kind == EXPR_SUM || e->kind == EXPR_PROD) {
		/* n-ary, left to right: a list, and a product's divisors. */
		for (i = 0; i < e->n; i++)
			strbuf_addf(&p->sb, "%s%lu", i ? "," : ",[",
			    (unsigned long)kid[i]);
		for (i = 0; e->kind == EXPR_PROD && i < e->n; i++)
			strbuf_addf(&p->sb, "%s%d", i ? "," : "],[",
			    e->inv[i] ? 1 : 0);
		strbuf_addc(&p->sb, ']');
	} else {
		for (i = 0; i < e->n; i++)
			strbuf_addf(&p->sb, ",%lu", (unsigned long)kid[i]);
	}
	strbuf_addc(&p->sb, ']');
	mem_free(kid);
	writer_spill(p);
}

/* Writes node e (once: a node met again is only looked up) and returns
 * its id. */
static uint32_t
data_node(struct writer *p, struct node_ids *t, const struct expr *e)
{
	struct node_slot	*s;

	if (t->used * 2 >= t->cap && ids_grow(t) != 0) {
		t->nomem = 1;
		return 0;
	}
	s = ids_find(t, e);
	if (s->key == e && s->gen == t->gen)
		return s->id;
	data_node_entry(p, t, e);
	/* The children may have grown the table: find the slot again. */
	s = ids_find(t, e);
	s->key = e;
	s->gen = t->gen;
	s->id = t->next++;
	t->used++;
	return s->id;
}

/* Appends s as a JSON string that cannot close the data element; nothing
 * (returns 0) when s holds a "<". */
static int
data_string(struct strbuf *sb, const char *s, size_t len)
{
	if (memchr(s, '<', len) != NULL)
		return 0;
	write_json_string(sb, s, len);
	return 1;
}

/* Writes what is told where v's expression is not differentiable, after
 * what it meets, as "kink" (numbers_kink_where()). */
static void
data_kink(struct writer *p, uint32_t v)
{
	struct strbuf	where = STRBUF_INIT;

	numbers_kink_where(&where, p->a, v);
	if (strbuf_failed(&where))
		p->nomem = 1;
	strbuf_add(&p->sb, ",\"kink\":");
	if (!data_string(&p->sb, strbuf_str(&where), where.len))
		strbuf_add(&p->sb, "null");
	strbuf_release(&where);
}

/* Writes v's expression and its local derivatives as one node table,
 * "nodes", with the roots "expr" and "d" (by input; null for none), and
 * where the expression may not be differentiable, its "kink". */
static void
data_trees(struct writer *p, struct node_ids *t, uint32_t v)
{
	const struct infdiag_model	*m = p->m;
	struct expr *const		*dexpr = p->a->num->dexpr +
					    m->in_off[v];
	uint32_t			 root, i;
	int				 kinks;

	t->gen++;
	t->used = 0;
	t->next = 0;
	t->kinks = 0;
	strbuf_add(&p->sb, ",\"nodes\":[");
	root = data_node(p, t, m->vars[v].x->expr);
	kinks = t->kinks;
	for (i = 0; i < var_ninputs(m, v); i++) {
		if (dexpr[i] != NULL)
			(void)data_node(p, t, dexpr[i]);
	}
	strbuf_addf(&p->sb, "],\"expr\":%lu,\"d\":[", (unsigned long)root);
	/* Found again, not written again. */
	for (i = 0; i < var_ninputs(m, v); i++) {
		strbuf_add(&p->sb, i ? "," : "");
		if (dexpr[i] != NULL)
			strbuf_addf(&p->sb, "%lu", (unsigned long)
			    data_node(p, t, dexpr[i]));
		else
			strbuf_add(&p->sb, "null");
	}
	strbuf_addc(&p->sb, ']');
	if (kinks && p->a->anc_pos[v] != INFDIAG_NONE)
		data_kink(p, v);
}

/* Writes a list of variable indices. */
static void
data_list(struct strbuf *sb, const char *key, const uint32_t *ids,
    uint32_t n)
{
	uint32_t	i;

	strbuf_addf(sb, "\"%s\":[", key);
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%lu", i ? "," : "", (unsigned long)ids[i]);
	strbuf_addc(sb, ']');
}

/* Writes variable v: its name, inputs, given value or partials, and its
 * trees. */
static void
data_var(struct writer *p, struct node_ids *t, uint32_t v)
{
	const struct infdiag_model	*m = p->m;
	const struct var_extra		*x = var_extra(m, v);
	uint32_t			 i;

	/* A name is [A-Za-z][A-Za-z0-9_]*: nothing in it needs escaping. */
	strbuf_addf(&p->sb, "%s{\"name\":\"%s\",", v ? ",\n" : "",
	    m->vars[v].name);
	data_list(&p->sb, "in", m->in_idx + m->in_off[v], var_ninputs(m, v));
	if (m->vars[v].flags & VAR_HAS_VALUE) {
		strbuf_add(&p->sb, ",\"value\":");
		data_number(&p->sb, m->vars[v].value);
	}
	if (x != NULL && (m->vars[v].flags & VAR_HAS_PARTIALS)) {
		strbuf_add(&p->sb, ",\"partials\":[");
		for (i = 0; i < var_ninputs(m, v); i++) {
			strbuf_add(&p->sb, i ? "," : "");
			data_number(&p->sb, x->partials[i]);
		}
		strbuf_addc(&p->sb, ']');
	} else if (x != NULL && x->expr != NULL)
		data_trees(p, t, v);
	strbuf_addc(&p->sb, '}');
	writer_spill(p);
}

/* Writes the arrows (input positions) of the paths of d the page lists,
 * as many as the paths table shows; -1 when out of memory. */
static int
data_paths(struct writer *p, const struct deriv *d)
{
	struct path_iter	*it;
	const uint32_t		*path;
	uint32_t		 n, i;
	uint64_t		 shown = 0;
	int			 rc = 0;

	strbuf_add(&p->sb, ",\"paths\":[");
	if (d->nrel > 0) {
		if ((it = paths_begin(p->a, d)) == NULL)
			return -1;
		while (shown < p->a->max_paths && shown < REPORT_MAX_ROWS &&
		    (rc = paths_next(it, &path, &n)) == 1) {
			strbuf_add(&p->sb, shown++ ? ",[" : "[");
			for (i = 1; i < n; i++)
				strbuf_addf(&p->sb, "%s%lu", i > 1 ? "," : "",
				    (unsigned long)analysis_arrow(p->a,
				    path[i - 1], path[i]));
			strbuf_addc(&p->sb, ']');
			writer_spill(p);
		}
		paths_end(it);
	}
	strbuf_addc(&p->sb, ']');
	return rc < 0 ? -1 : 0;
}

/* Writes the derivatives the page shows: wrt, the variables on their
 * paths, whether wrt is a direct input, whether the check covers them
 * (checkable: a cost), and their listed paths. */
static int
data_derivs(struct writer *p, const uint64_t *cost)
{
	const struct infdiag_analysis	*a = p->a;
	uint32_t			 k;

	strbuf_add(&p->sb, ",\n\"derivs\":[");
	/* The page shows the first REPORT_MAX_ROWS derivatives. */
	for (k = 0; k < a->nwrt && k < REPORT_MAX_ROWS; k++) {
		strbuf_addf(&p->sb, "%s{\"wrt\":%lu,\"direct\":%d,"
		    "\"check\":%d,", k ? ",\n" : "",
		    (unsigned long)a->d[k].wrt, a->d[k].direct ? 1 : 0,
		    cost[k] > 0 ? 1 : 0);
		data_list(&p->sb, "rel", a->d[k].rel, a->d[k].nrel);
		if (data_paths(p, &a->d[k]) != 0)
			return -1;
		strbuf_addc(&p->sb, '}');
	}
	strbuf_add(&p->sb, "]");
	return 0;
}

/* Appends "key": and a text with holes as a JSON string, after a comma
 * unless first. */
static void
data_words(struct writer *p, int first, const char *key,
    const struct strbuf *text)
{
	strbuf_addf(&p->sb, "%s\"%s\":", first ? "" : ",", key);
	if (strbuf_failed(text))
		p->nomem = 1;
	if (!data_string(&p->sb, strbuf_str(text), text->len))
		strbuf_add(&p->sb, "null");
}

/* Writes the words the numbers are told in: "check" (a check's error:
 * relative or absolute, then ok or not, the error a hole), "fdnote" (why
 * a derivative has no check), "kink" (by function: what is told where it
 * is not differentiable, min's and max's tie a hole), "kinksmore" (the
 * count a hole) and the limits the page follows. */
static void
data_text(struct writer *p)
{
	struct strbuf	t = STRBUF_INIT;
	char		buf[512];
	int		fn, r, ok, n;

	strbuf_addf(&p->sb, ",\n\"text\":{\"tolerance\":%.17g,"
	    "\"kinksmax\":%d,\"kinksize\":%d,\"fdnote\":{\"notfinite\":\"%s\","
	    "\"sample\":\"%s\",\"sides\":\"%s\",\"overflow\":\"%s\"}",
	    CHECK_TOLERANCE, NUMBERS_KINKS_MAX, NUMBERS_KINK_SIZE,
	    FD_NOTE_NOT_FINITE,
	    FD_NOTE_SAMPLE, FD_NOTE_SIDES, FD_NOTE_OVERFLOW);
	strbuf_add(&p->sb, ",\"check\":{");
	for (r = 0; r < 2; r++) {
		for (ok = 0; ok < 2; ok++) {
			strbuf_truncate(&t, 0);
			numbers_check_words(&t, r, NUMBERS_HOLE, ok);
			snprintf(buf, sizeof(buf), "%s%s", r ? "relative" :
			    "absolute", ok ? "" : "bad");
			data_words(p, r + ok == 0, buf, &t);
		}
	}
	strbuf_add(&p->sb, "},\"kink\":{");
	for (n = 0, fn = 0; fn < EXPR_FN_COUNT; fn++) {
		if (!expr_kink_text((enum expr_fn)fn, NUMBERS_HOLE, buf,
		    sizeof(buf)))
			continue;
		strbuf_truncate(&t, 0);
		strbuf_add(&t, buf);
		data_words(p, n++ == 0, expr_fn_name((enum expr_fn)fn), &t);
	}
	strbuf_addc(&p->sb, '}');
	strbuf_truncate(&t, 0);
	numbers_kinks_more(&t, NUMBERS_HOLE);
	data_words(p, 0, "kinksmore", &t);
	strbuf_addc(&p->sb, '}');
	strbuf_release(&t);
}

/* Writes the what-if data element; -1 when out of memory.  Without
 * numbers (a model without values or partials) it is written all the
 * same, and the page offers no what-if. */
int
html_data_write(struct writer *p)
{
	const struct infdiag_analysis	*a = p->a;
	const struct infdiag_model	*m = p->m;
	struct node_ids			 t;
	uint64_t			*cost;
	uint32_t			 v, stride = 1;
	int				 rc = -1;

	memset(&t, 0, sizeof(t));
	if ((cost = mem_calloc(a->nwrt ? a->nwrt : 1, sizeof(*cost))) ==
	    NULL)
		return -1;
	if (a->num != NULL && numbers_check_plan(a, cost, &stride) != 0)
		goto out;
	strbuf_addf(&p->sb, "<script type=\"application/json\" "
	    "id=\"infdiag-data\">{\"version\":1,\"numbers\":%d,\"of\":%lu,"
	    "\"stride\":%lu,", a->num != NULL, (unsigned long)a->of,
	    (unsigned long)stride);
	data_list(&p->sb, "order", m->order, m->nvars);
	strbuf_addc(&p->sb, ',');
	data_list(&p->sb, "anc", a->anc, a->nanc);
	strbuf_add(&p->sb, ",\n\"vars\":[");
	for (v = 0; v < m->nvars && a->num != NULL; v++)
		data_var(p, &t, v);
	strbuf_addc(&p->sb, ']');
	if (t.nomem || data_derivs(p, cost) != 0)
		goto out;
	data_text(p);
	strbuf_add(&p->sb, "}</script>\n");
	writer_flush(p);
	rc = 0;
out:
	mem_free(t.slots);
	mem_free(cost);
	return rc;
}
