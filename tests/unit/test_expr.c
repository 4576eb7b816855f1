/*
 * Unit tests of the expression engine: parsing and its errors, printing in
 * the three styles, simplification, derivatives (checked against finite
 * differences) and evaluation.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "infdiag.h"
#include "alloc.h"
#include "expr.h"
#include "strbuf.h"

/* The inputs every test may use, slot by slot. */
static const char *const names[] = { "x", "y", "t", "s", "theta_1" };
static const char *const latex_names[] = { "x", "y", "t", "s", "\\theta_{1}" };
#define NNAMES	(sizeof names / sizeof names[0])

/* Maps a name to its slot in names[], or says it is unknown. */
static int
resolve(void *ctx, const char *name, size_t len, uint32_t *slot,
    struct expr_error *err)
{
	size_t	i;

	(void)ctx;
	for (i = 0; i < NNAMES; i++) {
		if (strlen(names[i]) == len &&
		    memcmp(names[i], name, len) == 0) {
			*slot = (uint32_t)i;
			return 0;
		}
	}
	snprintf(err->text, sizeof err->text, "unknown variable \"%.*s\"",
	    (int)len, name);
	return -1;
}

/* Parses src, failing the test if it does not parse. */
static struct expr *
parse_ok(const char *src)
{
	struct expr_error	 err;
	struct expr		*e;

	e = expr_parse(src, strlen(src), resolve, NULL, &err);
	if (e == NULL)
		fail_msg("\"%s\" did not parse: column %zu: %s", src,
		    err.column, err.text);
	return e;
}

/* Prints e in a style into a new string the caller frees. */
static char *
print_new(const struct expr *e, enum expr_style style)
{
	struct strbuf	 sb = STRBUF_INIT;
	char		*s;

	expr_print(e, style, style == EXPR_LATEX ? latex_names : names, &sb);
	strbuf_addn(&sb, "", 0);
	s = strbuf_detach(&sb);
	assert_non_null(s);
	return s;
}

/* Asserts that e (from src) prints as want in a style. */
static void
assert_prints(const struct expr *e, enum expr_style style, const char *want,
    const char *src)
{
	char	*got = print_new(e, style);

	if (strcmp(got, want) != 0) {
		print_error("%s: printed \"%s\", expected \"%s\"\n", src, got,
		    want);
		mem_free(got);
		fail();
	}
	mem_free(got);
}

/* Evaluates e, failing the test if evaluation fails. */
static double
eval_ok(const struct expr *e, const double *in)
{
	struct expr_error	err;
	double			v = 0;

	if (expr_eval(e, in, &v, &err) != 0)
		fail_msg("evaluation failed: %s", err.text);
	return v;
}

/* Parses and evaluates src at the inputs in. */
static double
value_of(const char *src, const double *in)
{
	struct expr	*e = parse_ok(src);
	double		 v = eval_ok(e, in);

	expr_free(e);
	return v;
}

/* The functions, as an unknown function's message lists them. */
#define FUNCTIONS	"exp, log, sqrt, sin, cos, tan, tanh, sigmoid, abs, " \
			"relu, softplus, atan, asin, acos, sinh, cosh, sign, " \
			"heaviside, and of two arguments min and max"

/* Copies text into want (size bytes) with its "%s", if any, replaced by
 * the list of functions. */
static void
expand_functions(char *want, size_t size, const char *text)
{
	const char	*at = strstr(text, "%s");

	if (at == NULL)
		snprintf(want, size, "%s", text);
	else
		snprintf(want, size, "%.*s%s%s", (int)(at - text), text,
		    FUNCTIONS, at + 2);
}

struct parse_case {
	const char	*src;
	size_t		 column;
	const char	*text;
};

static void
parse__bad_input__reports_message_and_column(void **state)
{
	static const struct parse_case cases[] = {
		{ "", 1, "empty expression" },
		{ "   ", 4, "empty expression" },
		{ "x +", 4, "expected an operand after '+'" },
		{ "x + * y", 5, "expected an operand after '+'" },
		{ "2 *", 4, "expected an operand after '*'" },
		{ "x^", 3, "expected an operand after '^'" },
		{ "* x", 1, "unexpected '*'" },
		{ ")", 1, "unexpected ')'" },
		{ "x + y)", 6, "unexpected ')'" },
		{ "()", 2, "expected an operand after '('" },
		{ "(x + 1", 7, "missing ')' to close '(' at column 1" },
		{ "x * (y + (t)", 13, "missing ')' to close '(' at column 5" },
		{ "sin(x", 6, "missing ')' to close '(' at column 4" },
		{ "x # y", 3, "unexpected character '#'" },
		{ "é + x", 1, "unexpected character '\\u00e9'" },
		{ "x + é", 5, "unexpected character '\\u00e9'" },
		{ "x + \xe2\x88\x92 y", 5, "unexpected character '\\u2212'" },
		{ "x + \xff", 5, "unexpected character '\\xff'" },
		{ "2x", 2, "expected an operator before \"x\"" },
		{ "x y", 3, "expected an operator before \"y\"" },
		{ "(x)(y)", 4, "expected an operator before '('" },
		{ "foo(x)", 1, "unknown function \"foo\" (the functions are "
		    "%s)" },
		{ "x + bar(1)", 5, "unknown function \"bar\" (the functions "
		    "are %s)" },
		{ "x**2", 2, "unexpected '**' (did you mean '^'? a power is "
		    "written x^2)" },
		{ "2 * * x", 5, "expected an operand after '*'" },
		{ "ln(x)", 1, "unknown function \"ln\" (did you mean \"log\"? "
		    "log is the natural logarithm)" },
		{ "ReLU(x)", 1, "unknown function \"ReLU\" (did you mean "
		    "\"relu\"?)" },
		{ "sinn(x)", 1, "unknown function \"sinn\" (did you mean "
		    "\"sin\"?)" },
		{ "x*sigmod(y)", 3, "unknown function \"sigmod\" (did you mean "
		    "\"sigmoid\"?)" },
		{ "arctan(x)", 1, "unknown function \"arctan\" (did you mean "
		    "\"atan\"?)" },
		{ "logistic(x)", 1, "unknown function \"logistic\" (did you "
		    "mean \"sigmoid\"? sigmoid is the logistic function)" },
		{ "exponential(x)", 1, "unknown function \"exponential\" (the "
		    "functions are %s)" },
		{ "max(x)", 6, "function \"max\" takes two arguments" },
		{ "min()", 5, "function \"min\" takes two arguments" },
		{ "max(x, y, t)", 9, "function \"max\" takes two arguments" },
		{ "max(x, y", 9, "missing ')' to close '(' at column 4" },
		{ "max(x,)", 7, "function \"max\" takes two arguments" },
		{ "abs(x, y)", 6, "function \"abs\" takes one argument" },
		{ "relu", 5, "expected '(' after \"relu\"" },
		{ "sin()", 5, "function \"sin\" takes one argument" },
		{ "sin(x, y)", 6, "function \"sin\" takes one argument" },
		{ "sin x", 5, "expected '(' after \"sin\"" },
		{ "x + q", 5, "unknown variable \"q\"" },
		{ "1e999", 1, "number out of range \"1e999\"" },
		{ "x ,", 3, "unexpected ','" },
		{ "x\t+\n", 5, "expected an operand after '+'" },
		{ "sin(x y)", 7, "expected an operator before \"y\"" },
		{ "2#", 2, "unexpected character '#'" },
		{ "(x)#", 4, "unexpected character '#'" },
		{ "x ' y", 3, "unexpected character '\\''" },
		{ "x + \xf0\x9f\x98\x80", 5,
		    "unexpected character '\\U0001f600'" },
		{ "x abcdefghijabcdefghijabcdefghijabcdefghijXYZ", 3,
		    "expected an operator before "
		    "\"abcdefghijabcdefghijabcdefghijabcdefghijXYZ\"" },
		{ "x abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"
		    "abcdefghijabcdXYZ", 3,
		    "expected an operator before "
		    "\"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"
		    "abcdefghijabcd...\"" },
		{ "x + \x01", 5, "unexpected character '\\u0001'" },
		{ "x + \xed\xa0\x80", 5, "unexpected character '\\xed'" },
	};
	struct expr_error	 err;
	struct expr		*e;
	char			 want[1024];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = expr_parse(cases[i].src, strlen(cases[i].src), resolve,
		    NULL, &err);
		if (e != NULL)
			fail_msg("\"%s\" parsed", cases[i].src);
		/* The list of functions, where a message gives it. */
		expand_functions(want, sizeof want, cases[i].text);
		if (strcmp(err.text, want) != 0 ||
		    err.column != cases[i].column)
			fail_msg("\"%s\": got %zu \"%s\", expected %zu \"%s\"",
			    cases[i].src, err.column, err.text,
			    cases[i].column, want);
		assert_int_equal(err.nomem, 0);
	}
}

