/*
 * TikZ: the diagram of a view laid out by Graphviz (render.c's one road
 * to a layout) and written as a tikzpicture at the layout's coordinates,
 * in big points with y upwards as Graphviz has it.  Nodes and arrows keep
 * the colours, line styles and shapes the view gave them; their text is
 * the notation's LaTeX, and the model's own text (title, label, fn) is
 * escaped by the writer's LaTeX escaper, so that any model compiles.
 * Beamer overlays highlight one path of the paths view at a time.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gvc.h>

#include "analysis.h"
#include "diagram.h"
#include "diagram_impl.h"
#include "error.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "render.h"
#include "tikz.h"
#include "writer.h"

/* The largest coordinate TeX can hold is 16383pt: a picture bigger than
 * TIKZ_MAX_SIZE big points is scaled down to it. */
#define TIKZ_MAX_SIZE	14000.0

/* The most distinct colours a picture defines: the marks and the paths'
 * palette, with room to spare; others are drawn black. */
#define TIKZ_MAX_COLOURS	32

/* Room around the picture on a standalone page, in big points, and
 * more below it: a box taller than the page's text by a hair goes to
 * the next page and leaves the first one empty. */
#define TIKZ_MARGIN	12
#define TIKZ_SLACK	4

/* A picture being written. */
struct tikz {
	const struct infdiag_analysis		*a;
	const struct infdiag_model		*m;
	const struct infdiag_render_options	*o;
	const struct tikz_options		*t;
	Agraph_t				*g;	/* laid out */
	int					 focus;	/* notes of the
							   inputs left out */
	struct writer				 w;	/* w.sb: the picture */
	struct strbuf				 defs;	/* its colours */
	boxf					 bb;	/* the layout's */
	double					 scale;
	char					 colour[TIKZ_MAX_COLOURS][7];
	size_t					 ncolours;
	uint32_t				 noverlays; /* t's, cut */
};

/* Appends a number with the digits the options ask for (4 by default),
 * as the other diagrams draw it. */
static void
tikz_number(const struct tikz *tz, struct strbuf *sb, double x)
{
	note_number_digits(sb, x, tz->o->digits > 0 ? tz->o->digits :
	    DIAGRAM_DIGITS, STYLE_LATEX);
}

/* Appends fn as LaTeX text in mathematics, for note_function(): \text{}
 * around the writer's escaping (which appends to w.sb, the buffer
 * note_function() is given). */
static void
fn_text(void *ctx, struct strbuf *sb, const char *fn)
{
	struct tikz	*tz = ctx;

	(void)sb;
	strbuf_add(&tz->w.sb, "\\text{");
	writer_plain(&tz->w, fn, PLAIN_LATEX);
	strbuf_addc(&tz->w.sb, '}');
}

/* Says whether s is a colour "#rrggbb". */
static int
is_hex_colour(const char *s)
{
	return s[0] == '#' && strlen(s) == 7 &&
	    strspn(s + 1, "0123456789abcdefABCDEF") == 6;
}

/* Appends the TikZ name of a Graphviz colour, "#rrggbb" or a name, and
 * defines it in tz->defs at its first use as infdiagRRGGBB (before the
 * picture, so that an overlay never uses a colour defined on another); a
 * colour that is neither (or one too many) is black. */
static void
colour(struct tikz *tz, struct strbuf *sb, const char *c)
{
	size_t	i;

	if (c == NULL || c[0] == '\0' || (!is_hex_colour(c) &&
	    strcmp(c, "black") != 0 && strcmp(c, "white") != 0)) {
		strbuf_add(sb, "black");
		return;
	}
	if (!is_hex_colour(c)) {
		strbuf_add(sb, c);
		return;
	}
	for (i = 0; i < tz->ncolours; i++) {
		if (strcasecmp(tz->colour[i], c + 1) == 0)
			break;
	}
	if (i == tz->ncolours && i < TIKZ_MAX_COLOURS) {
		memcpy(tz->colour[i], c + 1, 7);
		tz->ncolours++;
		strbuf_addf(&tz->defs, "\\definecolor{infdiag%s}{HTML}{%s}\n",
		    tz->colour[i], tz->colour[i]);
	}
	if (i < TIKZ_MAX_COLOURS)
		strbuf_addf(sb, "infdiag%s", tz->colour[i]);
	else
		strbuf_add(sb, "black");
}

