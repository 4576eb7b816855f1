/*
 * The diagrams: the model as a cgraph graph in one of four views, written
 * as DOT with agwrite() before any layout.  The model's text reaches the
 * graph only through the HTML-like labels built here, escaped; see
 * diagram.h for the node IDs.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "analysis.h"
#include "diagram.h"
#include "error.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
#include "strbuf.h"

/* The marks: the input and the output, and what is out of the picture. */
#define WRT_LINE	"#1f77b4"
#define WRT_FILL	"#dbe9f6"
#define OF_LINE		"#d6550d"
#define OF_FILL		"#fde3cc"
#define DIRECT_LINE	"#d62728"
#define GREY_LINE	"#b8b8b8"
#define GREY_TEXT	"#8c8c8c"
#define OTHER_LINE	"#404040"

/* Distinct colours for the paths, none of them grey or black. */
static const char *const palette[DIAGRAM_MAX_COLOURS] = {
	"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
	"#f032e6", "#9a6324", "#469990", "#800000", "#000075", "#808000"
};

/* Greek letter names and their Unicode letters. */
static const char *const greek[][2] = {
	{ "alpha", "α" }, { "beta", "β" }, { "gamma", "γ" }, { "delta", "δ" },
	{ "epsilon", "ε" }, { "varepsilon", "ε" }, { "zeta", "ζ" },
	{ "eta", "η" }, { "theta", "θ" }, { "vartheta", "ϑ" }, { "iota", "ι" },
	{ "kappa", "κ" }, { "lambda", "λ" }, { "mu", "μ" }, { "nu", "ν" },
	{ "xi", "ξ" }, { "pi", "π" }, { "varpi", "ϖ" }, { "rho", "ρ" },
	{ "varrho", "ϱ" }, { "sigma", "σ" }, { "varsigma", "ς" },
	{ "tau", "τ" }, { "upsilon", "υ" }, { "phi", "ϕ" }, { "varphi", "φ" },
	{ "chi", "χ" }, { "psi", "ψ" }, { "omega", "ω" }, { "Gamma", "Γ" },
	{ "Delta", "Δ" }, { "Theta", "Θ" }, { "Lambda", "Λ" }, { "Xi", "Ξ" },
	{ "Pi", "Π" }, { "Sigma", "Σ" }, { "Upsilon", "Υ" }, { "Phi", "Φ" },
	{ "Psi", "Ψ" }, { "Omega", "Ω" }
};
#define NGREEK	(sizeof(greek) / sizeof(greek[0]))

/* How wide the description runs before it wraps, in characters. */
#define WRAP_WIDTH	90

/* The most characters of model text drawn in one place (a name, a label,
 * an fn, the title), of a formula, and of the description: longer text
 * is cut and ends in "…", so that no label grows past what Cairo and Pango
 * can lay out (a label of 10^6 characters aborts inside Cairo). */
#define LABEL_TEXT_MAX		80
#define LABEL_FORMULA_MAX	160
#define LABEL_DESCRIPTION_MAX	(8 * WRAP_WIDTH)

/* What a variable is in the picture. */
enum role {
	ROLE_WRT = 1 << 0,	/* some derivative's wrt */
	ROLE_OF = 1 << 1,
	ROLE_ON_PATH = 1 << 2	/* on a path from the first wrt to of */
};

/* A diagram being built. */
struct dg {
	const struct infdiag_analysis	*a;
	const struct infdiag_model	*m;
	const struct deriv		*d;	/* the first wrt's, or NULL */
	enum infdiag_view		 view;
	Agraph_t			*g;
	Agnode_t			**node;	/* by variable, flat views */
	unsigned char			*role;	/* by variable */
	uint16_t			*mask;	/* by arrow: coloured paths */
	uint32_t			 ncoloured;
	int				 more;	/* paths beyond the coloured */
	struct strbuf			 sb;	/* the label being made */
	struct strbuf			 legend; /* the legend's rows */
	size_t				 row;	/* where the open row starts */
	int				 failed;
};

/*
 * HTML-like text.
 */

/* Appends len bytes of model text escaped for an HTML-like label: the
 * markup characters as entities, and the characters XML forbids (control
 * characters, U+FFFE, U+FFFF, malformed bytes) as a space or U+FFFD. */
