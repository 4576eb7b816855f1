/*
 * The teaching report's sections, one file each: write_html.c assembles
 * the page (head, model, decomposition, diagrams, paths, partial versus
 * total), write_html_math.c writes its mathematics, write_html_derive.c
 * the derivatives' forms and write_html_numbers.c the numbers.  All write
 * through the one writer (writer.h), in which tex holds a formula's LaTeX
 * and src a block's LaTeX to copy.
 */
#ifndef INFDIAG_WRITE_HTML_H
#define INFDIAG_WRITE_HTML_H

#include <stdint.h>

#include "writer.h"

/* The most rows a table lists (paths, variables, subgraphs). */
#define REPORT_MAX_ROWS		200
/* The derivatives that get their own paths and partial diagrams. */
#define REPORT_MAX_DIAGRAMS	3

struct deriv;

/* The derivation's steps, as the page marks them (data-step) for the
 * script's step-through. */
enum html_step {
	STEP_DECOMPOSE = 1,	/* the rules (a)-(d) and the clusters */
	STEP_RULES,		/* each sink subgraph's perturbation rule */
	STEP_SUBSTITUTE,	/* the rules substituted: the paths */
	STEP_TERMS,		/* one term per path: the expanded form */
	STEP_FACTORED,		/* the factored and closed forms */
	STEP_FORWARD,		/* forward accumulation */
	STEP_REVERSE		/* reverse accumulation */
};

/* The page's script: the files of src/page/ in order, made into one
 * string by make (src/page_js.c). */
extern const char html_page_js[];

/* Appends a Content-Security-Policy source for len bytes: their SHA-256
 * as 'sha256-BASE64'. */
void	html_csp_hash(struct strbuf *, const char *, size_t);

/* Opens a math element, in a block or inline. */
void	html_math_open(struct strbuf *, int block);
/* Closes a math element whose LaTeX source is tex. */
void	html_math_close(struct strbuf *, const char *tex);
/* Appends the formula in w->tex as MathML and empties w->tex. */
void	html_math(struct writer *, int block);
/* Appends v's symbol as inline MathML. */
void	html_math_symbol(struct writer *, uint32_t v);
/* Appends x's full precision as a data-number attribute when finite. */
void	html_number_attr(struct strbuf *, double x);
/* Appends Graphviz's SVG from its <svg element on, marked for the page's
 * script: arr holds each input position's paths (NULL: none), o says
 * what the diagram draws: its view, derivative and digits
 * (write_html_svg.c). */
void	html_svg_write(struct writer *, const char *svg,
	    const struct strbuf *arr, const struct infdiag_render_options *o);
/* Writes the formula in w->tex and " = x" inline, the number marked
 * attr="name" (nothing when attr is NULL) and with data-number. */
void	html_math_value(struct writer *, double x, const char *attr,
	    const char *name);
/* A block of equations: opened, a row for the equation in w->tex (of a
 * class and after a cell of HTML, each when not NULL), closed with its
 * LaTeX to copy. */
void	html_eqs_open(struct writer *);
void	html_eqs_row(struct writer *, const char *cls, const char *cell);
void	html_eqs_close(struct writer *);
/* Appends LaTeX to copy, escaped; in an align* when aligned. */
void	html_tex_source(struct writer *, const char *tex, int aligned);
/* Appends the display formula in w->tex with its LaTeX to copy. */
void	html_display(struct writer *);

/* Writes d's paths as a table in the paths' colours, builds the expanded
 * equation's MathML in colour into eq and says how many were shown; -1
 * when out of memory. */
int	html_paths_table(struct writer *, const struct deriv *,
	    struct strbuf *eq, uint64_t *shown);
/* Writes the factored form, the closed form and the forward equations. */
int	html_deriv_forms(struct writer *, const struct deriv *);
/* Writes the reverse equations, from the output down. */
void	html_reverse(struct writer *);
/* Writes the numbers section; -1 when out of memory. */
int	html_numbers(struct writer *);
/* Writes the what-if data (write_html_data.c): the parsed expressions,
 * their symbolic local derivatives and the paths, as JSON in a
 * <script type="application/json" id="infdiag-data">; -1 when out of
 * memory. */
int	html_data_write(struct writer *);

#endif /* INFDIAG_WRITE_HTML_H */
