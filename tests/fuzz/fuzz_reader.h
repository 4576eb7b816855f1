/*
 * The body of the readers' libFuzzer harnesses (fuzz_dagitty.c,
 * fuzz_dot.c, fuzz_eq.c): any bytes as a model in one format.  The
 * reader and the validator must accept or refuse them, a refusal placed
 * at a line and column of the text, and leak nothing either way.
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
	infdiag_model_free(m);
	return 0;
}
