/*
 * A program of someone else's, built against the installed libinfdiag
 * with nothing but infdiag.h and infdiag.pc: it loads Example 3, checks
 * its paths from x to y, renders a diagram (so the library finds its
 * Graphviz plugins from where it was installed) and reads an error.
 *
 * usage: consumer EXAMPLE3 VERSION
 *
 * Prints one line per check; exits 0 when all passed, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <infdiag.h>

/* The paths of Example 3 from x to y, as infdiag paths --ascii lists them. */
static const char example3_paths[] =
	"4 paths from x to y:\n"
	"  1. x -> y\n"
	"  2. x -> g -> y\n"
	"  3. x -> h -> y\n"
	"  4. x -> g -> h -> y\n";

/* A model with an input that names no variable, and what it must say. */
static const char bad_model[] = "{\"variables\": {\"y\": [\"z\"]}}";
static const char bad_message[] =
	"bad.json: variables.y[0]: unknown variable \"z\"";

static int failed;

/* Prints the outcome of one check and remembers a failure. */
static void
check(int passed, const char *what)
{
	printf("%s - consumer: %s\n", passed ? "ok" : "not ok", what);
	if (!passed)
		failed = 1;
}

/* Prints an error the library returned, as a failed check. */
static void
check_error(const struct infdiag_error *err, const char *what)
{
	char buf[1024];

	infdiag_error_format(err, buf, sizeof buf);
	printf("not ok - consumer: %s: %s\n", what, buf);
	failed = 1;
}

/* Writes a part of the analysis in ASCII text into a new string the
 * caller frees; NULL on error. */
static char *
write_part(const struct infdiag_analysis *an, enum infdiag_part part)
{
	struct infdiag_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	rc = infdiag_write(an, part, INFDIAG_FORMAT_TEXT, INFDIAG_WRITE_ASCII,
	    fp, &err);
	if (fclose(fp) != 0 || rc != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Renders the paths view as SVG into a new string the caller frees; NULL
 * on error. */
static char *
render_svg(const struct infdiag_analysis *an, struct infdiag_error *err)
{
	struct infdiag_render_options opts = {
		.view = INFDIAG_VIEW_PATHS, .type = "svg"
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	rc = infdiag_render(an, &opts, fp, err);
	if (fclose(fp) != 0 || rc != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Checks the analysis of Example 3: its paths and its diagram. */
static void
check_analysis(const struct infdiag_model *model)
{
	struct infdiag_query query = { NULL, NULL, 0, 1000, 0 };
	struct infdiag_analysis *an;
	struct infdiag_error err;
	char *text, *svg;

	if ((an = infdiag_analyze(model, &query, &err)) == NULL) {
		check_error(&err, "analyse example3");
		return;
	}
	text = write_part(an, INFDIAG_PART_PATHS);
	check(text != NULL && strcmp(text, example3_paths) == 0,
	    "example3 has 4 paths from x to y, listed shortest first");
	if (text != NULL && strcmp(text, example3_paths) != 0)
		printf("# got:\n%s", text);
	free(text);

	if ((svg = render_svg(an, &err)) == NULL)
		check_error(&err, "render example3 as SVG");
	else
		check(strstr(svg, "<svg") != NULL && strstr(svg, "</svg>") !=
		    NULL, "example3 renders as SVG (Graphviz plugins found)");
	free(svg);
	infdiag_analysis_free(an);
}

/* Checks that an invalid model fails with the error in its place. */
static void
check_invalid(void)
{
	struct infdiag_model *model;
	struct infdiag_error err;
	char buf[1024];

	model = infdiag_model_load_buffer(bad_model, strlen(bad_model),
	    "bad.json", &err);
	infdiag_error_format(&err, buf, sizeof buf);
	check(model == NULL && err.status == INFDIAG_EMODEL &&
	    strcmp(buf, bad_message) == 0,
	    "an unknown input is an invalid model, named in place");
	if (model != NULL || strcmp(buf, bad_message) != 0)
		printf("# got: %s\n", model == NULL ? buf : "a model");
	infdiag_model_free(model);
}

/* Runs the checks in order, printing a line for each. */
int
main(int argc, char **argv)
{
	struct infdiag_model *model;
	struct infdiag_error err;

	if (argc != 3) {
		fprintf(stderr, "usage: consumer EXAMPLE3 VERSION\n");
		return 2;
	}
	check(strcmp(infdiag_version(), argv[2]) == 0,
	    "infdiag_version() is the package's version");

	if ((model = infdiag_model_load_file(argv[1], &err)) == NULL)
		check_error(&err, "load example3");
	else {
		check(infdiag_model_count(model) == 4 &&
		    infdiag_model_influences(model) == 6,
		    "example3 has 4 variables and 6 influences");
		check_analysis(model);
		infdiag_model_free(model);
	}
	check_invalid();
	return failed;
}
