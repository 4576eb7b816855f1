/*
 * Printing a tree as Unicode text, plain ASCII (which expr_parse reads
 * back) or LaTeX, with parentheses only where precedence needs them.
 *
 *	       TEXT		ASCII		LATEX
 *	times  2·x, 4π		2*x, 4*pi	2 x, 4\pi, 2 \cdot 3
 *	minus  a − b, −x	a - b, -x	a - b, -x
 *	divide x/(2·y)		x/(2*y)		\frac{x}{2 y}
 *	power  x², x^y, e^x	x^2, x^y	x^{2}, e^{x}
 *	call   sin(x), σ(s)	sigmoid(s)	\sin\left(x\right),
 *						\sigma\left(s\right)
 *	root   √x, √(x + 1)	sqrt(x)		\sqrt{x}
 *	square tanh²(s)		tanh(s)^2	\tanh^{2}\left(s\right)
 *	abs    |x|		abs(x)		\left|x\right|
 *	two    max(a, b)	max(a, b)	\max\left(a, b\right)
 *
 * A product with a numeric denominator and other factors prints its
 * constant part as one fraction first: (4π/3)·t·y, \frac{4\pi}{3} t y.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "expr_impl.h"
#include "strbuf.h"

/* Precedence of what a node prints as. */
enum {
	P_SUM = 1,
	P_PROD,
	P_NEG,
	P_POW,
	P_ATOM
};

/* Which factors of a product: constant or not, multiplying or dividing. */
#define F_CNUM	0x1
#define F_CDEN	0x2
#define F_VNUM	0x4
#define F_VDEN	0x8

struct printer {
	enum expr_style		 style;
	expr_name_fn		 name;
	void			*ctx;
	struct strbuf		*out;
};

/* A product as printed: its sign taken out of its first factor. */
struct prod_view {
	const struct expr	*e;
	int			 minus;	/* prints with a leading minus */
	int			 skip0;	/* kids[0] is a coefficient ±1 */
};

static const char *const text_fn[EXPR_FN_COUNT] = {
	"exp", "log", "√", "sin", "cos", "tan", "tanh", "σ", "|", "relu",
	"softplus", "arctan", "arcsin", "arccos", "sinh", "cosh", "sgn", "H",
	"min", "max"
};
/* \operatorname where notation.c's table, which the report's MathML
 * follows, has no command of the name. */
static const char *const latex_fn[EXPR_FN_COUNT] = {
	"\\exp", "\\log", "\\sqrt", "\\sin", "\\cos", "\\tan", "\\tanh",
	"\\sigma", "|", "\\operatorname{relu}", "\\operatorname{softplus}",
	"\\operatorname{arctan}", "\\operatorname{arcsin}",
	"\\operatorname{arccos}", "\\sinh", "\\cosh", "\\operatorname{sgn}",
	"\\operatorname{H}", "\\min", "\\max"
};
static const char *const superscripts[10] = {
	"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"
};

static void	print_node(struct printer *, const struct expr *);

/* Formats v in the fewest digits that read back as v, in exponent form
 * only for very large or small magnitudes; never "-0". */
