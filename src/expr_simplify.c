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

/* Collecting like terms compares every pair, so it is done only when a
 * sum or product has at most this many operands. */
#define COLLECT_MAX	64

/* Integers up to 2^53 are exact, so fractions of them are reduced. */
#define EXACT_MAX	9007199254740992.0

/* A growing list of operands with divisor flags; failure is sticky. */
struct list {
	struct expr	**kids;
	unsigned char	 *inv;
	size_t		  n;
	size_t		  cap;
	int		  failed;
};

static struct expr	*sum_finish(struct list *);

/* Appends e (whose reference it takes) to the list. */
static void
list_push(struct list *l, struct expr *e, int inv)
{
	struct expr	**k;
	unsigned char	 *v;
	size_t		  cap;

	if (e == NULL || l->failed) {
		l->failed = 1;
		expr_free(e);
		return;
	}
	if (l->n == l->cap) {
		cap = l->cap < 8 ? 8 : l->cap * 2;
		k = mem_reallocarray(l->kids, cap, sizeof *k);
		if (k != NULL)
			l->kids = k;
		v = k != NULL ? mem_realloc(l->inv, cap) : NULL;
		if (v == NULL) {
			l->failed = 1;
			expr_free(e);
			return;
		}
		l->inv = v;
		l->cap = cap;
	}
	l->kids[l->n] = e;
	l->inv[l->n++] = (unsigned char)(inv != 0);
}

/* Frees the list and the operands still in it. */
static void
list_release(struct list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		expr_free(l->kids[i]);
	mem_free(l->kids);
	mem_free(l->inv);
	memset(l, 0, sizeof *l);
}

/* Removes the NULL holes left in the list. */
static void
list_compact(struct list *l)
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

/* Turns the list into a node of kind, or its only operand; frees it. */
static struct expr *
list_finish(struct list *l, enum expr_kind kind)
{
	struct expr	*e;

	if (l->failed) {
		list_release(l);
		return NULL;
	}
	if (l->n == 1 && !l->inv[0]) {
		e = l->kids[0];
		l->n = 0;
	} else {
		e = expr_node(kind, l->n, l->kids, kind == EXPR_PROD ?
		    l->inv : NULL);
		l->n = 0;
	}
	list_release(l);
	return e;
}

/* Appends a factor to a product, splicing in the factors of a product. */
static void
prod_push(struct list *l, struct expr *e, int inv)
{
	size_t	i;

	if (e != NULL && e->kind == EXPR_PROD) {
		for (i = 0; i < e->n; i++)
			list_push(l, expr_ref(e->kids[i]), e->inv[i] ^ inv);
		expr_free(e);
	} else
		list_push(l, e, inv);
}

