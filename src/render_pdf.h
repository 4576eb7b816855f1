/*
 * Reproducible PDF: the date cairo writes into a PDF replaced by a fixed
 * one, so that the same diagram gives the same bytes.
 */
#ifndef INFDIAG_RENDER_PDF_H
#define INFDIAG_RENDER_PDF_H

#include <stddef.h>

#include "infdiag.h"

/* When format is a PDF one ("pdf:cairo"), replaces in place each date of
 * the document's information (/CreationDate, /ModDate) of the len bytes
 * at data with SOURCE_DATE_EPOCH's, or 1970-01-01 00:00:00 UTC when it
 * is not set, keeping every byte's offset; other formats are left
 * alone.  Returns 0, or -1 with err set (INFDIAG_EUSAGE for a
 * SOURCE_DATE_EPOCH that is not a whole number of seconds from 0 to the
 * end of year 9999, INFDIAG_EIO for a date this code does not know how
 * to replace). */
int	render_pdf_reproducible(const char *format, char *data, size_t len,
	    struct infdiag_error *);

#endif /* INFDIAG_RENDER_PDF_H */
