/*
 * The teaching report: one self-contained HTML page a teacher can project
 * or print.  The diagrams are inline SVG from infdiag_render(); the
 * mathematics is MathML made from the LaTeX that notation.c, formula.c and
 * numbers.c write, each formula carrying its LaTeX source to copy.  The
 * page has no script and loads nothing.
 *
 * Every piece of model text (title, description, names, label, fn, expr
 * and latex) reaches the page escaped: as HTML text, or inside MathML
 * token elements, never as markup.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "analysis.h"
#include "diagram.h"
#include "error.h"
#include "formula.h"
#include "mathml.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
#include "strbuf.h"
#include "write_kinks.h"

/* The most rows a table lists (paths, variables, subgraphs). */
#define REPORT_MAX_ROWS		200
/* The derivatives that get their own paths and partial diagrams. */
#define REPORT_MAX_DIAGRAMS	3

/* The page being written. */
struct page {
	const struct infdiag_analysis	*a;
	const struct infdiag_model	*m;
	FILE				*fp;
	struct strbuf			 sb;	/* the page, flushed often */
	struct strbuf			 tex;	/* one formula in LaTeX */
	struct strbuf			 src;	/* a block's LaTeX, to copy */
	int				 nomem;
};

/* Writes what was made and empties it. */
static void
flush(struct page *p)
{
	if (strbuf_failed(&p->sb))
		p->nomem = 1;
	else if (p->sb.len > 0)
		fwrite(p->sb.s, 1, p->sb.len, p->fp);
	strbuf_truncate(&p->sb, 0);
	p->sb.failed = 0;
}

/* Opens and closes a math element whose LaTeX source is tex. */
static void
math_open(struct strbuf *out, int block)
{
	strbuf_add(out, block ? "<math display=\"block\"><semantics><mrow>" :
	    "<math><semantics><mrow>");
}

static void
math_close(struct strbuf *out, const char *tex)
{
	strbuf_add(out, "</mrow><annotation encoding=\"application/x-tex\">");
	html_escape(out, tex);
	strbuf_add(out, "</annotation></semantics></math>");
}

/* Appends the formula in p->tex as MathML and empties p->tex. */
static void
math(struct page *p, int block)
{
	math_open(&p->sb, block);
	mathml_from_latex(&p->sb, strbuf_str(&p->tex));
	math_close(&p->sb, strbuf_str(&p->tex));
	p->nomem |= strbuf_failed(&p->tex);
	strbuf_truncate(&p->tex, 0);
}

/* Appends v's symbol as inline MathML. */
static void
math_symbol(struct page *p, uint32_t v)
{
	note_symbol(&p->tex, p->m, v, STYLE_LATEX);
	math(p, 0);
}

/*
 * Blocks of equations: a table of rows "lhs = rhs", with the block's
 * LaTeX to copy below.
 */
static void
eqs_open(struct page *p)
{
	strbuf_add(&p->sb, "<table class=\"eqs\">\n");
	strbuf_truncate(&p->src, 0);
}

/* Appends the equation in p->tex as a row, in a colour when not NULL,
 * after a cell of HTML when not NULL. */
static void
eqs_row(struct page *p, const char *colour, const char *cell)
{
	const char	*s = strbuf_str(&p->tex), *eq = strstr(s, " = ");
	struct strbuf	 lhs = STRBUF_INIT;

	strbuf_add(&p->sb, "<tr");
	if (colour != NULL)
		strbuf_addf(&p->sb, " style=\"color:%s\"", colour);
	strbuf_add(&p->sb, ">");
	if (cell != NULL)
		strbuf_addf(&p->sb, "<td class=\"n\">%s</td>", cell);
	strbuf_add(&p->sb, "<td class=\"lhs\">");
	if (p->src.len > 0)
		strbuf_add(&p->src, " \\\\\n");
	strbuf_add(&p->src, "  ");
	if (eq != NULL) {
		strbuf_addn(&lhs, s, (size_t)(eq - s));
		math_open(&p->sb, 0);
		mathml_from_latex(&p->sb, strbuf_str(&lhs));
		math_close(&p->sb, strbuf_str(&lhs));
		strbuf_add(&p->sb, "</td><td class=\"rhs\">");
		math_open(&p->sb, 0);
		strbuf_add(&p->sb, "<mo>=</mo>");
		mathml_from_latex(&p->sb, eq + 3);
		math_close(&p->sb, s);
		strbuf_addn(&p->src, s, (size_t)(eq - s));
		strbuf_add(&p->src, " &= ");
		strbuf_add(&p->src, eq + 3);
	} else {
		strbuf_add(&p->sb, "</td><td class=\"rhs\">");
		math_open(&p->sb, 0);
		mathml_from_latex(&p->sb, s);
		math_close(&p->sb, s);
		strbuf_add(&p->src, s);
	}
	strbuf_add(&p->sb, "</td></tr>\n");
	p->nomem |= strbuf_failed(&lhs) || strbuf_failed(&p->tex);
	strbuf_release(&lhs);
	strbuf_truncate(&p->tex, 0);
	flush(p);
}

