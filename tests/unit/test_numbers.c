/*
 * Unit tests of the numbers: values, local derivatives, forward and
 * reverse accumulation and the finite-difference check, on the worked
 * examples' exact values and on random models whose expressions are
 * drawn from the whole language.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "infdiag.h"
#include "analysis.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "strbuf.h"

#define PI	3.14159265358979323846

/* Loads a model and analyses it with numbers; the error is in *err. */
static struct infdiag_analysis *
analyse(const char *json, struct infdiag_model **m, struct infdiag_error *err)
{
	struct infdiag_query	 q = { .max_paths = 100, .numbers = 1 };

	*m = infdiag_model_load_buffer(json, strlen(json), "t.json", err);
	if (*m == NULL)
		return NULL;
	return infdiag_analyze(*m, &q, err);
}

static const char ellipsoid[] =
    "{\"variables\": {\"x\": {\"value\": 2}, \"y\": {\"value\": 3},"
    " \"t\": {\"expr\": \"x\"},"
    " \"f\": {\"inputs\": [\"t\", \"x\", \"y\"], \"expr\": \"4*pi/3*t*x*y\"}},"
    " \"of\": \"f\", \"wrt\": \"x\"}";

static void
ellipsoid__at_2_3__partial_is_half_the_total(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	struct strbuf		 sb = STRBUF_INIT;
	const struct deriv	*d;

	(void)state;
	a = analyse(ellipsoid, &m, &err);
	assert_non_null(a);
	d = &a->d[0];
	assert_true(d->num.has_value);
	assert_close(d->num.forward, 16 * PI, 1e-15);
	assert_close(d->num.reverse, 16 * PI, 1e-15);
	assert_true(d->num.has_partial);
	assert_close(d->num.partial, 8 * PI, 1e-15);
	assert_true(d->num.has_check);
	assert_true(d->num.fd_error < 1e-8);
	assert_close(d->num.fd, 16 * PI, 1e-8);
	assert_int_equal(numbers_closed_form(&sb, a, d, STYLE_TEXT), 1);
	assert_string_equal(strbuf_str(&sb), "(8π/3)·x·y");
	strbuf_release(&sb);
	assert_int_equal(numbers_local_formula(&sb, a, 3, 1, STYLE_TEXT), 1);
	assert_string_equal(strbuf_str(&sb), "(4π/3)·t·y");
	strbuf_release(&sb);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

/* Reads a whole file into memory. */
static char *
slurp(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	if (buf != NULL && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

static void
perceptron__every_weight__reverse_equals_forward_and_fd(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	char			*json;
	uint32_t		 k;

	(void)state;
	json = slurp(EXAMPLES "/perceptron.json");
	assert_non_null(json);
	a = analyse(json, &m, &err);
	free(json);
	assert_non_null(a);
	assert_int_equal(a->nwrt, 14);
	for (k = 0; k < a->nwrt; k++) {
		const struct deriv_numbers *dn = &a->d[k].num;

		assert_true(dn->has_value);
		assert_close(dn->forward, dn->reverse, 1e-12);
		/* One reverse sweep: the adjoint of each weight. */
		assert_close(a->num->adjoint[a->d[k].wrt], dn->forward, 1e-12);
		assert_true(dn->has_check);
		assert_true(dn->fd_error < 1e-6);
	}
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static void
partials__path_analysis__total_direct_and_indirect(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	const char		*json = "{\"variables\": {\"x\": {},"
	    " \"m\": {\"inputs\": [\"x\"], \"partials\": {\"x\": 2}},"
	    " \"y\": {\"inputs\": [\"x\", \"m\"],"
	    "  \"partials\": {\"x\": 0.5, \"m\": 3}}}}";

	(void)state;
	a = analyse(json, &m, &err);
	assert_non_null(a);
	assert_true(a->d[0].num.has_value);
	assert_close(a->d[0].num.forward, 6.5, 1e-15);
	assert_close(a->d[0].num.reverse, 6.5, 1e-15);
	assert_close(a->d[0].num.partial, 0.5, 0);
	/* No expressions: nothing to take a finite difference of. */
	assert_false(a->d[0].num.has_check);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static void
eval__log_of_negative__fails_naming_the_variable(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	char			 line[1024];

	(void)state;
	a = analyse("{\"variables\": {\"x\": {\"value\": -2},"
	    " \"g\": {\"expr\": \"x^2\"}, \"h\": {\"expr\": \"log(x) + g\"}}}",
	    &m, &err);
	assert_non_null(a);
	assert_int_equal(infdiag_analysis_numeric_error(a, &err), -1);
	assert_int_equal(err.status, INFDIAG_ENUMERIC);
	/* h is not defined at the point, so neither is dh/dx. */
	assert_true(isnan(a->num->value[2]));
	assert_true(isnan(a->d[0].num.forward));
	assert_int_equal(infdiag_analysis_warning_count(a), 0);
	infdiag_analysis_free(a);
	infdiag_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "t.json: variables.h: log of a non-positive "
	    "number (-2) in h = log(x) + g, with x = -2, g = 4");
	infdiag_model_free(m);
}

static void
eval__derivative_fails__names_the_local_derivative(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	char			 line[1024];

	(void)state;
	a = analyse("{\"variables\": {\"x\": {\"value\": 0},"
	    " \"h\": {\"expr\": \"sqrt(x)\"}}}", &m, &err);
	assert_non_null(a);
	assert_int_equal(infdiag_analysis_numeric_error(a, &err), -1);
	assert_int_equal(err.status, INFDIAG_ENUMERIC);
	infdiag_analysis_free(a);
	infdiag_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "t.json: variables.h: division by zero in "
	    "dh/dx = 1/(2·√x), with x = 0");
	infdiag_model_free(m);
}

static void
no_values__symbolic_only__no_numbers(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;

	(void)state;
	a = analyse("{\"variables\": {\"x\": {}, \"y\": {\"expr\": \"x^3\"}}}",
	    &m, &err);
	assert_non_null(a);
	assert_false(a->d[0].num.has_value);
	assert_false(numbers_any(a));
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

/* A deterministic generator (xorshift64*). */
static uint64_t
next_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Appends a random expression over the names, depth at most depth,
 * built so that it is defined near the chosen values: arguments of log,
 * sqrt and divisors are kept positive, powers are of positive bases or
 * small integers, tan is kept away from its poles. */
static void
random_expr(struct strbuf *sb, uint64_t *s, char names[][16], int n, int depth)
{
	int	pick = (int)(next_random(s) % (depth > 0 ? 14 : 3));

	if (pick < 2) {
		strbuf_add(sb, names[next_random(s) % (uint64_t)n]);
		return;
	}
	if (pick == 2) {
		strbuf_addf(sb, "%d", (int)(next_random(s) % 5) + 1);
		return;
	}
	switch (pick) {
	case 3: case 4: case 5:
		strbuf_addc(sb, '(');
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, pick == 3 ? " + " : pick == 4 ? " - " : " * ");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_addc(sb, ')');
		return;
	case 6:
		strbuf_add(sb, "(");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, ") / (2 + sin(");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, "))");
		return;
	case 7:
		strbuf_add(sb, "(1 + sigmoid(");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_addf(sb, "))^%d", (int)(next_random(s) % 4) - 1);
		return;
	case 8:
		strbuf_add(sb, "log(1 + (");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, ")^2)");
		return;
	case 9:
		strbuf_add(sb, "sqrt(2 + cos(");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, "))");
		return;
	case 10:
		strbuf_add(sb, "exp(tanh(");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, "))");
		return;
	case 11:
		strbuf_add(sb, "tan(sigmoid(");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, ") - 0.5)");
		return;
	case 12:
		strbuf_add(sb, "-(");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, ")");
		return;
	default:
		strbuf_add(sb, "(2 + sigmoid(");
		random_expr(sb, s, names, n, depth - 1);
		strbuf_add(sb, "))^(e/pi)");
		return;
	}
}

