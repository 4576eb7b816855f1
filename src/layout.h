/*
 * Layout by size: the settings that keep Graphviz's dot layout of a big
 * diagram within seconds, and the legend's sentence that says so
 * (SPEC 5.2, issue 14).  A view under the thresholds keeps dot's
 * ordinary layout.
 */
#ifndef INFDIAG_LAYOUT_H
#define INFDIAG_LAYOUT_H

#include "gv_compat.h"
#include "infdiag.h"
#include "strbuf.h"

/* A view with more nodes or more arrows than these is large: dot's own
 * layout of such a view takes seconds (bench/RESULTS.md). */
#define LAYOUT_LARGE_NODES	150
#define LAYOUT_LARGE_EDGES	300

/* Sets g's layout attributes for the size of view o->view: for a large
 * one the engine sfdp ("layout", which the renderer and the dot program
 * honour unless told another), nodes kept apart, straight arrows, and
 * each arrow's label moved to its xlabel.  Call it once the graph is
 * drawn.  Returns 0, or -1 when out of memory. */
int	layout_by_size(Agraph_t *g, const struct infdiag_analysis *,
	    const struct infdiag_render_options *);

/* Appends the legend's words for a large view, after a line break;
 * nothing for another. */
void	layout_legend(struct strbuf *, const struct infdiag_analysis *,
	    enum infdiag_view);

#endif /* INFDIAG_LAYOUT_H */