static void
html_textn(struct strbuf *sb, const char *s, size_t len)
{
	uint32_t	cp;
	size_t		n;

	for (; len > 0; s += n, len -= n) {
		n = utf8_decode(s, len, &cp);
		switch (cp) {
		case '&':	strbuf_add(sb, "&amp;"); break;
		case '<':	strbuf_add(sb, "&lt;"); break;
		case '>':	strbuf_add(sb, "&gt;"); break;
		case '"':	strbuf_add(sb, "&quot;"); break;
		case '\'':	strbuf_add(sb, "&#39;"); break;
		case '\t':
		case '\n':
		case '\r':	strbuf_addc(sb, ' '); break;
		default:
			if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
			    cp == 0xfffd ||
			    cp == 0xfffe || cp == 0xffff)
				strbuf_add(sb, "\xef\xbf\xbd");
			else
				strbuf_addn(sb, s, n);
			break;
		}
	}
}

/* The length in bytes of the first max characters of s (len bytes of
 * UTF-8), or len when s has no more than max characters. */
static size_t
cut_length(const char *s, size_t len, size_t max)
{
	uint32_t	cp;
	size_t		at = 0;

	while (at < len && max-- > 0)
		at += utf8_decode(s + at, len - at, &cp);
	return at;
}

/* Appends len bytes of model text escaped, cut after max characters with
 * "…". */
static void
html_cut(struct strbuf *sb, const char *s, size_t len, size_t max)
{
	size_t	keep = cut_length(s, len, max);

	html_textn(sb, s, keep);
	if (keep < len)
		strbuf_add(sb, "…");
}

/* Appends a piece of model text escaped, cut at LABEL_TEXT_MAX. */
static void
html_text(struct strbuf *sb, const char *s)
{
	html_cut(sb, s, strlen(s), LABEL_TEXT_MAX);
}

/* Appends model text escaped, cut at LABEL_DESCRIPTION_MAX and broken
 * into lines at spaces. */
static void
html_wrap(struct strbuf *sb, const char *text)
{
	size_t		 len = strlen(text);
	size_t		 keep = cut_length(text, len, LABEL_DESCRIPTION_MAX);
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
		html_textn(sb, s, (size_t)(end - s));
		col += w;
		for (s = end; s < stop && *s == ' '; s++)
			continue;
	}
	if (keep < len)
		strbuf_add(sb, "…");
}

/* Appends one word of a name: a Greek letter's name as the letter. */
static void
html_word(struct strbuf *sb, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < NGREEK; i++) {
		if (strlen(greek[i][0]) == len &&
		    strncmp(greek[i][0], s, len) == 0) {
			strbuf_add(sb, greek[i][1]);
			return;
		}
	}
	strbuf_addn(sb, s, len);
}

/* Appends v's symbol: its "label", or its name with the leading letters
 * as the base and the rest as a subscript (theta_1_2 -> θ<sub>1,2</sub>),
 * as notation.c makes the LaTeX symbol. */
static void
html_symbol(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	const struct var_extra	*x = var_extra(m, v);
	const char		*name = m->vars[v].name, *s, *end;
	size_t			 base = 0, len;

	if (x != NULL && x->label != NULL) {
		html_text(sb, x->label);
		return;
	}
	if (strlen(name) > LABEL_TEXT_MAX) {
		html_text(sb, name);
		return;
	}
	while ((name[base] >= 'a' && name[base] <= 'z') ||
	    (name[base] >= 'A' && name[base] <= 'Z'))
		base++;
	html_word(sb, name, base);
	s = name + base;
	if (*s == '_')
		s++;
	if (*s == '\0')
		return;
	strbuf_add(sb, "<sub>");
	for (;;) {
		end = strchr(s, '_');
		len = end != NULL ? (size_t)(end - s) : strlen(s);
		html_word(sb, s, len);
		if (end == NULL)
			break;
		if (len > 0 && end[1] != '\0')
			strbuf_addc(sb, ',');
		s = end + 1;
	}
	strbuf_add(sb, "</sub>");
}

/* Appends the local derivative of v with respect to its input p. */
static void
html_local(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    uint32_t p)
{
	const char	*d = note_is_partial(m, v) ? "∂" : "d";

	strbuf_add(sb, d);
	html_symbol(sb, m, v);
	strbuf_addc(sb, '/');
	strbuf_add(sb, d);
	html_symbol(sb, m, p);
}

