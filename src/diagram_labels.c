/*
 * The diagrams' nodes and arrows: their labels, in the notation's
 * Graphviz style (θ̂₁,₁, pretty formulas), and their marks and colours.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "diagram_impl.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"

/*
 * The paths' looks.  The colours are Okabe and Ito's blue, vermillion,
 * bluish green and reddish purple, then a dark red and a magenta chosen
 * to stay apart from them: every pair is at least 12 CIEDE2000 apart in
 * normal vision and in simulated protanopia, deuteranopia and
 * tritanopia, each has at least 3:1 contrast on white, and none is grey
 * or black (tests/unit/test_palette.c).  Each path also has its own line,
 * dash pattern and width, so that it can be told in grey print.
 */
static const struct {
	const char	*colour;
	const char	*style;
	const char	*penwidth;
	const char	*mark;		/* its line in the legend */
} looks[DIAGRAM_MAX_COLOURS] = {
	{ "#0072b2", "solid", "2", "━━━" },
	{ "#d55e00", "dashed", "2", "╺╸╺╸" },
	{ "#009e73", "dotted", "3", "┉┉┉" },
	/* "▬▬▬" left gaps between its glyphs, reading as dashed like
	 * path 5's "▬ ▬": small full blocks join into one thick line. */
	{ "#cc79a7", "solid", "4", "<font point-size=\"7\">████████</font>" },
	{ "#991100", "dashed", "4", "▬ ▬" },
	{ "#aa2277", "dotted", "4.5", "▪▪▪" }
};

/* The colour of path k (from 0) in the paths view. */
const char *
diagram_path_colour(uint32_t k)
{
	return k < DIAGRAM_MAX_COLOURS ? looks[k].colour : NULL;
}

/* The dash pattern of path k's arrows. */
const char *
diagram_path_style(uint32_t k)
{
	return k < DIAGRAM_MAX_COLOURS ? looks[k].style : NULL;
}

/* The pen width of path k's arrows. */
const char *
diagram_path_penwidth(uint32_t k)
{
	return k < DIAGRAM_MAX_COLOURS ? looks[k].penwidth : NULL;
}

/* The line of path k drawn in the legend, HTML-like markup. */
const char *
diagram_path_mark(uint32_t k)
{
	return k < DIAGRAM_MAX_COLOURS ? looks[k].mark : NULL;
}

/* Appends a number to the diagram's digits. */
void
diagram_html_number(const struct dg *dg, struct strbuf *sb, double x)
{
	note_number_digits(sb, x, dg->digits, STYLE_TEXT);
}

/* Says whether v is drawn. */
int
diagram_drawn(const struct dg *dg, uint32_t v)
{
	return !dg->focus || (dg->role[v] & ROLE_ON_PATH);
}

/* Lists the inputs of v that a picture leaves out. */
uint32_t
diagram_left_out(const struct infdiag_model *m, uint32_t v,
    diagram_drawn_fn *drawn, const void *ctx,
    uint32_t names[DIAGRAM_NOTE_NAMES], int *other)
{
	uint32_t	i, n = 0;

	*other = 0;
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (drawn(ctx, m->in_idx[i]))
			*other = 1;
		else if (n++ < DIAGRAM_NOTE_NAMES)
			names[n - 1] = m->in_idx[i];
	}
	return n;
}

/* Says whether v is drawn in dg's picture, for diagram_left_out(). */
static int
drawn_in(const void *dg, uint32_t v)
{
	return diagram_drawn(dg, v);
}

/* Appends the note of v's inputs that are not drawn. */
void
diagram_focus_note(struct dg *dg, uint32_t v)
{
	struct strbuf	*sb = &dg->sb;
	uint32_t	 names[DIAGRAM_NOTE_NAMES], n, k;
	int		 other;

	if ((n = diagram_left_out(dg->m, v, drawn_in, dg, names,
	    &other)) == 0)
		return;
	strbuf_addf(sb, "<br/><font color=\"%s\">+ %u %s%s: ", GREY_TEXT,
	    n, other ? "other " : "", note_noun(n, "input", "inputs"));
	for (k = 0; k < n && k < DIAGRAM_NOTE_NAMES; k++) {
		strbuf_add(sb, k > 0 ? ", " : "");
		note_symbol(sb, dg->m, names[k], STYLE_GV_HTML);
	}
	strbuf_add(sb, n > DIAGRAM_NOTE_NAMES ? ", …</font>" : "</font>");
}

