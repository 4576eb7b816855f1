/*
 * What the readers (read_dagitty.c, read_dot.c, read_eq.c) share to build
 * their documents: the JSON path of a part, spelt as the loader spells
 * it, and adding a value that later parts are added to.  Kept apart
 * from read.c (which calls the readers) and from read_place.c (which the
 * model calls), so that no two files call each other.
 */
#include <string.h>

#include <jansson.h>

#include "infdiag.h"
#include "error.h"
#include "load.h"
#include "read.h"
#include "strbuf.h"

/* Spells the JSON path of a variable's key as the loader does. */
const char *
read_path(struct strbuf *sb, const char *name, const char *key, long index)
{
	strbuf_truncate(sb, 0);
	strbuf_add(sb, "variables");
	if (name != NULL)
		path_add_key(sb, name, strlen(name),
		    load_name_valid(name, strlen(name)));
	if (key != NULL)
		path_add_key(sb, key, strlen(key), 1);
	if (index >= 0)
		strbuf_addf(sb, "[%ld]", index);
	return strbuf_failed(sb) ? "" : strbuf_str(sb);
}

/* Sets obj's key to value, which is freed when that fails. */
json_t *
read_set_new(json_t *obj, const char *key, json_t *value)
{
	return json_object_set_new(obj, key, value) == 0 ? value : NULL;
}