/* Appends the total derivative dy/dx. */
static void
html_total(struct strbuf *sb, const struct infdiag_model *m, uint32_t y,
    uint32_t x)
{
	strbuf_add(sb, "d");
	html_symbol(sb, m, y);
	strbuf_add(sb, "/d");
	html_symbol(sb, m, x);
}

/* Appends v's perturbation rule: δv = Σ local(v,p) δp. */
static void
html_rule(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	uint32_t	i;

	strbuf_add(sb, "δ");
	html_symbol(sb, m, v);
	strbuf_add(sb, " = ");
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (i > m->in_off[v])
			strbuf_add(sb, " + ");
		html_local(sb, m, v, m->in_idx[i]);
		strbuf_add(sb, " δ");
		html_symbol(sb, m, m->in_idx[i]);
	}
}

/* Appends a number. */
static void
html_number(struct strbuf *sb, double x)
{
	numbers_format(sb, x, STYLE_TEXT);
}

/*
 * Labels and marks.
 */

/* Sets an HTML-like attribute from dg->sb and empties it. */
static void
set_html(struct dg *dg, void *obj, const char *attr)
{
	if (obj == NULL || strbuf_failed(&dg->sb) ||
	    gv_set_html(dg->g, obj, attr, strbuf_str(&dg->sb)) != 0)
		dg->failed = 1;
	strbuf_truncate(&dg->sb, 0);
}

/* Sets a plain attribute to one of our own constants. */
static void
set(struct dg *dg, void *obj, const char *attr, const char *value)
{
	if (obj == NULL || gv_set(obj, attr, value) != 0)
		dg->failed = 1;
}

/* Labels a node with v's symbol, its function, and with numbers its
 * value and adjoint d(of)/dv. */
static void
label_node(struct dg *dg, Agnode_t *n, uint32_t v)
{
	const struct infdiag_model	*m = dg->m;
	const struct var_extra		*x = var_extra(m, v);
	const struct numbers		*num = dg->a->num;
	struct strbuf			*sb = &dg->sb;
	uint32_t			 i;

	strbuf_add(sb, "<b>");
	html_symbol(sb, m, v);
	strbuf_add(sb, "</b>");
	if (x != NULL && x->fn != NULL) {
		strbuf_add(sb, " = ");
		html_text(sb, x->fn);
		strbuf_addc(sb, '(');
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
			if (i > m->in_off[v])
				strbuf_add(sb, ", ");
			html_symbol(sb, m, m->in_idx[i]);
		}
		strbuf_addc(sb, ')');
	} else if (x != NULL && x->expr_src != NULL) {
		strbuf_add(sb, "<br/><font point-size=\"10\">= ");
		html_cut(sb, x->expr_src, strlen(x->expr_src),
		    LABEL_FORMULA_MAX);
		strbuf_add(sb, "</font>");
	}
	if (num != NULL && num->known[v]) {
		strbuf_add(sb, "<br/><font point-size=\"10\">value ");
		html_number(sb, num->value[v]);
		strbuf_add(sb, "</font>");
	}
	if (num != NULL && num->adjoint_known[v] && v != dg->a->of) {
		strbuf_add(sb, "<br/><font point-size=\"10\" color=\"#555555\">");
		html_total(sb, m, dg->a->of, v);
		strbuf_add(sb, " = ");
		html_number(sb, num->adjoint[v]);
		strbuf_add(sb, "</font>");
	}
	set_html(dg, n, "label");
}

/* Marks a node as the output, an input of the question, or out of the
 * picture of the paths and partial views. */
static void
mark_node(struct dg *dg, Agnode_t *n, uint32_t v)
{
	unsigned	role = dg->role[v];
	int		flat_path = dg->view == INFDIAG_VIEW_PATHS ||
			    dg->view == INFDIAG_VIEW_PARTIAL;

	if (role & (ROLE_OF | ROLE_WRT)) {
		set(dg, n, "shape", "box");
		set(dg, n, "style", "rounded,filled");
		set(dg, n, "fillcolor", role & ROLE_OF ? OF_FILL : WRT_FILL);
		set(dg, n, "color", role & ROLE_OF ? OF_LINE : WRT_LINE);
		if (role & ROLE_OF)
			set(dg, n, "peripheries", "2");
	} else if (flat_path && !(role & ROLE_ON_PATH)) {
		set(dg, n, "color", GREY_LINE);
		set(dg, n, "fontcolor", GREY_TEXT);
	} else if (dg->view == INFDIAG_VIEW_PARTIAL) {
		set(dg, n, "style", "dashed");
		set(dg, n, "color", GREY_TEXT);
		set(dg, n, "fontcolor", GREY_TEXT);
	}
}