static void
parse__length_argument__stops_there(void **state)
{
	struct expr_error	 err;
	struct expr		*e;
	const double		 in[NNAMES] = { 3 };

	(void)state;
	e = expr_parse("x + 1 garbage", 5, resolve, NULL, &err);
	assert_non_null(e);
	assert_close(eval_ok(e, in), 4, 0);
	expr_free(e);
}

static void
parse__no_resolver__refuses_names(void **state)
{
	struct expr_error	 err;
	struct expr		*e;
	double			 v = 0;

	(void)state;
	e = expr_parse("2 * pi + e", 10, NULL, NULL, &err);
	assert_non_null(e);
	assert_int_equal(expr_eval(e, NULL, &v, &err), 0);
	assert_close(v, 2 * 3.14159265358979323846 + exp(1), 1e-15);
	expr_free(e);
	assert_null(expr_parse("1 + x", 5, NULL, NULL, &err));
	assert_string_equal(err.text, "unknown name \"x\"");
	assert_int_equal(err.column, 5);
}

static void
parse__operators__follow_precedence_and_associativity(void **state)
{
	const double	in[NNAMES] = { 3, 2 };

	(void)state;
	assert_close(value_of("2^3^2", in), 512, 0);
	assert_close(value_of("-2^2", in), -4, 0);
	assert_close(value_of("1-2-3", in), -4, 0);
	assert_close(value_of("8/4/2", in), 1, 0);
	assert_close(value_of("2*3+4*5", in), 26, 0);
	assert_close(value_of("2+3*4^2", in), 50, 0);
	assert_close(value_of("(2+3)*4", in), 20, 0);
	assert_close(value_of("2^-1", in), 0.5, 0);
	assert_close(value_of("-x^2 + --y", in), -7, 0);
	assert_close(value_of("+x - +y", in), 1, 0);
	assert_close(value_of("x/y*4", in), 6, 0);
	assert_close(value_of("12/x/y", in), 2, 0);
	assert_close(value_of("2.5E+4 + 1e-3 + .5", in), 25000.501, 1e-15);
	assert_close(value_of("log(e) + cos(pi)", in), 0, 1e-15);
	assert_close(value_of("sigmoid(0) + tanh(0) + sqrt(16)", in), 4.5, 0);
	assert_close(value_of("exp(1) - e", in), 0, 1e-15);
	assert_close(value_of("0.0000000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000025e80", in), 0.25, 1e-15);
}

static void
parse__inputs__are_reported_by_uses(void **state)
{
	struct expr	*e = parse_ok("x * sin(theta_1) + 2^t");

	(void)state;
	assert_true(expr_uses(e, 0));
	assert_false(expr_uses(e, 1));
	assert_true(expr_uses(e, 2));
	assert_false(expr_uses(e, 3));
	assert_true(expr_uses(e, 4));
	expr_free(e);
}

static void
parse__inputs__are_marked_in_one_walk(void **state)
{
	struct expr	*e = parse_ok("x * sin(theta_1) + 2^t");
	unsigned char	 used[6] = { 0, 0, 0, 0, 0, 9 };

	(void)state;
	expr_mark_used(e, used);
	assert_int_equal(used[0], 1);
	assert_int_equal(used[1], 0);
	assert_int_equal(used[2], 1);
	assert_int_equal(used[3], 0);
	assert_int_equal(used[4], 1);
	assert_int_equal(used[5], 9);
	expr_free(e);
}

/* Builds a string of n copies of open, then mid, then n copies of close. */
static char *
nested(size_t n, const char *open, const char *mid, const char *close)
{
	size_t	 lo = strlen(open), lc = strlen(close), i;
	char	*s, *p;

	s = p = malloc(n * (lo + lc) + strlen(mid) + 1);
	assert_non_null(s);
	for (i = 0; i < n; i++, p += lo)
		memcpy(p, open, lo);
	strcpy(p, mid);
	p += strlen(mid);
	for (i = 0; i < n; i++, p += lc)
		memcpy(p, close, lc);
	*p = '\0';
	return s;
}

/* Asserts that src parses, or fails with the nesting error at column. */
static void
check_nesting(char *src, size_t column)
{
	struct expr_error	 err;
	struct expr		*e;

	e = expr_parse(src, strlen(src), resolve, NULL, &err);
	if (column == 0) {
		if (e == NULL)
			fail_msg("refused: %s", err.text);
	} else {
		assert_null(e);
		assert_string_equal(err.text,
		    "expression nested too deeply (limit 200)");
		assert_int_equal(err.column, column);
	}
	expr_free(e);
	free(src);
}

static void
parse__nesting_201_deep__is_refused(void **state)
{
	(void)state;
	check_nesting(nested(200, "(", "x", ")"), 0);
	check_nesting(nested(201, "(", "x", ")"), 201);
	check_nesting(nested(200, "-", "x", ""), 0);
	check_nesting(nested(201, "-", "x", ""), 201);
	check_nesting(nested(200, "x^", "x", ""), 0);
	check_nesting(nested(201, "x^", "x", ""), 402);
	check_nesting(nested(200, "sin(", "x", ")"), 0);
	check_nesting(nested(201, "sin(", "x", ")"), 801);
	check_nesting(nested(100, "-(", "x", ")"), 0);
	check_nesting(nested(101, "-(", "x", ")"), 201);
}

/* Builds "x+x+...+x" (or with another operator) with n terms. */
static char *
long_chain(size_t n, char op)
{
	char	*s = malloc(2 * n);
	size_t	 i;

	assert_non_null(s);
	for (i = 0; i < n; i++) {
		s[2 * i] = 'x';
		s[2 * i + 1] = op;
	}
	s[2 * n - 1] = '\0';
	return s;
}

