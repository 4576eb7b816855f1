/*
 * The graph core: topological order, one real cycle when there is no
 * order, and reachability.  Everything here is iterative, so no input can
 * exhaust the stack.
 */
#ifndef INFDIAG_GRAPH_H
#define INFDIAG_GRAPH_H

#include <stdint.h>

#include "infdiag.h"

struct infdiag_model;

/* Computes m->order and m->rank: inputs before what they feed, ties in
 * declaration order (the smallest such order).  O(V + E) when the
 * declaration order is already topological, else O(E + V log V).  On a
 * cycle, fails with INFDIAG_EMODEL and a message that shows one. */
int	graph_order(struct infdiag_model *, struct infdiag_error *);

/* Marks in mark[] (set to stamp) every variable reachable from the sources
 * by following inputs (up != 0: ancestors) or consumers (up == 0:
 * descendants), the sources included.  queue must hold nvars entries.
 * Returns the number marked.  O(V + E) over what it reaches. */
uint32_t graph_reach(const struct infdiag_model *, const uint32_t *sources,
	    uint32_t nsources, int up, uint32_t *mark, uint32_t stamp,
	    uint32_t *queue);

#endif /* INFDIAG_GRAPH_H */
