/*
 * Composing expressions: substituting expressions for the inputs of
 * another, so that a model's variables can be written in terms of its
 * independent ones, and measuring a tree as printed.
 */
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "expr.h"
#include "expr_impl.h"

/* Substitutes into each kid of a sum or product, then rebuilds it
 * simplified. */
static struct expr *
subst_chain(const struct expr *e, struct expr *const *subs)
{
	struct expr	**kids;
	struct expr	 *r;
	size_t		  i;

	if ((kids = mem_calloc(e->n, sizeof(*kids))) == NULL)
		return NULL;
	for (i = 0; i < e->n; i++)
		kids[i] = expr_substitute(e->kids[i], subs);
	if (e->kind == EXPR_SUM)
		r = expr_simplify_sum(e->n, kids);
	else
		r = expr_simplify_prod(e->n, kids, e->inv);
	mem_free(kids);
	return r;
}

/* Returns e with every input slot i replaced by subs[i], simplified; NULL
 * when out of memory, when a slot has no substitute, or when the result
 * would be deeper than any tree may be.  Recursion follows e's depth,
 * which is bounded. */
struct expr *
expr_substitute(const struct expr *e, struct expr *const *subs)
{
	switch (e->kind) {
	case EXPR_VAR:
		return subs[e->slot] != NULL ? expr_share(subs[e->slot]) :
		    NULL;
	case EXPR_NEG:
		return expr_simplify_neg(expr_substitute(e->kids[0], subs));
	case EXPR_SUM:
	case EXPR_PROD:
		return subst_chain(e, subs);
	case EXPR_POW:
		return expr_simplify_pow(expr_substitute(e->kids[0], subs),
		    expr_substitute(e->kids[1], subs));
	case EXPR_CALL:
		if (e->n == 2)
			return expr_simplify_call2(e->fn,
			    expr_substitute(e->kids[0], subs),
			    expr_substitute(e->kids[1], subs));
		return expr_simplify_call(e->fn,
		    expr_substitute(e->kids[0], subs));
	default:
		return expr_share(e);
	}
}

/* Counts e's nodes as printed (shared subtrees counted each time), but
 * stops counting past limit. */
size_t
expr_count_nodes(const struct expr *e, size_t limit)
{
	size_t	count = 1, i;

	for (i = 0; i < e->n && count <= limit; i++)
		count += expr_count_nodes(e->kids[i], limit - count);
	return count;
}
