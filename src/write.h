/*
 * The printers of an analysis, one file per format.  They only read the
 * analysis; each line or value is built in a scratch string and written
 * out at once, so output is streamed whatever the model's size.
 */
#ifndef INFDIAG_WRITE_H
#define INFDIAG_WRITE_H

#include <stdio.h>

#include "infdiag.h"
#include "notation.h"
#include "progress.h"
#include "strbuf.h"

struct deriv;

struct writer {
	const struct infdiag_analysis	*a;
	const struct infdiag_model	*m;
	FILE				*fp;
	enum style			 style;
	struct strbuf			 sb;	/* scratch */
	struct strbuf			 form;	/* scratch for one form */
	int				 nomem;
	uint64_t			 written; /* bytes, for progress */
	struct progress			 meter;
};

enum plain_mode {
	PLAIN_TEXT,		/* as it reads, control characters but
				   newline and tab shown as \uXXXX */
	PLAIN_LINE,		/* without line breaks */
	PLAIN_MARKDOWN,		/* Markdown's markup escaped, one line */
	PLAIN_LATEX		/* LaTeX's specials escaped, one line */
};

/* Appends model text outside mathematics in a mode. */
void	writer_plain(struct writer *, const char *, enum plain_mode);

/* Writes the scratch string and empties it. */
void	writer_flush(struct writer *);
/* Writes the scratch string and empties it once it holds WRITER_SPILL
 * bytes: for long listings, called after each item. */
#define WRITER_SPILL	65536
void	writer_spill(struct writer *);

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

/* Says whether the analysis should list another path of d after n. */
int	writer_more_paths(const struct writer *, uint64_t n);

#endif /* INFDIAG_WRITE_H */
