/*
 * Filling struct infdiag_error, and showing user text safely inside a
 * message.
 */
#ifndef INFDIAG_ERROR_H
#define INFDIAG_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "infdiag.h"

struct strbuf;

/* Clears err and records the source name; err may be NULL. */
void	error_init(struct infdiag_error *, const char *source);
/* Sets status, JSON path and message unless an error is already set. */
void	error_set(struct infdiag_error *, enum infdiag_status,
	    const char *path, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
void	error_vset(struct infdiag_error *, enum infdiag_status,
	    const char *path, const char *fmt, va_list)
	    __attribute__((format(printf, 4, 0)));
/* Sets a syntax error at line:column. */
void	error_set_at(struct infdiag_error *, int line, int column,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Sets INFDIAG_ENOMEM. */
void	error_nomem(struct infdiag_error *);
/* Says whether an error is set. */
int	error_is_set(const struct infdiag_error *);

/* The longest name, key or token shown inside a message, in characters;
 * longer text is cut with "...". */
#define QUOTE_MAX	64
/* The longest formula shown inside a message, in characters. */
#define QUOTE_FORMULA_MAX	160
/* Room for a quoted, escaped, cut piece of user text. */
#define QUOTE_SIZE	INFDIAG_QUOTE_SIZE(QUOTE_MAX)

/* Writes s (len bytes of UTF-8) into buf as "s": quotes and backslashes
 * escaped, non-printable characters as \n, \t or \uXXXX, cut after
 * QUOTE_MAX characters.  Returns buf. */
const char *quote(char *buf, const char *s, size_t len);
/* Appends s as it reads, without quotes but with non-printable characters
 * escaped, cut after max characters with "...". */
void	cut_text(struct strbuf *, const char *s, size_t len, size_t max);
/* Appends model text for a terminal or a text file: newlines and tabs as
 * they are, every other character that is not printable as \uXXXX
 * (SPEC 5.1: no control character reaches the terminal). */
void	escape_text(struct strbuf *, const char *s, size_t len);
/* Appends key to a JSON path: ".key" ("key" at the start) when plain says
 * it is a name and it is at most QUOTE_MAX characters, else ["key"]. */
void	path_add_key(struct strbuf *, const char *key, size_t len,
	    int plain);

/* The length of the UTF-8 sequence starting at s (at most len bytes) and
 * its code point in *cp; 1 and U+FFFD for a malformed byte. */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);

#endif /* INFDIAG_ERROR_H */
