/*
 * infdiag report: the teaching page.
 */
#include <stdio.h>

#include "infdiag.h"
#include "cli.h"

/* Loads, analyses with numbers and writes the HTML page, its diagrams
 * drawn with the diagram options given (SPEC 5.2). */
int
cmd_report(const struct cli_cmd *cmd, const struct cli_args *a)
{
	struct infdiag_model		*m;
	struct infdiag_analysis		*an;
	struct infdiag_error		 err;
	struct infdiag_render_options	 ro = cli_render_options(a);
	struct cli_out			 out;
	int				 status;

	(void)cmd;
	if ((an = cli_analyze(a, 1, &m, &status)) == NULL)
		return status;
	if ((status = cli_out_open(&out, a->output)) == 0) {
		if (infdiag_write_report_opts(an, &ro, out.fp,
		    &err) != 0)
			status = cli_error(&err);
		status = cli_out_close(&out, status);
	}
	if (status == 0)
		status = cli_numbers(an, 0);
	infdiag_analysis_free(an);
	infdiag_model_free(m);
	return status;
}
