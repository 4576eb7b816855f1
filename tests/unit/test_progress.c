/*
 * Unit tests of progress reporting: the meters of src/progress.h, and the
 * reports the hook of infdiag_set_progress() receives while a generated
 * model is read, loaded, ordered, analysed, listed and written: every run
 * of a stage monotonic, in range, few, and ending at its total; nothing
 * for small work, and nothing at all without a hook.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#include "infdiag.h"
#include "progress.h"

/* The generated model's size: big enough for every stage to report. */
#define NVARS		20000
/* The paths listed of it. */
#define LISTED		10000
/* The most reports kept. */
#define MAX_REPORTS	20000

/* One report the hook received. */
struct report {
	const char	*stage;
	uint64_t	 done;
	uint64_t	 total;
};

static struct report	reports[MAX_REPORTS];
static size_t		nreports;
static size_t		lost;		/* reports beyond MAX_REPORTS */
static int		hook_ctx;	/* its address is the hook's ctx */
static int		bad_ctx;	/* the hook saw another ctx */

/* The hook: keeps every report. */
static void
record(const char *stage, uint64_t done, uint64_t total, void *ctx)
{
	if (ctx != &hook_ctx)
		bad_ctx = 1;
	if (nreports == MAX_REPORTS) {
		lost++;
		return;
	}
	reports[nreports].stage = stage;
	reports[nreports].done = done;
	reports[nreports].total = total;
	nreports++;
}

/* A hook that clobbers errno, as one that prints may. */
static void
clobber_errno(const char *stage, uint64_t done, uint64_t total, void *ctx)
{
	record(stage, done, total, ctx);
	errno = EBADF;
}

/* Forgets the reports and sets the recording hook. */
static int
setup_hook(void **state)
{
	(void)state;
	nreports = lost = 0;
	bad_ctx = 0;
	infdiag_set_progress(record, &hook_ctx);
	return 0;
}

/* Removes the hook. */
static int
teardown_hook(void **state)
{
	(void)state;
	infdiag_set_progress(NULL, NULL);
	return 0;
}

/* What the runs of one stage came to. */
struct runs {
	size_t		count;		/* runs that ended */
	size_t		most;		/* reports in the longest run */
	uint64_t	last;		/* the last run's final done == total */
};

/*
 * Checks every run of a stage: a run begins at the stage's first report
 * after the last run ended; done never decreases, stays within a known
 * total, and the total does not change until the last report, the only
 * one with done == total.  Every run must have ended.
 */
static struct runs
check_stage(const char *stage)
{
	struct runs	 r = { 0, 0, 0 };
	uint64_t	 done = 0, total = 0;
	size_t		 i, n = 0;
	int		 open = 0;

	for (i = 0; i < nreports; i++) {
		if (strcmp(reports[i].stage, stage) != 0)
			continue;
		if (open) {
			assert_true(reports[i].done >= done);
			if (reports[i].done != reports[i].total)
				assert_true(reports[i].total == total);
		} else {
			open = 1;
			n = 0;
			total = reports[i].total;
		}
		n++;
		done = reports[i].done;
		if (reports[i].total != 0)
			assert_true(reports[i].done <= reports[i].total);
		if (reports[i].done == reports[i].total) {
			/* The last report: the total, or less for a run
			 * that stopped short or had no total. */
			if (total != 0)
				assert_true(reports[i].done <= total);
			assert_true(reports[i].done > 0);
			open = 0;
			r.count++;
			r.last = reports[i].done;
			if (n > r.most)
				r.most = n;
		} else if (reports[i].total == 0)
			assert_true(reports[i].done > 0);
	}
	assert_false(open);
	return r;
}

/* Says how many reports name the stage. */
static size_t
count_stage(const char *stage)
{
	size_t	i, n = 0;

	for (i = 0; i < nreports; i++)
		n += strcmp(reports[i].stage, stage) == 0;
	return n;
}

/* Writes the generated model to a temporary file and returns its size:
 * NVARS variables, v_i fed by v_(i-1) and v_(i/2), declared from the last
 * to the first so that ordering them is work.  With cycle set, v0 also
 * takes the last variable as its input. */
static long
write_model(char *path, int cycle)
{
	FILE	*fp;
	long	 i, size;
	int	 fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fprintf(fp, "{\"variables\": {\n");
	for (i = NVARS - 1; i >= 0; i--) {
		fprintf(fp, "\"v%ld\": [", i);
		if (i > 0)
			fprintf(fp, "\"v%ld\"", i - 1);
		if (i > 2)
			fprintf(fp, ", \"v%ld\"", i / 2);
		if (i == 0 && cycle)
			fprintf(fp, "\"v%d\"", NVARS - 1);
		fprintf(fp, "]%s\n", i > 0 ? "," : "");
	}
	fprintf(fp, "}, \"of\": \"v%d\", \"wrt\": \"v0\"}\n", NVARS - 1);
	size = ftell(fp);
	assert_int_equal(fclose(fp), 0);
	return size;
}

