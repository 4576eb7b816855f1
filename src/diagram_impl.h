/*
 * The inside of the diagrams, shared by their three files: diagram.c
 * builds the graph of a view, diagram_legend.c writes the graph's own
 * label (title, description, legend), and diagram_labels.c labels and
 * styles the nodes and arrows.  Calls go from diagram.c to the other two
 * and from diagram_legend.c to diagram_labels.c, never back.
 */
#ifndef INFDIAG_DIAGRAM_IMPL_H
#define INFDIAG_DIAGRAM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "diagram.h"
#include "strbuf.h"

/* The marks: the input and the output, and what is out of the picture. */
#define WRT_LINE	"#1f77b4"
#define WRT_FILL	"#dbe9f6"
#define OF_LINE		"#d6550d"
#define OF_FILL		"#fde3cc"
#define DIRECT_LINE	"#d62728"
/* Off-path grey: 3.4:1 on white for lines, 5:1 for text (WCAG). */
#define GREY_LINE	"#8c8c8c"
#define GREY_TEXT	"#707070"
#define OTHER_LINE	"#404040"

/* What a variable is in the picture. */
enum role {
	ROLE_WRT = 1 << 0,	/* some derivative's wrt */
	ROLE_OF = 1 << 1,
	ROLE_ON_PATH = 1 << 2,	/* on a path of the one drawn */
	ROLE_NOTED = 1 << 3	/* focus: its left-out inputs are noted */
};

/* A diagram being built. */
struct dg {
	const struct infdiag_analysis	*a;
	const struct infdiag_model	*m;
	const struct deriv		*d;	/* the one drawn, or NULL */
	enum infdiag_view		 view;
	const struct infdiag_render_options *o;
	int				 digits; /* of the numbers drawn */
	int				 focus;	/* only the variables on a
						   path of d are drawn */
	Agraph_t			*g;
	Agnode_t			**node;	/* by variable, flat views */
	unsigned char			*role;	/* by variable */
	uint16_t			*mask;	/* by arrow: coloured paths */
	uint32_t			 ncoloured;
	int				 more;	/* paths beyond the coloured */
	struct strbuf			 sb;	/* the label being made */
	struct strbuf			 legend; /* the legend's rows */
	size_t				 row;	/* where the open row starts */
	size_t				 nodes, edges; /* diagram_size() */
	int				 failed;
};

/* Sets an HTML-like attribute from dg->sb and empties it. */
void	diagram_set_html(struct dg *, void *obj, const char *attr);
/* Sets a plain attribute to one of our own constants. */
void	diagram_set(struct dg *, void *obj, const char *attr,
	    const char *value);
/* Appends a number as the diagrams show it, to dg's digits. */
void	diagram_html_number(const struct dg *, struct strbuf *, double);
/* The line of path k drawn in the legend, HTML-like markup; NULL from
 * DIAGRAM_MAX_COLOURS on. */
const char *diagram_path_mark(uint32_t k);
/* Says whether v is drawn: every variable, or with focus those on a
 * path of the derivative drawn. */
int	diagram_drawn(const struct dg *, uint32_t v);
/* Appends to dg->sb, after a line break, the note of v's inputs that
 * focus leaves out: "+ 3 other inputs: b₂, w₂₁, …"; nothing when every
 * input is drawn. */
void	diagram_focus_note(struct dg *, uint32_t v);
/* Labels a node with v's symbol, its function or formula, and with
 * numbers its value and adjoint d(of)/dv. */
void	diagram_label_node(struct dg *, Agnode_t *, uint32_t v);
/* Marks a node as the output, an input of the question, or out of the
 * picture of the paths and partial views. */
void	diagram_mark_node(struct dg *, Agnode_t *, uint32_t v);
/* Labels and styles the arrow into v from its input in slot. */
void	diagram_style_arrow(struct dg *, Agedge_t *, uint32_t v,
	    uint32_t slot);
/* Sets the graph's label: the title, the description and the legend of
 * the view; -1 when the paths could not be listed. */
int	diagram_label_graph(struct dg *);

#endif /* INFDIAG_DIAGRAM_IMPL_H */
