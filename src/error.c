/*
 * Errors as values: where, what, and user text shown safely.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "infdiag.h"
#include "error.h"
#include "strbuf.h"

/* Where escaped text goes: a growing string, or a fixed buffer that
 * needs no allocation (and so works when memory has run out). */
struct sink {
	struct strbuf	*sb;
	char		*buf;
	size_t		 size;
	size_t		 len;
};

/* How cut_into() shows text. */
#define CUT_QUOTES	0x1	/* in double quotes, quotes and backslashes
				   escaped */
#define CUT_LINES	0x2	/* newlines and tabs kept as they are */

static void	escape_into(struct sink *, const char *, size_t);
static void	cut_into(struct sink *, const char *, size_t, size_t,
		    unsigned);

/* Copies src into a fixed buffer, cutting at a character boundary and
 * ending with "..." where it cut, so that a cut message says so. */
static void
copy_cut(char *dst, size_t size, const char *src)
{
	size_t	len = strlen(src);
	int	cut = len >= size;

	if (cut) {
		len = size - 4;
		while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	if (cut)
		memcpy(dst + len, "...", 3), len += 3;
	dst[len] = '\0';
}

/* Clears err and records the source name; err may be NULL. */
void
error_init(struct infdiag_error *err, const char *source)
{
	char		shown[INFDIAG_ERROR_SOURCE_LENGTH * 6 + 8];
	struct sink	o = { NULL, shown, sizeof(shown), 0 };

	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
	/* A file name is the user's text too: it begins every message. */
	shown[0] = '\0';
	cut_into(&o, source, strlen(source), INFDIAG_ERROR_SOURCE_LENGTH, 0);
	copy_cut(err->source, sizeof(err->source), shown);
}

/* Says whether an error is set. */
int
error_is_set(const struct infdiag_error *err)
{
	return err != NULL && err->status != INFDIAG_OK;
}

/* Sets status, JSON path and message unless an error is already set. */
void
error_vset(struct infdiag_error *err, enum infdiag_status status,
    const char *path, const char *fmt, va_list ap)
{
	char	text[INFDIAG_ERROR_TEXT_LENGTH * 2];

	if (err == NULL || err->status != INFDIAG_OK)
		return;
	err->status = status;
	copy_cut(err->path, sizeof(err->path), path != NULL ? path : "");
	vsnprintf(text, sizeof(text), fmt, ap);
	copy_cut(err->text, sizeof(err->text), text);
}

/* Sets status, JSON path and message unless an error is already set. */
void
error_set(struct infdiag_error *err, enum infdiag_status status,
    const char *path, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	error_vset(err, status, path, fmt, ap);
	va_end(ap);
}

/* Sets a syntax error of the model at line:column.  The text may quote
 * the document (jansson's "near '...'"), so what is not printable in it is
 * escaped. */
void
error_set_at(struct infdiag_error *err, int line, int column,
    const char *fmt, ...)
{
	char		text[INFDIAG_ERROR_TEXT_LENGTH];
	char		shown[INFDIAG_ERROR_TEXT_LENGTH];
	struct sink	o = { NULL, shown, sizeof(shown), 0 };
	va_list		ap;

	if (err == NULL || err->status != INFDIAG_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	shown[0] = '\0';
	escape_into(&o, text, strlen(text));
	error_set(err, INFDIAG_EMODEL, "", "%s", shown);
	err->line = line;
	err->column = column;
}

/* Sets INFDIAG_ENOMEM. */
void
error_nomem(struct infdiag_error *err)
{
	error_set(err, INFDIAG_ENOMEM, "", "out of memory");
}

/* Formats an error as one line without a newline. */
size_t
infdiag_error_format(const struct infdiag_error *err, char *buf, size_t size)
{
	const char	*src = err->source[0] != '\0' ? err->source : "infdiag";
	int		 n;

	if (err->line > 0)
		n = snprintf(buf, size, "%s:%d:%d: %s", src, err->line,
		    err->column, err->text);
	else if (err->path[0] != '\0')
		n = snprintf(buf, size, "%s: %s: %s", src, err->path,
		    err->text);
	else
		n = snprintf(buf, size, "%s: %s", src, err->text);
	return n < 0 ? 0 : (size_t)n;
}

/* The length of the UTF-8 sequence at s and its code point. */
size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, i;
	uint32_t		 c;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		n = 2, c = u[0] & 0x1f;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		n = 3, c = u[0] & 0x0f;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		n = 4, c = u[0] & 0x07;
	else
		goto bad;
	if (n > len)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = 0xfffd;
	return 1;
}

/* Says whether code point c is shown as itself inside a message. */
static int
printable(uint32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
		return 0;
	/* Invisible or direction-changing characters would hide or reorder
	 * what the message says. */
	if ((c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x206f) || c == 0xfeff || c == 0xfffd)
		return 0;
	return 1;
}

/* Appends n bytes; a fixed buffer takes them only while they fit. */
static void
sink_add(struct sink *o, const char *s, size_t n)
{
	if (o->sb != NULL)
		strbuf_addn(o->sb, s, n);
	else if (o->buf != NULL && n < o->size - o->len) {
		memcpy(o->buf + o->len, s, n);
		o->len += n;
		o->buf[o->len] = '\0';
	} else
		o->size = o->len + 1;
}

/* Appends one code point, escaped when it is not printable; quotes and
 * backslashes too with CUT_QUOTES; newlines and tabs as they are with
 * CUT_LINES. */
static void
quote_char(struct sink *o, const char *s, size_t n, uint32_t c,
    unsigned flags)
{
	int	quotes = flags & CUT_QUOTES;
	char	esc[8];

	if ((flags & CUT_LINES) && (c == '\n' || c == '\t')) {
		sink_add(o, s, n);
		return;
	}
	switch (c) {
	case '"':
		sink_add(o, quotes ? "\\\"" : "\"", quotes ? 2 : 1);
		return;
	case '\\':
		sink_add(o, "\\\\", quotes ? 2 : 1);
		return;
	case '\n':
		sink_add(o, "\\n", 2);
		return;
	case '\t':
		sink_add(o, "\\t", 2);
		return;
	case '\r':
		sink_add(o, "\\r", 2);
		return;
	}
	if (printable(c)) {
		sink_add(o, s, n);
		return;
	}
	if (n == 1 && c == 0xfffd)
		snprintf(esc, sizeof(esc), "\\x%02x", (unsigned char)s[0]);
	else
		snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)(c & 0xffff));
	sink_add(o, esc, strlen(esc));
}