/* Loads, analyses and writes the paths of the generated model; returns
 * the bytes written. */
static long
run_pipeline(void)
{
	struct infdiag_query	 q = { .max_paths = LISTED };
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	char			 path[] = "/tmp/test_progress.XXXXXX";
	FILE			*out;
	long			 written;

	write_model(path, 0);
	m = infdiag_model_load_file(path, &err);
	unlink(path);
	assert_non_null(m);
	a = infdiag_analyze(m, &q, &err);
	assert_non_null(a);
	out = tmpfile();
	assert_non_null(out);
	assert_int_equal(infdiag_write(a, INFDIAG_PART_PATHS,
	    INFDIAG_FORMAT_TEXT, 0, out, &err), 0);
	written = ftell(out);
	fclose(out);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
	return written;
}

/*
 * The meters.
 */

static void
meter__known_total__zero_first_total_last_and_few(void **state)
{
	struct progress	p;
	uint64_t	i;

	(void)state;
	progress_begin(&p, "test", 1000000, PROGRESS_GRAIN);
	for (i = 0; i < 1000000; i++)
		progress_at(&p, i + 1);
	progress_end(&p, 1000000);
	assert_true(nreports >= 100 && nreports <= PROGRESS_REPORTS + 2);
	assert_int_equal(reports[0].done, 0);
	assert_int_equal(reports[0].total, 1000000);
	assert_int_equal(reports[nreports - 1].done, 1000000);
	assert_int_equal(reports[nreports - 1].total, 1000000);
	assert_int_equal(check_stage("test").count, 1);
	assert_false(bad_ctx);
}

static void
meter__total_below_grain__is_silent(void **state)
{
	struct progress	p;
	uint64_t	i;

	(void)state;
	progress_begin(&p, "test", PROGRESS_GRAIN - 1, PROGRESS_GRAIN);
	for (i = 0; i < PROGRESS_GRAIN - 1; i++)
		progress_at(&p, i + 1);
	progress_end(&p, PROGRESS_GRAIN - 1);
	assert_int_equal(nreports, 0);
}

static void
meter__unknown_total__silent_until_a_grain_then_done_of_done(void **state)
{
	struct progress	p;

	(void)state;
	progress_begin(&p, "small", 0, 100);
	progress_at(&p, 99);
	progress_end(&p, 99);
	assert_int_equal(nreports, 0);
	progress_begin(&p, "big", 0, 100);
	progress_at(&p, 50);
	progress_at(&p, 150);
	progress_at(&p, 200);
	progress_at(&p, 260);
	progress_end(&p, 270);
	assert_int_equal(nreports, 3);
	assert_int_equal(reports[0].done, 150);
	assert_int_equal(reports[0].total, 0);
	assert_int_equal(reports[1].done, 260);
	assert_int_equal(reports[2].done, 270);
	assert_int_equal(reports[2].total, 270);
}

static void
meter__stopped_short__ends_with_done_of_done(void **state)
{
	struct progress	p;
	uint64_t	i;

	(void)state;
	progress_begin(&p, "test", 10000, 1);
	for (i = 0; i < 5000; i++)
		progress_at(&p, i + 1);
	progress_end(&p, 5000);
	progress_end(&p, 6000);
	assert_int_equal(reports[nreports - 1].done, 5000);
	assert_int_equal(reports[nreports - 1].total, 5000);
	assert_int_equal(reports[nreports - 2].total, 10000);
	assert_int_equal(check_stage("test").count, 1);
}

static void
meter__reaching_total__ends_once(void **state)
{
	struct progress	p;

	(void)state;
	progress_begin(&p, "test", 10, 1);
	progress_at(&p, 10);
	progress_at(&p, 10);
	progress_end(&p, 10);
	assert_int_equal(nreports, 2);
	assert_int_equal(reports[1].done, 10);
	assert_int_equal(reports[1].total, 10);
}

static void
meter__hook_sets_errno__errno_kept(void **state)
{
	struct progress	p;

	(void)state;
	infdiag_set_progress(clobber_errno, &hook_ctx);
	errno = ENOENT;
	progress_begin(&p, "test", 10, 1);
	progress_at(&p, 5);
	progress_end(&p, 10);
	assert_int_equal(nreports, 3);
	assert_int_equal(errno, ENOENT);
}

static void
meter__no_hook__never_reports(void **state)
{
	struct progress	p;
	uint64_t	i;

	(void)state;
	infdiag_set_progress(NULL, &hook_ctx);
	progress_begin(&p, "test", 100000, 1);
	for (i = 0; i < 100000; i++)
		progress_at(&p, i + 1);
	progress_end(&p, 100000);
	assert_int_equal(nreports, 0);
}

/*
 * The library's stages.
 */

