/*
 * Where each part of a model read from another format came from: the
 * readers (read_dagitty.c, read_dot.c, read_eq.c) note the line:column of
 * each part under the JSON path the validator will name it by.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "load.h"
#include "read.h"
#include "strbuf.h"

/* Notes where the part at path came from. */
void
read_place(struct read_places *p, const char *path, int line, int column)
{
	struct read_place	*grown;
	size_t			 cap;

	/* No part's path is empty: an empty one is read_path()'s when it
	 * ran out of memory. */
	if (path[0] == '\0')
		p->nomem = 1;
	if (p->nomem)
		return;
	if (p->n == p->cap) {
		cap = p->cap < 64 ? 64 : p->cap * 2;
		if ((grown = mem_reallocarray(p->v, cap, sizeof(*grown))) ==
		    NULL) {
			p->nomem = 1;
			return;
		}
		p->v = grown;
		p->cap = cap;
	}
	if ((p->v[p->n].path = mem_strdup(path)) == NULL) {
		p->nomem = 1;
		return;
	}
	p->v[p->n].line = line;
	p->v[p->n++].column = column;
}

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

/* Frees the places. */
void
read_places_free(struct read_places *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		mem_free(p->v[i].path);
	mem_free(p->v);
	memset(p, 0, sizeof(*p));
}
