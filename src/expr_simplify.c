/*
 * The simplifier: flattens sums and products, folds numbers, collects like
 * terms and like factors, and drops the neutral elements (x*1, x+0, x^1,
 * x^0, 0*x, --x).  It keeps pi and e symbolic and keeps a quotient of two
 * integers as a fraction (4*pi/3 stays 4π/3, not 4.18879).
 *
 * A simplified tree has no EXPR_NEG node: -a is the product -1·a.  A
 * product's numeric coefficient comes first, followed by its integer
 * denominator as a divisor, then the other factors in their order.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "expr.h"
#include "expr_impl.h"

/* Integers up to 2^53 are exact, so fractions of them are reduced. */
#define EXACT_MAX	9007199254740992.0

static struct expr	*simplify_node(const struct expr *);
static struct expr	*sum_finish(struct expr_list *);

/* Says whether two trees are the same expression, node for node. */
int
expr_equal(const struct expr *a, const struct expr *b)
{
	size_t	i;

	if (a == b)
		return 1;
	if (a->hash != b->hash || a->kind != b->kind || a->n != b->n ||
	    a->depth != b->depth)
		return 0;
	switch (a->kind) {
	case EXPR_NUM:
		return a->value == b->value;
	case EXPR_VAR:
		return a->slot == b->slot;
	case EXPR_CALL:
		if (a->fn != b->fn)
			return 0;
		break;
	default:
		break;
	}
	for (i = 0; i < a->n; i++) {
		if (a->inv != NULL && a->inv[i] != b->inv[i])
			return 0;
		if (!expr_equal(a->kids[i], b->kids[i]))
			return 0;
	}
	return 1;
}

/* Removes the NULL holes left in the list. */
static void
list_compact(struct expr_list *l)
{
	size_t	i, j = 0;

	for (i = 0; i < l->n; i++) {
		if (l->kids[i] != NULL) {
			l->kids[j] = l->kids[i];
			l->inv[j++] = l->inv[i];
		}
	}
	l->n = j;
}

/* Appends a factor to a product, splicing in the factors of a product. */
static void
prod_push(struct expr_list *l, struct expr *e, int inv)
{
	size_t	i;

	if (e != NULL && e->kind == EXPR_PROD) {
		for (i = 0; i < e->n; i++)
			expr_list_push(l, expr_ref(e->kids[i]),
			    e->inv[i] ^ inv);
		expr_free(e);
	} else
		expr_list_push(l, e, inv);
}

/* Appends a term to a sum, splicing in the terms of a sum. */
static void
sum_push(struct expr_list *l, struct expr *e)
{
	size_t	i;

	if (e != NULL && e->kind == EXPR_SUM) {
		for (i = 0; i < e->n; i++)
			expr_list_push(l, expr_ref(e->kids[i]), 0);
		expr_free(e);
	} else
		expr_list_push(l, e, 0);
}

/* Returns the greatest common divisor of two whole numbers. */
static double
gcd(double a, double b)
{
	double	t;

	a = fabs(a);
	b = fabs(b);
	while (b != 0) {
		t = fmod(a, b);
		a = b;
		b = t;
	}
	return a;
}

/* Reduces the fraction *num / *den: whole numbers by their gcd, others by
 * dividing out; the denominator ends positive. */
static void
reduce(double *num, double *den)
{
	double	g, q;

	if (*den == 1)
		return;
	if (expr_is_integer(*num) && expr_is_integer(*den) &&
	    fabs(*num) <= EXACT_MAX && fabs(*den) <= EXACT_MAX) {
		g = gcd(*num, *den);
		*num /= g;
		*den /= g;
	} else if (isfinite(q = *num / *den)) {
		*num = q;
		*den = 1;
	}
	if (*den < 0) {
		*num = -*num;
		*den = -*den;
	}
}

