/*
 * The numbers at the model's point: every value, every local derivative's
 * formula and value, and for each derivative the total by forward and by
 * reverse accumulation, the direct term alone, and a central finite
 * difference of the whole model.  Computed once by infdiag_analyze() when
 * the question asks for numbers; the printers only read them.
 *
 * A variable's value is known when it is independent with a "value", or
 * has an "expr" whose inputs' values are known.  A local derivative's value
 * is known from "partials", or from the derivative of "expr" at known
 * input values.  A derivative has a value when every local derivative on
 * its paths is known.  Cost: one evaluation of each expression and of each
 * local derivative, O(V + E) for the reverse sweep, the arrows leaving
 * the variables on the paths for each forward sweep, and two
 * re-evaluations of the variables on the paths for each finite
 * difference, within CHECK_BUDGET expression nodes in all.
 */
#ifndef INFDIAG_NUMBERS_H
#define INFDIAG_NUMBERS_H

#include <stdint.h>

#include "infdiag.h"
#include "notation.h"

struct infdiag_analysis;
struct deriv;
struct expr;
struct strbuf;

/* Why a number is not finite: at its origin (an operation outside its
 * domain or beyond the range of a double, text set), or because an input
 * value it read was not finite (from set). */
struct num_fail {
	uint32_t	 v;		/* the variable */
	uint32_t	 slot;		/* v's input slot for a local
					   derivative, INFDIAG_NONE for v's
					   value */
	uint32_t	 from;		/* the input read, or INFDIAG_NONE */
	char		*text;		/* at the origin: what went wrong, in
					   which formula, at which inputs */
};

/*
 * A number that cannot be computed at the point is kept, not fatal: NaN
 * when it is undefined (outside a function's domain, 0/0), an infinity
 * when it overflows; its *_fail entry says why.  numbers_compute() then
 * judges them by one rule (SPEC 5.1): the run fails only when a requested
 * derivative d of/d wrt is not finite (its verdict); every other failure
 * is a warning.
 */
struct numbers {
	double		*value;		/* by variable */
	unsigned char	*known;		/* by variable: value known (finite
					   or not) */
	uint32_t	*value_fail;	/* by variable: 1 + index in fail, or
					   0 */
	uint32_t	*local_fail;	/* by input position: the same */
	struct num_fail	*fail;
	size_t		 nfail;
	struct infdiag_error verdict;	/* the first requested derivative
					   that is not finite; status
					   INFDIAG_OK when none */
	char		**warnings;	/* the other failures, one line each */
	size_t		 nwarnings;
	char		**kinks;	/* where a function is not
					   differentiable at the point, and
					   the derivative used: one line for
					   each variable, at most 8 */
	size_t		 nkinks;
	size_t		 kinks_more;	/* the variables beyond those */
	struct expr	**dexpr;	/* by input position: d v / d input */
	double		*local;		/* by input position: its value */
	unsigned char	*local_known;	/* by variable: all its locals known */
	double		*adjoint;	/* by variable: d of / d v */
	unsigned char	*adjoint_known;
	uint32_t	*out_pos;	/* by consumer arrow (out_idx order):
					   its input position */
	int		 any;		/* some derivative has a value */
};

/* The numbers of one derivative. */
struct deriv_numbers {
	int	has_value;
	double	forward;
	double	reverse;
	uint32_t fail;		/* why forward is not finite: 1 + index in
				   the numbers' fail, or 0 */
	int	has_check;
	double	fd;
	double	fd_error;	/* |fd - value| / fd_scale */
	double	fd_scale;	/* max(|value|, |fd|, 1) */
	int	fd_ok;		/* fd_error is within CHECK_TOLERANCE */
	const char *fd_note;	/* why there is no check, or NULL */
	int	has_partial;	/* wrt is a direct input: its term alone */
	double	partial;
	uint32_t partial_fail;	/* why partial is not finite, as fail */
	int	closed_omitted;	/* why closed is NULL when it is left out for
				   size: CLOSED_OMITTED_*, else 0 */
	struct expr *closed;	/* d of/d wrt with every variable written in
				   terms of the independent ones, or NULL */
};

/* The most a finite difference may differ from the derivative, relative
 * to max(|value|, |fd|, 1), for the check to pass. */
#define CHECK_TOLERANCE	1e-6

/* Why a derivative has no finite-difference check (its fd_note), in the
 * words the report's what-if shows too (write_html_data.c). */
#define FD_NOTE_NOT_FINITE	"the derivative is not a finite number at " \
				"the point"
#define FD_NOTE_SAMPLE		"on a model this large, only a sample of " \
				"the derivatives is checked"
#define FD_NOTE_SIDES		"the model cannot be evaluated on both " \
				"sides of the point"
#define FD_NOTE_OVERFLOW	"the finite difference overflows"

/* The most points where a function is not differentiable told; the rest
 * are counted.  What one variable meets is told in fewer than
 * NUMBERS_KINK_SIZE bytes. */