void
expr_format_number(double v, char *buf, size_t size)
{
	char	*e;
	int	 digits, exponent;

	if (v == 0 || !isfinite(v)) {
		snprintf(buf, size, "%s", v == 0 ? "0" : isnan(v) ? "nan" :
		    v > 0 ? "inf" : "-inf");
		return;
	}
	/* An integer below 10^15 is its digits: no search for the shortest
	 * form (which costs a dozen conversions on a long sum's k·x). */
	if (fabs(v) < 1e15 && v == trunc(v)) {
		snprintf(buf, size, "%.0f", v);
		return;
	}
	for (digits = 1; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if ((e = strchr(buf, 'e')) == NULL)
		return;
	exponent = atoi(e + 1);
	if (exponent >= -5 && exponent < 16)
		snprintf(buf, size, "%.*g", exponent + 1 > digits ?
		    exponent + 1 : digits, v);
}

/* Says whether v prints in exponent form ("1e+20"). */
static int
number_has_exponent(double v)
{
	char	buf[32];

	expr_format_number(v, buf, sizeof buf);
	return strchr(buf, 'e') != NULL;
}

/* Appends a number; LaTeX writes an exponent as \cdot 10^{n}. */
static void
print_number(struct printer *pr, double v)
{
	char	 buf[32], *e;

	expr_format_number(v, buf, sizeof buf);
	if (v < 0 && pr->style == EXPR_TEXT) {
		strbuf_add(pr->out, "−");
		memmove(buf, buf + 1, strlen(buf));
	}
	if (pr->style != EXPR_LATEX || (e = strchr(buf, 'e')) == NULL) {
		strbuf_add(pr->out, buf);
		return;
	}
	*e++ = '\0';
	if (strcmp(buf, "1") != 0 && strcmp(buf, "-1") != 0)
		strbuf_addf(pr->out, "%s \\cdot ", buf);
	else if (buf[0] == '-')
		strbuf_add(pr->out, "-");
	strbuf_addf(pr->out, "10^{%d}", atoi(e));
}

/* Says whether a node prints with a leading minus sign. */
static int
neg_lead(const struct expr *e)
{
	if (e->kind == EXPR_NUM)
		return e->value < 0;
	if (e->kind == EXPR_NEG)
		return 1;
	if (e->kind == EXPR_PROD)
		return !e->inv[0] && (e->kids[0]->kind == EXPR_NEG ||
		    (e->kids[0]->kind == EXPR_NUM && e->kids[0]->value < 0));
	return 0;
}

/* Returns the precedence of what a node prints as. */
static int
prec(const struct printer *pr, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_SUM:
		return e->n > 1 ? P_SUM : prec(pr, e->kids[0]);
	case EXPR_PROD:
		return P_PROD;
	case EXPR_NEG:
		return P_NEG;
	case EXPR_POW:
		return P_POW;
	case EXPR_NUM:
		if (e->value < 0)
			return P_NEG;
		return pr->style == EXPR_LATEX &&
		    number_has_exponent(e->value) ? P_PROD : P_ATOM;
	default:
		return P_ATOM;
	}
}

/* Appends "(" or ")" in the style. */
static void
paren(struct printer *pr, int open)
{
	if (pr->style == EXPR_LATEX)
		strbuf_add(pr->out, open ? "\\left(" : "\\right)");
	else
		strbuf_addc(pr->out, open ? '(' : ')');
}

/* Appends a node, in parentheses when told to. */
static void
print_maybe_paren(struct printer *pr, const struct expr *e, int need)
{
	if (need)
		paren(pr, 1);
	print_node(pr, e);
	if (need)
		paren(pr, 0);
}

/* Appends the minus sign of the style. */
static void
print_minus(struct printer *pr)
{
	strbuf_add(pr->out, pr->style == EXPR_TEXT ? "−" : "-");
}

/* Appends an input's name. */
static void
print_var(struct printer *pr, uint32_t slot)
{
	pr->name(pr->ctx, slot, pr->out);
}

/* Appends n (a whole number, |n| < 1000) as Unicode superscript digits. */
static void
print_superscript(struct printer *pr, double n)
{
	char	buf[16];
	size_t	i;

	snprintf(buf, sizeof buf, "%d", (int)fabs(n));
	if (n < 0)
		strbuf_add(pr->out, "⁻");
	for (i = 0; buf[i] != '\0'; i++)
		strbuf_add(pr->out, superscripts[buf[i] - '0']);
}

/* Says whether an exponent prints as superscript digits or ^{n} after a
 * function's name (tanh²(s)). */
static int
small_power(const struct printer *pr, const struct expr *x)
{
	if (pr->style == EXPR_ASCII || x->kind != EXPR_NUM ||
	    !expr_is_integer(x->value) || fabs(x->value) >= 1000)
		return 0;
	return pr->style == EXPR_TEXT || x->value > 0;
}