/* Appends a point of the layout, scaled. */
static void
put_point(struct tikz *tz, struct strbuf *sb, pointf p)
{
	strbuf_addf(sb, "(%.2f,%.2f)", p.x * tz->scale, p.y * tz->scale);
}

/* Says whether a Graphviz style list ("rounded,filled") has a word. */
static int
has_style(void *obj, const char *word)
{
	const char	*s = gv_get(obj, "style");
	size_t		 n = strlen(word);

	while (s != NULL && *s != '\0') {
		s += strspn(s, ", ");
		if (strncmp(s, word, n) == 0 && (s[n] == '\0' || s[n] == ','))
			return 1;
		s += strcspn(s, ",");
	}
	return 0;
}

/* Appends a variable's name as its node shows it: its "label" key as
 * text, else its symbol in mathematics; bold when strong. */
static void
var_name(struct tikz *tz, uint32_t v, int strong)
{
	const struct var_extra	*x = var_extra(tz->m, v);
	struct strbuf		*sb = &tz->w.sb;

	if (x != NULL && x->label != NULL) {
		strbuf_add(sb, strong ? "\\textbf{" : "{");
		writer_plain(&tz->w, x->label, PLAIN_LATEX);
		strbuf_add(sb, "}");
	} else {
		strbuf_add(sb, strong ? "$\\boldsymbol{" : "${");
		note_symbol(sb, tz->m, v, STYLE_LATEX);
		strbuf_add(sb, "}$");
	}
}

/* A variable drawn in the picture, for diagram_left_out(): a flat
 * view's node, or its copy in the subgraph of tz->sink. */
struct drawn_in {
	struct tikz	*tz;
	uint32_t	 sink;
};

static Agnode_t	*find_node(struct tikz *, Agraph_t *, uint32_t, uint32_t);

/* Says whether v is drawn, for diagram_left_out(). */
static int
is_drawn(const void *ctx, uint32_t v)
{
	const struct drawn_in	*in = ctx;

	return find_node(in->tz, in->tz->g, v, in->sink) != NULL;
}

/* Appends, on a line of its own in grey, the note of v's inputs that
 * focus leaves out of the picture (sink as for find_node()), as the other
 * renderings write it: "+ 3 other inputs: x₁, θ₂₁, x₂, …". */
static void
focus_note(struct tikz *tz, uint32_t v, uint32_t sink)
{
	struct drawn_in	 in = { tz, sink };
	struct strbuf	*sb = &tz->w.sb;
	uint32_t	 names[DIAGRAM_NOTE_NAMES], n, k;
	int		 other;

	if (!tz->focus || (n = diagram_left_out(tz->m, v, is_drawn, &in,
	    names, &other)) == 0)
		return;
	strbuf_add(sb, "\\\\ {\\scriptsize\\color{");
	colour(tz, sb, GREY_TEXT);
	strbuf_addf(sb, "}+ %u %s%s: ", n, other ? "other " : "",
	    note_noun(n, "input", "inputs"));
	for (k = 0; k < n && k < DIAGRAM_NOTE_NAMES; k++) {
		strbuf_add(sb, k > 0 ? ", " : "");
		var_name(tz, names[k], 0);
	}
	strbuf_add(sb, n > DIAGRAM_NOTE_NAMES ? ", \\ldots}" : "}");
}

/* Appends a node's text: its "label" key as text, else its symbol in
 * mathematics; then its function or formula, value and adjoint. */
