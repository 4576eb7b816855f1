/*
 * Unit tests of loading and validating a model, through the public API
 * (numbering, adjacency both ways, lookup, warnings, errors) and the
 * model's own structures (values, partials, shapes, texts); and of every
 * allocation failure along the way.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <jansson.h>

#include "util.h"

#include "infdiag.h"
#include "error.h"
#include "load.h"
#include "model.h"
#include "notation.h"
#include "read.h"
#include "strbuf.h"

/* A model that uses every key of the format. */
static const char all_keys[] =
    "{\n"
    "  \"version\": 1,\n"
    "  \"title\": \"Every key\",\n"
    "  \"description\": \"A model with every key.\",\n"
    "  \"variables\": {\n"
    "    \"x\": {\"value\": 2, \"shape\": [], \"fn\": \"id\",\n"
    "      \"latex\": \"x_{0}\", \"label\": \"input x\",\n"
    "      \"description\": \"the input\"},\n"
    "    \"theta\": {\"inputs\": [], \"value\": -0.5, \"shape\": [1],\n"
    "      \"latex\": \"\\\\theta\"},\n"
    "    \"g\": {\"inputs\": [\"x\"], \"expr\": \"x^2\", \"label\": \"g(x)\"},\n"
    "    \"h\": {\"inputs\": [\"x\", \"g\"], \"partials\": {\"g\": 1.5,\n"
    "      \"x\": -2}, \"shape\": [1, 1], \"fn\": \"h\"},\n"
    "    \"k\": {\"expr\": \"theta * sin(x) + x\"},\n"
    "    \"y\": {\"inputs\": [\"x\", \"g\", \"h\", \"k\"], \"fn\": \"f\",\n"
    "      \"description\": \"the output\"}\n"
    "  },\n"
    "  \"of\": \"y\",\n"
    "  \"wrt\": [\"theta\", \"x\"]\n"
    "}\n";

/* Loads a NUL-terminated buffer under the name "t.json". */
static struct infdiag_model *
load(const char *json, struct infdiag_error *err)
{
	return infdiag_model_load_buffer(json, strlen(json), "t.json", err);
}

/* Loads json, which must be invalid, and checks the formatted message. */
static void
assert_rejected_at(const char *json, const char *want, const char *file,
    int line)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	char			 buf[1024];

	m = load(json, &err);
	if (m != NULL) {
		infdiag_model_free(m);
		print_error("accepted: %s\n", json);
		_fail(file, line);
	}
	infdiag_error_format(&err, buf, sizeof(buf));
	if (strcmp(buf, want) != 0) {
		print_error("got  \"%s\"\nwant \"%s\"\n", buf, want);
		_fail(file, line);
	}
}
#define assert_rejected(json, want) \
	assert_rejected_at((json), (want), __FILE__, __LINE__)

/* Checks that v's inputs (or consumers) are exactly the n given ids. */
static void
assert_ids_at(const struct infdiag_model *m, uint32_t v, int consumers,
    const uint32_t *want, uint32_t n, const char *file, int line)
{
	const uint32_t	*ids;
	uint32_t	 got, i;

	got = consumers ? infdiag_var_consumers(m, v, &ids) :
	    infdiag_var_inputs(m, v, &ids);
	if (got != n) {
		print_error("var %u: %u %s, want %u\n", v, got,
		    consumers ? "consumers" : "inputs", n);
		_fail(file, line);
	}
	for (i = 0; i < n; i++) {
		if (ids[i] != want[i]) {
			print_error("var %u: %s[%u] = %u, want %u\n", v,
			    consumers ? "consumers" : "inputs", i, ids[i],
			    want[i]);
			_fail(file, line);
		}
	}
}
#define assert_inputs(m, v, ...) do {					\
	const uint32_t want_[] = { __VA_ARGS__ };			\
	assert_ids_at((m), (v), 0, want_ + 1,				\
	    sizeof(want_) / sizeof(want_[0]) - 1, __FILE__, __LINE__);	\
} while (0)
#define assert_consumers(m, v, ...) do {				\
	const uint32_t want_[] = { __VA_ARGS__ };			\
	assert_ids_at((m), (v), 1, want_ + 1,				\
	    sizeof(want_) / sizeof(want_[0]) - 1, __FILE__, __LINE__);	\
} while (0)
/* The lists above start with a dummy 0 so that an empty list compiles. */

static void
load__chain__numbers_in_declaration_order(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = load("{\"variables\": {\"x\": [], \"y\": [\"x\"], \"b\": [\"y\"],"
	    " \"a\": [\"x\", \"b\"]}}", &err);
	assert_non_null(m);
	assert_int_equal(err.status, INFDIAG_OK);
	assert_int_equal(infdiag_model_count(m), 4);
	assert_int_equal(infdiag_model_influences(m), 4);
	assert_string_equal(infdiag_var_name(m, 0), "x");
	assert_string_equal(infdiag_var_name(m, 1), "y");
	assert_string_equal(infdiag_var_name(m, 2), "b");
	assert_string_equal(infdiag_var_name(m, 3), "a");
	assert_null(infdiag_var_name(m, 4));
	assert_string_equal(infdiag_model_source(m), "t.json");
	assert_null(infdiag_model_title(m));
	assert_null(infdiag_model_description(m));
	assert_int_equal(infdiag_model_of(m), INFDIAG_NONE);
	assert_int_equal(infdiag_model_warning_count(m), 0);
	infdiag_model_free(m);
}

static void
load__declared_backwards__adjacency_both_ways(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	const uint32_t		*order;

	(void)state;
	/* y=0 h=1 g=2 x=3: Example 3 declared output first. */
	m = load("{\"variables\": {\"y\": [\"h\", \"x\", \"g\"],"
	    " \"h\": {\"inputs\": [\"g\", \"x\"]}, \"g\": [\"x\"],"
	    " \"x\": {}}}", &err);
	assert_non_null(m);
	assert_int_equal(infdiag_model_influences(m), 6);
	assert_inputs(m, 0, 0, 1, 3, 2);
	assert_inputs(m, 1, 0, 2, 3);
	assert_inputs(m, 2, 0, 3);
	assert_inputs(m, 3, 0);
	assert_consumers(m, 0, 0);
	assert_consumers(m, 1, 0, 0);
	assert_consumers(m, 2, 0, 0, 1);
	assert_consumers(m, 3, 0, 0, 1, 2);
	order = infdiag_model_order(m);
	assert_int_equal(order[0], 3);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 1);
	assert_int_equal(order[3], 0);
	infdiag_model_free(m);
}