/* Appends the arguments of a call in parentheses: (a) or (a, b). */
static void
print_args(struct printer *pr, const struct expr *e)
{
	size_t	i;

	paren(pr, 1);
	for (i = 0; i < e->n; i++) {
		if (i > 0)
			strbuf_add(pr->out, ", ");
		print_node(pr, e->kids[i]);
	}
	paren(pr, 0);
}

/* Appends |x|, or \left|x\right| in LaTeX. */
static void
print_abs(struct printer *pr, const struct expr *e)
{
	strbuf_add(pr->out, pr->style == EXPR_LATEX ? "\\left|" : "|");
	print_node(pr, e->kids[0]);
	strbuf_add(pr->out, pr->style == EXPR_LATEX ? "\\right|" : "|");
}

/* Appends a call: sin(x), √x, \sqrt{x}, |x|, max(a, b), and with a
 * power tanh²(s). */
static void
print_call(struct printer *pr, const struct expr *e, const struct expr *pw)
{
	const struct expr	*a = e->kids[0];

	if (pr->style == EXPR_ASCII) {
		strbuf_add(pr->out, expr_fn_name(e->fn));
		print_args(pr, e);
		return;
	}
	if (e->fn == EXPR_FN_ABS) {
		print_abs(pr, e);
		return;
	}
	if (e->fn == EXPR_FN_SQRT) {
		strbuf_add(pr->out, pr->style == EXPR_TEXT ? "√" : "\\sqrt{");
		print_maybe_paren(pr, a, pr->style == EXPR_TEXT &&
		    (prec(pr, a) < P_ATOM || neg_lead(a)));
		if (pr->style == EXPR_LATEX)
			strbuf_addc(pr->out, '}');
		return;
	}
	strbuf_add(pr->out, pr->style == EXPR_TEXT ? text_fn[e->fn] :
	    latex_fn[e->fn]);
	if (pw != NULL && pr->style == EXPR_TEXT)
		print_superscript(pr, pw->value);
	else if (pw != NULL)
		strbuf_addf(pr->out, "^{%d}", (int)pw->value);
	print_args(pr, e);
}

/* Says whether a power of a call prints after the function's name, as
 * tanh²(s): not for √x, |x| or min and max. */
static int
power_after_name(const struct expr *b)
{
	return b->kind == EXPR_CALL && b->fn != EXPR_FN_SQRT &&
	    b->fn != EXPR_FN_ABS && b->n == 1;
}

/* Appends a power. */
static void
print_pow(struct printer *pr, const struct expr *e)
{
	const struct expr	*b = e->kids[0], *x = e->kids[1];

	if (power_after_name(b) && small_power(pr, x)) {
		print_call(pr, b, x);
		return;
	}
	print_maybe_paren(pr, b, prec(pr, b) <= P_POW || neg_lead(b) ||
	    (pr->style == EXPR_TEXT && b->kind == EXPR_CALL &&
	    b->fn == EXPR_FN_SQRT));
	if (pr->style == EXPR_TEXT && small_power(pr, x))
		print_superscript(pr, x->value);
	else if (pr->style == EXPR_LATEX) {
		strbuf_add(pr->out, "^{");
		print_node(pr, x);
		strbuf_addc(pr->out, '}');
	} else {
		strbuf_addc(pr->out, '^');
		print_maybe_paren(pr, x, prec(pr, x) < P_POW || neg_lead(x));
	}
}

/* Appends a node without its leading minus sign (neg_lead(e) is true). */
static void
print_magnitude(struct printer *pr, const struct expr *e);

/* Appends a sum: a + b − c. */
static void
print_sum(struct printer *pr, const struct expr *e)
{
	const struct expr	*t;
	size_t			 i;

	for (i = 0; i < e->n; i++) {
		t = e->kids[i];
		if (i == 0) {
			print_maybe_paren(pr, t, prec(pr, t) < P_SUM);
			continue;
		}
		if (neg_lead(t)) {
			strbuf_add(pr->out, " ");
			print_minus(pr);
			strbuf_add(pr->out, " ");
			print_magnitude(pr, t);
		} else {
			strbuf_add(pr->out, " + ");
			print_maybe_paren(pr, t, prec(pr, t) <= P_SUM);
		}
	}
}

