/*
 * Questions asked of an analysis by its readers (the numbers, the paths,
 * the printers) that need nothing but its arrays: whether a variable is on
 * a path of a derivative, where an arrow is.  In a file of their own so
 * that the analysis, which computes the numbers, and the numbers, which
 * ask these, do not call each other.
 */
#include <stdint.h>

#include "analysis.h"
#include "model.h"

/* Says whether v is on a path from d->wrt to of. */
int
analysis_on_path(const struct infdiag_analysis *a, const struct deriv *d,
    uint32_t v)
{
	const uint32_t	*rank = a->m->rank;
	uint32_t	 lo = 0, hi = d->nrel, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rank[d->rel[mid]] < rank[v])
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nrel && d->rel[lo] == v;
}

/* The position in in_idx of the arrow p -> v. */
uint32_t
analysis_arrow(const struct infdiag_analysis *a, uint32_t p, uint32_t v)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 i, lo, hi, mid;

	if (a->out_pos == NULL || var_ninputs(m, v) <= 8) {
		for (i = m->in_off[v]; m->in_idx[i] != p; i++)
			;
		return i;
	}
	/* p's consumers are in declaration order. */
	for (lo = m->out_off[p], hi = m->out_off[p + 1]; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (m->out_idx[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return a->out_pos[lo];
}
