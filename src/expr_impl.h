/*
 * The inside of the expression engine, shared by src/expr*.c only.
 *
 * A tree is made of reference-counted, immutable nodes, so that a
 * derivative can share its operand's subtrees instead of copying them.
 * The counts are not atomic: two threads must not share a tree.
 * Sums and products are n-ary, which keeps a long chain of terms one level
 * deep.  Each node records its depth, and no constructor builds a node
 * deeper than EXPR_WALK_LIMIT, so every recursive walk is bounded.
 */
#ifndef INFDIAG_EXPR_IMPL_H
#define INFDIAG_EXPR_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "expr.h"

/* The deepest tree any function builds or walks.  A parsed tree is at
 * most about 3 * EXPR_MAX_DEPTH deep (a call in a product in a sum per
 * level); derivation and simplification add only a few levels, since
 * nested sums and products are flattened. */
#define EXPR_WALK_LIMIT	(10 * EXPR_MAX_DEPTH)

/* The most factor-times-term pairs the product rule may build: the
 * derivative of an n-factor product in which k factors use the input has
 * k terms of n factors. */
#define EXPR_PRODUCT_WORK	10000000

enum expr_kind {
	EXPR_NUM,		/* value */
	EXPR_PI,
	EXPR_E,
	EXPR_VAR,		/* input slot */
	EXPR_NEG,		/* -kids[0] */
	EXPR_SUM,		/* kids[0] + ... + kids[n - 1] */
	EXPR_PROD,		/* kids[0] * ..., kids[i] divides when inv[i] */
	EXPR_POW,		/* kids[0] ^ kids[1] */
	EXPR_CALL		/* fn(kids[0]), or fn(kids[0], kids[1])
				   for the two-argument min and max */
};

enum expr_fn {
	EXPR_FN_EXP,
	EXPR_FN_LOG,
	EXPR_FN_SQRT,
	EXPR_FN_SIN,
	EXPR_FN_COS,
	EXPR_FN_TAN,
	EXPR_FN_TANH,
	EXPR_FN_SIGMOID,
	EXPR_FN_ABS,
	EXPR_FN_RELU,
	EXPR_FN_SOFTPLUS,
	EXPR_FN_ATAN,
	EXPR_FN_ASIN,
	EXPR_FN_ACOS,
	EXPR_FN_SINH,
	EXPR_FN_COSH,
	EXPR_FN_SIGN,		/* abs' (sign(0) = 0) */
	EXPR_FN_HEAVISIDE,	/* relu', max', min' (H(0) = 1/2) */
	EXPR_FN_MIN,		/* the two-argument functions come last */
	EXPR_FN_MAX,
	EXPR_FN_COUNT
};

/* The first function of two arguments. */
#define EXPR_FN_BINARY	EXPR_FN_MIN

struct expr {
	enum expr_kind	  kind;
	enum expr_fn	  fn;		/* EXPR_CALL */
	size_t		  refs;
	unsigned	  depth;	/* 1 for a leaf */
	uint32_t	  lo;		/* the slots used are in [lo, hi] */
	uint64_t	  hash;		/* equal trees hash equal */
	uint32_t	  slot;		/* EXPR_VAR */
	uint32_t	  hi;		/* (lo > hi: no slot is used) */
	double		  value;	/* EXPR_NUM */
	size_t		  n;		/* number of kids */
	struct expr	**kids;
	unsigned char	 *inv;		/* EXPR_PROD: kid i is a divisor */
};

/* A growing list of operands with divisor flags; failure is sticky. */
struct expr_list {
	struct expr	**kids;
	unsigned char	 *inv;
	size_t		  n;
	size_t		  cap;
	int		  failed;
};

/* expr.c: building nodes.  Every constructor consumes the references it is
 * given, even when it fails; a NULL operand makes it fail, so calls can be
 * nested and checked once. */
struct expr	*expr_num(double);
struct expr	*expr_const(enum expr_kind);
struct expr	*expr_var(uint32_t);
struct expr	*expr_node(enum expr_kind, size_t, struct expr **,
		    const unsigned char *);
struct expr	*expr_neg(struct expr *);
struct expr	*expr_call(enum expr_fn, struct expr *);
struct expr	*expr_call2(enum expr_fn, struct expr *, struct expr *);
struct expr	*expr_pow(struct expr *, struct expr *);
void		 expr_list_push(struct expr_list *, struct expr *, int);
struct expr	*expr_list_finish(struct expr_list *, enum expr_kind);
void		 expr_list_release(struct expr_list *);
struct expr	*expr_ref(struct expr *);
struct expr	*expr_share(const struct expr *);
const char	*expr_fn_name(enum expr_fn);
/* expr_eval.c: what is told where fn is not differentiable (num: the
 * value of min's or max's tied arguments); 0 when it always is. */
int		 expr_kink_text(enum expr_fn, const char *num, char *buf,
		    size_t size);
uint64_t	 expr_hash_mix(uint64_t, uint64_t);

/* expr.c: predicates */
int		 expr_is_num(const struct expr *, double);
int		 expr_is_integer(double);

/* expr_simplify.c: tree equality, and the simplifying constructors, which
 * expect simplified operands and, like the ones above, consume them. */
int		 expr_equal(const struct expr *, const struct expr *);
struct expr	*expr_simplify_neg(struct expr *);
struct expr	*expr_simplify_add(struct expr *, struct expr *);
struct expr	*expr_simplify_sum(size_t, struct expr **);
struct expr	*expr_simplify_prod(size_t, struct expr **,
		    const unsigned char *);
struct expr	*expr_simplify_mul(struct expr *, struct expr *, int);
struct expr	*expr_simplify_pow(struct expr *, struct expr *);
struct expr	*expr_simplify_call(enum expr_fn, struct expr *);
struct expr	*expr_simplify_call2(enum expr_fn, struct expr *,
		    struct expr *);

/* expr_print.c */
void		 expr_format_number(double, char *, size_t);

#endif /* INFDIAG_EXPR_IMPL_H */
