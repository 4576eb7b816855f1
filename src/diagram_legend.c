/*
 * The diagrams' own label: the title, the description and the legend,
 * which says what the marks, colours and cut arrows of a view mean and,
 * in the paths view, lists the coloured paths with their terms.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "analysis.h"
#include "diagram_impl.h"
#include "layout.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"

/* How wide the description runs before it wraps, in characters, and the
 * most of it drawn. */
#define WRAP_WIDTH		90
#define LABEL_DESCRIPTION_MAX	(8 * WRAP_WIDTH)

/* Appends model text escaped, cut at LABEL_DESCRIPTION_MAX and broken
 * into lines at spaces. */
static void
html_wrap(struct strbuf *sb, const char *text)
{
	size_t		 len = strlen(text);
	size_t		 keep = note_gv_cut_length(text, len,
			    LABEL_DESCRIPTION_MAX);
	const char	*s = text, *stop = text + keep, *end;
	size_t		 col = 0, w, i;

	while (s < stop) {
		if ((end = memchr(s, ' ', (size_t)(stop - s))) == NULL)
			end = stop;
		for (w = 0, i = 0; s + i < end; i++)
			w += ((unsigned char)s[i] & 0xc0) != 0x80;
		if (col > 0 && col + 1 + w > WRAP_WIDTH) {
			strbuf_add(sb, "<br/>");
			col = 0;
		} else if (col > 0) {
			strbuf_addc(sb, ' ');
			col++;
		}
		note_gv_textn(sb, s, (size_t)(end - s));
		col += w;
		for (s = end; s < stop && *s == ' '; s++)
			continue;
	}
	if (keep < len)
		strbuf_add(sb, "…");
}


#define ROW_OPEN	"<tr><td align=\"left\"><font point-size=\"12\">"

/* Starts a row of the legend. */
static void
row_open(struct dg *dg)
{
	strbuf_add(&dg->legend, ROW_OPEN);
	dg->row = dg->legend.len;
}

/* Ends a row of the legend, dropping it when empty: Graphviz's HTML
 * grammar rejects an empty <font> element. */
static void
row_close(struct dg *dg)
{
	if (dg->legend.len == dg->row && !strbuf_failed(&dg->legend))
		strbuf_truncate(&dg->legend, dg->row - strlen(ROW_OPEN));
	else
		strbuf_add(&dg->legend, "</font></td></tr>");
}

/* Adds the rows that say which mark is the input and which the output. */
static void
legend_marks(struct dg *dg)
{
	const struct infdiag_analysis	*a = dg->a;
	struct strbuf			*L = &dg->legend;
	uint32_t			 k;

	row_open(dg);
	strbuf_add(L, "<font color=\"" OF_LINE "\">■</font> output ");
	note_symbol(L, dg->m, a->of, STYLE_GV_HTML);
	if (a->nwrt > 0) {
		strbuf_add(L, "   <font color=\"" WRT_LINE "\">■</font> "
		    "with respect to ");
		for (k = 0; k < a->nwrt; k++) {
			if (k > 0)
				strbuf_add(L, ", ");
			note_symbol(L, dg->m, a->d[k].wrt, STYLE_GV_HTML);
		}
	}
	row_close(dg);
	if (a->num != NULL && numbers_any(a)) {
		row_open(dg);
		strbuf_add(L, "numbers at the model's point: each value, and d");
		note_symbol(L, dg->m, a->of, STYLE_GV_HTML);
		strbuf_add(L, "/dv by one reverse sweep (the adjoint)");
		row_close(dg);
	}
}

/* Adds "dy/dx = value" (and the partial) when the numbers give them. */
static void
legend_values(struct dg *dg, int partial)
{
	const struct deriv	*d = dg->d;
	struct strbuf		*L = &dg->legend;

	if (d == NULL || !d->num.has_value)
		return;
	row_open(dg);
	note_total(L, dg->m, dg->a->of, d->wrt, STYLE_GV_HTML);
	strbuf_add(L, " = ");
	diagram_html_number(dg, L, d->num.forward);
	if (partial && d->num.has_partial) {
		strbuf_add(L, "   ∂");
		note_symbol(L, dg->m, dg->a->of, STYLE_GV_HTML);
		strbuf_add(L, "/∂");
		note_symbol(L, dg->m, d->wrt, STYLE_GV_HTML);
		strbuf_add(L, " = ");
		diagram_html_number(dg, L, d->num.partial);
	}
	row_close(dg);
}

