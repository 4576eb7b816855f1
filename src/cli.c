/*
 * What every command shares: messages, loading, and output files that are
 * written whole or not at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "infdiag.h"
#include "cli.h"

/* Progress is shown once a command has run this long, in seconds... */
#define PROGRESS_DELAY		1.0
/* ... redrawn on a terminal at most this often ... */
#define PROGRESS_REDRAW		0.1
/* ... and written to a log (standard error not a terminal) once for each
 * new stage and otherwise at most this often. */
#define PROGRESS_LOG_EVERY	5.0
/* The stages a log remembers having shown. */
#define PROGRESS_STAGES		16
/* The nested stages the line shows (paths listed while writing). */
#define PROGRESS_OPEN		3
/* The widest line on a terminal: one that wrapped could not be redrawn. */
#define PROGRESS_WIDTH		79

/* A stage under way, as last reported. */
struct stage_report {
	const char	*stage;
	uint64_t	 done;
	uint64_t	 total;
};

/* The progress line. */
static struct {
	int			 on;	/* the hook is set */
	int			 tty;	/* redraw one line, or write lines */
	double			 start;	/* when the command began */
	double			 delay;
	double			 shown;	/* when it was last shown */
	size_t			 width;	/* of the line on the terminal, or 0 */
	struct stage_report	 open[PROGRESS_OPEN]; /* outermost first */
	size_t			 nopen;
	const char		*drawn;	/* the innermost stage on the terminal */
	const char		*logged[PROGRESS_STAGES];
} progress;

