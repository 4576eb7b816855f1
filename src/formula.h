/*
 * The total derivative written out: expanded (a term per path), factored
 * (nested as the notes write it), and the forward and reverse accumulation
 * equations.  Each appends to a string in a style; none recurses.
 */
#ifndef INFDIAG_FORMULA_H
#define INFDIAG_FORMULA_H

#include <stdint.h>

#include "notation.h"

struct infdiag_analysis;
struct deriv;
struct strbuf;

/* Says whether the expanded and factored forms fit their limits. */
int	formula_expanded_fits(const struct infdiag_analysis *,
	    const struct deriv *);
int	formula_factored_fits(const struct infdiag_analysis *,
	    const struct deriv *);
/* Appends "x → g → y". */
void	formula_path(struct strbuf *, const struct infdiag_analysis *,
	    const uint32_t *path, uint32_t n, enum style);
/* Appends a path's term: the local derivatives from the output end. */
void	formula_term(struct strbuf *, const struct infdiag_analysis *,
	    const uint32_t *path, uint32_t n, enum style);
/* Appends the right-hand side of d(of)/d(wrt) expanded, one term per path
 * in path order; -1 when out of memory. */
int	formula_expanded(struct strbuf *, const struct infdiag_analysis *,
	    const struct deriv *, enum style);
/* Appends the right-hand side factored; -1 when out of memory. */
int	formula_factored(struct strbuf *, const struct infdiag_analysis *,
	    const struct deriv *, enum style);
/* Appends the forward equation of v (on a path of d): dv/dx = ... */
void	formula_forward(struct strbuf *, const struct infdiag_analysis *,
	    const struct deriv *, uint32_t v, enum style);
/* Appends the reverse equation of v (an ancestor of of): dy/dv = ... */
void	formula_reverse(struct strbuf *, const struct infdiag_analysis *,
	    uint32_t v, enum style);

#endif /* INFDIAG_FORMULA_H */
