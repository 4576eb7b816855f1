/*
 * infdiag analyze, paths, formula and eval: one analysis, four printers.
 */
#include <stdio.h>

#include "infdiag.h"
#include "cli.h"

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
	unsigned		 flags;
	int			 status;

	if ((status = cli_format(cmd, a, &format)) != 0)
		return status;
	/* A usage error is found before any work is done. */
	if (a->explain && format != INFDIAG_FORMAT_TEXT &&
	    format != INFDIAG_FORMAT_MARKDOWN) {
		cli_warnx("%s: --explain is for text and markdown", cmd->name);
		return INFDIAG_EUSAGE;
	}
	flags = (a->ascii ? INFDIAG_WRITE_ASCII : 0) |
	    (a->explain ? INFDIAG_WRITE_EXPLAIN : 0);
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
	if ((status = cli_out_open(&out, a->output)) == 0) {
		if (infdiag_write(an, part, format, flags, out.fp, &err) != 0)
			status = cli_error(&err);
		if (status == 0)
			status = cli_numbers(an, 1);
		status = cli_out_close(&out, status);
	}
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