/* Says whether t is a number or a fraction of numbers; sets *num, *den. */
static int
rational(const struct expr *t, double *num, double *den)
{
	size_t	i;

	*num = *den = 1;
	if (t->kind == EXPR_NUM) {
		*num = t->value;
		return 1;
	}
	if (t->kind != EXPR_PROD)
		return 0;
	for (i = 0; i < t->n; i++) {
		if (t->kids[i]->kind != EXPR_NUM ||
		    (t->inv[i] && t->kids[i]->value == 0))
			return 0;
		*(t->inv[i] ? den : num) *= t->kids[i]->value;
	}
	return 1;
}

/* Takes the numbers out of a product's list into *num / *den. */
static void
take_numbers(struct expr_list *l, double *num, double *den)
{
	struct expr	*k;
	double		 v;
	size_t		 i;

	*num = *den = 1;
	for (i = 0; i < l->n; i++) {
		k = l->kids[i];
		if (k->kind != EXPR_NUM || (l->inv[i] && k->value == 0))
			continue;
		v = l->inv[i] ? *den * k->value : *num * k->value;
		if (!isfinite(v))
			continue;
		*(l->inv[i] ? den : num) = v;
		expr_free(k);
		l->kids[i] = NULL;
	}
	list_compact(l);
}

/* Splits a factor into base and numeric exponent: x^3 is (x, 3). */
static const struct expr *
factor_base(const struct expr *e, double *power)
{
	if (e->kind == EXPR_POW && e->kids[1]->kind == EXPR_NUM) {
		*power = e->kids[1]->value;
		return e->kids[0];
	}
	*power = 1;
	return e;
}

/* Groups the equal operands of a list through a hash table, so that
 * collecting like terms takes time linear in their number.  The first
 * operand of each group leads it and accumulates in a and b. */
struct groups {
	size_t		*table;		/* 1 + index of a leader; 0 is empty */
	size_t		 mask;
	double		*a;		/* numerator, or net exponent */
	double		*b;		/* denominator */
	unsigned char	*merged;	/* leads a group of two or more */
};

/* Prepares groups for a list of n operands; 0 or -1. */
static int
groups_init(struct groups *g, size_t n)
{
	size_t	size = 16;

	memset(g, 0, sizeof *g);
	while (size < 2 * n && size < SIZE_MAX / 4)
		size *= 2;
	g->mask = size - 1;
	g->table = mem_calloc(size, sizeof *g->table);
	g->a = mem_calloc(n, sizeof *g->a);
	g->b = mem_calloc(n, sizeof *g->b);
	g->merged = mem_calloc(n, 1);
	return g->table && g->a && g->b && g->merged ? 0 : -1;
}

/* Frees groups. */
static void
groups_free(struct groups *g)
{
	mem_free(g->table);
	mem_free(g->a);
	mem_free(g->b);
	mem_free(g->merged);
}

/* Returns the leader of operand i's group, found by hash and same(),
 * making i a leader when no group matches. */
static size_t
groups_find(struct groups *g, const struct expr_list *l, size_t i,
    uint64_t hash, int (*same)(const struct expr_list *, size_t, size_t))
{
	size_t	at = (size_t)hash & g->mask;

	while (g->table[at] != 0) {
		if (same(l, g->table[at] - 1, i))
			return g->table[at] - 1;
		at = (at + 1) & g->mask;
	}
	g->table[at] = i + 1;
	return i;
}

/* Says whether factors i and j have equal bases. */
static int
same_base(const struct expr_list *l, size_t i, size_t j)
{
	double	p;

	return expr_equal(factor_base(l->kids[i], &p),
	    factor_base(l->kids[j], &p));
}

/* Replaces factor j by its base to the net power: x·x² is x³. */
static void
merge_factor(struct expr_list *l, size_t j, double net)
{
	struct expr	*merged = NULL;
	double		 p;

	if (net != 0) {
		merged = expr_simplify_pow(expr_share(factor_base(l->kids[j],
		    &p)), expr_num(fabs(net)));
		l->failed |= merged == NULL;
	}
	expr_free(l->kids[j]);
	l->kids[j] = merged;
	l->inv[j] = net < 0;
}

