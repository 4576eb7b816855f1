/*
 * The command line: a table of commands over libinfdiag.  Only this part
 * of infdiag prints and exits.
 */
#ifndef INFDIAG_CLI_H
#define INFDIAG_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "infdiag.h"

/* The options a command may accept, as a mask. */
enum cli_opt {
	OPT_OF = 1 << 0,
	OPT_WRT = 1 << 1,
	OPT_FORMAT = 1 << 2,
	OPT_OUTPUT = 1 << 3,
	OPT_MAX_PATHS = 1 << 4,
	OPT_VIEW = 1 << 5,
	OPT_TYPE = 1 << 6,
	OPT_LAYOUT = 1 << 7,
	OPT_ASCII = 1 << 8,
	OPT_EXPLAIN = 1 << 9,
	OPT_FORCE = 1 << 10,
	OPT_PROGRESS = 1 << 11,		/* --progress, --no-progress: every
					   command has them */
	OPT_FROM = 1 << 12,		/* --from: every command has it */
	OPT_TO = 1 << 13,
	OPT_LOOKS = 1 << 14,		/* --no-title, --no-legend */
	OPT_DPI = 1 << 15,
	OPT_STANDALONE = 1 << 16,
	OPT_DRAWING = 1 << 17		/* --digits, --rankdir, --focus: the
					   slides' pictures take them too */
};

/* The presentation options of a diagram (SPEC 5.2). */
#define OPT_PRESENT	(OPT_LOOKS | OPT_DRAWING)

/* The options every command takes. */
#define OPT_EVERY	(OPT_PROGRESS | OPT_FROM)

/* What the user asked for. */
struct cli_args {
	const char	 *model;	/* the MODEL operand */
	const char	 *from;		/* --from FORMAT, NULL: by the name */
	const char	 *to;		/* convert --to FORMAT */
	const char	 *of;
	const char	**wrt;
	size_t		  nwrt;
	const char	 *format;	/* NULL: the command's default */
	const char	 *output;	/* -o FILE, NULL for standard output */
	size_t		  max_paths;
	const char	 *view;
	const char	 *type;
	const char	 *layout;
	int		  ascii;
	int		  explain;
	int		  force;
	int		  progress;	/* 1 --progress, -1 --no-progress,
					   0 when stderr is a terminal */
	int		  no_title;	/* --no-title */
	int		  no_legend;	/* --no-legend */
	int		  digits;	/* --digits N, 1-17; 0: the default */
	const char	 *rankdir;	/* --rankdir TB|LR|BT|RL, NULL: LR */
	int		  dpi;		/* --dpi N; 0: the default */
	int		  focus;	/* --focus */
	int		  standalone;	/* --standalone */
};

/* A format's bit in a command's mask of formats. */
#define CLI_FORMAT(f)	(1u << (f))

/* One command. run returns an exit status. */
struct cli_cmd {
	const char	*name;
	const char	*summary;
	unsigned	 options;	/* enum cli_opt mask */
	unsigned	 formats;	/* CLI_FORMAT() mask: what --format
					   takes, and --help lists */
	int		(*run)(const struct cli_cmd *, const struct cli_args *);
};

/* Writes the names of the formats in a CLI_FORMAT() mask into buf, as
 * help and messages list them ("text, json or latex"). */
void	cli_format_list(unsigned mask, char *buf, size_t size);
/* The format --format asks of a command (text when absent); exit status 2
 * after a message when the command does not write it. */
int	cli_format(const struct cli_cmd *, const struct cli_args *,
	    enum infdiag_format *);

/* Prints "infdiag: " and a message to standard error. */
void	cli_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Prints a library error as one line and returns its exit status. */
int	cli_error(const struct infdiag_error *);
/* Loads the model named by the arguments, printing its warnings; NULL
 * after printing the error, with *status set. */
struct infdiag_model *cli_load(const struct cli_args *, int *status);

/* Loads and analyses (with the numbers when numbers is set); NULL after
 * printing the error, with *status set.  The caller frees both. */
