/*
 * The report's numbers: values, tangents and adjoints, each arrow's local
 * derivative, and each total derivative by both sweeps, checked.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "analysis.h"
#include "mathml.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "strbuf.h"
#include "write_html.h"
#include "write_kinks.h"

/* Appends a number cell, or "?" when not known, marked for the what-if:
 * attr="u v" (u when v is NULL; no attribute when attr is NULL). */
static void
num_cell(struct writer *p, int known, double x, const char *attr,
    const char *u, const char *v)
{
	strbuf_add(&p->sb, "<td class=\"num\"");
	if (attr != NULL)
		strbuf_addf(&p->sb, " %s=\"%s%s%s\"", attr, u, v != NULL ? " " :
		    "", v != NULL ? v : "");
	if (known)
		html_number_attr(&p->sb, x);
	strbuf_add(&p->sb, ">");
	if (known)
		note_number(&p->sb, x, STYLE_TEXT);
	else
		strbuf_add(&p->sb, "?");
	strbuf_add(&p->sb, "</td>");
}

/* Writes the values and adjoints of the ancestors of of, with the
 * tangents of the first derivatives in columns. */
static int
numbers_values(struct writer *p)
{
	const struct infdiag_analysis	*a = p->a;
	const struct numbers		*n = a->num;
	const struct infdiag_model	*m = p->m;
	uint32_t			 k, v, j, ncol;
	double				*tan;
	char				 attr[48];

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
	strbuf_add(&p->sb, "<h3>Values, tangents and adjoints</h3>\n<p>A "
	    "variable's tangent is its total derivative with respect to the "
	    "input (one forward sweep per input); its adjoint is the "
	    "output's total derivative with respect to it (one reverse "
	    "sweep for all).</p>\n<table class=\"grid\"><tr><th>variable</th>"
	    "<th>value</th>");
	for (j = 0; j < ncol; j++) {
		strbuf_add(&p->sb, "<th>tangent ");
		note_column_total(&p->tex, m, INFDIAG_NONE, a->d[j].wrt,
		    STYLE_LATEX);
		html_math(p, 0);
		strbuf_add(&p->sb, "</th>");
	}
	strbuf_add(&p->sb, "<th>adjoint ");
	note_column_total(&p->tex, m, a->of, INFDIAG_NONE, STYLE_LATEX);
	html_math(p, 0);
	strbuf_add(&p->sb, "</th></tr>\n");
	for (k = 0; k < a->nanc && k < REPORT_MAX_ROWS; k++) {
		v = a->anc[k];
		strbuf_add(&p->sb, "<tr><td>");
		html_math_symbol(p, v);
		strbuf_add(&p->sb, "</td>");
		num_cell(p, n->known[v], n->value[v], "data-var",
		    m->vars[v].name, NULL);
		for (j = 0; j < ncol; j++) {
			snprintf(attr, sizeof(attr), "data-d=\"%u\" "
			    "data-tangent", j + 1);
			num_cell(p, a->d[j].num.has_value, analysis_on_path(a,
			    &a->d[j], v) ? tan[(size_t)j * m->nvars + v] : 0,
			    attr, m->vars[v].name, NULL);
		}
		num_cell(p, n->adjoint_known[v], n->adjoint[v],
		    "data-adjoint", m->vars[v].name, NULL);
		strbuf_add(&p->sb, "</tr>\n");
		writer_flush(p);
	}
	strbuf_add(&p->sb, "</table>\n");
	mem_free(tan);
	return 0;
}