static void
parse__million_term_sum__stays_flat(void **state)
{
	const double	 in[NNAMES] = { 0.5 };
	char		*src = long_chain(1000000, '+');
	struct expr	*e, *d, *s;
	double		 v = 0;

	(void)state;
	e = parse_ok(src);
	free(src);
	assert_close(eval_ok(e, in), 500000, 0);
	d = expr_derive(e, 0);
	assert_non_null(d);
	assert_true(expr_is_constant(d, &v));
	assert_close(v, 1000000, 0);
	s = expr_simplify(e);
	assert_non_null(s);
	assert_prints(s, EXPR_ASCII, "1000000*x", "x+x+...");
	expr_free(s);
	expr_free(d);
	expr_free(e);
}

static void
derive__long_product__collects_factors_first(void **state)
{
	char		*src = long_chain(100000, '*');
	struct expr	*e, *d;

	(void)state;
	e = parse_ok(src);
	free(src);
	d = expr_derive(e, 0);
	assert_non_null(d);
	assert_prints(d, EXPR_ASCII, "100000*x^99999", "x*x*...");
	expr_free(d);
	expr_free(e);
}

static void
derive__deepest_input__stays_walkable(void **state)
{
	static const char *const shapes[][3] = {
		{ "sigmoid(x*tanh(", "x", "))" },
		{ "x^(1+", "x", ")" },
		{ "sqrt(1+x^2*(", "x", "))" },
		{ "-(x-", "x", ")" },
		{ "x/(2+", "x", ")" },
	};
	const double	 in[NNAMES] = { 0.3 };
	struct expr	*e, *d, *dd;
	char		*src, *text;
	size_t		 i;
	double		 v;

	(void)state;
	for (i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		src = nested(i < 2 ? 100 : i == 2 ? 66 : 100, shapes[i][0],
		    shapes[i][1], shapes[i][2]);
		e = parse_ok(src);
		free(src);
		d = expr_derive(e, 0);
		assert_non_null(d);
		dd = expr_derive(d, 0);
		assert_non_null(dd);
		text = print_new(d, EXPR_LATEX);
		mem_free(text);
		assert_int_equal(expr_eval(d, in, &v,
		    &(struct expr_error){ 0 }), 0);
		expr_free(dd);
		expr_free(d);
		expr_free(e);
	}
}

struct print_case {
	const char	*src;
	const char	*text;
	const char	*ascii;
	const char	*latex;
};

/* Checks a table of trees against their printed forms; derive says
 * whether to print the derivative with respect to x instead. */
static void
check_prints(const struct print_case *cases, size_t n, int derive)
{
	struct expr	*e, *s;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = parse_ok(cases[i].src);
		s = derive ? expr_derive(e, 0) : expr_simplify(e);
		assert_non_null(s);
		assert_prints(s, EXPR_TEXT, cases[i].text, cases[i].src);
		assert_prints(s, EXPR_ASCII, cases[i].ascii, cases[i].src);
		if (cases[i].latex != NULL)
			assert_prints(s, EXPR_LATEX, cases[i].latex,
			    cases[i].src);
		expr_free(s);
		expr_free(e);
	}
}

static void
simplify__neutral_elements__are_dropped(void **state)
{
	static const struct print_case cases[] = {
		{ "x*1", "x", "x", "x" },
		{ "1*x", "x", "x", "x" },
		{ "x+0", "x", "x", "x" },
		{ "0+x", "x", "x", "x" },
		{ "0*x", "0", "0", "0" },
		{ "x*0*sin(y)", "0", "0", "0" },
		{ "x^1", "x", "x", "x" },
		{ "x^0", "1", "1", "1" },
		{ "--x", "x", "x", "x" },
		{ "x/1", "x", "x", "x" },
		{ "0/x", "0", "0", "0" },
		{ "x - 0", "x", "x", "x" },
		{ "1^x", "1", "1", "1" },
		{ "log(1) + exp(0)", "1", "1", "1" },
		{ "sigmoid(0) + cos(0) + sin(0) + sqrt(1)", "2.5", "2.5",
		    "2.5" },
		{ "0^2 + x", "x", "x", "x" },
	};

	(void)state;
	check_prints(cases, sizeof cases / sizeof cases[0], 0);
}

static void
simplify__constants_and_like_factors__are_folded(void **state)
{
	static const struct print_case cases[] = {
		{ "2*3", "6", "6", "6" },
		{ "2*3*x", "6·x", "6*x", "6 x" },
		{ "2*x*3", "6·x", "6*x", "6 x" },
		{ "x*x", "x²", "x^2", "x^{2}" },
		{ "x*x^2*y/x", "x²·y", "x^2*y", "x^{2} y" },
		{ "x/x", "1", "1", "1" },
		{ "x + x", "2·x", "2*x", "2 x" },
		{ "2*x - x", "x", "x", "x" },
		{ "x - x", "0", "0", "0" },
		{ "1 + 2 + x + 3", "6 + x", "6 + x", "6 + x" },
		{ "6/4", "3/2", "3/2", "\\frac{3}{2}" },
		{ "x/2 + x/3", "(5/6)·x", "(5/6)*x", "\\frac{5}{6} x" },
		{ "2^10", "1024", "1024", "1024" },
		{ "2^-2", "1/4", "1/4", "\\frac{1}{4}" },
		{ "(x^2)^3", "x⁶", "x^6", "x^{6}" },
		{ "x^-1", "1/x", "1/x", "\\frac{1}{x}" },
		{ "-(2*x)", "−2·x", "-2*x", "-2 x" },
		{ "x - (y - t)", "x − y + t", "x - y + t", "x - y + t" },
		{ "pi*pi", "π²", "pi^2", "\\pi^{2}" },
		{ "2*pi*x", "2π·x", "2*pi*x", "2\\pi x" },
		{ "x/pi", "x/π", "x/pi", "\\frac{x}{\\pi}" },
		{ "sqrt(16) + sqrt(2)", "4 + √2", "4 + sqrt(2)",
		    "4 + \\sqrt{2}" },
		{ "log(exp(x))", "x", "x", "x" },
		{ "0.5*x + 0.25*x", "0.75·x", "0.75*x", "0.75 x" },
		{ "1e20*x", "1e+20·x", "1e+20*x", "10^{20} x" },
		{ "-0*x + 0.001", "0.001", "0.001", "0.001" },
		{ "1/3 + 1/6 + x", "1/2 + x", "1/2 + x", "\\frac{1}{2} + x" },
		{ "x/3 + y - x/3", "y", "y", "y" },
		{ "x*y*x*y/x", "x·y²", "x*y^2", "x y^{2}" },
		{ "sqrt(x)*sqrt(x)", "(√x)²", "sqrt(x)^2", "\\sqrt{x}^{2}" },
	};

	(void)state;
	check_prints(cases, sizeof cases / sizeof cases[0], 0);
}