struct infdiag_analysis *cli_analyze(const struct cli_args *, int numbers,
	    struct infdiag_model **, int *status);

/* Prints the warnings about the numbers of an analysis and its verdict
 * (SPEC 5.1): a requested derivative that is not finite is the error
 * when fatal (its exit status returned), else a warning (0 returned). */
int	cli_numbers(const struct infdiag_analysis *, int fatal);

/* Starts showing the library's progress on standard error, for a
 * command that has just begun: mode as in struct cli_args.  Nothing is
 * shown before the command has run a second (INFDIAG_PROGRESS_DELAY
 * seconds, for testing). */
void	cli_progress_start(int mode);
/* Erases the progress line, so that a message can follow on a clean line
 * (the line comes back at the next report). */
void	cli_progress_clear(void);
/* Erases the progress line and shows no more. */
void	cli_progress_stop(void);

/* The most characters of an argument (an option's, a command's name) and
 * of a file name that a message shows; longer ones are cut with "...". */
#define CLI_ARG_MAX	64
#define CLI_NAME_MAX	200
/* The most characters of a line of the library's that a message shows. */
#define CLI_LINE_MAX	1024

/* Output that is written whole or not at all (SPEC 5.1). */
struct cli_out {
	FILE		*fp;
	const char	*path;		/* as given; NULL for standard output */
	char		*target;	/* path after its symbolic links */
	char		*tmp;		/* the temporary file beside target */
	int		 in_place;	/* a device or FIFO, written as it is */
};

/* The render options the arguments ask for: the full view, and the
 * layout, presentation (SPEC 5.2), resolution and standalone options
 * given; the command sets the view, type and derivative it draws. */
struct infdiag_render_options cli_render_options(const struct cli_args *);

/* Refuses -o naming the model itself (exit status 2, after a message);
 * 0 when the output may be written. */
int	cli_out_check(const struct cli_args *);
/* Opens the output: standard output; a device or FIFO, in place; else a
 * temporary file beside the file -o names (after its symbolic links),
 * which SIGHUP, SIGINT and SIGTERM remove before ending the process.
 * Returns an exit status, after a message. */
int	cli_out_open(struct cli_out *, const char *path);
/* Finishes the output: renames the temporary file into place when ok is
 * 0 and all was written (the file it replaces keeps its permission bits),
 * removes it otherwise.  A write error is exit status 3, after a message.
 * Returns an exit status. */
int	cli_out_close(struct cli_out *, int ok);

/* Writes an analysis to fp with o's options, as the library's output
 * functions do (infdiag_render(), infdiag_write_report_opts(), ...): 0,
 * or -1 with err set. */
typedef int cli_write_fn(const struct infdiag_analysis *,
	    const struct infdiag_render_options *, FILE *,
	    struct infdiag_error *);

/* Runs an output command (dot, render, report, slides): loads and
 * analyses the model with its numbers, opens the output, writes it with
 * write and o, closes it (whole, or nothing after a failure) and then
 * prints the warnings about the numbers.  Returns an exit status. */
int	cli_run_output(const struct cli_args *, cli_write_fn *write,
	    const struct infdiag_render_options *o);

int	cmd_analyze(const struct cli_cmd *, const struct cli_args *);
int	cmd_check(const struct cli_cmd *, const struct cli_args *);
int	cmd_convert(const struct cli_cmd *, const struct cli_args *);
int	cmd_dot(const struct cli_cmd *, const struct cli_args *);
int	cmd_render(const struct cli_cmd *, const struct cli_args *);
int	cmd_report(const struct cli_cmd *, const struct cli_args *);
int	cmd_eval(const struct cli_cmd *, const struct cli_args *);
int	cmd_formula(const struct cli_cmd *, const struct cli_args *);
int	cmd_paths(const struct cli_cmd *, const struct cli_args *);
int	cmd_slides(const struct cli_cmd *, const struct cli_args *);

#endif /* INFDIAG_CLI_H */
