/*
 * The teaching report: one self-contained HTML page a teacher can project
 * or print.  The diagrams are inline SVG from infdiag_render(); the
 * mathematics is MathML made from the LaTeX that notation.c, formula.c and
 * numbers.c write, each formula carrying its LaTeX source to copy.  The
 * page loads nothing and reads whole without JavaScript; its one inline
 * script and its one inline style (no style attribute) run under a
 * Content-Security-Policy that allows exactly their SHA-256 hashes.
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

#include <nettle/base64.h>
#include <nettle/sha2.h>

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
#include "write_html.h"
#include "writer.h"


/*
 * Diagrams.
 */

/* Lists the paths of derivative k shown in the page through each arrow:
 * for arrow m->in_off[v] + i, the paths' numbers separated by spaces.
 * NULL when out of memory. */
static struct strbuf *
arrow_paths(struct writer *p, uint32_t k)
{
	const struct infdiag_model	*m = p->m;
	struct strbuf			*arr;
	struct path_iter		*it;
	const uint32_t			*path;
	uint32_t			 n, j, e;
	uint64_t			 shown = 0;
	int				 rc = 0;

	if ((arr = mem_calloc(m->nedges + 1, sizeof(*arr))) == NULL)
		return NULL;
	if ((it = paths_begin(p->a, &p->a->d[k])) == NULL) {
		mem_free(arr);
		return NULL;
	}
	while (shown < p->a->max_paths && shown < REPORT_MAX_ROWS &&
	    (rc = paths_next(it, &path, &n)) == 1) {
		shown++;
		for (j = 1; j < n; j++) {
			e = m->in_off[path[j]];
			while (e < m->in_off[path[j] + 1] &&
			    m->in_idx[e] != path[j - 1])
				e++;
			strbuf_addf(&arr[e], "%s%llu", arr[e].len > 0 ? " " :
			    "", (unsigned long long)shown);
		}
	}
	paths_end(it);
	p->nomem |= rc < 0;
	return arr;
}

/* Frees arrow_paths()'s lists. */
static void
arrow_paths_free(const struct infdiag_model *m, struct strbuf *arr)
{
	size_t	e;

	if (arr == NULL)
		return;
	for (e = 0; e <= m->nedges; e++) {
		if (arr[e].len > 0 || strbuf_failed(&arr[e]))
			strbuf_release(&arr[e]);
	}
	mem_free(arr);
}

/* Appends a view of derivative k rendered to SVG, without its XML prolog;
 * on failure a note saying why (a model too large to lay out). */
static void
diagram(struct writer *p, const struct infdiag_render_options *o,
    enum infdiag_view view, uint32_t k, const char *caption)
{
	const struct infdiag_analysis	*a = p->a;
	struct infdiag_render_options	 opt = *o;
	struct infdiag_error		 err;
	struct strbuf			*arr = NULL;
	char				*buf = NULL;
	const char			*svg;
	size_t				 len = 0;
	FILE				*fp;