/* Writes each local derivative with its formula and value. */
static void
numbers_locals(struct writer *p)
{
	const struct infdiag_model	*m = p->m;
	const struct numbers		*n = p->a->num;
	uint32_t			 k, v, u, i, rows = 0;

	strbuf_add(&p->sb, "<h3>Local derivatives: one for each "
	    "arrow</h3>\n<table class=\"grid\"><tr><th>local derivative</th>"
	    "<th>formula</th><th>value</th></tr>\n");
	for (k = 0; k < p->a->nanc && rows < REPORT_MAX_ROWS; k++) {
		v = p->a->anc[k];
		for (i = 0; i < var_ninputs(m, v) && rows < REPORT_MAX_ROWS;
		    i++, rows++) {
			u = m->in_idx[m->in_off[v] + i];
			strbuf_addf(&p->sb, "<tr data-arrow=\"%s %s\"><td>",
			    m->vars[u].name, m->vars[v].name);
			note_local(&p->tex, m, v, u, STYLE_LATEX);
			html_math(p, 0);
			strbuf_add(&p->sb, "</td><td>");
			if (numbers_local_formula(&p->tex, p->a, v, i,
			    STYLE_LATEX))
				html_math(p, 0);
			else
				strbuf_add(&p->sb, "given");
			strbuf_add(&p->sb, "</td>");
			num_cell(p, n->local_known[v],
			    n->local[m->in_off[v] + i], "data-local",
			    m->vars[u].name, m->vars[v].name);
			strbuf_add(&p->sb, "</tr>\n");
			writer_flush(p);
		}
	}
	strbuf_add(&p->sb, "</table>\n");
}

/* Writes derivative k's value by both sweeps and its check; its partial
 * is 0 when the input has no direct arrow (as the text report says). */
static void
numbers_deriv(struct writer *p, uint32_t k)
{
	const struct deriv		*d = &p->a->d[k];
	const struct deriv_numbers	*dn = &d->num;
	char				 no[16];

	snprintf(no, sizeof(no), "%u", k + 1);
	strbuf_addf(&p->sb, "<tr data-d=\"%s\"><td>", no);
	note_total(&p->tex, p->m, p->a->of, d->wrt, STYLE_LATEX);
	html_math(p, 0);
	strbuf_add(&p->sb, "</td>");
	num_cell(p, dn->has_value, dn->forward, "data-total", no, NULL);
	num_cell(p, dn->has_value, dn->reverse, "data-reverse", no, NULL);
	num_cell(p, dn->has_value && (dn->has_partial || !d->direct),
	    dn->has_partial ? dn->partial : 0, "data-partial", no, NULL);
	num_cell(p, dn->has_check, dn->fd, "data-fd", no, NULL);
	strbuf_addf(&p->sb, "<td data-fd-error=\"%s\">", no);
	if (dn->has_check) {
		strbuf_addf(&p->sb, "<span class=\"%s\">",
		    dn->fd_ok ? "ok" : "bad");
		numbers_check_error(&p->sb, dn);
		strbuf_add(&p->sb, "</span>");
	}
	else if (dn->fd_note != NULL)
		html_escape(&p->sb, dn->fd_note);
	strbuf_add(&p->sb, "</td></tr>\n");
	writer_flush(p);
}

/* Writes the numbers section. */
int
html_numbers(struct writer *p)
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
		html_math_value(p, m->vars[v].value, "data-var",
		    m->vars[v].name);
	}
	strbuf_add(&p->sb, n == 12 ? ", …" : "");
	strbuf_add(&p->sb, ".</p>\n");
	if (numbers_values(p) != 0)
		return -1;
	numbers_locals(p);
	/* The what-if rewrites the notes in their box. */
	strbuf_add(&p->sb, "<div id=\"kinks\">\n");
	html_kinks(&p->sb, p->a);
	strbuf_add(&p->sb, "</div>\n");
	strbuf_add(&p->sb, "<h3>Total derivatives, checked</h3>\n<p>Forward "
	    "and reverse accumulation must agree; a central finite "
	    "difference of the whole model checks them both.</p>\n"
	    "<table class=\"grid\"><tr><th>derivative</th><th>forward</th>"
	    "<th>reverse</th><th>partial (direct term)</th><th>finite "
	    "difference</th><th>error</th></tr>\n");
	for (k = 0; k < p->a->nwrt && k < REPORT_MAX_ROWS; k++)
		numbers_deriv(p, k);
	strbuf_add(&p->sb, "</table>\n</section>\n");
	writer_flush(p);
	return 0;
}
