/*
 * Symbolic derivatives.  The rules are applied to a simplified tree and
 * build their results with the simplifying constructors, so the result is
 * simplified as it is made and shares the operand's subtrees.
 */
#include <stdint.h>

#include "alloc.h"
#include "expr.h"
#include "expr_impl.h"

static struct expr	*derive(const struct expr *, uint32_t);

/* Returns the derivative of a sum: the sum of the terms' derivatives. */
static struct expr *
derive_sum(const struct expr *e, uint32_t slot)
{
	struct expr	**terms, *r;
	size_t		  i, n = 0;

	if ((terms = mem_reallocarray(NULL, e->n, sizeof *terms)) == NULL)
		return NULL;
	for (i = 0; i < e->n; i++) {
		if (expr_uses(e->kids[i], slot))
			terms[n++] = derive(e->kids[i], slot);
	}
	r = expr_simplify_sum(n, terms);
	mem_free(terms);
	return r;
}

/* Returns the term of the product rule for factor i: the other factors
 * times its derivative (for a divisor u, times -u'/u²). */
static struct expr *
product_term(const struct expr *e, size_t i, uint32_t slot,
    struct expr **kids, unsigned char *inv)
{
	size_t	j, n = 0;

	for (j = 0; j < e->n; j++) {
		if (j != i) {
			kids[n] = expr_share(e->kids[j]);
			inv[n++] = e->inv[j];
			continue;
		}
		kids[n] = derive(e->kids[j], slot);
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
derive_prod(const struct expr *e, uint32_t slot)
{
	struct expr	**terms, **kids = NULL, *r = NULL;
	unsigned char	 *inv = NULL;
	size_t		  i, n = 0;

	for (i = 0; i < e->n; i++)
		n += expr_uses(e->kids[i], slot);
	if (n > EXPR_PRODUCT_WORK / e->n)
		return NULL;
	n = 0;
	if ((terms = mem_reallocarray(NULL, e->n, sizeof *terms)) == NULL)
		return NULL;
	if ((kids = mem_reallocarray(NULL, e->n + 2, sizeof *kids)) == NULL ||
	    (inv = mem_alloc(e->n + 2)) == NULL)
		goto out;
	for (i = 0; i < e->n; i++) {
		if (expr_uses(e->kids[i], slot))
			terms[n++] = product_term(e, i, slot, kids, inv);
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
derive_pow(const struct expr *e, uint32_t slot)
{
	const struct expr	*b = e->kids[0], *p = e->kids[1];
	struct expr		*pm1, *lg;

	if (!expr_uses(p, slot)) {
		pm1 = p->kind == EXPR_NUM ? expr_num(p->value - 1) :
		    expr_simplify_add(expr_share(p), expr_num(-1));
		return expr_simplify_mul(expr_simplify_mul(derive(b, slot),
		    expr_share(p), 0), expr_simplify_pow(expr_share(b), pm1),
		    0);
	}
	lg = expr_simplify_call(EXPR_FN_LOG, expr_share(b));
	if (!expr_uses(b, slot))
		return expr_simplify_mul(expr_simplify_mul(derive(p, slot),
		    expr_share(e), 0), lg, 0);
	return expr_simplify_mul(expr_share(e), expr_simplify_add(
	    expr_simplify_mul(derive(p, slot), lg, 0),
	    expr_simplify_mul(expr_simplify_mul(expr_share(p),
	    derive(b, slot), 0), expr_share(b), 1)), 0);
}

/* Returns f'(u) for a call f(u). */
static struct expr *
call_derivative(const struct expr *e)
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
	default:
		return expr_simplify_mul(expr_share(e), expr_simplify_add(
		    expr_num(1), expr_simplify_neg(expr_share(e))), 0);
	}
}

/* Returns the derivative of a simplified tree with respect to slot. */
static struct expr *
derive(const struct expr *e, uint32_t slot)
{
	if (!expr_uses(e, slot))
		return expr_num(0);
	switch (e->kind) {
	case EXPR_VAR:
		return expr_num(1);
	case EXPR_NEG:
		return expr_simplify_neg(derive(e->kids[0], slot));
	case EXPR_SUM:
		return derive_sum(e, slot);
	case EXPR_PROD:
		return derive_prod(e, slot);
	case EXPR_POW:
		return derive_pow(e, slot);
	default:
		return expr_simplify_mul(derive(e->kids[0], slot),
		    call_derivative(e), 0);
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
	d = derive(s, slot);
	expr_free(s);
	return d;
}
