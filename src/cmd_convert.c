/*
 * infdiag convert: the model in another form.
 */
#include <stdio.h>
#include <string.h>

#include "infdiag.h"
#include "cli.h"

/* Writes the names of the conversion targets: "a, b or c". */
static void
target_list(char *buf, size_t size)
{
	const char	*name;
	size_t		 i, len;

	buf[0] = '\0';
	for (i = 0; (name = infdiag_convert_target(i)) != NULL; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", i == 0 ? "" :
		    infdiag_convert_target(i + 1) == NULL ? " or " : ", ", name);
	}
}

/* Checks --to: given, and a known target; an exit status. */
static int
check_target(const struct cli_cmd *cmd, const struct cli_args *a)
{
	char	list[128], q[INFDIAG_QUOTE_SIZE(CLI_ARG_MAX)];

	target_list(list, sizeof(list));
	if (a->to == NULL) {
		cli_warnx("%s: --to FORMAT is required (%s)", cmd->name, list);
		return INFDIAG_EUSAGE;
	}
	if (infdiag_convert_needs_numbers(a->to) < 0) {
		cli_warnx("%s: unknown format %s (%s)", cmd->name,
		    infdiag_quote(q, sizeof(q), a->to, CLI_ARG_MAX, 1), list);
		return INFDIAG_EUSAGE;
	}
	return 0;
}

/* Converts the model to the format --to names. */
int
cmd_convert(const struct cli_cmd *cmd, const struct cli_args *a)
{
	struct infdiag_model	*m = NULL;
	struct infdiag_analysis	*an = NULL;
	struct infdiag_error	 err;
	struct cli_out		 out;
	int			 status, rc;

	if ((status = check_target(cmd, a)) != 0)
		return status;
	if (infdiag_convert_needs_numbers(a->to)) {
		if ((an = cli_analyze(a, 1, &m, &status)) == NULL)
			return status;
		if ((status = cli_numbers(an, 1)) != 0)
			goto out;
	} else if ((m = cli_load(a, &status)) == NULL)
		return status;
	if ((status = cli_out_open(&out, a->output)) != 0)
		goto out;
	rc = infdiag_convert(m, an, a->to, out.fp, &err);
	if (rc != 0)
		status = cli_error(&err);
	status = cli_out_close(&out, status);
out:
	infdiag_analysis_free(an);
	infdiag_model_free(m);
	return status;
}
