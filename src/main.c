/*
 * infdiag: the command line.  main() parses the options and hands them to
 * the command's entry in the table; nothing more.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "infdiag.h"
#include "cli.h"

#define OPT_QUESTION	(OPT_OF | OPT_WRT | OPT_FORMAT | OPT_ASCII | \
			    OPT_OUTPUT | OPT_STANDALONE)

/* The formats analyze, paths, formula and eval write. */
#define FORMATS_ALL	(CLI_FORMAT(INFDIAG_FORMAT_TEXT) | \
			    CLI_FORMAT(INFDIAG_FORMAT_JSON) | \
			    CLI_FORMAT(INFDIAG_FORMAT_LATEX) | \
			    CLI_FORMAT(INFDIAG_FORMAT_MARKDOWN))

static const struct cli_cmd commands[] = {
	{ "check", "validate the model and print a one-line summary",
	    OPT_FORMAT, CLI_FORMAT(INFDIAG_FORMAT_TEXT), cmd_check },
	{ "convert", "the model in another form: --to json, dagitty, dot, "
	    "eq, sympy or maxima", OPT_TO | OPT_OUTPUT, 0, cmd_convert },
	{ "analyze", "the full report: order, sink subgraphs and their "
	    "rules, paths, formulas", OPT_QUESTION | OPT_MAX_PATHS | OPT_EXPLAIN,
	    FORMATS_ALL, cmd_analyze },
	{ "paths", "the influence paths from --wrt to --of and their exact "
	    "count", OPT_QUESTION | OPT_MAX_PATHS, FORMATS_ALL, cmd_paths },
	{ "formula", "the total derivative only", OPT_QUESTION, FORMATS_ALL,
	    cmd_formula },
	{ "dot", "an annotated Graphviz DOT diagram", OPT_OF | OPT_WRT |
	    OPT_OUTPUT | OPT_VIEW | OPT_MAX_PATHS | OPT_PRESENT, 0, cmd_dot },
	{ "render", "the diagram rendered in-process to SVG, PNG, PDF or TikZ",
	    OPT_OF | OPT_WRT | OPT_OUTPUT | OPT_VIEW | OPT_TYPE | OPT_LAYOUT |
	    OPT_FORCE | OPT_MAX_PATHS | OPT_PRESENT | OPT_DPI |
	    OPT_STANDALONE, 0, cmd_render },
	{ "report", "a self-contained HTML page for teaching: diagrams, "
	    "formulas, numbers, the derivation", OPT_OF | OPT_WRT | OPT_OUTPUT |
	    OPT_MAX_PATHS | OPT_PRESENT, 0, cmd_report },
	{ "eval", "the numbers: values, local derivatives, total derivatives "
	    "(forward and reverse), finite-difference check", OPT_QUESTION |
	    OPT_MAX_PATHS, FORMATS_ALL, cmd_eval },
	{ "slides", "a Beamer deck stepping through the derivation, one "
	    "overlay per path and per equation", OPT_OF | OPT_WRT | OPT_OUTPUT |
	    OPT_MAX_PATHS | OPT_FORCE | OPT_DRAWING, 0, cmd_slides },
};
#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

