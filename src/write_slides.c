/*
 * The Beamer deck (SPEC 5.3): the derivation stepped through slide by
 * slide.  The model and its diagram; the sink subgraphs and their rules;
 * for each derivative its paths, one overlay each, highlighted in the
 * picture (tikz_write()) while its term lights up in the formula in the
 * same colour (diagram_path_colour(), the one palette); the expanded,
 * factored and closed forms; the forward equations one per overlay; the
 * partial against the total at the model's values.  Then the reverse
 * sweep, one equation per overlay.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "analysis.h"
#include "diagram.h"
#include "error.h"
#include "formula.h"
#include "layout.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
#include "tikz.h"
#include "write.h"
#include "writer.h"

/* The most equations on one slide; longer lists go on to the next. */
#define SLIDES_ROWS	8

/* The height a picture may take on a slide with a formula under it, and
 * on a slide of its own. */
#define SLIDES_PICTURE_UNDER	"0.52\\textheight"
#define SLIDES_PICTURE_ALONE	"0.78\\textheight"

/* The room of a picture with a formula under it, in big points: the
 * line's width and SLIDES_PICTURE_UNDER of the text's height in Beamer's
 * 16:9 frame (398.3pt and 252.1pt, as pdflatex reports them). */
#define SLIDES_UNDER_WIDTH	396.9
#define SLIDES_UNDER_HEIGHT	130.6

/* A paths picture that would be shrunk to less than this fraction of its
 * size to fit its room is drawn focused (when focus leaves some variable
 * out): its text would be under half its size.  The perceptron's are
 * shrunk to 0.18 unfocused; the ellipsoid's to 0.58, Example 3's to 0.8. */
#define SLIDES_FOCUS_SCALE	0.5

/* The deck's preamble: Beamer, the packages of the pictures, a command
 * that shrinks a box to the slide (never enlarges it), and the colours of
 * the paths, named infdiagpathK from 1. */
static void
slides_preamble(struct writer *w)
{
	const char	*c;
	uint32_t	 k;

	strbuf_add(&w->sb, "% A Beamer deck written by infdiag: pdflatex "
	    "compiles it as it is.\n"
	    "\\documentclass[aspectratio=169]{beamer}\n"
	    "\\usepackage{amsmath}\n"
	    "\\usepackage{tikz}\n"
	    "\\usetikzlibrary{arrows.meta,shapes.geometric}\n"
	    "\\setbeamertemplate{navigation symbols}{}\n"
	    "\\newsavebox{\\infdiagbox}\n"
	    "% \\infdiagfit{height}{material}: shrunk to the line's width "
	    "and to height.\n"
	    "\\newcommand{\\infdiagfit}[2]{\\sbox{\\infdiagbox}{#2}%\n"
	    "  \\ifdim\\wd\\infdiagbox>\\linewidth\n"
	    "    \\sbox{\\infdiagbox}{\\resizebox{\\linewidth}{!}"
	    "{\\usebox{\\infdiagbox}}}\\fi\n"
	    "  \\ifdim\\dimexpr\\ht\\infdiagbox+\\dp\\infdiagbox\\relax>#1\n"
	    "    \\sbox{\\infdiagbox}{\\resizebox*{!}{#1}"
	    "{\\usebox{\\infdiagbox}}}\\fi\n"
	    "  \\usebox{\\infdiagbox}}\n");
	for (k = 0; (c = diagram_path_colour(k)) != NULL; k++)
		strbuf_addf(&w->sb, "\\definecolor{infdiagpath%u}{HTML}{%s}\n",
		    k + 1, c[0] == '#' ? c + 1 : c);
	strbuf_add(&w->sb, "\\title{");
	writer_plain(w, w->m->title != NULL ? w->m->title : w->m->source,
	    PLAIN_LATEX);
	strbuf_add(&w->sb, "}\n\\date{}\n\\begin{document}\n"
	    "\\begin{frame}\n\\titlepage\n\\end{frame}\n");
	writer_flush(w);
}