static void
print__parentheses__only_where_needed(void **state)
{
	static const struct print_case cases[] = {
		{ "(x + y)*t", "(x + y)·t", "(x + y)*t",
		    "\\left(x + y\\right) t" },
		{ "x/(y*t)", "x/(y·t)", "x/(y*t)", "\\frac{x}{y t}" },
		{ "x/y^2", "x/y²", "x/y^2", "\\frac{x}{y^{2}}" },
		{ "(x+1)/(y-1)", "(x + 1)/(y − 1)", "(x + 1)/(y - 1)",
		    "\\frac{x + 1}{y - 1}" },
		{ "(-x)^2", "(−x)²", "(-x)^2", "\\left(-x\\right)^{2}" },
		{ "(x^y)^t", "(x^y)^t", "(x^y)^t", "\\left(x^{y}\\right)^{t}" },
		{ "x^y^t", "x^y^t", "x^y^t", "x^{y^{t}}" },
		{ "2^(-x)", "2^(−x)", "2^(-x)", "2^{-x}" },
		{ "e^(x+1)", "e^(x + 1)", "e^(x + 1)", "e^{x + 1}" },
		{ "sqrt(x)^2", "(√x)²", "sqrt(x)^2", "\\sqrt{x}^{2}" },
		{ "sqrt(x+1)", "√(x + 1)", "sqrt(x + 1)", "\\sqrt{x + 1}" },
		{ "sqrt(sin(x))", "√sin(x)", "sqrt(sin(x))",
		    "\\sqrt{\\sin\\left(x\\right)}" },
		{ "sigmoid(s)^3", "σ³(s)", "sigmoid(s)^3",
		    "\\sigma^{3}\\left(s\\right)" },
		{ "x - (y + t)*2", "x − 2·(y + t)", "x - 2*(y + t)",
		    "x - 2 \\left(y + t\\right)" },
		{ "theta_1*x", "theta_1·x", "theta_1*x", "\\theta_{1} x" },
		{ "2*3^x", "2·3^x", "2*3^x", "2 \\cdot 3^{x}" },
		{ "-1/x", "−1/x", "-1/x", "-\\frac{1}{x}" },
		{ "-x/2", "−x/2", "-x/2", "-\\frac{x}{2}" },
		{ "-3*x/2", "−(3/2)·x", "-(3/2)*x", "-\\frac{3}{2} x" },
	};

	(void)state;
	check_prints(cases, sizeof cases / sizeof cases[0], 0);
}

static void
print__unsimplified_tree__keeps_its_shape(void **state)
{
	static const struct print_case cases[] = {
		{ "x*1", "x·1", "x*1", "x \\cdot 1" },
		{ "2*3", "2·3", "2*3", "2 \\cdot 3" },
		{ "--x", "−(−x)", "-(-x)", "-\\left(-x\\right)" },
		{ "x - (y - t)", "x − (y − t)", "x - (y - t)",
		    "x - \\left(y - t\\right)" },
		{ "-x*y", "−x·y", "-x*y", "-x y" },
		{ "x*-y", "x·(−y)", "x*(-y)", "x \\left(-y\\right)" },
		{ "x + -2", "x − 2", "x - 2", "x - 2" },
	};
	struct expr	*e;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = parse_ok(cases[i].src);
		assert_prints(e, EXPR_TEXT, cases[i].text, cases[i].src);
		assert_prints(e, EXPR_ASCII, cases[i].ascii, cases[i].src);
		assert_prints(e, EXPR_LATEX, cases[i].latex, cases[i].src);
		expr_free(e);
	}
}

static void
print__numbers__shortest_round_trip_never_negative_zero(void **state)
{
	static const struct print_case cases[] = {
		{ "0.5", "0.5", "0.5", "0.5" },
		{ "0.001", "0.001", "0.001", "0.001" },
		{ "0.1 + 0.2", "0.30000000000000004", "0.30000000000000004",
		    NULL },
		{ "123456789", "123456789", "123456789", "123456789" },
		{ "2.5e-7", "2.5e-07", "2.5e-07", "2.5 \\cdot 10^{-7}" },
		{ "-0", "0", "0", "0" },
		{ "0*-1", "0", "0", "0" },
		{ "-2.5", "−2.5", "-2.5", "-2.5" },
	};

	(void)state;
	check_prints(cases, sizeof cases / sizeof cases[0], 0);
}

static void
derive__ellipsoid__prints_in_three_styles(void **state)
{
	static const struct print_case cases[] = {
		{ "(4*pi/3)*t*x*y", "(4π/3)·t·y", "(4*pi/3)*t*y",
		    "\\frac{4\\pi}{3} t y" },
		{ "4*pi/3*t*x*y", "(4π/3)·t·y", "(4*pi/3)*t*y",
		    "\\frac{4\\pi}{3} t y" },
		{ "4/3*pi*x*y*t", "(4π/3)·y·t", "(4*pi/3)*y*t",
		    "\\frac{4\\pi}{3} y t" },
		{ "(4*pi/3)*x*x*y", "(8π/3)·x·y", "(8*pi/3)*x*y",
		    "\\frac{8\\pi}{3} x y" },
	};

	(void)state;
	check_prints(cases, sizeof cases / sizeof cases[0], 1);
}

static void
derive__each_rule__prints_simplified(void **state)
{
	static const struct print_case cases[] = {
		{ "sigmoid(x)", "σ(x)·(1 − σ(x))",
		    "sigmoid(x)*(1 - sigmoid(x))",
		    "\\sigma\\left(x\\right) \\left(1 - \\sigma\\left(x\\right)"
		    "\\right)" },
		{ "tanh(x)", "1 − tanh²(x)", "1 - tanh(x)^2",
		    "1 - \\tanh^{2}\\left(x\\right)" },
		{ "exp(x)", "exp(x)", "exp(x)", "\\exp\\left(x\\right)" },
		{ "log(x)", "1/x", "1/x", "\\frac{1}{x}" },
		{ "sqrt(x)", "1/(2·√x)", "1/(2*sqrt(x))",
		    "\\frac{1}{2 \\sqrt{x}}" },
		{ "sin(x)", "cos(x)", "cos(x)", "\\cos\\left(x\\right)" },
		{ "cos(x)", "−sin(x)", "-sin(x)", "-\\sin\\left(x\\right)" },
		{ "tan(x)", "1/cos²(x)", "1/cos(x)^2",
		    "\\frac{1}{\\cos^{2}\\left(x\\right)}" },
		{ "x^3", "3·x²", "3*x^2", "3 x^{2}" },
		{ "x^2", "2·x", "2*x", "2 x" },
		{ "1/x", "−1/x²", "-1/x^2", "-\\frac{1}{x^{2}}" },
		{ "y/x", "−y/x²", "-y/x^2", "-\\frac{y}{x^{2}}" },
		{ "x/y", "1/y", "1/y", "\\frac{1}{y}" },
		{ "x^y", "y·x^(y − 1)", "y*x^(y - 1)", "y x^{y - 1}" },
		{ "2^x", "2^x·log(2)", "2^x*log(2)",
		    "2^{x} \\log\\left(2\\right)" },
		{ "e^x", "e^x", "e^x", "e^{x}" },
		{ "e^(2*x)", "2·e^(2·x)", "2*e^(2*x)", "2 e^{2 x}" },
		{ "x^x", "x^x·(log(x) + 1)", "x^x*(log(x) + 1)", NULL },
		{ "x*sin(x)", "sin(x) + x·cos(x)", "sin(x) + x*cos(x)", NULL },
		{ "sin(x^2)", "2·x·cos(x²)", "2*x*cos(x^2)", NULL },
		{ "sigmoid(2*s*x)", "2·s·σ(2·s·x)·(1 − σ(2·s·x))",
		    "2*s*sigmoid(2*s*x)*(1 - sigmoid(2*s*x))", NULL },
		{ "x*(1-x)", "1 − 2·x", "1 - 2*x", "1 - 2 x" },
		{ "-x", "−1", "-1", "-1" },
		{ "3*x + 2*x*y", "3 + 2·y", "3 + 2*y", "3 + 2 y" },
		{ "sqrt(x^2+1)", "x/√(x² + 1)", "x/sqrt(x^2 + 1)",
		    "\\frac{x}{\\sqrt{x^{2} + 1}}" },
		{ "log(2*x)", "1/x", "1/x", "\\frac{1}{x}" },
		{ "x^(1/3)", "x^(−2/3)/3", "x^(-2/3)/3",
		    "\\frac{x^{-\\frac{2}{3}}}{3}" },
		{ "x^-0.5", "−0.5/x^1.5", "-0.5/x^1.5",
		    "-\\frac{0.5}{x^{1.5}}" },
		{ "1/(1 + exp(-x))", "exp(−x)/(1 + exp(−x))²",
		    "exp(-x)/(1 + exp(-x))^2", NULL },
		{ "abs(x)", "sgn(x)", "sign(x)",
		    "\\operatorname{sgn}\\left(x\\right)" },
		{ "relu(x)", "H(x)", "heaviside(x)",
		    "\\operatorname{H}\\left(x\\right)" },
		{ "softplus(x)", "σ(x)", "sigmoid(x)", "\\sigma\\left(x\\right)" },
		{ "atan(x)", "1/(1 + x²)", "1/(1 + x^2)", "\\frac{1}{1 + x^{2}}" },
		{ "asin(x)", "1/√(1 − x²)", "1/sqrt(1 - x^2)",
		    "\\frac{1}{\\sqrt{1 - x^{2}}}" },
		{ "acos(x)", "−1/√(1 − x²)", "-1/sqrt(1 - x^2)",
		    "-\\frac{1}{\\sqrt{1 - x^{2}}}" },
		{ "sinh(x)", "cosh(x)", "cosh(x)", "\\cosh\\left(x\\right)" },
		{ "cosh(x)", "sinh(x)", "sinh(x)", "\\sinh\\left(x\\right)" },
		{ "max(x, y)", "H(x − y)", "heaviside(x - y)",
		    "\\operatorname{H}\\left(x - y\\right)" },
		{ "min(x, y)", "H(y − x)", "heaviside(y - x)", NULL },
		{ "max(y, x)", "H(x − y)", "heaviside(x - y)", NULL },
		{ "max(x^2, x)", "2·x·H(x² − x) + H(x − x²)",
		    "2*x*heaviside(x^2 - x) + heaviside(x - x^2)", NULL },
		{ "sign(x) + heaviside(x)", "0", "0", "0" },
		{ "abs(sin(x))", "cos(x)·sgn(sin(x))", "cos(x)*sign(sin(x))",
		    NULL },
		{ "abs(x)^2", "2·sgn(x)·|x|", "2*sign(x)*abs(x)",
		    "2 \\operatorname{sgn}\\left(x\\right) \\left|x\\right|" },
	};

	(void)state;
	check_prints(cases, sizeof cases / sizeof cases[0], 1);
}