/* Says whether factor i of a product is a constant: a number, pi or e. */
static int
factor_constant(const struct prod_view *v, size_t i)
{
	const struct expr	*k = v->e->kids[i];

	if (i == 0 && v->minus && k->kind == EXPR_NEG)
		k = k->kids[0];
	return k->kind == EXPR_NUM || k->kind == EXPR_PI || k->kind == EXPR_E;
}

/* Returns the class of factor i of a product, or 0 when it is not printed. */
static unsigned
factor_class(const struct prod_view *v, size_t i)
{
	if (i == 0 && v->skip0)
		return 0;
	if (factor_constant(v, i))
		return v->e->inv[i] ? F_CDEN : F_CNUM;
	return v->e->inv[i] ? F_VDEN : F_VNUM;
}

/* Counts the printed factors of a product in the classes mask. */
static size_t
count_factors(const struct prod_view *v, unsigned mask)
{
	size_t	i, n = 0;

	for (i = 0; i < v->e->n; i++) {
		if (factor_class(v, i) & mask)
			n++;
	}
	return n;
}


/* Says whether a factor's LaTeX starts with a digit, so that it needs
 * \cdot after another factor. */
static int
starts_digit(const struct printer *pr, const struct expr *k)
{
	if (k->kind == EXPR_NUM)
		return k->value >= 0;
	if (k->kind == EXPR_POW)
		return prec(pr, k->kids[0]) > P_POW && !neg_lead(k->kids[0]) &&
		    starts_digit(pr, k->kids[0]);
	return k->kind == EXPR_PROD;
}

/* Appends the separator between two factors of a product. */
static void
print_times(struct printer *pr, const struct expr *prev,
    const struct expr *k)
{
	int	juxtapose;

	juxtapose = prev != NULL && prev->kind == EXPR_NUM &&
	    (k->kind == EXPR_PI || k->kind == EXPR_E);
	if (pr->style == EXPR_ASCII)
		strbuf_addc(pr->out, '*');
	else if (juxtapose)
		return;
	else if (pr->style == EXPR_TEXT)
		strbuf_add(pr->out, "·");
	else
		strbuf_add(pr->out, starts_digit(pr, k) ? " \\cdot " : " ");
}

/* Appends the factors of a product in the classes mask, joined; alone
 * says they stand alone in a LaTeX \frac, after that another factor was
 * printed just before. */
static void
print_factors(struct printer *pr, const struct prod_view *v, unsigned mask,
    int alone, int after)
{
	const struct expr	*k, *prev = NULL;
	size_t			 i;
	int			 need;

	for (i = 0; i < v->e->n; i++) {
		if ((factor_class(v, i) & mask) == 0)
			continue;
		k = v->e->kids[i];
		if (prev != NULL || after)
			print_times(pr, prev, k);
		if (i == 0 && v->minus && k->kind == EXPR_NUM) {
			print_number(pr, fabs(k->value));
			prev = k;
			continue;
		}
		if (i == 0 && v->minus)
			k = k->kids[0];
		need = neg_lead(k) || (prec(pr, k) < P_PROD && !alone);
		print_maybe_paren(pr, k, need);
		prev = k;
	}
}

/* Appends the factors in num over those in den: a·b/(c·d), \frac{}{}. */
static void
print_fraction(struct printer *pr, const struct prod_view *v, unsigned num,
    unsigned den, int after)
{
	size_t	nn = count_factors(v, num), nd = count_factors(v, den);
	size_t	i;
	int	need = nd > 1;

	if (pr->style == EXPR_LATEX && nd > 0) {
		if (after)
			strbuf_addc(pr->out, ' ');
		strbuf_add(pr->out, "\\frac{");
		if (nn == 0)
			strbuf_addc(pr->out, '1');
		print_factors(pr, v, num, nn == 1, 0);
		strbuf_add(pr->out, "}{");
		print_factors(pr, v, den, nd == 1, 0);
		strbuf_addc(pr->out, '}');
		return;
	}
	if (nn == 0)
		strbuf_addc(pr->out, '1');
	print_factors(pr, v, num, 0, after);
	if (nd == 0)
		return;
	strbuf_addc(pr->out, '/');
	for (i = 0; nd == 1 && i < v->e->n; i++) {
		if (factor_class(v, i) & den)
			need = prec(pr, v->e->kids[i]) < P_POW;
	}
	if (need)
		paren(pr, 1);
	print_factors(pr, v, den, need && nd == 1, 0);
	if (need)
		paren(pr, 0);
}

