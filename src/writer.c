/*
 * The one writer: buffered output with progress, model text escaped per
 * format, and the tail of a listing of paths.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "infdiag.h"
#include "analysis.h"
#include "error.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "writer.h"

/* Starts writing a in a style to fp. */
void
writer_begin(struct writer *w, const struct infdiag_analysis *a, FILE *fp,
    enum style style)
{
	memset(w, 0, sizeof(*w));
	w->a = a;
	w->m = a != NULL ? a->m : NULL;
	w->fp = fp;
	w->style = style;
	progress_begin(&w->meter, INFDIAG_STAGE_WRITING, 0, PROGRESS_BYTES);
}

/* Frees the scratch and ends the writing stage unless something failed. */
int
writer_end(struct writer *w)
{
	int	nomem = w->nomem || strbuf_failed(&w->tex) ||
		    strbuf_failed(&w->src);

	strbuf_release(&w->sb);
	strbuf_release(&w->tex);
	strbuf_release(&w->src);
	if (nomem)
		return -1;
	progress_end(&w->meter, w->written);
	return 0;
}

/* A numeric macro as the text of its value. */
#define DECIMAL_TEXT(n)	#n
#define DECIMAL(n)	DECIMAL_TEXT(n)

/* Says why d's closed form is left out for its size (closed_forms() in
 * numbers.c decided), or NULL when it is shown, or was never to be had:
 * no numbers asked, no path, a wrt with inputs, or a variable without an
 * expression. */
const char *
write_closed_omitted(const struct infdiag_analysis *a, const struct deriv *d)
{
	if (a->num == NULL)
		return NULL;
	switch (d->num.closed_omitted) {
	case CLOSED_OMITTED_VARS:
		return "left out for size: the output depends on more than "
		    DECIMAL(CLOSED_MAX_VARS) " variables";
	case CLOSED_OMITTED_NODES:
		return "left out for size: it grows past "
		    DECIMAL(CLOSED_MAX_NODES) " symbols";
	default:
		return NULL;
	}
}

/* Writes the scratch string and empties it. */
void
writer_flush(struct writer *w)
{
	if (strbuf_failed(&w->sb))
		w->nomem = 1;
	else if (w->sb.len > 0) {
		fwrite(w->sb.s, 1, w->sb.len, w->fp);
		w->written += w->sb.len;
		progress_at(&w->meter, w->written);
	}
	strbuf_truncate(&w->sb, 0);
	w->sb.failed = 0;
}

/* Writes the scratch string once it holds WRITER_SPILL bytes, so that a
 * listing of many short items goes out in large writes, not one each. */
void
writer_spill(struct writer *w)
{
	if (w->sb.len >= WRITER_SPILL)
		writer_flush(w);
}

/* Says whether another path may be listed after n of them. */
int
writer_more_paths(const struct writer *w, uint64_t n)
{
	return n < w->a->max_paths;
}

/* Appends the tail of a listing of d's paths that stopped short. */
int
writer_paths_tail(struct writer *w, const struct deriv *d, uint64_t shown,
    const char *before, const char *after)
{
	size_t	mark;

	if (mpz_cmp_ui(*analysis_count(w->a, d->wrt), shown) <= 0)
		return 0;
	strbuf_addf(&w->sb, "%s(showing %llu of ", before,
	    (unsigned long long)shown);
	mark = w->sb.len;
	analysis_count_str(&w->sb, w->a, d->wrt, 0);
	strbuf_addf(&w->sb, " %s; --max-paths lists more)%s",
	    note_noun_str(strbuf_str(&w->sb) + mark, "path", "paths"), after);
	return 1;
}

/* The length of what, at the start of a line of Markdown, would make
 * the line a list item or an ordered one, a div or a heading's underline
 * ("-", "+", ":", "=", "12." or "3)"), whose last character is then
 * escaped; 0 when there is none. */
