/*
 * Expression trees: building, freeing and inspecting nodes (the expr_is_*
 * predicates among them).  The parser is expr_parse.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "expr.h"
#include "expr_impl.h"
#include "hash.h"

static const char *const fn_names[EXPR_FN_COUNT] = {
	"exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "abs",
	"relu", "softplus", "atan", "asin", "acos", "sinh", "cosh", "sign",
	"heaviside", "min", "max"
};


/* Mixes v into the hash h.  The simplifier's tables index by the low
 * bits, and a multiplication alone leaves them depending on the low bits
 * only: a number's bits (all zero at the bottom for 1, 2, 3, ...) would
 * cluster there.  hash_finish() spreads every bit over all. */
uint64_t
expr_hash_mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return hash_finish(h);
}

/* Allocates a node with room for n kids. */
static struct expr *
node_alloc(enum expr_kind kind, size_t n)
{
	struct expr	*e;
	size_t		 extra;

	if (n > (SIZE_MAX - sizeof *e) / (sizeof *e->kids + 1))
		return NULL;
	extra = n * sizeof *e->kids + (kind == EXPR_PROD ? n : 0);
	if ((e = mem_calloc(1, sizeof *e + extra)) == NULL)
		return NULL;
	e->kind = kind;
	e->hash = expr_hash_mix(0, kind);
	e->refs = 1;
	e->depth = 1;
	e->lo = UINT32_MAX;
	e->n = n;
	if (n > 0) {
		e->kids = (struct expr **)(void *)(e + 1);
		if (kind == EXPR_PROD)
			e->inv = (unsigned char *)(e->kids + n);
	}
	return e;
}

/* Makes a number. */
struct expr *
expr_num(double value)
{
	struct expr	*e;

	uint64_t	 bits;

	if ((e = node_alloc(EXPR_NUM, 0)) != NULL) {
		e->value = value == 0 ? 0 : value;
		memcpy(&bits, &e->value, sizeof bits);
		e->hash = expr_hash_mix(e->hash, bits);
	}
	return e;
}

/* Makes the constant pi or e. */
struct expr *
expr_const(enum expr_kind kind)
{
	return node_alloc(kind, 0);
}

/* Makes a reference to input slot. */
struct expr *
expr_var(uint32_t slot)
{
	struct expr	*e;

	if ((e = node_alloc(EXPR_VAR, 0)) != NULL) {
		e->slot = e->lo = e->hi = slot;
		e->hash = expr_hash_mix(e->hash, slot);
	}
	return e;
}

/* Releases the first n of kids. */
static void
release_kids(size_t n, struct expr **kids)
{
	size_t	i;

	for (i = 0; i < n; i++)
		expr_free(kids[i]);
}

/* Makes an inner node over n kids (whose references it takes), with inv
 * the divisor flags of a product (NULL: none). */
struct expr *
expr_node(enum expr_kind kind, size_t n, struct expr **kids,
    const unsigned char *inv)
{
	struct expr	*e;
	unsigned	 depth = 0;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (kids[i] == NULL) {
			release_kids(n, kids);
			return NULL;
		}
		if (kids[i]->depth > depth)
			depth = kids[i]->depth;
	}
	if (depth >= EXPR_WALK_LIMIT || (e = node_alloc(kind, n)) == NULL) {
		release_kids(n, kids);
		return NULL;
	}
	e->depth = depth + 1;
	for (i = 0; i < n; i++) {
		e->kids[i] = kids[i];
		if (kids[i]->lo < e->lo)
			e->lo = kids[i]->lo;
		if (kids[i]->hi > e->hi)
			e->hi = kids[i]->hi;
		e->hash = expr_hash_mix(e->hash, kids[i]->hash);
		if (kind == EXPR_PROD) {
			e->inv[i] = inv != NULL && inv[i];
			e->hash = expr_hash_mix(e->hash, e->inv[i]);
		}
	}
	return e;
}

/* Makes -a. */
struct expr *
expr_neg(struct expr *a)
{
	return expr_node(EXPR_NEG, 1, &a, NULL);
}

/* Makes fn(a). */
struct expr *
expr_call(enum expr_fn fn, struct expr *a)
{
	struct expr	*e;

	if ((e = expr_node(EXPR_CALL, 1, &a, NULL)) != NULL) {
		e->fn = fn;
		e->hash = expr_hash_mix(e->hash, fn);
	}
	return e;
}

/* Makes fn(a, b), for a function of two arguments. */
struct expr *
expr_call2(enum expr_fn fn, struct expr *a, struct expr *b)
{
	struct expr	*kids[2] = { a, b }, *e;

	if ((e = expr_node(EXPR_CALL, 2, kids, NULL)) != NULL) {
		e->fn = fn;
		e->hash = expr_hash_mix(e->hash, fn);
	}
	return e;
}