/* Appends a function's name (an "fn") escaped and cut. */
static void
fn_text(void *ctx, struct strbuf *sb, const char *s)
{
	(void)ctx;
	note_gv_text(sb, s, strlen(s), NOTE_GV_TEXT_MAX);
}

/* Appends an expression of v's inputs pretty-printed, cut at
 * NOTE_GV_FORMULA_MAX characters. */
static void
formula(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    const struct expr *e)
{
	struct strbuf	f = STRBUF_INIT;

	note_expr(&f, m, v, e, STYLE_GV_HTML);
	if (strbuf_failed(&f))
		sb->failed = 1;
	note_gv_markup(sb, strbuf_str(&f), f.len, NOTE_GV_FORMULA_MAX);
	strbuf_release(&f);
}

/*
 * Lines that hold their scripts.  Graphviz makes a line of an HTML-like
 * label as tall as its fonts, and draws <sub> and <sup> shifted by about
 * a third of their size, into the line below or above.  Most scripts are
 * Unicode characters (notation_gv.c) and need nothing; a line that has a
 * <sub> or <sup>, or below the first line a combining accent (the hat
 * of ϕ̂, which rises above the line's box into the line above), gets a
 * strut, a no-break space in
 * a font taller than the line's, so that it is laid out with room above
 * and below.
 */

/* A label's font size when no <font> says otherwise, how much taller
 * than its line a strut is, and how deep <font> elements are followed. */
#define LABEL_FONT_SIZE		14.0
#define STRUT_SCALE		1.6
#define STRUT_MAX_DEPTH		16

/* A label being copied with struts. */
struct strut {
	struct strbuf	*out;
	double		 size[STRUT_MAX_DEPTH];
	int		 depth;
	double		 line_size;	/* the largest font of the line */
	int		 script;	/* the line has a <sub> or <sup> */
	int		 accent;	/* the line has a combining accent */
	int		 lines;		/* lines ended in the cell */
};

/* Ends a line: appends its strut when it has a script. */
static void
strut_line_end(struct strut *st)
{
	if (st->script || (st->accent && st->lines > 0))
		strbuf_addf(st->out, "<font point-size=\"%.0f\">&#160;</font>",
		    st->line_size * STRUT_SCALE);
	st->script = 0;
	st->accent = 0;
	st->line_size = 0;
	st->lines++;
}

/* Follows a tag of n bytes at s: lines, scripts and font sizes. */
static void
strut_tag(struct strut *st, const char *s, size_t n)
{
	const char	*ps;
	double		 size = st->size[st->depth];

	if (strncmp(s, "<br", 3) == 0 || strncmp(s, "</td", 4) == 0)
		strut_line_end(st);
	else if (strncmp(s, "<td", 3) == 0) {
		st->script = 0;
		st->accent = 0;
		st->lines = 0;
		st->line_size = 0;
	} else if (strncmp(s, "<sub>", 5) == 0 || strncmp(s, "<sup>", 5) == 0)
		st->script = 1;
	else if (strncmp(s, "<font", 5) == 0 && st->depth + 1 <
	    STRUT_MAX_DEPTH) {
		ps = strstr(s, "point-size=\"");
		if (ps != NULL && ps < s + n)
			size = strtod(ps + 12, NULL);
		st->size[++st->depth] = size;
	} else if (strncmp(s, "</font", 6) == 0 && st->depth > 0)
		st->depth--;
}

/* Says whether s starts with a combining diacritical mark, U+0300 to
 * U+036F (UTF-8 CC 80 to CD AF). */
static int
is_combining(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	return (u[0] == 0xcc && u[1] >= 0x80 && u[1] <= 0xbf) ||
	    (u[0] == 0xcd && u[1] >= 0x80 && u[1] <= 0xaf);
}

/* Copies a label to out with a strut at the end of each line that has a
 * script. */