/* Appends the text of the arrow into v from its input in slot: the local
 * derivative, and with numbers its formula and value. */
static void
arrow_text(struct dg *dg, uint32_t v, uint32_t slot)
{
	const struct infdiag_analysis	*a = dg->a;
	const struct infdiag_model	*m = dg->m;
	struct strbuf			*sb = &dg->sb, f = STRBUF_INIT;
	struct strbuf			 n = STRBUF_INIT;

	html_local(sb, m, v, m->in_idx[m->in_off[v] + slot]);
	if (a->num == NULL)
		return;
	if (a->num->local_known[v])
		html_number(&n, a->num->local[m->in_off[v] + slot]);
	if (numbers_local_formula(&f, a, v, slot, STYLE_TEXT)) {
		strbuf_add(sb, " = ");
		html_cut(sb, strbuf_str(&f), f.len, LABEL_FORMULA_MAX);
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

/* Labels and colours an arrow of the paths view: a colour for each
 * coloured path it is on, and their numbers. */
static void
style_paths_arrow(struct dg *dg, Agedge_t *e, uint32_t v, uint32_t slot)
{
	struct strbuf	 colours = STRBUF_INIT;
	uint32_t	 pos = dg->m->in_off[v] + slot, k;
	unsigned	 mask = dg->mask[pos];
	int		 on = (dg->role[v] & ROLE_ON_PATH) &&
			    (dg->role[dg->m->in_idx[pos]] & ROLE_ON_PATH);

	strbuf_add(&dg->sb, "<font point-size=\"10\">");
	arrow_text(dg, v, slot);
	for (k = 0; k < dg->ncoloured; k++) {
		if (!(mask & (1u << k)))
			continue;
		strbuf_addf(&dg->sb, "%s<font color=\"%s\"><b>%u</b></font>",
		    colours.len == 0 ? "<br/>path " : ", ", palette[k], k + 1);
		strbuf_addf(&colours, "%s%s", colours.len == 0 ? "" : ":",
		    palette[k]);
	}
	strbuf_add(&dg->sb, "</font>");
	set_html(dg, e, "label");
	if (mask != 0) {
		set(dg, e, "color", strbuf_str(&colours));
		set(dg, e, "penwidth", "2");
	} else if (!on) {
		set(dg, e, "color", GREY_LINE);
		set(dg, e, "fontcolor", GREY_TEXT);
	} else
		set(dg, e, "color", OTHER_LINE);
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
		set(dg, e, "color", DIRECT_LINE);
		set(dg, e, "fontcolor", DIRECT_LINE);
		set(dg, e, "penwidth", "3");
	} else if (on) {
		strbuf_add(&dg->sb, "<font point-size=\"10\">✂ cut: ");
		arrow_text(dg, v, slot);
		strbuf_add(&dg->sb, "</font>");
		set(dg, e, "style", "dashed");
		set(dg, e, "color", GREY_TEXT);
		set(dg, e, "fontcolor", GREY_TEXT);
		set(dg, e, "arrowhead", "tee");
	} else {
		strbuf_add(&dg->sb, "<font point-size=\"10\">");
		arrow_text(dg, v, slot);
		strbuf_add(&dg->sb, "</font>");
		set(dg, e, "color", GREY_LINE);
		set(dg, e, "fontcolor", GREY_TEXT);
	}
	set_html(dg, e, "label");
}

/* Labels and styles the arrow into v from its input in slot. */
static void
style_arrow(struct dg *dg, Agedge_t *e, uint32_t v, uint32_t slot)
{
	if (dg->view == INFDIAG_VIEW_PATHS && dg->d != NULL)
		style_paths_arrow(dg, e, v, slot);
	else if (dg->view == INFDIAG_VIEW_PARTIAL && dg->d != NULL)
		style_partial_arrow(dg, e, v, slot);
	else {
		strbuf_add(&dg->sb, "<font point-size=\"10\">");
		arrow_text(dg, v, slot);
		strbuf_add(&dg->sb, "</font>");
		set_html(dg, e, "label");
	}
}

/*
 * The legend.
 */

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
	html_symbol(L, dg->m, a->of);
	if (a->nwrt > 0) {
		strbuf_add(L, "   <font color=\"" WRT_LINE "\">■</font> "
		    "with respect to ");
		for (k = 0; k < a->nwrt; k++) {
			if (k > 0)
				strbuf_add(L, ", ");
			html_symbol(L, dg->m, a->d[k].wrt);
		}
	}
	row_close(dg);
	if (a->num != NULL && numbers_any(a)) {
		row_open(dg);
		strbuf_add(L, "numbers at the model's point: each value, and d");
		html_symbol(L, dg->m, a->of);
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
	html_total(L, dg->m, dg->a->of, d->wrt);
	strbuf_add(L, " = ");
	html_number(L, d->num.forward);
	if (partial && d->num.has_partial) {
		strbuf_add(L, "   ∂");
		html_symbol(L, dg->m, dg->a->of);
		strbuf_add(L, "/∂");
		html_symbol(L, dg->m, d->wrt);
		strbuf_add(L, " = ");
		html_number(L, d->num.partial);
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
	strbuf_addf(L, "<font color=\"%s\"><b>━━ %u.</b></font> ",
	    palette[dg->ncoloured], dg->ncoloured + 1);
	for (j = 0; j < n; j++) {
		if (j > 0)
			strbuf_add(L, " → ");
		html_symbol(L, m, path[j]);
	}
	strbuf_add(L, ":  ");
	if (n == 1)
		strbuf_addc(L, '1');
	for (j = n - 1; j >= 1; j--) {
		if (j < n - 1)
			strbuf_add(L, "·");
		html_local(L, m, path[j], path[j - 1]);
		if (!known || !num->local_known[path[j]])
			known = 0;
	}
	if (known) {
		strbuf_add(L, " = ");
		html_number(L, numbers_path_term(dg->a, path, n));
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
	html_symbol(L, m, dg->d->wrt);
	strbuf_add(L, " to ");
	html_symbol(L, m, dg->a->of);
	strbuf_add(L, ", numbered as the terms of ");
	html_total(L, m, dg->a->of, dg->d->wrt);
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
		strbuf_add(L, "grey: on no path from ");
		html_symbol(L, m, dg->d->wrt);
		strbuf_add(L, " to ");
		html_symbol(L, m, dg->a->of);
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
		html_symbol(L, m, dg->a->of);
		strbuf_add(L, "/∂");
		html_symbol(L, m, dg->d->wrt);
		if (dg->d->direct)
			strbuf_add(L, " is the direct arrow alone (red): every "
			    "other route is cut ✂,<br align=\"left\"/>its "
			    "variables held fixed (dashed); ");
		else
			strbuf_add(L, " = 0: there is no direct arrow, every "
			    "route is indirect and cut ✂;<br align=\"left\"/>");
		html_total(L, m, dg->a->of, dg->d->wrt);
		strbuf_add(L, " adds the cut routes back");
		break;
	case INFDIAG_VIEW_DECOMPOSITION:
		strbuf_add(L, "one cluster per sink subgraph (a variable and "
		    "its inputs), labelled with its perturbation rule;<br "
		    "align=\"left\"/>a variable is drawn in each subgraph it "
		    "belongs to, and dotted lines join a sink to its copies");
		break;
	}
	row_close(dg);
	legend_values(dg, dg->view == INFDIAG_VIEW_PARTIAL);
	return 0;
}

/* Sets the graph's label: the title, the description and the legend. */
static int
label_graph(struct dg *dg)
{
	const struct infdiag_model	*m = dg->m;
	struct strbuf			*sb = &dg->sb;

	if (legend_view(dg) != 0)
		return -1;
	strbuf_add(sb, "<table border=\"0\" cellborder=\"0\" "
	    "cellspacing=\"1\">");
	if (m->title != NULL) {
		strbuf_add(sb, "<tr><td><font point-size=\"16\"><b>");
		html_text(sb, m->title);
		strbuf_add(sb, "</b></font></td></tr>");
	}
	if (m->description != NULL) {
		strbuf_add(sb, "<tr><td><font point-size=\"10\">");
		html_wrap(sb, m->description);
		strbuf_add(sb, "</font></td></tr>");
	}
	strbuf_addn(sb, strbuf_str(&dg->legend), dg->legend.len);
	strbuf_add(sb, "</table>");
	if (strbuf_failed(&dg->legend))
		dg->failed = 1;
	set_html(dg, dg->g, "label");
	return 0;
}

/*
 * The views.
 */

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
		if ((dg->node[v] = gv_node(dg->g, m->vars[v].name)) == NULL) {
			dg->failed = 1;
			break;
		}
		label_node(dg, dg->node[v], v);
		mark_node(dg, dg->node[v], v);
	}
	for (k = 0; k < m->nvars && !dg->failed; k++) {
		v = m->order[k];
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
			e = agedge(dg->g, dg->node[m->in_idx[i]], dg->node[v],
			    NULL, 1);
			if (e == NULL) {
				dg->failed = 1;
				break;
			}
			style_arrow(dg, e, v, i - m->in_off[v]);
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
		label_node(dg, n, u);
		mark_node(dg, n, u);
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
	html_rule(&dg->sb, m, v);
	strbuf_add(&dg->sb, "</font>");
	set_html(dg, sub, "label");
	set(dg, sub, "style", "rounded");
	set(dg, sub, "color", OTHER_LINE);
	if ((sink = copy_node(dg, sub, v, v, 1)) == NULL)
		return;
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if ((n = copy_node(dg, sub, m->in_idx[i], v, 1)) == NULL ||
		    (e = agedge(sub, n, sink, NULL, 1)) == NULL) {
			dg->failed = 1;
			return;
		}
		style_arrow(dg, e, v, i - m->in_off[v]);
	}
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
		if (var_ninputs(m, v) > 0)
			draw_cluster(dg, v);
		else if (m->out_off[v] == m->out_off[v + 1]) {
			if ((from = gv_node(dg->g, m->vars[v].name)) == NULL)
				dg->failed = 1;
			else {
				label_node(dg, from, v);
				mark_node(dg, from, v);
			}
		}
	}
	for (k = 0; k < m->nvars && !dg->failed; k++) {
		v = m->order[k];
		if (var_ninputs(m, v) == 0)
			continue;
		from = copy_node(dg, dg->g, v, v, 0);
		for (i = m->out_off[v]; i < m->out_off[v + 1] && from; i++) {
			to = copy_node(dg, dg->g, v, m->out_idx[i], 0);
			if (to == NULL ||
			    (e = agedge(dg->g, from, to, NULL, 1)) == NULL) {
				dg->failed = 1;
				break;
			}
			set(dg, e, "style", "dotted");
			set(dg, e, "dir", "none");
			set(dg, e, "color", GREY_TEXT);
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

/* Builds the graph of a view. */
Agraph_t *
diagram_build(const struct infdiag_analysis *a, enum infdiag_view view,
    struct infdiag_error *err)
{
	struct dg	dg;

	memset(&dg, 0, sizeof(dg));
	dg.a = a;
	dg.m = a->m;
	dg.d = a->nwrt > 0 ? &a->d[0] : NULL;
	dg.view = view;
	dg.role = mem_calloc(a->m->nvars + 1, 1);
	dg.node = mem_calloc(a->m->nvars + 1, sizeof(*dg.node));
	dg.mask = mem_calloc(a->m->nedges + 1, sizeof(*dg.mask));
	if (dg.role == NULL || dg.node == NULL || dg.mask == NULL ||
	    (dg.g = gv_open("infdiag")) == NULL)
		dg.failed = 1;
	else {
		mark_roles(&dg);
		declare(&dg);
		if (label_graph(&dg) != 0)
			dg.failed = 1;
		else if (view == INFDIAG_VIEW_DECOMPOSITION)
			draw_decomposition(&dg);
		else
			draw_flat(&dg);
	}
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

/* The colour of path k (from 0) in the paths view. */
const char *
diagram_path_colour(uint32_t k)
{
	return k < DIAGRAM_MAX_COLOURS ? palette[k] : NULL;
}

/* The number of nodes and edges the view draws. */
void
diagram_size(const struct infdiag_analysis *a, enum infdiag_view view,
    size_t *nodes, size_t *edges)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 v;

	*nodes = m->nvars;
	*edges = m->nedges;
	if (view != INFDIAG_VIEW_DECOMPOSITION)
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
	Agraph_t	*g;

	error_init(err, infdiag_model_source(a->m));
	if ((g = diagram_build(a, view, err)) == NULL)
		return -1;
	(void)agwrite(g, fp);	/* a write error stays in fp's indicator */
	agclose(g);
	return 0;
}