/* Appends a term to a sum, splicing in the terms of a sum. */
static void
sum_push(struct list *l, struct expr *e)
{
	size_t	i;

	if (e != NULL && e->kind == EXPR_SUM) {
		for (i = 0; i < e->n; i++)
			list_push(l, expr_ref(e->kids[i]), 0);
		expr_free(e);
	} else
		list_push(l, e, 0);
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

/* Takes the numbers out of a product's list into *num / *den. */
static void
take_numbers(struct list *l, double *num, double *den)
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

/* Merges the factors equal in base to factor i into it: x·x² is x³. */
static void
collect_factor(struct list *l, size_t i)
{
	const struct expr	*base, *b;
	struct expr		*merged;
	double			 net, p;
	size_t			 j;
	int			 any = 0;

	base = factor_base(l->kids[i], &p);
	net = l->inv[i] ? -p : p;
	for (j = i + 1; j < l->n; j++) {
		if (l->kids[j] == NULL)
			continue;
		b = factor_base(l->kids[j], &p);
		if (!expr_equal(base, b))
			continue;
		net += l->inv[j] ? -p : p;
		any = 1;
	}
	if (!any)
		return;
	merged = net == 0 ? NULL : expr_simplify_pow(expr_share(base),
	    expr_num(fabs(net)));
	if (net != 0 && merged == NULL)
		l->failed = 1;
	for (j = i + 1; j < l->n; j++) {
		if (l->kids[j] != NULL &&
		    expr_equal(base, factor_base(l->kids[j], &p))) {
			expr_free(l->kids[j]);
			l->kids[j] = NULL;
		}
	}
	expr_free(l->kids[i]);
	l->kids[i] = merged;
	l->inv[i] = net < 0;
}

/* Builds the simplified product of the factors in l (which it frees). */
static struct expr *
prod_finish(struct list *l)
{
	struct list	 out = { 0 };
	double		 num, den;
	size_t		 i;

	if (l->failed) {
		list_release(l);
		return NULL;
	}
	take_numbers(l, &num, &den);
	if (num == 0) {
		list_release(l);
		return expr_num(0);
	}
	for (i = 0; l->n <= COLLECT_MAX && i < l->n && !l->failed; i++) {
		if (l->kids[i] != NULL)
			collect_factor(l, i);
	}
	list_compact(l);
	reduce(&num, &den);
	if (num != 1 || l->n == 0)
		list_push(&out, expr_num(num), 0);
	if (den != 1)
		list_push(&out, expr_num(den), 1);
	for (i = 0; i < l->n; i++)
		prod_push(&out, expr_ref(l->kids[i]), l->inv[i]);
	out.failed |= l->failed;
	list_release(l);
	return list_finish(&out, EXPR_PROD);
}

/* Returns -a, simplified; takes a's reference.  Minus a sum is the sum
 * of its terms negated, so that a - (b - c) is a - b + c. */
struct expr *
expr_simplify_neg(struct expr *a)
{
	struct list	l = { 0 };
	size_t		i;

	if (a != NULL && a->kind == EXPR_SUM) {
		for (i = 0; i < a->n; i++)
			sum_push(&l, expr_simplify_neg(expr_ref(a->kids[i])));
		expr_free(a);
		return sum_finish(&l);
	}
	list_push(&l, expr_num(-1), 0);
	prod_push(&l, a, 0);
	return prod_finish(&l);
}

/* Returns a·b (or a/b when inv), simplified; takes both references. */
struct expr *
expr_simplify_mul(struct expr *a, struct expr *b, int inv)
{
	struct list	l = { 0 };

	prod_push(&l, a, 0);
	prod_push(&l, b, inv);
	return prod_finish(&l);
}

/* Returns num/den·(the factors of t other than its coefficient). */
static struct expr *
scaled_term(double num, double den, const struct expr *t)
{
	struct list	l = { 0 };
	size_t		i;

	list_push(&l, expr_num(num), 0);
	if (den != 1)
		list_push(&l, expr_num(den), 1);
	if (t->kind != EXPR_PROD)
		list_push(&l, expr_share(t), 0);
	else {
		for (i = 0; i < t->n; i++) {
			if (t->kids[i]->kind != EXPR_NUM)
				list_push(&l, expr_ref(t->kids[i]),
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

/* Merges the terms like term i into it: 2·x + x is 3·x. */
static void
collect_term(struct list *l, size_t i)
{
	struct expr	*merged;
	double		 c, den, c2, d2;
	size_t		 rest, j;
	int		 any = 0;

	c = term_coefficient(l->kids[i], &rest, &den);
	for (j = i + 1; j < l->n; j++) {
		if (l->kids[j] == NULL || !like_terms(l->kids[i], l->kids[j]))
			continue;
		c2 = term_coefficient(l->kids[j], &rest, &d2);
		c = c * d2 + c2 * den;
		den *= d2;
		reduce(&c, &den);
		expr_free(l->kids[j]);
		l->kids[j] = NULL;
		any = 1;
	}
	if (!any)
		return;
	merged = c == 0 ? NULL : scaled_term(c, den, l->kids[i]);
	if (c != 0 && merged == NULL)
		l->failed = 1;
	expr_free(l->kids[i]);
	l->kids[i] = merged;
}

/* Builds the simplified sum of the terms in l (which it frees). */
static struct expr *
sum_finish(struct list *l)
{
	double	 total = 0, t;
	size_t	 i, first = SIZE_MAX;

	for (i = 0; i < l->n && !l->failed; i++) {
		if (l->kids[i]->kind != EXPR_NUM ||
		    !isfinite(t = total + l->kids[i]->value))
			continue;
		total = t;
		if (first == SIZE_MAX)
			first = i;
		else {
			expr_free(l->kids[i]);
			l->kids[i] = NULL;
		}
	}
	if (first != SIZE_MAX) {
		expr_free(l->kids[first]);
		l->kids[first] = total == 0 ? NULL : expr_num(total);
		l->failed |= total != 0 && l->kids[first] == NULL;
	}
	for (i = 0; l->n <= COLLECT_MAX && i < l->n && !l->failed; i++) {
		if (l->kids[i] != NULL && l->kids[i]->kind != EXPR_NUM)
			collect_term(l, i);
	}
	list_compact(l);
	if (l->n == 0 && !l->failed) {
		list_release(l);
		return expr_num(0);
	}
	return list_finish(l, EXPR_SUM);
}

/* Returns a + b, simplified; takes both references. */
struct expr *
expr_simplify_add(struct expr *a, struct expr *b)
{
	struct list	l = { 0 };

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

	if (v == 0 && fn != EXPR_FN_LOG) {
		*r = fn == EXPR_FN_EXP || fn == EXPR_FN_COS ? 1 :
		    fn == EXPR_FN_SIGMOID ? 0.5 : 0;
		return 1;
	}
	if (v == 1 && (fn == EXPR_FN_LOG || fn == EXPR_FN_SQRT)) {
		*r = fn == EXPR_FN_LOG ? 0 : 1;
		return 1;
	}
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

/* Simplifies each operand of a sum or product and combines them. */
static struct expr *
simplify_chain(const struct expr *e)
{
	struct list	l = { 0 };
	size_t		i;

	for (i = 0; i < e->n && !l.failed; i++) {
		if (e->kind == EXPR_SUM)
			sum_push(&l, expr_simplify_node(e->kids[i]));
		else
			prod_push(&l, expr_simplify_node(e->kids[i]),
			    e->inv[i]);
	}
	return e->kind == EXPR_SUM ? sum_finish(&l) : prod_finish(&l);
}

/* Returns the simplified sum of n terms (whose references it takes). */
struct expr *
expr_simplify_sum(size_t n, struct expr **terms)
{
	struct list	l = { 0 };
	size_t		i;

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
	struct list	l = { 0 };
	size_t		i;

	for (i = 0; i < n; i++)
		prod_push(&l, factors[i], inv != NULL && inv[i]);
	return prod_finish(&l);
}

/* Returns a simplified copy of e (sharing what needs no change). */
struct expr *
expr_simplify_node(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NEG:
		return expr_simplify_neg(expr_simplify_node(e->kids[0]));
	case EXPR_SUM:
	case EXPR_PROD:
		return simplify_chain(e);
	case EXPR_POW:
		return expr_simplify_pow(expr_simplify_node(e->kids[0]),
		    expr_simplify_node(e->kids[1]));
	case EXPR_CALL:
		return expr_simplify_call(e->fn,
		    expr_simplify_node(e->kids[0]));
	default:
		return expr_share(e);
	}
}

/* Returns a simplified copy; NULL only when out of memory. */
struct expr *
expr_simplify(const struct expr *e)
{
	return e == NULL ? NULL : expr_simplify_node(e);
}
