/*
 * Symbolic derivatives.  The rules are applied to a simplified tree and
 * build their results with the simplifying constructors, so the result is
 * simplified as it is made and shares the operand's subtrees.
 */
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "expr.h"
#include "expr_impl.h"

/* What deriving one tree with respect to each of its inputs in turn
 * remembers, by node (open addressing on the node's address; the table
 * only grows):
 *  - for a call f(u), its f'(u): every input's derivative repeats it
 *    (σ(u)·(1 − σ(u)) for every weight in u), and sharing it keeps the
 *    results small and lets their evaluation be memoized;
 *  - for a sum or product of many operands, which operands use each input
 *    slot: the derivative with respect to one weight of a sum of n terms
 *    then costs the terms that use it, not a search of all n. */
struct kid_index {
	uint32_t	*off;	/* by slot - lo: kid[off[i] .. off[i + 1]) */
	uint32_t	*kid;
};

struct cached {
	const struct expr	*node;
	struct expr		*d;	/* a call's f'(u), or min's or max's
					   derivative in its first argument */
	struct expr		*d2;	/* ... and in its second */
	struct kid_index	*ix;	/* a wide sum's or product's */
};

struct deriving {
	struct cached	*slots;
	size_t		 cap;	/* a power of two, or 0 */
	size_t		 used;
};

/* The fewest operands for which a sum or product is indexed. */
#define WIDE	16

static struct expr	*derive(struct deriving *, const struct expr *,
		    uint32_t);

/* The entry of node in dv's table: where it is, or the empty one where it
 * would go.  dv->cap must not be 0. */
static struct cached *
cache_find(const struct deriving *dv, const struct expr *node)
{
	size_t	h;

	for (h = (uintptr_t)node >> 4 & (dv->cap - 1);
	    dv->slots[h].node != NULL && dv->slots[h].node != node;
	    h = (h + 1) & (dv->cap - 1))
		;
	return &dv->slots[h];
}

/* A new entry for node (not in the table); NULL when out of memory. */
static struct cached *
cache_add(struct deriving *dv, const struct expr *node)
{
	struct deriving	 old = *dv;
	struct cached	*c;
	size_t		 i;

	if ((dv->used + 1) * 2 > dv->cap) {
		dv->cap = old.cap ? old.cap * 2 : 16;
		if ((dv->slots = mem_calloc(dv->cap,
		    sizeof(*dv->slots))) == NULL) {
			*dv = old;
			return NULL;
		}
		for (i = 0; i < old.cap; i++) {
			if (old.slots[i].node != NULL)
				*cache_find(dv, old.slots[i].node) =
				    old.slots[i];
		}
		mem_free(old.slots);
	}
	c = cache_find(dv, node);
	c->node = node;
	dv->used++;
	return c;
}

/* Counts (fill == NULL) or lists (into kid[fill[..]++]) the slots e uses,
 * each once per operand: seen[slot - lo] holds stamp once it is met. */
static void
kid_slots(const struct expr *e, uint32_t lo, uint32_t *seen, uint32_t stamp,
    uint32_t *count, uint32_t *fill, uint32_t *kid)
{
	size_t	i;

	if (e->kind == EXPR_VAR) {
		if (seen[e->slot - lo] == stamp)
			return;
		seen[e->slot - lo] = stamp;
		if (fill == NULL)
			count[e->slot - lo]++;
		else
			kid[fill[e->slot - lo]++] = stamp - 1;
		return;
	}
	for (i = 0; i < e->n; i++)
		kid_slots(e->kids[i], lo, seen, stamp, count, fill, kid);
}

/* Builds the index of a wide sum or product: two walks of its operands,
 * O(its size + its slot range).  NULL when out of memory. */
static struct kid_index *
index_build(const struct expr *e)
{
	struct kid_index	*ix;
	uint32_t		*seen, *fill, range = e->hi - e->lo + 1, i;
	int			 ok;

	ix = mem_calloc(1, sizeof(*ix));
	seen = mem_calloc(range, sizeof(*seen));
	fill = mem_calloc(range, sizeof(*fill));
	ok = ix != NULL && seen != NULL && fill != NULL &&
	    (ix->off = mem_calloc((size_t)range + 1, sizeof(*ix->off))) != NULL;
	for (i = 0; ok && i < e->n; i++)
		kid_slots(e->kids[i], e->lo, seen, i + 1, ix->off + 1, NULL,
		    NULL);
	for (i = 0; ok && i < range; i++)
		ix->off[i + 1] += ix->off[i];
	ok = ok && (ix->kid = mem_calloc(ix->off[range] > 0 ?
	    ix->off[range] : 1, sizeof(*ix->kid))) != NULL;
	if (ok) {
		memcpy(fill, ix->off, range * sizeof(*fill));
		memset(seen, 0, range * sizeof(*seen));
		for (i = 0; i < e->n; i++)
			kid_slots(e->kids[i], e->lo, seen, i + 1, NULL, fill,
			    ix->kid);
	}
	mem_free(seen);
	mem_free(fill);
	if (!ok && ix != NULL) {
		mem_free(ix->off);
		mem_free(ix);
		ix = NULL;
	}
	return ix;
}

