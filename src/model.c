/*
 * The model's accessors, its name table, and freeing it.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "alloc.h"
#include "expr.h"
#include "hash.h"
#include "model.h"
#include "notation.h"
#include "read.h"

/* A name's hash: its low half indexes the table, and the whole is kept
 * beside the variable to spare a visit to each name that cannot match. */
static uint32_t
name_hash(const char *s, size_t len)
{
	return (uint32_t)hash_finish(hash_bytes(HASH_SEED, s, len));
}

/* The tag a name of len bytes with hash h carries in its slot. */
static uint32_t
name_tag(uint32_t h, size_t len)
{
	return (h & ~(uint32_t)0xf) | (len <= 8 ? (uint32_t)len : 0xf);
}

/* The first bytes of a name of at most 8 bytes as a word, zero-padded. */
static uint64_t
name_head(const char *s, size_t len)
{
	uint64_t	w = 0;

	memcpy(&w, s, len);
	return w;
}

/* Allocates the name table for n names: a power of two at least 2n. */
int
model_hash_init(struct infdiag_model *m, uint32_t n)
{
	size_t	size = 16;

	while (size < (size_t)n * 2)
		size *= 2;
	if ((m->hash = mem_calloc(size, sizeof(*m->hash))) == NULL)
		return -1;
	m->hash_mask = (uint32_t)(size - 1);
	return 0;
}

/* Adds var v to the name table. */
void
model_hash_insert(struct infdiag_model *m, uint32_t v)
{
	const char	*name = m->vars[v].name;
	size_t		 len = strlen(name);
	uint32_t	 h = name_hash(name, len), i = h & m->hash_mask;

	while (m->hash[i].key != 0)
		i = (i + 1) & m->hash_mask;
	m->hash[i].key = (uint64_t)name_tag(h, len) << 32 | (v + 1);
	m->hash[i].head = len <= 8 ? name_head(name, len) : 0;
}

/* Starts fetching the table slot where a name of len bytes begins its
 * search, so that a run of lookups waits for memory once, not each. */
void
model_lookup_prefetch(const struct infdiag_model *m, const char *name,
    size_t len)
{
	if (m->hash != NULL)
		__builtin_prefetch(&m->hash[name_hash(name, len) &
		    m->hash_mask]);
}

/* Looks a name of len bytes up; INFDIAG_NONE when absent.  A name of up
 * to 8 bytes is compared in its slot; a longer one only where the tag
 * matches. */
uint32_t
model_lookup(const struct infdiag_model *m, const char *name, size_t len)
{
	uint32_t	h, i, v, tag;
	uint64_t	e, head;
	const char	*cand;

	if (m->hash == NULL)
		return INFDIAG_NONE;
	h = name_hash(name, len);
	tag = name_tag(h, len);
	head = len <= 8 ? name_head(name, len) : 0;
	for (i = h & m->hash_mask; (e = m->hash[i].key) != 0;
	    i = (i + 1) & m->hash_mask) {
		if ((uint32_t)(e >> 32) != tag)
			continue;
		v = (uint32_t)e - 1;
		if (len <= 8) {
			if (m->hash[i].head == head)
				return v;
			continue;
		}
		cand = m->vars[v].name;
		if (memcmp(cand, name, len) == 0 && cand[len] == '\0')
			return v;
	}
	return INFDIAG_NONE;
}

/* Places a message about the model at its line:column in a file not in
 * JSON. */
void
model_place_error(const struct infdiag_model *m, struct infdiag_error *err)
{
	if (m != NULL && m->places != NULL)
		read_place_later(m->places, err);
}

/* Frees the model. */
void
infdiag_model_free(struct infdiag_model *m)
{
	uint32_t	v;
	size_t		i;

	if (m == NULL)
		return;
	for (v = 0; m->vars != NULL && v < m->nvars; v++) {
		if (m->vars[v].x != NULL)
			expr_free(m->vars[v].x->expr);
	}
	for (i = 0; i < m->nwarnings; i++)
		mem_free(m->warnings[i]);
	mem_free(m->warnings);
	mem_free(m->vars);
	mem_free(m->in_off);
	mem_free(m->in_idx);
	mem_free(m->out_off);
	mem_free(m->out_idx);
	mem_free(m->order);
	mem_free(m->rank);
	mem_free(m->wrt);
	mem_free(m->hash);
	mem_free(m->source);
	read_places_free(m->places);
	pool_release(&m->pool);
	mem_free(m);
}

/* The library's version. */
const char *
infdiag_version(void)
{
	return PACKAGE_VERSION;
}

/* The name the model was loaded under. */
const char *
infdiag_model_source(const struct infdiag_model *m)
{
	return m->source;
}

/* The title, or NULL. */
const char *
infdiag_model_title(const struct infdiag_model *m)
{
	return m->title;
}

/* The description, or NULL. */
const char *
infdiag_model_description(const struct infdiag_model *m)
{
	return m->description;
}

/* The number of variables. */
uint32_t
infdiag_model_count(const struct infdiag_model *m)
{
	return m->nvars;
}

/* The number of influences. */
size_t
infdiag_model_influences(const struct infdiag_model *m)
{
	return m->nedges;
}

/* The variable called name, or INFDIAG_NONE. */
uint32_t
infdiag_model_lookup(const struct infdiag_model *m, const char *name)
{
	return model_lookup(m, name, strlen(name));
}

/* The topological order. */
const uint32_t *
infdiag_model_order(const struct infdiag_model *m)
{
	return m->order;
}

/* The model's "of", or INFDIAG_NONE. */
uint32_t
infdiag_model_of(const struct infdiag_model *m)
{
	return m->of;
}

/* The model's "wrt": the count, and the array in *ids. */
uint32_t
infdiag_model_wrt(const struct infdiag_model *m, const uint32_t **ids)
{
	*ids = m->wrt;
	return m->nwrt;
}

/* The number of warnings. */
size_t
infdiag_model_warning_count(const struct infdiag_model *m)
{
	return m->nwarnings;
}

/* Warning i. */
const char *
infdiag_model_warning(const struct infdiag_model *m, size_t i)
{
	return i < m->nwarnings ? m->warnings[i] : NULL;
}

/* A variable's name. */
const char *
infdiag_var_name(const struct infdiag_model *m, uint32_t v)
{
	return v < m->nvars ? m->vars[v].name : NULL;
}

/* A variable's inputs. */
uint32_t
infdiag_var_inputs(const struct infdiag_model *m, uint32_t v,
    const uint32_t **ids)
{
	*ids = m->in_idx + m->in_off[v];
	return m->in_off[v + 1] - m->in_off[v];
}

/* A variable's consumers. */
uint32_t
infdiag_var_consumers(const struct infdiag_model *m, uint32_t v,
    const uint32_t **ids)
{
	*ids = m->out_idx + m->out_off[v];
	return m->out_off[v + 1] - m->out_off[v];
}
