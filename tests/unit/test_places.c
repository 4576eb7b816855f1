/*
 * Unit tests of the places a reader of DAGitty, DOT or equations notes
 * (read_place.c): the table by JSON path, the nearest part above a path
 * that was not noted, and the messages about a loaded model (the
 * numbers, the analysis, the loader's warnings) placed by them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "read.h"

/* New places with the given paths noted at line i + 1, column 2 * i + 1,
 * and their table made. */
static struct read_places *
places_of(const char *const *paths, size_t n)
{
	struct read_places	*p = mem_calloc(1, sizeof(*p));
	size_t			 i;

	assert_non_null(p);
	for (i = 0; i < n; i++)
		read_place(p, paths[i], (int)i + 1, 2 * (int)i + 1);
	assert_false(p->nomem);
	assert_int_equal(read_places_index(p), 0);
	return p;
}

/* An error as the library sets it about a model, at path. */
static struct infdiag_error
error_at(enum infdiag_status status, const char *path, const char *text)
{
	struct infdiag_error	err;

	error_init(&err, "m.eq");
	error_set(&err, status, path, "%s", text);
	return err;
}

/* The error formatted as the command line prints it. */
static const char *
formatted(const struct infdiag_error *err)
{
	static char	buf[1200];

	infdiag_error_format(err, buf, sizeof(buf));
	return buf;
}

static const char *const noted[] = {
	"variables", "variables.x", "variables.x.value", "variables.y",
	"variables.y.expr", "of", "wrt", "wrt[0]"
};
#define NNOTED	(sizeof(noted) / sizeof(noted[0]))

static void
find__noted_path__is_its_place(void **state)
{
	struct read_places	*p = places_of(noted, NNOTED);
	const struct read_place	*at;

	(void)state;
	at = read_places_find(p, "variables.y.expr", 16);
	assert_non_null(at);
	assert_string_equal(at->path, "variables.y.expr");
	assert_int_equal(at->line, 5);
	assert_int_equal(at->column, 9);
	/* Only the first len bytes count. */
	at = read_places_find(p, "variables.y.expr", 11);
	assert_non_null(at);
	assert_int_equal(at->line, 4);
	assert_null(read_places_find(p, "variables.z", 11));
	assert_null(read_places_find(p, "variables.y.ex", 14));
	read_places_free(p);
}

static void
nearest__part_not_noted__is_the_part_above(void **state)
{
	struct read_places	*p = places_of(noted, NNOTED);
	const struct read_place	*at;

	(void)state;
	at = read_places_nearest(p, "variables.y.latex");
	assert_non_null(at);
	assert_string_equal(at->path, "variables.y");
	at = read_places_nearest(p, "variables.x.partials.y");
	assert_non_null(at);
	assert_string_equal(at->path, "variables.x");
	at = read_places_nearest(p, "variables.z.inputs[3]");
	assert_non_null(at);
	assert_string_equal(at->path, "variables");
	at = read_places_nearest(p, "wrt[1]");
	assert_non_null(at);
	assert_string_equal(at->path, "wrt");
	assert_null(read_places_nearest(p, "title"));
	assert_null(read_places_nearest(p, "--of"));
	read_places_free(p);
}

static void
find__same_path_twice__first_noted_wins(void **state)
{
	static const char *const	 twice[] = { "wrt", "of", "wrt" };
	struct read_places		*p = places_of(twice, 3);

	(void)state;
	assert_int_equal(read_places_find(p, "wrt", 3)->line, 1);
	read_places_free(p);
}

static void
find__many_paths__each_its_own(void **state)
{
	struct read_places	*p = mem_calloc(1, sizeof(*p));
	char			 path[64];
	const struct read_place	*at;
	int			 i, n = 100000;

	(void)state;
	assert_non_null(p);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "variables.v%d", i);
		read_place(p, path, i + 1, 1);
	}
	assert_int_equal(read_places_index(p), 0);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "variables.v%d", i);
		at = read_places_find(p, path, strlen(path));
		assert_non_null(at);
		assert_int_equal(at->line, i + 1);
	}
	snprintf(path, sizeof(path), "variables.v%d", n);
	assert_null(read_places_find(p, path, strlen(path)));
	read_places_free(p);
}

