/*
 * How the calculus is written: variable symbols, local derivatives (∂ or
 * d by the sink's number of inputs), total derivatives, perturbations,
 * f(x, g) and the expressions of a model, in every style: Unicode text,
 * plain ASCII, LaTeX, MathML and Graphviz's HTML-like labels.  One place
 * spells them all (notation.c), from one table of LaTeX commands
 * (notation_tex.c); the diagrams' Unicode is drawn from the LaTeX by
 * notation_gv.c.  A new style (TikZ, Beamer) is a new value here.
 */
#ifndef INFDIAG_NOTATION_H
#define INFDIAG_NOTATION_H

#include <stddef.h>
#include <stdint.h>

struct expr;
struct infdiag_model;
struct strbuf;

/* The styles.  Text and ASCII write a variable as its name; the others
 * as its symbol: its "latex" key, or the one made from its name. */
enum style {
	STYLE_TEXT,	/* ∂y/∂x, δx, · */
	STYLE_ASCII,	/* del y/del x, delta x, * */
	STYLE_LATEX,	/* \frac{\partial y}{\partial x}, \delta x, \, */
	STYLE_MATHML,	/* the LaTeX as MathML, without the math element */
	STYLE_GV_HTML	/* a Graphviz HTML-like label: ∂θ̂₁,₁/∂x, escaped */
};

/* Appends v's symbol: its name in text and ASCII; else its "latex" key or
 * the symbol made from its name (theta_1 -> \theta_{1}), in the style; in
 * a diagram (STYLE_GV_HTML) its "label" key comes first. */
void	note_symbol(struct strbuf *, const struct infdiag_model *, uint32_t,
	    enum style);
/* Appends the LaTeX symbol made from a name: theta_1 -> \theta_{1},
 * thetahat_1_1 -> \hat{\theta}_{1,1}, yhat -> \hat{y}, xbar -> \bar{x},
 * x_tilde -> \tilde{x}, net -> \mathrm{net}. */
void	note_latex_name(struct strbuf *, const char *);
/* Appends the local derivative of v with respect to its input p: dv/dp
 * when p is v's only input, else ∂v/∂p. */
void	note_local(struct strbuf *, const struct infdiag_model *, uint32_t v,
	    uint32_t p, enum style);
/* Says whether v's local derivatives are partials (two or more inputs). */
int	note_is_partial(const struct infdiag_model *, uint32_t v);
/* Appends the total derivative dy/dx. */
void	note_total(struct strbuf *, const struct infdiag_model *, uint32_t y,
	    uint32_t x, enum style);
/* Appends the perturbation δv. */
void	note_delta(struct strbuf *, const struct infdiag_model *, uint32_t,
	    enum style);
/* The product sign, the sum sign and the arrow of a path. */
const char *note_times(enum style);
const char *note_plus(enum style);
const char *note_arrow(enum style);
/* Appends v's perturbation rule: δv = Σ local(v,p) δp. */
void	note_rule(struct strbuf *, const struct infdiag_model *, uint32_t v,
	    enum style);
/* Appends model text (an "fn") escaped for the output at hand. */
typedef void (*note_text_fn)(void *ctx, struct strbuf *, const char *);
/* Appends v's function of its inputs, "f(x, g, h)": its "fn" through
 * text_fn, or its own symbol when it has none, then its inputs' symbols,
 * all in the style. */
void	note_function(struct strbuf *, const struct infdiag_model *,
	    uint32_t v, enum style, note_text_fn text_fn, void *ctx);
/* Appends an expression of v's inputs (its "expr", a local derivative) in
 * a style, pretty-printed: θ̂₁,₁·a₁ + x² in a diagram. */
void	note_expr(struct strbuf *, const struct infdiag_model *, uint32_t v,
	    const struct expr *, enum style);

/*
 * Graphviz HTML-like labels (notation_gv.c).
 */

/* The most characters of model text a label draws in one place (a name,
 * a label, an fn, the title), and of a formula: longer text is cut and
 * ends in "…", so that no label grows past what Cairo and Pango can lay
 * out (a label of 10^6 characters aborts inside Cairo). */
#define NOTE_GV_TEXT_MAX	80
#define NOTE_GV_FORMULA_MAX	160

/* Appends len bytes of model text escaped for a label: the markup
 * characters as entities, and the characters XML forbids (control
 * characters, U+FFFE, U+FFFF, malformed bytes) as a space or U+FFFD. */
void	note_gv_textn(struct strbuf *, const char *, size_t len);
/* The length in bytes of the first max characters of s (len bytes of
 * UTF-8), or len when s has no more than max characters. */
size_t	note_gv_cut_length(const char *s, size_t len, size_t max);
/* Appends len bytes of model text escaped, cut after max characters with
 * "…". */
