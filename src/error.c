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

/* Copies src into a fixed buffer, cutting at a character boundary. */
static void
copy_cut(char *dst, size_t size, const char *src)
{
	size_t	len = strlen(src);

	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Clears err and records the source name; err may be NULL. */
void
error_init(struct infdiag_error *err, const char *source)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
	copy_cut(err->source, sizeof(err->source), source);
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

/* Sets a syntax error of the model at line:column. */
void
error_set_at(struct infdiag_error *err, int line, int column,
    const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || err->status != INFDIAG_OK)
		return;
	va_start(ap, fmt);
	error_vset(err, INFDIAG_EMODEL, "", fmt, ap);
	va_end(ap);
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

/* Appends one code point, escaped when it is not printable. */
static void
quote_char(struct strbuf *sb, const char *s, size_t n, uint32_t c)
{
	switch (c) {
	case '"':
		strbuf_add(sb, "\\\"");
		return;
	case '\\':
		strbuf_add(sb, "\\\\");
		return;
	case '\n':
		strbuf_add(sb, "\\n");
		return;
	case '\t':
		strbuf_add(sb, "\\t");
		return;
	case '\r':
		strbuf_add(sb, "\\r");
		return;
	}
	if (printable(c))
		strbuf_addn(sb, s, n);
	else if (n == 1 && c == 0xfffd)
		strbuf_addf(sb, "\\x%02x", (unsigned char)s[0]);
	else
		strbuf_addf(sb, "\\u%04x", (unsigned)c);
}

/* Appends s quoted and escaped, at most max characters of it. */
static void
quote_into(struct strbuf *sb, const char *s, size_t len, size_t max)
{
	size_t		i = 0, n, count = 0;
	uint32_t	c;

	strbuf_addc(sb, '"');
	while (i < len) {
		if (count++ == max) {
			strbuf_add(sb, "...");
			break;
		}
		n = utf8_decode(s + i, len - i, &c);
		quote_char(sb, s + i, n, c);
		i += n;
	}
	strbuf_addc(sb, '"');
}

/* Writes s into buf (QUOTE_SIZE bytes) quoted, escaped and cut. */
const char *
quote(char *buf, const char *s, size_t len)
{
	struct strbuf	sb = STRBUF_INIT;

	quote_into(&sb, s, len, QUOTE_MAX);
	copy_cut(buf, QUOTE_SIZE, sb.failed ? "\"...\"" : strbuf_str(&sb));
	strbuf_release(&sb);
	return buf;
}

/* Appends s quoted and escaped, whole. */
void
quote_full(struct strbuf *sb, const char *s, size_t len)
{
	quote_into(sb, s, len, SIZE_MAX);
}
