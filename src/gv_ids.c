/*
 * Object IDs in creation order for the graphs of the diagrams.
 *
 * cgraph's default ID discipline gives a named object the address of its
 * interned name as ID, and a graph keeps its subgraphs sorted by ID: the
 * clusters of a diagram came out in the order of heap addresses, which
 * the allocator's history decides, not the diagram.  This discipline
 * numbers the objects as they are made instead.  One counter serves every
 * object of a graph; a named object gets the even ID 2n, an anonymous
 * one the odd ID 2n + 1 (cgraph's mark of an object without a name), so
 * that the two kinds interleave in creation order too.
 *
 * Names are looked up in a hash table of (kind, name) and kept, interned
 * by cgraph, until the graph is closed: cgraph's writer asks of every
 * name it prints whether it is an HTML string, which only an interned
 * string can answer.
 *
 * When the table cannot grow, every later request for a new ID fails
 * too, so that the object is not made and the diagram fails with
 * INFDIAG_ENOMEM.  Failing the named request alone is not enough: cgraph
 * would then keep the name in its internal map under an anonymous ID,
 * and cgraph 2.42 leaks that map's entries when a graph with subgraphs
 * is closed.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "gv_compat.h"
#include "hash.h"

/* A named object: its ID, its kind and its interned name. */
struct gv_name {
	IDTYPE	 id;
	int	 kind;
	char	*name;
};

/* The IDs of one graph. */
struct gv_ids {
	Agraph_t	*g;
	struct gv_name	*names;	/* by increasing ID */
	size_t		 n;
	size_t		 cap;
	/* The hash table: an index into names plus one, 0 when free; its
	 * size is a power of two, more than twice n. */
	size_t		*slots;
	size_t		 nslots;
	IDTYPE		 seq;	/* the last number given */
	int		 failed; /* out of memory: no new IDs */
};

/* Hashes a kind and a name. */
static size_t
hash_name(int kind, const char *s)
{
	unsigned char	k = (unsigned char)kind;

	return (size_t)hash_finish(hash_bytes(hash_bytes(HASH_SEED, &k, 1),
	    s, strlen(s)));
}

/* The slot that holds the name of that kind, or the free slot where it
 * would go. */
static size_t *
find_slot(const struct gv_ids *ids, int kind, const char *s)
{
	size_t			 mask = ids->nslots - 1, i;
	const struct gv_name	*e;

	for (i = hash_name(kind, s) & mask; ids->slots[i] != 0;
	    i = (i + 1) & mask) {
		e = &ids->names[ids->slots[i] - 1];
		if (e->kind == kind && strcmp(e->name, s) == 0)
			break;
	}
	return &ids->slots[i];
}

/* Makes room for one more name; 0, or -1 when out of memory. */
static int
grow(struct gv_ids *ids)
{
	struct gv_name	*names;
	size_t		*slots, *old, nold, i;

	if (ids->n == ids->cap) {
		names = mem_reallocarray(ids->names, ids->cap * 2 + 8,
		    sizeof(*names));
		if (names == NULL)
			return -1;
		ids->names = names;
		ids->cap = ids->cap * 2 + 8;
	}
	if (ids->nslots > 2 * (ids->n + 1))
		return 0;
	nold = ids->nslots;
	if ((slots = mem_calloc(nold == 0 ? 16 : nold * 2,
	    sizeof(*slots))) == NULL)
		return -1;
	old = ids->slots;
	ids->slots = slots;
	ids->nslots = nold == 0 ? 16 : nold * 2;
	for (i = 0; i < nold; i++) {
		if (old[i] != 0)
			*find_slot(ids, ids->names[old[i] - 1].kind,
			    ids->names[old[i] - 1].name) = old[i];
	}
	mem_free(old);
	return 0;
}

/* Opens the IDs of a new graph; NULL when out of memory, which gv_open()
 * sees (and then the graph's name, too, has no ID). */
static void *
ids_open(Agraph_t *g, Agdisc_t *disc)
{
	struct gv_ids	*ids;

	(void)disc;
	if ((ids = mem_calloc(1, sizeof(*ids))) != NULL)
		ids->g = g;
	return ids;
}

/* Finds, or with create makes, the ID of a name; a NULL name asks for a
 * new anonymous ID.  Returns 1, or 0 when the name is unknown or when
 * memory ran out, now or before. */
static long
ids_map(void *state, int kind, char *s, IDTYPE *id, int create)
{
	struct gv_ids	*ids = state;
	struct gv_name	*e;
	size_t		*slot;
	char		*name;

	if (ids == NULL)
		return 0;
	if (s != NULL && ids->n > 0 &&
	    *(slot = find_slot(ids, kind, s)) != 0) {
		*id = ids->names[*slot - 1].id;
		return 1;
	}
	if (!create || ids->failed)
		return 0;
	if (s == NULL) {
		*id = ++ids->seq * 2 + 1;
		return 1;
	}
	if (grow(ids) != 0 || (name = agstrdup(ids->g, s)) == NULL) {
		ids->failed = 1;
		return 0;
	}
	e = &ids->names[ids->n++];
	e->id = ++ids->seq * 2;
	e->kind = kind;
	e->name = name;
	*find_slot(ids, kind, s) = ids->n;
	*id = e->id;
	return 1;
}

/* Refuses an ID chosen by the caller, as cgraph's own discipline does. */
static long
ids_alloc(void *state, int kind, IDTYPE request)
{
	(void)state;
	(void)kind;
	(void)request;
	return 0;
}

/* Releases an ID: nothing to do, since cgraph does not pair every
 * reservation with a release (agsubg reserves the ID of a subgraph that
 * already exists) and names stay until the graph is closed. */
static void
ids_free(void *state, int kind, IDTYPE id)
{
	(void)state;
	(void)kind;
	(void)id;
}

/* The name of an ID, or NULL for an anonymous one. */
static char *
ids_print(void *state, int kind, IDTYPE id)
{
	const struct gv_ids	*ids = state;
	size_t			 lo = 0, hi, mid;

	(void)kind;
	if (ids == NULL || id % 2 == 1)
		return NULL;
	for (hi = ids->n; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (ids->names[mid].id == id)
			return ids->names[mid].name;
		if (ids->names[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Frees the IDs of a graph being closed, while its strings still exist. */
static void
ids_close(void *state)
{
	struct gv_ids	*ids = state;
	size_t		 i;

	if (ids == NULL)
		return;
	for (i = 0; i < ids->n; i++)
		agstrfree(ids->g, ids->names[i].name);
	mem_free(ids->names);
	mem_free(ids->slots);
	mem_free(ids);
}

/* Registers an object in an outside namespace: there is none. */
static void
ids_register(void *state, int kind, void *obj)
{
	(void)state;
	(void)kind;
	(void)obj;
}

/* The discipline: open, map, alloc, free, print, close, idregister. */
static Agiddisc_t creation_order = {
	ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close,
	ids_register
};

/* cgraph's own memory and input/output disciplines, with these IDs. */
static Agdisc_t disc = { NULL, &creation_order, NULL };

/* Opens a strict directed graph numbered in creation order. */
Agraph_t *
gv_open(const char *name)
{
	const struct gv_ids	*ids;
	Agraph_t		*g;

	if ((g = agopen((char *)name, Agstrictdirected, &disc)) == NULL)
		return NULL;
	if ((ids = g->clos->state.id) == NULL || ids->failed) {
		agclose(g);
		return NULL;
	}
	return g;
}
