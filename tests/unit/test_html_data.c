/*
 * Unit tests of the report's what-if data (src/write_html_data.c): the
 * trees written are the parsed expression and expr_derive_all()'s local
 * derivatives, each shared node once; the paths are the listed ones, by
 * arrow; and nothing in it can close its <script> element.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util.h"

#include "infdiag.h"
#include "analysis.h"
#include "model.h"
#include "write_html.h"
#include "writer.h"

static const char ellipsoid[] =
    "{\"variables\": {\"x\": {\"value\": 2}, \"y\": {\"value\": 3},"
    " \"t\": {\"expr\": \"x\"},"
    " \"f\": {\"inputs\": [\"t\", \"x\", \"y\"], \"expr\": \"4*pi/3*t*x*y\"}},"
    " \"of\": \"f\", \"wrt\": \"x\"}";

/* Writes the data of a model analysed with numbers into a new string. */
static char *
data_of(const char *json, size_t max_paths)
{
	struct infdiag_query	 q = { .max_paths = max_paths, .numbers = 1 };
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	struct writer		 w;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*fp;

	m = infdiag_model_load_buffer(json, strlen(json), "t.json", &err);
	assert_non_null(m);
	a = infdiag_analyze(m, &q, &err);
	assert_non_null(a);
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	writer_begin(&w, a, fp, STYLE_TEXT);
	assert_int_equal(html_data_write(&w), 0);
	assert_int_equal(writer_end(&w), 0);
	assert_int_equal(fclose(fp), 0);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
	return buf;
}

/* The JSON inside the element, parsed. */
static json_t *
parse(const char *html)
{
	const char	*open = "<script type=\"application/json\" "
			    "id=\"infdiag-data\">";
	const char	*end;
	json_t		*j;

	assert_true(strncmp(html, open, strlen(open)) == 0);
	end = strstr(html, "</script>");
	assert_non_null(end);
	/* Nothing before the end can close the element. */
	assert_null(memchr(html + strlen(open), '<', end - html -
	    strlen(open)));
	assert_string_equal(end, "</script>\n");
	j = json_loadb(html + strlen(open), end - html - strlen(open), 0,
	    NULL);
	assert_non_null(j);
	return j;
}

static void
ellipsoid__data__has_the_trees_and_paths(void **state)
{
	char	*html = data_of(ellipsoid, 100);
	json_t	*j = parse(html), *f, *nodes, *d, *paths;
	size_t	 i, k;

	(void)state;
	assert_int_equal(json_integer_value(json_object_get(j, "of")), 3);
	f = json_array_get(json_object_get(j, "vars"), 3);
	assert_string_equal(json_string_value(json_object_get(f, "name")),
	    "f");
	nodes = json_object_get(f, "nodes");
	/* 4*pi/3*t*x*y: a product of six, divided by the third. */
	assert_string_equal(json_string_value(json_array_get(json_array_get(
	    nodes, json_integer_value(json_object_get(f, "expr"))), 0)),
	    "prod");
	d = json_object_get(f, "d");
	assert_int_equal(json_array_size(d), 3);
	/* Each node once: pi is shared by the expression and the three
	 * derivatives. */
	for (i = k = 0; i < json_array_size(nodes); i++)
		k += strcmp(json_string_value(json_array_get(json_array_get(
		    nodes, i), 0)), "pi") == 0;
	assert_int_equal(k, 1);
	/* An independent variable has its value and no trees. */
	assert_true(json_number_value(json_object_get(json_array_get(
	    json_object_get(j, "vars"), 0), "value")) == 2);
	assert_null(json_object_get(json_array_get(json_object_get(j, "vars"),
	    0), "nodes"));
	/* Paths x -> f (arrow 2: f's second input) and x -> t -> f (arrows
	 * 0 then 1). */
	paths = json_object_get(json_array_get(json_object_get(j, "derivs"), 0),
	    "paths");
	assert_int_equal(json_array_size(paths), 2);
	assert_int_equal(json_integer_value(json_array_get(json_array_get(
	    paths, 0), 0)), 2);
	assert_int_equal(json_integer_value(json_array_get(json_array_get(
	    paths, 1), 0)), 0);
	assert_int_equal(json_integer_value(json_array_get(json_array_get(
	    paths, 1), 1)), 1);
	json_decref(j);
	free(html);
}

static void
paths__max_paths__limits_the_listed_ones(void **state)
{
	char	*html = data_of(ellipsoid, 1);
	json_t	*j = parse(html);

	(void)state;
	assert_int_equal(json_array_size(json_object_get(json_array_get(
	    json_object_get(j, "derivs"), 0), "paths")), 1);
	json_decref(j);
	free(html);
}

static void
relu__derivative__is_written_as_heaviside(void **state)
{
	static const char model[] =
	    "{\"variables\": {\"x\": {\"value\": 0},"
	    " \"y\": {\"expr\": \"relu(x) + 0.1 * x\"}}}";
	char	*html = data_of(model, 100);

	(void)state;
	/* relu' is H, with H(0) = 1/2, and the number keeps its digits. */
	assert_non_null(strstr(html, "[\"heaviside\",0]"));
	assert_non_null(strstr(html, "[\"num\",0.10000000000000001]"));
	json_decref(parse(html));
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ellipsoid__data__has_the_trees_and_paths),
		cmocka_unit_test(paths__max_paths__limits_the_listed_ones),
		cmocka_unit_test(relu__derivative__is_written_as_heaviside),
	};

	return cmocka_run_group_tests_name("html_data", tests, NULL, NULL);
}
