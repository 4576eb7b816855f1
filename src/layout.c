/*
 * Layout by size.  dot ranks a diagram and breaks each arrow that spans
 * several ranks into a chain of virtual nodes, one per rank, then places
 * them all by network simplex: a random model of 300 variables, whose
 * arrows span a third of its 300 ranks on average, has 42000 of them, and
 * a label doubles the ranks.  sfdp, the multilevel force-directed engine,
 * lays out 1000 labelled variables in about a second and 2000 in five
 * (bench/RESULTS.md), without ranks: a large view is drawn by sfdp, with
 * straight arrows and their labels beside them (xlabel, placed after the
 * layout), and the legend says so.
 */
#include "config.h"

#include <stddef.h>

#include "layout.h"

/* The graph attributes of a large view. */
static const struct {
	const char	*name;
	const char	*value;
} large[] = {
	{ "layout", "sfdp" },
	{ "overlap", "prism" },
	{ "splines", "line" },
	{ "outputorder", "edgesfirst" },
};

/* Says whether a view of that many nodes and edges is large. */
static int
is_large(size_t nodes, size_t edges)
{
	return nodes > LAYOUT_LARGE_NODES || edges > LAYOUT_LARGE_EDGES;
}

/* Moves each arrow's label to its xlabel, which dot places after the
 * layout instead of ranking it as a node. */
static int
labels_beside(Agraph_t *g)
{
	Agnode_t	*n;
	Agedge_t	*e;
	char		*label;

	if (gv_declare(g, AGEDGE, "xlabel", "") == NULL)
		return -1;
	for (n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
		for (e = agfstout(g, n); e != NULL; e = agnxtout(g, e)) {
			label = agget(e, (char *)"label");
			if (label == NULL || *label == '\0')
				continue;
			if (agsafeset(e, (char *)"xlabel", label, (char *)"")
			    != 0 || gv_set(e, "label", "") != 0)
				return -1;
		}
	}
	return 0;
}

/* Sets g's layout attributes for the size of its view. */
int
layout_by_size(Agraph_t *g, size_t nodes, size_t edges)
{
	size_t	i;

	if (!is_large(nodes, edges))
		return 0;
	for (i = 0; i < sizeof(large) / sizeof(large[0]); i++) {
		if (gv_declare(g, AGRAPH, large[i].name, large[i].value) ==
		    NULL)
			return -1;
	}
	return labels_beside(g);
}

/* Appends the legend's words for a large view. */
void
layout_legend(struct strbuf *sb, size_t nodes, size_t edges)
{
	if (is_large(nodes, edges))
		strbuf_add(sb, "<br align=\"left\"/>large diagram: simplified "
		    "layout (sfdp, straight arrows, labels beside them)");
}