/* The index of e when it is a wide sum or product being derived for
 * every slot; NULL otherwise (or when out of memory: then the operands are
 * searched, which is slower but the same). */
static const struct kid_index *
index_of(struct deriving *dv, const struct expr *e)
{
	struct cached	*c;

	if (dv == NULL || e->n < WIDE ||
	    (e->kind != EXPR_SUM && e->kind != EXPR_PROD) || e->lo > e->hi)
		return NULL;
	if (dv->cap > 0 && (c = cache_find(dv, e))->node == e)
		return c->ix;
	if ((c = cache_add(dv, e)) == NULL)
		return NULL;
	return c->ix = index_build(e);
}

/* Says whether e uses slot, by the index where there is one. */
static int
uses(struct deriving *dv, const struct expr *e, uint32_t slot)
{
	const struct kid_index	*ix;
	size_t			 i;

	if (slot < e->lo || slot > e->hi)
		return 0;
	if (e->kind == EXPR_VAR)
		return e->slot == slot;
	if ((ix = index_of(dv, e)) != NULL)
		return ix->off[slot - e->lo + 1] > ix->off[slot - e->lo];
	for (i = 0; i < e->n; i++) {
		if (uses(dv, e->kids[i], slot))
			return 1;
	}
	return 0;
}

/* Returns the derivative of a sum: the sum of the terms' derivatives,
 * over the terms that use slot. */
static struct expr *
derive_sum(struct deriving *dv, const struct expr *e, uint32_t slot)
{
	const struct kid_index	 *ix = index_of(dv, e);
	struct expr		**terms, *r;
	size_t			  i, n = 0, cap = e->n;

	/* With the index, room for the terms that use slot only: a sum of
	 * n terms derived for each of n slots must not allocate n². */
	if (ix != NULL)
		cap = ix->off[slot - e->lo + 1] - ix->off[slot - e->lo];
	if ((terms = mem_reallocarray(NULL, cap > 0 ? cap : 1,
	    sizeof *terms)) == NULL)
		return NULL;
	if (ix != NULL) {
		for (i = ix->off[slot - e->lo]; i < ix->off[slot - e->lo + 1];
		    i++)
			terms[n++] = derive(dv, e->kids[ix->kid[i]], slot);
	} else {
		for (i = 0; i < e->n; i++) {
			if (uses(dv, e->kids[i], slot))
				terms[n++] = derive(dv, e->kids[i], slot);
		}
	}
	r = expr_simplify_sum(n, terms);
	mem_free(terms);
	return r;
}

/* Returns the term of the product rule for factor i: the other factors
 * times its derivative (for a divisor u, times -u'/u²). */
static struct expr *
product_term(struct deriving *dv, const struct expr *e, size_t i,
    uint32_t slot, struct expr **kids, unsigned char *inv)
{
	size_t	j, n = 0;

	for (j = 0; j < e->n; j++) {
		if (j != i) {
			kids[n] = expr_share(e->kids[j]);
			inv[n++] = e->inv[j];
			continue;
		}
		kids[n] = derive(dv, e->kids[j], slot);
		inv[n++] = 0;
		if (e->inv[j]) {
			kids[n] = expr_simplify_pow(expr_share(e->kids[j]),
			    expr_num(2));
			inv[n++] = 1;
			kids[n] = expr_num(-1);
			inv[n++] = 0;
		}
	}
	return expr_simplify_prod(n, kids, inv);
}

/* Returns the derivative of a product by the product rule, or NULL when
 * that would be too large (a product of many factors that use slot). */
static struct expr *
derive_prod(struct deriving *dv, const struct expr *e, uint32_t slot)
{
	struct expr	**terms, **kids = NULL, *r = NULL;
	unsigned char	 *inv = NULL;
	size_t		  i, n = 0;

	for (i = 0; i < e->n; i++)
		n += uses(dv, e->kids[i], slot);
	if (n > EXPR_PRODUCT_WORK / e->n)
		return NULL;
	n = 0;
	if ((terms = mem_reallocarray(NULL, e->n, sizeof *terms)) == NULL)
		return NULL;
	if ((kids = mem_reallocarray(NULL, e->n + 2, sizeof *kids)) == NULL ||
	    (inv = mem_alloc(e->n + 2)) == NULL)
		goto out;
	for (i = 0; i < e->n; i++) {
		if (uses(dv, e->kids[i], slot))
			terms[n++] = product_term(dv, e, i, slot, kids, inv);
	}
	r = expr_simplify_sum(n, terms);
	n = 0;
out:
	while (n > 0)
		expr_free(terms[--n]);
	mem_free(terms);
	mem_free(kids);
	mem_free(inv);
	return r;
}

