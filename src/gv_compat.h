/*
 * Thin const-correct wrappers over the Graphviz 2.42 cgraph API, whose
 * name and value parameters are plain char * although the library only
 * copies them (later releases made the values const).  The casts live
 * here, in one place, so that the rest builds with -Wwrite-strings.
 * gv_open() is the one place a graph is opened, with the ID discipline
 * of gv_ids.c.
 */
#ifndef INFDIAG_GV_COMPAT_H
#define INFDIAG_GV_COMPAT_H

#include <cgraph.h>

/* Opens a strict directed graph (no edge is ever made twice) whose
 * objects are numbered in creation order, so that its subgraphs come out
 * in the order they were made (gv_ids.c).  Returns NULL when out of
 * memory; the caller closes the graph with agclose(). */
Agraph_t *gv_open(const char *name);

/* Declares an attribute on the root graph with its default: every
 * attribute must be declared there first, or a subgraph's value becomes
 * the default of the whole graph. */
static inline Agsym_t *
gv_declare(Agraph_t *g, int kind, const char *name, const char *def)
{
	return agattr(g, kind, (char *)name, (char *)def);
}

/* Finds or makes the node called name in g (and in the root). */
static inline Agnode_t *
gv_node(Agraph_t *g, const char *name)
{
	return agnode(g, (char *)name, 1);
}

/* Finds or makes the subgraph called name. */
static inline Agraph_t *
gv_subg(Agraph_t *g, const char *name)
{
	return agsubg(g, (char *)name, 1);
}

/* Sets an attribute that was declared on the root. */
static inline int
gv_set(void *obj, const char *name, const char *value)
{
	return agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

/* Sets an HTML-like attribute: value is the markup without the outer
 * angle brackets, already escaped.  Returns 0, or -1 when out of
 * memory. */
static inline int
gv_set_html(Agraph_t *root, void *obj, const char *name, const char *value)
{
	char	*s;
	int	 rc;

	if ((s = agstrdup_html(root, (char *)value)) == NULL)
		return -1;
	rc = agsafeset(obj, (char *)name, s, (char *)"");
	agstrfree(root, s);
	return rc;
}

/* The value of an attribute, or NULL when it is not declared. */
static inline const char *
gv_get(void *obj, const char *name)
{
	return agget(obj, (char *)name);
}

#endif /* INFDIAG_GV_COMPAT_H */
