/*
 * A growing string.  A failed allocation is sticky: later appends do
 * nothing and strbuf_failed() says so, so that a printer can append freely
 * and check once at the end.
 */
#ifndef INFDIAG_STRBUF_H
#define INFDIAG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct strbuf {
	char	*s;		/* NUL-terminated when len > 0 or after any append */
	size_t	 len;
	size_t	 cap;
	int	 failed;
};

#define STRBUF_INIT	{ NULL, 0, 0, 0 }

/* Appends len bytes of s after growing the buffer (strbuf_addn's slow
 * path). */
void	 strbuf_addn_grow(struct strbuf *, const char *, size_t);
void	 strbuf_addu(struct strbuf *, unsigned long long);
void	 strbuf_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 strbuf_vaddf(struct strbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 strbuf_truncate(struct strbuf *, size_t);
const char *strbuf_str(const struct strbuf *);
char	*strbuf_detach(struct strbuf *);
void	 strbuf_release(struct strbuf *);
int	 strbuf_failed(const struct strbuf *);

/*
 * The appends are inline: writers make most of their output from pieces of
 * a few bytes, and a piece that fits (almost all of them) then costs a
 * copy, not a call; strbuf_add() of a literal copies a known length.
 */

/* Appends len bytes of s. */
static inline void
strbuf_addn(struct strbuf *sb, const char *s, size_t len)
{
	if (len < sb->cap - sb->len && !sb->failed) {
		memcpy(sb->s + sb->len, s, len);
		sb->len += len;
		sb->s[sb->len] = '\0';
	} else
		strbuf_addn_grow(sb, s, len);
}

/* Appends a string. */
static inline void
strbuf_add(struct strbuf *sb, const char *s)
{
	strbuf_addn(sb, s, strlen(s));
}

/* Appends one character. */
static inline void
strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_addn(sb, &c, 1);
}

#endif /* INFDIAG_STRBUF_H */