static void
node_text(struct tikz *tz, uint32_t v)
{
	const struct infdiag_model	*m = tz->m;
	const struct var_extra		*x = var_extra(m, v);
	const struct numbers		*num = tz->a->num;
	struct strbuf			*sb = &tz->w.sb;

	var_name(tz, v, 1);
	if (x != NULL && x->fn != NULL) {
		strbuf_add(sb, "\\\\ $");
		note_function(sb, m, v, STYLE_LATEX, fn_text, tz);
		strbuf_add(sb, "$");
	} else if (x != NULL && x->expr != NULL) {
		strbuf_add(sb, "\\\\ {\\scriptsize $= ");
		note_expr(sb, m, v, x->expr, STYLE_LATEX);
		strbuf_add(sb, "$}");
	}
	if (num != NULL && num->known[v]) {
		strbuf_add(sb, "\\\\ {\\scriptsize value $");
		tikz_number(tz, sb, num->value[v]);
		strbuf_add(sb, "$}");
	}
	if (num != NULL && num->adjoint_known[v] && v != tz->a->of) {
		strbuf_add(sb, "\\\\ {\\scriptsize $");
		note_total(sb, m, tz->a->of, v, STYLE_LATEX);
		strbuf_add(sb, " = ");
		tikz_number(tz, sb, num->adjoint[v]);
		strbuf_add(sb, "$}");
	}
	if (tz->focus && tz->o->view != INFDIAG_VIEW_DECOMPOSITION &&
	    v == tz->a->d[tz->o->deriv].wrt)
		focus_note(tz, v, INFDIAG_NONE);
}

/* The variable a node draws: its ID, or the part before '@' in the
 * decomposition view. */
static uint32_t
node_var(struct tikz *tz, Agnode_t *n)
{
	const char	*id = agnameof(n);

	return model_lookup(tz->m, id, strcspn(id, "@"));
}

/* Writes one node at its place, with its shape, colours and text. */
static void
write_node(struct tikz *tz, Agnode_t *n)
{
	struct strbuf	*sb = &tz->w.sb, opt = STRBUF_INIT;
	const char	*shape = ND_shape(n) != NULL ? ND_shape(n)->name : "";
	uint32_t	 v = node_var(tz, n);

	if (v == INFDIAG_NONE)
		return;
	strbuf_add(&opt, strcmp(shape, "box") == 0 ? "rectangle" :
	    "ellipse");
	if (has_style(n, "rounded"))
		strbuf_add(&opt, ",rounded corners=6bp");
	if (has_style(n, "dashed"))
		strbuf_add(&opt, ",dashed");
	if (strcmp(gv_get(n, "peripheries"), "2") == 0)
		strbuf_add(&opt, ",double,double distance=2bp");
	strbuf_add(&opt, ",draw=");
	colour(tz, &opt, gv_get(n, "color"));
	if (has_style(n, "filled")) {
		strbuf_add(&opt, ",fill=");
		colour(tz, &opt, gv_get(n, "fillcolor"));
	}
	strbuf_add(&opt, ",text=");
	colour(tz, &opt, gv_get(n, "fontcolor"));
	strbuf_addf(&opt, ",minimum width=%.2fbp,minimum height=%.2fbp",
	    ND_width(n) * 72 * tz->scale, ND_height(n) * 72 * tz->scale);
	strbuf_addf(sb, "\\node[infdiag node,%s] (%s) at ", strbuf_str(&opt),
	    agnameof(n));
	put_point(tz, sb, ND_coord(n));
	strbuf_add(sb, " {");
	node_text(tz, v);
	strbuf_add(sb, "};\n");
	if (strbuf_failed(&opt))
		tz->w.nomem = 1;
	strbuf_release(&opt);
}

/* Appends an arrow's curve: each of its Bézier pieces, from the start
 * point or to the end point of an arrow tip. */