/* Makes a^b. */
struct expr *
expr_pow(struct expr *a, struct expr *b)
{
	struct expr	*kids[2] = { a, b };

	return expr_node(EXPR_POW, 2, kids, NULL);
}

/* Appends e (whose reference it takes) to the list. */
void
expr_list_push(struct expr_list *l, struct expr *e, int inv)
{
	struct expr	**k;
	unsigned char	 *v;
	size_t		  cap;

	if (e == NULL || l->failed) {
		l->failed = 1;
		expr_free(e);
		return;
	}
	if (l->n == l->cap) {
		cap = l->cap < 8 ? 8 : l->cap * 2;
		k = mem_reallocarray(l->kids, cap, sizeof *k);
		if (k != NULL)
			l->kids = k;
		v = k != NULL ? mem_realloc(l->inv, cap) : NULL;
		if (v == NULL) {
			l->failed = 1;
			expr_free(e);
			return;
		}
		l->inv = v;
		l->cap = cap;
	}
	l->kids[l->n] = e;
	l->inv[l->n++] = (unsigned char)(inv != 0);
}

/* Frees the list and the operands still in it. */
void
expr_list_release(struct expr_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		expr_free(l->kids[i]);
	mem_free(l->kids);
	mem_free(l->inv);
	memset(l, 0, sizeof *l);
}

/* Turns the list into a node of kind, or its only operand; frees it. */
struct expr *
expr_list_finish(struct expr_list *l, enum expr_kind kind)
{
	struct expr	*e;

	if (l->failed) {
		expr_list_release(l);
		return NULL;
	}
	if (l->n == 1 && !l->inv[0]) {
		e = l->kids[0];
		l->n = 0;
	} else {
		e = expr_node(kind, l->n, l->kids, kind == EXPR_PROD ?
		    l->inv : NULL);
		l->n = 0;
	}
	expr_list_release(l);
	return e;
}

/* Takes another reference to e (NULL stays NULL). */
struct expr *
expr_ref(struct expr *e)
{
	if (e != NULL)
		e->refs++;
	return e;
}

/* Takes another reference to a tree held through a const pointer: trees
 * are immutable, only their reference counts change. */
struct expr *
expr_share(const struct expr *e)
{
	return expr_ref((struct expr *)(uintptr_t)e);
}

/* Drops a reference to e, freeing it with the last one. */
void
expr_free(struct expr *e)
{
	if (e == NULL || --e->refs > 0)
		return;
	release_kids(e->n, e->kids);
	mem_free(e);
}

/* Returns the name of a function as the language spells it. */
const char *
expr_fn_name(enum expr_fn fn)
{
	return fn_names[fn];
}

/* Says whether e is the number v. */
int
expr_is_num(const struct expr *e, double v)
{
	return e->kind == EXPR_NUM && e->value == v;
}

/* Says whether v is a whole number. */
int
expr_is_integer(double v)
{
	return isfinite(v) && floor(v) == v;
}

/* True when the tree is the constant 0. */
int
expr_is_zero(const struct expr *e)
{
	return e != NULL && expr_is_num(e, 0);
}

/* True when the tree is a number, or minus a number; sets *value. */
int
expr_is_constant(const struct expr *e, double *value)
{
	if (e == NULL)
		return 0;
	if (e->kind == EXPR_NUM) {
		*value = e->value;
		return 1;
	}
	if (e->kind == EXPR_NEG && e->kids[0]->kind == EXPR_NUM) {
		*value = -e->kids[0]->value;
		return 1;
	}
	return 0;
}

/* Says whether the tree uses input slot: the range of slots each node
 * holds answers at once for most subtrees (in a sum of products w_i·x_i,
 * every term but one). */
int
expr_uses(const struct expr *e, uint32_t slot)
{
	size_t	i;

	if (slot < e->lo || slot > e->hi)
		return 0;
	if (e->kind == EXPR_VAR)
		return e->slot == slot;
	for (i = 0; i < e->n; i++) {
		if (expr_uses(e->kids[i], slot))
			return 1;
	}
	return 0;
}

/* Marks used[slot] for every input slot the tree uses, in one walk over
 * the tree as written: asking expr_uses() for each of a sum's n inputs
 * would walk its n terms n times. */
void
expr_mark_used(const struct expr *e, unsigned char *used)
{
	size_t	i;

	if (e->lo > e->hi)
		return;
	if (e->kind == EXPR_VAR) {
		used[e->slot] = 1;
		return;
	}
	for (i = 0; i < e->n; i++)
		expr_mark_used(e->kids[i], used);
}
