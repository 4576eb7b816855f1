/*
 * Loading and validating models (the entry points are in infdiag.h).
 */
#ifndef INFDIAG_LOAD_H
#define INFDIAG_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "infdiag.h"

struct json_t;
struct read_places;

/* Says whether s (len bytes) is a valid variable name. */
int	load_name_valid(const char *s, size_t len);

/* The most bytes a model read from a file or a stream may have: twenty
 * times the largest benchmark model (55 MB, 10^6 variables), so that an
 * endless stream ends with a message, not with all the memory. */
#define LOAD_INPUT_MAX	(UINT64_C(1) << 30)

/* infdiag_model_load_file() with another limit than LOAD_INPUT_MAX. */
struct infdiag_model *load_file_max(const char *path, uint64_t max,
	    enum infdiag_input, struct infdiag_error *);

/* Builds a model from a parsed JSON document (load.c), checking every rule
 * of SPEC §2, and frees the document; NULL with err set on error.  places
 * (NULL for JSON) are where a reader found each part (read.h): the model
 * takes them and places its warnings by them; after a failure they are
 * still the caller's, to place the error by (read_place_error()). */
struct infdiag_model *load_document(struct json_t *, const char *source,
	    struct read_places *, struct infdiag_error *);

#endif /* INFDIAG_LOAD_H */