static void
derive__unused_input__is_exactly_zero(void **state)
{
	struct expr	*e = parse_ok("sin(y)^t * exp(pi*s) / log(y)");
	struct expr	*d;
	double		 v = 1;

	(void)state;
	d = expr_derive(e, 0);
	assert_true(expr_is_zero(d));
	assert_true(expr_is_constant(d, &v));
	assert_true(v == 0);
	expr_free(d);
	d = expr_derive(e, 1);
	assert_false(expr_is_zero(d));
	assert_false(expr_is_constant(d, &v));
	expr_free(d);
	expr_free(e);
}

/* Central difference of e in slot at point in, with step h. */
static int
central_difference(const struct expr *e, uint32_t slot, const double *in,
    double h, double *out)
{
	struct expr_error	err;
	double			p[NNAMES], lo, hi;

	memcpy(p, in, sizeof p);
	p[slot] = in[slot] + h;
	if (expr_eval(e, p, &hi, &err) != 0)
		return -1;
	p[slot] = in[slot] - h;
	if (expr_eval(e, p, &lo, &err) != 0)
		return -1;
	*out = (hi - lo) / (2 * h);
	return 0;
}

/* Compares the symbolic derivative d of e in slot with finite differences
 * at in.  Returns 1 when checked, 0 when the point is skipped because an
 * evaluation fails or the function is not smooth there. */
static int
check_derivative_at(const struct expr *e, const struct expr *d,
    uint32_t slot, const double *in, const char *src)
{
	struct expr_error	err;
	double			h, fd1, fd2, dv, fv, scale;

	h = 1e-4 * fmax(1, fabs(in[slot]));
	if (expr_eval(e, in, &fv, &err) != 0 ||
	    expr_eval(d, in, &dv, &err) != 0 ||
	    central_difference(e, slot, in, h, &fd1) != 0 ||
	    central_difference(e, slot, in, h / 2, &fd2) != 0)
		return 0;
	scale = fmax(1, fmax(fabs(fd1), fabs(fd2)));
	/* Skip where the function is not smooth, or so large that rounding
	 * swamps the difference. */
	if (fabs(fd1 - fd2) > 1e-5 * scale || scale > 1e8 ||
	    fabs(fv) * 1e-16 / h > 1e-7 * scale)
		return 0;
	if (fabs(dv - fd2) > 1e-5 * scale) {
		print_error("d/d%s %s at x=%.17g y=%.17g: symbolic %.17g, "
		    "finite difference %.17g\n", names[slot], src, in[0],
		    in[1], dv, fd2);
		fail();
	}
	return 1;
}

/* Checks the derivatives of src in x and y at a few points; returns how
 * many checks were made. */
static int
check_derivatives(const char *src, const double (*points)[2], size_t npoints)
{
	struct expr	*e = parse_ok(src), *d;
	double		 in[NNAMES] = { 0 };
	uint32_t	 slot;
	size_t		 i;
	int		 checked = 0;

	for (slot = 0; slot < 2; slot++) {
		d = expr_derive(e, slot);
		assert_non_null(d);
		for (i = 0; i < npoints; i++) {
			in[0] = points[i][0];
			in[1] = points[i][1];
			checked += check_derivative_at(e, d, slot, in, src);
		}
		expr_free(d);
	}
	expr_free(e);
	return checked;
}

static void
derive__every_rule__matches_finite_differences(void **state)
{
	static const char *const srcs[] = {
		"x + y", "x - 3*y", "x*y", "x*y*x", "x/y", "y/x", "1/(x*y)",
		"x^3", "x^-2", "x^0.5", "y^x", "x^y", "2^x", "e^x", "pi^x",
		"exp(x*y)", "log(x^2 + y^2)", "sqrt(x^2 + 1)", "sin(x*y)",
		"cos(x/y)", "tan(x)", "tanh(x - y)", "sigmoid(3*x - y)",
		"-x^2", "-(x - y)^3", "(4*pi/3)*x*y*x", "x^x", "(x^2+1)^(y)",
		"sigmoid(x)*(1 - sigmoid(y))", "log(exp(x) + exp(y))",
		"x/(1 + x/(1 + x/y))", "sqrt(x)*sqrt(x)", "x^2/x",
		"softplus(x*y)", "atan(x/y)", "asin(x/3)", "acos(y/3)",
		"sinh(x - y)", "cosh(x*y)", "abs(x*y)", "relu(x - y)",
		"max(x, y)", "min(x*y, 1)", "max(x^2, relu(y))",
	};
	static const double points[][2] = {
		{ 0.7, 1.3 }, { 1.9, 0.4 }, { 2.5, 2.2 }, { -0.8, 1.1 },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		if (check_derivatives(srcs[i], points, 4) < 4)
			fail_msg("%s: too few points checked", srcs[i]);
	}
}

