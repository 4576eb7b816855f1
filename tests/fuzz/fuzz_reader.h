/*
 * The body of the readers' libFuzzer harnesses (fuzz_dagitty.c,
 * fuzz_dot.c, fuzz_eq.c): any bytes as a model in one format.  The
 * reader and the validator must accept or refuse them, a refusal placed
 * at a line and column of the text, and leak nothing either way.  What
 * is said about a model accepted (the loader's warnings, the numbers'
 * warnings and verdict) is placed at a line and column too whenever it
 * is about a variable, which the readers always note.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infdiag.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Writes the model in its format and reads that back. */
static void
again(const struct infdiag_model *m, enum infdiag_input in,
    const char *source)
{
	struct infdiag_model	*back;
	struct infdiag_error	 err;
	FILE			*fp;
	char			*text = NULL;
	size_t			 len = 0;
	int			 rc;

	if ((fp = open_memstream(&text, &len)) == NULL)
		abort();
	rc = infdiag_convert(m, NULL, in == INFDIAG_INPUT_DAGITTY ?
	    "dagitty" : in == INFDIAG_INPUT_DOT ? "dot" : "eq", fp, &err);
	if (fclose(fp) != 0)
		abort();
	if (rc == 0) {
		back = infdiag_model_load_buffer_as(text, len, source, in,
		    &err);
		if (back == NULL && in == INFDIAG_INPUT_DAGITTY) {
			fprintf(stderr, "read back: %s\n", err.text);
			abort();
		}
		infdiag_model_free(back);
	}
	free(text);
}

/* Larger models only repeat, slowly, what smaller ones test. */
#define MAX_NUMBERS_VARIABLES	64

/* Aborts when a message about the model names a variable by its JSON
 * path ("fuzz.eq: variables.y: ...") instead of its line and column. */
static void
check_placed(const char *msg, const char *source)
{
	size_t	n = strlen(source);

	if (strncmp(msg, source, n) == 0 &&
	    strncmp(msg + n, ": variables", 11) == 0) {
		fprintf(stderr, "not placed: %s\n", msg);
		abort();
	}
}

/* The same for an error value. */
static void
check_placed_error(const struct infdiag_error *err, const char *source)
{
	char	buf[1200];

	infdiag_error_format(err, buf, sizeof(buf));
	check_placed(buf, source);
}

/* Analyses the model with the numbers and checks where every message
 * about them is placed. */
static void
numbers(const struct infdiag_model *m, const char *source)
{
	struct infdiag_query	 q = { .max_paths = 3, .numbers = 1 };
	struct infdiag_analysis	*a;
	struct infdiag_error	 err;
	size_t			 i;

	for (i = 0; i < infdiag_model_warning_count(m); i++)
		check_placed(infdiag_model_warning(m, i), source);
	if (infdiag_model_count(m) > MAX_NUMBERS_VARIABLES)
		return;
	if ((a = infdiag_analyze(m, &q, &err)) == NULL) {
		check_placed_error(&err, source);
		return;
	}
	for (i = 0; i < infdiag_analysis_warning_count(a); i++)
		check_placed(infdiag_analysis_warning(a, i), source);
	if (infdiag_analysis_numeric_error(a, &err) != 0)
		check_placed_error(&err, source);
	if (infdiag_analysis_values_missing(a, &err) != 0)
		check_placed_error(&err, source);
	infdiag_analysis_free(a);
}

/* Loads data in the format, checks the error's contract on a refusal, and
 * looks at everything a loaded model offers. */
static int
fuzz_reader(const uint8_t *data, size_t size, enum infdiag_input in,
    const char *source)
{
	struct infdiag_model	*m;
	struct infdiag_error	 err;
	const uint32_t		*ids;
	char			 buf[1200];
	uint32_t		 v, n, i;

	memset(&err, 0, sizeof(err));
	m = infdiag_model_load_buffer_as((const char *)data, size, source, in,
	    &err);
	if (m == NULL) {
		/* Every refusal is a model error at line:column. */
		if (err.status != INFDIAG_EMODEL || err.line < 1 ||
		    err.column < 1 || err.text[0] == '\0') {
			fprintf(stderr, "status %d at %d:%d: %s\n",
			    (int)err.status, err.line, err.column, err.text);
			abort();
		}
		infdiag_error_format(&err, buf, sizeof(buf));
		return 0;
	}
	n = infdiag_model_count(m);
	for (i = 0; i < n; i++) {
		v = infdiag_model_order(m)[i];
		if (v >= n || infdiag_model_lookup(m,
		    infdiag_var_name(m, v)) != v)
			abort();
		(void)infdiag_var_inputs(m, v, &ids);
	}
	/* What is read converts back to its own format and reads again
	 * (a DAGitty graph always does). */
	again(m, in, source);
	numbers(m, source);
	infdiag_model_free(m);
	return 0;
}