static void
pipeline__big_model__every_stage_runs_to_its_total(void **state)
{
	struct runs	r;
	long		written;

	(void)state;
	written = run_pipeline();
	assert_int_equal(lost, 0);
	assert_false(bad_ctx);
	r = check_stage(INFDIAG_STAGE_LOADING);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.last, NVARS);
	r = check_stage(INFDIAG_STAGE_ORDERING);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.last, NVARS);
	r = check_stage(INFDIAG_STAGE_COUNTING);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.last, NVARS);
	r = check_stage(INFDIAG_STAGE_MEASURING);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.last, 1);
	r = check_stage(INFDIAG_STAGE_LISTING);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.last, LISTED);
	r = check_stage(INFDIAG_STAGE_WRITING);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.last, (uint64_t)written);
}

static void
pipeline__big_model__reading_counts_the_file(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct runs		 r;
	char			 path[] = "/tmp/test_progress.XXXXXX";
	long			 size;

	(void)state;
	size = write_model(path, 0);
	m = infdiag_model_load_file(path, &err);
	unlink(path);
	assert_non_null(m);
	infdiag_model_free(m);
	r = check_stage(INFDIAG_STAGE_READING);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.last, (uint64_t)size);
	assert_int_equal(reports[0].total, (uint64_t)size);
	assert_string_equal(reports[0].stage, INFDIAG_STAGE_READING);
	assert_int_equal(reports[0].done, 0);
}

static void
pipeline__big_model__reports_are_few(void **state)
{
	const char *const	 stages[] = { INFDIAG_STAGE_READING,
				    INFDIAG_STAGE_LOADING,
				    INFDIAG_STAGE_ORDERING,
				    INFDIAG_STAGE_COUNTING,
				    INFDIAG_STAGE_MEASURING,
				    INFDIAG_STAGE_LISTING };
	size_t			 i;

	(void)state;
	run_pipeline();
	/* A run of known total: its first report, its marks, its last. */
	for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++)
		assert_true(check_stage(stages[i]).most <=
		    PROGRESS_REPORTS + 2);
	assert_true(nreports < 2000);
}

static void
pipeline__cycle__ordering_has_no_last_report(void **state)
{
	struct infdiag_error	 err;
	char			 path[] = "/tmp/test_progress.XXXXXX";
	size_t			 i;

	(void)state;
	write_model(path, 1);
	assert_null(infdiag_model_load_file(path, &err));
	unlink(path);
	assert_int_equal(err.status, INFDIAG_EMODEL);
	assert_int_equal(check_stage(INFDIAG_STAGE_LOADING).last, NVARS);
	/* Every variable is on the cycle: ordering began and did nothing. */
	assert_int_equal(count_stage(INFDIAG_STAGE_ORDERING), 1);
	for (i = 0; i < nreports; i++) {
		if (strcmp(reports[i].stage, INFDIAG_STAGE_ORDERING) == 0)
			assert_int_not_equal(reports[i].done,
			    reports[i].total);
	}
}

static void
pipeline__small_model__reports_nothing(void **state)
{
	struct infdiag_query	 q = { .max_paths = 100, .numbers = 1 };
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	FILE			*out;
	static const char	 model[] = "{\"variables\": {\"x\": {\"value\": "
				    "2}, \"g\": {\"expr\": \"x^2\"}, \"h\": "
				    "{\"expr\": \"x*g\"}, \"y\": {\"expr\": "
				    "\"x+g+h\"}}}";

	(void)state;
	m = infdiag_model_load_buffer(model, sizeof(model) - 1, "small",
	    &err);
	assert_non_null(m);
	a = infdiag_analyze(m, &q, &err);
	assert_non_null(a);
	out = tmpfile();
	assert_non_null(out);
	assert_int_equal(infdiag_write(a, INFDIAG_PART_ANALYSIS,
	    INFDIAG_FORMAT_JSON, 0, out, &err), 0);
	fclose(out);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
	assert_int_equal(nreports, 0);
}

static void
pipeline__hook_removed__reports_nothing(void **state)
{
	(void)state;
	infdiag_set_progress(NULL, &hook_ctx);
	run_pipeline();
	assert_int_equal(nreports, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, setup_hook, teardown_hook)
		T(meter__known_total__zero_first_total_last_and_few),
		T(meter__total_below_grain__is_silent),
		T(meter__unknown_total__silent_until_a_grain_then_done_of_done),
		T(meter__stopped_short__ends_with_done_of_done),
		T(meter__reaching_total__ends_once),
		T(meter__hook_sets_errno__errno_kept),
		T(meter__no_hook__never_reports),
		T(pipeline__big_model__every_stage_runs_to_its_total),
		T(pipeline__big_model__reading_counts_the_file),
		T(pipeline__big_model__reports_are_few),
		T(pipeline__cycle__ordering_has_no_last_report),
		T(pipeline__small_model__reports_nothing),
		T(pipeline__hook_removed__reports_nothing),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
