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

struct numbers {
	double		*value;		/* by variable */
	unsigned char	*known;		/* by variable: value known */
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
	int	has_check;
	double	fd;
	double	fd_error;	/* relative */
	const char *fd_note;	/* why there is no check, or NULL */
	int	has_partial;	/* wrt is a direct input: its term alone */
	double	partial;
	struct expr *closed;	/* d of/d wrt with every variable written in
				   terms of the independent ones, or NULL */
};

/* Computes the numbers; fails with INFDIAG_ENUMERIC naming the variable,
 * its expression and its inputs' values when an evaluation fails. */
int	numbers_compute(struct infdiag_analysis *, struct infdiag_error *);
void	numbers_free(struct infdiag_analysis *);

/* Appends the formula of v's local derivative with respect to its input
 * number slot, simplified; returns 0 when v has no expression. */
int	numbers_local_formula(struct strbuf *, const struct infdiag_analysis *,
	    uint32_t v, uint32_t slot, enum style);
/* The largest closed form shown, in nodes, and the most ancestors of of
 * for which one is attempted. */
#define CLOSED_MAX_NODES	40
#define CLOSED_MAX_VARS		64
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
/* Appends a number for people: %.12g, with a real minus sign in text. */
void	numbers_format(struct strbuf *, double, enum style);

#endif /* INFDIAG_NUMBERS_H */