/* The monotonic clock, in seconds. */
static double
now(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Formats a count, or a number of bytes in a readable unit. */
static void
format_count(char *buf, size_t size, uint64_t n, int bytes)
{
	if (!bytes)
		snprintf(buf, size, "%llu", (unsigned long long)n);
	else if (n < 1000000)
		snprintf(buf, size, "%.0f kB", (double)n / 1e3);
	else if (n < 1000000000)
		snprintf(buf, size, "%.1f MB", (double)n / 1e6);
	else
		snprintf(buf, size, "%.2f GB", (double)n / 1e9);
}

/* Appends one stage to the line: its name, then the percentage and the
 * count of a known total, or the count alone. */
static void
format_stage(char *buf, size_t size, const struct stage_report *r)
{
	size_t	len = strlen(buf);
	char	a[32], b[32];
	int	bytes, pct;

	bytes = strcmp(r->stage, INFDIAG_STAGE_READING) == 0 ||
	    strcmp(r->stage, INFDIAG_STAGE_WRITING) == 0;
	format_count(a, sizeof(a), r->done, bytes);
	if (r->total == 0) {
		snprintf(buf + len, size - len, "%s: %s", r->stage, a);
		return;
	}
	format_count(b, sizeof(b), r->total, bytes);
	/* 100% only when it is all done. */
	pct = (int)floor(100.0 * (double)r->done / (double)r->total);
	if (r->done < r->total && pct > 99)
		pct = 99;
	snprintf(buf + len, size - len, "%s: %d%% (%s of %s)", r->stage, pct,
	    a, b);
}

/* Keeps track of the stages under way: a report opens its stage or
 * updates it; the last report of a run (done == total) closes it and any
 * stage nested in it. */
static void
track_stage(const struct stage_report *r)
{
	size_t	i;

	for (i = 0; i < progress.nopen; i++) {
		if (strcmp(progress.open[i].stage, r->stage) == 0)
			break;
	}
	if (r->done == r->total) {
		progress.nopen = i;
		return;
	}
	if (i == PROGRESS_OPEN)
		return;
	progress.open[i] = *r;
	if (i == progress.nopen)
		progress.nopen++;
}

/* Says whether the log has shown the stage, remembering it if not. */
static int
log_has_shown(const char *stage)
{
	size_t	i;

	for (i = 0; i < PROGRESS_STAGES && progress.logged[i] != NULL; i++) {
		if (strcmp(progress.logged[i], stage) == 0)
			return 1;
	}
	if (i < PROGRESS_STAGES)
		progress.logged[i] = stage;
	return 0;
}

/* Says whether a report at time t is to be shown: after the delay; then
 * on a terminal at the redraw rate, or at once when it ends the stage on
 * the line (which would otherwise stay there unfinished during work that
 * reports nothing); in a log for a new stage or after a while. */
static int
progress_due(const struct stage_report *r, double t)
{
	if (t - progress.start < progress.delay)
		return 0;
	if (progress.tty)
		return progress.width == 0 ||
		    t - progress.shown >= PROGRESS_REDRAW ||
		    (r->done == r->total && progress.drawn != NULL &&
		    strcmp(progress.drawn, r->stage) == 0);
	return !log_has_shown(r->stage) ||
	    t - progress.shown >= PROGRESS_LOG_EVERY;
}

/* Shows the line on the terminal, overwriting the last one in place, or
 * writes it to the log. */
static void
put_line(const char *line)
{
	size_t	len = strlen(line);

	if (!progress.tty) {
		fprintf(stderr, "%s\n", line);
		return;
	}
	if (len > PROGRESS_WIDTH)
		len = PROGRESS_WIDTH;
	if (progress.width > len)
		fprintf(stderr, "\r%*s", (int)progress.width, "");
	fprintf(stderr, "\r%.*s", (int)len, line);
	progress.width = len;
}

/* The library's progress hook: follows the stages, and shows them all
 * (the one just reported when it ended them) when it is due. */
static void
show_progress(const char *stage, uint64_t done, uint64_t total, void *ctx)
{
	struct stage_report	 r = { stage, done, total };
	char			 line[256];
	double			 t;
	size_t			 i, len;

	(void)ctx;
	track_stage(&r);
	if (!progress_due(&r, t = now()))
		return;
	progress.shown = t;
	strcpy(line, "infdiag: ");
	if (progress.nopen == 0)
		format_stage(line, sizeof(line), &r);
	for (i = 0; i < progress.nopen; i++) {
		if (i > 0 && (len = strlen(line)) + 2 < sizeof(line))
			memcpy(line + len, ", ", 3);
		format_stage(line, sizeof(line), &progress.open[i]);
	}
	progress.drawn = progress.nopen > 0 ?
	    progress.open[progress.nopen - 1].stage : NULL;
	put_line(line);
}

/* Reads INFDIAG_PROGRESS_DELAY: seconds, for testing. */
static double
progress_delay(void)
{
	const char	*s = getenv("INFDIAG_PROGRESS_DELAY");
	char		*end;
	double		 d;

	if (s == NULL || *s == '\0')
		return PROGRESS_DELAY;
	d = strtod(s, &end);
	if (*end != '\0' || !isfinite(d) || d < 0)
		return PROGRESS_DELAY;
	return d;
}

/* Starts showing progress: with --progress, or on a terminal unless
 * --no-progress. */
void
cli_progress_start(int mode)
{
	memset(&progress, 0, sizeof(progress));
	progress.tty = isatty(STDERR_FILENO);
	if (mode < 0 || (mode == 0 && !progress.tty))
		return;
	progress.on = 1;
	progress.start = now();
	progress.delay = progress_delay();
	infdiag_set_progress(show_progress, NULL);
}

/* Erases the progress line; it comes back at the next report. */
void
cli_progress_clear(void)
{
	if (progress.width == 0)
		return;
	fprintf(stderr, "\r%*s\r", (int)progress.width, "");
	progress.width = 0;
}

/* Erases the progress line and shows no more. */
void
cli_progress_stop(void)
{
	cli_progress_clear();
	if (progress.on)
		infdiag_set_progress(NULL, NULL);
	progress.on = 0;
}

/* Prints "infdiag: " and a message to standard error. */
void
cli_warnx(const char *fmt, ...)
{
	va_list	ap;

	cli_progress_clear();
	fputs("infdiag: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The formats' names, in the order help lists them. */
static const struct {
	const char		*name;
	enum infdiag_format	 format;
} formats[] = {
	{ "text", INFDIAG_FORMAT_TEXT },
	{ "json", INFDIAG_FORMAT_JSON },
	{ "latex", INFDIAG_FORMAT_LATEX },
	{ "markdown", INFDIAG_FORMAT_MARKDOWN },
};
#define NFORMATS	(sizeof(formats) / sizeof(formats[0]))

/* Writes the names of the formats in mask: "a", "a or b", "a, b or c". */
void
cli_format_list(unsigned mask, char *buf, size_t size)
{
	size_t	i, n = 0, total = 0, len;

	for (i = 0; i < NFORMATS; i++)
		total += (mask & CLI_FORMAT(formats[i].format)) != 0;
	buf[0] = '\0';
	for (i = 0; i < NFORMATS; i++) {
		if (!(mask & CLI_FORMAT(formats[i].format)))
			continue;
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", n == 0 ? "" :
		    n + 1 == total ? " or " : ", ", formats[i].name);
		n++;
	}
}

/* Parses --format against what the command writes. */
int
cli_format(const struct cli_cmd *cmd, const struct cli_args *a,
    enum infdiag_format *out)
{
	char	list[64], q[INFDIAG_QUOTE_SIZE(CLI_ARG_MAX)];

	*out = INFDIAG_FORMAT_TEXT;
	if (a->format == NULL)
		return 0;
	cli_format_list(cmd->formats, list, sizeof(list));
	infdiag_quote(q, sizeof(q), a->format, CLI_ARG_MAX, 1);
	if (infdiag_format_parse(a->format, out) != 0) {
		cli_warnx("%s: unknown format %s (%s)", cmd->name, q, list);
		return INFDIAG_EUSAGE;
	}
	if (!(cmd->formats & CLI_FORMAT(*out))) {
		cli_warnx("%s: format %s: %s writes %s only", cmd->name, q,
		    cmd->name, list);
		return INFDIAG_EUSAGE;
	}
	return 0;
}

/* Prints a library error as one line and returns its exit status. */
int
cli_error(const struct infdiag_error *err)
{
	char	buf[INFDIAG_ERROR_SOURCE_LENGTH + INFDIAG_ERROR_PATH_LENGTH +
		    INFDIAG_ERROR_TEXT_LENGTH + 32];

	infdiag_error_format(err, buf, sizeof(buf));
	cli_progress_clear();
	fprintf(stderr, "%s\n", buf);
	if (err->status == INFDIAG_ENOMEM)
		return INFDIAG_EIO;
	return err->status == INFDIAG_OK ? INFDIAG_EIO : (int)err->status;
}

/* Prints one warning of the library's on a line of its own: it begins
 * with the file's name, which may hold anything, so it is quoted. */
static void
print_warning(const char *warning)
{
	char	line[INFDIAG_QUOTE_SIZE(CLI_LINE_MAX)];

	fprintf(stderr, "%s\n", infdiag_quote(line, sizeof(line), warning,
	    CLI_LINE_MAX, 0));
}

/* Loads the model, printing its warnings. */
struct infdiag_model *
cli_load(const struct cli_args *a, int *status)
{
	struct infdiag_model	*m;
	struct infdiag_error	 err;
	enum infdiag_input	 in = INFDIAG_INPUT_AUTO;
	char			 q[INFDIAG_QUOTE_SIZE(CLI_ARG_MAX)];
	size_t			 i;

	if (a->from != NULL && infdiag_input_parse(a->from, &in) != 0) {
		cli_warnx("unknown input format %s (json, dagitty, dot or eq)",
		    infdiag_quote(q, sizeof(q), a->from, CLI_ARG_MAX, 1));
		*status = INFDIAG_EUSAGE;
		return NULL;
	}
	if ((m = infdiag_model_load_file_as(a->model, in, &err)) == NULL) {
		*status = cli_error(&err);
		return NULL;
	}
	if (infdiag_model_warning_count(m) > 0)
		cli_progress_clear();
	for (i = 0; i < infdiag_model_warning_count(m); i++)
		print_warning(infdiag_model_warning(m, i));
	*status = 0;
	return m;
}

/* Loads the model and analyses it for the arguments' question.  Returns
 * the analysis and the model in *m (the caller frees both), or NULL after
 * printing the error, with *status set. */
struct infdiag_analysis *
cli_analyze(const struct cli_args *a, int numbers, struct infdiag_model **m,
    int *status)
{
	struct infdiag_analysis	*an;
	struct infdiag_error	 err;
	struct infdiag_query	 q = {
		.of = a->of, .wrt = a->wrt, .nwrt = a->nwrt,
		.max_paths = a->max_paths, .numbers = numbers
	};

	if ((*m = cli_load(a, status)) == NULL)
		return NULL;
	if ((an = infdiag_analyze(*m, &q, &err)) == NULL) {
		*status = cli_error(&err);
		infdiag_model_free(*m);
		*m = NULL;
	}
	return an;
}

/* Prints the warnings about the analysis's numbers, then its verdict (a
 * requested derivative that is not finite): as the error when fatal,
 * returning its exit status, else as one more warning. */
int
cli_numbers(const struct infdiag_analysis *an, int fatal)
{
	struct infdiag_error	 err;
	char			 text[INFDIAG_ERROR_TEXT_LENGTH - 9];
	size_t			 i;

	if (infdiag_analysis_warning_count(an) > 0)
		cli_progress_clear();
	for (i = 0; i < infdiag_analysis_warning_count(an); i++)
		print_warning(infdiag_analysis_warning(an, i));
	if (infdiag_analysis_numeric_error(an, &err) == 0)
		return 0;
	if (fatal)
		return cli_error(&err);
	/* Room for "warning: " in front. */
	memcpy(text, err.text, sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	snprintf(err.text, sizeof(err.text), "warning: %s", text);
	cli_error(&err);
	return 0;
}

/* Runs an output command: analysis, output opened, written with write,
 * closed, then the numbers' warnings. */
int
cli_run_output(const struct cli_args *a, cli_write_fn *write,
    const struct infdiag_render_options *o)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*an;
	struct infdiag_error	 err;
	struct cli_out		 out;
	int			 status;

	if ((an = cli_analyze(a, 1, &m, &status)) == NULL)
		return status;
	if ((status = cli_out_open(&out, a->output)) == 0) {
		if (write(an, o, out.fp, &err) != 0)
			status = cli_error(&err);
		status = cli_out_close(&out, status);
	}
	if (status == 0)
		status = cli_numbers(an, 0);
	infdiag_analysis_free(an);
	infdiag_model_free(m);
	return status;
}

/* Says whether two descriptors are the same file (the terminal, or a log
 * taking both streams): then progress would break the output's lines. */
static int
same_file(int a, int b)
{
	struct stat	sa, sb;

	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int	out_open(struct cli_out *, const char *);

/* The most symbolic links followed to find the file -o names (Linux's
 * own limit). */
#define OUT_MAX_LINKS	40

/* The temporary file being written, for the signal handler to remove. */
static char *volatile	out_tmp;
/* The signals that remove it, and what they did before. */
static const int	out_signals[] = { SIGHUP, SIGINT, SIGTERM };
#define NOUT_SIGNALS	(sizeof(out_signals) / sizeof(out_signals[0]))
static struct sigaction	out_saved[NOUT_SIGNALS];

/* Says whether path names the same file as the model (a hard or symbolic
 * link to it too, or standard input when the model is read from it). */
static int
is_model(const char *path, const char *model)
{
	struct stat	so, sm;

	if (stat(path, &so) != 0)
		return 0;
	if (strcmp(model, "-") == 0) {
		if (fstat(STDIN_FILENO, &sm) != 0 || !S_ISREG(sm.st_mode))
			return 0;
	} else if (stat(model, &sm) != 0)
		return 0;
	return so.st_dev == sm.st_dev && so.st_ino == sm.st_ino;
}

/* The render options the arguments ask for. */
struct infdiag_render_options
cli_render_options(const struct cli_args *a)
{
	struct infdiag_render_options	ro = {
		.view = INFDIAG_VIEW_FULL, .layout = a->layout,
		.force = a->force, .no_title = a->no_title,
		.no_legend = a->no_legend, .digits = a->digits,
		.rankdir = a->rankdir, .dpi = a->dpi, .focus = a->focus,
		.standalone = a->standalone
	};

	return ro;
}

/* Refuses -o naming the model itself, before any work: writing it would
 * replace the model with its own report.  Returns an exit status. */
int
cli_out_check(const struct cli_args *a)
{
	char	q[INFDIAG_QUOTE_SIZE(CLI_NAME_MAX)];

	if (a->output == NULL || strcmp(a->output, "-") == 0 ||
	    !is_model(a->output, a->model))
		return 0;
	cli_warnx("-o %s: that is the model: choose another file",
	    infdiag_quote(q, sizeof(q), a->output, CLI_NAME_MAX, 0));
	return INFDIAG_EUSAGE;
}

/* Removes the temporary file and ends the process by the same signal.
 * Only async-signal-safe calls: unlink(), sigaction(), raise(). */
static void
out_on_signal(int sig)
{
	struct sigaction	sa;
	char			*tmp = out_tmp;

	if (tmp != NULL)
		unlink(tmp);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	raise(sig);
}

/* Blocks (block != 0) or unblocks the signals that remove the temporary
 * file, so that the handler never sees it half made or half gone. */
static void
out_block(int block, sigset_t *old)
{
	sigset_t	set;
	size_t		i;

	if (!block) {
		sigprocmask(SIG_SETMASK, old, NULL);
		return;
	}
	sigemptyset(&set);
	for (i = 0; i < NOUT_SIGNALS; i++)
		sigaddset(&set, out_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Hands the temporary file to the signal handler (tmp), or takes it back
 * (NULL) and restores the signals' old actions; call with the signals
 * blocked.  A signal the caller ignores stays ignored. */
static void
out_watch(char *tmp)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = out_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NOUT_SIGNALS; i++) {
		if (tmp == NULL) {
			if (out_tmp != NULL)
				sigaction(out_signals[i], &out_saved[i], NULL);
			continue;
		}
		sigaction(out_signals[i], NULL, &out_saved[i]);
		if (out_saved[i].sa_handler != SIG_IGN)
			sigaction(out_signals[i], &sa, NULL);
	}
	out_tmp = tmp;
}

/* Follows path's symbolic links to the file they name (which need not
 * exist yet).  Returns a new string, or NULL with errno set. */
static char *
follow_links(const char *path)
{
	char		*cur, *next, *slash, link[PATH_MAX];
	struct stat	 st;
	ssize_t		 n;
	int		 i;

	if ((cur = strdup(path)) == NULL)
		return NULL;
	for (i = 0; lstat(cur, &st) == 0 && S_ISLNK(st.st_mode); i++) {
		if (i == OUT_MAX_LINKS ||
		    (n = readlink(cur, link, sizeof(link) - 1)) < 0) {
			if (i == OUT_MAX_LINKS)
				errno = ELOOP;
			free(cur);
			return NULL;
		}
		link[n] = '\0';
		/* A relative link is relative to the directory it is in. */
		slash = strrchr(cur, '/');
		if (link[0] == '/' || slash == NULL)
			next = strdup(link);
		else if ((next = malloc((size_t)(slash - cur) + 2 +
		    (size_t)n)) != NULL)
			sprintf(next, "%.*s/%s", (int)(slash - cur), cur, link);
		free(cur);
		if ((cur = next) == NULL)
			return NULL;
	}
	return cur;
}

/* Reports that the output cannot be written and returns exit status 3. */
static int
out_failed(const struct cli_out *out, int error)
{
	char	q[INFDIAG_QUOTE_SIZE(CLI_NAME_MAX)];

	if (out->path == NULL)
		cli_warnx("standard output: cannot write: %s",
		    error != 0 ? strerror(error) : "write error");
	else
		cli_warnx("%s: cannot write: %s", infdiag_quote(q, sizeof(q),
		    out->path, CLI_NAME_MAX, 0), error != 0 ? strerror(error) :
		    "write error");
	return INFDIAG_EIO;
}

/* Opens a file that is not a regular one (a device, a FIFO) to write in
 * place: there is no writing it whole or not at all. */
static int
out_open_in_place(struct cli_out *out)
{
	int	fd;

	out->in_place = 1;
	if ((fd = open(out->target, O_WRONLY | O_NOCTTY)) < 0)
		return out_failed(out, errno);
	if ((out->fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		return out_failed(out, errno);
	}
	return 0;
}

/* Gives the new file the old one's owner and group, or its group alone,
 * where allowed (as root; a group the user is in): the permission bits
 * kept are meant for them.  Says whether it could. */
static int
keep_owner(int fd, const struct stat *old)
{
	return fchown(fd, old->st_uid, old->st_gid) == 0 ||
	    fchown(fd, (uid_t)-1, old->st_gid) == 0;
}

/* Makes the temporary file beside the target, with the permission bits
 * of the file it replaces (old, or NULL for a new file). */
static int
out_open_temporary(struct cli_out *out, const struct stat *old)
{
	size_t		size = strlen(out->target) + 16;
	sigset_t	saved;
	mode_t		mask;
	int		fd;

	if ((out->tmp = malloc(size)) == NULL)
		return out_failed(out, ENOMEM);
	snprintf(out->tmp, size, "%s.tmp.XXXXXX", out->target);
	out_block(1, &saved);
	if ((fd = mkstemp(out->tmp)) >= 0)
		out_watch(out->tmp);
	out_block(0, &saved);
	if (fd < 0) {
		free(out->tmp);
		out->tmp = NULL;
		return out_failed(out, errno);
	}
	/* mkstemp makes the file private: give it the old file's owner
	 * where allowed, and its permissions, or a new file's. */
	if (old != NULL) {
		keep_owner(fd, old);
		fchmod(fd, old->st_mode & 0777);
	} else {
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if ((out->fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		return out_failed(out, errno);
	}
	return 0;
}

/* Forgets an output that could not be opened: its temporary file, if it
 * was made, and what was allocated. */
static void
out_discard(struct cli_out *out)
{
	sigset_t	saved;

	if (out->tmp != NULL) {
		out_block(1, &saved);
		unlink(out->tmp);
		out_watch(NULL);
		out_block(0, &saved);
	}
	free(out->tmp);
	free(out->target);
	out->tmp = out->target = NULL;
}

/* Opens the output: standard output; a device or FIFO in place; else a
 * temporary file beside the file -o names, after its symbolic links. */
int
cli_out_open(struct cli_out *out, const char *path)
{
	int	rc;

	if ((rc = out_open(out, path)) != 0)
		out_discard(out);
	return rc;
}

/* Opens the output for cli_out_open(), which cleans up after a failure. */
static int
out_open(struct cli_out *out, const char *path)
{
	struct stat	st;

	memset(out, 0, sizeof(*out));
	if (path == NULL || strcmp(path, "-") == 0) {
		out->fp = stdout;
		if (same_file(STDOUT_FILENO, STDERR_FILENO))
			cli_progress_stop();
		return 0;
	}
	out->path = path;
	/* A device or FIFO is opened by the name given: the links to it may
	 * not name a file (/dev/stdout -> /proc/self/fd/1 -> "pipe:[...]"). */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		if ((out->target = strdup(path)) == NULL)
			return out_failed(out, errno);
		return out_open_in_place(out);
	}
	if ((out->target = follow_links(path)) == NULL)
		return out_failed(out, errno);
	if (stat(out->target, &st) != 0) {
		if (errno != ENOENT)
			return out_failed(out, errno);
		return out_open_temporary(out, NULL);
	}
	if (S_ISDIR(st.st_mode))
		return out_failed(out, EISDIR);
	if (!S_ISREG(st.st_mode))
		return out_open_in_place(out);
	return out_open_temporary(out, &st);
}

/* Puts the temporary file in place (ok 0, and everything written) or
 * removes it; then forgets it.  Returns an exit status. */
static int
out_finish(struct cli_out *out, int ok, int error)
{
	sigset_t	saved;

	if (ok == 0 && error == 0 && rename(out->tmp, out->target) != 0)
		error = errno;
	if (ok == 0 && error != 0)
		ok = out_failed(out, error);
	out_block(1, &saved);
	if (ok != 0)
		unlink(out->tmp);
	out_watch(NULL);
	out_block(0, &saved);
	return ok;
}

/* Finishes the output, renaming the temporary file into place when ok is
 * 0 and removing it otherwise.  Returns an exit status. */
int
cli_out_close(struct cli_out *out, int ok)
{
	int	error = 0, last = errno;

	if (out->fp != NULL) {
		/* A write that failed before may have said why in errno. */
		if (fflush(out->fp) != 0)
			error = errno;
		else if (ferror(out->fp))
			error = last != 0 ? last : EIO;
		if (out->path != NULL && fclose(out->fp) != 0 && error == 0)
			error = errno;
		out->fp = NULL;
		if (out->tmp != NULL)
			ok = out_finish(out, ok, error);
		else if (ok == 0 && error != 0)
			ok = out_failed(out, error);
	}
	free(out->tmp);
	free(out->target);
	out->tmp = out->target = NULL;
	return ok;
}
