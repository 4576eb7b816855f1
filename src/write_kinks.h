/*
 * Telling, in each output that shows the numbers, where a function of the
 * model is not differentiable at the point and which derivative is used
 * there (the lines of numbers_kink()).  Nothing is written when there is
 * no such point.
 */
#ifndef INFDIAG_WRITE_KINKS_H
#define INFDIAG_WRITE_KINKS_H

#include "write.h"

struct infdiag_analysis;
struct strbuf;

/* Text ("  note: ..."), LaTeX or Markdown, by the writer's plain mode. */
void	writer_kinks(struct writer *, enum plain_mode);
/* A JSON member "notes": [...] followed by ",\n". */
void	writer_kinks_json(struct writer *);
/* HTML paragraphs of class "note". */
void	html_kinks(struct strbuf *, const struct infdiag_analysis *);

#endif /* INFDIAG_WRITE_KINKS_H */