/* Collects the factors of a product that have equal bases. */
static void
collect_factors(struct expr_list *l)
{
	struct groups	g;
	uint64_t	hash;
	double		p;
	size_t		i, j;

	if (l->n < 2 || l->failed)
		return;
	if (groups_init(&g, l->n) != 0) {
		groups_free(&g);
		l->failed = 1;
		return;
	}
	for (i = 0; i < l->n; i++) {
		hash = factor_base(l->kids[i], &p)->hash;
		j = groups_find(&g, l, i, hash, same_base);
		g.a[j] += l->inv[i] ? -p : p;
		if (j != i) {
			g.merged[j] = 1;
			expr_free(l->kids[i]);
			l->kids[i] = NULL;
		}
	}
	for (j = 0; j < l->n; j++) {
		if (g.merged[j])
			merge_factor(l, j, g.a[j]);
	}
	groups_free(&g);
	list_compact(l);
}

/* Builds the simplified product of the factors in l (which it frees). */
static struct expr *
prod_finish(struct expr_list *l)
{
	struct expr_list	 out = { 0 };
	double			 num, den;
	size_t			 i;

	if (l->failed) {
		expr_list_release(l);
		return NULL;
	}
	take_numbers(l, &num, &den);
	if (num == 0) {
		expr_list_release(l);
		return expr_num(0);
	}
	collect_factors(l);
	reduce(&num, &den);
	if (num != 1 || l->n == 0)
		expr_list_push(&out, expr_num(num), 0);
	if (den != 1)
		expr_list_push(&out, expr_num(den), 1);
	for (i = 0; i < l->n; i++)
		prod_push(&out, expr_ref(l->kids[i]), l->inv[i]);
	out.failed |= l->failed;
	expr_list_release(l);
	return expr_list_finish(&out, EXPR_PROD);
}

/* Returns -a, simplified; takes a's reference.  Minus a sum is the sum
 * of its terms negated, so that a - (b - c) is a - b + c. */
struct expr *
expr_simplify_neg(struct expr *a)
{
	struct expr_list	l = { 0 };
	size_t			i;

	if (a != NULL && a->kind == EXPR_SUM) {
		for (i = 0; i < a->n; i++)
			sum_push(&l, expr_simplify_neg(expr_ref(a->kids[i])));
		expr_free(a);
		return sum_finish(&l);
	}
	expr_list_push(&l, expr_num(-1), 0);
	prod_push(&l, a, 0);
	return prod_finish(&l);
}

/* Returns a·b (or a/b when inv), simplified; takes both references. */
struct expr *
expr_simplify_mul(struct expr *a, struct expr *b, int inv)
{
	struct expr_list	l = { 0 };

	prod_push(&l, a, 0);
	prod_push(&l, b, inv);
	return prod_finish(&l);
}

/* Returns num/den·(the factors of t other than its coefficient). */
static struct expr *
scaled_term(double num, double den, const struct expr *t)
{
	struct expr_list	l = { 0 };
	size_t			i;

	expr_list_push(&l, expr_num(num), 0);
	if (den != 1)
		expr_list_push(&l, expr_num(den), 1);
	if (t->kind != EXPR_PROD)
		expr_list_push(&l, expr_share(t), 0);
	else {
		for (i = 0; i < t->n; i++) {
			if (t->kids[i]->kind != EXPR_NUM)
				expr_list_push(&l, expr_ref(t->kids[i]),
				    t->inv[i]);
		}
	}
	return prod_finish(&l);
}

/* Splits a term into its numeric coefficient (returned) and the index of
 * its first non-numeric factor (*rest), for comparing like terms. */
static double
term_coefficient(const struct expr *t, size_t *rest, double *den)
{
	double	c = 1;

	*rest = 0;
	*den = 1;
	if (t->kind != EXPR_PROD)
		return 1;
	for (; *rest < t->n && t->kids[*rest]->kind == EXPR_NUM; (*rest)++) {
		if (t->inv[*rest])
			*den *= t->kids[*rest]->value;
		else
			c *= t->kids[*rest]->value;
	}
	return c;
}

