/*
 * Layout by size: the settings that keep Graphviz's dot layout of a big
 * diagram within seconds, and the legend's sentence that says so
 * (SPEC 5.2, issue 14).  A view under the thresholds keeps dot's
 * ordinary layout.
 */
#ifndef INFDIAG_LAYOUT_H
#define INFDIAG_LAYOUT_H

#include <stddef.h>

#include "gv_compat.h"
#include "strbuf.h"

/* A view with more nodes or more arrows than these is large: dot's own
 * layout of such a view takes seconds (bench/RESULTS.md). */
#define LAYOUT_LARGE_NODES	150
#define LAYOUT_LARGE_EDGES	300

/* Sets the layout attributes of g, a view of that many nodes and edges
 * (diagram_size()): for a large
 * one the engine sfdp ("layout", which the renderer and the dot program
 * honour unless told another), nodes kept apart, straight arrows, and
 * each arrow's label moved to its xlabel.  Call it once the graph is
 * drawn.  Returns 0, or -1 when out of memory. */
int	layout_by_size(Agraph_t *g, size_t nodes, size_t edges);

/* Appends the legend's words for a view of that many nodes and edges
 * when it is large, after a line break; nothing for another. */
void	layout_legend(struct strbuf *, size_t nodes, size_t edges);

#endif /* INFDIAG_LAYOUT_H */
