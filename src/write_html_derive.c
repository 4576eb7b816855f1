/*
 * The report's derivatives: the table of paths with their terms, the
 * factored, closed and forward forms, and the reverse equations.
 */
#include <stdint.h>
#include <string.h>

#include "analysis.h"
#include "diagram.h"
#include "formula.h"
#include "mathml.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
#include "strbuf.h"
#include "write_html.h"

/* Appends the class of path k's colour (the page's style has one for
 * each of diagram_path_colour()'s), or nothing for black. */
static void
path_class(struct strbuf *sb, const struct infdiag_analysis *a, uint64_t k)
{
	if (k < a->max_paths && k < DIAGRAM_MAX_COLOURS &&
	    diagram_path_colour((uint32_t)k) != NULL)
		strbuf_addf(sb, " pc%u", (unsigned)k + 1);
}

/* Writes d's paths as a table: number, path and term in the path's
 * colour, with the term's value when known; builds the expanded
 * equation in colour into eq and says how many were shown. */
int
html_paths_table(struct writer *p, const struct deriv *d, struct strbuf *eq,
    uint64_t *shownp)
{
	struct path_iter	*it;
	const uint32_t		*path;
	uint32_t		 n;
	uint64_t		 shown = 0;
	int			 rc = 0, values = d->num.has_value;
	double			 x;

	if ((it = paths_begin(p->a, d)) == NULL)
		return -1;
	strbuf_addf(&p->sb, "<table class=\"grid paths\"><tr><th>#</th>"
	    "<th>path</th><th>its term: the local derivatives from the "
	    "output back</th>%s</tr>\n", values ? "<th>value</th>" : "");
	while (shown < p->a->max_paths && shown < REPORT_MAX_ROWS &&
	    (rc = paths_next(it, &path, &n)) == 1) {
		strbuf_add(&p->sb, "<tr class=\"path");
		path_class(&p->sb, p->a, shown);
		strbuf_addf(&p->sb, "\" data-path=\"%llu\"><td><span "
		    "class=\"swatch\"></span><b>%llu</b></td><td>",
		    (unsigned long long)shown + 1,
		    (unsigned long long)shown + 1);
		formula_path(&p->tex, p->a, path, n, STYLE_LATEX);
		html_math(p, 0);
		strbuf_add(&p->sb, "</td><td>");
		formula_term(&p->tex, p->a, path, n, STYLE_LATEX);
		strbuf_addf(eq, "%s<mrow class=\"term", shown > 0 ?
		    "<mo>+</mo>" : "");
		path_class(eq, p->a, shown);
		strbuf_addf(eq, "\" data-path=\"%llu\">",
		    (unsigned long long)shown + 1);
		mathml_from_latex(eq, strbuf_str(&p->tex));
		strbuf_add(eq, "</mrow>");
		html_math(p, 0);
		strbuf_add(&p->sb, "</td>");
		if (values) {
			x = numbers_path_term(p->a, path, n);
			strbuf_addf(&p->sb, "<td class=\"num\" data-term=\"%llu\"",
			    (unsigned long long)shown + 1);
			html_number_attr(&p->sb, x);
			strbuf_add(&p->sb, ">");
			note_number(&p->sb, x, STYLE_TEXT);
			strbuf_add(&p->sb, "</td>");
		}
		strbuf_add(&p->sb, "</tr>\n");
		writer_flush(p);
		shown++;
	}
	paths_end(it);
	strbuf_add(&p->sb, "</table>\n");
	*shownp = shown;
	return rc < 0 ? -1 : 0;
}

/* Writes the factored form, the closed form and the forward equations. */
int
html_deriv_forms(struct writer *p, const struct deriv *d)
{
	const char	*why;
	uint32_t	 k;

	strbuf_addf(&p->sb, "<div data-step=\"%d\"><h3>Factored: common "
	    "factors taken out, as the notes write it</h3>\n", STEP_FACTORED);
	if (formula_factored_fits(p->a, d)) {
		note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
		strbuf_add(&p->tex, " = ");
		if (formula_factored(&p->tex, p->a, d, STYLE_LATEX) != 0)
			return -1;
		html_display(p);
	} else
		strbuf_addf(&p->sb, "<p class=\"note\">Too large to write out "
		    "(over %d factors): see the forward form.</p>\n",
		    FACTORED_MAX_FACTORS);
	note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&p->tex, " = ");
	if (numbers_closed_form(&p->tex, p->a, d, STYLE_LATEX)) {
		strbuf_add(&p->sb, "<p>With every variable written in terms of "
		    "the independent ones:</p>\n");
		html_display(p);
	} else {
		strbuf_truncate(&p->tex, 0);
		if ((why = write_closed_omitted(p->a, d)) != NULL)
			strbuf_addf(&p->sb, "<p class=\"note\">The closed form "
			    "(every variable written in terms of the "
			    "independent ones) is %s.</p>\n", why);
	}
	strbuf_addf(&p->sb, "</div>\n<div data-step=\"%d\"><h3>Forward "
	    "accumulation</h3>\n<p>Each total derivative with respect to ",
	    STEP_FORWARD);
	html_math_symbol(p, d->wrt);
	strbuf_add(&p->sb, " from its inputs' totals, from the input "
	    "up:</p>\n");
	html_eqs_open(p);
	for (k = 0; k < d->nrel && k < REPORT_MAX_ROWS; k++) {
		formula_forward(&p->tex, p->a, d, d->rel[k], STYLE_LATEX);
		html_eqs_row(p, NULL, NULL);
	}
	html_eqs_close(p);
	strbuf_add(&p->sb, "</div>\n");
	writer_flush(p);
	return 0;
}

/* Writes the reverse equations, from of down. */
void
html_reverse(struct writer *p)
{
	uint32_t	k, n = 0;

	strbuf_addf(&p->sb, "<section id=\"reverse\" data-step=\"%d\">\n<h2>"
	    "Reverse accumulation (backpropagation)</h2>\n<p>The total "
	    "derivative of ", STEP_REVERSE);
	html_math_symbol(p, p->a->of);
	strbuf_add(&p->sb, " with respect to each variable from its "
	    "consumers', from the output down: one sweep gives them "
	    "all.</p>\n");
	html_eqs_open(p);
	for (k = p->a->nanc; k-- > 0 && n++ < REPORT_MAX_ROWS;) {
		formula_reverse(&p->tex, p->a, p->a->anc[k], STYLE_LATEX);
		html_eqs_row(p, NULL, NULL);
	}
	html_eqs_close(p);
	strbuf_add(&p->sb, "</section>\n");
	writer_flush(p);
}
