/*
 * What every command shares: messages, loading, and output files that are
 * written whole or not at all.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "infdiag.h"
#include "cli.h"

/* Prints "infdiag: " and a message to standard error. */
void
cli_warnx(const char *fmt, ...)
{
	va_list	ap;

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

/* Opens the output: standard output, or a temporary file beside path. */
int
cli_out_open(struct cli_out *out, const char *path)
{
	size_t	len;
	int	fd;

	memset(out, 0, sizeof(*out));
	if (path == NULL || strcmp(path, "-") == 0) {
		out->fp = stdout;
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