/* Appends LaTeX to copy, escaped. */
static void
tex_source(struct page *p, const char *tex, int aligned)
{
	strbuf_add(&p->sb, "<details class=\"tex\"><summary>LaTeX</summary>"
	    "<pre>");
	if (aligned)
		strbuf_add(&p->sb, "\\begin{align*}\n");
	html_escape(&p->sb, tex);
	if (aligned)
		strbuf_add(&p->sb, "\n\\end{align*}");
	strbuf_add(&p->sb, "</pre></details>\n");
}

static void
eqs_close(struct page *p)
{
	strbuf_add(&p->sb, "</table>\n");
	tex_source(p, strbuf_str(&p->src), 1);
	p->nomem |= strbuf_failed(&p->src);
	strbuf_truncate(&p->src, 0);
	flush(p);
}

/* Appends a display formula from p->tex with its LaTeX to copy. */
static void
display(struct page *p)
{
	struct strbuf	copy = STRBUF_INIT;

	strbuf_add(&copy, strbuf_str(&p->tex));
	strbuf_add(&p->sb, "<div class=\"display\">");
	math(p, 1);
	strbuf_add(&p->sb, "</div>\n");
	tex_source(p, strbuf_str(&copy), 0);
	p->nomem |= strbuf_failed(&copy);
	strbuf_release(&copy);
	flush(p);
}

/*
 * Diagrams.
 */

/* Appends a view of derivative k rendered to SVG, without its XML prolog;
 * on failure a note saying why (a model too large to lay out). */
static void
diagram(struct page *p, const struct infdiag_analysis *a,
    enum infdiag_view view, uint32_t k, const char *caption)
{
	struct infdiag_render_options	 opt = {
		.view = view, .type = "svg", .deriv = k
	};
	struct infdiag_error		 err;
	char				*buf = NULL;
	const char			*svg, *width;
	double				 pt = 0;
	size_t				 len = 0;
	FILE				*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL) {
		p->nomem = 1;
		return;
	}
	if (infdiag_render(a, &opt, fp, &err) != 0) {
		fclose(fp);
		if (err.status == INFDIAG_ENOMEM)
			p->nomem = 1;
		strbuf_add(&p->sb, "<p class=\"note\">No diagram: ");
		html_escape(&p->sb, err.text);
		strbuf_add(&p->sb, "</p>\n");
		free(buf);
		return;
	}
	if (fclose(fp) != 0 || buf == NULL) {
		p->nomem = 1;
		free(buf);
		return;
	}
	strbuf_add(&p->sb, "<figure class=\"diagram\">");
	if ((svg = strstr(buf, "<svg")) != NULL) {
		/* Graphviz sizes in points; show it half as large again. */
		if ((width = strstr(svg, " width=\"")) != NULL)
			pt = strtod(width + 8, NULL);
		strbuf_add(&p->sb, "<svg");
		if (pt > 0 && pt < 1e5)
			strbuf_addf(&p->sb, " style=\"width:%.0fpx\"",
			    pt * 2);
		strbuf_add(&p->sb, svg + 4);
	}
	strbuf_addf(&p->sb, "<figcaption>%s</figcaption></figure>\n", caption);
	free(buf);
	flush(p);
}

/*
 * The page's parts.
 */

static const char css[] =
"body{font:22px/1.5 \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;"
"color:#111;background:#fff;margin:0}\n"
"main{max-width:1200px;margin:0 auto;padding:1em 1.5em 3em}\n"
"h1{font-size:1.9em;line-height:1.2;margin:.4em 0 .3em;color:#000}\n"
"h2{font-size:1.45em;margin:1.6em 0 .5em;padding-bottom:.15em;"
"border-bottom:3px solid #d6550d}\n"
"h3{font-size:1.15em;margin:1.2em 0 .4em}\n"
"p.lead{font-size:1.1em;color:#222}\n"
"p.meta,p.note,figcaption{color:#444;font-size:.85em}\n"
"nav ol{columns:2;font-size:.9em}\n"
"a{color:#0645ad}\n"
"math{font-size:1.15em;font-family:\"DejaVu Math TeX Gyre\",\"STIX Two "
"Math\",\"Latin Modern Math\",math}\n"
"table.eqs math,table.grid math,.box math{math-style:normal}\n"
"math[display=block]{margin:.4em 0}\n"
".display{overflow-x:auto;padding:.3em 0}\n"
"figure.diagram{margin:1em 0;text-align:center;overflow-x:auto}\n"
"figure.diagram svg{max-width:100%;height:auto}\n"
"table{border-collapse:collapse;margin:.5em 0}\n"
"table.grid,table.eqs{display:block;max-width:100%;overflow-x:auto}\n"
"table.grid td,table.grid th{border:1px solid #999;padding:.2em .6em;"
"text-align:left;vertical-align:middle}\n"
"table.grid th{background:#eee}\n"
"td.num{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
"table.eqs td{padding:.15em .2em;vertical-align:middle}\n"
"table.eqs td.lhs{text-align:right;white-space:nowrap}\n"
"table.eqs td.n{font-weight:bold;padding-right:.8em}\n"
"ol.rules{list-style:lower-alpha}\n"
"ol.paths li{margin:.2em 0}\n"
".swatch{display:inline-block;width:1.6em;height:.45em;"
"vertical-align:middle;margin-right:.4em;border-radius:2px}\n"
".box{border-left:6px solid #d62728;background:#fdf0f0;padding:.5em 1em;"
"margin:1em 0}\n"
".ok{color:#1a7f37;font-weight:bold}\n"
".bad{color:#b00020;font-weight:bold}\n"
"details.tex{margin:.2em 0 .8em;font-size:.7em}\n"
"details.tex summary{cursor:pointer;color:#555}\n"
"details.tex pre{background:#f4f4f4;padding:.5em;overflow-x:auto;"
"white-space:pre-wrap;user-select:all}\n"
"code{font-size:.9em}\n"
"footer{margin-top:3em;color:#555;font-size:.75em}\n"
"@media print{body{font-size:11pt}main{max-width:none;padding:0}"
"nav,details.tex{display:none}h2{break-after:avoid}"
"figure,table.eqs,.box{break-inside:avoid}a{color:#000}}\n";

