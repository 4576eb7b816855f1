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
int	write_tex(struct writer *, enum infdiag_part, int markdown);

#endif /* INFDIAG_WRITE_H */