/* Says whether two terms differ only in their numeric coefficients. */
static int
like_terms(const struct expr *a, const struct expr *b)
{
	size_t	ra, rb, i;
	double	da, db;

	term_coefficient(a, &ra, &da);
	term_coefficient(b, &rb, &db);
	if (a->kind != EXPR_PROD || b->kind != EXPR_PROD) {
		if (a->kind == EXPR_PROD && a->n == ra + 1 && !a->inv[ra])
			return expr_equal(a->kids[ra], b);
		if (b->kind == EXPR_PROD && b->n == rb + 1 && !b->inv[rb])
			return expr_equal(a, b->kids[rb]);
		return a->kind != EXPR_PROD && b->kind != EXPR_PROD &&
		    a->kind != EXPR_NUM && expr_equal(a, b);
	}
	if (a->n - ra != b->n - rb || ra == a->n)
		return 0;
	for (i = 0; i < a->n - ra; i++) {
		if (a->inv[ra + i] != b->inv[rb + i] ||
		    !expr_equal(a->kids[ra + i], b->kids[rb + i]))
			return 0;
	}
	return 1;
}

/* Hashes a term without its coefficient, so that like terms hash equal. */
static uint64_t
term_hash(const struct expr *t)
{
	uint64_t	h;
	size_t		rest, i;
	double		den;

	if (t->kind != EXPR_PROD)
		return t->hash;
	term_coefficient(t, &rest, &den);
	if (t->n == rest + 1 && !t->inv[rest])
		return t->kids[rest]->hash;
	h = expr_hash_mix(0, EXPR_PROD);
	for (i = rest; i < t->n; i++)
		h = expr_hash_mix(expr_hash_mix(h, t->kids[i]->hash),
		    t->inv[i]);
	return h;
}

/* Says whether terms i and j are like terms. */
static int
same_term(const struct expr_list *l, size_t i, size_t j)
{
	return like_terms(l->kids[i], l->kids[j]);
}

/* Replaces term j by its terms' summed coefficient num/den times it. */
static void
merge_term(struct expr_list *l, size_t j, double num, double den)
{
	struct expr	*merged = NULL;

	if (num != 0) {
		merged = scaled_term(num, den, l->kids[j]);
		l->failed |= merged == NULL;
	}
	expr_free(l->kids[j]);
	l->kids[j] = merged;
}

/* Collects like terms of a sum: 2·x + x is 3·x. */
static void
collect_terms(struct expr_list *l)
{
	struct groups	 g;
	double		 c, d;
	size_t		 i, j, rest;

	if (l->n < 2 || l->failed)
		return;
	if (groups_init(&g, l->n) != 0) {
		groups_free(&g);
		l->failed = 1;
		return;
	}
	for (i = 0; i < l->n; i++) {
		if (l->kids[i] == NULL || rational(l->kids[i], &c, &d))
			continue;
		c = term_coefficient(l->kids[i], &rest, &d);
		j = groups_find(&g, l, i, term_hash(l->kids[i]), same_term);
		if (j == i) {
			g.a[i] = c;
			g.b[i] = d;
			continue;
		}
		g.a[j] = g.a[j] * d + c * g.b[j];
		g.b[j] *= d;
		reduce(&g.a[j], &g.b[j]);
		g.merged[j] = 1;
		expr_free(l->kids[i]);
		l->kids[i] = NULL;
	}
	for (j = 0; j < l->n; j++) {
		if (g.merged[j])
			merge_term(l, j, g.a[j], g.b[j]);
	}
	groups_free(&g);
}

/* Adds up the numbers and fractions among the terms of a sum into the
 * first of them: 1/3 - 1 is -2/3. */
static void
fold_constants(struct expr_list *l)
{
	double	 tn = 0, td = 1, n, d, sn, sd;
	size_t	 i, first = SIZE_MAX;

	for (i = 0; i < l->n; i++) {
		if (!rational(l->kids[i], &n, &d))
			continue;
		sn = tn * d + n * td;
		sd = td * d;
		if (!isfinite(sn) || !isfinite(sd))
			continue;
		tn = sn;
		td = sd;
		reduce(&tn, &td);
		if (first == SIZE_MAX)
			first = i;
		expr_free(l->kids[i]);
		l->kids[i] = NULL;
	}
	if (first == SIZE_MAX || tn == 0)
		return;
	l->kids[first] = td == 1 ? expr_num(tn) :
	    expr_simplify_mul(expr_num(tn), expr_num(td), 1);
	l->failed |= l->kids[first] == NULL;
}

