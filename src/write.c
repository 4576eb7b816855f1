/*
 * infdiag_write(): choosing the printer.
 */
#include <stdio.h>
#include <string.h>

#include "infdiag.h"
#include "analysis.h"
#include "error.h"
#include "write.h"

static const char *const format_names[] = {
	[INFDIAG_FORMAT_TEXT] = "text",
	[INFDIAG_FORMAT_JSON] = "json",
	[INFDIAG_FORMAT_LATEX] = "latex",
	[INFDIAG_FORMAT_MARKDOWN] = "markdown",
};

static void	writer_plain_mode(struct writer *, const char *,
		    enum plain_mode);

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

/* Writes the scratch string and empties it. */
void
writer_flush(struct writer *w)
{
	if (strbuf_failed(&w->sb))
		w->nomem = 1;
	else if (w->sb.len > 0) {
		fwrite(w->sb.s, 1, w->sb.len, w->fp);
		w->written += w->sb.len;
		progress_at(&w->meter, w->written);
	}
	strbuf_truncate(&w->sb, 0);
	w->sb.failed = 0;
}

/* Writes the scratch string once it holds WRITER_SPILL bytes, so that a
 * listing of many short items goes out in large writes, not one each. */
void
writer_spill(struct writer *w)
{
	if (w->sb.len >= WRITER_SPILL)
		writer_flush(w);
}

/* Says whether another path may be listed after n of them. */
int
writer_more_paths(const struct writer *w, uint64_t n)
{
	return n < w->a->max_paths;
}

/* Writes a part of the analysis in a format. */
int
infdiag_write(const struct infdiag_analysis *a, enum infdiag_part part,
    enum infdiag_format format, unsigned flags, FILE *fp,
    struct infdiag_error *err)
{
	struct writer	w;
	int		rc;

	memset(&w, 0, sizeof(w));
	w.a = a;
	w.m = a->m;
	w.fp = fp;
	w.style = flags & INFDIAG_WRITE_ASCII ? STYLE_ASCII : STYLE_TEXT;
	error_init(err, infdiag_model_source(a->m));
	if (part == INFDIAG_PART_EVAL && a->num == NULL) {
		error_set(err, INFDIAG_EUSAGE, "", "the numbers were not "
		    "computed: analyse with the query's numbers set");
		return -1;
	}
	progress_begin(&w.meter, INFDIAG_STAGE_WRITING, 0, PROGRESS_BYTES);
	switch (format) {
	case INFDIAG_FORMAT_JSON:
		rc = write_json(&w, part);
		break;
	case INFDIAG_FORMAT_LATEX:
	case INFDIAG_FORMAT_MARKDOWN:
		w.style = STYLE_LATEX;
		if ((flags & INFDIAG_WRITE_EXPLAIN) &&
		    part == INFDIAG_PART_ANALYSIS &&
		    format == INFDIAG_FORMAT_MARKDOWN)
			rc = write_explain(&w, 1);
		else
			rc = write_tex(&w, part,
			    format == INFDIAG_FORMAT_MARKDOWN);
		break;
	default:
		if ((flags & INFDIAG_WRITE_EXPLAIN) &&
		    part == INFDIAG_PART_ANALYSIS)
			rc = write_explain(&w, 0);
		else
			rc = write_text(&w, part);
		break;
	}
	strbuf_release(&w.sb);
	strbuf_release(&w.form);
	if (rc != 0 || w.nomem) {
		error_nomem(err);
		return -1;
	}
	progress_end(&w.meter, w.written);
	return 0;
}

/* Appends model text outside mathematics: as it reads (PLAIN_TEXT, for a
 * terminal), without line breaks (PLAIN_LINE, for a LaTeX comment), or
 * with Markdown's markup escaped and no line breaks (PLAIN_MARKDOWN).  In
 * every mode a control character other than newline and tab is first
 * shown as \uXXXX (SPEC 5.1), and that text is then escaped as the mode
 * escapes any other. */
void
writer_plain(struct writer *w, const char *s, enum plain_mode mode)
{
	struct strbuf	shown = STRBUF_INIT;

	if (mode == PLAIN_TEXT) {
		escape_text(&w->sb, s, strlen(s));
		return;
	}
	escape_text(&shown, s, strlen(s));
	if (strbuf_failed(&shown))
		w->nomem = 1;
	writer_plain_mode(w, strbuf_str(&shown), mode);
	strbuf_release(&shown);
}

/* Appends text already free of control characters in a mode other than
 * PLAIN_TEXT. */
static void
writer_plain_mode(struct writer *w, const char *s, enum plain_mode mode)
{
	for (; *s != '\0'; s++) {
		if (mode != PLAIN_TEXT && (*s == '\n' || *s == '\r'))
			strbuf_addc(&w->sb, ' ');
		else if (mode != PLAIN_MARKDOWN)
			strbuf_addc(&w->sb, *s);
		else if (*s == '<')
			strbuf_add(&w->sb, "&lt;");
		else if (*s == '>')
			strbuf_add(&w->sb, "&gt;");
		else if (*s == '&')
			strbuf_add(&w->sb, "&amp;");
		else if (strchr("\\`*_[]|$~#", *s) != NULL) {
			strbuf_addc(&w->sb, '\\');
			strbuf_addc(&w->sb, *s);
		} else
			strbuf_addc(&w->sb, *s);
	}
}