/* The long options, in the order usage() lists them. */
static const struct {
	unsigned	 mask;
	const char	*text;
} option_help[] = {
	{ OPT_OF, "--of VAR          the output to differentiate" },
	{ OPT_WRT, "--wrt VAR         differentiate with respect to VAR "
	    "(repeatable)" },
	{ OPT_FORMAT, "--format FORMAT   " },	/* + the command's formats */
	{ OPT_ASCII, "--ascii           plain ASCII text instead of Unicode" },
	{ OPT_EXPLAIN, "--explain         narrate the derivation step by step" },
	{ OPT_MAX_PATHS, "--max-paths N     list at most N paths (counting "
	    "stays exact)" },
	{ OPT_VIEW, "--view VIEW       full, paths, partial or decomposition" },
	{ OPT_TYPE, "--type TYPE       svg, png, pdf or tikz (default: from -o)" },
	{ OPT_LAYOUT, "--layout ENGINE   the Graphviz layout engine (dot)" },
	{ OPT_FORCE, "--force           render a diagram beyond the size "
	    "limit" },
	{ OPT_LOOKS, "--no-title        leave out the diagram's title block" },
	{ OPT_LOOKS, "--no-legend       leave out the diagram's legend" },
	{ OPT_DRAWING, "--digits N        significant digits of the numbers "
	    "drawn (1-17, default 4)" },
	{ OPT_DRAWING, "--rankdir DIR     the layout's direction: TB, LR, BT or "
	    "RL" },
	{ OPT_DRAWING, "--focus           draw only the variables on the paths "
	    "from --wrt to --of" },
	{ OPT_DPI, "--dpi N           the resolution of PNG output" },
	{ OPT_STANDALONE, "--standalone      a complete LaTeX document, not a "
	    "fragment" },
	{ OPT_TO, "--to FORMAT       the format to convert to (required)" },
	{ OPT_FROM, "--from FORMAT     the model's format: json, dagitty, dot or "
	    "eq (default:\n                    by the suffix, else by the "
	    "content)" },
	{ OPT_OUTPUT, "-o FILE           write to FILE (whole or not at all)" },
	{ OPT_PROGRESS, "--progress        show progress on standard error "
	    "after a second" },
	{ OPT_PROGRESS, "--no-progress     do not (default: show it when "
	    "standard error is\n                    a terminal)" },
};

enum {
	LONG_OF = 256, LONG_WRT, LONG_FORMAT, LONG_MAX_PATHS, LONG_VIEW,
	LONG_TYPE, LONG_LAYOUT, LONG_ASCII, LONG_EXPLAIN, LONG_FORCE,
	LONG_PROGRESS, LONG_NO_PROGRESS, LONG_FROM, LONG_TO, LONG_NO_TITLE,
	LONG_NO_LEGEND, LONG_DIGITS, LONG_RANKDIR, LONG_DPI, LONG_FOCUS,
	LONG_STANDALONE
};

static const struct option long_options[] = {
	{ "ascii", no_argument, NULL, LONG_ASCII },
	{ "digits", required_argument, NULL, LONG_DIGITS },
	{ "dpi", required_argument, NULL, LONG_DPI },
	{ "explain", no_argument, NULL, LONG_EXPLAIN },
	{ "focus", no_argument, NULL, LONG_FOCUS },
	{ "force", no_argument, NULL, LONG_FORCE },
	{ "format", required_argument, NULL, LONG_FORMAT },
	{ "from", required_argument, NULL, LONG_FROM },
	{ "help", no_argument, NULL, 'h' },
	{ "layout", required_argument, NULL, LONG_LAYOUT },
	{ "max-paths", required_argument, NULL, LONG_MAX_PATHS },
	{ "no-legend", no_argument, NULL, LONG_NO_LEGEND },
	{ "no-progress", no_argument, NULL, LONG_NO_PROGRESS },
	{ "no-title", no_argument, NULL, LONG_NO_TITLE },
	{ "of", required_argument, NULL, LONG_OF },
	{ "output", required_argument, NULL, 'o' },
	{ "progress", no_argument, NULL, LONG_PROGRESS },
	{ "rankdir", required_argument, NULL, LONG_RANKDIR },
	{ "standalone", no_argument, NULL, LONG_STANDALONE },
	{ "to", required_argument, NULL, LONG_TO },
	{ "type", required_argument, NULL, LONG_TYPE },
	{ "version", no_argument, NULL, 'V' },
	{ "view", required_argument, NULL, LONG_VIEW },
	{ "wrt", required_argument, NULL, LONG_WRT },
	{ NULL, 0, NULL, 0 }
};

