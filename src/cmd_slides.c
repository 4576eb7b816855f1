/*
 * infdiag slides: the Beamer deck of SPEC 5.3.
 */
#include <stdio.h>
#include <stdlib.h>

#include "infdiag.h"
#include "cli.h"

/* Writes the deck to a buffer, so that a failure (a diagram over the
 * size limit) leaves standard output empty too; then copies it out.
 * Returns an exit status. */
static int
write_deck(const struct infdiag_analysis *an, FILE *fp)
{
	struct infdiag_error	 err;
	FILE			*mem;
	char			*buf = NULL;
	size_t			 len = 0;
	int			 status = 0;

	if ((mem = open_memstream(&buf, &len)) == NULL) {
		cli_warnx("slides: out of memory");
		return INFDIAG_ENOMEM;
	}
	if (infdiag_write_slides(an, mem, &err) != 0)
		status = cli_error(&err);
	if (fclose(mem) != 0 && status == 0) {
		cli_warnx("slides: out of memory");
		status = INFDIAG_ENOMEM;
	}
	if (status == 0)
		fwrite(buf, 1, len, fp);
	free(buf);
	return status;
}

/* Loads, analyses with numbers and writes the deck. */
int
cmd_slides(const struct cli_cmd *cmd, const struct cli_args *a)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*an;
	struct cli_out		 out;
	int			 status;

	(void)cmd;
	if ((an = cli_analyze(a, 1, &m, &status)) == NULL)
		return status;
	if ((status = cli_out_open(&out, a->output)) == 0) {
		status = write_deck(an, out.fp);
		status = cli_out_close(&out, status);
	}
	if (status == 0)
		status = cli_numbers(an, 0);
	infdiag_analysis_free(an);
	infdiag_model_free(m);
	return status;
}