/* Writes the head, the title, the description and the contents. */
static void
page_head(struct page *p)
{
	const struct infdiag_model	*m = p->m;
	const char			*title = m->title != NULL ? m->title :
					    m->source;
	uint32_t			 k;

	strbuf_add(&p->sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"infdiag ");
	html_escape(&p->sb, infdiag_version());
	strbuf_add(&p->sb, "\">\n<title>");
	html_escape(&p->sb, title);
	strbuf_addf(&p->sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<main>\n<header>\n<h1>", css);
	html_escape(&p->sb, title);
	strbuf_add(&p->sb, "</h1>\n");
	if (m->description != NULL) {
		strbuf_add(&p->sb, "<p class=\"lead\">");
		html_escape(&p->sb, m->description);
		strbuf_add(&p->sb, "</p>\n");
	}
	strbuf_addf(&p->sb, "<p class=\"meta\">%u variables, %zu influences. "
	    "Output ", m->nvars, m->nedges);
	math_symbol(p, p->a->of);
	if (p->a->nwrt > 0)
		strbuf_add(&p->sb, ", differentiated with respect to ");
	for (k = 0; k < p->a->nwrt && k < REPORT_MAX_ROWS; k++) {
		if (k > 0)
			strbuf_add(&p->sb, ", ");
		math_symbol(p, p->a->d[k].wrt);
	}
	strbuf_add(&p->sb, ".</p>\n</header>\n<nav><h2>Contents</h2><ol>"
	    "<li><a href=\"#diagram\">The influence diagram</a></li>"
	    "<li><a href=\"#decomposition\">Sink subgraphs and their "
	    "rules</a></li>");
	for (k = 0; k < p->a->nwrt && k < REPORT_MAX_ROWS; k++) {
		strbuf_addf(&p->sb, "<li><a href=\"#d%u\">", k + 1);
		note_total(&p->tex, m, p->a->of, p->a->d[k].wrt, STYLE_LATEX);
		math(p, 0);
		strbuf_add(&p->sb, "</a></li>");
	}
	if (p->a->nwrt > 0)
		strbuf_add(&p->sb, "<li><a href=\"#reverse\">Reverse "
		    "accumulation</a></li>");
	if (p->a->num != NULL && numbers_any(p->a))
		strbuf_add(&p->sb, "<li><a href=\"#numbers\">The "
		    "numbers</a></li>");
	strbuf_add(&p->sb, "</ol></nav>\n");
	flush(p);
}

/* Appends model text escaped for HTML, for note_function(). */
static void
html_text_fn(void *ctx, struct strbuf *sb, const char *s)
{
	(void)ctx;
	html_escape(sb, s);
}

/* Writes the full diagram and the table of variables. */
static void
page_model(struct page *p)
{
	const struct infdiag_model	*m = p->m;
	const struct var_extra		*x;
	uint32_t			 k, v;

	strbuf_add(&p->sb, "<section id=\"diagram\">\n<h2>The influence "
	    "diagram</h2>\n<p>One node per variable, and an arrow "
	    "<i>p</i> → <i>v</i> when <i>v</i> is computed directly from "
	    "<i>p</i>. Each arrow carries its local derivative.</p>\n");
	diagram(p, p->a, INFDIAG_VIEW_FULL, 0, "The full diagram: every "
	    "variable and every arrow, each labelled with its local "
	    "derivative.");
	strbuf_add(&p->sb, "<table class=\"grid\"><tr><th>variable</th>"
	    "<th>name</th><th>computed as</th><th>description</th></tr>\n");
	for (k = 0; k < m->nvars && k < REPORT_MAX_ROWS; k++) {
		v = m->order[k];
		x = var_extra(m, v);
		strbuf_add(&p->sb, "<tr><td>");
		math_symbol(p, v);
		strbuf_add(&p->sb, "</td><td><code>");
		html_escape(&p->sb, m->vars[v].name);
		strbuf_add(&p->sb, "</code></td><td>");
		if (var_ninputs(m, v) == 0)
			strbuf_add(&p->sb, "independent");
		else
			note_function(&p->sb, p->m, v, STYLE_TEXT, html_text_fn,
			    NULL);
		if (x != NULL && x->expr_src != NULL) {
			strbuf_add(&p->sb, " = <code>");
			html_escape(&p->sb, x->expr_src);
			strbuf_add(&p->sb, "</code>");
		}
		strbuf_add(&p->sb, "</td><td>");
		if (x != NULL && x->description != NULL)
			html_escape(&p->sb, x->description);
		strbuf_add(&p->sb, "</td></tr>\n");
		flush(p);
	}
	strbuf_add(&p->sb, "</table>\n");
	if (m->nvars > REPORT_MAX_ROWS)
		strbuf_addf(&p->sb, "<p class=\"note\">The first %d of %u "
		    "variables, in order.</p>\n", REPORT_MAX_ROWS, m->nvars);
	strbuf_add(&p->sb, "</section>\n");
	flush(p);
}

/* Writes one sink subgraph's row: the sink and its inputs, the rule, the
 * local derivatives' formulas. */
static void
subgraph_row(struct page *p, uint32_t v)
{
	const struct infdiag_model	*m = p->m;
	uint32_t			 i;

	strbuf_add(&p->sb, "<tr><td>");
	note_symbol(&p->tex, m, v, STYLE_LATEX);
	strbuf_add(&p->tex, " \\leftarrow \\{");
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (i > m->in_off[v])
			strbuf_add(&p->tex, ", ");
		note_symbol(&p->tex, m, m->in_idx[i], STYLE_LATEX);
	}
	strbuf_add(&p->tex, "\\}");
	math(p, 0);
	strbuf_add(&p->sb, "</td><td>");
	note_rule(&p->tex, m, v, STYLE_LATEX);
	math(p, 0);
	strbuf_add(&p->sb, "</td><td>");
	for (i = 0; i < var_ninputs(m, v); i++) {
		note_local(&p->tex, m, v, m->in_idx[m->in_off[v] + i],
		    STYLE_LATEX);
		strbuf_add(&p->tex, " = ");
		if (numbers_local_formula(&p->tex, p->a, v, i, STYLE_LATEX)) {
			math(p, 0);
			strbuf_add(&p->sb, "<br>");
		} else
			strbuf_truncate(&p->tex, 0);
	}
	strbuf_add(&p->sb, "</td></tr>\n");
	flush(p);
}