	opt.view = view;
	opt.type = "svg";
	opt.deriv = k;
	if (opt.digits <= 0)
		opt.digits = DIAGRAM_DIGITS;
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
	if (k < a->nwrt && (arr = arrow_paths(p, k)) == NULL)
		p->nomem = 1;
	strbuf_add(&p->sb, "<figure class=\"diagram\"");
	if (k < a->nwrt)
		strbuf_addf(&p->sb, " data-d=\"%u\"", k + 1);
	strbuf_add(&p->sb, "><div class=\"zoom\">");
	if ((svg = strstr(buf, "<svg")) != NULL)
		html_svg_write(p, svg, arr, &opt);
	strbuf_addf(&p->sb, "</div><figcaption>%s</figcaption></figure>\n",
	    caption);
	arrow_paths_free(p->m, arr);
	free(buf);
	writer_flush(p);
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
"nav li{padding:.35em 0;line-height:1.3;break-inside:avoid}\n"
"a{color:#0645ad}\n"
"math{font-size:1.15em;font-family:\"DejaVu Math TeX Gyre\",\"STIX Two "
"Math\",\"Latin Modern Math\",math}\n"
"table.eqs math,table.grid math,.box math{math-style:normal}\n"
"math[display=block]{margin:.4em 0}\n"
".display{overflow-x:auto;overflow-y:hidden;padding:.3em 0}\n"
"figure.diagram{margin:1em 0;text-align:center;overflow-x:auto;overflow-y:hidden}\n"
"figure.diagram svg{max-width:100%;height:auto}\n"
"table{border-collapse:collapse;margin:.5em 0}\n"
"table.grid,table.eqs{display:block;max-width:100%;overflow-x:auto;"
"overflow-y:hidden;padding-bottom:2px}\n"
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
"vertical-align:middle;margin-right:.4em;border-radius:2px;"
"background:currentColor}\n"
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
"[data-path]{cursor:pointer}\n"
".dim{opacity:.3}\n"
"tr.path.selected{outline:3px solid currentColor;font-weight:bold}\n"
"mrow.term.selected{background:#fff3b0}\n"
"g.edge.selected path{stroke-width:4px}\n"
"g.pc-sel path{stroke:currentColor}g.pc-sel polygon{fill:currentColor;"
"stroke:currentColor}\n"
"[data-path]:focus,svg [data-node]:focus,.zoom:focus{outline:3px solid "
"#0645ad}\n"
".tip{position:absolute;z-index:20;background:#fff;border:1px solid #888;"
"border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.25);padding:.3em .6em;"
"font-size:.8em;max-width:40em}\n"
".zoombar,nav.steps{display:flex;gap:.4em;align-items:center}\n"
".zoombar{justify-content:flex-end}\n"
".zoombar button,nav.steps button{font:inherit;font-size:.8em;"
"min-width:2.4em}\n"
".js .zoom{overflow:hidden}.js .zoom svg{touch-action:none}\n"
"nav.steps{margin:.5em 0;padding:.3em 0;border-bottom:1px solid #ccc}\n"
"@media print{body{font-size:11pt}main{max-width:none;padding:0}"
"nav,details.tex{display:none}h2{break-after:avoid}"
"figure,table.eqs,.box{break-inside:avoid}a{color:#000}"
"[data-step][hidden]{display:block!important}"
".zoombar,.tip{display:none!important}.dim{opacity:1}"
".display,figure.diagram,table.grid,table.eqs{overflow:visible}"
"table.grid,table.eqs{display:table}}\n";

/* Appends a Content-Security-Policy source for len bytes: their SHA-256
 * as 'sha256-BASE64'. */
void
html_csp_hash(struct strbuf *sb, const char *s, size_t len)
{
	struct sha256_ctx	ctx;
	uint8_t			digest[SHA256_DIGEST_SIZE];
	char			b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE)];

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)s);
	sha256_digest(&ctx, sizeof(digest), digest);
	base64_encode_raw(b64, sizeof(digest), digest);
	strbuf_add(sb, "'sha256-");
	strbuf_addn(sb, b64, sizeof(b64));
	strbuf_add(sb, "'");
}

/* Builds the page's style: the sheet above and a class per path colour,
 * so that no element needs a style attribute the policy would refuse. */
static void
page_style(struct strbuf *sb)
{
	const char	*c;
	uint32_t	 k;

	strbuf_add(sb, css);
	for (k = 0; k < DIAGRAM_MAX_COLOURS; k++) {
		if ((c = diagram_path_colour(k)) != NULL)
			strbuf_addf(sb, ".pc%u{color:%s}", k + 1, c);
	}
	strbuf_add(sb, "\n");
}

/* Writes the Content-Security-Policy and the style it allows: nothing
 * from anywhere but the page's own script and style, by their hashes. */
static void
page_policy(struct writer *p)
{
	struct strbuf	style = STRBUF_INIT;

	page_style(&style);
	strbuf_add(&p->sb, "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; script-src ");
	html_csp_hash(&p->sb, html_page_js, strlen(html_page_js));
	strbuf_add(&p->sb, "; style-src ");
	html_csp_hash(&p->sb, strbuf_str(&style), style.len);
	strbuf_add(&p->sb, "; base-uri 'none'; form-action 'none'\">\n");
	p->nomem |= strbuf_failed(&style);
	strbuf_add(&p->sb, "<style>");
	strbuf_addn(&p->sb, strbuf_str(&style), style.len);
	strbuf_add(&p->sb, "</style>\n");
	strbuf_release(&style);
}