static void
later__numbers_error__placed_and_formatted_without_path(void **state)
{
	struct read_places	*p = places_of(noted, NNOTED);
	struct infdiag_error	 err;

	(void)state;
	err = error_at(INFDIAG_ENUMERIC, "variables.y", "log of 0");
	read_place_later(p, &err);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, 7);
	assert_string_equal(formatted(&err), "m.eq:4:7: log of 0");
	err = error_at(INFDIAG_EMODEL, "variables.x.label", "no");
	read_place_later(p, &err);
	assert_string_equal(formatted(&err), "m.eq:2:3: no");
	read_places_free(p);
}

static void
later__place_not_in_the_file__keeps_its_path(void **state)
{
	static const char *const	 vars[] = { "variables.x" };
	struct read_places		*p = places_of(noted, NNOTED);
	struct read_places		*q = places_of(vars, 1);
	struct infdiag_error		 err;

	(void)state;
	err = error_at(INFDIAG_EMODEL, "--of", "unknown variable \"q\"");
	read_place_later(p, &err);
	assert_string_equal(formatted(&err),
	    "m.eq: --of: unknown variable \"q\"");
	/* Nothing above "of" was noted in q: no line 1 made up. */
	err = error_at(INFDIAG_EMODEL, "of", "2 outputs");
	read_place_later(q, &err);
	assert_string_equal(formatted(&err), "m.eq: of: 2 outputs");
	/* Out of memory, and an error without a path, have no place. */
	err = error_at(INFDIAG_ENOMEM, "variables.x", "out of memory");
	read_place_later(p, &err);
	assert_int_equal(err.line, 0);
	err = error_at(INFDIAG_ENUMERIC, "", "3 more");
	read_place_later(p, &err);
	assert_string_equal(formatted(&err), "m.eq: 3 more");
	read_places_free(p);
	read_places_free(q);
}

/* Loads text in the format its source's suffix names. */
static struct infdiag_model *
load(const char *text, const char *source)
{
	struct infdiag_model	*m;
	struct infdiag_error	 err;

	m = infdiag_model_load_buffer_as(text, strlen(text), source,
	    INFDIAG_INPUT_AUTO, &err);
	if (m == NULL)
		print_error("%s\n", formatted(&err));
	assert_non_null(m);
	return m;
}

/* The numbers of a model: x^y at x = -2 has an undefined partial in y
 * (a warning), and log of x^y = -8 fails (the verdict). */
static const char numbers_eq[] =
    "# comment\nx = -2\ny = 3\nz = x^y\nw = log(z)\nwrt: x\n";
static const char numbers_json[] =
    "{\"variables\": {\"x\": {\"value\": -2}, \"y\": {\"value\": 3},"
    " \"z\": {\"expr\": \"x^y\"}, \"w\": {\"expr\": \"log(z)\"}},"
    " \"wrt\": \"x\"}";

/* Analyses m with the numbers; the verdict in *err. */
static struct infdiag_analysis *
analyze(const struct infdiag_model *m, struct infdiag_error *err)
{
	struct infdiag_query	 q = { .max_paths = 10, .numbers = 1 };
	struct infdiag_analysis	*a = infdiag_analyze(m, &q, err);

	assert_non_null(a);
	assert_int_equal(infdiag_analysis_numeric_error(a, err), -1);
	return a;
}

