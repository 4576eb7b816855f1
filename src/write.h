/*
 * The printers of an analysis, one file per format.  They only read the
 * analysis and write through the one writer (writer.h).
 */
#ifndef INFDIAG_WRITE_H
#define INFDIAG_WRITE_H

#include <stdio.h>

#include "infdiag.h"
#include "writer.h"

int	write_text(struct writer *, enum infdiag_part);
int	write_text_numbers(struct writer *);
/* The derivation narrated: text (w->style TEXT or ASCII) or Markdown
 * (markdown != 0, w->style LATEX). */
int	write_explain(struct writer *, int markdown);
int	write_json(struct writer *, enum infdiag_part);
/* Append a JSON string (len bytes of UTF-8, escaped) and a number (the
 * shortest text that reads back the same; null when not finite). */
void	write_json_string(struct strbuf *, const char *, size_t);
void	write_json_number(struct strbuf *, double);
/* LaTeX (markdown 0; standalone: a whole document) or Markdown. */
int	write_tex(struct writer *, enum infdiag_part, int markdown,
	    int standalone);
/* What comes before and after a LaTeX part (the packages a fragment
 * needs, in a comment, or a document's preamble; its end), and the
 * model's title as the top heading (LaTeX or Markdown). */
void	write_tex_begin(struct writer *, int standalone);
void	write_tex_end(struct writer *, int standalone);
void	write_tex_title(struct writer *, int markdown);
/* Appends a variable's symbol as inline mathematics, $\theta_{1}$. */
void	write_tex_symbol(struct writer *, uint32_t);
/* The Markdown section linking the diagrams written beside the file
 * (infdiag_write_markdown_figures()). */
void	write_md_figures(struct writer *, const char *stem);
/* The derivation narrated in LaTeX. */
int	write_explain_tex(struct writer *, int standalone);


#endif /* INFDIAG_WRITE_H */
