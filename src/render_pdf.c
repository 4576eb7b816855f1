/*
 * Reproducible PDF.  Cairo 1.16 writes the time of the rendering into the
 * document's information as /CreationDate (D:YYYYMMDDHHMMSSZ), or with
 * the local offset +HH'MM, and nothing else that changes from run to run
 * (its font subsets are named by a hash of their glyphs, and it writes no
 * /ID).  The date is replaced in the rendered bytes by one of the same
 * length, so that the cross-reference table's offsets stay right.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "render_pdf.h"

/* The latest date a PDF date's four-digit year holds: 9999-12-31
 * 23:59:59 UTC. */
#define PDF_DATE_MAX	253402300799LL

/* The keys whose dates are replaced. */
static const char *const date_keys[] = { "/CreationDate (", "/ModDate (" };

/* Reads SOURCE_DATE_EPOCH into *t (0 when unset); -1 with err set when it
 * is not a whole number of seconds in PDF's range. */
static int
source_date(time_t *t, struct infdiag_error *err)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		*end, q[QUOTE_SIZE];
	long long	 n;

	*t = 0;
	if (s == NULL)
		return 0;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || n < 0 ||
	    n > PDF_DATE_MAX) {
		error_set(err, INFDIAG_EUSAGE, NULL, "SOURCE_DATE_EPOCH %s is "
		    "not a whole number of seconds since 1970 (up to %lld)",
		    quote(q, s, strlen(s)), PDF_DATE_MAX);
		return -1;
	}
	*t = (time_t)n;
	return 0;
}

/* Finds the first n bytes of key in the len bytes at s; NULL when absent. */
static char *
find(char *s, size_t len, const char *key)
{
	size_t	n = strlen(key), i;

	for (i = 0; i + n <= len; i++) {
		if (s[i] == key[0] && memcmp(s + i, key, n) == 0)
			return s + i;
	}
	return NULL;
}

/* Writes date (16 characters, "D:YYYYMMDDHHMMSS") over the n characters
 * of a PDF date at s, with a UTC offset of the length that remains; -1
 * when s is not a date of a known length. */
static int
put_date(char *s, size_t n, const char *date)
{
	static const char *const utc[] = { "", "Z", "+00'00", "+00'00'" };
	size_t			 i, tail = n - 16;

	if (n < 16 || strncmp(s, "D:", 2) != 0)
		return -1;
	for (i = 2; i < 16; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
	}
	for (i = 0; i < sizeof(utc) / sizeof(utc[0]); i++) {
		if (strlen(utc[i]) == tail) {
			memcpy(s, date, 16);
			memcpy(s + 16, utc[i], tail);
			return 0;
		}
	}
	return -1;
}

/* Replaces the dates of a PDF's information with SOURCE_DATE_EPOCH's. */
int
render_pdf_reproducible(const char *format, char *data, size_t len,
    struct infdiag_error *err)
{
	struct tm	 tm;
	time_t		 t;
	char		 date[32], *s, *end;
	size_t		 k, left;

	if (strncmp(format, "pdf", 3) != 0 || data == NULL)
		return 0;
	if (source_date(&t, err) != 0)
		return -1;
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof(date), "D:%Y%m%d%H%M%S", &tm) != 16) {
		error_nomem(err);	/* not reached: t is in range */
		return -1;
	}
	for (k = 0; k < sizeof(date_keys) / sizeof(date_keys[0]); k++) {
		if ((s = find(data, len, date_keys[k])) == NULL)
			continue;
		s += strlen(date_keys[k]);
		left = len - (size_t)(s - data);
		if ((end = memchr(s, ')', left)) == NULL ||
		    put_date(s, (size_t)(end - s), date) != 0) {
			error_set(err, INFDIAG_EIO, NULL, "cannot make the PDF "
			    "reproducible: its %.*s is not a date this "
			    "version knows", (int)strlen(date_keys[k]) - 2,
			    date_keys[k]);
			return -1;
		}
	}
	return 0;
}