/* Writes the decomposition: the rules (a)-(d), its diagram, each sink
 * subgraph with its perturbation rule. */
static void
page_decomposition(struct page *p)
{
	const struct infdiag_model	*m = p->m;
	uint32_t			 k, v, n = 0, shown = 0;

	for (v = 0; v < m->nvars; v++)
		n += var_ninputs(m, v) > 0;
	strbuf_addf(&p->sb, "<section id=\"decomposition\">\n<h2>Step 1: "
	    "decompose into sink subgraphs</h2>\n<p>The graph is split "
	    "into subgraphs such that</p>\n<ol class=\"rules\">"
	    "<li>each consists of one sink node and all nodes with an arrow "
	    "into it;</li><li>every node with incoming arrows has its own "
	    "subgraph;</li><li>no arrow is in two subgraphs;</li>"
	    "<li>together they make up the whole graph.</li></ol>\n"
	    "<p>So there is one subgraph for each of the %u variables that "
	    "have inputs. Each gives one <b>perturbation rule</b>: a small "
	    "change δ<i>v</i> is the sum over <i>v</i>'s inputs <i>p</i> of "
	    "the local derivative times δ<i>p</i> — a partial ∂<i>v</i>/∂"
	    "<i>p</i> when <i>v</i> has several inputs (the others held "
	    "fixed), a full derivative d<i>v</i>/d<i>p</i> when <i>p</i> is "
	    "its only input.</p>\n", n);
	diagram(p, p->a, INFDIAG_VIEW_DECOMPOSITION, 0, "One cluster per sink "
	    "subgraph, labelled with its perturbation rule.");
	strbuf_add(&p->sb, "<table class=\"grid\"><tr><th>sink ← inputs</th>"
	    "<th>perturbation rule</th><th>local derivatives</th></tr>\n");
	for (k = 0; k < m->nvars && shown < REPORT_MAX_ROWS; k++) {
		v = m->order[k];
		if (var_ninputs(m, v) == 0)
			continue;
		subgraph_row(p, v);
		shown++;
	}
	strbuf_add(&p->sb, "</table>\n");
	if (n > shown)
		strbuf_addf(&p->sb, "<p class=\"note\">The first %u of %u "
		    "subgraphs.</p>\n", shown, n);
	strbuf_add(&p->sb, "</section>\n");
	flush(p);
}

/* The colour of path k, or black. */
static const char *
path_colour(const struct infdiag_analysis *a, uint64_t k)
{
	const char	*c = NULL;

	if (k < a->max_paths && k < DIAGRAM_MAX_COLOURS)
		c = diagram_path_colour((uint32_t)k);
	return c != NULL ? c : "#000000";
}

