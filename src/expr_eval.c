/*
 * Values: evaluating a tree in IEEE doubles.
 * Every operation checks its operands and its result, so that a failure
 * names the operation that failed instead of surfacing later as an inf or
 * a NaN.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "expr.h"
#include "expr_impl.h"

#define PI_VALUE	3.14159265358979323846
#define E_VALUE		2.71828182845904523536

/* Remembered values of shared subtrees, for one set of inputs: open
 * addressing on the node's address, cleared by a new generation. */
struct memo_slot {
	const struct expr	*key;
	uint64_t		 gen;
	double			 value;
	int			 underflowed;	/* an underflow made it */
};

struct expr_memo {
	struct memo_slot	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 used;	/* in this generation */
	uint64_t		 gen;
};

/* What an evaluation reads: the inputs, where a failure goes, and the
 * memo (NULL: none); and the underflows so far (a result that is not 0
 * but rounds to 0), with the last one's description, so that a division
 * by such a 0 says so. */
struct eval {
	const double		*inputs;
	struct expr_error	*err;
	struct expr_memo	*memo;
	unsigned		 underflows;
	char			 tiny[64];
	char			*kink;		/* where the first point at
						   which a function is not
						   differentiable is told,
						   or NULL */
	size_t			 kink_size;
};

static int	eval_node(const struct expr *, struct eval *, double *);

/* Fails the evaluation with a message, the tree standing for value (NaN:
 * undefined, an infinity: overflow); returns -1. */
static int __attribute__((format(printf, 3, 4)))
eval_error(struct expr_error *err, double value, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(err->text, sizeof err->text, fmt, ap);
	va_end(ap);
	err->column = 0;
	err->nomem = 0;
	err->value = value;
	err->input = UINT32_MAX;
	return -1;
}

/* Checks that an operation's result r (of finite operands) is finite; 0
 * or -1. */
static int
check_finite(double r, struct expr_error *err, const char *what)
{
	if (isfinite(r))
		return 0;
	return eval_error(err, isnan(r) ? NAN : INFINITY, "overflow in %s",
	    what);
}

/* Counts an underflow: a result that is not 0 but rounds to 0. */
static void __attribute__((format(printf, 2, 3)))
underflow(struct eval *ev, const char *fmt, ...)
{
	va_list	ap;

	ev->underflows++;
	va_start(ap, fmt);
	vsnprintf(ev->tiny, sizeof ev->tiny, fmt, ap);
	va_end(ap);
}

/* Fails a division by zero: undefined, unless the divisor is 0 only
 * because a result underflowed (was rounded to 0) since divisor_mark,
 * and then an overflow (or 0/0, undefined) named as an underflow. */
static int
divide_by_zero(struct eval *ev, double r, unsigned divisor_mark)
{
	if (ev->underflows == divisor_mark)
		return eval_error(ev->err, NAN, "division by zero");
	return eval_error(ev->err, r == 0 ? NAN : INFINITY, "underflow in "
	    "division by %s (too small for a double, it rounds to 0)",
	    ev->tiny);
}

/* Returns the logistic function of v without overflowing. */
static double
sigmoid(double v)
{
	double	t;

	if (v >= 0)
		return 1 / (1 + exp(-v));
	t = exp(v);
	return t / (1 + t);
}

/* Returns log(1 + e^v) without overflowing. */
static double
softplus(double v)
{
	return v > 0 ? v + log1p(exp(-v)) : log1p(exp(v));
}

