/*
 * Rendering's one road from an analysis to a laid-out graph, shared by
 * the Graphviz outputs (SVG, PNG, PDF) and the TikZ writer: the size
 * limit checked, the view built, the layout made in the process's one
 * Graphviz context with Graphviz's messages caught, then handed to a
 * function that draws it.
 */
#ifndef INFDIAG_RENDER_H
#define INFDIAG_RENDER_H

#include <gvc.h>

#include "infdiag.h"

/* Draws a laid-out graph: 0, or -1 with err set.  The graph and its
 * layout are freed by the caller after it returns. */
typedef int (*render_draw_fn)(GVC_t *, Agraph_t *, void *ctx,
	    struct infdiag_error *);

/* Builds view o->view of derivative o->deriv, lays it out with o's
 * engine and calls draw on it.  Returns draw's result, or -1 with err
 * set (as infdiag_render(): INFDIAG_EUSAGE over the size limit without
 * force or for an unknown engine; a Graphviz error as INFDIAG_EIO).
 * Not reentrant: Graphviz keeps global state. */
int	render_laid_out(const struct infdiag_analysis *,
	    const struct infdiag_render_options *, render_draw_fn, void *ctx,
	    struct infdiag_error *);

/* The first error among Graphviz's messages during the rendering under
 * way, on one line and cut, in buf; NULL when there is none. */
const char *render_first_error(char *buf, size_t size);

#endif /* INFDIAG_RENDER_H */
