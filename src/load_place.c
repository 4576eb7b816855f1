/*
 * The loader's place and its reports, shared by the top level (load.c) and
 * each variable (load_var.c): the JSON path of what is being read, a
 * failure or a warning at it, and the typed reads that fail there.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "load.h"
#include "load_impl.h"
#include "model.h"
#include "pool.h"
#include "strbuf.h"
#include "suggest.h"

/* Says whether s is a valid name: [A-Za-z][A-Za-z0-9_]*. */
int
load_name_valid(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; i < len; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	}
	return 1;
}

/* Appends ".key" (or "key" at the top, or ["key"] for an odd key). */
size_t
load_path_push_key(struct loader *L, const char *key)
{
	size_t	mark = L->path.len, len = strlen(key);

	path_add_key(&L->path, key, len, load_name_valid(key, len));
	return mark;
}

/* Appends "[i]". */
size_t
load_path_push_index(struct loader *L, size_t i)
{
	size_t	mark = L->path.len;

	strbuf_addf(&L->path, "[%zu]", i);
	return mark;
}

/* Returns the path to what it was at mark. */
void
load_path_pop(struct loader *L, size_t mark)
{
	strbuf_truncate(&L->path, mark);
}

/* Fails with a model error at the current path. */
int
load_fail(struct loader *L, const char *fmt, ...)
{
	va_list	ap;

	if (strbuf_failed(&L->path)) {
		error_nomem(L->err);
		return -1;
	}
	va_start(ap, fmt);
	error_vset(L->err, INFDIAG_EMODEL, strbuf_str(&L->path), fmt, ap);
	va_end(ap);
	return -1;
}

/* Fails with out of memory. */
int
load_nomem(struct loader *L)
{
	error_nomem(L->err);
	return -1;
}

/* How a JSON value's type reads in a message. */
const char *
load_type_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return "null";
	}
}

/* Fails with "expected WHAT, got TYPE". */
int
load_fail_type(struct loader *L, const char *what, const json_t *j)
{
	return load_fail(L, "expected %s, got %s", what, load_type_name(j));
}

/* Fails with "unknown key", suggesting the closest known key, or listing
 * them all when none is close. */
int
load_fail_unknown_key(struct loader *L, const char *key,
    const char *const *known)
{
	struct strbuf	 sb = STRBUF_INIT;
	size_t		 i, d, best = 100;
	const char	*closest = known[0];
	char		 q[QUOTE_SIZE];
	int		 rc;

	for (i = 0; known[i] != NULL; i++) {
		if ((d = suggest_distance(key, known[i])) < best) {
			best = d;
			closest = known[i];
		}
	}
	quote(q, key, strlen(key));
	if (suggest_is_close(key, closest, best))
		return load_fail(L, "unknown key %s (did you mean \"%s\"?)", q,
		    closest);
	for (i = 0; known[i] != NULL; i++)
		strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", known[i]);
	if (strbuf_failed(&sb))
		rc = load_nomem(L);
	else
		rc = load_fail(L, "unknown key %s (the keys are %s)", q,
		    strbuf_str(&sb));
	strbuf_release(&sb);
	return rc;
}

/* Finds key in a NULL-terminated table; -1 when absent. */
int
load_key_index(const char *key, const char *const *table)
{
	int	i;

	for (i = 0; table[i] != NULL; i++) {
		if (strcmp(key, table[i]) == 0)
			return i;
	}
	return -1;
}

/* Copies a string value into the pool; fails unless j is a string. */
int
load_take_string(struct loader *L, const json_t *j, const char **out)
{
	if (!json_is_string(j))
		return load_fail_type(L, "a string", j);
	*out = pool_strndup(&L->m->pool, json_string_value(j),
	    json_string_length(j));
	return *out != NULL ? 0 : load_nomem(L);
}

/* Reads a finite number. */
int
load_take_number(struct loader *L, const json_t *j, double *out)
{
	if (!json_is_number(j))
		return load_fail_type(L, "a number", j);
	*out = json_number_value(j);
	if (!isfinite(*out))
		return load_fail(L, "expected a finite number");
	return 0;
}

/* Adds a warning at the current path, formatted as an error is (placed
 * at its line:column when the model was read from another format). */
int
load_warn(struct loader *L, const char *fmt, ...)
{
	struct infdiag_error	 e;
	char			 text[INFDIAG_ERROR_TEXT_LENGTH];
	char			 line[INFDIAG_ERROR_SOURCE_LENGTH +
				    INFDIAG_ERROR_PATH_LENGTH +
				    INFDIAG_ERROR_TEXT_LENGTH + 32];
	char			**w;
	va_list			 ap;

	if (strbuf_failed(&L->path))
		return load_nomem(L);
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	error_init(&e, L->m->source);
	error_set(&e, INFDIAG_EMODEL, strbuf_str(&L->path), "warning: %s",
	    text);
	model_place_error(L->m, &e);
	infdiag_error_format(&e, line, sizeof(line));
	w = mem_reallocarray(L->m->warnings, L->m->nwarnings + 1, sizeof(*w));
	if (w == NULL)
		return load_nomem(L);
	L->m->warnings = w;
	if ((w[L->m->nwarnings] = mem_strdup(line)) == NULL)
		return load_nomem(L);
	L->m->nwarnings++;
	return 0;
}