static void
hold_scripts(struct strbuf *out, const char *s)
{
	struct strut	 st = { out, { LABEL_FONT_SIZE }, 0, 0, 0, 0, 0 };
	const char	*end;
	size_t		 n;

	while (*s != '\0') {
		if (is_combining(s))
			st.accent = 1;
		if (*s != '<') {
			if (st.line_size < st.size[st.depth])
				st.line_size = st.size[st.depth];
			strbuf_addc(out, *s++);
			continue;
		}
		end = strchr(s, '>');
		n = end != NULL ? (size_t)(end - s) + 1 : strlen(s);
		strut_tag(&st, s, n);
		strbuf_addn(out, s, n);
		s += n;
	}
	strut_line_end(&st);
}

/* Says whether a label needs struts: it has a script or an accent. */
static int
needs_struts(const char *s)
{
	if (strstr(s, "<sub>") != NULL || strstr(s, "<sup>") != NULL)
		return 1;
	for (; *s != '\0'; s++) {
		if (is_combining(s))
			return 1;
	}
	return 0;
}

/* An arrow's label in a cell with a margin: Graphviz places the label
 * against the arrow's centre line, and the parallel lines of an arrow on
 * several paths, or a thick one, would run into its text. */
#define ARROW_LABEL_OPEN	"<table border=\"0\" cellborder=\"0\" " \
	"cellspacing=\"0\" cellpadding=\"5\"><tr><td>"
#define ARROW_LABEL_CLOSE	"</td></tr></table>"

/* Sets an HTML-like attribute from dg->sb and empties it; a label with a
 * script or an accent gets its struts, an arrow's label its margin. */
void
diagram_set_html(struct dg *dg, void *obj, const char *attr)
{
	struct strbuf	 held = STRBUF_INIT;
	const char	*label = strbuf_str(&dg->sb);

	if (obj != NULL && agobjkind(obj) == AGEDGE &&
	    strcmp(attr, "label") == 0) {
		strbuf_add(&held, ARROW_LABEL_OPEN);
		if (needs_struts(label))
			hold_scripts(&held, label);
		else
			strbuf_add(&held, label);
		strbuf_add(&held, ARROW_LABEL_CLOSE);
		label = strbuf_str(&held);
	} else if (needs_struts(label)) {
		hold_scripts(&held, label);
		label = strbuf_str(&held);
	}
	if (obj == NULL || strbuf_failed(&dg->sb) || strbuf_failed(&held) ||
	    gv_set_html(dg->g, obj, attr, label) != 0)
		dg->failed = 1;
	strbuf_release(&held);
	strbuf_truncate(&dg->sb, 0);
}

/* Sets a plain attribute to one of our own constants. */
void
diagram_set(struct dg *dg, void *obj, const char *attr, const char *value)
{
	if (obj == NULL || gv_set(obj, attr, value) != 0)
		dg->failed = 1;
}

/* Labels a node with v's symbol, its function, and with numbers its
 * value and adjoint d(of)/dv. */
void
diagram_label_node(struct dg *dg, Agnode_t *n, uint32_t v)
{
	const struct infdiag_model	*m = dg->m;
	const struct var_extra		*x = var_extra(m, v);
	const struct numbers		*num = dg->a->num;
	struct strbuf			*sb = &dg->sb;

	strbuf_add(sb, "<b>");
	note_symbol(sb, m, v, STYLE_GV_HTML);
	strbuf_add(sb, "</b>");
	if (x != NULL && x->fn != NULL) {
		strbuf_add(sb, " = ");
		note_function(sb, m, v, STYLE_GV_HTML, fn_text, NULL);
	} else if (x != NULL && x->expr != NULL) {
		strbuf_add(sb, "<br/><font point-size=\"10\">= ");
		formula(sb, m, v, x->expr);
		strbuf_add(sb, "</font>");
	}
	if (num != NULL && num->known[v]) {
		strbuf_add(sb, "<br/><font point-size=\"10\">value ");
		diagram_html_number(dg, sb, num->value[v]);
		strbuf_add(sb, "</font>");
	}
	if (num != NULL && num->adjoint_known[v] && v != dg->a->of) {
		strbuf_add(sb, "<br/><font point-size=\"10\" color=\"#555555\">");
		note_total(sb, m, dg->a->of, v, STYLE_GV_HTML);
		strbuf_add(sb, " = ");
		diagram_html_number(dg, sb, num->adjoint[v]);
		strbuf_add(sb, "</font>");
	}
	if (dg->focus && v == dg->d->wrt &&
	    dg->view != INFDIAG_VIEW_DECOMPOSITION)
		diagram_focus_note(dg, v);
	diagram_set_html(dg, n, "label");
}