static void
curve(struct tikz *tz, struct strbuf *sb, Agedge_t *e)
{
	const splines	*spl = ED_spl(e);
	const bezier	*bz;
	int		 i, k;

	for (i = 0; spl != NULL && i < spl->size; i++) {
		bz = &spl->list[i];
		if (bz->size < 1)
			continue;
		if (i > 0)
			strbuf_add(sb, " ");
		if (bz->sflag) {
			put_point(tz, sb, bz->sp);
			strbuf_add(sb, " -- ");
		}
		put_point(tz, sb, bz->list[0]);
		for (k = 1; k + 2 < bz->size; k += 3) {
			strbuf_add(sb, " .. controls ");
			put_point(tz, sb, bz->list[k]);
			strbuf_add(sb, " and ");
			put_point(tz, sb, bz->list[k + 1]);
			strbuf_add(sb, " .. ");
			put_point(tz, sb, bz->list[k + 2]);
		}
		if (bz->eflag) {
			strbuf_add(sb, " -- ");
			put_point(tz, sb, bz->ep);
		}
	}
}

/* Appends an arrow's line style and tip. */
static void
arrow_style(struct strbuf *sb, Agedge_t *e)
{
	const char	*head = gv_get(e, "arrowhead");

	if (strcmp(gv_get(e, "dir"), "none") == 0)
		strbuf_add(sb, "-");
	else if (head != NULL && strcmp(head, "tee") == 0)
		strbuf_add(sb, "-{Bar[width=8bp]}");
	else
		strbuf_add(sb, "-{Stealth[length=7bp]}");
	if (has_style(e, "dashed"))
		strbuf_add(sb, ",dashed");
	else if (has_style(e, "dotted"))
		strbuf_add(sb, ",dotted");
	strbuf_addf(sb, ",line width=%sbp", gv_get(e, "penwidth"));
}

/* The coloured paths an arrow is on, as a mask over the path colours,
 * read back from its colour list ("#a:#b"). */
static unsigned
arrow_paths(Agedge_t *e)
{
	const char	*s = gv_get(e, "color"), *c;
	unsigned	 mask = 0;
	uint32_t	 k;

	while (s != NULL && *s != '\0') {
		for (k = 0; (c = diagram_path_colour(k)) != NULL; k++) {
			if (strncasecmp(s, c, strlen(c)) == 0 &&
			    (s[strlen(c)] == '\0' || s[strlen(c)] == ':'))
				mask |= 1u << k;
		}
		s += strcspn(s, ":");
		s += *s == ':';
	}
	return mask;
}

/* Appends one \draw of an arrow in a colour; dashes of the others of
 * its colour list over it, so that an arrow on several paths shows them
 * all. */
static void
draw_arrow(struct tikz *tz, Agedge_t *e, const char *colours,
    const char *extra)
{
	struct strbuf	*sb = &tz->w.sb, style = STRBUF_INIT, c = STRBUF_INIT;
	size_t		 n = 1, i, len;
	const char	*s;

	for (s = colours; *s != '\0'; s++)
		n += *s == ':';
	for (i = 0, s = colours; i < n; i++, s += len + 1) {
		len = strcspn(s, ":");
		strbuf_truncate(&c, 0);
		strbuf_addn(&c, s, len);
		strbuf_truncate(&style, 0);
		arrow_style(&style, e);
		strbuf_add(&style, ",draw=");
		colour(tz, &style, strbuf_str(&c));
		if (i > 0)
			strbuf_addf(&style, ",dash pattern=on 4bp off %zubp,"
			    "dash phase=%zubp", 4 * (n - 1), 4 * i);
		strbuf_addf(sb, "\\draw[%s%s] ", strbuf_str(&style), extra);
		curve(tz, sb, e);
		strbuf_add(sb, ";\n");
	}
	if (strbuf_failed(&style) || strbuf_failed(&c))
		tz->w.nomem = 1;
	strbuf_release(&style);
	strbuf_release(&c);
}

