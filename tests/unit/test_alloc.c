/*
 * Unit tests of the allocation seam (src/alloc.c): the arena a document is
 * read into, and how it lives beside a program that uses jansson too — its
 * own values untouched by a load, its own allocator honoured, a load on
 * each of two threads at once.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util.h"

#include "infdiag.h"
#include "alloc.h"

/* A model with enough values to fill several of the arena's chunks. */
static char *
big_model(size_t n)
{
	json_t	*vars = json_object(), *doc;
	char	 name[32], prev[32];
	char	*text;
	size_t	 i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "v%zu", i);
		if (i == 0)
			json_object_set_new(vars, name, json_object());
		else
			json_object_set_new(vars, name,
			    json_pack("{s:[s], s:s}", "inputs", prev,
			    "description", "a variable with a description"));
		memcpy(prev, name, sizeof(prev));
	}
	doc = json_pack("{s:o}", "variables", vars);
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return text;
}

/* Loads text and checks the model's size and its last variable's name. */
static void
load_and_check(const char *text, size_t n)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	char			 last[32];

	m = infdiag_model_load_buffer(text, strlen(text), "big.json", &err);
	assert_non_null(m);
	assert_int_equal(infdiag_model_count(m), n);
	snprintf(last, sizeof(last), "v%zu", n - 1);
	assert_string_equal(infdiag_var_name(m, (uint32_t)(n - 1)), last);
	infdiag_model_free(m);
}

/* A value the program made with jansson before a load stays whole after
 * it, and can be changed and freed as usual. */
static void
arena__program_values__survive_a_load(void **state)
{
	json_t	*mine = json_pack("{s:[i,i,i], s:s}", "a", 1, 2, 3, "b",
		    "kept");
	char	*text = big_model(5000);

	(void)state;
	load_and_check(text, 5000);
	assert_int_equal(json_integer_value(json_array_get(
	    json_object_get(mine, "a"), 2)), 3);
	assert_string_equal(json_string_value(json_object_get(mine, "b")),
	    "kept");
	json_object_set_new(mine, "c", json_string("after"));
	json_decref(mine);
	free(text);
}

static size_t	counted_mallocs;	/* by the program's own allocator */

/* The program's own jansson allocator: counts, then malloc. */
static void *
counting_malloc(size_t size)
{
	counted_mallocs++;
	return malloc(size);
}

/* A program that gives jansson its own allocator after libinfdiag has
 * loaded once: its allocator is used for its values, and loading still
 * works (without an arena) and frees the document. */
static void
arena__program_allocator__honoured(void **state)
{
	json_malloc_t	 old_m;
	json_free_t	 old_f;
	json_t		*mine;
	char		*text = big_model(2000);

	(void)state;
	load_and_check(text, 2000);
	json_get_alloc_funcs(&old_m, &old_f);
	json_set_alloc_funcs(counting_malloc, free);
	counted_mallocs = 0;
	mine = json_string("the program's");
	assert_true(counted_mallocs > 0);
	load_and_check(text, 2000);
	assert_true(counted_mallocs > 2000);
	json_decref(mine);
	json_set_alloc_funcs(old_m, old_f);
	load_and_check(text, 2000);
	free(text);
}

/* A thread's load: the text in, 0 out when the model was right. */
static void *
load_thread(void *arg)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	const char		*text = arg;
	uintptr_t		 bad = 0;
	int			 i;

	for (i = 0; i < 5; i++) {
		m = infdiag_model_load_buffer(text, strlen(text), "t.json",
		    &err);
		if (m == NULL || infdiag_model_count(m) != 3000)
			bad = 1;
		infdiag_model_free(m);
	}
	return (void *)bad;
}

/* Two threads loading at once each read into their own arena. */
static void
arena__two_threads__each_loads_its_model(void **state)
{
	pthread_t	 t1, t2;
	void		*r1, *r2;
	char		*text = big_model(3000);

	(void)state;
	assert_int_equal(pthread_create(&t1, NULL, load_thread, text), 0);
	assert_int_equal(pthread_create(&t2, NULL, load_thread, text), 0);
	assert_int_equal(pthread_join(t1, &r1), 0);
	assert_int_equal(pthread_join(t2, &r2), 0);
	assert_null(r1);
	assert_null(r2);
	free(text);
}

/* A syntax error half-way through a big document ends the arena: the
 * next load starts afresh and succeeds. */
static void
arena__syntax_error__next_load_works(void **state)
{
	struct infdiag_error	 err;
	char			*text = big_model(4000);
	size_t			 len = strlen(text);

	(void)state;
	assert_null(infdiag_model_load_buffer(text, len / 2, "cut.json",
	    &err));
	assert_int_equal(err.status, INFDIAG_EMODEL);
	load_and_check(text, 4000);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena__program_values__survive_a_load),
		cmocka_unit_test(arena__program_allocator__honoured),
		cmocka_unit_test(arena__two_threads__each_loads_its_model),
		cmocka_unit_test(arena__syntax_error__next_load_works),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
