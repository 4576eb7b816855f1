/*
 * Loading a model: JSON through jansson into the model's own structures,
 * with every rule of SPEC §2 checked and each rejection placed by its JSON
 * path.  The JSON document is freed as soon as the model is built, before
 * the graph is ordered.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "expr.h"
#include "graph.h"
#include "load.h"
#include "load_impl.h"
#include "model.h"
#include "notation.h"
#include "progress.h"
#include "strbuf.h"
#include "suggest.h"

static const char *const top_keys[] = {
	"version", "title", "description", "variables", "of", "wrt", NULL
};

/* First pass: checks each name and enters it in the name table. */
static int
load_names(struct loader *L, json_t *vars)
{
	struct infdiag_model	*m = L->m;
	const char		*key;
	json_t			*j;
	size_t			 len;
	uint32_t		 v = 0;
	char			 q[QUOTE_SIZE];

	json_object_foreach(vars, key, j) {
		len = strlen(key);
		if (!load_name_valid(key, len)) {
			load_path_push_key(L, key);
			return load_fail(L, "bad name %s: a name starts with a "
			    "letter and has only letters, digits and '_'",
			    quote(q, key, len));
		}
		if ((m->vars[v].name = pool_strndup(&m->pool, key, len)) ==
		    NULL)
			return load_nomem(L);
		model_hash_insert(m, v++);
	}
	return 0;
}

/* Builds the consumers from the inputs by counting. */
static int
build_consumers(struct infdiag_model *m)
{
	uint32_t	v, i, *fill;

	m->out_off = mem_calloc((size_t)m->nvars + 1, sizeof(*m->out_off));
	m->out_idx = mem_calloc(m->nedges > 0 ? m->nedges : 1,
	    sizeof(*m->out_idx));
	if (m->out_off == NULL || m->out_idx == NULL)
		return -1;
	for (i = 0; i < m->nedges; i++)
		m->out_off[m->in_idx[i] + 1]++;
	for (v = 0; v < m->nvars; v++)
		m->out_off[v + 1] += m->out_off[v];
	/* The per-variable fill positions reuse nothing else: take a copy. */
	if ((fill = mem_calloc(m->nvars, sizeof(*fill))) == NULL)
		return -1;
	memcpy(fill, m->out_off, m->nvars * sizeof(*fill));
	for (v = 0; v < m->nvars; v++) {
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++)
			m->out_idx[fill[m->in_idx[i]]++] = v;
	}
	mem_free(fill);
	return 0;
}

/* Loads "variables": names first, then each variable, then the consumers. */
static int
load_variables(struct loader *L, json_t *vars)
{
	struct infdiag_model	*m = L->m;
	struct progress		 meter;
	size_t			 n = json_object_size(vars), mark;
	const char		*key;
	json_t			*j;

	if (n == 0)
		return load_fail(L, "the model has no variables");
	if (n >= UINT32_MAX)
		return load_fail(L, "too many variables (the limit is %u)",
		    UINT32_MAX - 1);
	m->nvars = (uint32_t)n;
	m->vars = mem_calloc(n, sizeof(*m->vars));
	m->in_off = mem_calloc(n + 1, sizeof(*m->in_off));
	L->stamp = mem_calloc(n, sizeof(*L->stamp));
	L->slot = mem_calloc(n, sizeof(*L->slot));
	if (m->vars == NULL || m->in_off == NULL || L->stamp == NULL ||
	    L->slot == NULL || model_hash_init(m, m->nvars) != 0)
		return load_nomem(L);
	if (load_names(L, vars) != 0)
		return -1;
	L->cur = 0;
	progress_begin(&meter, INFDIAG_STAGE_LOADING, n, PROGRESS_GRAIN);
	json_object_foreach(vars, key, j) {
		mark = load_path_push_key(L, key);
		if (load_variable(L, j) != 0)
			return -1;
		load_path_pop(L, mark);
		L->cur++;
		progress_at(&meter, L->cur);
	}
	progress_end(&meter, n);
	m->in_off[n] = (uint32_t)L->in_len;
	m->nedges = L->in_len;
	/* A model without arrows still gets arrays, so that no pointer
	 * arithmetic is ever done on NULL. */
	if (L->in_idx == NULL && (L->in_idx = mem_calloc(1,
	    sizeof(*L->in_idx))) == NULL)
		return load_nomem(L);
	m->in_idx = L->in_idx;
	L->in_idx = NULL;
	return build_consumers(m) == 0 ? 0 : load_nomem(L);
}

