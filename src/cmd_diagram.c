/*
 * infdiag dot and render: one analysis (with the numbers, when the model
 * has them), drawn in a view, written as DOT or rendered in-process.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "infdiag.h"
#include "cli.h"

/* What a diagram command writes. */
enum diagram_out {
	OUT_DOT,
	OUT_RENDER
};

/* The types render knows, by --type or by a suffix of -o's name, in
 * either case. */
static const char *const types[] = { "svg", "png", "pdf", "tikz" };
#define NTYPES	(sizeof(types) / sizeof(types[0]))

/* The known type name matches, whatever its case; NULL when none does. */
static const char *
known_type(const char *name)
{
	size_t	i;

	for (i = 0; i < NTYPES; i++) {
		if (strcasecmp(name, types[i]) == 0)
			return types[i];
	}
	return NULL;
}

/* The type -o's suffix names, or NULL. */
static const char *
suffix_type(const char *path)
{
	const char	*dot;

	if (path == NULL || (dot = strrchr(path, '.')) == NULL ||
	    strchr(dot, '/') != NULL)
		return NULL;
	return known_type(dot + 1);
}

/* Says whether path names a device or a FIFO, written like standard
 * output (-o /dev/null, -o /dev/stdout). */
static int
is_stream(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode);
}

/* Picks render's output type: --type, else the -o file's suffix, else
 * SVG on standard output, a device or a FIFO; a --type that the suffix
 * contradicts is refused, so that a.svg never holds a PNG.  NULL after a
 * message when there is none. */
static const char *
pick_type(const struct cli_cmd *cmd, const struct cli_args *a)
{
	const char	*suffix, *type;
	char		 q[INFDIAG_QUOTE_SIZE(CLI_NAME_MAX)];

	suffix = suffix_type(a->output);
	if (a->type != NULL) {
		/* An unknown type goes to the library, which lists those it
		 * can render. */
		if ((type = known_type(a->type)) == NULL)
			return a->type;
		if (suffix == NULL || suffix == type)
			return type;
		cli_warnx("%s: --type %s but -o %s is named .%s: the name "
		    "and the type must agree", cmd->name, type,
		    infdiag_quote(q, sizeof(q), a->output, CLI_NAME_MAX, 0),
		    suffix);
		return NULL;
	}
	if (suffix != NULL)
		return suffix;
	if (a->output == NULL || strcmp(a->output, "-") == 0 ||
	    is_stream(a->output))
		return "svg";
	cli_warnx("%s: cannot tell the type from the name %s: say --type "
	    "svg, png, pdf or tikz", cmd->name, infdiag_quote(q, sizeof(q),
	    a->output, CLI_NAME_MAX, 0));
	return NULL;
}

/* Loads, analyses and writes or renders one view. */
static int
run_diagram(const struct cli_cmd *cmd, const struct cli_args *a,
    enum diagram_out what)
{
	struct infdiag_render_options	 ro = cli_render_options(a);
	char				 q[INFDIAG_QUOTE_SIZE(CLI_ARG_MAX)];

	if (a->view != NULL && infdiag_view_parse(a->view, &ro.view) != 0) {
		cli_warnx("%s: unknown view %s (full, paths, partial or "
		    "decomposition)", cmd->name, infdiag_quote(q, sizeof(q),
		    a->view, CLI_ARG_MAX, 1));
		return INFDIAG_EUSAGE;
	}
	if (what == OUT_RENDER && (ro.type = pick_type(cmd, a)) == NULL)
		return INFDIAG_EUSAGE;
	if (what == OUT_RENDER && a->standalone &&
	    strcmp(ro.type, "tikz") != 0) {
		cli_warnx("%s: --standalone is for --type tikz", cmd->name);
		return INFDIAG_EUSAGE;
	}
	return cli_run_output(a, what == OUT_DOT ? infdiag_write_dot_view :
	    infdiag_render, &ro);
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
