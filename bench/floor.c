/*
 * floor: the least any jansson reader of a model can do.  It parses the
 * file with json_load_file and frees the document, nothing more; bench/run
 * measures infdiag's wall time and peak memory as ratios to this program.
 *
 *   floor FILE
 *
 * Exit status: 0 parsed, 1 not JSON (the error is printed), 2 usage.
 */
#include <stdio.h>

#include <jansson.h>

int
main(int argc, char **argv)
{
	json_error_t	 err;
	json_t		*doc;

	if (argc != 2) {
		fputs("usage: floor FILE\n", stderr);
		return 2;
	}
	if ((doc = json_load_file(argv[1], 0, &err)) == NULL) {
		fprintf(stderr, "%s:%d:%d: %s\n", argv[1], err.line,
		    err.column, err.text);
		return 1;
	}
	json_decref(doc);
	return 0;
}