static void
load__consumers__listed_in_declaration_order_not_input_order(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	/* c lists b before a; x's consumers are still a, b, c, d. */
	m = load("{\"variables\": {\"x\": [], \"a\": [\"x\"], \"d\": [\"x\"],"
	    " \"b\": [\"a\", \"x\"], \"c\": [\"b\", \"x\", \"a\"]}}", &err);
	assert_non_null(m);
	assert_consumers(m, 0, 0, 1, 2, 3, 4);
	assert_consumers(m, 1, 0, 3, 4);
	assert_consumers(m, 3, 0, 4);
	assert_consumers(m, 2, 0);
	assert_inputs(m, 4, 0, 3, 0, 1);
	infdiag_model_free(m);
}

static void
lookup__names__exact_match_only(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = load("{\"variables\": {\"theta\": [], \"theta_1\": [\"theta\"],"
	    " \"T\": [], \"t\": []}}", &err);
	assert_non_null(m);
	assert_int_equal(infdiag_model_lookup(m, "theta"), 0);
	assert_int_equal(infdiag_model_lookup(m, "theta_1"), 1);
	assert_int_equal(infdiag_model_lookup(m, "T"), 2);
	assert_int_equal(infdiag_model_lookup(m, "t"), 3);
	assert_int_equal(infdiag_model_lookup(m, "thet"), INFDIAG_NONE);
	assert_int_equal(infdiag_model_lookup(m, "theta_"), INFDIAG_NONE);
	assert_int_equal(infdiag_model_lookup(m, "theta_12"), INFDIAG_NONE);
	assert_int_equal(infdiag_model_lookup(m, ""), INFDIAG_NONE);
	assert_int_equal(infdiag_model_lookup(m, "Theta"), INFDIAG_NONE);
	infdiag_model_free(m);
}

/* Names of up to 8 bytes are compared in the table's slot, longer ones
 * through the variable: both sides of the boundary. */
static void
lookup__names_around_8_bytes__exact_match_only(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = load("{\"variables\": {\"abcdefgh\": [], \"abcdefghi\": [],"
	    " \"abcdefg\": [], \"abcdefgh_1\": []}}", &err);
	assert_non_null(m);
	assert_int_equal(infdiag_model_lookup(m, "abcdefgh"), 0);
	assert_int_equal(infdiag_model_lookup(m, "abcdefghi"), 1);
	assert_int_equal(infdiag_model_lookup(m, "abcdefg"), 2);
	assert_int_equal(infdiag_model_lookup(m, "abcdefgh_1"), 3);
	assert_int_equal(infdiag_model_lookup(m, "abcdef"), INFDIAG_NONE);
	assert_int_equal(infdiag_model_lookup(m, "abcdefgH"), INFDIAG_NONE);
	assert_int_equal(infdiag_model_lookup(m, "abcdefghj"), INFDIAG_NONE);
	assert_int_equal(infdiag_model_lookup(m, "abcdefgh_"), INFDIAG_NONE);
	infdiag_model_free(m);
}

static void
lookup__thousand_names__finds_each(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	char			*json, name[16];
	size_t			 len = 0, cap = 32 * 1000 + 64;
	uint32_t		 i;

	(void)state;
	json = malloc(cap);
	assert_non_null(json);
	len += (size_t)snprintf(json + len, cap - len, "{\"variables\": {");
	for (i = 0; i < 1000; i++)
		len += (size_t)snprintf(json + len, cap - len,
		    "%s\"n%u\": []", i > 0 ? ", " : "", i * 7919);
	snprintf(json + len, cap - len, "}}");
	m = load(json, &err);
	free(json);
	assert_non_null(m);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "n%u", i * 7919);
		assert_int_equal(infdiag_model_lookup(m, name), i);
		snprintf(name, sizeof(name), "n%u", i * 7919 + 1);
		assert_int_equal(infdiag_model_lookup(m, name), INFDIAG_NONE);
	}
	infdiag_model_free(m);
}

static void
expr__no_inputs__infers_them_in_order_of_first_use(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = load("{\"variables\": {\"a\": [], \"b\": [], \"c\": [],"
	    " \"y\": {\"expr\": \"c * sin(a) + c / b + a\"}}}", &err);
	assert_non_null(m);
	assert_inputs(m, 3, 0, 2, 0, 1);
	assert_consumers(m, 0, 0, 3);
	assert_int_equal(infdiag_model_influences(m), 3);
	assert_true(m->vars[3].flags & VAR_INPUTS_INFERRED);
	assert_string_equal(m->vars[3].x->expr_src, "c * sin(a) + c / b + a");
	assert_non_null(m->vars[3].x->expr);
	assert_int_equal(infdiag_model_warning_count(m), 0);
	infdiag_model_free(m);
}

static void
expr__declared_inputs__keeps_declared_order(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = load("{\"variables\": {\"a\": [], \"b\": [],"
	    " \"y\": {\"inputs\": [\"b\", \"a\"], \"expr\": \"a - b\"}}}", &err);
	assert_non_null(m);
	assert_inputs(m, 2, 0, 1, 0);
	assert_false(m->vars[2].flags & VAR_INPUTS_INFERRED);
	infdiag_model_free(m);
}

static void
expr__constant_without_inputs__is_independent(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = load("{\"variables\": {\"k\": {\"expr\": \"2 * pi\","
	    " \"value\": 1}}}", &err);
	assert_non_null(m);
	assert_inputs(m, 0, 0);
	assert_true(m->vars[0].flags & VAR_HAS_VALUE);
	infdiag_model_free(m);
}

