/*
 * What every command shares: messages, loading, and output files that are
 * written whole or not at all.
 */
#include <errno.h>
#include <math.h>
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

/* Loads the model, printing its warnings. */
struct infdiag_model *
cli_load(const struct cli_args *a, int *status)
{
	struct infdiag_model	*m;
	struct infdiag_error	 err;
	size_t			 i;

	if ((m = infdiag_model_load_file(a->model, &err)) == NULL) {
		*status = cli_error(&err);
		return NULL;
	}
	if (infdiag_model_warning_count(m) > 0)
		cli_progress_clear();
	for (i = 0; i < infdiag_model_warning_count(m); i++)
		fprintf(stderr, "%s\n", infdiag_model_warning(m, i));
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
		fprintf(stderr, "%s\n", infdiag_analysis_warning(an, i));
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

/* Says whether two descriptors are the same file (the terminal, or a log
 * taking both streams): then progress would break the output's lines. */
static int
same_file(int a, int b)
{
	struct stat	sa, sb;

	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Opens the output: standard output, or a temporary file beside path. */
int
cli_out_open(struct cli_out *out, const char *path)
{
	size_t	len;
	int	fd;

	memset(out, 0, sizeof(*out));
	if (path == NULL || strcmp(path, "-") == 0) {
		out->fp = stdout;
		if (same_file(STDOUT_FILENO, STDERR_FILENO))
			cli_progress_stop();
		return 0;
	}
	out->path = path;
	len = strlen(path);
	if ((out->tmp = malloc(len + 16)) == NULL) {
		cli_warnx("%s: out of memory", path);
		return INFDIAG_EIO;
	}
	snprintf(out->tmp, len + 16, "%s.tmp.XXXXXX", path);
	fd = mkstemp(out->tmp);
	/* mkstemp makes the file private; the output is an ordinary file. */
	if (fd >= 0) {
		mode_t	mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if (fd < 0 || (out->fp = fdopen(fd, "wb")) == NULL) {
		cli_warnx("%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(out->tmp);
		}
		free(out->tmp);
		out->tmp = NULL;
		return INFDIAG_EIO;
	}
	return 0;
}

/* Finishes the output, renaming the temporary file into place when ok is
 * 0 and removing it otherwise.  Returns an exit status. */
int
cli_out_close(struct cli_out *out, int ok)
{
	int	failed;

	if (out->fp == NULL)
		return ok;
	failed = fflush(out->fp) != 0 || ferror(out->fp);
	if (out->path == NULL) {
		if (failed && ok == 0) {
			cli_warnx("standard output: cannot write: %s",
			    strerror(errno));
			return INFDIAG_EIO;
		}
		return ok;
	}
	if (fclose(out->fp) != 0)
		failed = 1;
	if (ok == 0 && (failed || rename(out->tmp, out->path) != 0)) {
		cli_warnx("%s: cannot write: %s", out->path, strerror(errno));
		ok = INFDIAG_EIO;
	}
	if (ok != 0)
		unlink(out->tmp);
	free(out->tmp);
	return ok;
}