/* Adds the row of the next coloured path: its colour and number, its
 * variables, its term, and with numbers the term's value. */
static void
legend_path(struct dg *dg, const uint32_t *path, uint32_t n)
{
	const struct infdiag_model	*m = dg->m;
	const struct numbers		*num = dg->a->num;
	struct strbuf			*L = &dg->legend;
	uint32_t			 j;
	int				 known = num != NULL;

	row_open(dg);
	strbuf_addf(L, "<font color=\"%s\">%s <b>%u.</b></font> ",
	    diagram_path_colour(dg->ncoloured),
	    diagram_path_mark(dg->ncoloured), dg->ncoloured + 1);
	for (j = 0; j < n; j++) {
		if (j > 0)
			strbuf_add(L, " → ");
		note_symbol(L, m, path[j], STYLE_GV_HTML);
	}
	strbuf_add(L, ":  ");
	if (n == 1)
		strbuf_addc(L, '1');
	for (j = n - 1; j >= 1; j--) {
		if (j < n - 1)
			strbuf_add(L, "·");
		note_local(L, m, path[j], path[j - 1], STYLE_GV_HTML);
		if (!known || !num->local_known[path[j]])
			known = 0;
	}
	if (known) {
		strbuf_add(L, " = ");
		diagram_html_number(dg, L,
		    numbers_path_term(dg->a, path, n));
	}
	row_close(dg);
}

/* The legend of the paths view: one row per coloured path, numbered as
 * the expanded formula numbers its terms, with its term. */
static int
legend_paths(struct dg *dg)
{
	const struct infdiag_model	*m = dg->m;
	struct strbuf			*L = &dg->legend;
	struct path_iter		*it;
	const uint32_t			*path;
	uint32_t			 n, j, i, cap;
	int				 rc;

	row_open(dg);
	analysis_count_str(L, dg->a, dg->d->wrt, 0);
	strbuf_add(L, " influence paths from ");
	note_symbol(L, m, dg->d->wrt, STYLE_GV_HTML);
	strbuf_add(L, " to ");
	note_symbol(L, m, dg->a->of, STYLE_GV_HTML);
	strbuf_add(L, ", numbered as the terms of ");
	note_total(L, m, dg->a->of, dg->d->wrt, STYLE_GV_HTML);
	row_close(dg);
	cap = dg->a->max_paths < DIAGRAM_MAX_COLOURS ?
	    (uint32_t)dg->a->max_paths : DIAGRAM_MAX_COLOURS;
	if ((it = paths_begin(dg->a, dg->d)) == NULL)
		return -1;
	while ((rc = paths_next(it, &path, &n)) == 1) {
		if (dg->ncoloured == cap) {
			dg->more = 1;
			break;
		}
		for (j = 0; j + 1 < n; j++) {
			for (i = m->in_off[path[j + 1]];
			    m->in_idx[i] != path[j]; i++)
				continue;
			dg->mask[i] |= 1u << dg->ncoloured;
		}
		legend_path(dg, path, n);
		dg->ncoloured++;
	}
	paths_end(it);
	return rc < 0 ? -1 : 0;
}

/* Says what becomes of the variables on no path of the derivative
 * drawn: grey, or with focus left out, their arrows noted. */
static void
legend_off_path(struct dg *dg)
{
	struct strbuf	*L = &dg->legend;

	strbuf_add(L, dg->focus ? "only the variables on a path from " :
	    "grey: on no path from ");
	note_symbol(L, dg->m, dg->d->wrt, STYLE_GV_HTML);
	strbuf_add(L, " to ");
	note_symbol(L, dg->m, dg->a->of, STYLE_GV_HTML);
	if (dg->focus)
		strbuf_add(L, " are drawn: an arrow notes the inputs left out");
}