static void
warnings__unused_inputs__one_line_each(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = load("{\"variables\": {\"x\": [], \"w\": [], \"v\": [],"
	    " \"y\": {\"inputs\": [\"x\", \"w\", \"v\"], \"expr\": \"2 * w\"}}}",
	    &err);
	assert_non_null(m);
	assert_int_equal(infdiag_model_warning_count(m), 2);
	assert_string_equal(infdiag_model_warning(m, 0), "t.json: "
	    "variables.y.expr: warning: input \"x\" is not used, so its local "
	    "derivative is 0");
	assert_string_equal(infdiag_model_warning(m, 1), "t.json: "
	    "variables.y.expr: warning: input \"v\" is not used, so its local "
	    "derivative is 0");
	assert_null(infdiag_model_warning(m, 2));
	/* An unused input is still an influence. */
	assert_inputs(m, 3, 0, 0, 1, 2);
	infdiag_model_free(m);
}

static void
all_keys__every_value__is_kept(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	const struct var_extra	*x;
	const uint32_t		*wrt;

	(void)state;
	m = load(all_keys, &err);
	assert_non_null(m);
	assert_int_equal(infdiag_model_count(m), 6);
	assert_string_equal(infdiag_model_title(m), "Every key");
	assert_string_equal(infdiag_model_description(m),
	    "A model with every key.");
	assert_int_equal(infdiag_model_of(m), 5);
	assert_int_equal(infdiag_model_wrt(m, &wrt), 2);
	assert_int_equal(wrt[0], 1);
	assert_int_equal(wrt[1], 0);
	/* x: value and texts, an empty shape. */
	x = var_extra(m, 0);
	assert_non_null(x);
	assert_true(m->vars[0].flags & VAR_HAS_VALUE);
	assert_close(m->vars[0].value, 2.0, 0);
	assert_int_equal(x->ndim, 0);
	assert_string_equal(x->fn, "id");
	assert_string_equal(x->latex, "x_{0}");
	assert_string_equal(x->label, "input x");
	assert_string_equal(x->description, "the input");
	assert_null(x->expr_src);
	/* theta: a vector of one, which is a scalar and may have a value. */
	x = var_extra(m, 1);
	assert_close(m->vars[1].value, -0.5, 0);
	assert_int_equal(x->ndim, 1);
	assert_int_equal(x->shape[0], 1);
	assert_string_equal(x->latex, "\\theta");
	assert_null(x->fn);
	/* h: the partials follow the inputs' order, not the object's. */
	x = var_extra(m, 3);
	assert_true(m->vars[3].flags & VAR_HAS_PARTIALS);
	assert_false(m->vars[3].flags & VAR_HAS_VALUE);
	assert_close(x->partials[0], -2.0, 0);
	assert_close(x->partials[1], 1.5, 0);
	assert_int_equal(x->ndim, 2);
	assert_int_equal(x->shape[0], 1);
	assert_int_equal(x->shape[1], 1);
	/* k: inputs from its expression. */
	assert_inputs(m, 4, 0, 1, 0);
	/* y: only inputs and texts; shorthand-free variables have extras. */
	assert_inputs(m, 5, 0, 0, 2, 3, 4);
	assert_string_equal(var_extra(m, 5)->fn, "f");
	assert_consumers(m, 0, 0, 2, 3, 4, 5);
	assert_int_equal(infdiag_model_influences(m), 9);
	infdiag_model_free(m);
}

static void
shorthand__no_extra_keys__has_no_extra(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = load("{\"variables\": {\"x\": [], \"y\": {\"inputs\": [\"x\"]},"
	    " \"z\": {}}}", &err);
	assert_non_null(m);
	assert_null(var_extra(m, 0));
	assert_null(var_extra(m, 1));
	assert_null(var_extra(m, 2));
	assert_int_equal(m->vars[0].flags, 0);
	infdiag_model_free(m);
}

static void
buffer__length__bounds_the_document(void **state)
{
	static const char	 json[] = "{\"variables\": {\"x\": []}} garbage";
	struct infdiag_error	 err;
	struct infdiag_model	*m;

	(void)state;
	m = infdiag_model_load_buffer(json, 24, "b.json", &err);
	assert_non_null(m);
	assert_int_equal(infdiag_model_count(m), 1);
	infdiag_model_free(m);
	m = infdiag_model_load_buffer(json, sizeof(json) - 1, "b.json", &err);
	assert_null(m);
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 32);
	assert_string_equal(err.text, "end of file expected near 'garbage'");
}

static void
error__unknown_input__fills_path_and_text(void **state)
{
	struct infdiag_error	 err;
	char			 buf[256];
	size_t			 n;

	(void)state;
	assert_null(load("{\"variables\": {\"x\": [],"
	    " \"h\": {\"inputs\": [\"x\", \"z\"]}}}", &err));
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.source, "t.json");
	assert_string_equal(err.path, "variables.h.inputs[1]");
	assert_string_equal(err.text, "unknown variable \"z\"");
	n = infdiag_error_format(&err, buf, sizeof(buf));
	assert_string_equal(buf,
	    "t.json: variables.h.inputs[1]: unknown variable \"z\"");
	assert_int_equal(n, strlen(buf));
}

static void
error__syntax__fills_line_and_column(void **state)
{
	struct infdiag_error	 err;
	char			 buf[256];

	(void)state;
	assert_null(load("{\n  \"variables\": {\n    \"x\": [] \"y\": []\n"
	    "  }\n}\n", &err));
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 15);
	assert_string_equal(err.path, "");
	assert_string_equal(err.text, "'}' expected near '\"y\"'");
	infdiag_error_format(&err, buf, sizeof(buf));
	assert_string_equal(buf, "t.json:3:15: '}' expected near '\"y\"'");
}

static void
error__cycle__path_is_variables(void **state)
{
	struct infdiag_error	 err;

	(void)state;
	assert_null(load("{\"variables\": {\"x\": [\"h\"], \"g\": [\"x\"],"
	    " \"h\": [\"g\"]}}", &err));
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_string_equal(err.path, "variables");
	assert_string_equal(err.text, "cycle: x -> g -> h -> x");
}

static void
error__no_path__formats_source_and_text(void **state)
{
	struct infdiag_error	 err;
	char			 buf[256];

	(void)state;
	assert_null(load("[1, 2]", &err));
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_int_equal(err.line, 0);
	assert_string_equal(err.path, "");
	infdiag_error_format(&err, buf, sizeof(buf));
	assert_string_equal(buf,
	    "t.json: the model must be a JSON object, not an array");
}