/* A small deterministic generator (xorshift64*). */
static uint64_t	rng_state;

/* Returns the next pseudo-random number below n. */
static unsigned
rng(unsigned n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

/* Appends to sb a random expression in x and y at most depth deep. */
static void
random_expr(struct strbuf *sb, int depth)
{
	static const char *const leaves[] = {
		"x", "y", "x", "y", "2", "0.5", "3", "pi", "e", "1.5e-1"
	};
	static const char *const fns[] = {
		"exp", "sin", "cos", "tan", "tanh", "sigmoid", "abs", "relu",
		"softplus", "atan", "sinh"
	};
	static const char *const ops[] = { " + ", " - ", "*", "/" };
	unsigned	r = depth <= 0 ? 0 : rng(10);

	if (r < 2) {
		strbuf_add(sb, leaves[rng(10)]);
		return;
	}
	strbuf_addc(sb, '(');
	if (r < 6) {
		random_expr(sb, depth - 1);
		strbuf_add(sb, ops[r - 2]);
		random_expr(sb, depth - 1);
	} else if (r == 6) {
		strbuf_add(sb, rng(2) ? "-" : "+");
		random_expr(sb, depth - 1);
	} else if (r == 7) {
		strbuf_addf(sb, "%s(", fns[rng(11)]);
		random_expr(sb, depth - 1);
		strbuf_addc(sb, ')');
	} else if (r == 8) {
		strbuf_addf(sb, "%s(1 + ", rng(2) ? "log" : "sqrt");
		random_expr(sb, depth - 1);
		strbuf_add(sb, "^2)");
	} else {
		random_expr(sb, depth - 1);
		switch (rng(4)) {
		case 0:
			strbuf_addf(sb, "^%u", 1 + rng(4));
			break;
		case 1:
			strbuf_add(sb, "^-1");
			break;
		case 2:
			strbuf_add(sb, rng(2) ? "^(1 + y^2)" : "^x");
			break;
		default:
			strbuf_add(sb, "^0.5");
			break;
		}
	}
	strbuf_addc(sb, ')');
}

/* Makes the idx-th random expression; the caller frees it. */
static char *
random_source(unsigned idx)
{
	struct strbuf	 sb = STRBUF_INIT;
	char		*s;

	rng_state = 0x9e3779b97f4a7c15ULL + idx * 0x2545f4914f6cdd1dULL;
	random_expr(&sb, 2 + (int)rng(3));
	s = strbuf_detach(&sb);
	assert_non_null(s);
	return s;
}

static void
derive__random_expressions__match_finite_differences(void **state)
{
	static const double points[][2] = {
		{ 0.37, 1.21 }, { 1.63, -0.52 }, { -1.17, 0.83 },
		{ 0.91, 2.05 }, { -0.44, -1.38 },
	};
	char		*src;
	unsigned	 i, checked_exprs = 0;

	(void)state;
	for (i = 0; i < 300; i++) {
		src = random_source(i);
		if (check_derivatives(src, points, 5) > 0)
			checked_exprs++;
		mem_free(src);
	}
	if (checked_exprs < 200)
		fail_msg("only %u of 300 random expressions could be checked",
		    checked_exprs);
}

/* Asserts that src, printed as ASCII (simplified, derived or as parsed),
 * parses back to a tree with the same value at a few points. */
static void
check_round_trip(const char *src)
{
	static const double points[][2] = {
		{ 0.37, 1.21 }, { 1.63, -0.52 }, { 2.5, 0.1 }
	};
	struct expr_error	 err;
	struct expr		*trees[4], *back;
	double			 in[NNAMES] = { 0 }, a, b;
	char			*ascii;
	size_t			 i, k;

	trees[0] = parse_ok(src);
	trees[1] = expr_simplify(trees[0]);
	trees[2] = expr_derive(trees[0], 0);
	trees[3] = expr_derive(trees[0], 1);
	for (k = 0; k < 4; k++) {
		assert_non_null(trees[k]);
		ascii = print_new(trees[k], EXPR_ASCII);
		back = expr_parse(ascii, strlen(ascii), resolve, NULL, &err);
		if (back == NULL)
			fail_msg("\"%s\" printed \"%s\", which does not parse: "
			    "%s", src, ascii, err.text);
		for (i = 0; i < 3; i++) {
			in[0] = points[i][0];
			in[1] = points[i][1];
			if (expr_eval(trees[k], in, &a, &err) != 0)
				continue;
			if (expr_eval(back, in, &b, &err) != 0)
				fail_msg("\"%s\" fails: %s", ascii, err.text);
			assert_close(a, b, 1e-9);
		}
		expr_free(back);
		mem_free(ascii);
		expr_free(trees[k]);
	}
}

static void
print__ascii__parses_back_to_equal_value(void **state)
{
	static const char *const srcs[] = {
		"(4*pi/3)*t*x*y", "-x^2", "2^-x", "x - (y - 2)", "-(x*y)^2",
		"x/(y*(1+x))", "e^(x*y)", "sigmoid(x)/tanh(y)", "1e20*x",
		"0.1*x - 2.5e-7/y", "(-2)^x", "sqrt(x)^3", "x^y^2",
		"-(-(-x))", "x*-y/-2", "max(x, y) - min(x^2, y)",
		"abs(x)*relu(y - 1)", "softplus(x) + atan(y) + sinh(x)/cosh(y)",
		"asin(x/3) + acos(y/3)", "sign(x - 1) + heaviside(y)",
	};
	char		*src;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof srcs / sizeof srcs[0]; i++)
		check_round_trip(srcs[i]);
	for (i = 0; i < 100; i++) {
		src = random_source((unsigned)i + 1000);
		check_round_trip(src);
		mem_free(src);
	}
}

struct eval_case {
	const char	*src;
	const char	*text;
};

static void
eval__bad_operands__fail_with_message(void **state)
{
	static const struct eval_case cases[] = {
		{ "log(-2)", "log of a non-positive number (-2)" },
		{ "log(x - 1)", "log of a non-positive number (0)" },
		{ "sqrt(-1)", "sqrt of a negative number (-1)" },
		{ "1/0", "division by zero" },
		{ "x/(x - 1)", "division by zero" },
		{ "exp(1000)", "overflow in exp(1000)" },
		{ "(-2)^0.5",
		    "negative base (-2) to a non-integer power (0.5)" },
		{ "0^-1", "division by zero in 0^-1" },
		{ "10^400", "overflow in 10^400" },
		{ "1e300*1e300", "overflow in multiplication" },
		{ "1e308 + 1e308", "overflow in addition" },
		{ "asin(2)", "asin of a number outside [-1, 1] (2)" },
		{ "acos(x + 0.5)", "acos of a number outside [-1, 1] (1.5)" },
		{ "asin(-x - 1)", "asin of a number outside [-1, 1] (-2)" },
		{ "sinh(1000)", "overflow in sinh(1000)" },
		{ "cosh(-1000)", "overflow in cosh(-1000)" },
	};
	const double		 in[NNAMES] = { 1 };
	struct expr_error	 err;
	struct expr		*e;
	double			 v;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = parse_ok(cases[i].src);
		assert_int_equal(expr_eval(e, in, &v, &err), -1);
		if (strcmp(err.text, cases[i].text) != 0)
			fail_msg("%s: got \"%s\", expected \"%s\"",
			    cases[i].src, err.text, cases[i].text);
		expr_free(e);
	}
}