/* The legend of a view, after the marks. */
static int
legend_view(struct dg *dg)
{
	const struct infdiag_model	*m = dg->m;
	struct strbuf			*L = &dg->legend;

	legend_marks(dg);
	row_open(dg);
	switch (dg->view) {
	case INFDIAG_VIEW_FULL:
		strbuf_add(L, "each arrow p → v carries the local derivative "
		    "∂v/∂p (dv/dp when p is v's only input)");
		break;
	case INFDIAG_VIEW_PATHS:
		if (dg->d == NULL) {
			strbuf_add(L, "no variable to differentiate with "
			    "respect to: no paths");
			break;
		}
		legend_off_path(dg);
		row_close(dg);
		if (legend_paths(dg) != 0)
			return -1;
		row_open(dg);
		if (dg->more)
			strbuf_addf(L, "only the first %u paths are coloured "
			    "(at most %u colours, --max-paths %zu):<br "
			    "align=\"left\"/>black arrows are on the others",
			    dg->ncoloured,
			    DIAGRAM_MAX_COLOURS, dg->a->max_paths);
		break;
	case INFDIAG_VIEW_PARTIAL:
		if (dg->d == NULL) {
			strbuf_add(L, "no variable to differentiate with "
			    "respect to");
			break;
		}
		strbuf_add(L, "∂");
		note_symbol(L, m, dg->a->of, STYLE_GV_HTML);
		strbuf_add(L, "/∂");
		note_symbol(L, m, dg->d->wrt, STYLE_GV_HTML);
		if (dg->d->direct)
			strbuf_add(L, " is the direct arrow alone (red): every "
			    "other route is cut ✂,<br align=\"left\"/>its "
			    "variables held fixed (dashed); ");
		else
			strbuf_add(L, " = 0: there is no direct arrow, every "
			    "route is indirect and cut ✂;<br align=\"left\"/>");
		note_total(L, m, dg->a->of, dg->d->wrt, STYLE_GV_HTML);
		strbuf_add(L, " adds the cut routes back");
		break;
	case INFDIAG_VIEW_DECOMPOSITION:
		strbuf_add(L, "one cluster per sink subgraph (a variable and "
		    "its inputs), labelled with its perturbation rule;<br "
		    "align=\"left\"/>a variable is drawn in each subgraph it "
		    "belongs to, and dotted lines join a sink to its copies");
		break;
	}
	layout_legend(L, dg->nodes, dg->edges);
	row_close(dg);
	if (dg->focus && dg->view != INFDIAG_VIEW_PATHS) {
		row_open(dg);
		legend_off_path(dg);
		row_close(dg);
	}
	legend_values(dg, dg->view == INFDIAG_VIEW_PARTIAL);
	return 0;
}

/* Sets the graph's label: the title, the description and the legend. */
int
diagram_label_graph(struct dg *dg)
{
	const struct infdiag_model	*m = dg->m;
	struct strbuf			*sb = &dg->sb;

	/* The legend is made even when left out: it colours the paths. */
	if (legend_view(dg) != 0)
		return -1;
	if (strbuf_failed(&dg->legend))
		dg->failed = 1;
	if (dg->o->no_legend)
		strbuf_truncate(&dg->legend, 0);
	if (dg->legend.len == 0 && (dg->o->no_title ||
	    (m->title == NULL && m->description == NULL)))
		return 0;	/* no label: an empty table is not HTML */
	strbuf_add(sb, "<table border=\"0\" cellborder=\"0\" "
	    "cellspacing=\"1\">");
	if (m->title != NULL && !dg->o->no_title) {
		strbuf_add(sb, "<tr><td><font point-size=\"16\"><b>");
		note_gv_text(sb, m->title, strlen(m->title),
		    NOTE_GV_TEXT_MAX);
		strbuf_add(sb, "</b></font></td></tr>");
	}
	if (m->description != NULL && !dg->o->no_title) {
		strbuf_add(sb, "<tr><td><font point-size=\"10\">");
		html_wrap(sb, m->description);
		strbuf_add(sb, "</font></td></tr>");
	}
	strbuf_addn(sb, strbuf_str(&dg->legend), dg->legend.len);
	strbuf_add(sb, "</table>");
	diagram_set_html(dg, dg->g, "label");
	return 0;
}