/* Appends dy/dx of d as inline mathematics. */
static void
total(struct writer *w, const struct deriv *d)
{
	strbuf_addc(&w->sb, '$');
	note_total(&w->sb, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_addc(&w->sb, '$');
}

/* The options of a picture of a view of derivative k in the deck: the
 * deck's (base, from the caller), without title block or legend. */
static struct infdiag_render_options
picture_options(const struct infdiag_render_options *base,
    enum infdiag_view view, uint32_t k)
{
	struct infdiag_render_options	o = { .view = view, .type = "tikz",
	    .deriv = k, .no_title = 1, .no_legend = 1 };

	o.layout = base->layout;
	o.force = base->force;
	o.digits = base->digits;
	o.rankdir = base->rankdir;
	o.focus = base->focus;
	return o;
}

/* Appends a picture drawn with o, shrunk to a height, with paths 0 to
 * noverlays - 1 highlighted on overlays 2 on (0: none). */
static int
picture(struct writer *w, const struct infdiag_render_options *o,
    const char *height, uint32_t noverlays, struct infdiag_error *err)
{
	struct tikz_options	t = { .noverlays = noverlays };

	t.overlay = noverlays > 0 ? 2 : 0;
	strbuf_addf(&w->sb, "\\begin{center}\n\\infdiagfit{%s}{%%\n", height);
	if (tikz_write(&w->sb, w->a, o, &t, err) != 0)
		return -1;
	strbuf_add(&w->sb, "}\n\\end{center}\n");
	writer_flush(w);
	return 0;
}

/* Writes the model's slides: its description and size, then its
 * diagram on a slide of its own, as large as the slide allows. */
static int
slides_model(struct writer *w, const struct infdiag_render_options *base,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = w->m;
	struct infdiag_render_options	 o = picture_options(base,
					    INFDIAG_VIEW_FULL, 0);

	strbuf_add(&w->sb, "\n\\begin{frame}{The model}\n");
	if (m->description != NULL) {
		writer_plain(w, m->description, PLAIN_LATEX);
		strbuf_add(&w->sb, "\n\n");
	}
	note_count(&w->sb, m->nvars, "variable", "variables");
	strbuf_add(&w->sb, " and ");
	note_count(&w->sb, m->nedges, "influence", "influences");
	strbuf_add(&w->sb, "; the output is ");
	write_tex_symbol(w, w->a->of);
	strbuf_add(&w->sb, ".\n\\end{frame}\n"
	    "\n\\begin{frame}{The diagram}\n");
	if (picture(w, &o, SLIDES_PICTURE_ALONE, 0, err) != 0)
		return -1;
	strbuf_add(&w->sb, "\\end{frame}\n");
	writer_flush(w);
	return 0;
}

/* Opens a slide of equations: its title, of part i of n when the list
 * takes several, and the block they are aligned in. */
static void
rows_open(struct writer *w, const char *title, uint32_t i, uint32_t n)
{
	strbuf_addf(&w->sb, "\n\\begin{frame}{%s", title);
	if (n > 1)
		strbuf_addf(&w->sb, " (%u of %u)", i, n);
	strbuf_add(&w->sb, "}\n\\begin{center}\n\\infdiagfit{"
	    SLIDES_PICTURE_ALONE "}{$\\displaystyle\\begin{aligned}\n");
}

/* Closes it. */
static void
rows_close(struct writer *w)
{
	strbuf_add(&w->sb, "\\end{aligned}$}\n\\end{center}\n\\end{frame}\n");
	writer_flush(w);
}

/* Appends an equation "lhs = rhs" (empties line) as a row of an aligned
 * block: shown from overlay on when overlay is not 0. */
static void
row(struct writer *w, struct strbuf *line, unsigned overlay, int last)
{
	const char	*s = strbuf_str(line), *eq = strstr(s, " = ");
	size_t		 n = eq != NULL ? (size_t)(eq - s) : line->len;

	w->nomem |= strbuf_failed(line);
	strbuf_add(&w->sb, "  ");
	if (overlay > 0)
		strbuf_addf(&w->sb, "\\uncover<%u->{", overlay);
	strbuf_addn(&w->sb, s, n);
	strbuf_add(&w->sb, overlay > 0 ? "} &" : " &");
	if (eq != NULL) {
		if (overlay > 0)
			strbuf_addf(&w->sb, "\\uncover<%u->{", overlay);
		strbuf_add(&w->sb, "{}= ");
		strbuf_add(&w->sb, eq + 3);
		strbuf_add(&w->sb, overlay > 0 ? "}" : "");
	}
	strbuf_add(&w->sb, last ? "\n" : " \\\\\n");
	strbuf_truncate(line, 0);
	writer_spill(w);
}

/* Appends one equation of a list (for rows_slides()). */
typedef void rows_fn(struct writer *, const struct deriv *, uint32_t i,
    struct strbuf *);

/* Writes n equations on slides of SLIDES_ROWS, one more shown on each
 * overlay, the slides titled title. */
static void
rows_slides(struct writer *w, const struct deriv *d, const char *title,
    uint32_t n, rows_fn *fn)
{
	struct strbuf	t = STRBUF_INIT;
	uint32_t	i, nslides = (n + SLIDES_ROWS - 1) / SLIDES_ROWS;

	for (i = 0; i < n; i++) {
		if (i % SLIDES_ROWS == 0)
			rows_open(w, title, i / SLIDES_ROWS + 1, nslides);
		fn(w, d, i, &t);
		row(w, &t, i % SLIDES_ROWS + 1, i + 1 == n ||
		    (i + 1) % SLIDES_ROWS == 0);
		if (i + 1 == n || (i + 1) % SLIDES_ROWS == 0)
			rows_close(w);
	}
	strbuf_release(&t);
}

/* Writes the sink subgraphs' slide (their picture) and their rules. */
static int
slides_rules(struct writer *w, const struct infdiag_render_options *base,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = w->m;
	struct infdiag_render_options	 o = picture_options(base,
					    INFDIAG_VIEW_DECOMPOSITION, 0);
	struct strbuf			 t = STRBUF_INIT;
	uint32_t			 k, v, n = 0, nslides, seen = 0;

	for (v = 0; v < m->nvars; v++)
		n += var_ninputs(m, v) > 0;
	if (n == 0)
		return 0;
	strbuf_add(&w->sb, "\n\\begin{frame}{Sink subgraphs: one for each "
	    "variable with inputs}\n");
	if (picture(w, &o, SLIDES_PICTURE_ALONE, 0, err) != 0)
		return -1;
	strbuf_add(&w->sb, "\\end{frame}\n");
	nslides = (n + SLIDES_ROWS - 1) / SLIDES_ROWS;
	for (k = 0; k < m->nvars; k++) {
		v = m->order[k];
		if (var_ninputs(m, v) == 0)
			continue;
		if (seen % SLIDES_ROWS == 0)
			rows_open(w, "Each subgraph's perturbation rule",
			    seen / SLIDES_ROWS + 1, nslides);
		note_rule(&t, m, v, STYLE_LATEX);
		seen++;
		row(w, &t, 0, seen == n || seen % SLIDES_ROWS == 0);
		if (seen == n || seen % SLIDES_ROWS == 0)
			rows_close(w);
	}
	strbuf_release(&t);
	return 0;
}

/* The paths of d highlighted one per overlay: at most the query's
 * max_paths, and the colours of the palette. */
static uint32_t
overlays(const struct writer *w, const struct deriv *d)
{
	uint64_t	n = w->a->max_paths;

	if (mpz_cmp_ui(*analysis_count(w->a, d->wrt), n) < 0)
		n = mpz_get_ui(*analysis_count(w->a, d->wrt));
	if (n > DIAGRAM_MAX_COLOURS)
		n = DIAGRAM_MAX_COLOURS;
	return (uint32_t)n;
}

/* Appends the sum of the first n path terms of d, term k in path k's
 * colour on overlay k + 2, "+ ..." when there are more, and the lines
 * naming each path on its overlay to caption. */
static int
path_terms(struct writer *w, const struct deriv *d, uint32_t n,
    struct strbuf *caption)
{
	struct path_iter	*it;
	const uint32_t		*path;
	uint32_t		 len, k = 0;
	int			 rc = 0;

	if ((it = paths_begin(w->a, d)) == NULL)
		return -1;
	while (k < n && (rc = paths_next(it, &path, &len)) == 1) {
		strbuf_addf(&w->sb, "%s\\textcolor<%u>{infdiagpath%u}{",
		    k > 0 ? " + " : "", k + 2, k + 1);
		formula_term(&w->sb, w->a, path, len, STYLE_LATEX);
		strbuf_addc(&w->sb, '}');
		strbuf_addf(caption, "\\only<%u>{\\textcolor{infdiagpath%u}"
		    "{Path %u of ", k + 2, k + 1, k + 1);
		analysis_count_str(caption, w->a, d->wrt, 0);
		strbuf_add(caption, ": $");
		formula_path(caption, w->a, path, len, STYLE_LATEX);
		strbuf_add(caption, "$}}%\n");
		k++;
	}
	paths_end(it);
	if (mpz_cmp_ui(*analysis_count(w->a, d->wrt), n) > 0)
		strbuf_add(&w->sb, " + \\dotsb");
	return rc < 0 ? -1 : 0;
}

/* Decides whether the paths picture o draws is focused: as asked, or
 * when focus leaves a variable out and the picture would be shrunk below
 * SLIDES_FOCUS_SCALE on its slide (a large view, laid out by sfdp, is
 * not measured: it would be).  Returns 0, or -1 with err set. */
static int
focus_paths(struct writer *w, const struct deriv *d,
    struct infdiag_render_options *o, struct infdiag_error *err)
{
	size_t	nodes, edges;
	double	width, height;

	if (o->focus || d->nrel >= w->m->nvars)
		return 0;
	diagram_size(w->a, o, &nodes, &edges);
	if (nodes <= LAYOUT_LARGE_NODES && edges <= LAYOUT_LARGE_EDGES) {
		if (tikz_size(w->a, o, &width, &height, err) != 0)
			return -1;
		if (width * SLIDES_FOCUS_SCALE <= SLIDES_UNDER_WIDTH &&
		    height * SLIDES_FOCUS_SCALE <= SLIDES_UNDER_HEIGHT)
			return 0;
	}
	o->focus = 1;
	return 0;
}

/* Writes the slide of d's paths: the paths view, and the sum of their
 * terms under it, each path and its term in its colour on its overlay. */
static int
slides_paths(struct writer *w, const struct deriv *d, uint32_t k,
    const struct infdiag_render_options *base, struct infdiag_error *err)
{
	struct infdiag_render_options	o = picture_options(base,
					    INFDIAG_VIEW_PATHS, k);
	struct strbuf			caption = STRBUF_INIT;
	uint32_t			n = overlays(w, d);
	size_t				mark;
	int				rc;

	/* The frame's slides: the plain picture, then one for each path
	 * (the picture may name later overlays for its plain view). */
	strbuf_addf(&w->sb, "\n\\begin{frame}<1-%u>{", n + 1);
	mark = w->sb.len;
	analysis_count_str(&w->sb, w->a, d->wrt, 0);
	strbuf_addf(&w->sb, " %s from ", note_noun_str(strbuf_str(&w->sb) +
	    mark, "path", "paths"));
	write_tex_symbol(w, d->wrt);
	strbuf_add(&w->sb, " to ");
	write_tex_symbol(w, w->a->of);
	strbuf_add(&w->sb, "}\n");
	if (focus_paths(w, d, &o, err) != 0 ||
	    picture(w, &o, SLIDES_PICTURE_UNDER, n, err) != 0)
		return -1;
	strbuf_add(&w->sb, "\\begin{center}\n\\infdiagfit{0.16\\textheight}"
	    "{$\\displaystyle ");
	note_total(&w->sb, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&w->sb, " = ");
	rc = path_terms(w, d, n, &caption);
	strbuf_add(&w->sb, "$}\n\\end{center}\n");
	strbuf_addn(&w->sb, strbuf_str(&caption), caption.len);
	w->nomem |= strbuf_failed(&caption);
	strbuf_release(&caption);
	if (mpz_cmp_ui(*analysis_count(w->a, d->wrt), n) > 0) {
		strbuf_add(&w->sb, "\\par\\smallskip and ");
		mark = w->sb.len;
		analysis_count_str(&w->sb, w->a, d->wrt, n);
		strbuf_addf(&w->sb, " more %s\n", note_noun_str(
		    strbuf_str(&w->sb) + mark, "path", "paths"));
	}
	strbuf_add(&w->sb, "\\end{frame}\n");
	writer_flush(w);
	return rc;
}

/* Appends a displayed formula that is shrunk to the slide. */
static void
display(struct writer *w, const char *height, const struct strbuf *f)
{
	strbuf_addf(&w->sb, "\\begin{center}\n\\infdiagfit{%s}"
	    "{$\\displaystyle ", height);
	strbuf_addn(&w->sb, strbuf_str(f), f->len);
	strbuf_add(&w->sb, "$}\n\\end{center}\n");
	w->nomem |= strbuf_failed(f);
}

/* Writes the slide of d's expanded, factored and closed forms. */
static int
slides_forms(struct writer *w, const struct deriv *d)
{
	struct strbuf	e = STRBUF_INIT, f = STRBUF_INIT, c = STRBUF_INIT;
	int		rc = 0;

	note_total(&e, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&e, " = ");
	strbuf_addn(&f, strbuf_str(&e), e.len);
	strbuf_addn(&c, strbuf_str(&e), e.len);
	if (formula_expanded_fits(w->a, d))
		rc |= formula_expanded(&e, w->a, d, STYLE_LATEX);
	else
		strbuf_add(&e, "\\text{(too large to write out)}");
	strbuf_add(&w->sb, "\n\\begin{frame}{");
	total(w, d);
	strbuf_add(&w->sb, ": expanded and factored}\nExpanded, one term for "
	    "each path:\n");
	display(w, "0.2\\textheight", &e);
	if (formula_factored_fits(w->a, d))
		rc |= formula_factored(&f, w->a, d, STYLE_LATEX);
	if (strcmp(strbuf_str(&e), strbuf_str(&f)) == 0)
		strbuf_add(&w->sb, "Factored, it reads the same.\n");
	else if (formula_factored_fits(w->a, d)) {
		strbuf_add(&w->sb, "\\pause Factored, common factors taken "
		    "out:\n");
		display(w, "0.2\\textheight", &f);
	}
	if (numbers_closed_form(&c, w->a, d, STYLE_LATEX)) {
		strbuf_add(&w->sb, "\\pause With every variable written in "
		    "terms of the independent ones:\n");
		display(w, "0.2\\textheight", &c);
	}
	strbuf_add(&w->sb, "\\end{frame}\n");
	strbuf_release(&e);
	strbuf_release(&f);
	strbuf_release(&c);
	writer_flush(w);
	return rc;
}

/* Appends forward equation i of d. */
static void
forward_row(struct writer *w, const struct deriv *d, uint32_t i,
    struct strbuf *t)
{
	formula_forward(t, w->a, d, d->rel[i], STYLE_LATEX);
}

/* Appends reverse equation i, from the output down. */
static void
reverse_row(struct writer *w, const struct deriv *d, uint32_t i,
    struct strbuf *t)
{
	(void)d;
	formula_reverse(t, w->a, w->a->anc[w->a->nanc - 1 - i], STYLE_LATEX);
}

/* Appends a number of the model's as inline mathematics. */
static void
number(struct writer *w, double x)
{
	strbuf_addc(&w->sb, '$');
	note_number(&w->sb, x, STYLE_LATEX);
	strbuf_addc(&w->sb, '$');
}

/* Appends the ratio of d's total to its partial, "= 2 \times ∂f/∂x",
 * when both are finite and the partial is not 0; says whether it did. */
static int
ratio(struct writer *w, const struct deriv *d)
{
	const struct deriv_numbers	*dn = &d->num;

	if (!dn->has_partial || dn->partial == 0 ||
	    !isfinite(dn->forward / dn->partial))
		return 0;
	strbuf_add(&w->sb, "\\[ ");
	note_total(&w->sb, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&w->sb, " = \\mathbf{");
	note_number(&w->sb, dn->forward / dn->partial, STYLE_LATEX);
	strbuf_add(&w->sb, "} \\times ");
	note_local(&w->sb, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&w->sb, " \\]\n");
	return 1;
}

/* Writes the slide of d's partial against its total at the model's
 * values: the partial, the total, then in a block how many times the
 * partial the total is, each on its overlay. */
static void
slides_numbers(struct writer *w, const struct deriv *d)
{
	const struct deriv_numbers	*dn = &d->num;
	double				 partial = dn->has_partial ?
					    dn->partial : 0;

	strbuf_add(&w->sb, "\n\\begin{frame}{");
	total(w, d);
	strbuf_add(&w->sb, " at the model's values: partial versus total}\n"
	    "\\begin{itemize}\n\\item<1-> The partial $");
	note_local(&w->sb, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&w->sb, " = ");
	note_number(&w->sb, partial, STYLE_LATEX);
	if (dn->has_partial) {
		strbuf_add(&w->sb, "$: the direct arrow $");
		note_symbol(&w->sb, w->m, d->wrt, STYLE_LATEX);
		strbuf_add(&w->sb, " \\to ");
		note_symbol(&w->sb, w->m, w->a->of, STYLE_LATEX);
		strbuf_add(&w->sb, "$ alone, every other input of ");
		write_tex_symbol(w, w->a->of);
		strbuf_add(&w->sb, " held fixed.\n");
	} else {
		strbuf_add(&w->sb, "$: ");
		write_tex_symbol(w, d->wrt);
		strbuf_add(&w->sb, " is not an input of ");
		write_tex_symbol(w, w->a->of);
		strbuf_add(&w->sb, ".\n");
	}
	strbuf_add(&w->sb, "\\item<2-> The total ");
	total(w, d);
	strbuf_add(&w->sb, " $= ");
	note_number(&w->sb, dn->forward, STYLE_LATEX);
	strbuf_add(&w->sb, "$: every path.\n\\end{itemize}\n"
	    "\\begin{alertblock}<3->{Partial versus total}\n");
	if (d->nrel == 2 && dn->has_partial)
		strbuf_add(&w->sb, "The only path is the direct arrow: partial "
		    "and total agree.\n");
	else {
		ratio(w, d);
		strbuf_add(&w->sb, "The indirect paths add ");
		number(w, dn->forward - partial);
		strbuf_add(&w->sb, ".\n");
	}
	strbuf_add(&w->sb, "\\end{alertblock}\n\\end{frame}\n");
	writer_flush(w);
}

/* Writes the slides of derivative k. */
static int
slides_deriv(struct writer *w, uint32_t k,
    const struct infdiag_render_options *base, struct infdiag_error *err)
{
	const struct deriv	*d = &w->a->d[k];
	struct strbuf		 title = STRBUF_INIT;

	if (d->nrel == 0 || d->wrt == w->a->of)
		return 0;
	if (slides_paths(w, d, k, base, err) != 0)
		return -1;
	if (slides_forms(w, d) != 0) {
		error_nomem(err);
		return -1;
	}
	strbuf_add(&title, "Forward accumulation of $");
	note_total(&title, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&title, "$ from $");
	note_symbol(&title, w->m, d->wrt, STYLE_LATEX);
	strbuf_add(&title, "$ up");
	rows_slides(w, d, strbuf_str(&title), d->nrel, forward_row);
	w->nomem |= strbuf_failed(&title);
	strbuf_release(&title);
	if (w->a->num != NULL && d->num.has_value && isfinite(d->num.forward))
		slides_numbers(w, d);
	return 0;
}

/* Writes the deck of an analysis, its pictures drawn with o's options. */
int
infdiag_write_slides_opts(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, FILE *fp,
    struct infdiag_error *err)
{
	struct writer	w;
	uint32_t	k;
	int		rc = 0;

	error_init(err, infdiag_model_source(a->m));
	writer_begin(&w, a, fp, STYLE_LATEX);
	slides_preamble(&w);
	if (slides_model(&w, o, err) != 0 || slides_rules(&w, o, err) != 0)
		rc = -1;
	for (k = 0; rc == 0 && k < a->nwrt; k++)
		rc = slides_deriv(&w, k, o, err);
	if (rc == 0 && a->nwrt > 0)
		rows_slides(&w, NULL, "Reverse accumulation (backpropagation)",
		    a->nanc, reverse_row);
	strbuf_add(&w.sb, "\n\\end{document}\n");
	writer_flush(&w);
	if (writer_end(&w) != 0 && rc == 0) {
		error_nomem(err);
		rc = -1;
	}
	return rc;
}

/* Writes the deck of an analysis with the pictures' default options. */
int
infdiag_write_slides(const struct infdiag_analysis *a, FILE *fp,
    struct infdiag_error *err)
{
	struct infdiag_render_options	opt = { .type = "tikz" };

	return infdiag_write_slides_opts(a, &opt, fp, err);
}
