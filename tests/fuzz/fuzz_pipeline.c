/*
 * libFuzzer harness: a model through the whole pipeline.  What loads is
 * analysed with the numbers and a few paths listed, then written as every
 * part in every format (with and without --ascii and --explain) and as
 * DOT in the four views.  The JSON output must parse as JSON, the LaTeX
 * output keep its braces and run no command of the model's, and each DOT
 * diagram read as a graph.  Models over a size limit are skipped so that each
 * run stays fast; the limits, not the fuzzer, are what test_scale tests.
 *
 * Built with -DFUZZ_RENDER, it also lays out and renders an SVG and
 * writes the HTML report (slow: Graphviz runs for every input).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cgraph.h>
#include <jansson.h>

#include "infdiag.h"

/* Larger models only repeat, slowly, what smaller ones test. */
#define MAX_INPUT	16384
#define MAX_VARIABLES	64
#define MAX_INFLUENCES	256
#define MAX_PATHS	3

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Output goes to memory so that it can be checked. */
struct sink {
	FILE	*fp;
	char	*buf;
	size_t	 len;
};

static void
sink_open(struct sink *s)
{
	s->buf = NULL;
	s->len = 0;
	if ((s->fp = open_memstream(&s->buf, &s->len)) == NULL)
		abort();
}

/* Closes the stream; the text stays in s->buf until sink_free(). */
static void
sink_close(struct sink *s)
{
	if (fclose(s->fp) != 0)
		abort();
	s->fp = NULL;
}

static void
sink_free(struct sink *s)
{
	free(s->buf);
	s->buf = NULL;
}

/* No write may fail here: allocations do not fail under the fuzzer
 * (AddressSanitizer aborts instead of returning NULL), so even "out of
 * memory" is a bug. */
static void
check_failure(int rc, const struct infdiag_error *err, const char *what)
{
	if (rc != 0) {
		fprintf(stderr, "%s failed: status %d: %s\n", what,
		    (int)err->status, err->text);
		abort();
	}
}

/* Says whether the command named at s (its letters) is one that reads,
 * writes, defines or ends anything: no model may make the LaTeX output
 * run one. */
static int
latex_banned(const char *s, size_t n)
{
	static const char *const banned[] = { "input", "include", "openin",
		"openout", "read", "write", "immediate", "closeout", "def",
		"edef", "gdef", "xdef", "let", "catcode", "csname", "special",
		"documentclass", "usepackage", "newcommand", "renewcommand",
		"outer", "everypar", "shipout", "end", "begin", "item" };
	size_t	i;

	for (i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
		if (strlen(banned[i]) == n && memcmp(banned[i], s, n) == 0)
			return 1;
	return 0;
}

/* Checks LaTeX output against what a model's text could do to it: outside
 * comments the braces balance, no ^^ or control character appears and no
 * banned command but the writer's own environments and items (which
 * start a line).  The model's text is escaped and its symbols checked at
 * load time, so none of this can come from it. */
static void
check_latex(const char *s, size_t len)
{
	size_t	i, n;
	long	level = 0;
	int	comment = 0, line_start = 1;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n') {
			comment = 0;
			line_start = 1;
			continue;
		}
		if (comment)
			continue;
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    (s[i] == '^' && i + 1 < len && s[i + 1] == '^'))
			goto bad;
		if (s[i] == '%')
			comment = 1;
		else if (s[i] == '{')
			level++;
		else if (s[i] == '}' && --level < 0)
			goto bad;
		else if (s[i] == '\\') {
			for (n = 0; i + 1 + n < len && ((s[i + 1 + n] >= 'a' &&
			    s[i + 1 + n] <= 'z') || (s[i + 1 + n] >= 'A' &&
			    s[i + 1 + n] <= 'Z')); n++)
				;
			if (latex_banned(s + i + 1, n) && !line_start)
				goto bad;
			i += n > 0 ? n : 1;
		}
		if (s[i] != ' ')
			line_start = 0;
	}
	if (level == 0)
		return;
bad:
	fprintf(stderr, "LaTeX output broken at byte %zu:\n%.*s\n", i,
	    (int)len, s);
	abort();
}

/* Writes one part in one format and checks what came out. */
static void
write_part(const struct infdiag_analysis *an, enum infdiag_part part,
    enum infdiag_format format, unsigned flags)
{
	struct infdiag_error	 err;
	struct sink		 s;
	json_error_t		 jerr;
	json_t			*j;
	char			 what[64];
	int			 rc;

	memset(&err, 0, sizeof(err));
	sink_open(&s);
	rc = infdiag_write(an, part, format, flags, s.fp, &err);
	sink_close(&s);
	snprintf(what, sizeof(what), "infdiag_write(part %d, format %d, "
	    "flags %#x)", (int)part, (int)format, flags);
	check_failure(rc, &err, what);
	if (rc == 0 && format == INFDIAG_FORMAT_JSON) {
		if ((j = json_loadb(s.buf, s.len, JSON_REJECT_DUPLICATES,
		    &jerr)) == NULL) {
			fprintf(stderr, "invalid JSON output: %s at %d:%d\n%s\n",
			    jerr.text, jerr.line, jerr.column, s.buf);
			abort();
		}
		json_decref(j);
	}
	if (rc == 0 && format == INFDIAG_FORMAT_LATEX)
		check_latex(s.buf, s.len);
	sink_free(&s);
}