/* Builds the simplified sum of the terms in l (which it frees). */
static struct expr *
sum_finish(struct expr_list *l)
{
	if (!l->failed)
		fold_constants(l);
	collect_terms(l);
	list_compact(l);
	if (l->n == 0 && !l->failed) {
		expr_list_release(l);
		return expr_num(0);
	}
	return expr_list_finish(l, EXPR_SUM);
}

/* Returns a + b, simplified; takes both references. */
struct expr *
expr_simplify_add(struct expr *a, struct expr *b)
{
	struct expr_list	l = { 0 };

	sum_push(&l, a);
	sum_push(&l, b);
	return sum_finish(&l);
}

/* Returns base^n for whole numbers when the result is exact, else NULL. */
static struct expr *
fold_power(double base, double n)
{
	double	r;

	if (!expr_is_integer(base) || !expr_is_integer(n) || fabs(n) > 64)
		return NULL;
	r = pow(base, fabs(n));
	if (!isfinite(r) || fabs(r) > EXACT_MAX)
		return NULL;
	if (n >= 0)
		return expr_num(r);
	return r == 0 ? NULL : expr_simplify_mul(expr_num(1), expr_num(r), 1);
}

/* Returns a^b, simplified; takes both references. */
struct expr *
expr_simplify_pow(struct expr *a, struct expr *b)
{
	struct expr	*r;
	double		 p;

	if (a != NULL && b != NULL && expr_is_num(a, 1)) {
		r = expr_num(1);
		goto done;
	}
	if (a == NULL || b == NULL || b->kind != EXPR_NUM)
		goto plain;
	p = b->value;
	if (p == 0 || p == 1) {
		r = p == 1 ? expr_ref(a) : expr_num(1);
		goto done;
	}
	if (a->kind == EXPR_NUM && (r = fold_power(a->value, p)) != NULL)
		goto done;
	if (expr_is_num(a, 0) && p > 0) {
		r = expr_num(0);
		goto done;
	}
	if (a->kind == EXPR_POW && a->kids[1]->kind == EXPR_NUM &&
	    expr_is_integer(p) && isfinite(p * a->kids[1]->value)) {
		r = expr_simplify_pow(expr_ref(a->kids[0]),
		    expr_num(p * a->kids[1]->value));
		goto done;
	}
	if (p < 0) {
		r = expr_simplify_mul(expr_num(1),
		    expr_simplify_pow(expr_ref(a), expr_num(-p)), 1);
		goto done;
	}
plain:
	return expr_pow(a, b);
done:
	expr_free(a);
	expr_free(b);
	return r;
}

/* Says whether fn(v) has an exact value worth folding; sets *r. */
static int
fold_call(enum expr_fn fn, double v, double *r)
{
	double	root;

	switch (fn) {
	case EXPR_FN_ABS:
		*r = fabs(v);
		return 1;
	case EXPR_FN_RELU:
		*r = v > 0 ? v : 0;
		return 1;
	case EXPR_FN_SIGN:
		*r = v > 0 ? 1 : v < 0 ? -1 : 0;
		return 1;
	case EXPR_FN_HEAVISIDE:
		*r = v > 0 ? 1 : v < 0 ? 0 : 0.5;
		return 1;
	case EXPR_FN_LOG:
	case EXPR_FN_SOFTPLUS:
	case EXPR_FN_ACOS:
		*r = 0;
		return fn == EXPR_FN_LOG && v == 1;
	case EXPR_FN_EXP:
	case EXPR_FN_COS:
	case EXPR_FN_COSH:
	case EXPR_FN_SIGMOID:
		*r = fn == EXPR_FN_SIGMOID ? 0.5 : 1;
		return v == 0;
	default:
		break;
	}
	*r = 0;
	if (v == 0)
		return 1;
	if (fn != EXPR_FN_SQRT || v <= 0 || v > EXACT_MAX)
		return 0;
	root = sqrt(v);
	*r = root;
	return root == floor(root) && root * root == v;
}