/* Appends the overlay specification of the overlays a mask of
 * highlighted paths picks among tz's, "4,6"; or of those it leaves. */
static void
overlay_list(struct tikz *tz, struct strbuf *sb, unsigned mask, int in)
{
	uint32_t	k;
	int		first = 1;

	for (k = 0; k < tz->noverlays; k++) {
		if (!(mask & (1u << k)) != !in)
			continue;
		strbuf_addf(sb, "%s%u", first ? "" : ",", tz->t->overlay + k);
		first = 0;
	}
}

/* Writes an arrow of the paths view with overlays: in path k's colour
 * alone and thick on overlay overlay + k when it is on path k, dimmed on
 * the overlays of the paths it is not on, plain on every other overlay.
 * \alt names no overlay after the last highlighted, so that the picture
 * adds none to its frame. */
static void
arrow_overlays(struct tikz *tz, Agedge_t *e, const char *colours)
{
	struct strbuf	*sb = &tz->w.sb;
	unsigned	 mask = arrow_paths(e), all, first = tz->t->overlay;
	uint32_t	 k, n = tz->noverlays;

	all = n >= 32 ? ~0u : (1u << n) - 1;
	strbuf_addf(sb, "\\alt<%u-%u>{%%\n", first, first + n - 1);
	for (k = 0; k < n; k++) {
		if (!(mask & (1u << k)))
			continue;
		strbuf_addf(sb, "\\only<%u>{", first + k);
		draw_arrow(tz, e, diagram_path_colour(k), ",line width=3bp");
		strbuf_add(sb, "}%\n");
	}
	if ((mask & all) != all) {
		strbuf_add(sb, "\\only<");
		overlay_list(tz, sb, mask, 0);
		strbuf_add(sb, ">{");
		draw_arrow(tz, e, colours, ",opacity=0.2");
		strbuf_add(sb, "}%\n");
	}
	strbuf_add(sb, "}{");
	draw_arrow(tz, e, colours, "");
	strbuf_add(sb, "}\n");
}

/* Appends the text of the arrow into v from its input in slot, as the
 * diagrams write it: the local derivative, its formula and value, and
 * when note is set the inputs of v that focus leaves out. */
static void
arrow_text(struct tikz *tz, Agedge_t *e, uint32_t v, uint32_t slot,
    int note)
{
	const struct infdiag_model	*m = tz->m;
	const struct numbers		*num = tz->a->num;
	struct strbuf			*sb = &tz->w.sb;
	uint32_t			 pos = m->in_off[v] + slot, k;
	unsigned			 mask;

	if (strcmp(gv_get(e, "arrowhead"), "tee") == 0)
		strbuf_add(sb, "cut: ");
	strbuf_add(sb, "$");
	note_local(sb, m, v, m->in_idx[pos], STYLE_LATEX);
	if (num != NULL && num->dexpr[pos] != NULL) {
		strbuf_add(sb, " = ");
		note_expr(sb, m, v, num->dexpr[pos], STYLE_LATEX);
	}
	if (num != NULL && num->local_known[v]) {
		strbuf_add(sb, num->dexpr[pos] != NULL ? "$\\\\ $= " : " = ");
		tikz_number(tz, sb, num->local[pos]);
	}
	strbuf_add(sb, "$");
	if (note)
		focus_note(tz, v, tz->o->view == INFDIAG_VIEW_DECOMPOSITION ?
		    v : INFDIAG_NONE);
	mask = tz->o->view == INFDIAG_VIEW_PATHS ? arrow_paths(e) : 0;
	for (k = 0; mask != 0 && diagram_path_colour(k) != NULL; k++) {
		if (!(mask & (1u << k)))
			continue;
		strbuf_add(sb, mask & ((1u << k) - 1) ? ", " : "\\\\ path ");
		strbuf_add(sb, "\\textbf{\\color{");
		colour(tz, sb, diagram_path_colour(k));
		strbuf_addf(sb, "}%u}", k + 1);
	}
}

