/*
 * The expression language of a variable's "expr" (SPEC §2): numbers,
 * input names, the constants pi and e, + - * / ^ (right-associative),
 * unary minus, parentheses, and exp log sqrt sin cos tan tanh sigmoid abs
 * relu softplus atan asin acos sinh cosh sign heaviside, and min and max
 * of two arguments.
 *
 * A parsed expression refers to its variable's inputs by slot: slot i is
 * the variable's i-th input.  Trees are immutable once built; every
 * function that returns a tree returns a new one the caller frees with
 * expr_free().  Trees share subtrees through reference counts that are
 * not atomic, so two threads must not use one tree at once.  The parser
 * refuses nesting deeper than EXPR_MAX_DEPTH and no tree is ever built
 * deeper than a small multiple of it, so no input can exhaust the stack.
 *
 * A name that is also a constant (pi, e) or a function used without its
 * parenthesis is first offered to the resolver: a variable of that name
 * wins, and only otherwise is it the constant.
 */
#ifndef INFDIAG_EXPR_H
#define INFDIAG_EXPR_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;
struct expr;

/* The deepest nesting the parser accepts (parentheses, function calls,
 * unary minus, right-associative powers). */
#define EXPR_MAX_DEPTH	200

/* Why a parse or an evaluation failed.  column is 1-based, counted in
 * characters (UTF-8 code points) of the source; 0 when it does not apply. */
struct expr_error {
	size_t	column;
	int	nomem;
	char	text[1024];
	double	value;	/* evaluation: what the failed tree stands for, NaN
			   (undefined) or an infinity (overflow) */
	uint32_t input;	/* evaluation: the input slot whose value was not
			   finite, or UINT32_MAX when the tree itself failed */
};

/*
 * Maps a name used in an expression to an input slot.  Returns 0 and sets
 * *slot, or -1 after writing the reason into err->text (the parser adds
 * the column).  len is the name's length; name is not NUL-terminated.
 */
typedef int (*expr_resolve_fn)(void *ctx, const char *name, size_t len,
	    uint32_t *slot, struct expr_error *err);

/* Parses len bytes of src.  Returns a new tree, or NULL with err filled
 * ("expected an operand after '+'", column 5). */
struct expr	*expr_parse(const char *src, size_t len, expr_resolve_fn,
		    void *ctx, struct expr_error *err);
void		 expr_free(struct expr *);

/* Says whether the tree uses input slot. */
int		 expr_uses(const struct expr *, uint32_t slot);
/* Sets used[i] to 1 for each slot i the tree uses (used[] has a byte for
 * every slot and is not cleared first): one walk, for a parsed tree. */
void		 expr_mark_used(const struct expr *, unsigned char *used);

/* The derivative with respect to input slot, simplified; NULL when out of
 * memory or when the result would be unreasonably large (the product rule
 * over a product of millions of factors that all use slot). */
struct expr	*expr_derive(const struct expr *, uint32_t slot);
/* The derivatives with respect to each of slots 0 .. n-1 into out[], for
 * the cost of about one each: the tree is simplified once, and each
 * function call's derivative f'(u) is made once and shared by all of
 * them.  Returns 0, or -1 when out of memory (out[] then all NULL). */
int		 expr_derive_all(const struct expr *, uint32_t n,
		    struct expr **out);

/* A simplified copy; NULL only when out of memory. */
struct expr	*expr_simplify(const struct expr *);

/* Evaluates the tree with inputs[i] the value of slot i.  Returns 0 and
 * sets *out, or -1 with err->text saying what failed ("log of a
 * non-positive number (-2)", "division by zero", "overflow in exp(1000)",
 * "underflow in division: ..."), err->value NaN for a number outside a
 * function's domain (or 0/0) and an infinity for one beyond the range of a
 * double, and err->input the slot when an input it read was not finite
 * (err->value is then that input's value). */
int		 expr_eval(const struct expr *, const double *inputs,
		    double *out, struct expr_error *err);
/* Values of shared subtrees remembered across evaluations with the same
 * inputs: the local derivatives of one expression share most of their
 * trees, so evaluating all n of them through one memo costs about one
 * evaluation each, not n times the expression.  Clear it whenever the
 * inputs change. */
struct expr_memo;
struct expr_memo *expr_memo_new(void);
void		 expr_memo_clear(struct expr_memo *);
void		 expr_memo_free(struct expr_memo *);
/* expr_eval() through a memo (NULL: none). */
int		 expr_eval_memo(const struct expr *, const double *inputs,
		    double *out, struct expr_error *, struct expr_memo *);

/* expr_eval_memo() that also tells, in kink (size bytes; "" when there is
 * none), the first point of the tree at which one of its functions is not
 * differentiable at these inputs (abs, relu, sign or heaviside at 0, min
 * or max at a tie) and which derivative is used there: "relu is not
 * differentiable at 0 (the derivative used there is 1/2, ...)".  A value
 * memo remembers hides the points inside it: pass NULL for memo. */
int		 expr_eval_kink(const struct expr *, const double *inputs,
		    double *out, struct expr_error *, struct expr_memo *,
		    char *kink, size_t size);

enum expr_style {
	EXPR_TEXT,	/* Unicode: 2·x, x², π, σ(s), √x */
	EXPR_ASCII,	/* plain ASCII: 2*x, x^2, pi, sigmoid(s), sqrt(x) */
	EXPR_LATEX	/* 2 x, x^{2}, \pi, \sigma\left(s\right), \sqrt{x},
			   \frac{a}{b} */
};

/* Appends the tree to out in a style, with names[i] the symbol for slot i
 * (already in that style: LaTeX symbols for EXPR_LATEX).  Parenthesises by
 * precedence only where needed.  Failure is sticky in out. */
void		 expr_print(const struct expr *, enum expr_style,
		    const char *const *names, struct strbuf *out);
/* Appends the symbol of input slot to out, for expr_print_named(). */
typedef void (*expr_name_fn)(void *ctx, uint32_t slot, struct strbuf *out);
/* expr_print() with each input spelled by name(ctx, slot, out) as it is
 * met: a local derivative of a sum of 10^5 inputs spells only the inputs
 * it uses, not a table of all of them. */
void		 expr_print_named(const struct expr *, enum expr_style,
		    expr_name_fn name, void *ctx, struct strbuf *out);

/* Returns e with each input slot i replaced by subs[i] (trees whose slots
 * are those of a common frame), simplified; NULL when out of memory, when
 * a slot used has no substitute, or when the result would be too deep. */
struct expr	*expr_substitute(const struct expr *,
		    struct expr *const *subs);

/* The number of nodes of e as printed, counted up to just past limit. */
size_t		 expr_count_nodes(const struct expr *, size_t limit);

/* A new leaf: input slot. */
struct expr	*expr_var(uint32_t);

/* True when the tree is the constant 0 (the derivative of an unused input). */
int		 expr_is_zero(const struct expr *);

/* True when the tree is a number or minus a number (not 4π/3); sets
 * *value. */
int		 expr_is_constant(const struct expr *, double *value);

#endif /* INFDIAG_EXPR_H */