/* Returns fn(a), simplified where the value is exact; takes a. */
struct expr *
expr_simplify_call(enum expr_fn fn, struct expr *a)
{
	struct expr	*out = NULL;
	double		 r;

	if (a == NULL)
		return NULL;
	if (a->kind == EXPR_NUM && fold_call(fn, a->value, &r))
		out = expr_num(r);
	else if (a->kind == EXPR_E && fn == EXPR_FN_LOG)
		out = expr_num(1);
	else if (fn == EXPR_FN_LOG && a->kind == EXPR_CALL &&
	    a->fn == EXPR_FN_EXP)
		out = expr_ref(a->kids[0]);
	else
		return expr_call(fn, a);
	expr_free(a);
	return out;
}

/* Returns min(a, b) or max(a, b), folded when both are numbers or they
 * are the same tree; takes a and b. */
struct expr *
expr_simplify_call2(enum expr_fn fn, struct expr *a, struct expr *b)
{
	struct expr	*out;

	if (a == NULL || b == NULL) {
		expr_free(a);
		expr_free(b);
		return NULL;
	}
	if (a->kind == EXPR_NUM && b->kind == EXPR_NUM)
		out = expr_num(fn == EXPR_FN_MIN ? fmin(a->value, b->value) :
		    fmax(a->value, b->value));
	else if (expr_equal(a, b))
		out = expr_ref(a);
	else
		return expr_call2(fn, a, b);
	expr_free(a);
	expr_free(b);
	return out;
}

/* Simplifies each operand of a sum or product and combines them. */
static struct expr *
simplify_chain(const struct expr *e)
{
	struct expr_list	l = { 0 };
	size_t			i;

	for (i = 0; i < e->n && !l.failed; i++) {
		if (e->kind == EXPR_SUM)
			sum_push(&l, simplify_node(e->kids[i]));
		else
			prod_push(&l, simplify_node(e->kids[i]),
			    e->inv[i]);
	}
	return e->kind == EXPR_SUM ? sum_finish(&l) : prod_finish(&l);
}

/* Returns the simplified sum of n terms (whose references it takes). */
struct expr *
expr_simplify_sum(size_t n, struct expr **terms)
{
	struct expr_list	l = { 0 };
	size_t			i;

	for (i = 0; i < n; i++)
		sum_push(&l, terms[i]);
	return sum_finish(&l);
}

/* Returns the simplified product of n factors (whose references it
 * takes), factor i dividing when inv[i]. */
struct expr *
expr_simplify_prod(size_t n, struct expr **factors,
    const unsigned char *inv)
{
	struct expr_list	l = { 0 };
	size_t			i;

	for (i = 0; i < n; i++)
		prod_push(&l, factors[i], inv != NULL && inv[i]);
	return prod_finish(&l);
}

/* Returns a simplified copy of e (sharing what needs no change). */
static struct expr *
simplify_node(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NEG:
		return expr_simplify_neg(simplify_node(e->kids[0]));
	case EXPR_SUM:
	case EXPR_PROD:
		return simplify_chain(e);
	case EXPR_POW:
		return expr_simplify_pow(simplify_node(e->kids[0]),
		    simplify_node(e->kids[1]));
	case EXPR_CALL:
		if (e->n == 2)
			return expr_simplify_call2(e->fn,
			    simplify_node(e->kids[0]),
			    simplify_node(e->kids[1]));
		return expr_simplify_call(e->fn,
		    simplify_node(e->kids[0]));
	default:
		return expr_share(e);
	}
}

/* Returns a simplified copy; NULL only when out of memory. */
struct expr *
expr_simplify(const struct expr *e)
{
	return e == NULL ? NULL : simplify_node(e);
}