static void
error_format__small_buffer__cuts_and_returns_needed_length(void **state)
{
	struct infdiag_error	 err;
	char			 buf[8];
	size_t			 n;

	(void)state;
	assert_null(load("{\"variables\": {}}", &err));
	n = infdiag_error_format(&err, buf, sizeof(buf));
	assert_int_equal(n,
	    strlen("t.json: variables: the model has no variables"));
	assert_string_equal(buf, "t.json:");
	assert_int_equal(infdiag_error_format(&err, NULL, 0), n);
}

static void
error_format__no_source__says_infdiag(void **state)
{
	struct infdiag_error	 err;
	char			 buf[128];

	(void)state;
	memset(&err, 0, sizeof(err));
	err.status = INFDIAG_EUSAGE;
	snprintf(err.text, sizeof(err.text), "bad option");
	infdiag_error_format(&err, buf, sizeof(buf));
	assert_string_equal(buf, "infdiag: bad option");
}

static void
error__long_source__is_cut_to_fit(void **state)
{
	static const char	 json[] = "{\"variables\": {}}";
	struct infdiag_error	 err;
	char			 source[1000];

	(void)state;
	memset(source, 's', sizeof(source) - 1);
	source[sizeof(source) - 1] = '\0';
	assert_null(infdiag_model_load_buffer(json, strlen(json), source,
	    &err));
	/* Cut to fit, and the cut shown. */
	assert_int_equal(strlen(err.source), INFDIAG_ERROR_SOURCE_LENGTH - 1);
	assert_int_equal(strncmp(err.source, source,
	    INFDIAG_ERROR_SOURCE_LENGTH - 4), 0);
	assert_string_equal(err.source + INFDIAG_ERROR_SOURCE_LENGTH - 4,
	    "...");
}

static void
error__long_text__is_cut_with_dots(void **state)
{
	struct infdiag_error	 err;
	char			 name[2000];

	(void)state;
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	error_init(&err, "m.json");
	error_set(&err, INFDIAG_EMODEL, name, "unknown variable %s", name);
	assert_int_equal(strlen(err.text), INFDIAG_ERROR_TEXT_LENGTH - 1);
	assert_string_equal(err.text + INFDIAG_ERROR_TEXT_LENGTH - 4, "...");
	assert_int_equal(strlen(err.path), INFDIAG_ERROR_PATH_LENGTH - 1);
	assert_string_equal(err.path + INFDIAG_ERROR_PATH_LENGTH - 4, "...");
}

static void
error__null_error__still_returns_null(void **state)
{
	struct infdiag_model	*m;

	(void)state;
	assert_null(load("{\"variables\": {\"x\": [\"x\"]}}", NULL));
	assert_null(load("{", NULL));
	m = load("{\"variables\": {\"x\": []}}", NULL);
	assert_non_null(m);
	infdiag_model_free(m);
}

static void
error__messages__name_the_place(void **state)
{
	(void)state;
	assert_rejected("{\"variables\": {\"x\": [], \"y\": [\"x\", \"x\"]}}",
	    "t.json: variables.y[1]: input \"x\" is listed twice "
	    "(first at [0])");
	assert_rejected("{\"variables\": {\"x\": {\"valeu\": 1}}}",
	    "t.json: variables.x.valeu: unknown key \"valeu\" "
	    "(did you mean \"value\"?)");
	assert_rejected("{\"variables\": {\"x\": [], \"y\": {\"expr\": "
	    "\"x + * 2\"}}}",
	    "t.json: variables.y.expr: column 5: expected an operand after "
	    "'+'");
	assert_rejected("{\"variables\": {\"x\": [], \"y\": {\"expr\": "
	    "\"2 * x\", \"value\": 1}}}",
	    "t.json: variables.y.value: only an independent variable can "
	    "have a value, and \"y\" has inputs");
	assert_rejected("{\"variables\": {\"x\\u0007\": []}}",
	    "t.json: variables[\"x\\u0007\"]: bad name \"x\\u0007\": a name "
	    "starts with a letter and has only letters, digits and '_'");
	assert_rejected("{\"variables\": {\"x\": []}, \"wrt\": [\"x\", \"x\"]}",
	    "t.json: wrt[1]: \"x\" is listed twice (first at [0])");
	assert_rejected("{\"variables\": {\"x\": {\"shape\": [2, 0]}}}",
	    "t.json: variables.x.shape[1]: expected a positive integer, "
	    "got 0");
	assert_rejected("\"x\"",
	    "t.json: the model must be a JSON object, not a string");
	assert_rejected("{\"title\": \"a\\u0000\"}",
	    "t.json:1:19: \\u0000 is not allowed in a string near "
	    "'\"a\\u0000\"'");
	assert_rejected("{\"variables\": \x1b}",
	    "t.json:1:15: invalid token near '\\u001b'");
}

static void
free__null__is_a_no_op(void **state)
{
	(void)state;
	infdiag_model_free(NULL);
}

static void
load_file__missing__fails_with_eio(void **state)
{
	struct infdiag_error	 err;

	(void)state;
	assert_null(infdiag_model_load_file("/nonexistent/m.json", &err));
	assert_int_equal(err.status, INFDIAG_EIO);
	assert_string_equal(err.source, "/nonexistent/m.json");
	assert_string_equal(err.path, "");
	assert_string_equal(err.text, "cannot open: No such file or directory");
}

static void
load_file__directory__fails_with_eio(void **state)
{
	struct infdiag_error	 err;

	(void)state;
	assert_null(infdiag_model_load_file("/", &err));
	assert_int_equal(err.status, INFDIAG_EIO);
	assert_string_equal(err.text, "cannot read: Is a directory");
}

static void
load_file__real_file__names_it_as_given(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	char			 path[] = "/tmp/test_load.XXXXXX";
	FILE			*fp;
	int			 fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(all_keys, fp);
	fclose(fp);
	m = infdiag_model_load_file(path, &err);
	assert_non_null(m);
	assert_string_equal(infdiag_model_source(m), path);
	assert_int_equal(infdiag_model_count(m), 6);
	infdiag_model_free(m);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\n\"variables\": {\"x\": [\"q\"]}}", fp);
	fclose(fp);
	assert_null(infdiag_model_load_file(path, &err));
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_string_equal(err.source, path);
	assert_string_equal(err.path, "variables.x[0]");
	unlink(path);
}