struct kink_case {
	const char	*src;
	double		 x, y;
	const char	*kink;		/* what is told ("": nothing) */
	double		 dx, dy;	/* the derivatives used */
};

static void
eval__kinks__tell_the_derivative_used(void **state)
{
	static const struct kink_case cases[] = {
		{ "relu(x)", 0, 0, "relu is not differentiable at 0 (the "
		    "derivative used there is 1/2, the mean of its one-sided "
		    "derivatives 0 and 1)", 0.5, 0 },
		{ "relu(x)", 1e-300, 0, "", 1, 0 },
		{ "abs(x) + abs(y)", 0, 0, "abs is not differentiable at 0 "
		    "(the derivative used there is 0, the mean of its "
		    "one-sided derivatives -1 and 1)", 0, 0 },
		{ "abs(x - 1)", 1, 0, "abs is not differentiable at 0 (the "
		    "derivative used there is 0, the mean of its one-sided "
		    "derivatives -1 and 1)", 0, 0 },
		{ "max(x, y)", 2, 2, "max is not differentiable where its "
		    "arguments tie, both 2 (the derivative used there is 1/2 "
		    "with respect to each, the mean of its one-sided "
		    "derivatives 0 and 1)", 0.5, 0.5 },
		{ "min(x, 2*y)", -1, -0.5, "min is not differentiable where "
		    "its arguments tie, both -1 (the derivative used there is "
		    "1/2 with respect to each, the mean of its one-sided "
		    "derivatives 0 and 1)", 0.5, 1 },
		{ "max(x, y)", 2, 1, "", 1, 0 },
		{ "relu(x) + abs(y)", 0, 0, "relu is not differentiable at 0 "
		    "(the derivative used there is 1/2, the mean of its "
		    "one-sided derivatives 0 and 1); abs is not differentiable "
		    "at 0 (the derivative used there is 0, the mean of its "
		    "one-sided derivatives -1 and 1)", 0.5, 0 },
		{ "sign(x)", 0, 0, "sign is not differentiable at 0 (the "
		    "derivative used there is 0, its derivative on either "
		    "side)", 0, 0 },
	};
	struct expr_error	 err;
	struct expr		*e, *d;
	double			 in[NNAMES] = { 0 }, v, want[2];
	char			 kink[1024];
	size_t			 i;
	uint32_t		 slot;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = parse_ok(cases[i].src);
		in[0] = cases[i].x;
		in[1] = cases[i].y;
		assert_int_equal(expr_eval_kink(e, in, &v, &err, NULL, kink,
		    sizeof kink), 0);
		if (strcmp(kink, cases[i].kink) != 0)
			fail_msg("%s: told \"%s\", expected \"%s\"",
			    cases[i].src, kink, cases[i].kink);
		want[0] = cases[i].dx;
		want[1] = cases[i].dy;
		for (slot = 0; slot < 2; slot++) {
			d = expr_derive(e, slot);
			assert_int_equal(expr_eval(d, in, &v, &err), 0);
			if (v != want[slot])
				fail_msg("%s: d/d%s = %g, expected %g",
				    cases[i].src, names[slot], v, want[slot]);
			expr_free(d);
		}
		expr_free(e);
	}
}

static void
eval__domain_edges__stay_finite(void **state)
{
	const double	in[NNAMES] = { -800, 800 };

	(void)state;
	assert_close(value_of("sigmoid(x)", in), 0, 0);
	assert_close(value_of("sigmoid(y)", in), 1, 0);
	assert_close(value_of("tanh(y)", in), 1, 0);
	assert_close(value_of("(-2)^3", in), -8, 0);
	assert_close(value_of("0^0", in), 1, 0);
	assert_close(value_of("exp(x)", in), 0, 0);
}

static void
eval__non_finite_input__fails_with_message(void **state)
{
	const double		 in[NNAMES] = { NAN, INFINITY };
	struct expr_error	 err;
	struct expr		*e = parse_ok("y + 1");
	double			 v;

	(void)state;
	assert_int_equal(expr_eval(e, in, &v, &err), -1);
	assert_string_equal(err.text, "input 1 is not finite");
	assert_int_equal(err.input, 1);
	assert_true(isinf(err.value));
	expr_free(e);
}

static void
print__without_names__uses_slot_numbers(void **state)
{
	struct expr	*e = parse_ok("x*y");
	struct strbuf	 sb = STRBUF_INIT;

	(void)state;
	expr_print(e, EXPR_ASCII, NULL, &sb);
	assert_string_equal(strbuf_str(&sb), "$0*$1");
	strbuf_release(&sb);
	expr_free(e);
}

static void
constant__number_trees__report_their_value(void **state)
{
	struct expr	*e;
	double		 v = 0;

	(void)state;
	e = parse_ok("-2.5");
	assert_true(expr_is_constant(e, &v));
	assert_close(v, -2.5, 0);
	expr_free(e);
	e = parse_ok("x");
	assert_false(expr_is_constant(e, &v));
	assert_false(expr_is_zero(e));
	expr_free(e);
	e = parse_ok("0");
	assert_true(expr_is_zero(e));
	expr_free(e);
	assert_false(expr_is_zero(NULL));
}

/* Maps "v<N>" to slot N, for expressions over many inputs. */
static int
resolve_numbered(void *ctx, const char *name, size_t len, uint32_t *slot,
    struct expr_error *err)
{
	char	buf[16], *end;

	(void)ctx;
	if (len < 2 || len >= sizeof buf || name[0] != 'v') {
		snprintf(err->text, sizeof err->text, "not v<N>");
		return -1;
	}
	memcpy(buf, name, len);
	buf[len] = '\0';
	*slot = (uint32_t)strtoul(buf + 1, &end, 10);
	return *end == '\0' ? 0 : -1;
}

/* Asserts that expr_derive_all() gives, for each of n slots, the tree
 * expr_derive() gives (printed alike), and that evaluating all of them
 * through one memo gives exactly the values of plain evaluation, at two
 * points with the memo cleared between. */
static void
assert_derive_all(const struct expr *e, uint32_t n,
    const char *const *slot_names)
{
	struct expr		**all, *one;
	struct expr_memo	 *memo;
	struct expr_error	  err;
	struct strbuf		  a = STRBUF_INIT, b = STRBUF_INIT;
	double			 *in, x, y;
	uint32_t		  i;
	int			  point;

	all = calloc(n, sizeof(*all));
	in = calloc(n, sizeof(*in));
	assert_non_null(all);
	assert_non_null(in);
	assert_int_equal(expr_derive_all(e, n, all), 0);
	for (i = 0; i < n; i++) {
		one = expr_derive(e, i);
		assert_non_null(one);
		strbuf_truncate(&a, 0);
		strbuf_truncate(&b, 0);
		expr_print(all[i], EXPR_ASCII, slot_names, &a);
		expr_print(one, EXPR_ASCII, slot_names, &b);
		assert_string_equal(strbuf_str(&a), strbuf_str(&b));
		expr_free(one);
	}
	memo = expr_memo_new();
	assert_non_null(memo);
	for (point = 0; point < 2; point++) {
		for (i = 0; i < n; i++)
			in[i] = 0.25 + 0.5 * point + 0.01 * i;
		expr_memo_clear(memo);
		for (i = 0; i < n; i++) {
			assert_int_equal(expr_eval_memo(all[i], in, &x, &err,
			    memo), 0);
			assert_int_equal(expr_eval(all[i], in, &y, &err), 0);
			assert_true(x == y);
		}
	}
	expr_memo_free(memo);
	for (i = 0; i < n; i++)
		expr_free(all[i]);
	strbuf_release(&a);
	strbuf_release(&b);
	free(all);
	free(in);
}