/* Returns the derivative of b^p: p·b^(p-1)·b' for a constant p,
 * b^p·log(b)·p' for a constant b, else b^p·(p'·log(b) + p·b'/b). */
static struct expr *
derive_pow(struct deriving *dv, const struct expr *e, uint32_t slot)
{
	const struct expr	*b = e->kids[0], *p = e->kids[1];
	struct expr		*pm1, *lg;

	if (!uses(dv, p, slot)) {
		pm1 = p->kind == EXPR_NUM ? expr_num(p->value - 1) :
		    expr_simplify_add(expr_share(p), expr_num(-1));
		return expr_simplify_mul(expr_simplify_mul(derive(dv, b, slot),
		    expr_share(p), 0), expr_simplify_pow(expr_share(b), pm1),
		    0);
	}
	lg = expr_simplify_call(EXPR_FN_LOG, expr_share(b));
	if (!uses(dv, b, slot))
		return expr_simplify_mul(expr_simplify_mul(derive(dv, p, slot),
		    expr_share(e), 0), lg, 0);
	return expr_simplify_mul(expr_share(e), expr_simplify_add(
	    expr_simplify_mul(derive(dv, p, slot), lg, 0),
	    expr_simplify_mul(expr_simplify_mul(expr_share(p),
	    derive(dv, b, slot), 0), expr_share(b), 1)), 0);
}

/* Returns 1/√(1 − u²), asin's derivative (acos' is minus it). */
static struct expr *
arcsine_derivative(const struct expr *u)
{
	return expr_simplify_mul(expr_num(1), expr_simplify_call(EXPR_FN_SQRT,
	    expr_simplify_add(expr_num(1), expr_simplify_neg(
	    expr_simplify_pow(expr_share(u), expr_num(2))))), 1);
}

/* Returns f'(u) for a call f(u) of a function that is smooth where it is
 * defined, or NULL for one that is not (see kink_derivative). */
static struct expr *
smooth_derivative(const struct expr *e)
{
	struct expr	*u = e->kids[0];

	switch (e->fn) {
	case EXPR_FN_EXP:
		return expr_share(e);
	case EXPR_FN_LOG:
		return expr_simplify_mul(expr_num(1), expr_share(u), 1);
	case EXPR_FN_SQRT:
		return expr_simplify_mul(expr_num(1), expr_simplify_mul(
		    expr_num(2), expr_share(e), 0), 1);
	case EXPR_FN_SIN:
		return expr_simplify_call(EXPR_FN_COS, expr_share(u));
	case EXPR_FN_COS:
		return expr_simplify_neg(expr_simplify_call(EXPR_FN_SIN,
		    expr_share(u)));
	case EXPR_FN_TAN:
		return expr_simplify_mul(expr_num(1), expr_simplify_pow(
		    expr_simplify_call(EXPR_FN_COS, expr_share(u)),
		    expr_num(2)), 1);
	case EXPR_FN_TANH:
		return expr_simplify_add(expr_num(1), expr_simplify_neg(
		    expr_simplify_pow(expr_share(e), expr_num(2))));
	case EXPR_FN_SIGMOID:
		return expr_simplify_mul(expr_share(e), expr_simplify_add(
		    expr_num(1), expr_simplify_neg(expr_share(e))), 0);
	case EXPR_FN_SOFTPLUS:
		return expr_simplify_call(EXPR_FN_SIGMOID, expr_share(u));
	case EXPR_FN_ATAN:
		return expr_simplify_mul(expr_num(1), expr_simplify_add(
		    expr_num(1), expr_simplify_pow(expr_share(u),
		    expr_num(2))), 1);
	case EXPR_FN_ASIN:
		return arcsine_derivative(u);
	case EXPR_FN_ACOS:
		return expr_simplify_neg(arcsine_derivative(u));
	case EXPR_FN_SINH:
		return expr_simplify_call(EXPR_FN_COSH, expr_share(u));
	case EXPR_FN_COSH:
		return expr_simplify_call(EXPR_FN_SINH, expr_share(u));
	default:
		return NULL;
	}
}

/* Returns f'(u) for a call f(u): at a point where f is not
 * differentiable, the mean of its one-sided derivatives (the evaluator
 * says so when it meets one): abs' = sign (0 at 0), relu' = heaviside
 * (1/2 at 0), and sign' = heaviside' = 0. */