/* Prints the program's usage. */
static void
usage(FILE *fp)
{
	size_t	i;

	fprintf(fp, "usage: infdiag COMMAND [options] MODEL\n"
	    "       infdiag COMMAND --help\n"
	    "       infdiag --help | --version\n\n"
	    "MODEL is a file (JSON, DAGitty, DOT or equations), or - for "
	    "standard input.\nCommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-9s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(fp, "\nEvery command takes --progress: a progress line on "
	    "standard error once the\nwork has run a second (the default "
	    "when standard error is a terminal;\n--no-progress turns it "
	    "off); and --from FORMAT: the model's format, json,\ndagitty, "
	    "dot or eq (default: by the suffix, else by the content).  See\n"
	    "'infdiag COMMAND --help' for the rest.\n");
	fprintf(fp, "\nExit status: 0 success, 1 invalid model, 2 usage "
	    "error, 3 input/output error\n(or out of memory), 4 numeric "
	    "evaluation failed.\n");
}

/* Prints one command's usage; --format lists the formats the command
 * writes, from the table that also checks them. */
static void
usage_command(const struct cli_cmd *cmd, FILE *fp)
{
	char	formats[64];
	size_t	i;

	fprintf(fp, "usage: infdiag %s [options] MODEL\n\n%s.\n\nOptions:\n",
	    cmd->name, cmd->summary);
	for (i = 0; i < sizeof(option_help) / sizeof(option_help[0]); i++) {
		if (!((cmd->options | OPT_EVERY) & option_help[i].mask))
			continue;
		formats[0] = '\0';
		if (option_help[i].mask == OPT_FORMAT)
			cli_format_list(cmd->formats, formats,
			    sizeof(formats));
		fprintf(fp, "  %s%s\n", option_help[i].text, formats);
	}
	fprintf(fp, "  -h, --help        show this help\n");
}

/* Reports a usage error and returns exit status 2. */
static int
usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int
usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "infdiag: ");
	if (cmd != NULL)
		fprintf(stderr, "%s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'infdiag %s%s--help'.\n",
	    cmd != NULL ? cmd->name : "", cmd != NULL ? " " : "");
	return INFDIAG_EUSAGE;
}

/* Finds a command by name. */
static const struct cli_cmd *
find_command(const char *name)
{
	size_t	i;

	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	}
	return NULL;
}

/* Says whether arg is one of the long options, written in full. */
static int
is_long_option(const char *arg)
{
	size_t	i, len;

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	len = strcspn(arg + 2, "=");
	for (i = 0; long_options[i].name != NULL; i++) {
		if (strncmp(long_options[i].name, arg + 2, len) == 0 &&
		    long_options[i].name[len] == '\0')
			return 1;
	}
	return 0;
}

/* Reports an option getopt_long() refused: unknown, or a flag given an
 * argument ("--progress=yes"). */
static int
unknown_option(const struct cli_cmd *cmd, const char *arg)
{
	const char	*eq = strchr(arg, '='), *flag = NULL;
	char		 q[INFDIAG_QUOTE_SIZE(CLI_ARG_MAX)];
	size_t		 i, len, n = 0;

	if (strncmp(arg, "--", 2) == 0 && eq != NULL) {
		/* The name may be abbreviated, as getopt_long() allows. */
		len = (size_t)(eq - arg - 2);
		for (i = 0; long_options[i].name != NULL; i++) {
			if (strncmp(long_options[i].name, arg + 2, len) != 0)
				continue;
			n++;
			if (long_options[i].has_arg == no_argument)
				flag = long_options[i].name;
		}
		if (n == 1 && flag != NULL)
			return usage_error(cmd, "--%s takes no argument",
			    flag);
	}
	return usage_error(cmd, "unknown option %s",
	    infdiag_quote(q, sizeof(q), arg, CLI_ARG_MAX, 0));
}

/* Parses a count for --max-paths. */
static int
parse_count(const char *s, size_t *out)
{
	unsigned long long	 n;
	char			*end;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || n > SIZE_MAX)
		return -1;
	*out = (size_t)n;
	return 0;
}

/* Parses a whole number from lo to hi, for --digits and --dpi. */
static int
parse_int(const char *s, int lo, int hi, int *out)
{
	size_t	n;

	if (parse_count(s, &n) != 0 || n < (size_t)lo || n > (size_t)hi)
		return -1;
	*out = (int)n;
	return 0;
}

