/*
 * The diagrams: the model as a cgraph graph in one of four views of one
 * derivative, written as DOT with agwrite() before any layout.  This file
 * builds the graph; diagram_labels.c labels its nodes and arrows and
 * diagram_legend.c writes its legend.  The model's text reaches the graph
 * only through those HTML-like labels, escaped; see diagram.h for the
 * node IDs.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "analysis.h"
#include "diagram_impl.h"
#include "error.h"
#include "layout.h"
#include "model.h"
#include "notation.h"

/* Draws every variable and arrow once: the full, paths and partial
 * views. */
static void
draw_flat(struct dg *dg)
{
	const struct infdiag_model	*m = dg->m;
	Agedge_t			*e;
	uint32_t			 k, v, i;

	for (k = 0; k < m->nvars && !dg->failed; k++) {
		v = m->order[k];
		if (!diagram_drawn(dg, v))
			continue;
		if ((dg->node[v] = gv_node(dg->g, m->vars[v].name)) == NULL) {
			dg->failed = 1;
			break;
		}
		diagram_label_node(dg, dg->node[v], v);
		diagram_mark_node(dg, dg->node[v], v);
	}
	for (k = 0; k < m->nvars && !dg->failed; k++) {
		v = m->order[k];
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
			if (dg->node[v] == NULL ||
			    dg->node[m->in_idx[i]] == NULL)
				continue;	/* left out by focus */
			e = agedge(dg->g, dg->node[m->in_idx[i]], dg->node[v],
			    NULL, 1);
			if (e == NULL) {
				dg->failed = 1;
				break;
			}
			diagram_style_arrow(dg, e, v, i - m->in_off[v]);
		}
	}
}

/* Finds or makes the copy of u in the subgraph of sink s ("u@s", in g's
 * cluster when g is one), labelled and marked. */
static Agnode_t *
copy_node(struct dg *dg, Agraph_t *g, uint32_t u, uint32_t s, int make)
{
	struct strbuf	 id = STRBUF_INIT;
	Agnode_t	*n = NULL;

	strbuf_addf(&id, "%s@%s", dg->m->vars[u].name, dg->m->vars[s].name);
	if (!strbuf_failed(&id))
		n = agnode(g, id.s, make);
	strbuf_release(&id);
	if (n == NULL) {
		dg->failed = 1;
		return NULL;
	}
	if (make) {
		diagram_label_node(dg, n, u);
		diagram_mark_node(dg, n, u);
	}
	return n;
}

/* Draws the cluster of sink v: v and its inputs, the arrows between. */
static void
draw_cluster(struct dg *dg, uint32_t v)
{
	const struct infdiag_model	*m = dg->m;
	struct strbuf			 name = STRBUF_INIT;
	Agraph_t			*sub = NULL;
	Agnode_t			*sink, *n;
	Agedge_t			*e;
	uint32_t			 i;

	strbuf_addf(&name, "cluster_%s", m->vars[v].name);
	if (!strbuf_failed(&name))
		sub = gv_subg(dg->g, name.s);
	strbuf_release(&name);
	if (sub == NULL) {
		dg->failed = 1;
		return;
	}
	strbuf_add(&dg->sb, "<font point-size=\"12\">");
	note_rule(&dg->sb, m, v, STYLE_GV_HTML);
	strbuf_add(&dg->sb, "</font>");
	diagram_set_html(dg, sub, "label");
	diagram_set(dg, sub, "style", "rounded");
	diagram_set(dg, sub, "color", OTHER_LINE);
	if ((sink = copy_node(dg, sub, v, v, 1)) == NULL)
		return;
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (!diagram_drawn(dg, m->in_idx[i]))
			continue;
		if ((n = copy_node(dg, sub, m->in_idx[i], v, 1)) == NULL ||
		    (e = agedge(sub, n, sink, NULL, 1)) == NULL) {
			dg->failed = 1;
			return;
		}
		diagram_style_arrow(dg, e, v, i - m->in_off[v]);
	}
}

/* Says whether v has a subgraph in the decomposition view: it has
 * inputs, and with focus it is drawn and is not the wrt (whose inputs
 * are on no path). */
static int
has_cluster(const struct dg *dg, uint32_t v)
{
	if (var_ninputs(dg->m, v) == 0)
		return 0;
	return !dg->focus || (diagram_drawn(dg, v) && v != dg->d->wrt);
}

/* Draws one cluster per sink subgraph, dotted lines from each sink to
 * its copies in its consumers' subgraphs, and the variables in no
 * subgraph on their own. */
