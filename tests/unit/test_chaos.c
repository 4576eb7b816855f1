/*
 * Allocation failure through the whole pipeline, as jansson's test_chaos
 * does it: an allocator that fails its N-th call, for N = 1, 2, ... until
 * a run makes no more allocations than N.  Each run loads a model,
 * analyses it with the numbers and writes it in several formats and
 * views; each must end in a clean INFDIAG_ENOMEM, or (when the failed
 * allocation had a way round it) in exactly the output of a run with no
 * failure, byte for byte.  Nothing may crash, and every block handed out
 * must come back.
 *
 * GMP (exact path counts) and Graphviz (DOT) allocate with their own
 * allocators, outside the failing one's reach: GMP aborts on failure, a
 * documented limitation.  The IDs of the diagrams' graphs (gv_ids.c) are
 * the exception: their table uses ours, and its failure fails the
 * diagram.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "infdiag.h"

/* One model and what to do with it. */
struct chaos_case {
	const char		*json;
	const char		*of;
	const char *const	*wrt;
	size_t			 nwrt;
	int			 numbers;
	/* Each output: a part in a format with flags, or (part < 0) a DOT
	 * view. */
	struct {
		int			 part;
		enum infdiag_format	 format;
		unsigned		 flags;
		enum infdiag_view	 view;
	}			 out[8];
	size_t			 nout;
};

/* What one run of the pipeline gives. */
struct chaos_run {
	int			 failed;	/* a step returned an error */
	struct infdiag_error	 err;
	char			*text;		/* every output, one after another */
	size_t			 len;
};

/* Installs the failing allocator, failing nothing yet. */
static int
chaos_setup(void **state)
{
	(void)state;
	failing_alloc_install();
	return 0;
}

/* Gives the library its allocator back. */
static int
chaos_teardown(void **state)
{
	(void)state;
	failing_alloc_remove();
	return 0;
}

/* Writes every output of the case into fp; 0, or -1 with err set. */
static int
write_outputs(const struct chaos_case *c, const struct infdiag_analysis *an,
    FILE *fp, struct infdiag_error *err)
{
	size_t	i;
	int	rc;

	for (i = 0; i < c->nout; i++) {
		if (c->out[i].part < 0)
			rc = infdiag_write_dot(an, c->out[i].view, fp, err);
		else
			rc = infdiag_write(an, (enum infdiag_part)c->out[i].part,
			    c->out[i].format, c->out[i].flags, fp, err);
		if (rc != 0)
			return -1;
		fputs("\n----\n", fp);
	}
	return 0;
}

/* Runs the pipeline once: load, analyse, write.  The output is kept in
 * r->text (the C library's memory, not the failing allocator's). */
static void
run_pipeline(const struct chaos_case *c, struct chaos_run *r)
{
	struct infdiag_query	 q = { c->of, c->wrt, c->nwrt, 2, c->numbers };
	struct infdiag_model	*m;
	struct infdiag_analysis	*an = NULL;
	FILE			*fp;

	memset(r, 0, sizeof(*r));
	fp = open_memstream(&r->text, &r->len);
	assert_non_null(fp);
	m = infdiag_model_load_buffer(c->json, strlen(c->json), "chaos.json",
	    &r->err);
	if (m == NULL || (an = infdiag_analyze(m, &q, &r->err)) == NULL ||
	    write_outputs(c, an, fp, &r->err) != 0)
		r->failed = 1;
	infdiag_analysis_free(an);
	infdiag_model_free(m);
	assert_int_equal(fclose(fp), 0);
}

/*
 * Runs the case with no failure, then with the N-th allocation failing for
 * every N the plain run reaches.  Returns the number of allocations the
 * plain run made.
 */
static long
run_failing_each_allocation(const struct chaos_case *c)
{
	struct chaos_run	 want, got;
	char			 msg[1024];
	long			 n, total;

	failing_alloc.calls = failing_alloc.fail_at = 0;
	run_pipeline(c, &want);
	if (want.failed) {
		infdiag_error_format(&want.err, msg, sizeof(msg));
		fail_msg("the case fails without any allocation failing: %s",
		    msg);
	}
	assert_int_equal(failing_alloc.live, 0);
	total = failing_alloc.calls;
	assert_true(total > 0);
	for (n = 1; n <= total; n++) {
		failing_alloc.calls = 0;
		failing_alloc.fail_at = n;
		run_pipeline(c, &got);
		failing_alloc.fail_at = 0;
		if (failing_alloc.live != 0)
			fail_msg("allocation %ld of %ld failing leaks %ld blocks",
			    n, total, failing_alloc.live);
		if (got.failed) {
			if (got.err.status != INFDIAG_ENOMEM) {
				infdiag_error_format(&got.err, msg, sizeof(msg));
				fail_msg("allocation %ld of %ld failing gives "
				    "status %d, not out of memory: %s", n, total,
				    (int)got.err.status, msg);
			}
			assert_true(got.err.text[0] != '\0');
		} else if (got.len != want.len ||
		    memcmp(got.text, want.text, want.len) != 0) {
			fail_msg("allocation %ld of %ld failing changes the "
			    "output without an error", n, total);
		}
		free(got.text);
	}
	free(want.text);
	return total;
}

/* The ellipsoid of SPEC 1 grown a little: expressions with functions and
 * constants, values, a variable used twice, a dependent used by two. */