/* Accepts a Graphviz rankdir, in either case, stored in upper case. */
static int
parse_rankdir(const char *s, const char **out)
{
	static const char *const dirs[] = { "TB", "LR", "BT", "RL" };
	size_t			 i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (strcasecmp(s, dirs[i]) == 0) {
			*out = dirs[i];
			return 0;
		}
	}
	return -1;
}

/* Maps a long option to the mask bit that allows it. */
static unsigned
option_mask(int c)
{
	switch (c) {
	case LONG_OF:		return OPT_OF;
	case LONG_WRT:		return OPT_WRT;
	case LONG_FORMAT:	return OPT_FORMAT;
	case LONG_MAX_PATHS:	return OPT_MAX_PATHS;
	case LONG_VIEW:		return OPT_VIEW;
	case LONG_TYPE:		return OPT_TYPE;
	case LONG_LAYOUT:	return OPT_LAYOUT;
	case LONG_ASCII:	return OPT_ASCII;
	case LONG_EXPLAIN:	return OPT_EXPLAIN;
	case LONG_FORCE:	return OPT_FORCE;
	case LONG_PROGRESS:	return OPT_PROGRESS;
	case LONG_NO_PROGRESS:	return OPT_PROGRESS;
	case LONG_FROM:		return OPT_FROM;
	case LONG_TO:		return OPT_TO;
	case LONG_NO_TITLE:	return OPT_LOOKS;
	case LONG_NO_LEGEND:	return OPT_LOOKS;
	case LONG_DIGITS:	return OPT_DRAWING;
	case LONG_RANKDIR:	return OPT_DRAWING;
	case LONG_FOCUS:	return OPT_DRAWING;
	case LONG_DPI:		return OPT_DPI;
	case LONG_STANDALONE:	return OPT_STANDALONE;
	case 'o':		return OPT_OUTPUT;
	default:		return 0;
	}
}

/* Stores one option's argument; 0, or -1 for a bad argument. */
static int
store_option(struct cli_args *a, int c, const char *arg)
{
	const char	**grown;

	switch (c) {
	case LONG_ASCII:	a->ascii = 1; break;
	case LONG_EXPLAIN:	a->explain = 1; break;
	case LONG_FORCE:	a->force = 1; break;
	case LONG_FORMAT:	a->format = arg; break;
	case LONG_FROM:		a->from = arg; break;
	case LONG_LAYOUT:	a->layout = arg; break;
	case LONG_MAX_PATHS:	return parse_count(arg, &a->max_paths);
	case LONG_DIGITS:	return parse_int(arg, 1, 17, &a->digits);
	case LONG_DPI:		return parse_int(arg, 1, 2400, &a->dpi);
	case LONG_RANKDIR:	return parse_rankdir(arg, &a->rankdir);
	case LONG_NO_TITLE:	a->no_title = 1; break;
	case LONG_NO_LEGEND:	a->no_legend = 1; break;
	case LONG_FOCUS:	a->focus = 1; break;
	case LONG_STANDALONE:	a->standalone = 1; break;
	case LONG_NO_PROGRESS:	a->progress = -1; break;
	case LONG_OF:		a->of = arg; break;
	case LONG_PROGRESS:	a->progress = 1; break;
	case LONG_TO:		a->to = arg; break;
	case LONG_TYPE:		a->type = arg; break;
	case LONG_VIEW:		a->view = arg; break;
	case 'o':		a->output = arg; break;
	case LONG_WRT:
		grown = realloc(a->wrt, (a->nwrt + 1) * sizeof(*grown));
		if (grown == NULL)
			return -1;
		a->wrt = grown;
		a->wrt[a->nwrt++] = arg;
		break;
	}
	return 0;
}

