/*
 * infdiag analyze, paths, formula and eval: one analysis, four printers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infdiag.h"
#include "cli.h"

/* A diagram rendered in memory, to be written beside a Markdown file. */
struct figure {
	char	*path;
	char	*svg;
	size_t	 len;
};

/* Returns -o's name without its ".md" suffix, with suffix appended
 * (malloc'd), or NULL when out of memory. */
static char *
figure_name(const char *output, const char *suffix)
{
	size_t	 n = strlen(output), m = strlen(suffix);
	char	*s;

	if (n > 3 && strcmp(output + n - 3, ".md") == 0)
		n -= 3;
	if ((s = malloc(n + m + 1)) == NULL)
		return NULL;
	memcpy(s, output, n);
	memcpy(s + n, suffix, m + 1);
	return s;
}

/* Renders view of derivative k as SVG into f, named -o's stem with
 * suffix.  Returns an exit status, after a message. */
static int
figure_render(const struct infdiag_analysis *an, const char *output,
    enum infdiag_view view, uint32_t k, const char *suffix,
    struct figure *f)
{
	struct infdiag_render_options	o = { .view = view, .type = "svg",
	    .deriv = k };
	struct infdiag_error		err;
	FILE				*mem;
	int				 status = 0;

	if ((f->path = figure_name(output, suffix)) == NULL ||
	    (mem = open_memstream(&f->svg, &f->len)) == NULL) {
		cli_warnx("out of memory");
		return INFDIAG_ENOMEM;
	}
	if (infdiag_render(an, &o, mem, &err) != 0)
		status = cli_error(&err);
	if (fclose(mem) != 0 && status == 0) {
		cli_warnx("out of memory");
		status = INFDIAG_ENOMEM;
	}
	return status;
}

/* Renders the diagrams a Markdown file links (the full view, then each
 * derivative's paths) into figs, all before any is written, so that a
 * diagram that cannot be drawn leaves every file as it was.  Returns an
 * exit status. */
static int
figures_render(const struct infdiag_analysis *an, const char *output,
    struct figure *figs, uint32_t n)
{
	char		suffix[32];
	uint32_t	k;
	int		status;

	status = figure_render(an, output, INFDIAG_VIEW_FULL, 0, "-full.svg",
	    &figs[0]);
	for (k = 1; status == 0 && k < n; k++) {
		if (k == 1)
			snprintf(suffix, sizeof(suffix), "-paths.svg");
		else
			snprintf(suffix, sizeof(suffix), "-paths-%u.svg", k);
		status = figure_render(an, output, INFDIAG_VIEW_PATHS, k - 1,
		    suffix, &figs[k]);
	}
	return status;
}

/* Writes each rendered diagram to its file, whole or not at all, and
 * frees them.  Returns an exit status. */
static int
figures_write(struct figure *figs, uint32_t n, int status)
{
	struct cli_out	out;
	uint32_t	k;

	for (k = 0; k < n; k++) {
		if (status == 0 && (status = cli_out_open(&out,
		    figs[k].path)) == 0) {
			fwrite(figs[k].svg, 1, figs[k].len, out.fp);
			status = cli_out_close(&out, 0);
		}
		free(figs[k].path);
		free(figs[k].svg);
	}
	free(figs);
	return status;
}

/* The stem of -o's name as a link beside it reads it: no directory, no
 * ".md" (malloc'd; NULL when out of memory). */
static char *
figure_stem(const char *output)
{
	const char	*base = strrchr(output, '/');

	return figure_name(base != NULL ? base + 1 : output, "");
}

/* For Markdown written to a file: renders the diagrams, writes them
 * beside it and has the Markdown link them.  Returns an exit status. */
static int
markdown_figures(const struct infdiag_analysis *an, const char *output,
    char **stem)
{
	struct figure	*figs;
	uint32_t	 n = 1 + infdiag_analysis_derivatives(an);
	int		 status;

	if ((figs = calloc(n, sizeof(*figs))) == NULL ||
	    (*stem = figure_stem(output)) == NULL) {
		free(figs);
		cli_warnx("out of memory");
		return INFDIAG_ENOMEM;
	}
	status = figures_render(an, output, figs, n);
	return figures_write(figs, n, status);
}

/* Loads, analyses and writes one part of the analysis. */
static int
run_part(const struct cli_cmd *cmd, const struct cli_args *a,
    enum infdiag_part part)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*an;
	struct infdiag_error	 err;
	struct cli_out		 out;
	enum infdiag_format	 format;
	char			*stem = NULL;
	unsigned		 flags;
	int			 status;

	if ((status = cli_format(cmd, a, &format)) != 0)
		return status;
	/* A usage error is found before any work is done. */
	if (a->explain && format == INFDIAG_FORMAT_JSON) {
		cli_warnx("%s: --explain is for text, markdown and latex",
		    cmd->name);
		return INFDIAG_EUSAGE;
	}
	if (a->standalone && format != INFDIAG_FORMAT_LATEX) {
		cli_warnx("%s: --standalone is for --format latex", cmd->name);
		return INFDIAG_EUSAGE;
	}
	flags = (a->ascii ? INFDIAG_WRITE_ASCII : 0) |
	    (a->explain ? INFDIAG_WRITE_EXPLAIN : 0) |
	    (a->standalone ? INFDIAG_WRITE_STANDALONE : 0);
	if ((an = cli_analyze(a, part == INFDIAG_PART_ANALYSIS ||
	    part == INFDIAG_PART_EVAL, &m, &status)) == NULL)
		return status;
	/* eval is all numbers: a missing value is named, not shown as "?". */
	if (part == INFDIAG_PART_EVAL &&
	    infdiag_analysis_values_missing(an, &err) != 0) {
		status = cli_error(&err);
		infdiag_analysis_free(an);
		infdiag_model_free(m);
		return status;
	}
	/* A requested derivative that is not finite fails the run after the
	 * output is written: on standard output it stays, marked; an -o
	 * file is left as it was, like any other failed run's. */
	/* Markdown in a file gets its diagrams beside it, written first:
	 * the Markdown is not written when they could not be. */
	status = 0;
	if (format == INFDIAG_FORMAT_MARKDOWN &&
	    part == INFDIAG_PART_ANALYSIS && a->output != NULL)
		status = markdown_figures(an, a->output, &stem);
	if (status == 0 && (status = cli_out_open(&out, a->output)) == 0) {
		if (infdiag_write(an, part, format, flags, out.fp, &err) != 0 ||
		    (stem != NULL && infdiag_write_markdown_figures(an, stem,
		    out.fp, &err) != 0))
			status = cli_error(&err);
		if (status == 0)
			status = cli_numbers(an, 1);
		status = cli_out_close(&out, status);
	}
	free(stem);
	infdiag_analysis_free(an);
	infdiag_model_free(m);
	return status;
}

/* The full report. */
int
cmd_analyze(const struct cli_cmd *cmd, const struct cli_args *a)
{
	return run_part(cmd, a, INFDIAG_PART_ANALYSIS);
}

/* The paths and their counts. */
int
cmd_paths(const struct cli_cmd *cmd, const struct cli_args *a)
{
	return run_part(cmd, a, INFDIAG_PART_PATHS);
}

/* The total derivatives. */
int
cmd_formula(const struct cli_cmd *cmd, const struct cli_args *a)
{
	return run_part(cmd, a, INFDIAG_PART_FORMULA);
}

/* The numbers. */
int
cmd_eval(const struct cli_cmd *cmd, const struct cli_args *a)
{
	return run_part(cmd, a, INFDIAG_PART_EVAL);
}