#define NUMBERS_KINKS_MAX	8
#define NUMBERS_KINK_SIZE	1024

/* Where the report's what-if fills in a number in a text it is given
 * (write_html_data.c): a control character, which no text of the
 * numbers holds otherwise. */
#define NUMBERS_HOLE		"\x01"

/* Computes the numbers, keeping those that are not finite with the
 * reason (see struct numbers); fails only when out of memory. */
int	numbers_compute(struct infdiag_analysis *, struct infdiag_error *);
/* The finite-difference check (numbers_check.c): plans which derivatives
 * are checked (a cost each, in cost[], and every stride-th checkable one
 * on a large model), and checks d, marking the variables on its paths in
 * on[] with stamp, with vals and in as scratch. */
int	numbers_check_plan(const struct infdiag_analysis *, uint64_t *cost,
	    uint32_t *stride);
void	numbers_check(const struct infdiag_analysis *, struct deriv *,
	    uint32_t *on, uint32_t stamp, double *vals, double *in);
void	numbers_free(struct infdiag_analysis *);

/* Appends the formula of v's local derivative with respect to its input
 * number slot, simplified; returns 0 when v has no expression. */
int	numbers_local_formula(struct strbuf *, const struct infdiag_analysis *,
	    uint32_t v, uint32_t slot, enum style);
/* The largest closed form shown, in nodes, and the most ancestors of of
 * for which one is attempted. */
#define CLOSED_MAX_NODES	40
#define CLOSED_MAX_VARS		64
/* Why a closed form is left out for size (closed_omitted): the output
 * depends on more than CLOSED_MAX_VARS variables, or the form grows past
 * CLOSED_MAX_NODES. */
#define CLOSED_OMITTED_VARS	1
#define CLOSED_OMITTED_NODES	2
/* The most expression nodes evaluated, per side, by the finite-difference
 * checks; beyond it an evenly spread sample of the derivatives is checked
 * (a model with 10^5 weights would otherwise re-evaluate its cone 10^5
 * times). */
#define CHECK_BUDGET		((uint64_t)1 << 21)

/* Fills tangent[v] = dv/d(wrt) for the variables v on d's paths, by one
 * forward sweep; returns 0 when a local derivative there is unknown. */
int	numbers_tangents(const struct infdiag_analysis *, const struct deriv *,
	    double *tangent);

/* Appends d's closed form; returns 0 when it has none. */
int	numbers_closed_form(struct strbuf *, const struct infdiag_analysis *,
	    const struct deriv *, enum style);

/* Says whether the model gave any number: a known value or local
 * derivative among the ancestors of of. */
int	numbers_any(const struct infdiag_analysis *);
/* The failure that made entry idx of the failures fail first. */
const struct num_fail *numbers_fail_origin(const struct numbers *,
	    uint32_t idx);
/* Appends why x, a number that is not finite, is so, starting with
 * "undefined" or "overflow": the failure fail (1 + index in the numbers'
 * fail, 0 for none known) says it, else a general reason. */
void	numbers_note(struct strbuf *, const struct infdiag_analysis *,
	    uint32_t fail, double x);
/* The lines that tell where a function is not differentiable at the
 * point (abs or relu at 0, max or min at a tie) and which derivative is
 * used there, for the ancestors of of: their number, and line i, in
 * ASCII ("abs is not differentiable at 0 (the derivative used there is
 * 0, ...) in y = abs(x), with x = 0"). */
size_t	numbers_kink_count(const struct infdiag_analysis *);
void	numbers_kink(struct strbuf *, const struct infdiag_analysis *,
	    size_t i);
/* The line that counts the rest ("and 3 more variables ..."), count
 * spelled. */
void	numbers_kinks_more(struct strbuf *, const char *count);
/* The text told of v after what it meets: " in y = abs(x), with x = 0",
 * with NUMBERS_HOLE for each input's value. */
void	numbers_kink_where(struct strbuf *, const struct infdiag_analysis *,
	    uint32_t v);
/* Appends a finite-difference check's error under its true name,
 * "relative error 7.2e-12" (the scale max(|value|, |fd|, 1) is above 1)
 * or "absolute error 5.7e-12" (it is 1), followed by ", MISMATCH: over the
 * tolerance 1e-06" when the check fails. */
void	numbers_check_error(struct strbuf *, const struct deriv_numbers *);
/* The same words for an error spelled, relative or not, ok or not. */
void	numbers_check_words(struct strbuf *, int relative, const char *error,
	    int ok);
/* The value of a path's term (len variables from wrt to of, every local
 * derivative on it known): the product of its local derivatives, or
 * undefined (NaN) when a variable on it is. */
double	numbers_path_term(const struct infdiag_analysis *, const uint32_t *path,
	    uint32_t len);

#endif /* INFDIAG_NUMBERS_H */