static struct expr *
call_derivative(const struct expr *e)
{
	switch (e->fn) {
	case EXPR_FN_ABS:
		return expr_simplify_call(EXPR_FN_SIGN, expr_share(e->kids[0]));
	case EXPR_FN_RELU:
		return expr_simplify_call(EXPR_FN_HEAVISIDE,
		    expr_share(e->kids[0]));
	case EXPR_FN_SIGN:
	case EXPR_FN_HEAVISIDE:
		return expr_num(0);
	default:
		return smooth_derivative(e);
	}
}

/* Returns H(a − b), the derivative of max(a, b) in a and of min(a, b) in
 * b: 1/2 at a tie, the mean of the one-sided derivatives. */
static struct expr *
step_of_difference(const struct expr *a, const struct expr *b)
{
	return expr_simplify_call(EXPR_FN_HEAVISIDE, expr_simplify_add(
	    expr_share(a), expr_simplify_neg(expr_share(b))));
}

/* Returns f'(u) for a call f(u), made once per call node when dv is not
 * NULL (a new reference each time); for min and max, their derivative in
 * argument i. */
static struct expr *
call_derivative_shared(struct deriving *dv, const struct expr *e, int i)
{
	struct cached	*c;
	struct expr	*d[2] = { NULL, NULL };
	int		 first = e->fn == EXPR_FN_MAX;

	if (dv != NULL && dv->cap > 0 && (c = cache_find(dv, e))->node == e)
		return expr_share(i == 0 ? c->d : c->d2);
	if (e->n == 1)
		d[0] = call_derivative(e);
	else {
		d[0] = step_of_difference(e->kids[!first], e->kids[first]);
		d[1] = step_of_difference(e->kids[first], e->kids[!first]);
	}
	if (d[0] == NULL || (e->n == 2 && d[1] == NULL)) {
		expr_free(d[0]);
		expr_free(d[1]);
		return NULL;
	}
	if (dv != NULL && (c = cache_add(dv, e)) != NULL) {
		c->d = expr_share(d[0]);
		c->d2 = expr_share(d[1]);
	}
	expr_free(d[!i]);
	return d[i];
}

/* Returns the derivative of a call by the chain rule: f'(u)·u', or for
 * min and max the sum over their two arguments. */
static struct expr *
derive_call(struct deriving *dv, const struct expr *e, uint32_t slot)
{
	struct expr	*terms[2];
	size_t		 i;

	for (i = 0; i < e->n; i++)
		terms[i] = uses(dv, e->kids[i], slot) ? expr_simplify_mul(
		    derive(dv, e->kids[i], slot), call_derivative_shared(dv, e,
		    (int)i), 0) : expr_num(0);
	return expr_simplify_sum(e->n, terms);
}

/* Returns the derivative of a simplified tree with respect to slot. */
static struct expr *
derive(struct deriving *dv, const struct expr *e, uint32_t slot)
{
	if (!uses(dv, e, slot))
		return expr_num(0);
	switch (e->kind) {
	case EXPR_VAR:
		return expr_num(1);
	case EXPR_NEG:
		return expr_simplify_neg(derive(dv, e->kids[0], slot));
	case EXPR_SUM:
		return derive_sum(dv, e, slot);
	case EXPR_PROD:
		return derive_prod(dv, e, slot);
	case EXPR_POW:
		return derive_pow(dv, e, slot);
	default:
		return derive_call(dv, e, slot);
	}
}

/* Returns the simplified derivative with respect to slot; NULL only when
 * out of memory. */
struct expr *
expr_derive(const struct expr *e, uint32_t slot)
{
	struct expr	*s, *d;

	if (e == NULL || (s = expr_simplify(e)) == NULL)
		return NULL;
	d = derive(NULL, s, slot);
	expr_free(s);
	return d;
}

/* Derives e with respect to each of slots 0 .. n-1 into out[]: one
 * simplification and one f'(u) per call for all of them.  Returns 0, or
 * -1 when out of memory, with out[] then all NULL. */
int
expr_derive_all(const struct expr *e, uint32_t n, struct expr **out)
{
	struct deriving	 dv = { NULL, 0, 0 };
	struct expr	*s;
	uint32_t	 i;
	size_t		 k;
	int		 rc = 0;

	for (i = 0; i < n; i++)
		out[i] = NULL;
	if (e == NULL || (s = expr_simplify(e)) == NULL)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		if ((out[i] = derive(&dv, s, i)) == NULL)
			rc = -1;
	}
	for (i = 0; rc != 0 && i < n; i++) {
		expr_free(out[i]);
		out[i] = NULL;
	}
	for (k = 0; k < dv.cap; k++) {
		expr_free(dv.slots[k].d);
		expr_free(dv.slots[k].d2);
		if (dv.slots[k].ix != NULL) {
			mem_free(dv.slots[k].ix->off);
			mem_free(dv.slots[k].ix->kid);
			mem_free(dv.slots[k].ix);
		}
	}
	mem_free(dv.slots);
	expr_free(s);
	return rc;
}
