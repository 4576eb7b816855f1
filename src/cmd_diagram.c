/*
 * infdiag dot and render: one analysis (with the numbers, when the model
 * has them), drawn in a view, written as DOT or rendered in-process.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "infdiag.h"
#include "cli.h"

/* What a diagram command writes. */
enum diagram_out {
	OUT_DOT,
	OUT_RENDER
};

/* Picks render's output type: --type, else the -o file's suffix, else
 * SVG on standard output.  NULL after a message when there is none. */
static const char *
pick_type(const struct cli_cmd *cmd, const struct cli_args *a)
{
	static const char *const known[] = { "svg", "png", "pdf" };
	const char	*dot;
	size_t		 i;

	if (a->type != NULL)
		return a->type;
	if (a->output == NULL || strcmp(a->output, "-") == 0)
		return "svg";
	if ((dot = strrchr(a->output, '.')) != NULL &&
	    strchr(dot, '/') == NULL) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
			if (strcasecmp(dot + 1, known[i]) == 0)
				return known[i];
		}
	}
	cli_warnx("%s: cannot tell the type from the name %s: say --type "
	    "svg, png or pdf", cmd->name, a->output);
	return NULL;
}

/* Loads, analyses and writes or renders one view. */
static int
run_diagram(const struct cli_cmd *cmd, const struct cli_args *a,
    enum diagram_out what)
{
	struct infdiag_model		*m;
	struct infdiag_analysis		*an;
	struct infdiag_error		 err;
	struct infdiag_render_options	 ro = {
		.view = INFDIAG_VIEW_FULL, .layout = a->layout,
		.force = a->force
	};
	struct cli_out			 out;
	int				 status, rc;

	if (a->view != NULL && infdiag_view_parse(a->view, &ro.view) != 0) {
		cli_warnx("%s: unknown view \"%s\" (full, paths, partial or "
		    "decomposition)", cmd->name, a->view);
		return INFDIAG_EUSAGE;
	}
	if (what == OUT_RENDER && (ro.type = pick_type(cmd, a)) == NULL)
		return INFDIAG_EUSAGE;
	if ((an = cli_analyze(a, 1, &m, &status)) == NULL)
		return status;
	if ((status = cli_out_open(&out, a->output)) == 0) {
		if (what == OUT_DOT)
			rc = infdiag_write_dot(an, ro.view, out.fp, &err);
		else
			rc = infdiag_render(an, &ro, out.fp, &err);
		if (rc != 0)
			status = cli_error(&err);
		status = cli_out_close(&out, status);
	}
	if (status == 0)
		status = cli_numbers(an, 0);
	infdiag_analysis_free(an);
	infdiag_model_free(m);
	return status;
}

/* The diagram as Graphviz DOT. */
int
cmd_dot(const struct cli_cmd *cmd, const struct cli_args *a)
{
	return run_diagram(cmd, a, OUT_DOT);
}

/* The diagram rendered to SVG, PNG or PDF. */
int
cmd_render(const struct cli_cmd *cmd, const struct cli_args *a)
{
	return run_diagram(cmd, a, OUT_RENDER);
}