static void
draw_decomposition(struct dg *dg)
{
	const struct infdiag_model	*m = dg->m;
	Agnode_t			*from, *to;
	Agedge_t			*e;
	uint32_t			 k, v, i;

	for (k = 0; k < m->nvars && !dg->failed; k++) {
		v = m->order[k];
		if (has_cluster(dg, v))
			draw_cluster(dg, v);
		else if (var_ninputs(m, v) == 0 && !dg->focus &&
		    m->out_off[v] == m->out_off[v + 1]) {
			if ((from = gv_node(dg->g, m->vars[v].name)) == NULL)
				dg->failed = 1;
			else {
				diagram_label_node(dg, from, v);
				diagram_mark_node(dg, from, v);
			}
		}
	}
	for (k = 0; k < m->nvars && !dg->failed; k++) {
		v = m->order[k];
		if (!has_cluster(dg, v))
			continue;
		from = copy_node(dg, dg->g, v, v, 0);
		for (i = m->out_off[v]; i < m->out_off[v + 1] && from; i++) {
			if (!has_cluster(dg, m->out_idx[i]))
				continue;
			to = copy_node(dg, dg->g, v, m->out_idx[i], 0);
			if (to == NULL ||
			    (e = agedge(dg->g, from, to, NULL, 1)) == NULL) {
				dg->failed = 1;
				break;
			}
			diagram_set(dg, e, "style", "dotted");
			diagram_set(dg, e, "dir", "none");
			diagram_set(dg, e, "color", GREY_TEXT);
		}
	}
}

/* Declares every attribute on the root with its default. */
static void
declare(struct dg *dg)
{
	static const struct {
		int		 kind;
		const char	*name;
		const char	*def;
	} attrs[] = {
		{ AGRAPH, "rankdir", "LR" },
		{ AGRAPH, "fontname", "Helvetica" },
		{ AGRAPH, "labelloc", "t" },
		{ AGRAPH, "label", "" },
		{ AGRAPH, "style", "" },
		{ AGRAPH, "color", "black" },
		{ AGNODE, "fontname", "Helvetica" },
		{ AGNODE, "label", "\\N" },
		{ AGNODE, "shape", "ellipse" },
		{ AGNODE, "style", "" },
		{ AGNODE, "color", "black" },
		{ AGNODE, "fillcolor", "white" },
		{ AGNODE, "fontcolor", "black" },
		{ AGNODE, "peripheries", "1" },
		{ AGEDGE, "fontname", "Helvetica" },
		{ AGEDGE, "label", "" },
		{ AGEDGE, "style", "" },
		{ AGEDGE, "color", "black" },
		{ AGEDGE, "fontcolor", "black" },
		{ AGEDGE, "penwidth", "1" },
		{ AGEDGE, "arrowhead", "normal" },
		{ AGEDGE, "dir", "forward" },
	};
	size_t	i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (gv_declare(dg->g, attrs[i].kind, attrs[i].name,
		    attrs[i].def) == NULL)
			dg->failed = 1;
	}
}

/* Marks the roles of the variables. */
static void
mark_roles(struct dg *dg)
{
	const struct infdiag_analysis	*a = dg->a;
	uint32_t			 k;

	for (k = 0; k < a->nwrt; k++)
		dg->role[a->d[k].wrt] |= ROLE_WRT;
	dg->role[a->of] |= ROLE_OF;
	for (k = 0; dg->d != NULL && k < dg->d->nrel; k++)
		dg->role[dg->d->rel[k]] |= ROLE_ON_PATH;
}

/* Picks the derivative a view draws; -1 with err set when the analysis
 * has no derivative of that index. */
static int
pick_deriv(struct dg *dg, uint32_t deriv, struct infdiag_error *err)
{
	const struct infdiag_analysis	*a = dg->a;

	if (deriv < a->nwrt) {
		dg->d = &a->d[deriv];
		return 0;
	}
	if (deriv == 0)
		return 0;	/* nothing to differentiate: no paths */
	error_set(err, INFDIAG_EUSAGE, NULL, "no derivative %lu to draw: "
	    "the analysis has %lu", (unsigned long)deriv + 1,
	    (unsigned long)a->nwrt);
	return -1;
}

/* Sets the graph attributes the options choose: the layout's direction,
 * and the resolution of a PNG. */
static void
set_options(struct dg *dg)
{
	const struct infdiag_render_options	*o = dg->o;
	char					 dpi[16];

	if (o->rankdir != NULL && gv_set(dg->g, "rankdir", o->rankdir) != 0)
		dg->failed = 1;
	if (o->dpi > 0 && o->type != NULL && strcmp(o->type, "png") == 0) {
		snprintf(dpi, sizeof(dpi), "%d", o->dpi);
		if (gv_declare(dg->g, AGRAPH, "dpi", dpi) == NULL)
			dg->failed = 1;
	}
}