/* The numbers' warning and verdict of the model in text, as formatted. */
static void
numbers_said(const char *text, const char *source, const char *warning,
    const char *verdict)
{
	struct infdiag_model	*m = load(text, source);
	struct infdiag_analysis	*a;
	struct infdiag_error	 err;

	a = analyze(m, &err);
	assert_int_equal(infdiag_analysis_warning_count(a), 1);
	assert_string_equal(infdiag_analysis_warning(a, 0), warning);
	assert_int_equal(err.status, INFDIAG_ENUMERIC);
	assert_string_equal(err.path, "variables.w");
	assert_string_equal(formatted(&err), verdict);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static void
model__eq_numbers__warning_and_verdict_at_their_lines(void **state)
{
	(void)state;
	numbers_said(numbers_eq, "n.eq",
	    "n.eq:4:1: warning: log of a non-positive number (-2) in "
	    "\xe2\x88\x82z/\xe2\x88\x82y = x^y\xc2\xb7log(x), with x = -2, "
	    "y = 3",
	    "n.eq:5:1: log of a non-positive number (-8) in w = log(z), "
	    "with z = -8");
}

static void
model__json_numbers__keep_their_json_paths(void **state)
{
	(void)state;
	numbers_said(numbers_json, "n.json",
	    "n.json: variables.z: warning: log of a non-positive number "
	    "(-2) in \xe2\x88\x82z/\xe2\x88\x82y = x^y\xc2\xb7log(x), with "
	    "x = -2, y = 3",
	    "n.json: variables.w: log of a non-positive number (-8) in "
	    "w = log(z), with z = -8");
}

static void
model__dot_unused_input__warning_at_the_expression(void **state)
{
	struct infdiag_model	*m = load("digraph {\n x -> y; z -> y\n"
				    " y [expr=\"2*x\"]\n}\n", "u.dot");

	(void)state;
	assert_int_equal(infdiag_model_warning_count(m), 1);
	assert_string_equal(infdiag_model_warning(m, 0), "u.dot:3:11: "
	    "warning: input \"z\" is not used, so its local derivative is 0");
	infdiag_model_free(m);
}

static void
model__values_missing__at_the_variable(void **state)
{
	struct infdiag_model	*m = load("x = 1\n\nz\ny = x + z\n", "v.eq");
	struct infdiag_query	 q = { .max_paths = 10 };
	struct infdiag_analysis	*a;
	struct infdiag_error	 err;

	(void)state;
	a = infdiag_analyze(m, &q, &err);
	assert_non_null(a);
	assert_int_equal(infdiag_analysis_values_missing(a, &err), -1);
	assert_string_equal(formatted(&err), "v.eq:3:1: \"z\" has no value: "
	    "the numbers need a value for each independent variable \"y\" "
	    "depends on");
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static int
failing_setup(void **state)
{
	(void)state;
	failing_alloc_install();
	return 0;
}

static int
failing_teardown(void **state)
{
	(void)state;
	failing_alloc_remove();
	return 0;
}

/* Loads and analyses n.eq with its allocation number n failing: out of
 * memory, or the placed warning; nothing leaks.  0 once a run made
 * fewer than n allocations. */
static int
numbers_failing_at(long n)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*a = NULL;
	struct infdiag_query	 q = { .max_paths = 10, .numbers = 1 };
	struct infdiag_error	 err;

	failing_alloc.calls = 0;
	failing_alloc.fail_at = n;
	m = infdiag_model_load_buffer_as(numbers_eq, strlen(numbers_eq),
	    "n.eq", INFDIAG_INPUT_EQ, &err);
	if (m != NULL)
		a = infdiag_analyze(m, &q, &err);
	failing_alloc.fail_at = 0;
	if (a != NULL)
		assert_memory_equal(infdiag_analysis_warning(a, 0),
		    "n.eq:4:1: warning: ", 19);
	else
		assert_int_equal(err.status, INFDIAG_ENOMEM);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
	assert_int_equal(failing_alloc.live, 0);
	return n <= failing_alloc.calls;
}

static void
alloc__each_failure__out_of_memory_or_placed(void **state)
{
	long	n;

	(void)state;
	for (n = 1; numbers_failing_at(n); n++)
		assert_true(n < 100000);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(find__noted_path__is_its_place),
		cmocka_unit_test(nearest__part_not_noted__is_the_part_above),
		cmocka_unit_test(find__same_path_twice__first_noted_wins),
		cmocka_unit_test(find__many_paths__each_its_own),
		cmocka_unit_test(
		    later__numbers_error__placed_and_formatted_without_path),
		cmocka_unit_test(later__place_not_in_the_file__keeps_its_path),
		cmocka_unit_test(
		    model__eq_numbers__warning_and_verdict_at_their_lines),
		cmocka_unit_test(model__json_numbers__keep_their_json_paths),
		cmocka_unit_test(
		    model__dot_unused_input__warning_at_the_expression),
		cmocka_unit_test(model__values_missing__at_the_variable),
		cmocka_unit_test_setup_teardown(
		    alloc__each_failure__out_of_memory_or_placed,
		    failing_setup, failing_teardown),
	};

	return cmocka_run_group_tests_name("places", tests, NULL, NULL);
}
