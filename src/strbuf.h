/*
 * A growing string.  A failed allocation is sticky: later appends do
 * nothing and strbuf_failed() says so, so that a printer can append freely
 * and check once at the end.
 */
#ifndef INFDIAG_STRBUF_H
#define INFDIAG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char	*s;		/* NUL-terminated when len > 0 or after any append */
	size_t	 len;
	size_t	 cap;
	int	 failed;
};

#define STRBUF_INIT	{ NULL, 0, 0, 0 }

void	 strbuf_add(struct strbuf *, const char *);
void	 strbuf_addn(struct strbuf *, const char *, size_t);
void	 strbuf_addc(struct strbuf *, char);
void	 strbuf_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 strbuf_vaddf(struct strbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 strbuf_truncate(struct strbuf *, size_t);
const char *strbuf_str(const struct strbuf *);
char	*strbuf_detach(struct strbuf *);
void	 strbuf_release(struct strbuf *);
int	 strbuf_failed(const struct strbuf *);

#endif /* INFDIAG_STRBUF_H */