/* A symbol's LaTeX is checked against the allow-list: what a symbol
 * needs is accepted, each way out of mathematics is refused with its
 * column and reason. */
static void
latex__allow_list__accepts_symbols(void **state)
{
	static const char *const good[] = {
		"x", "x_{0}", "\\theta", "\\hat\\theta_{11}", "\\hat{x}_{1}",
		"\\tilde{\\boldsymbol{w}}^{(2)}", "\\mathrm{net}_{j}",
		"\\operatorname{ReLU}", "\\mathbf{W}^{T}", "x'", "x''^{2}",
		"x'_1", "\\vec{v}", "\\dot x", "\\bar{y}\\,z", "\\{x\\}",
		"\\mathcal{L}", "a < b", "\"q\"", "\\Sigma_{i}^{n}",
		"{{x}}", "\\partial_{x}"
	};
	char	why[INFDIAG_ERROR_TEXT_LENGTH];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (note_latex_check(good[i], why, sizeof(why)) != 0) {
			print_error("refused %s: %s\n", good[i], why);
			fail();
		}
	}
}

static void
latex__allow_list__refuses_each_way_out(void **state)
{
	static const char *const bad[][2] = {
		{ "x\\input{/etc/hostname}", "column 2: \\input is not "
		    "allowed: a symbol may use only Greek letters, accents "
		    "such as \\hat, fonts such as \\mathbf, and spaces" },
		{ "x\\immediate\\openout9=a.txt", "column 2: \\immediate is "
		    "not allowed: a symbol may use only Greek letters, accents "
		    "such as \\hat, fonts such as \\mathbf, and spaces" },
		{ "x}}\\end{align*}", "column 2: '}' closes nothing" },
		{ "{x", "column 1: '{' is never closed" },
		{ "50%", "column 3: '%' is not allowed: it starts a comment" },
		{ "x$", "column 2: '$' is not allowed: it leaves mathematics" },
		{ "#1", "column 1: '#' is not allowed: it is a macro "
		    "parameter" },
		{ "a&b", "column 2: '&' is not allowed: it is an alignment "
		    "tab" },
		{ "a~b", "column 2: '~' is not allowed: it is a space in "
		    "text, not mathematics" },
		{ "x^^M", "column 2: '^^' is not allowed: it writes a "
		    "character by its code" },
		{ "x\ny", "column 2: a line break is not allowed" },
		{ "x\ty", "column 2: control character \\u0009 is not "
		    "allowed" },
		{ "\xce\xb8", "column 1: \"\xce\xb8\" is not allowed: write "
		    "\\theta" },
		{ "\xc3\xa9", "column 1: non-ASCII character \"\xc3\xa9\" is "
		    "not allowed: pdflatex cannot set it in mathematics" },
		{ "x_1_2", "column 4: double subscript" },
		{ "x^2'", "column 4: double superscript" },
		{ "x'_1'", "column 5: double superscript" },
		{ "x_", "column 2: '_' has no argument" },
		{ "^2", "column 1: '^' has nothing before it to attach to" },
		{ "\\hat", "column 1: \\hat has no argument" },
		{ "\\hat\\mathbf{x}", "column 1: \\hat needs braces around "
		    "\\mathbf and its argument" },
		{ "x_\\hat{y}", "column 2: '_' needs braces around \\hat and "
		    "its argument" },
		{ "x\\", "column 2: a backslash ends the symbol" },
		{ "\\text{a}", "column 1: \\text is not allowed: a symbol may "
		    "use only Greek letters, accents such as \\hat, fonts "
		    "such as \\mathbf, and spaces" },
		{ "", "an empty symbol: leave the key out for the one made "
		    "from the name" }
	};
	char	why[INFDIAG_ERROR_TEXT_LENGTH];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		if (note_latex_check(bad[i][0], why, sizeof(why)) == 0 ||
		    strcmp(why, bad[i][1]) != 0) {
			print_error("%s\ngot  \"%s\"\nwant \"%s\"\n", bad[i][0],
			    why, bad[i][1]);
			fail();
		}
	}
}

/* Braces may nest 32 deep in a symbol, not deeper (a limit on the
 * checker's recursion). */
static void
latex__deep_braces__refused_past_the_limit(void **state)
{
	char	tex[80], why[INFDIAG_ERROR_TEXT_LENGTH];

	(void)state;
	snprintf(tex, sizeof(tex), "%.*sx%.*s", 32,
	    "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{", 32,
	    "}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}");
	assert_int_equal(note_latex_check(tex, why, sizeof(why)), 0);
	snprintf(tex, sizeof(tex), "%.*sx%.*s", 33,
	    "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{", 33,
	    "}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}");
	assert_int_equal(note_latex_check(tex, why, sizeof(why)), -1);
	assert_string_equal(why, "column 33: braces nested more than 32 deep");
}

/* The loader names the key: variables.NAME.latex. */
static void
latex__in_a_model__names_the_key(void **state)
{
	(void)state;
	assert_rejected("{\"variables\": {\"x\": {\"latex\": \"x%\"}}}",
	    "t.json: variables.x.latex: column 2: '%' is not allowed: it "
	    "starts a comment");
}

/* A UTF-8 byte-order mark is skipped, in a buffer and in a file; one
 * elsewhere is still a syntax error. */
static void
bom__at_the_start__is_skipped(void **state)
{
	static const char	doc[] = "\xef\xbb\xbf{\"variables\": {\"x\": {}}}";
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	char			 path[] = "/tmp/test_load.XXXXXX";
	FILE			*fp;
	int			 fd;

	(void)state;
	m = infdiag_model_load_buffer(doc, strlen(doc), "t.json", &err);
	assert_non_null(m);
	infdiag_model_free(m);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(doc, fp);
	fclose(fp);
	m = infdiag_model_load_file(path, &err);
	assert_non_null(m);
	assert_int_equal(infdiag_model_count(m), 1);
	infdiag_model_free(m);
	unlink(path);
	assert_rejected(" \xef\xbb\xbf{}", "t.json:1:2: invalid token near "
	    "'\\ufeff'");
}

/* Writes an opening brace and then n spaces into a pipe from a child
 * process, for a reader that may stop early. */