/* Marks a node as the output, an input of the question, or out of the
 * picture of the paths and partial views. */
void
diagram_mark_node(struct dg *dg, Agnode_t *n, uint32_t v)
{
	unsigned	role = dg->role[v];
	int		flat_path = dg->view == INFDIAG_VIEW_PATHS ||
			    dg->view == INFDIAG_VIEW_PARTIAL;

	if (role & (ROLE_OF | ROLE_WRT)) {
		diagram_set(dg, n, "shape", "box");
		diagram_set(dg, n, "style", "rounded,filled");
		diagram_set(dg, n, "fillcolor", role & ROLE_OF ? OF_FILL :
		    WRT_FILL);
		diagram_set(dg, n, "color", role & ROLE_OF ? OF_LINE :
		    WRT_LINE);
		if (role & ROLE_OF)
			diagram_set(dg, n, "peripheries", "2");
	} else if (flat_path && !(role & ROLE_ON_PATH)) {
		diagram_set(dg, n, "color", GREY_LINE);
		diagram_set(dg, n, "fontcolor", GREY_TEXT);
	} else if (dg->view == INFDIAG_VIEW_PARTIAL) {
		diagram_set(dg, n, "style", "dashed");
		diagram_set(dg, n, "color", GREY_TEXT);
		diagram_set(dg, n, "fontcolor", GREY_TEXT);
	}
}

/* Appends the mathematics of the arrow into v from its input in slot:
 * the local derivative, and with numbers its formula and value. */
static void
arrow_math(struct dg *dg, uint32_t v, uint32_t slot)
{
	const struct infdiag_analysis	*a = dg->a;
	const struct infdiag_model	*m = dg->m;
	struct strbuf			*sb = &dg->sb, f = STRBUF_INIT;
	struct strbuf			 n = STRBUF_INIT;

	note_local(sb, m, v, m->in_idx[m->in_off[v] + slot], STYLE_GV_HTML);
	if (a->num == NULL)
		return;
	if (a->num->local_known[v])
		diagram_html_number(dg, &n,
		    a->num->local[m->in_off[v] + slot]);
	if (a->num->dexpr[m->in_off[v] + slot] != NULL) {
		strbuf_add(sb, " = ");
		formula(&f, m, v, a->num->dexpr[m->in_off[v] + slot]);
		strbuf_addn(sb, strbuf_str(&f), f.len);
	}
	/* A constant's formula is its value: say it once. */
	if (n.len > 0 && !(f.len == n.len && strcmp(f.s, n.s) == 0)) {
		strbuf_add(sb, f.len > 0 ? "<br/>= " : " = ");
		strbuf_addn(sb, n.s, n.len);
	}
	if (strbuf_failed(&f) || strbuf_failed(&n))
		dg->failed = 1;
	strbuf_release(&f);
	strbuf_release(&n);
}

/* Appends the text of the arrow into v from its input in slot: its
 * mathematics, and on the first arrow drawn into v with focus the inputs
 * left out. */
static void
arrow_text(struct dg *dg, uint32_t v, uint32_t slot)
{
	arrow_math(dg, v, slot);
	if (dg->focus && !(dg->role[v] & ROLE_NOTED)) {
		dg->role[v] |= ROLE_NOTED;
		diagram_focus_note(dg, v);
	}
}

/* Labels and colours an arrow of the paths view: a colour for each
 * coloured path it is on, and their numbers. */
