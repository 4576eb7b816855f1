/*
 * HTML escaping and MathML made from the notation's LaTeX, for the report.
 */
#ifndef INFDIAG_MATHML_H
#define INFDIAG_MATHML_H

#include <stddef.h>

struct strbuf;

/* Appends len bytes (or a string) escaped for HTML text and attributes. */
void	html_escape_n(struct strbuf *, const char *, size_t);
void	html_escape(struct strbuf *, const char *);
/* Appends the MathML of LaTeX as an <mrow>, without the math element. */
void	mathml_from_latex(struct strbuf *, const char *tex);

#endif /* INFDIAG_MATHML_H */
