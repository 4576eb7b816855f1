/*
 * The points where a function of the model is not differentiable (abs or
 * relu at 0, max or min at a tie), told with the derivative used there in
 * every output that shows the numbers: numbers.c finds them, and each
 * printer calls one of these.
 */
#include <stdlib.h>

#include <jansson.h>

#include "mathml.h"
#include "numbers.h"
#include "strbuf.h"
#include "write.h"
#include "write_kinks.h"

/* Writes the lines in text, LaTeX or Markdown (mode), after a blank
 * line, each a note of its own. */
void
writer_kinks(struct writer *w, enum plain_mode mode)
{
	static const char *const lead[] = {
		[PLAIN_TEXT] = "  note: ", [PLAIN_LINE] = "% note: ",
		[PLAIN_MARKDOWN] = "- **Note:** ",
		[PLAIN_LATEX] = "\\noindent Note: "
	};
	struct strbuf	line = STRBUF_INIT;
	size_t		i, n = numbers_kink_count(w->a);

	for (i = 0; i < n; i++) {
		strbuf_truncate(&line, 0);
		numbers_kink(&line, w->a, i);
		if (strbuf_failed(&line))
			w->nomem = 1;
		strbuf_add(&w->sb, i == 0 ? "\n" : "");
		strbuf_add(&w->sb, lead[mode]);
		writer_plain(w, strbuf_str(&line), mode);
		strbuf_add(&w->sb, mode == PLAIN_LATEX ? "\\par\n" : "\n");
		writer_flush(w);
	}
	strbuf_release(&line);
}

/* Writes the lines as a JSON member, "notes": ["...", ...], when there
 * are any. */
void
writer_kinks_json(struct writer *w)
{
	struct strbuf	 line = STRBUF_INIT;
	json_t		*s;
	char		*enc;
	size_t		 i, n = numbers_kink_count(w->a);

	for (i = 0; i < n; i++) {
		strbuf_truncate(&line, 0);
		numbers_kink(&line, w->a, i);
		s = strbuf_failed(&line) ? NULL : json_string(strbuf_str(&line));
		enc = s == NULL ? NULL : json_dumps(s, JSON_ENCODE_ANY);
		if (enc == NULL)
			w->nomem = 1;
		else {
			strbuf_add(&w->sb, i == 0 ? "  \"notes\": [" : ", ");
			strbuf_add(&w->sb, enc);
		}
		free(enc);
		json_decref(s);
	}
	if (n > 0)
		strbuf_add(&w->sb, "],\n");
	writer_flush(w);
	strbuf_release(&line);
}

/* Appends the lines to an HTML page, each a paragraph of class "note". */
void
html_kinks(struct strbuf *sb, const struct infdiag_analysis *a)
{
	struct strbuf	line = STRBUF_INIT;
	size_t		i, n = numbers_kink_count(a);

	for (i = 0; i < n; i++) {
		strbuf_truncate(&line, 0);
		numbers_kink(&line, a, i);
		if (strbuf_failed(&line))
			sb->failed = 1;
		strbuf_add(sb, "<p class=\"note\">Note: ");
		html_escape(sb, strbuf_str(&line));
		strbuf_add(sb, "</p>\n");
	}
	strbuf_release(&line);
}