/* Writes a random model: k independent variables with values, then
 * dependent ones whose expressions use earlier variables. */
static void
random_model(struct strbuf *sb, uint64_t *s)
{
	char	names[12][16];
	int	k = 1 + (int)(next_random(s) % 3), n = k + 2 +
		    (int)(next_random(s) % 5), i;

	strbuf_add(sb, "{\"variables\": {");
	for (i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "v%d", i);
		strbuf_addf(sb, "%s\"%s\": {", i > 0 ? ", " : "", names[i]);
		if (i < k)
			strbuf_addf(sb, "\"value\": %.3f",
			    (double)(next_random(s) % 2000) / 1000 - 1);
		else {
			strbuf_add(sb, "\"expr\": \"");
			random_expr(sb, s, names, i, 3);
			/* Every dependent variable uses the one before it, so
			 * the last one depends on something. */
			strbuf_addf(sb, " + %s\"", names[i - 1]);
		}
		strbuf_addc(sb, '}');
	}
	strbuf_addf(sb, "}, \"of\": \"v%d\"}", n - 1);
}

static void
random_models__forward_reverse_fd__agree(void **state)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	struct strbuf		 sb = STRBUF_INIT;
	uint64_t		 seed = 0x1234567;
	uint32_t		 k;
	int			 model, checked = 0, numeric = 0;

	(void)state;
	for (model = 0; model < 200; model++) {
		strbuf_truncate(&sb, 0);
		random_model(&sb, &seed);
		a = analyse(strbuf_str(&sb), &m, &err);
		if (a == NULL)
			print_error("%s\n%s\n", strbuf_str(&sb), err.text);
		assert_non_null(a);
		/* Only an overflow or a pole may stop a model. */
		if (infdiag_analysis_numeric_error(a, &err) != 0)
			numeric++;
		for (k = 0; k < a->nwrt; k++) {
			const struct deriv_numbers *dn = &a->d[k].num;

			if (a->d[k].nrel == 0)
				continue;
			/* A derivative that is not finite says why. */
			assert_int_equal(isfinite(dn->forward),
			    dn->fail == 0);
			if (dn->fail != 0)
				continue;
			assert_true(dn->has_value);
			assert_close(dn->forward, dn->reverse, 1e-9);
			if (!dn->has_check)
				continue;
			if (!(dn->fd_error < 1e-4))
				print_error("%s: d/d%s = %.17g, fd %.17g\n",
				    strbuf_str(&sb),
				    m->vars[a->d[k].wrt].name, dn->forward,
				    dn->fd);
			assert_true(dn->fd_error < 1e-4);
			checked++;
		}
		infdiag_analysis_free(a);
		infdiag_model_free(m);
	}
	strbuf_release(&sb);
	print_message("%d derivatives checked, %d models stopped by a "
	    "numeric error\n", checked, numeric);
	assert_true(checked >= 100);
}

