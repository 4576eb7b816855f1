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
int	write_tex(struct writer *, enum infdiag_part, int markdown);

#endif /* INFDIAG_WRITE_H */