/* Appends at most max characters of s, then "..." if there is more, with
 * what is not printable escaped; with CUT_QUOTES, in double quotes and
 * with quotes and backslashes escaped too.  Every message that shows
 * user text cuts it here, and every text output escapes it here. */
static void
cut_into(struct sink *o, const char *s, size_t len, size_t max,
    unsigned flags)
{
	int		quotes = flags & CUT_QUOTES;
	size_t		i = 0, n, count = 0;
	uint32_t	c;

	if (quotes)
		sink_add(o, "\"", 1);
	while (i < len) {
		if (count++ == max) {
			sink_add(o, "...", 3);
			break;
		}
		n = utf8_decode(s + i, len - i, &c);
		quote_char(o, s + i, n, c, flags);
		i += n;
	}
	if (quotes)
		sink_add(o, "\"", 1);
}

/* Appends s with what is not printable escaped; quotes and backslashes
 * are left as they are. */
static void
escape_into(struct sink *o, const char *s, size_t len)
{
	cut_into(o, s, len, SIZE_MAX, 0);
}

/* Writes s into buf (QUOTE_SIZE bytes) quoted, escaped and cut; it always
 * fits, and needs no memory. */
const char *
quote(char *buf, const char *s, size_t len)
{
	struct sink	o = { NULL, buf, QUOTE_SIZE, 0 };

	buf[0] = '\0';
	cut_into(&o, s, len, QUOTE_MAX, CUT_QUOTES);
	return buf;
}

/* Writes s into buf (size bytes, INFDIAG_QUOTE_SIZE(max) always being
 * enough) escaped and cut, quoted when quoted is set: quote() for the
 * program's own messages. */
const char *
infdiag_quote(char *buf, size_t size, const char *s, size_t max, int quoted)
{
	struct sink	o = { NULL, buf, size, 0 };

	if (size == 0)
		return buf;
	buf[0] = '\0';
	cut_into(&o, s, strlen(s), max, quoted ? CUT_QUOTES : 0);
	return buf;
}

/* Appends model text for a terminal or a text file: newlines and tabs
 * as they are, every other control or invisible character escaped. */
void
escape_text(struct strbuf *sb, const char *s, size_t len)
{
	struct sink	o = { sb, NULL, 0, 0 };

	cut_into(&o, s, len, SIZE_MAX, CUT_LINES);
}

/* Appends s escaped, without quotes, cut after max characters. */
void
cut_text(struct strbuf *sb, const char *s, size_t len, size_t max)
{
	struct sink	o = { sb, NULL, 0, 0 };

	cut_into(&o, s, len, max, 0);
}

/* Appends key to a JSON path: ".key" ("key" at the start) for a plain
 * name that is not too long to show, else ["key"] quoted and cut. */
void
path_add_key(struct strbuf *sb, const char *key, size_t len, int plain)
{
	char	q[QUOTE_SIZE];

	if (plain && len <= QUOTE_MAX) {
		if (sb->len > 0)
			strbuf_addc(sb, '.');
		strbuf_addn(sb, key, len);
	} else
		strbuf_addf(sb, "[%s]", quote(q, key, len));
}