static pid_t
pipe_spaces(int *fd, size_t n)
{
	static char	spaces[4096];
	int		p[2];
	pid_t		pid;
	size_t		k;

	memset(spaces, ' ', sizeof(spaces));
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		if (write(p[1], "{", 1) != 1)
			_exit(1);
		for (k = 0; k < n; k += sizeof(spaces))
			if (write(p[1], spaces, sizeof(spaces)) < 0)
				break;
		_exit(0);
	}
	close(p[1]);
	*fd = p[0];
	return pid;
}

/* A stream longer than the limit is refused once it passes it, as an
 * input error naming the limit; one within it is read to its end. */
static void
limit__long_stream__refused_at_the_limit(void **state)
{
	struct infdiag_error	 err;
	char			 path[32];
	pid_t			 pid;
	int			 fd, wstatus;

	(void)state;
	pid = pipe_spaces(&fd, 64 * 1024);
	snprintf(path, sizeof(path), "/dev/fd/%d", fd);
	assert_null(load_file_max(path, 16 * 1024, INFDIAG_INPUT_JSON, &err));
	close(fd);
	waitpid(pid, &wstatus, 0);
	assert_int_equal(err.status, INFDIAG_EIO);
	assert_string_equal(err.text, "cannot read: the model is larger than "
	    "16 KiB, the most infdiag reads");
	pid = pipe_spaces(&fd, 8 * 1024);
	snprintf(path, sizeof(path), "/dev/fd/%d", fd);
	assert_null(load_file_max(path, 16 * 1024, INFDIAG_INPUT_JSON, &err));
	close(fd);
	waitpid(pid, &wstatus, 0);
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_string_equal(err.text, "string or '}' expected near end of file");
}

/* A regular file longer than the limit is refused before it is read. */
static void
limit__large_file__refused_unread(void **state)
{
	struct infdiag_error	 err;
	char			 path[] = "/tmp/test_load.XXXXXX";
	int			 fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 1001), 0);
	close(fd);
	assert_null(load_file_max(path, 1000, INFDIAG_INPUT_JSON, &err));
	assert_int_equal(err.status, INFDIAG_EIO);
	assert_string_equal(err.text, "cannot read: the model is larger than "
	    "1000 bytes, the most infdiag reads");
	unlink(path);
}

/* jansson reports some of its allocation failures as syntax errors
 * ("string or '}' expected"); with its allocations failing too, a syntax
 * error is taken as a clean failure. */
static int	alloc_jansson;

/* Installs the failing allocator, failing nothing yet. */
static int
failing_alloc_setup(void **state)
{
	(void)state;
	alloc_jansson = 0;
	failing_alloc_install();
	return 0;
}

/* Gives the library and jansson their allocators back. */
static int
failing_alloc_teardown(void **state)
{
	(void)state;
	failing_alloc_remove();
	return 0;
}

/*
 * Loads json with the N-th allocation failing, for N = 1, 2, ... until
 * no allocation fails.  Each failure must end in "out of memory", or (when
 * the allocation was not needed after all, like the JSON path's buffer on
 * the way to a valid model) in the outcome of a plain load: the model, or
 * the model's own error want_error.  Nothing may leak.  Returns how many
 * allocations the plain load made.
 */
static long
load_failing_each_allocation(const char *json, const char *want_error)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	char			 buf[1024];
	long			 n;

	for (n = 1; ; n++) {
		failing_alloc.calls = 0;
		failing_alloc.fail_at = n;
		m = load(json, &err);
		failing_alloc.fail_at = 0;
		if (m != NULL) {
			assert_null(want_error);
			assert_int_equal(err.status, INFDIAG_OK);
			infdiag_model_free(m);
		} else if (err.status == INFDIAG_ENOMEM) {
			assert_true(n <= failing_alloc.calls);
			assert_string_equal(err.text, "out of memory");
			assert_string_equal(err.path, "");
			assert_int_equal(err.line, 0);
		} else if (alloc_jansson && n <= failing_alloc.calls &&
		    err.status == INFDIAG_EMODEL && err.line > 0) {
			assert_true(err.text[0] != '\0');
		} else {
			infdiag_error_format(&err, buf, sizeof(buf));
			if (want_error == NULL)
				print_error("N = %ld: %s\n", n, buf);
			assert_non_null(want_error);
			assert_string_equal(buf, want_error);
		}
		assert_int_equal(failing_alloc.live, 0);
		if (n > failing_alloc.calls)
			return failing_alloc.calls;
		assert_true(n < 100000);
	}
}

static void
alloc__each_failure__is_out_of_memory_and_leaks_nothing(void **state)
{
	long	n;

	(void)state;
	n = load_failing_each_allocation(all_keys, NULL);
	assert_true(n > 10);
}

static void
alloc__failures_with_warnings__leak_nothing(void **state)
{
	(void)state;
	load_failing_each_allocation("{\"variables\": {\"x\": [], \"w\": [],"
	    " \"v\": [], \"y\": {\"inputs\": [\"x\", \"w\", \"v\"],"
	    " \"expr\": \"2 * w\"}}}", NULL);
}

static void
alloc__failures_in_invalid_models__leak_nothing(void **state)
{
	(void)state;
	load_failing_each_allocation("{\"variables\": {\"b\": [\"a\", \"d\"],"
	    " \"c\": [\"b\"], \"d\": [\"c\"], \"a\": []}}",
	    "t.json: variables: cycle: b -> c -> d -> b");
	load_failing_each_allocation("{\"variables\": {\"x\": [],"
	    " \"y\": {\"expr\": \"x + z\"}}}",
	    "t.json: variables.y.expr: column 5: unknown variable \"z\"");
	load_failing_each_allocation("{\"variables\": {\"x\": [],"
	    " \"y\": {\"expr\": \"x + sin(\"}}}",
	    "t.json: variables.y.expr: column 9: expected an operand after "
	    "'('");
	load_failing_each_allocation("{\"variables\": {\"x\": []},"
	    " \"wrt\": [\"x\", \"q\"]}", "t.json: wrt[1]: unknown variable "
	    "\"q\"");
	load_failing_each_allocation("{\"variables\": {\"x\": {\"typo\": 1}}}",
	    "t.json: variables.x.typo: unknown key \"typo\" (the keys are "
	    "inputs, expr, value, partials, shape, fn, latex, label, "
	    "description)");
}