/* Analyses a model whose numbers must not fail the run; returns the
 * analysis. */
static struct infdiag_analysis *
analyse_ok(const char *json, struct infdiag_model **m)
{
	struct infdiag_error	 err;
	struct infdiag_analysis	*a = analyse(json, m, &err);

	assert_non_null(a);
	assert_int_equal(infdiag_analysis_numeric_error(a, &err), 0);
	return a;
}

/* Formats the numeric verdict of a model that must fail, as one line. */
static void
verdict(const char *json, char *line, size_t size)
{
	struct infdiag_error	 err;
	struct infdiag_model	*m;
	struct infdiag_analysis	*a = analyse(json, &m, &err);

	assert_non_null(a);
	assert_int_equal(infdiag_analysis_numeric_error(a, &err), -1);
	infdiag_error_format(&err, line, size);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static void
pow__local_nobody_needs__is_undefined_and_a_warning(void **state)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	struct strbuf		 sb = STRBUF_INIT;

	(void)state;
	a = analyse_ok("{\"variables\": {\"x\": {\"value\": -2},"
	    " \"y\": {\"value\": 3}, \"z\": {\"expr\": \"x^y\"}},"
	    " \"wrt\": \"x\"}", &m);
	assert_close(a->d[0].num.forward, 12, 1e-15);
	assert_true(a->d[0].num.fd_ok);
	/* dz/dy = x^y log(x) is undefined, and so is y's adjoint. */
	assert_true(isnan(a->num->local[1]));
	assert_true(isnan(a->num->adjoint[1]));
	assert_int_equal(infdiag_analysis_warning_count(a), 1);
	assert_string_equal(infdiag_analysis_warning(a, 0), "t.json: "
	    "variables.z: warning: log of a non-positive number (-2) in "
	    "∂z/∂y = x^y·log(x), with x = -2, y = 3");
	numbers_note(&sb, a, a->num->local_fail[1], a->num->local[1]);
	assert_string_equal(strbuf_str(&sb), "undefined: log of a "
	    "non-positive number (-2) in ∂z/∂y = x^y·log(x), with x = -2, "
	    "y = 3");
	strbuf_release(&sb);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static void
overflow__in_a_requested_derivative__fails_naming_it(void **state)
{
	char	line[1024];

	(void)state;
	verdict("{\"variables\": {\"x\": {}, \"y\": {\"inputs\": [\"x\"],"
	    " \"partials\": {\"x\": 1e308}}, \"z\": {\"inputs\": [\"y\"],"
	    " \"partials\": {\"y\": 1e308}}}}", line, sizeof(line));
	assert_string_equal(line, "t.json: variables.z: overflow in dz/dx: "
	    "accumulated along its paths, dz/dx is beyond the largest double "
	    "(1.8e+308)");
	verdict("{\"variables\": {\"x\": {\"value\": 1e-300},"
	    " \"y\": {\"expr\": \"1e200*x\"}, \"z\": {\"expr\": \"1e200*y\"},"
	    " \"w\": {\"expr\": \"z*y\"}}}", line, sizeof(line));
	assert_string_equal(line, "t.json: variables.z: overflow in dw/dx: "
	    "accumulated along its paths, dz/dx is beyond the largest double "
	    "(1.8e+308)");
}

static void
underflow__then_division__is_called_underflow(void **state)
{
	char	line[1024];

	(void)state;
	verdict("{\"variables\": {\"x\": {\"value\": -1000},"
	    " \"y\": {\"expr\": \"exp(x)/exp(x)\"}}}", line, sizeof(line));
	assert_string_equal(line, "t.json: variables.y: underflow in division "
	    "by exp(-1000) (too small for a double, it rounds to 0) in "
	    "y = exp(x)/exp(x), with x = -1000");
	/* A true zero is still a division by zero. */
	verdict("{\"variables\": {\"x\": {\"value\": 0},"
	    " \"y\": {\"expr\": \"1/sin(x)\"}}}", line, sizeof(line));
	assert_string_equal(line, "t.json: variables.y: division by zero in "
	    "y = 1/sin(x), with x = 0");
}

static void
format__not_finite__in_words(void **state)
{
	struct strbuf	sb = STRBUF_INIT;

	(void)state;
	note_number(&sb, INFINITY, STYLE_TEXT);
	strbuf_addc(&sb, ' ');
	note_number(&sb, -INFINITY, STYLE_ASCII);
	strbuf_addc(&sb, ' ');
	note_number(&sb, NAN, STYLE_TEXT);
	strbuf_addc(&sb, ' ');
	note_number(&sb, NAN, STYLE_LATEX);
	strbuf_addc(&sb, ' ');
	note_number(&sb, -2.5, STYLE_TEXT);
	assert_string_equal(strbuf_str(&sb), "overflow overflow undefined "
	    "\\text{undefined} −2.5");
	strbuf_release(&sb);
}

static void
check__tan_at_its_pole__is_a_mismatch(void **state)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	struct strbuf		 sb = STRBUF_INIT;

	(void)state;
	a = analyse_ok("{\"variables\": {\"x\": {\"value\": "
	    "1.5707963267948966}, \"y\": {\"expr\": \"tan(x)\"}}}", &m);
	assert_true(a->d[0].num.has_check);
	assert_false(a->d[0].num.fd_ok);
	numbers_check_error(&sb, &a->d[0].num);
	assert_string_equal(strbuf_str(&sb), "relative error 1, MISMATCH: "
	    "over the tolerance 1e-06");
	strbuf_release(&sb);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

static void
check__small_derivative__error_is_absolute(void **state)
{
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	const struct deriv_numbers *dn;
	struct strbuf		 sb = STRBUF_INIT;

	(void)state;
	a = analyse_ok("{\"variables\": {\"x\": {\"value\": 3},"
	    " \"y\": {\"expr\": \"0.001*sin(x)\"}}}", &m);
	dn = &a->d[0].num;
	assert_true(dn->has_check);
	assert_true(dn->fd_ok);
	/* |dy/dx| < 1: the error is measured against 1, so it is absolute. */
	assert_close(dn->fd_scale, 1, 0);
	assert_close(dn->fd_error, fabs(dn->fd - dn->forward), 0);
	numbers_check_error(&sb, dn);
	assert_non_null(strstr(strbuf_str(&sb), "absolute error "));
	strbuf_release(&sb);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ellipsoid__at_2_3__partial_is_half_the_total),
		cmocka_unit_test(
		    perceptron__every_weight__reverse_equals_forward_and_fd),
		cmocka_unit_test(
		    partials__path_analysis__total_direct_and_indirect),
		cmocka_unit_test(
		    eval__log_of_negative__fails_naming_the_variable),
		cmocka_unit_test(
		    eval__derivative_fails__names_the_local_derivative),
		cmocka_unit_test(no_values__symbolic_only__no_numbers),
		cmocka_unit_test(random_models__forward_reverse_fd__agree),
		cmocka_unit_test(
		    pow__local_nobody_needs__is_undefined_and_a_warning),
		cmocka_unit_test(
		    overflow__in_a_requested_derivative__fails_naming_it),
		cmocka_unit_test(underflow__then_division__is_called_underflow),
		cmocka_unit_test(format__not_finite__in_words),
		cmocka_unit_test(check__tan_at_its_pole__is_a_mismatch),
		cmocka_unit_test(check__small_derivative__error_is_absolute),
	};

	return cmocka_run_group_tests_name("numbers", tests, NULL, NULL);
}