static size_t
markdown_block_mark(const char *s)
{
	size_t	n = 0;

	if (*s != '\0' && strchr("-+:=", *s) != NULL)
		return 1;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n > 0 && (s[n] == '.' || s[n] == ')') ? n + 1 : 0;
}

/* The math accent of a combining mark that may follow a Greek letter
 * (θ̃ is θ, U+0303), or NULL. */
static const char *
combining_accent(uint32_t c)
{
	switch (c) {
	case 0x0302: return "hat";
	case 0x0303: return "tilde";
	case 0x0304: return "bar";
	case 0x0307: return "dot";
	case 0x0308: return "ddot";
	case 0x20d7: return "vec";
	}
	return NULL;
}

/* Appends as LaTeX mathematics (without the $) the character of the len
 * bytes at s when it is a Greek letter or U+2212, with the combining
 * accents that follow it; returns the bytes read, 0 when it is neither. */
static size_t
latex_math_char(struct strbuf *sb, const char *s, size_t len)
{
	const struct tex_command	*t;
	const char			*acc[4];
	uint32_t			 c;
	size_t				 n, m, i, k = 0;

	n = utf8_decode(s, len, &c);
	if (c == 0x2212) {
		strbuf_addc(sb, '-');
		return n;
	}
	if ((t = tex_command_of_char(s, n)) == NULL)
		return 0;
	for (; n < len && k < 4; n += m) {
		m = utf8_decode(s + n, len - n, &c);
		if ((acc[k] = combining_accent(c)) == NULL)
			break;
		k++;
	}
	for (i = k; i-- > 0;)
		strbuf_addf(sb, "\\%s{", acc[i]);
	strbuf_addf(sb, "\\%s", t->name);
	for (i = 0; i < k; i++)
		strbuf_addc(sb, '}');
	return n;
}

/* Appends a Greek letter (with its accents) or U+2212 at s as Markdown's
 * inline mathematics, which pandoc's LaTeX can set; returns the bytes
 * read, 0 for another character. */
static size_t
markdown_math_char(struct writer *w, const char *s)
{
	size_t	mark = w->sb.len, n;

	strbuf_addc(&w->sb, '$');
	if ((n = latex_math_char(&w->sb, s, strlen(s))) == 0)
		strbuf_truncate(&w->sb, mark);
	else
		strbuf_addc(&w->sb, '$');
	return n;
}

/* Appends model text as Markdown, on one line: the characters of
 * Markdown's (and pandoc's) inline markup are escaped with a backslash,
 * HTML's with entities, so that no raw HTML, link, math or code can
 * start; a mark that would start a block at the beginning is escaped
 * too. */
static void
plain_markdown(struct writer *w, const char *s)
{
	size_t	n;

	while (*s == ' ' || *s == '\t')
		s++;
	if ((n = markdown_block_mark(s)) > 0) {
		strbuf_addn(&w->sb, s, n - 1);
		strbuf_addc(&w->sb, '\\');
		strbuf_addc(&w->sb, s[n - 1]);
		s += n;
	}
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t')
			strbuf_addc(&w->sb, ' ');
		else if (*s == '<')
			strbuf_add(&w->sb, "&lt;");
		else if (*s == '>')
			strbuf_add(&w->sb, "&gt;");
		else if (*s == '&')
			strbuf_add(&w->sb, "&amp;");
		else if ((unsigned char)*s >= 0x80 &&
		    (n = markdown_math_char(w, s)) > 0)
			s += n - 1;
		else if (strchr("\\`*_[]|$~#^@", *s) != NULL) {
			strbuf_addc(&w->sb, '\\');
			strbuf_addc(&w->sb, *s);
		} else
			strbuf_addc(&w->sb, *s);
	}
}

/* Appends model text for a LaTeX comment: one line, which is all that
 * TeX reads of it. */
static void
plain_comment(struct writer *w, const char *s)
{
	for (; *s != '\0'; s++)
		strbuf_addc(&w->sb, *s == '\n' || *s == '\r' || *s == '\t' ?
		    ' ' : *s);
}