static void
derive_all__every_slot__equals_derive(void **state)
{
	static const char *const srcs[] = {
		"x*y + sin(t)*x - theta_1/s + sqrt(x*x + 1)",
		/* A sum and a product wide enough to be indexed. */
		"sigmoid(x*y + y*t + t*s + s*x + x + y + t + s + x*t + y*s + "
		    "theta_1*x + theta_1*y + theta_1*t + theta_1*s + "
		    "theta_1 + x*y*t + 3) * tanh(x - y)",
		"x*y*t*s*theta_1*(x+1)*(y+2)*(t+3)*(s+4)*(theta_1+5)*"
		    "(x+6)*(y+7)*(t+8)*(s+9)*(theta_1+10)*(x+11)*(y+12)",
		"exp(x)^y / log(t + 2) + x^theta_1 + cos(s)^2 - sin(s)^2",
	};
	struct expr	*e;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		e = parse_ok(srcs[i]);
		assert_derive_all(e, NNAMES, names);
		expr_free(e);
	}
}

static void
derive_all__wide_neuron__equals_derive(void **state)
{
	enum { N = 200 };
	struct strbuf		 src = STRBUF_INIT;
	struct expr_error	 err;
	struct expr		*e;
	char			 name[N][8];
	const char		*slot_names[N];
	uint32_t		 i;

	(void)state;
	/* σ(Σ v(2i)·v(2i+1)): each weight's derivative is v(2i+1)·σ·(1−σ),
	 * found through the sum's index, with σ's derivative shared. */
	strbuf_add(&src, "sigmoid(");
	for (i = 0; i < N; i += 2)
		strbuf_addf(&src, "%sv%u*v%u", i ? " + " : "", i, i + 1);
	strbuf_add(&src, ")");
	for (i = 0; i < N; i++) {
		snprintf(name[i], sizeof name[i], "v%u", i);
		slot_names[i] = name[i];
	}
	e = expr_parse(strbuf_str(&src), src.len, resolve_numbered, NULL,
	    &err);
	assert_non_null(e);
	assert_derive_all(e, N, slot_names);
	expr_free(e);
	strbuf_release(&src);
}

/* Parses, derives, simplifies and prints src; 0 when all succeeded. */
static int
exercise(const char *src)
{
	struct expr_error	 err;
	struct expr		*e, *d = NULL, *s = NULL, *all[2];
	struct expr_memo	*memo;
	struct strbuf		 sb = STRBUF_INIT;
	const double		 in[2] = { 0.5, 2 };
	double			 v;
	int			 ok;

	if ((e = expr_parse(src, strlen(src), resolve, NULL, &err)) == NULL) {
		assert_true(err.nomem);
		assert_string_equal(err.text, "out of memory");
		return -1;
	}
	d = expr_derive(e, 0);
	s = expr_simplify(e);
	expr_print(d, EXPR_LATEX, latex_names, &sb);
	ok = d != NULL && s != NULL && !strbuf_failed(&sb);
	if (expr_derive_all(e, 2, all) != 0) {
		assert_null(all[0]);
		ok = 0;
	} else {
		/* A memo that cannot grow only stops remembering. */
		if ((memo = expr_memo_new()) == NULL)
			ok = 0;
		assert_int_equal(expr_eval_memo(all[1], in, &v, &err, memo),
		    0);
		expr_memo_free(memo);
		expr_free(all[0]);
		expr_free(all[1]);
	}
	strbuf_release(&sb);
	expr_free(s);
	expr_free(d);
	expr_free(e);
	return ok ? 0 : -1;
}

static void
memory__every_failed_allocation__is_reported_without_leaks(void **state)
{
	static const char *const srcs[] = {
		"sigmoid(x*y + (4*pi/3)*x^2) / "
		    "sqrt(1 + tanh(x)^2) - x^x + log(2*x) + 1e-3*x + x + x",
		/* Wide enough for expr_derive_all() to index its operands. */
		"tanh(sin(x) + cos(x) + tan(y) + x*y + x^3 + exp(y) + "
		    "log(x) + sqrt(y) + sigmoid(x) + tanh(y) + x/y + y^x + "
		    "sin(y) + cos(y) + exp(x) + y^3 + sqrt(x))",
	};
	size_t	i;
	long	n;
	int	done;

	(void)state;
	for (i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		failing_alloc_install();
		done = 0;
		for (n = 1; n <= 100000; n++) {
			failing_alloc.calls = 0;
			failing_alloc.fail_at = n;
			done = exercise(srcs[i]) == 0;
			assert_int_equal(failing_alloc.live, 0);
			if (done)
				break;
		}
		failing_alloc_remove();
		assert_true(done);
		/* At least a hundred runs failed before one went through. */
		assert_true(n > 100);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse__bad_input__reports_message_and_column),
		cmocka_unit_test(parse__length_argument__stops_there),
		cmocka_unit_test(parse__no_resolver__refuses_names),
		cmocka_unit_test(
		    parse__operators__follow_precedence_and_associativity),
		cmocka_unit_test(parse__inputs__are_reported_by_uses),
		cmocka_unit_test(parse__inputs__are_marked_in_one_walk),
		cmocka_unit_test(parse__nesting_201_deep__is_refused),
		cmocka_unit_test(parse__million_term_sum__stays_flat),
		cmocka_unit_test(derive__long_product__collects_factors_first),
		cmocka_unit_test(derive__deepest_input__stays_walkable),
		cmocka_unit_test(simplify__neutral_elements__are_dropped),
		cmocka_unit_test(
		    simplify__constants_and_like_factors__are_folded),
		cmocka_unit_test(print__parentheses__only_where_needed),
		cmocka_unit_test(print__unsimplified_tree__keeps_its_shape),
		cmocka_unit_test(
		    print__numbers__shortest_round_trip_never_negative_zero),
		cmocka_unit_test(derive__ellipsoid__prints_in_three_styles),
		cmocka_unit_test(derive__each_rule__prints_simplified),
		cmocka_unit_test(derive__unused_input__is_exactly_zero),
		cmocka_unit_test(derive_all__every_slot__equals_derive),
		cmocka_unit_test(derive_all__wide_neuron__equals_derive),
		cmocka_unit_test(
		    derive__every_rule__matches_finite_differences),
		cmocka_unit_test(
		    derive__random_expressions__match_finite_differences),
		cmocka_unit_test(print__ascii__parses_back_to_equal_value),
		cmocka_unit_test(eval__bad_operands__fail_with_message),
		cmocka_unit_test(eval__kinks__tell_the_derivative_used),
		cmocka_unit_test(eval__domain_edges__stay_finite),
		cmocka_unit_test(eval__non_finite_input__fails_with_message),
		cmocka_unit_test(print__without_names__uses_slot_numbers),
		cmocka_unit_test(constant__number_trees__report_their_value),
		cmocka_unit_test(
		    memory__every_failed_allocation__is_reported_without_leaks),
	};

	return cmocka_run_group_tests_name("expr", tests, NULL, NULL);
}
