/*
 * Growing strings with sticky failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "strbuf.h"

/* Makes room for extra more bytes plus the terminator; 0 or -1. */
static int
strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t	 cap;
	char	*s;

	if (sb->failed)
		return -1;
	if (extra < sb->cap - sb->len)
		return 0;
	if (extra > ((size_t)-1) / 4 - sb->len) {
		sb->failed = 1;
		return -1;
	}
	cap = sb->cap < 64 ? 64 : sb->cap;
	while (cap - sb->len <= extra)
		cap *= 2;
	if ((s = mem_realloc(sb->s, cap)) == NULL) {
		sb->failed = 1;
		return -1;
	}
	sb->s = s;
	sb->cap = cap;
	return 0;
}

/* Appends len bytes of s after growing the buffer. */
void
strbuf_addn_grow(struct strbuf *sb, const char *s, size_t len)
{
	if (strbuf_grow(sb, len) != 0)
		return;
	memcpy(sb->s + sb->len, s, len);
	sb->len += len;
	sb->s[sb->len] = '\0';
}

/* Appends an unsigned number in decimal, as "%llu" would, without
 * printf's cost: writers append one per line or per value. */
void
strbuf_addu(struct strbuf *sb, unsigned long long n)
{
	static const char	pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930"
	    "31323334353637383940414243444546474849505152535455565758596061"
	    "6263646566676869707172737475767778798081828384858687888990919293"
	    "949596979899";
	char			buf[20], *p = buf + sizeof(buf);

	/* Two digits per division. */
	for (; n >= 100; n /= 100) {
		p -= 2;
		memcpy(p, pairs + 2 * (n % 100), 2);
	}
	if (n >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * n, 2);
	} else
		*--p = (char)('0' + n);
	strbuf_addn(sb, p, (size_t)(buf + sizeof(buf) - p));
}

/* Appends printf-formatted text. */
void
strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list	 copy;
	int	 n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0) {
		sb->failed = 1;
		return;
	}
	if (strbuf_grow(sb, (size_t)n) != 0)
		return;
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

/* Appends printf-formatted text. */
void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

/* Cuts the string back to len bytes (no-op if it is shorter). */
void
strbuf_truncate(struct strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->s[len] = '\0';
	}
}

/* Returns the string so far; "" when nothing was added. */
const char *
strbuf_str(const struct strbuf *sb)
{
	return sb->s != NULL ? sb->s : "";
}

/* Returns the string, which the caller frees with mem_free(); NULL if any
 * append failed.  The buffer is left empty either way. */
char *
strbuf_detach(struct strbuf *sb)
{
	char	*s;

	if (sb->failed || strbuf_grow(sb, 0) != 0) {
		strbuf_release(sb);
		return NULL;
	}
	s = sb->s;
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

/* Frees the buffer and resets it. */
void
strbuf_release(struct strbuf *sb)
{
	mem_free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
	sb->failed = 0;
}

/* Says whether an append has failed. */
int
strbuf_failed(const struct strbuf *sb)
{
	return sb->failed;
}