/* Says whether pdflatex sets c in text with any font encoding: Latin-1's
 * characters but for four letters and two quotes that need T1, and the
 * dashes, quotes, ellipsis and euro sign. */
static int
latex_text_char(uint32_t c)
{
	if (c >= 0xa1 && c <= 0xff)
		return c != 0xab && c != 0xbb && c != 0xd0 && c != 0xde &&
		    c != 0xf0 && c != 0xfe;
	return c == 0x2013 || c == 0x2014 || c == 0x2018 || c == 0x2019 ||
	    c == 0x201c || c == 0x201d || c == 0x2026 || c == 0x20ac;
}

/* Appends one ASCII character as LaTeX text. */
static void
latex_ascii(struct writer *w, char ch)
{
	switch (ch) {
	case '\\': strbuf_add(&w->sb, "\\textbackslash{}"); return;
	case '~': strbuf_add(&w->sb, "\\textasciitilde{}"); return;
	case '^': strbuf_add(&w->sb, "\\textasciicircum{}"); return;
	case '<': strbuf_add(&w->sb, "\\textless{}"); return;
	case '>': strbuf_add(&w->sb, "\\textgreater{}"); return;
	case '|': strbuf_add(&w->sb, "\\textbar{}"); return;
	case '[': strbuf_add(&w->sb, "{[}"); return;
	case ']': strbuf_add(&w->sb, "{]}"); return;
	case '\n': case '\r': case '\t': strbuf_addc(&w->sb, ' '); return;
	case '{': case '}': case '%': case '$': case '#': case '&': case '_':
		strbuf_addc(&w->sb, '\\');
		break;
	}
	strbuf_addc(&w->sb, ch);
}

/* Appends model text as LaTeX text (in a paragraph or in \text{}), on
 * one line: LaTeX's specials escaped, a Greek letter as
 * \ensuremath{\theta}, Latin-1 as it is, and any other character that
 * pdflatex cannot set with every font encoding shown as its code,
 * \u65e5, so that the document compiles whatever the model says. */
static void
plain_latex(struct writer *w, const char *s)
{
	uint32_t			 c;
	size_t				 n, len = strlen(s);

	for (; len > 0; s += n, len -= n) {
		n = utf8_decode(s, len, &c);
		if (c < 0x80)
			latex_ascii(w, *s);
		else if (c == 0xa0)
			strbuf_addc(&w->sb, '~');
		else if (latex_text_char(c))
			strbuf_addn(&w->sb, s, n);
		else if (c == 0x2212 || tex_command_of_char(s, n) != NULL) {
			strbuf_add(&w->sb, "\\ensuremath{");
			n = latex_math_char(&w->sb, s, len);
			strbuf_addc(&w->sb, '}');
		}
		else
			strbuf_addf(&w->sb, "\\textbackslash{}u%04x",
			    (unsigned)c);
	}
}

/* Appends model text outside mathematics: as it reads (PLAIN_TEXT, for a
 * terminal), without line breaks (PLAIN_LINE, for a LaTeX comment), or
 * with Markdown's markup (PLAIN_MARKDOWN) or LaTeX's specials
 * (PLAIN_LATEX) escaped and no line breaks.  In every mode a control
 * character other than newline and tab is first shown as \uXXXX (SPEC
 * 5.1), and that text is then escaped as the mode escapes any other. */
void
writer_plain(struct writer *w, const char *s, enum plain_mode mode)
{
	struct strbuf	shown = STRBUF_INIT;

	if (mode == PLAIN_TEXT) {
		escape_text(&w->sb, s, strlen(s));
		return;
	}
	escape_text(&shown, s, strlen(s));
	if (strbuf_failed(&shown))
		w->nomem = 1;
	else if (mode == PLAIN_MARKDOWN)
		plain_markdown(w, strbuf_str(&shown));
	else if (mode == PLAIN_LATEX)
		plain_latex(w, strbuf_str(&shown));
	else
		plain_comment(w, strbuf_str(&shown));
	strbuf_release(&shown);
}
