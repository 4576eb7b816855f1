/*
 * infdiag check: validate the model and say what it holds, in one line.
 */
#include <stdio.h>
#include <string.h>

#include "infdiag.h"
#include "cli.h"

/* How many names a summary lists before "...". */
#define SUMMARY_NAMES	5

/* Prints "N word(s) (a, b, ...)" for the variables that have no inputs
 * (outputs == 0) or no consumers (outputs != 0). */
static void
print_group(FILE *fp, const struct infdiag_model *m, int outputs,
    const char *one, const char *many)
{
	const uint32_t	*ids;
	uint32_t	 v, n = 0, shown = 0, count = infdiag_model_count(m);

	for (v = 0; v < count; v++) {
		if ((outputs ? infdiag_var_consumers(m, v, &ids) :
		    infdiag_var_inputs(m, v, &ids)) == 0)
			n++;
	}
	fprintf(fp, "%u %s (", n, n == 1 ? one : many);
	for (v = 0; v < count && shown <= SUMMARY_NAMES; v++) {
		if ((outputs ? infdiag_var_consumers(m, v, &ids) :
		    infdiag_var_inputs(m, v, &ids)) != 0)
			continue;
		if (shown++ == SUMMARY_NAMES) {
			fprintf(fp, ", ...");
			break;
		}
		fprintf(fp, "%s%s", shown > 1 ? ", " : "",
		    infdiag_var_name(m, v));
	}
	fprintf(fp, ")");
}

/* Validates the model and prints the summary line. */
int
cmd_check(const struct cli_cmd *cmd, const struct cli_args *a)
{
	struct infdiag_model	*m;
	enum infdiag_format	 format;
	char			 source[INFDIAG_QUOTE_SIZE(CLI_NAME_MAX)];
	int			 status;
	uint32_t		 n;
	size_t			 e;

	if ((status = cli_format(cmd, a, &format)) != 0)
		return status;
	if ((m = cli_load(a, &status)) == NULL)
		return status;
	/* The summary may go to the terminal the progress line is on. */
	cli_progress_stop();
	n = infdiag_model_count(m);
	e = infdiag_model_influences(m);
	printf("%s: valid: %u variable%s, %zu influence%s, ",
	    infdiag_quote(source, sizeof(source), infdiag_model_source(m),
	    CLI_NAME_MAX, 0), n, n == 1 ? "" : "s", e, e == 1 ? "" : "s");
	print_group(stdout, m, 0, "independent", "independent");
	printf(", ");
	print_group(stdout, m, 1, "output", "outputs");
	printf("\n");
	infdiag_model_free(m);
	return 0;
}