/* Appends a product; without its minus sign when magnitude is set. */
static void
print_prod(struct printer *pr, const struct expr *e, int magnitude)
{
	struct prod_view	v;
	const struct expr	*k0 = e->kids[0];

	v.e = e;
	v.minus = neg_lead(e);
	v.skip0 = v.minus && e->n > 1 && expr_is_num(k0, -1);
	if (v.minus && !magnitude)
		print_minus(pr);
	if (count_factors(&v, F_CNUM) == 0 || count_factors(&v, F_CDEN) == 0 ||
	    count_factors(&v, F_VNUM) == 0) {
		print_fraction(pr, &v, F_CNUM | F_VNUM, F_CDEN | F_VDEN, 0);
		return;
	}
	if (pr->style != EXPR_LATEX)
		paren(pr, 1);
	print_fraction(pr, &v, F_CNUM, F_CDEN, 0);
	if (pr->style != EXPR_LATEX)
		paren(pr, 0);
	print_fraction(pr, &v, F_VNUM, F_VDEN, 1);
}

/* Appends a node without its leading minus sign (neg_lead(e) is true). */
static void
print_magnitude(struct printer *pr, const struct expr *e)
{
	if (e->kind == EXPR_NUM)
		print_number(pr, fabs(e->value));
	else if (e->kind == EXPR_PROD)
		print_prod(pr, e, 1);
	else
		print_maybe_paren(pr, e->kids[0], prec(pr, e->kids[0]) <=
		    P_SUM || neg_lead(e->kids[0]));
}

/* Appends a node. */
static void
print_node(struct printer *pr, const struct expr *e)
{
	static const char *const pi[] = { "π", "pi", "\\pi" };

	switch (e->kind) {
	case EXPR_NUM:
		print_number(pr, e->value);
		break;
	case EXPR_PI:
		strbuf_add(pr->out, pi[pr->style]);
		break;
	case EXPR_E:
		strbuf_addc(pr->out, 'e');
		break;
	case EXPR_VAR:
		print_var(pr, e->slot);
		break;
	case EXPR_NEG:
		print_minus(pr);
		print_magnitude(pr, e);
		break;
	case EXPR_SUM:
		print_sum(pr, e);
		break;
	case EXPR_PROD:
		print_prod(pr, e, 0);
		break;
	case EXPR_POW:
		print_pow(pr, e);
		break;
	case EXPR_CALL:
		print_call(pr, e, NULL);
		break;
	}
}

/* Appends names[slot] (ctx is names), or $slot when there is none. */
static void
name_from_array(void *ctx, uint32_t slot, struct strbuf *out)
{
	const char *const	*names = ctx;

	if (names != NULL && names[slot] != NULL)
		strbuf_add(out, names[slot]);
	else
		strbuf_addf(out, "$%lu", (unsigned long)slot);
}

/* Appends the tree to out in a style, with names[i] the symbol of slot i. */
void
expr_print(const struct expr *e, enum expr_style style,
    const char *const *names, struct strbuf *out)
{
	expr_print_named(e, style, name_from_array, (void *)names, out);
}

/* Appends the tree to out in a style, each input spelled by name(): the
 * cost is the tree's, whatever the number of slots. */
void
expr_print_named(const struct expr *e, enum expr_style style,
    expr_name_fn name, void *ctx, struct strbuf *out)
{
	struct printer	pr;

	if (e == NULL)
		return;
	pr.style = style;
	pr.name = name;
	pr.ctx = ctx;
	pr.out = out;
	print_node(&pr, e);
}
