/*
 * infdiag_write(): choosing the printer.
 */
#include <stdio.h>
#include <string.h>

#include "infdiag.h"
#include "analysis.h"
#include "error.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "write.h"
#include "writer.h"

/* A numeric macro as the text of its value. */
#define DECIMAL_TEXT(n)	#n
#define DECIMAL(n)	DECIMAL_TEXT(n)

static const char *const format_names[] = {
	[INFDIAG_FORMAT_TEXT] = "text",
	[INFDIAG_FORMAT_JSON] = "json",
	[INFDIAG_FORMAT_LATEX] = "latex",
	[INFDIAG_FORMAT_MARKDOWN] = "markdown",
};

/* Parses a format name. */
int
infdiag_format_parse(const char *name, enum infdiag_format *out)
{
	size_t	i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum infdiag_format)i;
			return 0;
		}
	}
	return -1;
}

/* Says why d's closed form is left out for its size, or NULL when it is
 * shown, or was never to be had: no numbers asked, no path, a wrt with
 * inputs, or a variable without an expression.  Bounded: more than
 * CLOSED_MAX_VARS ancestors answer at once. */
const char *
write_closed_omitted(const struct infdiag_analysis *a, const struct deriv *d)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 k, v;

	if (a->num == NULL || d->num.closed != NULL || d->nrel == 0 ||
	    var_ninputs(m, d->wrt) != 0)
		return NULL;
	if (a->nanc > CLOSED_MAX_VARS)
		return "left out for size: the output depends on more than "
		    DECIMAL(CLOSED_MAX_VARS) " variables";
	for (k = 0; k < a->nanc; k++) {
		v = a->anc[k];
		if (var_ninputs(m, v) > 0 && (m->vars[v].x == NULL ||
		    m->vars[v].x->expr == NULL))
			return NULL;
	}
	return "left out for size: it grows past " DECIMAL(CLOSED_MAX_NODES)
	    " symbols";
}

/* Writes a part of the analysis in a format. */
int
infdiag_write(const struct infdiag_analysis *a, enum infdiag_part part,
    enum infdiag_format format, unsigned flags, FILE *fp,
    struct infdiag_error *err)
{
	struct writer	w;
	int		rc;
	int		standalone = (flags & INFDIAG_WRITE_STANDALONE) != 0;

	error_init(err, infdiag_model_source(a->m));
	if (part == INFDIAG_PART_EVAL && a->num == NULL) {
		error_set(err, INFDIAG_EUSAGE, "", "the numbers were not "
		    "computed: analyse with the query's numbers set");
		return -1;
	}
	if (standalone && format != INFDIAG_FORMAT_LATEX) {
		error_set(err, INFDIAG_EUSAGE, "", "a standalone document is "
		    "LaTeX: --standalone needs --format latex");
		return -1;
	}
	writer_begin(&w, a, fp, flags & INFDIAG_WRITE_ASCII ? STYLE_ASCII :
	    STYLE_TEXT);
	switch (format) {
	case INFDIAG_FORMAT_JSON:
		rc = write_json(&w, part);
		break;
	case INFDIAG_FORMAT_LATEX:
		w.style = STYLE_LATEX;
		if ((flags & INFDIAG_WRITE_EXPLAIN) &&
		    part == INFDIAG_PART_ANALYSIS)
			rc = write_explain_tex(&w, standalone);
		else
			rc = write_tex(&w, part, 0, standalone);
		break;
	case INFDIAG_FORMAT_MARKDOWN:
		w.style = STYLE_LATEX;
		if ((flags & INFDIAG_WRITE_EXPLAIN) &&
		    part == INFDIAG_PART_ANALYSIS)
			rc = write_explain(&w, 1);
		else
			rc = write_tex(&w, part, 1, 0);
		break;
	default:
		if ((flags & INFDIAG_WRITE_EXPLAIN) &&
		    part == INFDIAG_PART_ANALYSIS)
			rc = write_explain(&w, 0);
		else
			rc = write_text(&w, part);
		break;
	}
	w.nomem |= rc != 0;
	if (writer_end(&w) != 0) {
		error_nomem(err);
		return -1;
	}
	return 0;
}

/* The number of derivatives of an analysis. */
uint32_t
infdiag_analysis_derivatives(const struct infdiag_analysis *a)
{
	return a->nwrt;
}

/* Writes the Markdown section that shows the diagrams written beside a
 * Markdown file. */
int
infdiag_write_markdown_figures(const struct infdiag_analysis *a,
    const char *stem, FILE *fp, struct infdiag_error *err)
{
	struct writer	w;

	error_init(err, infdiag_model_source(a->m));
	writer_begin(&w, a, fp, STYLE_LATEX);
	write_md_figures(&w, stem);
	if (writer_end(&w) != 0) {
		error_nomem(err);
		return -1;
	}
	return 0;
}
