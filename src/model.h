/*
 * The model's own structures, shared by the library's modules.  Callers
 * outside the library see them only through the accessors of infdiag.h.
 *
 * Variables are numbered in declaration order.  Influences are stored in
 * compressed form both ways: var v's inputs are in_idx[in_off[v] ..
 * in_off[v+1]) in the order the model lists them, its consumers are
 * out_idx[out_off[v] .. out_off[v+1]) in declaration order.
 */
#ifndef INFDIAG_MODEL_H
#define INFDIAG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "infdiag.h"
#include "pool.h"

struct expr;
struct read_places;

enum var_flag {
	VAR_HAS_VALUE = 1 << 0,		/* "value" given */
	VAR_HAS_PARTIALS = 1 << 1,	/* "partials" given, one per input */
	VAR_INPUTS_INFERRED = 1 << 2	/* inputs taken from "expr" */
};

/* The keys that few variables have, kept apart to keep struct var small. */
struct var_extra {
	const char	*expr_src;	/* "expr" as written, or NULL */
	struct expr	*expr;		/* parsed, slots = inputs */
	const char	*fn;
	const char	*latex;
	const char	*label;
	const char	*description;
	double		*partials;	/* parallel to the inputs */
	uint32_t	*shape;		/* NULL for a scalar */
	uint32_t	 ndim;
};

struct var {
	const char		*name;
	struct var_extra	*x;	/* NULL when there is nothing extra */
	double			 value;
	uint32_t		 flags;
};

/* A slot of the name table: key is the name's tag << 32 | var index + 1
 * (the tag is the hash with the name's length, 1 to 8, or 15 for a longer
 * one, in its low 4 bits), and head a name of up to 8 bytes itself, padded
 * with zeros: most lookups then read neither the variable nor its name,
 * each a cache miss on a large model. */
struct name_slot {
	uint64_t	key;
	uint64_t	head;
};

struct infdiag_model {
	char		*source;
	const char	*title;
	const char	*description;
	uint32_t	 nvars;
	struct var	*vars;
	uint32_t	*in_off;
	uint32_t	*in_idx;
	uint32_t	*out_off;
	uint32_t	*out_idx;
	size_t		 nedges;
	uint32_t	*order;		/* topological order */
	uint32_t	*rank;		/* rank[v]: v's position in order */
	uint32_t	 of;		/* INFDIAG_NONE when not given */
	uint32_t	*wrt;
	uint32_t	 nwrt;
	struct name_slot *hash;		/* open addressing, key 0: empty */
	uint32_t	 hash_mask;
	char		**warnings;
	size_t		 nwarnings;
	struct read_places *places;	/* where each part is in a file not
					   in JSON (read.h), or NULL */
	struct pool	 pool;		/* names and texts */
};

/* The variable's extra keys, or NULL. */
static inline const struct var_extra *
var_extra(const struct infdiag_model *m, uint32_t v)
{
	return m->vars[v].x;
}

/* The number of inputs of v. */
static inline uint32_t
var_ninputs(const struct infdiag_model *m, uint32_t v)
{
	return m->in_off[v + 1] - m->in_off[v];
}

/* Looks a name of len bytes up; INFDIAG_NONE when absent. */
uint32_t	model_lookup(const struct infdiag_model *, const char *, size_t);
void		model_lookup_prefetch(const struct infdiag_model *, const char *,
		    size_t);
/* Adds var v to the name table; the table was sized for all of them. */
void		model_hash_insert(struct infdiag_model *, uint32_t);
/* Allocates the name table for n names; -1 when out of memory. */
int		model_hash_init(struct infdiag_model *, uint32_t);

/* Places an error or warning about the model, which names a part by its
 * JSON path, at the line:column that part came from when the model was
 * read from another format (or the nearest part above it); a model read
 * from JSON, or a path naming no part the reader noted ("--of"), keeps
 * the JSON path.  Every message of the library about a loaded model
 * goes through here before it is formatted. */
void		model_place_error(const struct infdiag_model *,
		    struct infdiag_error *);

#endif /* INFDIAG_MODEL_H */