static const char expr_model[] =
    "{\n"
    "  \"title\": \"Chaos: f(t, x, y) with t = x\",\n"
    "  \"description\": \"Every stage allocates.\",\n"
    "  \"variables\": {\n"
    "    \"x\": {\"value\": 2, \"latex\": \"x_{0}\"},\n"
    "    \"y\": {\"value\": 3, \"label\": \"input y\"},\n"
    "    \"t\": {\"expr\": \"x\"},\n"
    "    \"s\": {\"expr\": \"sigmoid(t*y) + log(x)\", \"fn\": \"s\"},\n"
    "    \"f\": {\"inputs\": [\"t\", \"x\", \"y\", \"s\"],\n"
    "      \"expr\": \"4*pi/3*t*x*y + sin(s)^2 - sqrt(y)/t\"}\n"
    "  },\n"
    "  \"of\": \"f\",\n"
    "  \"wrt\": [\"x\", \"y\"]\n"
    "}\n";

/* Example 3 with the values of its local derivatives. */
static const char partials_model[] =
    "{\n"
    "  \"variables\": {\n"
    "    \"x\": {},\n"
    "    \"g\": {\"inputs\": [\"x\"], \"partials\": {\"x\": 2}},\n"
    "    \"h\": {\"inputs\": [\"g\", \"x\"], \"partials\": {\"g\": -1,\n"
    "      \"x\": 0.5}},\n"
    "    \"y\": {\"inputs\": [\"x\", \"g\", \"h\"], \"fn\": \"f\",\n"
    "      \"partials\": {\"x\": 1, \"g\": 3, \"h\": 4}}\n"
    "  }\n"
    "}\n";

/* Shapes: Jacobians of every size, no numbers. */
static const char vector_model[] =
    "{\n"
    "  \"variables\": {\n"
    "    \"x\": {\"shape\": [3]},\n"
    "    \"W\": {\"shape\": [2, 3]},\n"
    "    \"h\": {\"inputs\": [\"W\", \"x\"], \"shape\": [2]},\n"
    "    \"y\": {\"inputs\": [\"h\", \"x\"], \"fn\": \"f\"}\n"
    "  },\n"
    "  \"of\": \"y\"\n"
    "}\n";

/* Numbers that are not finite: an undefined value, a local derivative
 * no requested derivative needs, an accumulation that overflows. */
static const char hostile_numbers_model[] =
    "{\"variables\": {\"x\": {\"value\": -2}, \"y\": {\"value\": 3},"
    " \"a\": {\"expr\": \"x^y\"}, \"b\": {\"expr\": \"log(y - 3)\"},"
    " \"c\": {\"inputs\": [\"a\", \"b\"], \"expr\": \"1e200*a\"},"
    " \"d\": {\"inputs\": [\"c\"], \"partials\": {\"c\": 1e200}}},"
    " \"of\": \"d\", \"wrt\": [\"x\", \"y\"]}";

#define PART(p, f, fl)	{ INFDIAG_PART_ ## p, INFDIAG_FORMAT_ ## f, fl, 0 }
#define VIEW(v)		{ -1, 0, 0, INFDIAG_VIEW_ ## v }

static void
chaos__expressions_with_numbers__fail_cleanly_and_leak_nothing(void **state)
{
	static const struct chaos_case c = {
		expr_model, NULL, NULL, 0, 1, {
			PART(ANALYSIS, JSON, 0),
			PART(ANALYSIS, TEXT, 0),
			PART(EVAL, TEXT, INFDIAG_WRITE_ASCII),
			VIEW(FULL),
			VIEW(PATHS),
		}, 5
	};

	(void)state;
	/* Enough to know the loop went through every stage. */
	assert_true(run_failing_each_allocation(&c) > 100);
}

static void
chaos__partials_in_every_format__fail_cleanly_and_leak_nothing(void **state)
{
	static const char *const wrt[] = { "x" };
	static const struct chaos_case c = {
		partials_model, "y", wrt, 1, 1, {
			PART(ANALYSIS, LATEX, 0),
			PART(ANALYSIS, MARKDOWN, INFDIAG_WRITE_EXPLAIN),
			PART(ANALYSIS, TEXT, INFDIAG_WRITE_EXPLAIN),
			PART(PATHS, JSON, 0),
			PART(FORMULA, MARKDOWN, 0),
			VIEW(PARTIAL),
			VIEW(DECOMPOSITION),
		}, 7
	};

	(void)state;
	assert_true(run_failing_each_allocation(&c) > 50);
}

static void
chaos__vectors_without_numbers__fail_cleanly_and_leak_nothing(void **state)
{
	static const struct chaos_case c = {
		vector_model, NULL, NULL, 0, 0, {
			PART(ANALYSIS, TEXT, 0),
			PART(ANALYSIS, JSON, 0),
			PART(FORMULA, LATEX, 0),
			VIEW(FULL),
		}, 4
	};

	(void)state;
	assert_true(run_failing_each_allocation(&c) > 50);
}

static void
chaos__numbers_not_finite__fail_cleanly_and_leak_nothing(void **state)
{
	static const struct chaos_case c = {
		hostile_numbers_model, NULL, NULL, 0, 1, {
			PART(ANALYSIS, JSON, 0),
			PART(EVAL, TEXT, 0),
			PART(ANALYSIS, LATEX, 0),
			VIEW(FULL),
		}, 4
	};

	(void)state;
	assert_true(run_failing_each_allocation(&c) > 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    chaos__expressions_with_numbers__fail_cleanly_and_leak_nothing,
		    chaos_setup, chaos_teardown),
		cmocka_unit_test_setup_teardown(
		    chaos__partials_in_every_format__fail_cleanly_and_leak_nothing,
		    chaos_setup, chaos_teardown),
		cmocka_unit_test_setup_teardown(
		    chaos__vectors_without_numbers__fail_cleanly_and_leak_nothing,
		    chaos_setup, chaos_teardown),
		cmocka_unit_test_setup_teardown(
		    chaos__numbers_not_finite__fail_cleanly_and_leak_nothing,
		    chaos_setup, chaos_teardown),
	};

	return cmocka_run_group_tests_name("chaos", tests, NULL, NULL);
}