static void
style_paths_arrow(struct dg *dg, Agedge_t *e, uint32_t v, uint32_t slot)
{
	struct strbuf	 colours = STRBUF_INIT;
	uint32_t	 pos = dg->m->in_off[v] + slot, k, first = 0;
	unsigned	 mask = dg->mask[pos];
	int		 on = (dg->role[v] & ROLE_ON_PATH) &&
			    (dg->role[dg->m->in_idx[pos]] & ROLE_ON_PATH);

	strbuf_add(&dg->sb, "<font point-size=\"10\">");
	arrow_text(dg, v, slot);
	for (k = 0; k < dg->ncoloured; k++) {
		if (!(mask & (1u << k)))
			continue;
		if (colours.len == 0)
			first = k;
		strbuf_addf(&dg->sb, "%s<font color=\"%s\"><b>%u</b></font>",
		    colours.len == 0 ? "<br/>path " : ", ", looks[k].colour,
		    k + 1);
		strbuf_addf(&colours, "%s%s", colours.len == 0 ? "" : ":",
		    looks[k].colour);
	}
	strbuf_add(&dg->sb, "</font>");
	diagram_set_html(dg, e, "label");
	/* An arrow on several paths is drawn in the line of the first. */
	if (mask != 0) {
		diagram_set(dg, e, "color", strbuf_str(&colours));
		diagram_set(dg, e, "style", looks[first].style);
		diagram_set(dg, e, "penwidth", looks[first].penwidth);
	} else if (!on) {
		diagram_set(dg, e, "color", GREY_LINE);
		diagram_set(dg, e, "fontcolor", GREY_TEXT);
	} else
		diagram_set(dg, e, "color", OTHER_LINE);
	if (strbuf_failed(&colours))
		dg->failed = 1;
	strbuf_release(&colours);
}

/* Labels and styles an arrow of the partial view: the direct arrow
 * highlighted, the arrows of the indirect routes cut. */
static void
style_partial_arrow(struct dg *dg, Agedge_t *e, uint32_t v, uint32_t slot)
{
	uint32_t	p = dg->m->in_idx[dg->m->in_off[v] + slot];
	int		on = (dg->role[v] & ROLE_ON_PATH) &&
			    (dg->role[p] & ROLE_ON_PATH);

	if (on && v == dg->a->of && p == dg->d->wrt) {
		strbuf_add(&dg->sb, "<font point-size=\"11\"><b>");
		arrow_text(dg, v, slot);
		strbuf_add(&dg->sb, "</b></font>");
		diagram_set(dg, e, "color", DIRECT_LINE);
		diagram_set(dg, e, "fontcolor", DIRECT_LINE);
		diagram_set(dg, e, "penwidth", "3");
	} else if (on) {
		strbuf_add(&dg->sb, "<font point-size=\"10\">✂ cut: ");
		arrow_text(dg, v, slot);
		strbuf_add(&dg->sb, "</font>");
		diagram_set(dg, e, "style", "dashed");
		diagram_set(dg, e, "color", GREY_TEXT);
		diagram_set(dg, e, "fontcolor", GREY_TEXT);
		diagram_set(dg, e, "arrowhead", "tee");
	} else {
		strbuf_add(&dg->sb, "<font point-size=\"10\">");
		arrow_text(dg, v, slot);
		strbuf_add(&dg->sb, "</font>");
		diagram_set(dg, e, "color", GREY_LINE);
		diagram_set(dg, e, "fontcolor", GREY_TEXT);
	}
	diagram_set_html(dg, e, "label");
}

/* Labels and styles the arrow into v from its input in slot. */
void
diagram_style_arrow(struct dg *dg, Agedge_t *e, uint32_t v, uint32_t slot)
{
	if (dg->view == INFDIAG_VIEW_PATHS && dg->d != NULL)
		style_paths_arrow(dg, e, v, slot);
	else if (dg->view == INFDIAG_VIEW_PARTIAL && dg->d != NULL)
		style_partial_arrow(dg, e, v, slot);
	else {
		strbuf_add(&dg->sb, "<font point-size=\"10\">");
		arrow_text(dg, v, slot);
		strbuf_add(&dg->sb, "</font>");
		diagram_set_html(dg, e, "label");
	}
}