/* Writes d's paths as a table: number, path and term in the path's
 * colour, with the term's value when known; builds the expanded
 * equation in colour into eq and says how many were shown. */
static int
paths_table(struct page *p, const struct deriv *d, struct strbuf *eq,
    uint64_t *shownp)
{
	struct path_iter	*it;
	const uint32_t		*path;
	uint32_t		 n;
	uint64_t		 shown = 0;
	int			 rc = 0, values = d->num.has_value;
	const char		*c;

	if ((it = paths_begin(p->a, d)) == NULL)
		return -1;
	strbuf_addf(&p->sb, "<table class=\"grid paths\"><tr><th>#</th>"
	    "<th>path</th><th>its term: the local derivatives from the "
	    "output back</th>%s</tr>\n", values ? "<th>value</th>" : "");
	while (shown < p->a->max_paths && shown < REPORT_MAX_ROWS &&
	    (rc = paths_next(it, &path, &n)) == 1) {
		c = path_colour(p->a, shown);
		strbuf_addf(&p->sb, "<tr style=\"color:%s\"><td><span "
		    "class=\"swatch\" style=\"background:%s\"></span><b>%llu"
		    "</b></td><td>", c, c, (unsigned long long)shown + 1);
		formula_path(&p->tex, p->a, path, n, STYLE_LATEX);
		math(p, 0);
		strbuf_add(&p->sb, "</td><td>");
		formula_term(&p->tex, p->a, path, n, STYLE_LATEX);
		strbuf_addf(eq, "%s<mrow style=\"color:%s\">", shown > 0 ?
		    "<mo>+</mo>" : "", c);
		mathml_from_latex(eq, strbuf_str(&p->tex));
		strbuf_add(eq, "</mrow>");
		math(p, 0);
		strbuf_add(&p->sb, "</td>");
		if (values) {
			strbuf_add(&p->sb, "<td class=\"num\">");
			numbers_format(&p->sb, numbers_path_term(p->a, path, n),
			    STYLE_TEXT);
			strbuf_add(&p->sb, "</td>");
		}
		strbuf_add(&p->sb, "</tr>\n");
		flush(p);
		shown++;
	}
	paths_end(it);
	strbuf_add(&p->sb, "</table>\n");
	*shownp = shown;
	return rc < 0 ? -1 : 0;
}

/* Writes the paths of d and the expanded formula, term by term in the
 * paths' colours. */
static int
deriv_paths(struct page *p, uint32_t k)
{
	const struct deriv		*d = &p->a->d[k];
	struct strbuf			 eq = STRBUF_INIT, count = STRBUF_INIT;
	uint64_t			 shown;

	analysis_count_str(&count, p->a, d->wrt, 0);
	strbuf_addf(&p->sb, "<h3>The influence paths</h3>\n<p>There %s "
	    "<b>%s</b> path%s from ", strcmp(strbuf_str(&count), "1") == 0 ?
	    "is" : "are", strbuf_str(&count),
	    strcmp(strbuf_str(&count), "1") == 0 ? "" : "s");
	math_symbol(p, d->wrt);
	strbuf_add(&p->sb, " to ");
	math_symbol(p, p->a->of);
	strbuf_add(&p->sb, ". Substituting the rules into each other from "
	    "the output down gives one term per path: the product of the "
	    "local derivatives along it, written from the output end.</p>\n");
	if (k < REPORT_MAX_DIAGRAMS)
		diagram(p, p->a, INFDIAG_VIEW_PATHS, k, "Each path in its "
		    "own colour, numbered as the terms below.");
	if (d->nrel == 0 || paths_table(p, d, &eq, &shown) != 0) {
		strbuf_release(&eq);
		strbuf_release(&count);
		return d->nrel == 0 ? 0 : -1;
	}
	if (mpz_cmp_ui(*analysis_count(p->a, d->wrt), shown) > 0)
		strbuf_addf(&p->sb, "<p class=\"note\">Showing %llu of %s "
		    "paths (infdiag paths --max-paths lists more).</p>\n",
		    (unsigned long long)shown, strbuf_str(&count));
	else if (formula_expanded_fits(p->a, d)) {
		strbuf_add(&p->sb, "<h3>Expanded: one term per path</h3>\n"
		    "<div class=\"display\">");
		math_open(&p->sb, 1);
		note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		mathml_from_latex(&p->sb, strbuf_str(&p->tex));
		strbuf_add(&p->sb, "<mo>=</mo>");
		strbuf_add(&p->sb, strbuf_str(&eq));
		strbuf_add(&p->tex, " = ");
		if (formula_expanded(&p->tex, p->a, d, STYLE_LATEX) != 0)
			p->nomem = 1;
		math_close(&p->sb, strbuf_str(&p->tex));
		strbuf_add(&p->sb, "</div>\n");
		tex_source(p, strbuf_str(&p->tex), 0);
		strbuf_truncate(&p->tex, 0);
	}
	p->nomem |= strbuf_failed(&eq) || strbuf_failed(&count);
	strbuf_release(&eq);
	strbuf_release(&count);
	flush(p);
	return 0;
}

