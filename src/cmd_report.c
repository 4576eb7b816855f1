/*
 * infdiag report: the teaching page.
 */
#include <stdio.h>

#include "infdiag.h"
#include "cli.h"

/* Loads, analyses with numbers and writes the HTML page. */
int
cmd_report(const struct cli_cmd *cmd, const struct cli_args *a)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*an = NULL;
	struct infdiag_error	 err;
	struct infdiag_query	 q = {
		.of = a->of, .wrt = a->wrt, .nwrt = a->nwrt,
		.max_paths = a->max_paths, .numbers = 1
	};
	struct cli_out		 out;
	int			 status;

	(void)cmd;
	if ((m = cli_load(a, &status)) == NULL)
		return status;
	if ((an = infdiag_analyze(m, &q, &err)) == NULL) {
		status = cli_error(&err);
		goto out;
	}
	if ((status = cli_out_open(&out, a->output)) != 0)
		goto out;
	if (infdiag_write_report(an, out.fp, &err) != 0)
		status = cli_error(&err);
	status = cli_out_close(&out, status);
out:
	infdiag_analysis_free(an);
	infdiag_model_free(m);
	return status;
}
