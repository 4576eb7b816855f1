/*
 * The finite-difference check of the numbers: each derivative's value
 * against a central difference of the whole model, with steps refined
 * where the function varies faster than its point's scale, and the plan of
 * which derivatives a large model checks.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "alloc.h"
#include "analysis.h"
#include "error.h"
#include "expr.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "progress.h"
#include "strbuf.h"

/* The scale a finite difference's error is measured against:
 * max(|value|, |fd|, 1), so that it is relative where the numbers are
 * large and absolute where they are small (a derivative of 0 included). */
static double
fd_scale(double value, double fd)
{
	return fmax(fmax(fabs(value), fabs(fd)), 1);
}

/* The error of a finite difference fd against a derivative's value, on
 * fd_scale(). */
static double
fd_error(double value, double fd)
{
	return fabs(fd - value) / fd_scale(value, fd);
}

/* The value of of with wrt moved to x, recomputing the variables on the
 * paths into vals (on[v] == stamp marks them); 0, or -1 when an
 * expression cannot be evaluated. */
static int
perturbed(const struct infdiag_analysis *a, const struct deriv *d, double x,
    const uint32_t *on, uint32_t stamp, double *vals, double *in,
    double *out)
{
	const struct infdiag_model	*m = a->m;
	const struct numbers		*n = a->num;
	struct expr_error		 xerr;
	uint32_t			 k, v, i, p;

	vals[d->wrt] = x;
	for (k = 1; k < d->nrel; k++) {
		v = d->rel[k];
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
			p = m->in_idx[i];
			in[i - m->in_off[v]] = on[p] == stamp ? vals[p] :
			    n->value[p];
		}
		if (expr_eval(m->vars[v].x->expr, in, &vals[v], &xerr) != 0)
			return -1;
	}
	*out = vals[a->of];
	return 0;
}

/* A check that does not agree within CHECK_TOLERANCE is refined
 * (CHECK_REFINE times, each CHECK_SHRINK smaller). */
#define CHECK_REFINE	8
#define CHECK_SHRINK	10.0

/* The central difference of d at its point with step h into *fd; 0, or
 * -1 when the model cannot be evaluated on both sides. */
static int
central(const struct infdiag_analysis *a, const struct deriv *d, double h,
    const uint32_t *on, uint32_t stamp, double *vals, double *in, double *fd)
{
	double	x = a->num->value[d->wrt], up, down;

	if (perturbed(a, d, x + h, on, stamp, vals, in, &up) != 0 ||
	    perturbed(a, d, x - h, on, stamp, vals, in, &down) != 0)
		return -1;
	*fd = (up - down) / (2 * h);
	return 0;
}

/* Checks d's value by a central finite difference of the whole model,
 * with the step cbrt(epsilon)·max(1, |x|) that balances truncation and
 * rounding for a function that varies on the scale of x.  When that
 * disagrees with d's value (a function that varies much faster, say
 * sin(10^6·x), makes the step too coarse), steps CHECK_SHRINK times
 * smaller are tried, and the difference that agrees best with the one
 * before it (the finer of the two) is kept: the steps are judged among
 * themselves, never by d's value, so a wrong derivative still shows.
 * The error is relative to max(|value|, |fd|, 1): a derivative that is
 * exactly 0 is still checked, against the step's rounding.  The variables
 * on d's paths are marked in on[] with stamp. */
void
numbers_check(const struct infdiag_analysis *a, struct deriv *d, uint32_t *on,
    uint32_t stamp, double *vals, double *in)
{
	const struct numbers		*n = a->num;
	double				 x, h, fd, prev, best, gap, best_gap;
	uint32_t			 k;

	for (k = 0; k < d->nrel; k++)
		on[d->rel[k]] = stamp;
	x = n->value[d->wrt];
	h = cbrt(DBL_EPSILON) * (fabs(x) > 1 ? fabs(x) : 1);
	if (central(a, d, h, on, stamp, vals, in, &fd) != 0) {
		d->num.fd_note = FD_NOTE_SIDES;
		return;
	}
	best = fd;
	if (!(fd_error(d->num.forward, fd) <= CHECK_TOLERANCE)) {
		best_gap = INFINITY;
		for (k = 0; k < CHECK_REFINE; k++) {
			prev = fd;
			h /= CHECK_SHRINK;
			if (central(a, d, h, on, stamp, vals, in, &fd) != 0 ||
			    !isfinite(fd))
				break;
			gap = fabs(fd - prev);
			if (gap < best_gap) {
				best_gap = gap;
				best = fd;
			}
		}
	}
	d->num.fd = best;
	d->num.fd_error = fd_error(d->num.forward, best);
	d->num.fd_scale = fd_scale(d->num.forward, best);
	d->num.fd_ok = d->num.fd_error <= CHECK_TOLERANCE;
	d->num.has_check = isfinite(best);
	if (!d->num.has_check)
		d->num.fd_note = FD_NOTE_OVERFLOW;
}

/* The work of checking d by finite differences, in expression nodes
 * evaluated per side (size[v]: v's expression); 0 when d cannot be
 * checked because a variable on its paths has no expression. */
static uint64_t
check_cost(const struct infdiag_analysis *a, const struct deriv *d,
    const uint64_t *size)
{
	const struct infdiag_model	*m = a->m;
	uint64_t			 cost = 0;
	uint32_t			 k, v;

	if (!a->num->known[d->wrt] || d->wrt == a->of)
		return 0;
	for (k = 1; k < d->nrel; k++) {
		v = d->rel[k];
		if (m->vars[v].x == NULL || m->vars[v].x->expr == NULL)
			return 0;
		cost += size[v];
	}
	return cost;
}

/* Chooses which derivatives to check: all of them when that costs at
 * most CHECK_BUDGET node evaluations, else every stride-th of those that
 * can be checked, with the stride that keeps the work near the budget
 * (the others get a note).  cost[k] is set, 0 for "cannot be checked".
 * O(size of the expressions) to measure them. */
int
numbers_check_plan(const struct infdiag_analysis *a, uint64_t *cost,
    uint32_t *stride)
{
	const struct infdiag_model	*m = a->m;
	uint64_t			*size, total = 0;
	uint32_t			 k, v;

	if ((size = mem_calloc(m->nvars, sizeof(*size))) == NULL)
		return -1;
	for (v = 0; v < m->nvars; v++) {
		if (m->vars[v].x != NULL && m->vars[v].x->expr != NULL)
			size[v] = expr_count_nodes(m->vars[v].x->expr,
			    SIZE_MAX);
	}
	for (k = 0; k < a->nwrt; k++) {
		cost[k] = check_cost(a, &a->d[k], size);
		total += cost[k];
	}
	mem_free(size);
	*stride = total <= CHECK_BUDGET ? 1 :
	    (uint32_t)(total / CHECK_BUDGET + 1);
	return 0;
}
