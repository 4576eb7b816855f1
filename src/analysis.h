/*
 * The analysis of one question, "how does `of` change with each `wrt`":
 * computed once by infdiag_analyze(), then only read by the printers.
 *
 * Everything is restricted to the ancestors of `of` (the variables it
 * depends on, itself included).  For them it holds the exact number of
 * paths to `of` (GMP integers: one backward pass serves every wrt) and the
 * shortest and longest path lengths (to steer path listing).  For each wrt
 * it holds the variables on some path from wrt to `of`, in topological
 * order, and the sizes of the expanded and factored formulas (saturating
 * counts) that decide whether they are written out.
 */
#ifndef INFDIAG_ANALYSIS_H
#define INFDIAG_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "infdiag.h"
#include "numbers.h"

struct infdiag_model;

/* The largest expanded formula written out: terms (one per path) and
 * factors in all. */
#define EXPANDED_MAX_TERMS	1000
#define EXPANDED_MAX_FACTORS	20000
/* The largest factored formula written out, in factors. */
#define FACTORED_MAX_FACTORS	20000

/* One derivative d(of)/d(wrt). */
struct deriv {
	uint32_t	 wrt;
	uint32_t	 nrel;		/* variables on a wrt -> of path */
	uint32_t	*rel;		/* ... in topological order */
	int		 direct;	/* wrt is a direct input of of */
	uint64_t	 expanded_factors;	/* saturating */
	uint64_t	 factored_factors;	/* saturating */
	int		 arrows_wanted;	/* rel's inputs are far more than its
					   arrows on a path: keep those */
	uint32_t	 narrows;
	uint32_t	*arrows;	/* NULL, or the in_idx positions of the
					   arrows on a path, ascending: made
					   on first use when wanted */
	struct deriv_numbers num;
};

struct infdiag_analysis {
	const struct infdiag_model	*m;
	uint32_t			 of;
	uint32_t			 nwrt;
	struct deriv			*d;
	size_t				 max_paths;
	uint32_t			 nanc;
	uint32_t			*anc;	/* ancestors of of, topological */
	uint32_t			*anc_pos; /* v -> index in anc, or NONE */
	mpz_t				*count;	/* by anc index: paths to of */
	uint32_t			*dmin;	/* by anc index: path lengths */
	uint32_t			*dmax;
	struct numbers			*num;	/* NULL: no numbers asked */
	uint32_t			*out_pos; /* NULL, or by out_idx
					   position: that arrow's in_idx one */
};

/* Says whether v is on a path from d->wrt to of (binary search by rank). */
int	analysis_on_path(const struct infdiag_analysis *, const struct deriv *,
	    uint32_t v);
/* The position in in_idx, from i on, of the next input of v (a variable on
 * a path of d) that is on a path of d; in_off[v + 1] when none is left.
 * Costs a binary search when d keeps its arrows, so a wide sum downstream
 * of many wrt is not rescanned for each.  The first call for such a d
 * collects them into the analysis: not safe from two threads at once. */
uint32_t analysis_next_input(const struct infdiag_analysis *,
	    const struct deriv *, uint32_t v, uint32_t i);
/* The position in in_idx of the arrow p -> v (which must exist): by
 * binary search among p's consumers when v has many inputs, so a path's
 * term costs its length, not its variables' fan-in. */
uint32_t analysis_arrow(const struct infdiag_analysis *, uint32_t p,
	    uint32_t v);
/* The exact number of paths from v to of, owned by the analysis; NULL
 * when v is not an ancestor of of (no path). */
const mpz_t *analysis_count(const struct infdiag_analysis *, uint32_t v);

/* Appends the exact number of paths from v to of, less minus, in
 * decimal. */
struct strbuf;
void	analysis_count_str(struct strbuf *, const struct infdiag_analysis *,
	    uint32_t v, unsigned long minus);

#endif /* INFDIAG_ANALYSIS_H */