void	note_gv_text(struct strbuf *, const char *, size_t len, size_t max);
/* Appends len bytes of label markup (escaped text, <sub>, <sup>, <b>)
 * cut after max characters of text with "…", its tags kept balanced. */
void	note_gv_markup(struct strbuf *, const char *, size_t len,
	    size_t max);
/* Appends a LaTeX symbol drawn in Unicode for a label: Greek letters as
 * themselves, accents as combining marks (\hat\theta -> θ̂), scripts as
 * Unicode subscript and superscript characters where each character has
 * one (θ₁,₁, x²), else in <sub> or <sup>. */
void	note_gv_from_latex(struct strbuf *, const char *tex);

/* What a LaTeX command does, for the MathML converter. */
enum tex_kind {
	TEX_GREEK,	/* a Greek letter: <mi> */
	TEX_IDENT,	/* another letter-like symbol: <mi> */
	TEX_OPERATOR,	/* <mo> */
	TEX_FUNCTION,	/* \exp: upright, applied to what follows */
	TEX_ACCENT,	/* text is the mark set above the argument */
	TEX_UPRIGHT,	/* \mathrm, \operatorname: the argument's text */
	TEX_FONT,	/* \mathbf: the argument in another font */
	TEX_TEXT,	/* \text: the argument as text */
	TEX_SPACE,	/* text is the width */
	TEX_FRAC,
	TEX_SQRT,
	TEX_DELIMITER,	/* \left, \right */
	TEX_IGNORED	/* \\, \displaystyle */
};

/* A LaTeX command infdiag knows: its name without the backslash, what it
 * does, its character (or mark, or width), and whether a model's "latex"
 * key may use it. */
struct tex_command {
	const char	*name;
	enum tex_kind	 kind;
	const char	*text;
	int		 symbol;
	const char	*mark;		/* an accent's combining mark */
};

/* The command named by len bytes, or NULL when infdiag does not know it:
 * the one table of LaTeX commands (notation_tex.c). */
const struct tex_command *tex_command_find(const char *name, size_t len);
/* The letter-like symbol of the table (\theta) written as the n bytes at
 * s (θ), or NULL. */
const struct tex_command *tex_command_of_char(const char *s, size_t n);
/* Checks a model's "latex" key (SPEC 5.1): 0 when it is allowed, else -1
 * with the reason, "column N: ..." when it has a place, in why (size
 * bytes). */
int	note_latex_check(const char *, char *why, size_t size);

/* The number of scalars in v: the product of its shape (1 for a scalar). */
uint64_t note_size(const struct infdiag_model *, uint32_t v);
/* Says whether any variable of the model declares a non-scalar shape. */
int	note_has_shapes(const struct infdiag_model *);
/* Appends "rows×cols" (2x3 in ASCII, 2 \times 3 in LaTeX). */
void	note_dims(struct strbuf *, uint64_t rows, uint64_t cols, enum style);

/* Words and numbers: how the outputs word what they say and spell a number. */

/* Appends a number for people, to 12 significant digits: its minus sign
 * U+2212 in STYLE_TEXT, ASCII's in STYLE_ASCII (numbers meant to be
 * copied) and STYLE_LATEX; a number that is not finite is "undefined" or
 * "overflow" in words. */
void	note_number(struct strbuf *, double, enum style);
/* The same to digits significant digits (1-17). */
void	note_number_digits(struct strbuf *, double, int digits,
	    enum style);
/* The noun to write after a count of n: one when n is 1, else many. */
const char *note_noun(uint64_t n, const char *one, const char *many);
/* The same for a count written in decimal (however large). */
const char *note_noun_str(const char *count, const char *one,
	    const char *many);
/* Appends "n noun": "1 path", "3 paths". */
void	note_count(struct strbuf *, uint64_t n, const char *one,
	    const char *many);
/* Appends v's symbol as the operand of the differential d (full, not
 * "∂" nor "del "): in parentheses when it starts with the letter d
 * itself, so that the derivative of a variable d reads d(d)/dx. */
void	note_operand(struct strbuf *, const struct infdiag_model *, uint32_t v,
	    const char *d, enum style);
/* Appends, when x is y's only input, the equation of an accumulation that
 * would read dy/dx = dy/dx with each side named: "dy/dx (total) = dy/dx
 * (local)"; says whether it did. */
int	note_total_is_local(struct strbuf *, const struct infdiag_model *,
	    uint32_t y, uint32_t x, enum style);
/* Appends the derivative dy/dx heading a column of a table with one row
 * for each variable: the row's variable, y or x given as INFDIAG_NONE, is
 * written "(variable)", so that the heading cannot be read as a variable
 * of the model. */
void	note_column_total(struct strbuf *, const struct infdiag_model *,
	    uint32_t y, uint32_t x, enum style);

#endif /* INFDIAG_NOTATION_H */