/* Writes an arrow: its curve and tip, and its text at the label's
 * place, with the focus note when note is set (the first arrow drawn
 * into v, as in the other renderings); slot is INFDIAG_NONE for an arrow
 * without text. */
static void
write_arrow(struct tikz *tz, Agedge_t *e, uint32_t v, uint32_t slot,
    int note)
{
	struct strbuf	*sb = &tz->w.sb, c = STRBUF_INIT;
	textlabel_t	*l = ED_label(e) != NULL ? ED_label(e) : ED_xlabel(e);

	if (tz->t->overlay > 0 && tz->noverlays > 0 &&
	    tz->o->view == INFDIAG_VIEW_PATHS)
		arrow_overlays(tz, e, gv_get(e, "color"));
	else
		draw_arrow(tz, e, gv_get(e, "color"), "");
	if (slot == INFDIAG_NONE || l == NULL || !l->set)
		return;
	colour(tz, &c, gv_get(e, "fontcolor"));
	strbuf_addf(sb, "\\node[infdiag label,text=%s] at ", strbuf_str(&c));
	put_point(tz, sb, l->pos);
	strbuf_add(sb, " {");
	arrow_text(tz, e, v, slot, note);
	strbuf_add(sb, "};\n");
	if (strbuf_failed(&c))
		tz->w.nomem = 1;
	strbuf_release(&c);
}

/* The node drawing u, in the subgraph of sink s in the decomposition
 * view (s is INFDIAG_NONE elsewhere); NULL when the view has none. */
static Agnode_t *
find_node(struct tikz *tz, Agraph_t *g, uint32_t u, uint32_t s)
{
	struct strbuf	 id = STRBUF_INIT;
	Agnode_t	*n = NULL;

	if (s == INFDIAG_NONE)
		return agnode(g, (char *)tz->m->vars[u].name, 0);
	strbuf_addf(&id, "%s@%s", tz->m->vars[u].name, tz->m->vars[s].name);
	if (strbuf_failed(&id))
		tz->w.nomem = 1;
	else
		n = agnode(g, id.s, 0);
	strbuf_release(&id);
	return n;
}

/* Writes every arrow of the view, each once, with its text: into each
 * variable from its inputs (in the decomposition view, inside the
 * variable's subgraph), then the decomposition's links from a sink to
 * its copies. */
static void
write_arrows(struct tikz *tz, Agraph_t *g)
{
	const struct infdiag_model	*m = tz->m;
	int				 dec = tz->o->view ==
					    INFDIAG_VIEW_DECOMPOSITION;
	Agnode_t			*h, *t;
	Agedge_t			*e;
	uint32_t			 v, i;
	int				 noted;

	for (v = 0; v < m->nvars; v++) {
		h = find_node(tz, g, v, dec ? v : INFDIAG_NONE);
		noted = 0;
		for (i = m->in_off[v]; h != NULL && i < m->in_off[v + 1];
		    i++) {
			t = find_node(tz, g, m->in_idx[i], dec ? v :
			    INFDIAG_NONE);
			if (t == NULL || (e = agedge(g, t, h, NULL, 0)) == NULL)
				continue;
			write_arrow(tz, e, v, i - m->in_off[v], !noted);
			noted = 1;
		}
		for (i = m->out_off[v]; dec && h != NULL &&
		    i < m->out_off[v + 1]; i++) {
			t = find_node(tz, g, v, m->out_idx[i]);
			if (t != NULL && (e = agedge(g, h, t, NULL, 0)) != NULL)
				write_arrow(tz, e, v, INFDIAG_NONE, 0);
		}
	}
}

/* Writes the decomposition's subgraphs: a rounded box each, labelled
 * with its sink's perturbation rule. */