/* Parses a command's options and operand, then runs it. */
static int
run_command(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct cli_args	 a;
	char		 name[32], q[INFDIAG_QUOTE_SIZE(CLI_ARG_MAX)];
	int		 c, rc, longindex;

	memset(&a, 0, sizeof(a));
	a.max_paths = 1000;
	opterr = 0;
	optind = 1;
	for (;;) {
		longindex = -1;
		if ((c = getopt_long(argc, argv, ":ho:V", long_options,
		    &longindex)) == -1)
			break;
		if (longindex >= 0)
			snprintf(name, sizeof(name), "--%s",
			    long_options[longindex].name);
		else
			snprintf(name, sizeof(name), "-%c", c);
		if (c == 'h') {
			usage_command(cmd, stdout);
			rc = 0;
			goto out;
		}
		if (c == 'V') {
			printf("infdiag %s\n", infdiag_version());
			rc = 0;
			goto out;
		}
		if (c == ':') {
			rc = usage_error(cmd, "%s needs an argument",
			    infdiag_quote(q, sizeof(q), argv[optind - 1],
			    CLI_ARG_MAX, 0));
			goto out;
		}
		if (c == '?') {
			rc = unknown_option(cmd, argv[optind - 1]);
			goto out;
		}
		if (!((cmd->options | OPT_EVERY) & option_mask(c))) {
			rc = usage_error(cmd, "%s does not apply to this "
			    "command", name);
			goto out;
		}
		if (store_option(&a, c, optarg) != 0) {
			rc = usage_error(cmd, "bad argument to %s: %s",
			    name, infdiag_quote(q, sizeof(q), optarg,
			    CLI_ARG_MAX, 1));
			goto out;
		}
	}
	if (optind == argc) {
		rc = usage_error(cmd, "%s", "missing MODEL (a file, or - for "
		    "standard input)");
		goto out;
	}
	if (optind < argc - 1) {
		rc = usage_error(cmd, "unexpected argument %s",
		    infdiag_quote(q, sizeof(q), argv[optind + 1],
		    CLI_ARG_MAX, 0));
		goto out;
	}
	a.model = argv[optind];
	if ((rc = cli_out_check(&a)) != 0)
		goto out;
	cli_progress_start(a.progress);
	rc = cmd->run(cmd, &a);
	cli_progress_stop();
out:
	free(a.wrt);
	return rc;
}

/* Ends the program with status rc, or 3 when what it printed on standard
 * output could not all be written (a full disk, a closed pipe) and
 * nothing else went wrong first. */
static int
finish(int rc)
{
	int	error;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	error = errno != 0 ? errno : EIO;
	if (rc != 0)
		return rc;
	fprintf(stderr, "infdiag: standard output: cannot write: %s\n",
	    strerror(error));
	return INFDIAG_EIO;
}

/* Reports an unknown first argument: an option in the wrong place, or a
 * command that is not one. */
static int
unknown_command(const char *arg)
{
	char	q[INFDIAG_QUOTE_SIZE(CLI_ARG_MAX)];

	infdiag_quote(q, sizeof(q), arg, CLI_ARG_MAX, arg[0] != '-');
	if (is_long_option(arg))
		return usage_error(NULL, "%s goes after the command: "
		    "infdiag COMMAND [options] MODEL", q);
	if (arg[0] == '-')
		return usage_error(NULL, "unknown option %s", q);
	return usage_error(NULL, "unknown command %s", q);
}

int
main(int argc, char **argv)
{
	const struct cli_cmd	*cmd;

#if defined(__GLIBC__) && defined(M_MXFAST)
	/* A model is read into jansson's tree of millions of small blocks,
	 * freed before the work on the model allocates its large arrays.
	 * With glibc's fast bins those frees are only parked, and the first
	 * large allocation then walks all of them (malloc_consolidate): a
	 * second or more on 10^6 variables.  Without fast bins each free is
	 * merged as it happens: check of 10^6 variables takes 15% less, and
	 * nothing else measured slower. */
	mallopt(M_MXFAST, 0);
#endif
	if (argc < 2) {
		usage(stderr);
		return INFDIAG_EUSAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && (cmd = find_command(argv[2])) != NULL)
			usage_command(cmd, stdout);
		else
			usage(stdout);
		return finish(0);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("infdiag %s\n", infdiag_version());
		return finish(0);
	}
	if ((cmd = find_command(argv[1])) == NULL)
		return unknown_command(argv[1]);
	return finish(run_command(cmd, argc - 1, argv + 1));
}