/* Says whether v is a scalar (no shape, or every dimension 1). */
static int
is_scalar(const struct infdiag_model *m, uint32_t v)
{
	const struct var_extra	*x = var_extra(m, v);
	uint32_t		 i;

	for (i = 0; x != NULL && x->shape != NULL && i < x->ndim; i++) {
		if (x->shape[i] != 1)
			return 0;
	}
	return 1;
}

/* Checks that numbers and expressions involve scalars only: a value is one
 * number, a partial a 1×1 derivative, an expression a scalar function. */
static int
check_scalars(struct loader *L)
{
	const struct infdiag_model	*m = L->m;
	static const char *const	 keys[] = { "value", "partials",
					    "expr" };
	uint32_t			 v, i, k;
	size_t				 mark;
	char				 q[QUOTE_SIZE];
	int				 has[3], bad;

	for (v = 0; v < m->nvars; v++) {
		if (m->vars[v].x == NULL)
			continue;
		has[0] = (m->vars[v].flags & VAR_HAS_VALUE) != 0;
		has[1] = (m->vars[v].flags & VAR_HAS_PARTIALS) != 0;
		has[2] = m->vars[v].x->expr != NULL;
		bad = !is_scalar(m, v);
		for (i = m->in_off[v]; i < m->in_off[v + 1] && !bad; i++)
			bad = !is_scalar(m, m->in_idx[i]);
		for (k = 0; k < 3; k++) {
			if (!has[k] || !bad)
				continue;
			mark = load_path_push_key(L, "variables");
			load_path_push_key(L, m->vars[v].name);
			load_path_push_key(L, keys[k]);
			load_fail(L, "numbers and expressions are for scalar "
			    "variables, and %s or one of its inputs has a "
			    "shape", quote(q, m->vars[v].name,
			    strlen(m->vars[v].name)));
			load_path_pop(L, mark);
			return -1;
		}
	}
	return 0;
}

/* Resolves one name of "of" or "wrt". */
static int
load_target(struct loader *L, const json_t *j, uint32_t *out)
{
	char	q[QUOTE_SIZE], mean[SUGGEST_SIZE];

	if (!json_is_string(j))
		return load_fail_type(L, "a variable name (a string)", j);
	*out = model_lookup(L->m, json_string_value(j), json_string_length(j));
	if (*out == INFDIAG_NONE)
		return load_fail(L, "unknown variable %s%s", quote(q,
		    json_string_value(j), json_string_length(j)),
		    suggest_mean(mean, sizeof(mean), L->m,
		    json_string_value(j), json_string_length(j)));
	return 0;
}

/* Loads "wrt": one name or a non-empty array of distinct names. */
static int
load_wrt(struct loader *L, const json_t *j)
{
	struct infdiag_model	*m = L->m;
	size_t			 i, k, n, mark;
	char			 q[QUOTE_SIZE];

	if (!json_is_string(j) && !json_is_array(j))
		return load_fail_type(L, "a variable name or an array of them", j);
	n = json_is_string(j) ? 1 : json_array_size(j);
	if (n == 0)
		return load_fail(L, "expected at least one variable name");
	if ((m->wrt = mem_calloc(n, sizeof(*m->wrt))) == NULL)
		return load_nomem(L);
	if (json_is_string(j)) {
		m->nwrt = 1;
		return load_target(L, j, &m->wrt[0]);
	}
	for (i = 0; i < n; i++) {
		mark = load_path_push_index(L, i);
		if (load_target(L, json_array_get(j, i), &m->wrt[i]) != 0)
			return -1;
		for (k = 0; k < i; k++) {
			if (m->wrt[k] == m->wrt[i])
				return load_fail(L, "%s is listed twice (first at "
				    "[%zu])", quote(q, m->vars[m->wrt[i]].name,
				    strlen(m->vars[m->wrt[i]].name)), k);
		}
		m->nwrt++;
		load_path_pop(L, mark);
	}
	return 0;
}

