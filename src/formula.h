/*
 * The total derivative written out: expanded (a term per path), factored
 * (nested as the notes write it), and the forward and reverse accumulation
 * equations.  Each appends to a string in a style; none recurses.
 */
#ifndef INFDIAG_FORMULA_H
#define INFDIAG_FORMULA_H

#include <stddef.h>
#include <stdint.h>

#include "notation.h"
#include "strbuf.h"

struct infdiag_analysis;
struct deriv;

/* Says whether the expanded and factored forms fit their limits. */
int	formula_expanded_fits(const struct infdiag_analysis *,
	    const struct deriv *);
int	formula_factored_fits(const struct infdiag_analysis *,
	    const struct deriv *);
/* Appends "x → g → y". */
void	formula_path(struct strbuf *, const struct infdiag_analysis *,
	    const uint32_t *path, uint32_t n, enum style);

/*
 * A path written out as formula_path() writes it, kept from one path to
 * the next of a listing: paths come in order and share their first
 * variables (all but the last few, in a deep graph), so each is spelled
 * only from where it leaves the one before.  Zero-initialise it; one
 * listing, one style.
 */
struct path_text {
	struct strbuf	 sb;		/* the path's text */
	uint32_t	*ids;		/* the path it holds */
	size_t		*ends;		/* ends[i]: the text's length to ids[i] */
	uint32_t	 n;
	uint32_t	 cap;
};

/* Makes pt hold path (n variables); -1 when out of memory. */
int	path_text_set(struct path_text *, const struct infdiag_analysis *,
	    const uint32_t *path, uint32_t n, enum style);
void	path_text_release(struct path_text *);
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
