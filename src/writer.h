/*
 * The one writer every printer uses: a scratch string that is written out
 * at once, line by line or in large writes, so that output is streamed
 * whatever the model's size; model text escaped for the format it lands
 * in; and the words every listing of paths ends with.
 */
#ifndef INFDIAG_WRITER_H
#define INFDIAG_WRITER_H

#include <stdint.h>
#include <stdio.h>

#include "infdiag.h"
#include "notation.h"
#include "progress.h"
#include "strbuf.h"

struct deriv;

/* A writer of one analysis to one stream.  The printers append to sb and
 * flush; tex is the scratch for one formula (a form of JSON's, the LaTeX
 * of the report's MathML) and src for a block's LaTeX to copy. */
struct writer {
	const struct infdiag_analysis	*a;
	const struct infdiag_model	*m;
	FILE				*fp;
	enum style			 style;
	struct strbuf			 sb;	/* scratch */
	struct strbuf			 tex;
	struct strbuf			 src;
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

/* Starts writing a in a style to fp: the writing stage's progress begins.
 * a may be NULL for a writer of the model alone (set w->m then). */
void	writer_begin(struct writer *, const struct infdiag_analysis *,
	    FILE *, enum style);
/* Ends writing: frees the scratch, ends the stage when nothing failed and
 * says whether anything did (-1: out of memory). */
int	writer_end(struct writer *);

/* Appends model text outside mathematics in a mode. */
void	writer_plain(struct writer *, const char *, enum plain_mode);

/* Writes the scratch string and empties it. */
void	writer_flush(struct writer *);
/* Writes the scratch string and empties it once it holds WRITER_SPILL
 * bytes: for long listings, called after each item. */
#define WRITER_SPILL	65536
void	writer_spill(struct writer *);

/* Says why d's closed form is left out for its size, or NULL when it is
 * shown or was never to be had (every format says so in one line). */
const char *write_closed_omitted(const struct infdiag_analysis *,
	    const struct deriv *);

/* Says whether the analysis should list another path of d after n. */
int	writer_more_paths(const struct writer *, uint64_t n);
/* Appends "(showing N of M paths; --max-paths lists more)" between before
 * and after when the listing of d's paths stopped at shown, short of them
 * all; says whether it did. */
int	writer_paths_tail(struct writer *, const struct deriv *,
	    uint64_t shown, const char *before, const char *after);

#endif /* INFDIAG_WRITER_H */