/* Draws a view into dg's graph. */
static void
draw(struct dg *dg)
{
	mark_roles(dg);
	declare(dg);
	set_options(dg);
	if (diagram_label_graph(dg) != 0)
		dg->failed = 1;
	else if (dg->view == INFDIAG_VIEW_DECOMPOSITION)
		draw_decomposition(dg);
	else
		draw_flat(dg);
}

/* Builds the graph of view o->view of derivative o->deriv. */
Agraph_t *
diagram_build(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, struct infdiag_error *err)
{
	struct dg	dg;

	memset(&dg, 0, sizeof(dg));
	dg.a = a;
	dg.m = a->m;
	dg.view = o->view;
	dg.o = o;
	dg.digits = o->digits > 0 ? o->digits : DIAGRAM_DIGITS;
	if (pick_deriv(&dg, o->deriv, err) != 0)
		return NULL;
	dg.focus = o->focus && dg.d != NULL;
	diagram_size(a, o, &dg.nodes, &dg.edges);
	dg.role = mem_calloc(a->m->nvars + 1, 1);
	dg.node = mem_calloc(a->m->nvars + 1, sizeof(*dg.node));
	dg.mask = mem_calloc(a->m->nedges + 1, sizeof(*dg.mask));
	if (dg.role == NULL || dg.node == NULL || dg.mask == NULL ||
	    (dg.g = gv_open("infdiag")) == NULL)
		dg.failed = 1;
	else
		draw(&dg);
	dg.failed = dg.failed || layout_by_size(dg.g, dg.nodes, dg.edges) != 0;
	if ((dg.failed || strbuf_failed(&dg.sb)) && dg.g != NULL) {
		agclose(dg.g);
		dg.g = NULL;
	}
	if (dg.g == NULL)
		error_nomem(err);
	strbuf_release(&dg.sb);
	strbuf_release(&dg.legend);
	mem_free(dg.role);
	mem_free(dg.node);
	mem_free(dg.mask);
	return dg.g;
}

/* With focus on a flat view, the variables on a path of the derivative
 * drawn and the arrows between them; -1 when focus does not apply or the
 * marks cannot be allocated (the whole model is counted then). */
static int
focus_size(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, size_t *nodes, size_t *edges)
{
	const struct infdiag_model	*m = a->m;
	const struct deriv		*d;
	unsigned char			*on;
	uint32_t			 k, v, pos;

	if (!o->focus || o->view == INFDIAG_VIEW_DECOMPOSITION ||
	    o->deriv >= a->nwrt || (on = mem_calloc(m->nvars + 1, 1)) == NULL)
		return -1;
	d = &a->d[o->deriv];
	for (k = 0; k < d->nrel; k++)
		on[d->rel[k]] = 1;
	*nodes = d->nrel;
	*edges = 0;
	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		for (pos = m->in_off[v]; pos < m->in_off[v + 1]; pos++)
			*edges += on[m->in_idx[pos]];
	}
	mem_free(on);
	return 0;
}

/* The number of nodes and edges the view draws. */
void
diagram_size(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, size_t *nodes, size_t *edges)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 v;

	if (focus_size(a, o, nodes, edges) == 0)
		return;
	*nodes = m->nvars;
	*edges = m->nedges;
	if (o->view != INFDIAG_VIEW_DECOMPOSITION)
		return;
	*nodes = m->nedges;
	for (v = 0; v < m->nvars; v++) {
		if (var_ninputs(m, v) > 0) {
			*nodes += 1;
			*edges += m->out_off[v + 1] - m->out_off[v];
		} else if (m->out_off[v] == m->out_off[v + 1])
			*nodes += 1;
	}
}

/* Parses a view name. */
int
infdiag_view_parse(const char *s, enum infdiag_view *view)
{
	static const char *const names[] = {
		[INFDIAG_VIEW_FULL] = "full",
		[INFDIAG_VIEW_PATHS] = "paths",
		[INFDIAG_VIEW_PARTIAL] = "partial",
		[INFDIAG_VIEW_DECOMPOSITION] = "decomposition"
	};
	size_t	i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i]) == 0) {
			*view = (enum infdiag_view)i;
			return 0;
		}
	}
	return -1;
}

/* Writes the diagram of a view as DOT, before any layout. */
int
infdiag_write_dot(const struct infdiag_analysis *a, enum infdiag_view view,
    FILE *fp, struct infdiag_error *err)
{
	struct infdiag_render_options	o = { .view = view };

	return infdiag_write_dot_view(a, &o, fp, err);
}

/* Writes the diagram of a view of one derivative as DOT, before any
 * layout. */
int
infdiag_write_dot_view(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, FILE *fp,
    struct infdiag_error *err)
{
	Agraph_t	*g;

	error_init(err, infdiag_model_source(a->m));
	if ((g = diagram_build(a, o, err)) == NULL)
		return -1;
	(void)agwrite(g, fp);	/* a write error stays in fp's indicator */
	agclose(g);
	return 0;
}
