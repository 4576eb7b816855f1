/*
 * Where each part of a model read from another format came from: the
 * readers (read_dagitty.c, read_dot.c, read_eq.c) note the line:column of
 * each part under the JSON path the validator will name it by, and a
 * table by path finds a message's place in constant time, however many
 * messages there are.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "hash.h"
#include "pool.h"
#include "read.h"

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
	if ((p->v[p->n].path = pool_strndup(&p->paths, path,
	    strlen(path))) == NULL) {
		p->nomem = 1;
		return;
	}
	p->v[p->n].line = line;
	p->v[p->n++].column = column;
}

/* The hash of a path of len bytes. */
static uint64_t
path_hash(const char *path, size_t len)
{
	return hash_finish(hash_bytes(HASH_SEED, path, len));
}

/* The slot where the path of len bytes is, or the empty one where it
 * would go. */
static size_t
path_slot(const struct read_places *p, const char *path, size_t len)
{
	size_t		 i = (size_t)path_hash(path, len) & p->mask;
	const char	*at;

	for (; p->slot[i] != 0; i = (i + 1) & p->mask) {
		at = p->v[p->slot[i] - 1].path;
		if (strncmp(at, path, len) == 0 && at[len] == '\0')
			break;
	}
	return i;
}

/* Makes the table of the places by path: a power of two of slots, at
 * least twice as many as places. */
int
read_places_index(struct read_places *p)
{
	size_t	size = 16, i, at;

	if (p->n >= UINT32_MAX / 2)
		return -1;
	while (size < p->n * 2)
		size *= 2;
	mem_free(p->slot);
	if ((p->slot = mem_calloc(size, sizeof(*p->slot))) == NULL)
		return -1;
	p->mask = size - 1;
	for (i = 0; i < p->n; i++) {
		at = path_slot(p, p->v[i].path, strlen(p->v[i].path));
		if (p->slot[at] == 0)
			p->slot[at] = (uint32_t)i + 1;
	}
	return 0;
}

/* The place noted for the first len bytes of path, or NULL. */
const struct read_place *
read_places_find(const struct read_places *p, const char *path, size_t len)
{
	size_t	at;

	if (p->slot == NULL)
		return NULL;
	at = path_slot(p, path, len);
	return p->slot[at] != 0 ? &p->v[p->slot[at] - 1] : NULL;
}

/* The length of path without its last part (".key" or "[i]"). */
static size_t
path_parent(const char *path, size_t len)
{
	while (len > 0 && path[len - 1] != '.' && path[len - 1] != '[')
		len--;
	return len > 0 ? len - 1 : 0;
}

/* The place of path or of the nearest part above it, or NULL. */
const struct read_place *
read_places_nearest(const struct read_places *p, const char *path)
{
	const struct read_place	*at;
	size_t			 len = strlen(path);

	for (;;) {
		if ((at = read_places_find(p, path, len)) != NULL || len == 0)
			return at;
		len = path_parent(path, len);
	}
}

/* Places an error about a loaded model at the line:column its path, or
 * the nearest part above it, came from; else leaves its path. */
void
read_place_later(const struct read_places *p, struct infdiag_error *err)
{
	const struct read_place	*at;

	if (p == NULL || err == NULL || !error_is_set(err) ||
	    err->status == INFDIAG_ENOMEM || err->line > 0 ||
	    err->path[0] == '\0')
		return;
	if ((at = read_places_nearest(p, err->path)) == NULL)
		return;
	err->line = at->line;
	err->column = at->column;
}

/* Frees the places. */
void
read_places_free(struct read_places *p)
{
	if (p == NULL)
		return;
	mem_free(p->v);
	mem_free(p->slot);
	pool_release(&p->paths);
	mem_free(p);
}
