/*
 * infdiag_write(): choosing the printer.
 */
#include <stdio.h>
#include <string.h>

#include "infdiag.h"
#include "analysis.h"
#include "error.h"
#include "notation.h"
#include "write.h"
#include "writer.h"

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