/* Writes the factored form, the closed form and the forward equations. */
static int
deriv_forms(struct page *p, const struct deriv *d)
{
	uint32_t	k;

	strbuf_add(&p->sb, "<h3>Factored: common factors taken out, as the "
	    "notes write it</h3>\n");
	if (formula_factored_fits(p->a, d)) {
		note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		strbuf_add(&p->tex, " = ");
		if (formula_factored(&p->tex, p->a, d, STYLE_LATEX) != 0)
			return -1;
		display(p);
	} else
		strbuf_addf(&p->sb, "<p class=\"note\">Too large to write out "
		    "(over %d factors): see the forward form.</p>\n",
		    FACTORED_MAX_FACTORS);
	note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&p->tex, " = ");
	if (numbers_closed_form(&p->tex, p->a, d, STYLE_LATEX)) {
		strbuf_add(&p->sb, "<p>With every variable written in terms of "
		    "the independent ones:</p>\n");
		display(p);
	} else
		strbuf_truncate(&p->tex, 0);
	strbuf_add(&p->sb, "<h3>Forward accumulation</h3>\n<p>Each total "
	    "derivative with respect to ");
	math_symbol(p, d->wrt);
	strbuf_add(&p->sb, " from its inputs' totals, from the input "
	    "up:</p>\n");
	eqs_open(p);
	for (k = 0; k < d->nrel && k < REPORT_MAX_ROWS; k++) {
		formula_forward(&p->tex, p->a, d, d->rel[k], STYLE_LATEX);
		eqs_row(p, NULL, NULL);
	}
	eqs_close(p);
	return 0;
}

/* Writes a value "name = number" as inline MathML. */
static void
math_value(struct page *p, double x)
{
	strbuf_add(&p->tex, " = ");
	numbers_format(&p->tex, x, STYLE_LATEX);
	math(p, 0);
}