static void
write_clusters(struct tikz *tz, Agraph_t *g)
{
	struct strbuf	*sb = &tz->w.sb;
	Agraph_t	*sub;
	boxf		 bb;
	uint32_t	 v;
	int		 i;

	for (i = 1; i <= GD_n_cluster(g); i++) {
		sub = GD_clust(g)[i];
		bb = GD_bb(sub);
		v = model_lookup(tz->m, agnameof(sub) + strlen("cluster_"),
		    strlen(agnameof(sub) + strlen("cluster_")));
		strbuf_add(sb, "\\draw[rounded corners=6bp,draw=");
		colour(tz, sb, gv_get(sub, "color"));
		strbuf_add(sb, "] ");
		put_point(tz, sb, bb.LL);
		strbuf_add(sb, " rectangle ");
		put_point(tz, sb, bb.UR);
		if (v != INFDIAG_NONE && GD_label(sub) != NULL) {
			strbuf_add(sb, " ");
			put_point(tz, sb, GD_label(sub)->pos);
			strbuf_add(sb, " node[infdiag label] {$");
			note_rule(sb, tz->m, v, STYLE_LATEX);
			strbuf_add(sb, "$}");
		}
		strbuf_add(sb, ";\n");
	}
}

/* Writes the title at the top of the room Graphviz made for the graph's
 * label, or above the picture. */
static void
write_title(struct tikz *tz, Agraph_t *g)
{
	const struct infdiag_model	*m = tz->m;
	struct strbuf			*sb = &tz->w.sb;
	boxf				 bb = GD_bb(g);
	pointf				 at;

	if (m->title == NULL || tz->o->no_title)
		return;
	at.x = (bb.LL.x + bb.UR.x) / 2;
	at.y = bb.UR.y;
	strbuf_add(sb, "\\node[anchor=north,font=\\bfseries] at ");
	put_point(tz, sb, at);
	strbuf_add(sb, " {");
	writer_plain(&tz->w, m->title, PLAIN_LATEX);
	strbuf_add(sb, "};\n");
}

/* The scale of a picture of the layout's box: 1, or less for a picture
 * bigger than TeX can draw. */
static double
picture_scale(boxf bb)
{
	double	size = bb.UR.x - bb.LL.x;

	if (bb.UR.y - bb.LL.y > size)
		size = bb.UR.y - bb.LL.y;
	return size > TIKZ_MAX_SIZE ? TIKZ_MAX_SIZE / size : 1;
}

/* Draws the laid-out graph as the body of a tikzpicture. */
static int
draw_picture(GVC_t *gvc, Agraph_t *g, void *ctx, struct infdiag_error *err)
{
	struct tikz	*tz = ctx;
	struct strbuf	*sb = &tz->w.sb;
	boxf		 bb = GD_bb(g);
	Agnode_t	*n;

	(void)gvc;
	tz->g = g;
	tz->bb = bb;
	tz->scale = picture_scale(bb);
	strbuf_add(sb, "\\useasboundingbox ");
	put_point(tz, sb, bb.LL);
	strbuf_add(sb, " rectangle ");
	put_point(tz, sb, bb.UR);
	strbuf_add(sb, ";\n");
	write_title(tz, g);
	write_clusters(tz, g);
	write_arrows(tz, g);
	for (n = agfstnode(g); n != NULL; n = agnxtnode(g, n))
		write_node(tz, n);
	if (tz->w.nomem || strbuf_failed(sb) || strbuf_failed(&tz->defs)) {
		error_nomem(err);
		return -1;
	}
	return 0;
}

