/*
 * What the loader's files share: the state carried through a document,
 * and the helpers that place each rejection at its JSON path.
 */
#ifndef INFDIAG_LOAD_IMPL_H
#define INFDIAG_LOAD_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "infdiag.h"
#include "model.h"
#include "strbuf.h"

/* What the loader carries from one variable to the next. */
struct loader {
	struct infdiag_model	*m;
	struct infdiag_error	*err;
	struct strbuf		 path;	/* JSON path of the value at hand */
	uint32_t		*in_idx;	/* growing inputs array */
	size_t			 in_len;
	size_t			 in_cap;
	uint32_t		*stamp;	/* stamp[w] == v + 1: w is an input of v */
	uint32_t		*slot;	/* ... and it is input number slot[w] */
	uint32_t		 cur;	/* the variable being loaded */
};

/* Appends ".key" (or "key" at the top, or ["key"] for an odd key) to the
 * path, and "[i]"; each returns the mark that load_path_pop() goes back
 * to. */
size_t	load_path_push_key(struct loader *, const char *key);
size_t	load_path_push_index(struct loader *, size_t i);
void	load_path_pop(struct loader *, size_t mark);

/* Fail with a model error at the current path, and return -1. */
int	load_fail(struct loader *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	load_nomem(struct loader *);
/* How a JSON value's type reads in a message ("an array"). */
const char *load_type_name(const json_t *);
int	load_fail_type(struct loader *, const char *what, const json_t *);
int	load_fail_unknown_key(struct loader *, const char *key,
	    const char *const *known);
/* Adds a warning at the current path; -1 when out of memory. */
int	load_warn(struct loader *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Finds key in a NULL-terminated table; -1 when absent. */
int	load_key_index(const char *key, const char *const *table);
/* Copy a string into the model's pool, read a finite number. */
int	load_take_string(struct loader *, const json_t *, const char **);
int	load_take_number(struct loader *, const json_t *, double *);

/* Loads variable L->cur from its JSON value (load_var.c). */
int	load_variable(struct loader *, json_t *);

#endif /* INFDIAG_LOAD_IMPL_H */