/* Returns the sign of v: -1, 0 or 1. */
static double
sign(double v)
{
	return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/* Returns the Heaviside step of v, 1/2 at 0. */
static double
heaviside(double v)
{
	return v > 0 ? 1 : v < 0 ? 0 : 0.5;
}

/* Refuses v outside fn's domain; 0 or -1.  The operand is formatted only
 * for a message: evaluation is hot. */
static int
check_domain(enum expr_fn fn, double v, struct expr_error *err)
{
	char	num[32];

	if ((fn == EXPR_FN_LOG && v <= 0) || (fn == EXPR_FN_SQRT && v < 0)) {
		expr_format_number(v, num, sizeof num);
		return eval_error(err, NAN, fn == EXPR_FN_LOG ?
		    "log of a non-positive number (%s)" :
		    "sqrt of a negative number (%s)", num);
	}
	if ((fn == EXPR_FN_ASIN || fn == EXPR_FN_ACOS) && !(fabs(v) <= 1)) {
		expr_format_number(v, num, sizeof num);
		return eval_error(err, NAN, "%s of a number outside [-1, 1] "
		    "(%s)", expr_fn_name(fn), num);
	}
	return 0;
}

/* Adds a point where a function is not differentiable to what is told,
 * once, after "; " when there are others ("..." where they no longer
 * fit). */
static void
kink_add(struct eval *ev, const char *text)
{
	size_t	len = strlen(ev->kink), add = strlen(text);

	if (strstr(ev->kink, text) != NULL)
		return;
	if (len + add + 3 < ev->kink_size)
		snprintf(ev->kink + len, ev->kink_size - len, "%s%s",
		    len > 0 ? "; " : "", text);
	else if (len + 6 < ev->kink_size && strstr(ev->kink, "; ...") == NULL)
		strcpy(ev->kink + len, "; ...");
}

/* Writes into buf (size bytes) what is told where fn is not
 * differentiable, and which derivative is used there: at 0 for a
 * function of one argument, where its arguments tie (both num) for min
 * and max.  Returns 0, leaving buf alone, for a function that is
 * differentiable wherever it is defined. */
int
expr_kink_text(enum expr_fn fn, const char *num, char *buf, size_t size)
{
	static const char *const used[] = {
		[EXPR_FN_ABS] = "0, the mean of its one-sided derivatives "
		    "-1 and 1",
		[EXPR_FN_RELU] = "1/2, the mean of its one-sided derivatives "
		    "0 and 1",
		[EXPR_FN_SIGN] = "0, its derivative on either side",
		[EXPR_FN_HEAVISIDE] = "0, its derivative on either side",
	};

	if (fn == EXPR_FN_MIN || fn == EXPR_FN_MAX)
		snprintf(buf, size, "%s is not differentiable where its "
		    "arguments tie, both %s (the derivative used there is 1/2 "
		    "with respect to each, the mean of its one-sided "
		    "derivatives 0 and 1)", expr_fn_name(fn), num);
	else if (fn < EXPR_FN_BINARY && used[fn] != NULL)
		snprintf(buf, size, "%s is not differentiable at 0 (the "
		    "derivative used there is %s)", expr_fn_name(fn),
		    used[fn]);
	else
		return 0;
	return 1;
}

/* Tells that fn is not differentiable at v when it is not. */
static void
kink_one(struct eval *ev, enum expr_fn fn, double v)
{
	char	text[160];

	if (ev->kink != NULL && v == 0 && expr_kink_text(fn, NULL, text,
	    sizeof text))
		kink_add(ev, text);
}

/* Applies a function to v, refusing operands outside its domain. */
static int
eval_call(enum expr_fn fn, double v, double *out, struct eval *ev)
{
	char	num[32];

	if (check_domain(fn, v, ev->err) != 0)
		return -1;
	switch (fn) {
	case EXPR_FN_EXP:	*out = exp(v);		break;
	case EXPR_FN_LOG:	*out = log(v);		break;
	case EXPR_FN_SQRT:	*out = sqrt(v);		break;
	case EXPR_FN_SIN:	*out = sin(v);		break;
	case EXPR_FN_COS:	*out = cos(v);		break;
	case EXPR_FN_TAN:	*out = tan(v);		break;
	case EXPR_FN_TANH:	*out = tanh(v);		break;
	case EXPR_FN_ABS:	*out = fabs(v);		break;
	case EXPR_FN_RELU:	*out = v > 0 ? v : 0;	break;
	case EXPR_FN_SOFTPLUS:	*out = softplus(v);	break;
	case EXPR_FN_ATAN:	*out = atan(v);		break;
	case EXPR_FN_ASIN:	*out = asin(v);		break;
	case EXPR_FN_ACOS:	*out = acos(v);		break;
	case EXPR_FN_SINH:	*out = sinh(v);		break;
	case EXPR_FN_COSH:	*out = cosh(v);		break;
	case EXPR_FN_SIGN:	*out = sign(v);		break;
	case EXPR_FN_HEAVISIDE:	*out = heaviside(v);	break;
	default:		*out = sigmoid(v);	break;
	}
	kink_one(ev, fn, v);
	if (isfinite(*out)) {
		/* exp, σ and softplus are never 0: a 0 is an underflow. */
		if (*out == 0 && (fn == EXPR_FN_EXP ||
		    fn == EXPR_FN_SIGMOID || fn == EXPR_FN_SOFTPLUS)) {
			expr_format_number(v, num, sizeof num);
			underflow(ev, "%s(%s)", expr_fn_name(fn), num);
		}
		return 0;
	}
	expr_format_number(v, num, sizeof num);
	return eval_error(ev->err, INFINITY, "overflow in %s(%s)",
	    expr_fn_name(fn), num);
}

/* Applies min or max to a and b; at a tie, tells which derivative is
 * used there. */
static int
eval_call2(enum expr_fn fn, double a, double b, double *out, struct eval *ev)
{
	char	num[32], text[224];

	*out = fn == EXPR_FN_MIN ? fmin(a, b) : fmax(a, b);
	if (a != b || ev->kink == NULL)
		return 0;
	expr_format_number(a, num, sizeof num);
	(void)expr_kink_text(fn, num, text, sizeof text);
	kink_add(ev, text);
	return 0;
}

/* Raises b to the power p, refusing a negative base to a fractional
 * power and zero to a negative one. */
static int
eval_pow(double b, double p, double *out, struct eval *ev)
{
	char	bs[32], ps[32];
	int	bad_base = b < 0 && !expr_is_integer(p);
	int	pole = b == 0 && p < 0;

	if (!bad_base && !pole && isfinite(*out = pow(b, p))) {
		if (*out != 0 || b == 0)
			return 0;
	}
	/* Only a message needs the operands as text. */
	expr_format_number(b, bs, sizeof bs);
	expr_format_number(p, ps, sizeof ps);
	if (bad_base)
		return eval_error(ev->err, NAN, "negative base (%s) to a "
		    "non-integer power (%s)", bs, ps);
	if (pole)
		return eval_error(ev->err, NAN, "division by zero in 0^%s",
		    ps);
	if (*out == 0) {
		underflow(ev, "%s^%s", bs, ps);
		return 0;
	}
	return eval_error(ev->err, INFINITY, "overflow in %s^%s", bs, ps);
}

/* Evaluates a sum or a product, left to right. */
static int
eval_chain(const struct expr *e, struct eval *ev, double *out)
{
	struct expr_error	*err = ev->err;
	double			 v, r, before;
	size_t			 i;
	unsigned		 mark;

	r = e->kind == EXPR_SUM ? 0 : 1;
	for (i = 0; i < e->n; i++) {
		mark = ev->underflows;
		if (eval_node(e->kids[i], ev, &v) != 0)
			return -1;
		before = r;
		if (e->kind == EXPR_SUM)
			r += v;
		else if (!e->inv[i])
			r *= v;
		else if (v == 0)
			return divide_by_zero(ev, r, mark);
		else
			r /= v;
		if (check_finite(r, err, e->kind == EXPR_SUM ? "addition" :
		    e->inv[i] ? "division" : "multiplication") != 0)
			return -1;
		if (e->kind == EXPR_PROD && r == 0 && before != 0 && v != 0)
			underflow(ev, "a product");
	}
	*out = r;
	return 0;
}

/* Evaluates a node. */
static int
eval_kind(const struct expr *e, struct eval *ev, double *out)
{
	double	a, b;

	switch (e->kind) {
	case EXPR_NUM:
		*out = e->value;
		return 0;
	case EXPR_PI:
		*out = PI_VALUE;
		return 0;
	case EXPR_E:
		*out = E_VALUE;
		return 0;
	case EXPR_VAR:
		*out = ev->inputs[e->slot];
		if (isfinite(*out))
			return 0;
		eval_error(ev->err, *out, "input %lu is not finite",
		    (unsigned long)e->slot);
		ev->err->input = e->slot;
		return -1;
	case EXPR_NEG:
		if (eval_node(e->kids[0], ev, &a) != 0)
			return -1;
		*out = -a;
		return 0;
	case EXPR_SUM:
	case EXPR_PROD:
		return eval_chain(e, ev, out);
	case EXPR_POW:
		if (eval_node(e->kids[0], ev, &a) != 0 ||
		    eval_node(e->kids[1], ev, &b) != 0)
			return -1;
		return eval_pow(a, b, out, ev);
	default:
		if (eval_node(e->kids[0], ev, &a) != 0)
			return -1;
		if (e->n == 1)
			return eval_call(e->fn, a, out, ev);
		if (eval_node(e->kids[1], ev, &b) != 0)
			return -1;
		return eval_call2(e->fn, a, b, out, ev);
	}
}

/* Doubles the memo's table, keeping this generation's entries; -1 when
 * out of memory (the memo then just stops remembering). */
static int
memo_grow(struct expr_memo *mo)
{
	struct memo_slot	*old = mo->slots, *s;
	size_t			 cap = mo->cap ? mo->cap * 2 : 64, i, h;

	if ((mo->slots = mem_calloc(cap, sizeof(*s))) == NULL) {
		mo->slots = old;
		return -1;
	}
	for (i = 0; i < mo->cap; i++) {
		if (old[i].key == NULL || old[i].gen != mo->gen)
			continue;
		for (h = (uintptr_t)old[i].key >> 4 & (cap - 1);
		    mo->slots[h].key != NULL; h = (h + 1) & (cap - 1))
			;
		mo->slots[h] = old[i];
	}
	mem_free(old);
	mo->cap = cap;
	return 0;
}

/* Evaluates a node, through the memo when it is an inner node that more
 * than one tree holds (the σ(u) that each local derivative of σ(u)
 * repeats): each is evaluated once per set of inputs.  A failure is not
 * remembered: it ends the evaluation. */
static int
eval_node(const struct expr *e, struct eval *ev, double *out)
{
	struct expr_memo	*mo = ev->memo;
	size_t			 h;
	unsigned		 mark = ev->underflows;

	if (mo == NULL || e->n == 0 || e->refs < 2)
		return eval_kind(e, ev, out);
	if (mo->used * 2 >= mo->cap && memo_grow(mo) != 0)
		return eval_kind(e, ev, out);
	for (h = (uintptr_t)e >> 4 & (mo->cap - 1);
	    mo->slots[h].key != NULL && mo->slots[h].gen == mo->gen;
	    h = (h + 1) & (mo->cap - 1)) {
		if (mo->slots[h].key == e) {
			*out = mo->slots[h].value;
			/* Its description is the last one's: the same
			 * operands, in one set of inputs. */
			ev->underflows += mo->slots[h].underflowed;
			return 0;
		}
	}
	if (eval_kind(e, ev, out) != 0)
		return -1;
	/* The recursion may have grown the table: probe again. */
	for (h = (uintptr_t)e >> 4 & (mo->cap - 1);
	    mo->slots[h].key != NULL && mo->slots[h].gen == mo->gen;
	    h = (h + 1) & (mo->cap - 1))
		;
	mo->slots[h].key = e;
	mo->slots[h].gen = mo->gen;
	mo->slots[h].value = *out;
	mo->slots[h].underflowed = ev->underflows != mark;
	mo->used++;
	return 0;
}

/* Evaluates the tree with inputs[i] the value of slot i; 0 or -1.  err
 * is written only on failure: evaluation runs once per variable per
 * finite difference, and clearing a kilobyte each time would show. */
int
expr_eval(const struct expr *e, const double *inputs, double *out,
    struct expr_error *err)
{
	return expr_eval_memo(e, inputs, out, err, NULL);
}

/* The same, remembering shared subtrees' values in memo. */
int
expr_eval_memo(const struct expr *e, const double *inputs, double *out,
    struct expr_error *err, struct expr_memo *memo)
{
	return expr_eval_kink(e, inputs, out, err, memo, NULL, 0);
}

/* The same, telling in kink (size bytes, emptied first) where a function
 * is not differentiable at these inputs. */
int
expr_eval_kink(const struct expr *e, const double *inputs, double *out,
    struct expr_error *err, struct expr_memo *memo, char *kink, size_t size)
{
	struct eval	ev;

	ev.inputs = inputs;
	ev.err = err;
	ev.memo = memo;
	ev.underflows = 0;
	ev.tiny[0] = '\0';
	ev.kink = size > 0 ? kink : NULL;
	ev.kink_size = size;
	if (ev.kink != NULL)
		ev.kink[0] = '\0';
	if (eval_node(e, &ev, out) != 0)
		return -1;
	if (*out == 0)
		*out = 0;
	return 0;
}

/* Makes an empty memo; NULL when out of memory. */
struct expr_memo *
expr_memo_new(void)
{
	return mem_calloc(1, sizeof(struct expr_memo));
}

/* Forgets every value: the inputs are about to change.  O(1). */
void
expr_memo_clear(struct expr_memo *mo)
{
	mo->gen++;
	mo->used = 0;
}

/* Frees the memo. */
void
expr_memo_free(struct expr_memo *mo)
{
	if (mo == NULL)
		return;
	mem_free(mo->slots);
	mem_free(mo);
}
