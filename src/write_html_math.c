/*
 * The report's mathematics: MathML made from the LaTeX that notation.c,
 * formula.c and numbers.c write, each formula carrying its LaTeX source,
 * and blocks of equations with the block's LaTeX to copy.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "mathml.h"
#include "notation.h"
#include "strbuf.h"
#include "write_html.h"

/* Opens a math element, in a block or inline. */
void
html_math_open(struct strbuf *out, int block)
{
	strbuf_add(out, block ? "<math display=\"block\"><semantics><mrow>" :
	    "<math><semantics><mrow>");
}

/* Closes a math element whose LaTeX source is tex. */
void
html_math_close(struct strbuf *out, const char *tex)
{
	strbuf_add(out, "</mrow><annotation encoding=\"application/x-tex\">");
	html_escape(out, tex);
	strbuf_add(out, "</annotation></semantics></math>");
}

/* Appends the formula in p->tex as MathML and empties p->tex. */
void
html_math(struct writer *p, int block)
{
	html_math_open(&p->sb, block);
	mathml_from_latex(&p->sb, strbuf_str(&p->tex));
	html_math_close(&p->sb, strbuf_str(&p->tex));
	p->nomem |= strbuf_failed(&p->tex);
	strbuf_truncate(&p->tex, 0);
}

/* Appends v's symbol as inline MathML. */
void
html_math_symbol(struct writer *p, uint32_t v)
{
	note_symbol(&p->tex, p->m, v, STYLE_LATEX);
	html_math(p, 0);
}

/* Opens a block of equations: a table of rows "lhs = rhs", with the
 * block's LaTeX to copy below. */
void
html_eqs_open(struct writer *p)
{
	strbuf_add(&p->sb, "<table class=\"eqs\">\n");
	strbuf_truncate(&p->src, 0);
}

/* Appends the equation in p->tex as a row, of a class when not NULL,
 * after a cell of HTML when not NULL. */
void
html_eqs_row(struct writer *p, const char *cls, const char *cell)
{
	const char	*s = strbuf_str(&p->tex), *eq = strstr(s, " = ");
	struct strbuf	 lhs = STRBUF_INIT;

	strbuf_add(&p->sb, "<tr");
	if (cls != NULL)
		strbuf_addf(&p->sb, " class=\"%s\"", cls);
	strbuf_add(&p->sb, ">");
	if (cell != NULL)
		strbuf_addf(&p->sb, "<td class=\"n\">%s</td>", cell);
	strbuf_add(&p->sb, "<td class=\"lhs\">");
	if (p->src.len > 0)
		strbuf_add(&p->src, " \\\\\n");
	strbuf_add(&p->src, "  ");
	if (eq != NULL) {
		strbuf_addn(&lhs, s, (size_t)(eq - s));
		html_math_open(&p->sb, 0);
		mathml_from_latex(&p->sb, strbuf_str(&lhs));
		html_math_close(&p->sb, strbuf_str(&lhs));
		strbuf_add(&p->sb, "</td><td class=\"rhs\">");
		html_math_open(&p->sb, 0);
		strbuf_add(&p->sb, "<mo>=</mo>");
		mathml_from_latex(&p->sb, eq + 3);
		html_math_close(&p->sb, s);
		strbuf_addn(&p->src, s, (size_t)(eq - s));
		strbuf_add(&p->src, " &= ");
		strbuf_add(&p->src, eq + 3);
	} else {
		strbuf_add(&p->sb, "</td><td class=\"rhs\">");
		html_math_open(&p->sb, 0);
		mathml_from_latex(&p->sb, s);
		html_math_close(&p->sb, s);
		strbuf_add(&p->src, s);
	}
	strbuf_add(&p->sb, "</td></tr>\n");
	p->nomem |= strbuf_failed(&lhs) || strbuf_failed(&p->tex);
	strbuf_release(&lhs);
	strbuf_truncate(&p->tex, 0);
	writer_flush(p);
}

/* Appends LaTeX to copy, escaped. */
void
html_tex_source(struct writer *p, const char *tex, int aligned)
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

/* Closes a block of equations with its LaTeX to copy. */
void
html_eqs_close(struct writer *p)
{
	strbuf_add(&p->sb, "</table>\n");
	html_tex_source(p, strbuf_str(&p->src), 1);
	p->nomem |= strbuf_failed(&p->src);
	strbuf_truncate(&p->src, 0);
	writer_flush(p);
}

/* Appends a display formula from p->tex with its LaTeX to copy. */
void
html_display(struct writer *p)
{
	struct strbuf	copy = STRBUF_INIT;

	strbuf_add(&copy, strbuf_str(&p->tex));
	strbuf_add(&p->sb, "<div class=\"display\">");
	html_math(p, 1);
	strbuf_add(&p->sb, "</div>\n");
	html_tex_source(p, strbuf_str(&copy), 0);
	p->nomem |= strbuf_failed(&copy);
	strbuf_release(&copy);
	writer_flush(p);
}

/* Appends x's full precision as a data-number attribute when it is
 * finite (SPEC 5.4: the what-if and the tests read it). */
void
html_number_attr(struct strbuf *sb, double x)
{
	if (isfinite(x))
		strbuf_addf(sb, " data-number=\"%.17g\"", x);
}

/* Writes the formula in p->tex followed by " = x" as inline MathML, the
 * number an <mn> with data-number and attr="name" (no attribute when attr
 * is NULL). */
void
html_math_value(struct writer *p, double x, const char *attr,
    const char *name)
{
	struct strbuf	*sb = &p->sb;

	html_math_open(sb, 0);
	mathml_from_latex(sb, strbuf_str(&p->tex));
	/* A word ("undefined", "overflow") is text, not a number. */
	strbuf_add(sb, isfinite(x) ? "<mo>=</mo><mn" : "<mo>=</mo><mtext");
	if (attr != NULL)
		strbuf_addf(sb, " %s=\"%s\"", attr, name);
	html_number_attr(sb, x);
	strbuf_add(sb, ">");
	note_number(sb, x, STYLE_TEXT);
	strbuf_add(sb, isfinite(x) ? "</mn>" : "</mtext>");
	strbuf_add(&p->tex, " = ");
	note_number(&p->tex, x, STYLE_LATEX);
	html_math_close(sb, strbuf_str(&p->tex));
	p->nomem |= strbuf_failed(&p->tex);
	strbuf_truncate(&p->tex, 0);
}
