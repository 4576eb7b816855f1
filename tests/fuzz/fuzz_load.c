/*
 * libFuzzer harness: any bytes as a model.  The loader and validator must
 * accept or refuse them with an error that says where and why, and leak
 * nothing either way.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "infdiag.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Loads data, checks the error's contract on a refusal, and looks at
 * everything a loaded model offers. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct infdiag_model	*m;
	struct infdiag_error	 err;
	const uint32_t		*ids;
	char			 buf[1200];
	uint32_t		 v, n;
	size_t			 i;

	memset(&err, 0, sizeof(err));
	m = infdiag_model_load_buffer((const char *)data, size, "fuzz.json",
	    &err);
	if (m == NULL) {
		/* A refusal is a model error with a message, and formats
		 * within the buffer it was given.  Not even "out of memory":
		 * allocations do not fail under the fuzzer (AddressSanitizer
		 * aborts instead of returning NULL). */
		if (err.status != INFDIAG_EMODEL) {
			fprintf(stderr, "status %d: %s\n", (int)err.status,
			    err.text);
			abort();
		}
		if (err.text[0] == '\0' ||
		    memchr(err.text, '\0', sizeof(err.text)) == NULL)
			abort();
		infdiag_error_format(&err, buf, sizeof(buf));
		return 0;
	}
	n = infdiag_model_count(m);
	if (n == 0)
		abort();
	for (i = 0; i < n; i++) {
		v = infdiag_model_order(m)[i];
		if (v >= n || infdiag_model_lookup(m,
		    infdiag_var_name(m, v)) != v)
			abort();
		(void)infdiag_var_inputs(m, v, &ids);
		(void)infdiag_var_consumers(m, v, &ids);
	}
	for (i = 0; i < infdiag_model_warning_count(m); i++)
		if (infdiag_model_warning(m, i)[0] == '\0')
			abort();
	(void)infdiag_model_wrt(m, &ids);
	infdiag_model_free(m);
	return 0;
}