/* Appends the document or the fragment's comment before the picture. */
static void
head(struct tikz *tz, struct strbuf *out, double width, double height)
{
	if (!tz->t->standalone) {
		strbuf_add(out, "% infdiag's TikZ picture: needs "
		    "\\usepackage{amsmath,tikz} and\n"
		    "% \\usetikzlibrary{arrows.meta,shapes.geometric}\n");
		return;
	}
	strbuf_addf(out, "\\documentclass{article}\n"
	    "\\usepackage{amsmath}\n"
	    "\\usepackage{tikz}\n"
	    "\\usetikzlibrary{arrows.meta,shapes.geometric}\n"
	    "\\usepackage[paperwidth=%.0fbp,paperheight=%.0fbp,"
	    "margin=%dbp]{geometry}\n"
	    "\\pagestyle{empty}\n"
	    "\\begin{document}\n"
	    "\\noindent\n", ceil(width) + 2 * TIKZ_MARGIN,
	    ceil(height) + 2 * TIKZ_MARGIN + TIKZ_SLACK, TIKZ_MARGIN);
}

/* Appends the whole picture to out: its colours, then its body. */
static void
assemble(struct tikz *tz, struct strbuf *out)
{
	boxf	bb = tz->bb;

	head(tz, out, (bb.UR.x - bb.LL.x) * tz->scale,
	    (bb.UR.y - bb.LL.y) * tz->scale);
	strbuf_add(out, "\\begin{tikzpicture}[x=1bp,y=1bp,"
	    "infdiag node/.style={inner sep=1bp,align=center,font=\\small},"
	    "infdiag label/.style={inner sep=1bp,align=center,"
	    "font=\\scriptsize}");
	if (tz->scale < 1)
		strbuf_addf(out, ",every node/.append style={scale=%.4f}",
		    tz->scale);
	strbuf_add(out, "]\n");
	strbuf_addn(out, strbuf_str(&tz->defs), tz->defs.len);
	strbuf_addn(out, strbuf_str(&tz->w.sb), tz->w.sb.len);
	strbuf_add(out, "\\end{tikzpicture}\n");
	if (tz->t->standalone)
		strbuf_add(out, "\\end{document}\n");
}

/* Lays out view o->view and appends it to sb as a tikzpicture, or as a
 * document. */
int
tikz_write(struct strbuf *sb, const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, const struct tikz_options *t,
    struct infdiag_error *err)
{
	struct tikz	tz;
	int		rc;

	error_init(err, infdiag_model_source(a->m));
	memset(&tz, 0, sizeof(tz));
	tz.a = a;
	tz.m = a->m;
	tz.o = o;
	tz.t = t;
	tz.scale = 1;
	tz.focus = o->focus && o->deriv < a->nwrt;
	tz.noverlays = t->noverlays < DIAGRAM_MAX_COLOURS ? t->noverlays :
	    DIAGRAM_MAX_COLOURS;
	writer_begin(&tz.w, a, NULL, STYLE_LATEX);
	if ((rc = render_laid_out(a, o, draw_picture, &tz, err)) == 0) {
		assemble(&tz, sb);
		if (strbuf_failed(sb)) {
			error_nomem(err);
			rc = -1;
		}
	}
	strbuf_release(&tz.defs);
	if (writer_end(&tz.w) != 0 && rc == 0) {
		error_nomem(err);
		rc = -1;
	}
	return rc;
}

/* Keeps the size of the laid-out graph's picture, for tikz_size(). */
static int
measure(GVC_t *gvc, Agraph_t *g, void *ctx, struct infdiag_error *err)
{
	double	*size = ctx;
	boxf	 bb = GD_bb(g);

	(void)gvc;
	(void)err;
	size[0] = (bb.UR.x - bb.LL.x) * picture_scale(bb);
	size[1] = (bb.UR.y - bb.LL.y) * picture_scale(bb);
	return 0;
}

/* Lays out view o->view and gives the size of its picture. */
int
tikz_size(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, double *width, double *height,
    struct infdiag_error *err)
{
	double	size[2] = { 0, 0 };

	error_init(err, infdiag_model_source(a->m));
	if (render_laid_out(a, o, measure, size, err) != 0)
		return -1;
	*width = size[0];
	*height = size[1];
	return 0;
}
