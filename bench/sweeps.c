/*
 * sweeps: the numbers of a model without writing them.  It loads the
 * model and analyses it with numbers, which evaluates every value and
 * local derivative, runs the reverse sweep and one forward sweep per wrt,
 * and the finite-difference checks, then frees everything.  bench/run
 * times it against bench/floor on the same file, so that what eval
 * computes is measured apart from the text it writes (on a perceptron
 * with 10^5 weights, gigabytes of formulas).
 *
 *   sweeps FILE
 *
 * Prints nothing.  Exit status: 0 done, 1 the model failed to load or evaluate, 2 usage.
 */
#include <stdio.h>

#include "infdiag.h"

int
main(int argc, char **argv)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	struct infdiag_query	 q = { .numbers = 1 };
	char			 msg[1024];

	if (argc != 2) {
		fputs("usage: sweeps FILE\n", stderr);
		return 2;
	}
	if ((m = infdiag_model_load_file(argv[1], &err)) == NULL ||
	    (a = infdiag_analyze(m, &q, &err)) == NULL) {
		infdiag_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "sweeps: %s\n", msg);
		infdiag_model_free(m);
		return 1;
	}
	infdiag_analysis_free(a);
	infdiag_model_free(m);
	return 0;
}