/* Loads text in the format its source's suffix names, failing each
 * allocation in turn: each run gives the model, "out of memory" or the
 * wanted error, and leaks nothing. */
static void
read_failing_each_allocation(const char *text, const char *source,
    const char *want_error)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	char			 buf[1024];
	long			 n;

	for (n = 1; ; n++) {
		failing_alloc.calls = 0;
		failing_alloc.fail_at = n;
		m = infdiag_model_load_buffer_as(text, strlen(text), source,
		    INFDIAG_INPUT_AUTO, &err);
		failing_alloc.fail_at = 0;
		if (m != NULL) {
			assert_null(want_error);
			infdiag_model_free(m);
		} else if (err.status == INFDIAG_ENOMEM)
			assert_string_equal(err.text, "out of memory");
		else {
			infdiag_error_format(&err, buf, sizeof(buf));
			if (want_error == NULL || strcmp(buf, want_error) != 0)
				print_error("N = %ld: %s\n", n, buf);
			assert_non_null(want_error);
			assert_string_equal(buf, want_error);
		}
		assert_int_equal(failing_alloc.live, 0);
		if (n > failing_alloc.calls)
			return;
		assert_true(n < 100000);
	}
}

static void
alloc__readers_failures__leak_nothing(void **state)
{
	(void)state;
	read_failing_each_allocation("title: t\nx = 2\ny\nz = f(x, y)\n"
	    "w = x*z + sin(y)\nof: w\nwrt: x, y\n", "t.eq", NULL);
	read_failing_each_allocation("m = 2\nv = 3\nK = m*vv^2/2\n", "t.eq",
	    "t.eq:3:7: unknown variable \"vv\" (did you mean \"v\"?)");
	read_failing_each_allocation("dag { \"a b\" [exposure] c [o]\n"
	    " \"a b\" -> {c d} <- 1\n bb=\"0,0\" }", "t.dagitty", NULL);
	read_failing_each_allocation("dag { x -> y -> x }", "t.dagitty",
	    "t.dagitty:1:7: cycle: x -> y -> x");
	read_failing_each_allocation("digraph { graph [of=y, wrt=\"a, b\"]\n"
	    " a [value=1]; b [value=2]; y [expr=\"a*b\"]; a -> y; b -> y }",
	    "t.dot", NULL);
	read_failing_each_allocation("digraph {\n a -> }", "t.dot",
	    "t.dot:2:7: syntax error near '}'");
}

/* Each reader gives the model the JSON document gives, and places its
 * errors at line:column with the JSON reasons. */
static void
readers__each_format__same_model_as_json(void **state)
{
	static const char *const	 texts[][2] = {
		{ "x = 2\ny = 3\nt = x\nf = 4*pi/3*t*x*y\nof: f\n", "e.eq" },
		{ "digraph { graph [of=f]; x [value=2]; y [value=3];"
		    " t [expr=x]; f [expr=\"4*pi/3*t*x*y\"];"
		    " x -> t; t -> f; x -> f; y -> f }", "e.gv" },
	};
	struct infdiag_error	 err;
	struct infdiag_model	*json, *m;
	const uint32_t		*a, *b;
	uint32_t		 v, n;
	size_t			 i;

	(void)state;
	json = load("{\"variables\": {\"x\": {\"value\": 2}, \"y\": "
	    "{\"value\": 3}, \"t\": {\"expr\": \"x\"}, \"f\": {\"expr\": "
	    "\"4*pi/3*t*x*y\"}}, \"of\": \"f\"}", &err);
	assert_non_null(json);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		m = infdiag_model_load_buffer_as(texts[i][0],
		    strlen(texts[i][0]), texts[i][1], INFDIAG_INPUT_AUTO, &err);
		assert_non_null(m);
		assert_int_equal(infdiag_model_count(m),
		    infdiag_model_count(json));
		assert_int_equal(infdiag_model_of(m), infdiag_model_of(json));
		for (v = 0; v < infdiag_model_count(m); v++) {
			assert_string_equal(infdiag_var_name(m, v),
			    infdiag_var_name(json, v));
			n = infdiag_var_inputs(m, v, &a);
			assert_int_equal(n, infdiag_var_inputs(json, v, &b));
			assert_memory_equal(a, b, n * sizeof(*a));
		}
		infdiag_model_free(m);
	}
	infdiag_model_free(json);
}

/* Without --from or a suffix, the first word tells the format. */
static void
readers__format__by_content(void **state)
{
	static const struct {
		const char		*text;
		enum infdiag_input	 in;
	} cases[] = {
		{ "dag { x -> y }", INFDIAG_INPUT_DAGITTY },
		{ "dag{x->y}", INFDIAG_INPUT_DAGITTY },
		{ "  digraph { }", INFDIAG_INPUT_DOT },
		{ "Strict Digraph {}", INFDIAG_INPUT_DOT },
		{ "/* c */ digraph {}", INFDIAG_INPUT_DOT },
		{ "# notes\nx = 1", INFDIAG_INPUT_EQ },
		{ "x = 1", INFDIAG_INPUT_EQ },
		{ "x\ny = 2*x", INFDIAG_INPUT_EQ },
		{ "of: y", INFDIAG_INPUT_EQ },
		{ "{\"variables\": {}}", INFDIAG_INPUT_JSON },
		{ "", INFDIAG_INPUT_JSON },
		{ "dagger -> y", INFDIAG_INPUT_JSON },
		{ "[1]", INFDIAG_INPUT_JSON },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (read_format_by_content(cases[i].text,
		    strlen(cases[i].text)) != cases[i].in) {
			print_error("%s\n", cases[i].text);
			fail();
		}
	}
	assert_int_equal(read_format_by_name("a/b.gv"), INFDIAG_INPUT_DOT);
	assert_int_equal(read_format_by_name("a.eq/b"), INFDIAG_INPUT_AUTO);
	assert_int_equal(read_format_by_name("m.dagitty"),
	    INFDIAG_INPUT_DAGITTY);
}

/* A file name's control characters are escaped once, for every message
 * that begins with it (SPEC 5.1). */
