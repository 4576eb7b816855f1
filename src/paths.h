/*
 * Listing the influence paths of one derivative, one at a time, shortest
 * first and, among paths of one length, in topological order (compared
 * variable by variable by rank).  Never holds more than one path.
 *
 * For each length L from the shortest to the longest, a depth-first search
 * with an explicit stack walks from wrt towards of, entering a variable
 * only if some path from it reaches of in exactly the steps left: first by
 * its shortest and longest distances to of, then by a memo of (variable,
 * steps left) states already found to lead nowhere.  Each dead state is
 * explored once, so the cost is O((P·L + S)·d) for P paths listed of
 * length up to L, S dead states and out-degree d.
 */
#ifndef INFDIAG_PATHS_H
#define INFDIAG_PATHS_H

#include <stdint.h>

struct infdiag_analysis;
struct deriv;
struct path_iter;

/* Starts listing d's paths; NULL when out of memory. */
struct path_iter *paths_begin(const struct infdiag_analysis *,
		    const struct deriv *);
/* The next path: returns 1 and sets *path (n variables, from wrt to of,
 * valid until the next call), 0 when there are no more, -1 when out of
 * memory. */
int		 paths_next(struct path_iter *, const uint32_t **path,
		    uint32_t *n);
void		 paths_end(struct path_iter *);

#endif /* INFDIAG_PATHS_H */
