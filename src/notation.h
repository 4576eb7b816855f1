/*
 * How the calculus is written: variable symbols, local derivatives (∂ or
 * d by the sink's number of inputs), total derivatives, perturbations, in
 * Unicode text, plain ASCII or LaTeX.
 */
#ifndef INFDIAG_NOTATION_H
#define INFDIAG_NOTATION_H

#include <stdint.h>

struct infdiag_model;
struct note_symbols;
struct strbuf;

enum style {
	STYLE_TEXT,	/* ∂y/∂x, δx, · */
	STYLE_ASCII,	/* del y/del x, delta x, * */
	STYLE_LATEX	/* \frac{\partial y}{\partial x}, \delta x, \, */
};

/* Appends v's symbol: its name, or in LaTeX its "latex" key or the symbol
 * made from its name (theta_1 -> \theta_{1}), spelled once per model into
 * a table on first use. */
void	note_symbol(struct strbuf *, const struct infdiag_model *, uint32_t,
	    enum style);
/* Frees the model's table of symbols (infdiag_model_free()). */
void	note_symbols_free(struct note_symbols *);
/* Appends the LaTeX symbol made from a name. */
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

/* The number of scalars in v: the product of its shape (1 for a scalar). */
uint64_t note_size(const struct infdiag_model *, uint32_t v);
/* Says whether any variable of the model declares a non-scalar shape. */
int	note_has_shapes(const struct infdiag_model *);
/* Appends "rows×cols" (2x3 in ASCII, 2 \times 3 in LaTeX). */
void	note_dims(struct strbuf *, uint64_t rows, uint64_t cols, enum style);

#endif /* INFDIAG_NOTATION_H */