static void
error__source_with_controls__is_escaped(void **state)
{
	struct infdiag_error	err;
	char			line[512];

	(void)state;
	error_init(&err, "a\033[2Jb\r.json");
	error_set(&err, INFDIAG_EIO, NULL, "cannot open");
	infdiag_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "a\\u001b[2Jb\\r.json: cannot open");
}

/* infdiag_quote(): controls (C0, C1) and direction overrides escaped,
 * quotes too when quoted, cut after max characters with "...", and a
 * buffer too small still ends in NUL. */
static void
quote__controls_quotes_and_length__escaped_and_cut(void **state)
{
	char	buf[INFDIAG_QUOTE_SIZE(8)], tiny[4];

	(void)state;
	assert_string_equal(infdiag_quote(buf, sizeof(buf),
	    "\033]52;c;\a", 8, 0), "\\u001b]52;c;\\u0007");
	assert_string_equal(infdiag_quote(buf, sizeof(buf),
	    "a\"b\xc2\x9b\xe2\x80\xae", 8, 1),
	    "\"a\\\"b\\u009b\\u202e\"");
	assert_string_equal(infdiag_quote(buf, sizeof(buf), "abcdefghijk", 8,
	    0), "abcdefgh...");
	assert_string_equal(infdiag_quote(buf, sizeof(buf), "a\xff" "b", 8, 0),
	    "a\\xffb");
	infdiag_quote(tiny, sizeof(tiny), "abcdefgh", 8, 0);
	assert_true(strlen(tiny) < sizeof(tiny));
}

/* escape_text(): newlines and tabs stay, every other control is shown. */
static void
escape_text__lines_and_tabs__kept(void **state)
{
	struct strbuf	sb = STRBUF_INIT;
	const char	s[] = "a\nb\tc\rd\033e\xc2\x85" "f\x7f";

	(void)state;
	escape_text(&sb, s, sizeof(s) - 1);
	assert_string_equal(strbuf_str(&sb),
	    "a\nb\tc\\rd\\u001be\\u0085f\\u007f");
	strbuf_release(&sb);
}

/* jansson's own allocations too, as infdiag_set_alloc_funcs() promises. */
static void
alloc__jansson_failures__are_out_of_memory(void **state)
{
	(void)state;
	json_set_alloc_funcs(failing_malloc, failing_free);
	alloc_jansson = 1;
	load_failing_each_allocation(all_keys, NULL);
	load_failing_each_allocation("{\"variables\": {\"x\": [\"y\"],"
	    " \"y\": [\"x\"]}}", "t.json: variables: cycle: x -> y -> x");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load__chain__numbers_in_declaration_order),
		cmocka_unit_test(
		    load__declared_backwards__adjacency_both_ways),
		cmocka_unit_test(
		load__consumers__listed_in_declaration_order_not_input_order),
		cmocka_unit_test(lookup__names__exact_match_only),
		cmocka_unit_test(
		    lookup__names_around_8_bytes__exact_match_only),
		cmocka_unit_test(lookup__thousand_names__finds_each),
		cmocka_unit_test(
		    expr__no_inputs__infers_them_in_order_of_first_use),
		cmocka_unit_test(expr__declared_inputs__keeps_declared_order),
		cmocka_unit_test(
		    expr__constant_without_inputs__is_independent),
		cmocka_unit_test(warnings__unused_inputs__one_line_each),
		cmocka_unit_test(all_keys__every_value__is_kept),
		cmocka_unit_test(shorthand__no_extra_keys__has_no_extra),
		cmocka_unit_test(buffer__length__bounds_the_document),
		cmocka_unit_test(error__unknown_input__fills_path_and_text),
		cmocka_unit_test(error__syntax__fills_line_and_column),
		cmocka_unit_test(error__cycle__path_is_variables),
		cmocka_unit_test(error__no_path__formats_source_and_text),
		cmocka_unit_test(
		   error_format__small_buffer__cuts_and_returns_needed_length),
		cmocka_unit_test(error_format__no_source__says_infdiag),
		cmocka_unit_test(error__long_source__is_cut_to_fit),
		cmocka_unit_test(error__long_text__is_cut_with_dots),
		cmocka_unit_test(error__null_error__still_returns_null),
		cmocka_unit_test(error__messages__name_the_place),
		cmocka_unit_test(error__source_with_controls__is_escaped),
		cmocka_unit_test(
		    quote__controls_quotes_and_length__escaped_and_cut),
		cmocka_unit_test(escape_text__lines_and_tabs__kept),
		cmocka_unit_test(free__null__is_a_no_op),
		cmocka_unit_test(load_file__missing__fails_with_eio),
		cmocka_unit_test(load_file__directory__fails_with_eio),
		cmocka_unit_test(load_file__real_file__names_it_as_given),
		cmocka_unit_test(latex__allow_list__accepts_symbols),
		cmocka_unit_test(latex__allow_list__refuses_each_way_out),
		cmocka_unit_test(latex__deep_braces__refused_past_the_limit),
		cmocka_unit_test(latex__in_a_model__names_the_key),
		cmocka_unit_test(bom__at_the_start__is_skipped),
		cmocka_unit_test(limit__long_stream__refused_at_the_limit),
		cmocka_unit_test(limit__large_file__refused_unread),
		cmocka_unit_test_setup_teardown(
		    alloc__each_failure__is_out_of_memory_and_leaks_nothing,
		    failing_alloc_setup, failing_alloc_teardown),
		cmocka_unit_test_setup_teardown(
		    alloc__failures_with_warnings__leak_nothing,
		    failing_alloc_setup, failing_alloc_teardown),
		cmocka_unit_test_setup_teardown(
		    alloc__failures_in_invalid_models__leak_nothing,
		    failing_alloc_setup, failing_alloc_teardown),
		cmocka_unit_test_setup_teardown(
		    alloc__jansson_failures__are_out_of_memory,
		    failing_alloc_setup, failing_alloc_teardown),
		cmocka_unit_test_setup_teardown(
		    alloc__readers_failures__leak_nothing,
		    failing_alloc_setup, failing_alloc_teardown),
		cmocka_unit_test(readers__each_format__same_model_as_json),
		cmocka_unit_test(readers__format__by_content),
	};

	return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
