/*
 * infdiag slides: the Beamer deck of SPEC 5.3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infdiag.h"
#include "cli.h"

/* Sets err to "slides: out of memory" and returns -1. */
static int
out_of_memory(struct infdiag_error *err)
{
	memset(err, 0, sizeof(*err));
	err->status = INFDIAG_ENOMEM;
	snprintf(err->text, sizeof(err->text), "slides: out of memory");
	return -1;
}

/* Writes the deck with o's options to a buffer, so that a failure (a
 * diagram over the size limit) leaves standard output empty too; then
 * copies it to fp.  As the library's writers, 0 or -1 with err set. */
static int
write_deck(const struct infdiag_analysis *an,
    const struct infdiag_render_options *o, FILE *fp,
    struct infdiag_error *err)
{
	FILE	*mem;
	char	*buf = NULL;
	size_t	 len = 0;
	int	 rc;

	if ((mem = open_memstream(&buf, &len)) == NULL)
		return out_of_memory(err);
	rc = infdiag_write_slides_opts(an, o, mem, err);
	if (fclose(mem) != 0 && rc == 0)
		rc = out_of_memory(err);
	if (rc == 0)
		fwrite(buf, 1, len, fp);
	free(buf);
	return rc;
}

/* Loads, analyses with numbers and writes the deck, its pictures drawn
 * with the diagram options given. */
int
cmd_slides(const struct cli_cmd *cmd, const struct cli_args *a)
{
	struct infdiag_render_options	ro = cli_render_options(a);

	(void)cmd;
	return cli_run_output(a, write_deck, &ro);
}