/* Checks the top-level keys' names and the simple ones' types. */
static int
load_top_keys(struct loader *L, json_t *root, json_t **keys)
{
	const char	*key;
	json_t		*j;
	size_t		 mark;
	int		 k;

	json_object_foreach(root, key, j) {
		mark = load_path_push_key(L, key);
		if ((k = load_key_index(key, top_keys)) < 0)
			return load_fail_unknown_key(L, key, top_keys);
		keys[k] = j;
		if (k == 0 && !json_is_integer(j))
			return load_fail_type(L, "an integer", j);
		if (k == 0 && json_integer_value(j) != 1)
			return load_fail(L, "unsupported version %" JSON_INTEGER_FORMAT
			    " (this infdiag reads version 1)",
			    json_integer_value(j));
		if ((k == 1 && load_take_string(L, j, &L->m->title) != 0) ||
		    (k == 2 && load_take_string(L, j, &L->m->description) != 0))
			return -1;
		if (k == 3 && !json_is_object(j))
			return load_fail_type(L, "an object of variables", j);
		load_path_pop(L, mark);
	}
	return 0;
}

/* Loads the whole document into L->m. */
static int
load_root(struct loader *L, json_t *root)
{
	json_t	*keys[6] = { NULL };
	size_t	 mark;

	if (!json_is_object(root))
		return load_fail(L, "the model must be a JSON object, not %s",
		    load_type_name(root));
	if (load_top_keys(L, root, keys) != 0)
		return -1;
	if (keys[3] == NULL)
		return load_fail(L, "missing the required key \"variables\"");
	mark = load_path_push_key(L, "variables");
	if (load_variables(L, keys[3]) != 0)
		return -1;
	load_path_pop(L, mark);
	if (check_scalars(L) != 0)
		return -1;
	if (keys[4] != NULL) {
		mark = load_path_push_key(L, "of");
		if (load_target(L, keys[4], &L->m->of) != 0)
			return -1;
		load_path_pop(L, mark);
	}
	if (keys[5] != NULL) {
		mark = load_path_push_key(L, "wrt");
		if (load_wrt(L, keys[5]) != 0)
			return -1;
		load_path_pop(L, mark);
	}
	return 0;
}

/* Builds a model from a parsed document and frees the document; the
 * model takes the places, unless it fails. */
struct infdiag_model *
load_document(json_t *root, const char *source, struct read_places *places,
    struct infdiag_error *err)
{
	struct loader		 L;
	struct infdiag_model	*m;
	int			 rc = -1;

	memset(&L, 0, sizeof(L));
	L.err = err;
	if ((m = mem_calloc(1, sizeof(*m))) == NULL ||
	    (m->source = mem_strdup(source)) == NULL) {
		mem_free(m);
		mem_json_end(root);
		error_nomem(err);
		return NULL;
	}
	m->of = INFDIAG_NONE;
	m->places = places;
	L.m = m;
	rc = load_root(&L, root);
	mem_json_end(root);
	mem_free(L.in_idx);
	mem_free(L.stamp);
	mem_free(L.slot);
	strbuf_release(&L.path);
	if (rc == 0)
		rc = graph_order(m, err);
	if (rc != 0) {
		/* The caller places the error by them, and frees them. */
		m->places = NULL;
		infdiag_model_free(m);
		return NULL;
	}
	return m;
}