/* Writes a view as DOT, which Graphviz must read back. */
static void
write_view(const struct infdiag_analysis *an, enum infdiag_view view)
{
	struct infdiag_error	 err;
	struct sink		 s;
	Agraph_t		*g;
	int			 rc;

	memset(&err, 0, sizeof(err));
	sink_open(&s);
	rc = infdiag_write_dot(an, view, s.fp, &err);
	sink_close(&s);
	check_failure(rc, &err, "infdiag_write_dot");
	if (rc == 0) {
		if ((g = agmemread(s.buf)) == NULL) {
			fprintf(stderr, "invalid DOT output:\n%s\n", s.buf);
			abort();
		}
		agclose(g);
	}
	sink_free(&s);
}

#ifdef FUZZ_RENDER
/* Lays out and renders the full view, and writes the report. */
static void
render(const struct infdiag_analysis *an)
{
	struct infdiag_render_options	 ro = {
		.view = INFDIAG_VIEW_FULL, .type = "svg"
	};
	struct infdiag_error		 err;
	FILE				*fp;

	if ((fp = fopen("/dev/null", "w")) == NULL)
		abort();
	(void)infdiag_render(an, &ro, fp, &err);
	(void)infdiag_write_report(an, fp, &err);
	fclose(fp);
}
#endif

/* Every part, format and flag, and every view. */
/* The numbers part of an analysis made without numbers is refused as a
 * usage error, writing nothing. */
static void
refuse_eval(const struct infdiag_analysis *an, enum infdiag_format format)
{
	struct infdiag_error	 err;
	struct sink		 s;
	int			 rc;

	memset(&err, 0, sizeof(err));
	sink_open(&s);
	rc = infdiag_write(an, INFDIAG_PART_EVAL, format, 0, s.fp, &err);
	sink_close(&s);
	if (rc == 0 || err.status != INFDIAG_EUSAGE || s.len != 0) {
		fprintf(stderr, "the numbers part without numbers: rc %d, "
		    "status %d, %zu bytes\n", rc, (int)err.status, s.len);
		abort();
	}
	sink_free(&s);
}

static void
write_everything(const struct infdiag_analysis *an, int numbers)
{
	static const enum infdiag_part parts[] = { INFDIAG_PART_ANALYSIS,
		INFDIAG_PART_PATHS, INFDIAG_PART_FORMULA, INFDIAG_PART_EVAL };
	static const enum infdiag_format formats[] = { INFDIAG_FORMAT_TEXT,
		INFDIAG_FORMAT_JSON, INFDIAG_FORMAT_LATEX,
		INFDIAG_FORMAT_MARKDOWN };
	static const enum infdiag_view views[] = { INFDIAG_VIEW_FULL,
		INFDIAG_VIEW_PATHS, INFDIAG_VIEW_PARTIAL,
		INFDIAG_VIEW_DECOMPOSITION };
	size_t	p, f, v;

	for (p = 0; p < sizeof(parts) / sizeof(parts[0]); p++)
		for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			if (parts[p] == INFDIAG_PART_EVAL && !numbers)
				refuse_eval(an, formats[f]);
			else
				write_part(an, parts[p], formats[f], 0);
		}
	write_part(an, INFDIAG_PART_ANALYSIS, INFDIAG_FORMAT_TEXT,
	    INFDIAG_WRITE_ASCII);
	write_part(an, INFDIAG_PART_ANALYSIS, INFDIAG_FORMAT_TEXT,
	    INFDIAG_WRITE_EXPLAIN);
	write_part(an, INFDIAG_PART_ANALYSIS, INFDIAG_FORMAT_TEXT,
	    INFDIAG_WRITE_EXPLAIN | INFDIAG_WRITE_ASCII);
	write_part(an, INFDIAG_PART_ANALYSIS, INFDIAG_FORMAT_MARKDOWN,
	    INFDIAG_WRITE_EXPLAIN);
	for (v = 0; v < sizeof(views) / sizeof(views[0]); v++)
		write_view(an, views[v]);
#ifdef FUZZ_RENDER
	render(an);
#endif
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*an;
	struct infdiag_error	 err;
	struct infdiag_query	 q;
	int			 numbers;

	if (size > MAX_INPUT)
		return 0;
	if ((m = infdiag_model_load_buffer((const char *)data, size,
	    "fuzz.json", &err)) == NULL)
		return 0;
	if (infdiag_model_count(m) > MAX_VARIABLES ||
	    infdiag_model_influences(m) > MAX_INFLUENCES) {
		infdiag_model_free(m);
		return 0;
	}
	/* With the numbers, and (when they cannot be computed) without. */
	for (numbers = 1; numbers >= 0; numbers--) {
		memset(&q, 0, sizeof(q));
		q.max_paths = MAX_PATHS;
		q.numbers = numbers;
		memset(&err, 0, sizeof(err));
		if ((an = infdiag_analyze(m, &q, &err)) != NULL) {
			write_everything(an, numbers);
			infdiag_analysis_free(an);
			break;
		}
		/* The numbers may fail (log of a negative number); asking
		 * for a missing variable or of cannot be; nothing else. */
		if (err.text[0] == '\0' || (err.status != INFDIAG_ENUMERIC &&
		    err.status != INFDIAG_EMODEL)) {
			fprintf(stderr, "infdiag_analyze failed: status %d: %s\n",
			    (int)err.status, err.text);
			abort();
		}
		if (err.status != INFDIAG_ENUMERIC)
			break;
	}
	infdiag_model_free(m);
	return 0;
}
