/*
 * TikZ: a diagram laid out by Graphviz and written as a tikzpicture at the
 * layout's coordinates, its labels in LaTeX math from the notation module
 * and its colours those of the other renderings (SPEC 5.2).  The slides
 * (write_slides.c) draw their pictures with it.
 */
#ifndef INFDIAG_TIKZ_H
#define INFDIAG_TIKZ_H

#include <stdint.h>

#include "infdiag.h"
#include "strbuf.h"

/* What a picture adds to the view it draws. */
struct tikz_options {
	int		 standalone;	/* a complete document that pdflatex
					   compiles, around the picture */
	unsigned	 overlay;	/* Beamer overlays: 0 for none; else
					   path k (from 0) of the paths view is
					   highlighted alone, in its colour, on
					   overlay overlay + k, the arrows of
					   the other paths dimmed there; on
					   every other overlay the picture is
					   the plain paths view */
	uint32_t	 noverlays;	/* the paths so highlighted, from the
					   first: at most the paths the view
					   colours */
};

/* Lays out view o->view of derivative o->deriv (with o's presentation
 * options) and appends it to sb as a tikzpicture, or as a document when
 * t->standalone is set.  Returns 0, or -1 with err set (as
 * infdiag_render()). */
int	tikz_write(struct strbuf *, const struct infdiag_analysis *,
	    const struct infdiag_render_options *, const struct tikz_options *,
	    struct infdiag_error *);

/* Lays out view o->view as tikz_write() would and sets *width and
 * *height to its picture's size in big points, writing nothing.  Returns
 * 0, or -1 with err set (as tikz_write()). */
int	tikz_size(const struct infdiag_analysis *,
	    const struct infdiag_render_options *, double *width,
	    double *height, struct infdiag_error *);

#endif /* INFDIAG_TIKZ_H */