/* Writes the partial versus the total, with the partial view. */
static void
deriv_partial(struct page *p, uint32_t k)
{
	const struct deriv		*d = &p->a->d[k];
	const struct deriv_numbers	*dn = &d->num;
	struct strbuf			 count = STRBUF_INIT;

	strbuf_add(&p->sb, "<h3>Partial versus total</h3>\n<div class=\"box\">"
	    "<p>");
	if (d->direct) {
		note_local(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		math(p, 0);
		analysis_count_str(&count, p->a, d->wrt, 1);
		strbuf_add(&p->sb, " is the direct arrow's term alone: it holds "
		    "every other input fixed. ");
		note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		math(p, 0);
		strbuf_addf(&p->sb, " adds the %s indirect path%s.</p>\n",
		    strbuf_str(&count), strcmp(strbuf_str(&count), "1") == 0 ?
		    "" : "s");
	} else {
		math_symbol(p, d->wrt);
		strbuf_add(&p->sb, " is not a direct input of ");
		math_symbol(p, p->a->of);
		strbuf_add(&p->sb, ": the partial derivative is 0 and every "
		    "path is indirect.</p>\n");
	}
	if (dn->has_value && dn->has_partial) {
		strbuf_add(&p->sb, "<p>At this point: ");
		note_local(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		math_value(p, dn->partial);
		strbuf_add(&p->sb, " but ");
		note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		math_value(p, dn->forward);
		strbuf_add(&p->sb, "; the indirect paths add ");
		numbers_format(&p->sb, dn->forward - dn->partial, STYLE_TEXT);
		strbuf_add(&p->sb, ".</p>\n");
	}
	strbuf_add(&p->sb, "</div>\n");
	if (k < REPORT_MAX_DIAGRAMS)
		diagram(p, p->a, INFDIAG_VIEW_PARTIAL, k, "The partial "
		    "derivative keeps only the direct arrow (red); the other "
		    "routes are cut, their variables held fixed.");
	p->nomem |= strbuf_failed(&count);
	strbuf_release(&count);
	flush(p);
}

/* Writes one derivative's section. */
static int
page_deriv(struct page *p, uint32_t k)
{
	const struct deriv	*d = &p->a->d[k];

	strbuf_addf(&p->sb, "<section id=\"d%u\">\n<h2>", k + 1);
	note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
	math(p, 0);
	strbuf_add(&p->sb, ": how ");
	math_symbol(p, p->a->of);
	strbuf_add(&p->sb, " changes with ");
	math_symbol(p, d->wrt);
	strbuf_add(&p->sb, "</h2>\n");
	if (deriv_paths(p, k) != 0)
		return -1;
	if (d->nrel == 0) {
		strbuf_add(&p->sb, "<p>");
		math_symbol(p, p->a->of);
		strbuf_add(&p->sb, " does not depend on ");
		math_symbol(p, d->wrt);
		strbuf_add(&p->sb, ": the derivative is 0.</p>\n</section>\n");
		flush(p);
		return 0;
	}
	if (deriv_forms(p, d) != 0)
		return -1;
	if (d->wrt != p->a->of)
		deriv_partial(p, k);
	strbuf_add(&p->sb, "</section>\n");
	flush(p);
	return 0;
}

/* Writes the reverse equations, from of down. */
static void
page_reverse(struct page *p)
{
	uint32_t	k, n = 0;

	strbuf_add(&p->sb, "<section id=\"reverse\">\n<h2>Reverse "
	    "accumulation (backpropagation)</h2>\n<p>The total derivative "
	    "of ");
	math_symbol(p, p->a->of);
	strbuf_add(&p->sb, " with respect to each variable from its "
	    "consumers', from the output down: one sweep gives them "
	    "all.</p>\n");
	eqs_open(p);
	for (k = p->a->nanc; k-- > 0 && n++ < REPORT_MAX_ROWS;) {
		formula_reverse(&p->tex, p->a, p->a->anc[k], STYLE_LATEX);
		eqs_row(p, NULL, NULL);
	}
	eqs_close(p);
	strbuf_add(&p->sb, "</section>\n");
	flush(p);
}

/* Appends a number cell, or "?" when not known. */
static void
num_cell(struct page *p, int known, double x)
{
	strbuf_add(&p->sb, "<td class=\"num\">");
	if (known)
		numbers_format(&p->sb, x, STYLE_TEXT);
	else
		strbuf_add(&p->sb, "?");
	strbuf_add(&p->sb, "</td>");
}

/* Writes the values and adjoints of the ancestors of of, with the
 * tangents of the first derivatives in columns. */
static int
numbers_values(struct page *p)
{
	const struct infdiag_analysis	*a = p->a;
	const struct numbers		*n = a->num;
	const struct infdiag_model	*m = p->m;
	uint32_t			 k, v, j, ncol;
	double				*tan;

	ncol = a->nwrt < REPORT_MAX_DIAGRAMS ? a->nwrt : REPORT_MAX_DIAGRAMS;
	if ((tan = mem_calloc((size_t)m->nvars * (ncol + 1), sizeof(*tan)))
	    == NULL)
		return -1;
	/* The tangents dv/dx: one forward sweep for each column. */
	for (j = 0; j < ncol; j++) {
		const struct deriv	*d = &a->d[j];
		double			*t = tan + (size_t)j * m->nvars;

		if (d->num.has_value)
			numbers_tangents(a, d, t);
	}
	strbuf_add(&p->sb, "<h3>Values, tangents and adjoints</h3>\n<p>The "
	    "tangent of <i>v</i> is its total derivative with respect to the "
	    "input (one forward sweep per input); its adjoint is the "
	    "output's total derivative with respect to <i>v</i> (one reverse "
	    "sweep for all).</p>\n<table class=\"grid\"><tr><th>variable</th>"
	    "<th>value</th>");
	for (j = 0; j < ncol; j++) {
		strbuf_add(&p->sb, "<th>tangent ");
		strbuf_add(&p->tex, "\\frac{d v}{d ");
		note_symbol(&p->tex, m, a->d[j].wrt, STYLE_LATEX);
		strbuf_add(&p->tex, "}");
		math(p, 0);
		strbuf_add(&p->sb, "</th>");
	}
	strbuf_add(&p->sb, "<th>adjoint ");
	strbuf_add(&p->tex, "\\frac{d ");
	note_symbol(&p->tex, m, a->of, STYLE_LATEX);
	strbuf_add(&p->tex, "}{d v}");
	math(p, 0);
	strbuf_add(&p->sb, "</th></tr>\n");
	for (k = 0; k < a->nanc && k < REPORT_MAX_ROWS; k++) {
		v = a->anc[k];
		strbuf_add(&p->sb, "<tr><td>");
		math_symbol(p, v);
		strbuf_add(&p->sb, "</td>");
		num_cell(p, n->known[v], n->value[v]);
		for (j = 0; j < ncol; j++)
			num_cell(p, a->d[j].num.has_value, analysis_on_path(a,
			    &a->d[j], v) ? tan[(size_t)j * m->nvars + v] : 0);
		num_cell(p, n->adjoint_known[v], n->adjoint[v]);
		strbuf_add(&p->sb, "</tr>\n");
		flush(p);
	}
	strbuf_add(&p->sb, "</table>\n");
	mem_free(tan);
	return 0;
}

/* Writes each local derivative with its formula and value. */
static void
numbers_locals(struct page *p)
{
	const struct infdiag_model	*m = p->m;
	const struct numbers		*n = p->a->num;
	uint32_t			 k, v, i, rows = 0;

	strbuf_add(&p->sb, "<h3>Local derivatives: one for each "
	    "arrow</h3>\n<table class=\"grid\"><tr><th>local derivative</th>"
	    "<th>formula</th><th>value</th></tr>\n");
	for (k = 0; k < p->a->nanc && rows < REPORT_MAX_ROWS; k++) {
		v = p->a->anc[k];
		for (i = 0; i < var_ninputs(m, v) && rows < REPORT_MAX_ROWS;
		    i++, rows++) {
			strbuf_add(&p->sb, "<tr><td>");
			note_local(&p->tex, m, v, m->in_idx[m->in_off[v] + i],
			    STYLE_LATEX);
			math(p, 0);
			strbuf_add(&p->sb, "</td><td>");
			if (numbers_local_formula(&p->tex, p->a, v, i,
			    STYLE_LATEX))
				math(p, 0);
			else
				strbuf_add(&p->sb, "given");
			strbuf_add(&p->sb, "</td>");
			num_cell(p, n->local_known[v],
			    n->local[m->in_off[v] + i]);
			strbuf_add(&p->sb, "</tr>\n");
			flush(p);
		}
	}
	strbuf_add(&p->sb, "</table>\n");
}

/* Writes one derivative's value by both sweeps and its check. */
static void
numbers_deriv(struct page *p, const struct deriv *d)
{
	const struct deriv_numbers	*dn = &d->num;

	strbuf_add(&p->sb, "<tr><td>");
	note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
	math(p, 0);
	strbuf_add(&p->sb, "</td>");
	num_cell(p, dn->has_value, dn->forward);
	num_cell(p, dn->has_value, dn->reverse);
	num_cell(p, dn->has_value && dn->has_partial, dn->partial);
	num_cell(p, dn->has_check, dn->fd);
	strbuf_add(&p->sb, "<td>");
	if (dn->has_check) {
		strbuf_addf(&p->sb, "<span class=\"%s\">",
		    dn->fd_ok ? "ok" : "bad");
		numbers_check_error(&p->sb, dn);
		strbuf_add(&p->sb, "</span>");
	}
	else if (dn->fd_note != NULL)
		html_escape(&p->sb, dn->fd_note);
	strbuf_add(&p->sb, "</td></tr>\n");
	flush(p);
}

/* Writes the numbers section. */
static int
page_numbers(struct page *p)
{
	const struct infdiag_model	*m = p->m;
	uint32_t			 v, k, n = 0;

	strbuf_add(&p->sb, "<section id=\"numbers\">\n<h2>The numbers</h2>\n"
	    "<p>At the point");
	for (v = 0; v < m->nvars && n < 12; v++) {
		if (!(m->vars[v].flags & VAR_HAS_VALUE))
			continue;
		strbuf_add(&p->sb, n++ > 0 ? ", " : " ");
		note_symbol(&p->tex, m, v, STYLE_LATEX);
		math_value(p, m->vars[v].value);
	}
	strbuf_add(&p->sb, n == 12 ? ", …" : "");
	strbuf_add(&p->sb, ".</p>\n");
	if (numbers_values(p) != 0)
		return -1;
	numbers_locals(p);
	html_kinks(&p->sb, p->a);
	strbuf_add(&p->sb, "<h3>Total derivatives, checked</h3>\n<p>Forward "
	    "and reverse accumulation must agree; a central finite "
	    "difference of the whole model checks them both.</p>\n"
	    "<table class=\"grid\"><tr><th>derivative</th><th>forward</th>"
	    "<th>reverse</th><th>partial (direct term)</th><th>finite "
	    "difference</th><th>error</th></tr>\n");
	for (k = 0; k < p->a->nwrt && k < REPORT_MAX_ROWS; k++)
		numbers_deriv(p, &p->a->d[k]);
	strbuf_add(&p->sb, "</table>\n</section>\n");
	flush(p);
	return 0;
}

/* Writes the whole page. */
static int
page(struct page *p)
{
	uint32_t	k;

	page_head(p);
	page_model(p);
	page_decomposition(p);
	for (k = 0; k < p->a->nwrt && k < REPORT_MAX_ROWS; k++) {
		if (page_deriv(p, k) != 0)
			return -1;
	}
	if (p->a->nwrt > REPORT_MAX_ROWS)
		strbuf_addf(&p->sb, "<p class=\"note\">The first %d of %u "
		    "derivatives.</p>\n", REPORT_MAX_ROWS, p->a->nwrt);
	if (p->a->nwrt > 0)
		page_reverse(p);
	if (p->a->num != NULL && numbers_any(p->a) && page_numbers(p) != 0)
		return -1;
	strbuf_add(&p->sb, "<footer>Made by infdiag ");
	html_escape(&p->sb, infdiag_version());
	strbuf_add(&p->sb, " from <code>");
	html_escape(&p->sb, p->m->source);
	strbuf_add(&p->sb, "</code>. Every formula's LaTeX is under its "
	    "“LaTeX” switch.</footer>\n</main>\n</body>\n</html>\n");
	flush(p);
	return 0;
}

/* Writes the teaching report. */
int
infdiag_write_report(const struct infdiag_analysis *a, FILE *fp,
    struct infdiag_error *err)
{
	struct page	p;
	int		rc;

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.m = a->m;
	p.fp = fp;
	error_init(err, infdiag_model_source(a->m));
	rc = page(&p);
	strbuf_release(&p.sb);
	strbuf_release(&p.tex);
	strbuf_release(&p.src);
	if (rc != 0 || p.nomem) {
		error_nomem(err);
		return -1;
	}
	return 0;
}
