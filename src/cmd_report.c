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
	struct infdiag_render_options	ro = cli_render_options(a);

	(void)cmd;
	return cli_run_output(a, infdiag_write_report_opts, &ro);
}