/* Writes the head, the title, the description and the contents. */
static void
page_head(struct writer *p)
{
	const struct infdiag_model	*m = p->m;
	const char			*title = m->title != NULL ? m->title :
					    m->source;
	uint32_t			 k;

	strbuf_add(&p->sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n");
	page_policy(p);
	strbuf_add(&p->sb, "<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"infdiag ");
	html_escape(&p->sb, infdiag_version());
	strbuf_add(&p->sb, "\">\n<title>");
	html_escape(&p->sb, title);
	strbuf_add(&p->sb, "</title>\n</head>\n<body>\n<main>\n<header>\n"
	    "<h1>");
	html_escape(&p->sb, title);
	strbuf_add(&p->sb, "</h1>\n");
	if (m->description != NULL) {
		strbuf_add(&p->sb, "<p class=\"lead\">");
		html_escape(&p->sb, m->description);
		strbuf_add(&p->sb, "</p>\n");
	}
	strbuf_add(&p->sb, "<p class=\"meta\">");
	note_count(&p->sb, m->nvars, "variable", "variables");
	strbuf_add(&p->sb, ", ");
	note_count(&p->sb, m->nedges, "influence", "influences");
	strbuf_add(&p->sb, ". Output ");
	html_math_symbol(p, p->a->of);
	if (p->a->nwrt > 0)
		strbuf_add(&p->sb, ", differentiated with respect to ");
	for (k = 0; k < p->a->nwrt && k < REPORT_MAX_ROWS; k++) {
		if (k > 0)
			strbuf_add(&p->sb, ", ");
		html_math_symbol(p, p->a->d[k].wrt);
	}
	strbuf_add(&p->sb, ".</p>\n</header>\n<nav><h2>Contents</h2><ol>"
	    "<li><a href=\"#diagram\">The influence diagram</a></li>"
	    "<li><a href=\"#decomposition\">Sink subgraphs and their "
	    "rules</a></li>");
	for (k = 0; k < p->a->nwrt && k < REPORT_MAX_ROWS; k++) {
		strbuf_addf(&p->sb, "<li><a href=\"#d%u\">", k + 1);
		note_total(&p->tex, m, p->a->of, p->a->d[k].wrt, STYLE_LATEX);
		html_math(p, 0);
		strbuf_add(&p->sb, "</a></li>");
	}
	if (p->a->nwrt > 0)
		strbuf_add(&p->sb, "<li><a href=\"#reverse\">Reverse "
		    "accumulation</a></li>");
	if (p->a->num != NULL && numbers_any(p->a))
		strbuf_add(&p->sb, "<li><a href=\"#numbers\">The "
		    "numbers</a></li>");
	strbuf_add(&p->sb, "</ol></nav>\n");
	writer_flush(p);
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
page_model(struct writer *p, const struct infdiag_render_options *o)
{
	const struct infdiag_model	*m = p->m;
	const struct var_extra		*x;
	uint32_t			 k, v;

	strbuf_add(&p->sb, "<section id=\"diagram\">\n<h2>The influence "
	    "diagram</h2>\n<p>One node per variable, and an arrow "
	    "<i>p</i> → <i>v</i> when <i>v</i> is computed directly from "
	    "<i>p</i>. Each arrow carries its local derivative.</p>\n");
	diagram(p, o, INFDIAG_VIEW_FULL, 0, "The full diagram: every "
	    "variable and every arrow, each labelled with its local "
	    "derivative.");
	strbuf_add(&p->sb, "<table class=\"grid\"><tr><th>variable</th>"
	    "<th>name</th><th>computed as</th><th>description</th></tr>\n");
	for (k = 0; k < m->nvars && k < REPORT_MAX_ROWS; k++) {
		v = m->order[k];
		x = var_extra(m, v);
		strbuf_add(&p->sb, "<tr><td>");
		html_math_symbol(p, v);
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
		writer_flush(p);
	}
	strbuf_add(&p->sb, "</table>\n");
	if (m->nvars > REPORT_MAX_ROWS)
		strbuf_addf(&p->sb, "<p class=\"note\">The first %d of %u "
		    "variables, in order.</p>\n", REPORT_MAX_ROWS, m->nvars);
	strbuf_add(&p->sb, "</section>\n");
	writer_flush(p);
}

/* Writes one sink subgraph's row: the sink and its inputs, the rule, the
 * local derivatives' formulas. */
static void
subgraph_row(struct writer *p, uint32_t v)
{
	const struct infdiag_model	*m = p->m;
	uint32_t			 i, u;

	strbuf_add(&p->sb, "<tr><td>");
	note_symbol(&p->tex, m, v, STYLE_LATEX);
	strbuf_add(&p->tex, " \\leftarrow \\{");
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (i > m->in_off[v])
			strbuf_add(&p->tex, ", ");
		note_symbol(&p->tex, m, m->in_idx[i], STYLE_LATEX);
	}
	strbuf_add(&p->tex, "\\}");
	html_math(p, 0);
	strbuf_add(&p->sb, "</td><td>");
	note_rule(&p->tex, m, v, STYLE_LATEX);
	html_math(p, 0);
	strbuf_add(&p->sb, "</td><td>");
	for (i = 0; i < var_ninputs(m, v); i++) {
		u = m->in_idx[m->in_off[v] + i];
		note_local(&p->tex, m, v, u, STYLE_LATEX);
		strbuf_add(&p->tex, " = ");
		if (numbers_local_formula(&p->tex, p->a, v, i, STYLE_LATEX)) {
			strbuf_addf(&p->sb, "<span data-arrow=\"%s %s\">",
			    m->vars[u].name, m->vars[v].name);
			html_math(p, 0);
			strbuf_add(&p->sb, "</span><br>");
		} else
			strbuf_truncate(&p->tex, 0);
	}
	strbuf_add(&p->sb, "</td></tr>\n");
	writer_flush(p);
}

/* Writes the decomposition: the rules (a)-(d), its diagram, each sink
 * subgraph with its perturbation rule. */
static void
page_decomposition(struct writer *p, const struct infdiag_render_options *o)
{
	const struct infdiag_model	*m = p->m;
	uint32_t			 k, v, n = 0, shown = 0;

	for (v = 0; v < m->nvars; v++)
		n += var_ninputs(m, v) > 0;
	strbuf_addf(&p->sb, "<section id=\"decomposition\">\n<h2>Step 1: "
	    "decompose into sink subgraphs</h2>\n<div data-step=\"%d\">"
	    "<p>The graph is split "
	    "into subgraphs such that</p>\n<ol class=\"rules\">"
	    "<li>each consists of one sink node and all nodes with an arrow "
	    "into it;</li><li>every node with incoming arrows has its own "
	    "subgraph;</li><li>no arrow is in two subgraphs;</li>"
	    "<li>together they make up the whole graph.</li></ol>\n"
	    "<p>So there is one subgraph for each variable that has inputs "
	    "(%u). Each gives one <b>perturbation rule</b>: a small "
	    "change δ<i>v</i> is the sum over <i>v</i>'s inputs <i>p</i> of "
	    "the local derivative times δ<i>p</i> — a partial ∂<i>v</i>/∂"
	    "<i>p</i> when <i>v</i> has several inputs (the others held "
	    "fixed), a full derivative d<i>v</i>/d<i>p</i> when <i>p</i> is "
	    "its only input.</p>\n", STEP_DECOMPOSE, n);
	diagram(p, o, INFDIAG_VIEW_DECOMPOSITION, 0, "One cluster per sink "
	    "subgraph, labelled with its perturbation rule.");
	strbuf_addf(&p->sb, "</div>\n<div data-step=\"%d\">", STEP_RULES);
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
	strbuf_add(&p->sb, "</div>\n</section>\n");
	writer_flush(p);
}

/* Writes the paths of d and the expanded formula, term by term in the
 * paths' colours. */
static int
deriv_paths(struct writer *p, const struct infdiag_render_options *o,
    uint32_t k)
{
	const struct deriv		*d = &p->a->d[k];
	struct strbuf			 eq = STRBUF_INIT, count = STRBUF_INIT;
	uint64_t			 shown;

	analysis_count_str(&count, p->a, d->wrt, 0);
	strbuf_addf(&p->sb, "<div data-step=\"%d\"><h3>The influence "
	    "paths</h3>\n<p>There %s <b>%s</b> %s from ", STEP_SUBSTITUTE,
	    note_noun_str(strbuf_str(&count), "is",
	    "are"), strbuf_str(&count), note_noun_str(strbuf_str(&count),
	    "path", "paths"));
	html_math_symbol(p, d->wrt);
	strbuf_add(&p->sb, " to ");
	html_math_symbol(p, p->a->of);
	strbuf_add(&p->sb, ". Substituting the rules into each other from "
	    "the output down gives one term per path: the product of the "
	    "local derivatives along it, written from the output end.</p>\n");
	if (k < REPORT_MAX_DIAGRAMS)
		diagram(p, o, INFDIAG_VIEW_PATHS, k, "Each path in its own "
		    "colour, numbered as the terms below.");
	strbuf_addf(&p->sb, "</div>\n<div data-step=\"%d\">", STEP_TERMS);
	if (d->nrel == 0 || html_paths_table(p, d, &eq, &shown) != 0) {
		strbuf_add(&p->sb, "</div>\n");
		strbuf_release(&eq);
		strbuf_release(&count);
		return d->nrel == 0 ? 0 : -1;
	}
	if (!writer_paths_tail(p, d, shown, "<p class=\"note\">", "</p>\n") &&
	    formula_expanded_fits(p->a, d)) {
		strbuf_add(&p->sb, "<h3>Expanded: one term per path</h3>\n"
		    "<div class=\"display\">");
		html_math_open(&p->sb, 1);
		note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		mathml_from_latex(&p->sb, strbuf_str(&p->tex));
		strbuf_add(&p->sb, "<mo>=</mo>");
		strbuf_add(&p->sb, strbuf_str(&eq));
		strbuf_add(&p->tex, " = ");
		if (formula_expanded(&p->tex, p->a, d, STYLE_LATEX) != 0)
			p->nomem = 1;
		html_math_close(&p->sb, strbuf_str(&p->tex));
		strbuf_add(&p->sb, "</div>\n");
		html_tex_source(p, strbuf_str(&p->tex), 0);
		strbuf_truncate(&p->tex, 0);
	}
	strbuf_add(&p->sb, "</div>\n");
	p->nomem |= strbuf_failed(&eq) || strbuf_failed(&count);
	strbuf_release(&eq);
	strbuf_release(&count);
	writer_flush(p);
	return 0;
}

/* Writes the partial versus the total, with the partial view. */
static void
deriv_partial(struct writer *p, const struct infdiag_render_options *o,
    uint32_t k)
{
	const struct deriv		*d = &p->a->d[k];
	const struct deriv_numbers	*dn = &d->num;
	struct strbuf			 count = STRBUF_INIT;
	char				 no[16];

	strbuf_add(&p->sb, "<h3>Partial versus total</h3>\n<div class=\"box\">"
	    "<p>");
	if (d->direct) {
		note_local(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		html_math(p, 0);
		analysis_count_str(&count, p->a, d->wrt, 1);
		strbuf_add(&p->sb, " is the direct arrow's term alone: it holds "
		    "every other input fixed. ");
		note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		html_math(p, 0);
		strbuf_addf(&p->sb, " adds the %s indirect %s.</p>\n",
		    strbuf_str(&count), note_noun_str(strbuf_str(&count),
		    "path", "paths"));
	} else {
		html_math_symbol(p, d->wrt);
		strbuf_add(&p->sb, " is not a direct input of ");
		html_math_symbol(p, p->a->of);
		strbuf_add(&p->sb, ": the partial derivative is 0 and every "
		    "path is indirect.</p>\n");
	}
	if (dn->has_value && dn->has_partial) {
		snprintf(no, sizeof(no), "%u", k + 1);
		strbuf_add(&p->sb, "<p>At this point: ");
		note_local(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		html_math_value(p, dn->partial, "data-partial", no);
		strbuf_add(&p->sb, " but ");
		note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		html_math_value(p, dn->forward, "data-total", no);
		strbuf_addf(&p->sb, "; the indirect paths add <span "
		    "data-indirect=\"%s\"", no);
		html_number_attr(&p->sb, dn->forward - dn->partial);
		strbuf_add(&p->sb, ">");
		note_number(&p->sb, dn->forward - dn->partial, STYLE_TEXT);
		strbuf_add(&p->sb, "</span>");
		strbuf_add(&p->sb, ".</p>\n");
	}
	strbuf_add(&p->sb, "</div>\n");
	if (k < REPORT_MAX_DIAGRAMS)
		diagram(p, o, INFDIAG_VIEW_PARTIAL, k, "The partial derivative "
		    "keeps only the direct arrow (red); the other routes are "
		    "cut, their variables held fixed.");
	p->nomem |= strbuf_failed(&count);
	strbuf_release(&count);
	writer_flush(p);
}

/* Writes one derivative's section. */
static int
page_deriv(struct writer *p, const struct infdiag_render_options *o,
    uint32_t k)
{
	const struct deriv	*d = &p->a->d[k];

	strbuf_addf(&p->sb, "<section id=\"d%u\" data-d=\"%u\">\n<h2>", k + 1,
	    k + 1);
	note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
	html_math(p, 0);
	strbuf_add(&p->sb, ": how ");
	html_math_symbol(p, p->a->of);
	strbuf_add(&p->sb, " changes with ");
	html_math_symbol(p, d->wrt);
	strbuf_add(&p->sb, "</h2>\n");
	if (deriv_paths(p, o, k) != 0)
		return -1;
	if (d->nrel == 0) {
		strbuf_add(&p->sb, "<p>");
		html_math_symbol(p, p->a->of);
		strbuf_add(&p->sb, " does not depend on ");
		html_math_symbol(p, d->wrt);
		strbuf_add(&p->sb, ": the derivative is 0.</p>\n</section>\n");
		writer_flush(p);
		return 0;
	}
	if (html_deriv_forms(p, d) != 0)
		return -1;
	if (d->wrt != p->a->of)
		deriv_partial(p, o, k);
	strbuf_add(&p->sb, "</section>\n");
	writer_flush(p);
	return 0;
}

/* Writes the whole page. */
static int
page_body(struct writer *p, const struct infdiag_render_options *o)
{
	uint32_t	k;

	page_head(p);
	page_model(p, o);
	page_decomposition(p, o);
	for (k = 0; k < p->a->nwrt && k < REPORT_MAX_ROWS; k++) {
		if (page_deriv(p, o, k) != 0)
			return -1;
	}
	if (p->a->nwrt > REPORT_MAX_ROWS)
		strbuf_addf(&p->sb, "<p class=\"note\">The first %d of %u "
		    "derivatives.</p>\n", REPORT_MAX_ROWS, p->a->nwrt);
	if (p->a->nwrt > 0)
		html_reverse(p);
	if (p->a->num != NULL && numbers_any(p->a) && html_numbers(p) != 0)
		return -1;
	if (html_data_write(p) != 0)
		return -1;
	strbuf_add(&p->sb, "<footer>Made by infdiag ");
	html_escape(&p->sb, infdiag_version());
	strbuf_add(&p->sb, " from <code>");
	html_escape(&p->sb, p->m->source);
	strbuf_add(&p->sb, "</code>. Every formula's LaTeX is under its "
	    "“LaTeX” switch.</footer>\n</main>\n<script>");
	strbuf_add(&p->sb, html_page_js);
	strbuf_add(&p->sb, "</script>\n</body>\n</html>\n");
	writer_flush(p);
	return 0;
}

/* Writes the teaching report, its diagrams drawn with o's options. */
int
infdiag_write_report_opts(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, FILE *fp,
    struct infdiag_error *err)
{
	struct writer	w;

	error_init(err, infdiag_model_source(a->m));
	writer_begin(&w, a, fp, STYLE_LATEX);
	w.nomem |= page_body(&w, o) != 0;
	if (writer_end(&w) != 0) {
		error_nomem(err);
		return -1;
	}
	return 0;
}

/* Writes the teaching report with the diagrams' default options. */
int
infdiag_write_report(const struct infdiag_analysis *a, FILE *fp,
    struct infdiag_error *err)
{
	struct infdiag_render_options	opt = { .type = "svg" };

	return infdiag_write_report_opts(a, &opt, fp, err);
}
