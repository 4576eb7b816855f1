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
#include "model.h"
#include "notation.h"
#include "progress.h"
#include "strbuf.h"

static const char *const top_keys[] = {
	"version", "title", "description", "variables", "of", "wrt", NULL
};

enum var_key {
	K_INPUTS, K_EXPR, K_VALUE, K_PARTIALS, K_SHAPE, K_FN, K_LATEX,
	K_LABEL, K_DESCRIPTION, K_COUNT
};

static const char *const var_keys[] = {
	"inputs", "expr", "value", "partials", "shape", "fn", "latex",
	"label", "description", NULL
};

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
static size_t
path_push_key(struct loader *L, const char *key)
{
	size_t	mark = L->path.len, len = strlen(key);

	path_add_key(&L->path, key, len, load_name_valid(key, len));
	return mark;
}

/* Appends "[i]". */
static size_t
path_push_index(struct loader *L, size_t i)
{
	size_t	mark = L->path.len;

	strbuf_addf(&L->path, "[%zu]", i);
	return mark;
}

/* Returns the path to what it was at mark. */
static void
path_pop(struct loader *L, size_t mark)
{
	strbuf_truncate(&L->path, mark);
}

/* Fails with a model error at the current path. */
static int
fail(struct loader *L, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int
fail(struct loader *L, const char *fmt, ...)
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
static int
nomem(struct loader *L)
{
	error_nomem(L->err);
	return -1;
}

/* How a JSON value's type reads in a message. */
static const char *
json_type_name(const json_t *j)
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
static int
fail_type(struct loader *L, const char *what, const json_t *j)
{
	return fail(L, "expected %s, got %s", what, json_type_name(j));
}

/* Levenshtein distance between two short strings, capped at 99. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, prev, diag, cost;
	size_t	row[32];

	if (la > 30 || lb > 30)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			prev = row[j];
			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			row[j] = diag + cost;
			if (row[j] > row[j - 1] + 1)
				row[j] = row[j - 1] + 1;
			if (row[j] > prev + 1)
				row[j] = prev + 1;
			diag = prev;
		}
	}
	return row[lb];
}

/* Says whether known is close enough to key to be what was meant: a few
 * edits away, or one a prefix of the other ("expression", "expr"). */
static int
key_is_close(const char *key, const char *known, size_t d)
{
	size_t	lk = strlen(key), ln = strlen(known);

	if (d <= 2 && d < ln)
		return 1;
	return lk >= 2 && ln >= 2 && strncmp(key, known,
	    lk < ln ? lk : ln) == 0;
}

/* Fails with "unknown key", suggesting the closest known key, or listing
 * them all when none is close. */
static int
fail_unknown_key(struct loader *L, const char *key,
    const char *const *known)
{
	struct strbuf	 sb = STRBUF_INIT;
	size_t		 i, d, best = 100;
	const char	*closest = known[0];
	char		 q[QUOTE_SIZE];
	int		 rc;

	for (i = 0; known[i] != NULL; i++) {
		if ((d = edit_distance(key, known[i])) < best) {
			best = d;
			closest = known[i];
		}
	}
	quote(q, key, strlen(key));
	if (key_is_close(key, closest, best))
		return fail(L, "unknown key %s (did you mean \"%s\"?)", q,
		    closest);
	for (i = 0; known[i] != NULL; i++)
		strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", known[i]);
	if (strbuf_failed(&sb))
		rc = nomem(L);
	else
		rc = fail(L, "unknown key %s (the keys are %s)", q,
		    strbuf_str(&sb));
	strbuf_release(&sb);
	return rc;
}

/* Finds key in a NULL-terminated table; -1 when absent. */
static int
key_index(const char *key, const char *const *table)
{
	int	i;

	for (i = 0; table[i] != NULL; i++) {
		if (strcmp(key, table[i]) == 0)
			return i;
	}
	return -1;
}

/* Copies a string value into the pool; fails unless j is a string. */
static int
take_string(struct loader *L, const json_t *j, const char **out)
{
	if (!json_is_string(j))
		return fail_type(L, "a string", j);
	*out = pool_strndup(&L->m->pool, json_string_value(j),
	    json_string_length(j));
	return *out != NULL ? 0 : nomem(L);
}

/* Reads a finite number. */
static int
take_number(struct loader *L, const json_t *j, double *out)
{
	if (!json_is_number(j))
		return fail_type(L, "a number", j);
	*out = json_number_value(j);
	if (!isfinite(*out))
		return fail(L, "expected a finite number");
	return 0;
}

/* Adds a warning at the current path. */
static int
warn(struct loader *L, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int
warn(struct loader *L, const char *fmt, ...)
{
	struct strbuf	 sb = STRBUF_INIT;
	char		**w;
	va_list		 ap;

	strbuf_addf(&sb, "%s: %s: warning: ", L->m->source,
	    strbuf_str(&L->path));
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	w = mem_reallocarray(L->m->warnings, L->m->nwarnings + 1, sizeof(*w));
	if (w == NULL || strbuf_failed(&sb)) {
		if (w != NULL)
			L->m->warnings = w;
		strbuf_release(&sb);
		return nomem(L);
	}
	L->m->warnings = w;
	w[L->m->nwarnings++] = strbuf_detach(&sb);
	return 0;
}

/* Appends input w to the current variable, unless it is already there or
 * is the variable itself. */
static int
add_input(struct loader *L, uint32_t w)
{
	struct infdiag_model	*m = L->m;
	uint32_t		*grown;
	size_t			 cap;
	char			 q[QUOTE_SIZE];

	if (w == L->cur)
		return fail(L, "%s cannot be its own input",
		    quote(q, m->vars[w].name, strlen(m->vars[w].name)));
	if (L->stamp[w] == L->cur + 1)
		return fail(L, "input %s is listed twice (first at [%u])",
		    quote(q, m->vars[w].name, strlen(m->vars[w].name)),
		    L->slot[w]);
	if (L->in_len == UINT32_MAX - 1)
		return fail(L, "too many influences (the limit is %u)",
		    UINT32_MAX - 1);
	if (L->in_len == L->in_cap) {
		cap = L->in_cap < 1024 ? 1024 : L->in_cap * 2;
		if ((grown = mem_reallocarray(L->in_idx, cap,
		    sizeof(*grown))) == NULL)
			return nomem(L);
		L->in_idx = grown;
		L->in_cap = cap;
	}
	L->stamp[w] = L->cur + 1;
	L->slot[w] = (uint32_t)(L->in_len - m->in_off[L->cur]);
	L->in_idx[L->in_len++] = w;
	return 0;
}

/* Loads an array of input names. */
static int
load_inputs(struct loader *L, const json_t *arr)
{
	const json_t	*j;
	size_t		 i, mark;
	uint32_t	 w;
	char		 q[QUOTE_SIZE];

	if (!json_is_array(arr))
		return fail_type(L, "an array of variable names", arr);
	/* The names' slots are scattered over a table as large as the
	 * model: ask for them all before the first is needed. */
	json_array_foreach(arr, i, j) {
		if (json_is_string(j))
			model_lookup_prefetch(L->m, json_string_value(j),
			    json_string_length(j));
	}
	json_array_foreach(arr, i, j) {
		w = json_is_string(j) ? model_lookup(L->m,
		    json_string_value(j), json_string_length(j)) : INFDIAG_NONE;
		/* The path is built only for a message: there is an input per
		 * arrow, and most models have no error. */
		if (w != INFDIAG_NONE && w != L->cur &&
		    L->stamp[w] != L->cur + 1) {
			if (add_input(L, w) != 0)
				return -1;
			continue;
		}
		mark = path_push_index(L, i);
		if (!json_is_string(j))
			return fail_type(L, "a variable name (a string)", j);
		if (w == INFDIAG_NONE)
			return fail(L, "unknown variable %s", quote(q,
			    json_string_value(j), json_string_length(j)));
		if (add_input(L, w) != 0)
			return -1;
		path_pop(L, mark);
	}
	return 0;
}

/* Resolves a name in the current variable's expression: an input it
 * declared, or (when it declared none) a new inferred input. */
static int
resolve_name(void *ctx, const char *name, size_t len, uint32_t *slot,
    struct expr_error *xerr)
{
	struct loader	*L = ctx;
	struct var	*v = &L->m->vars[L->cur];
	uint32_t	 w = model_lookup(L->m, name, len);
	char		 q[QUOTE_SIZE], q2[QUOTE_SIZE];

	quote(q, name, len);
	if (w == INFDIAG_NONE) {
		snprintf(xerr->text, sizeof(xerr->text),
		    "unknown variable %s", q);
		return -1;
	}
	if (L->stamp[w] == L->cur + 1) {
		*slot = L->slot[w];
		return 0;
	}
	if (w == L->cur) {
		snprintf(xerr->text, sizeof(xerr->text),
		    "%s cannot be its own input", q);
		return -1;
	}
	if (!(v->flags & VAR_INPUTS_INFERRED)) {
		snprintf(xerr->text, sizeof(xerr->text),
		    "%s is not an input of %s", q,
		    quote(q2, v->name, strlen(v->name)));
		return -1;
	}
	if (add_input(L, w) != 0) {
		xerr->nomem = L->err != NULL &&
		    L->err->status == INFDIAG_ENOMEM;
		snprintf(xerr->text, sizeof(xerr->text), "%s",
		    L->err != NULL ? L->err->text : "cannot add input");
		if (L->err != NULL)
			L->err->status = INFDIAG_OK;
		return -1;
	}
	*slot = L->slot[w];
	return 0;
}

/* Parses the expression, inferring the inputs when none were declared, and
 * warns of declared inputs it does not use. */
static int
load_expr(struct loader *L, struct var_extra *x, const json_t *j)
{
	struct infdiag_model	*m = L->m;
	struct expr_error	 xerr;
	uint32_t		 i, n;
	unsigned char		*used;
	char			 q[QUOTE_SIZE];
	const char		*name;

	if (take_string(L, j, &x->expr_src) != 0)
		return -1;
	memset(&xerr, 0, sizeof(xerr));
	x->expr = expr_parse(x->expr_src, json_string_length(j), resolve_name,
	    L, &xerr);
	if (x->expr == NULL) {
		if (xerr.nomem)
			return nomem(L);
		if (xerr.column > 0)
			return fail(L, "column %zu: %s", xerr.column,
			    xerr.text);
		return fail(L, "%s", xerr.text);
	}
	n = (uint32_t)(L->in_len - m->in_off[L->cur]);
	if ((used = mem_calloc(n > 0 ? n : 1, 1)) == NULL)
		return nomem(L);
	expr_mark_used(x->expr, used);
	for (i = 0; i < n; i++) {
		if (used[i])
			continue;
		name = m->vars[L->in_idx[m->in_off[L->cur] + i]].name;
		if (warn(L, "input %s is not used, so its local derivative "
		    "is 0", quote(q, name, strlen(name))) != 0) {
			mem_free(used);
			return -1;
		}
	}
	mem_free(used);
	return 0;
}

/* Loads "partials": one finite number for each input, named by input. */
static int
load_partials(struct loader *L, struct var_extra *x, const json_t *obj)
{
	struct infdiag_model	*m = L->m;
	uint32_t		 n = (uint32_t)(L->in_len - m->in_off[L->cur]);
	uint32_t		 w, i;
	const char		*key;
	const json_t		*j;
	size_t			 mark;
	char			 q[QUOTE_SIZE], q2[QUOTE_SIZE];

	if (!json_is_object(obj))
		return fail_type(L, "an object of input name to number", obj);
	if (n == 0)
		return fail(L, "only a variable with inputs has partials: "
		    "%s has none", quote(q, m->vars[L->cur].name,
		    strlen(m->vars[L->cur].name)));
	if ((x->partials = pool_alloc(&m->pool, n * sizeof(double))) == NULL)
		return nomem(L);
	json_object_foreach((json_t *)obj, key, j) {
		mark = path_push_key(L, key);
		w = model_lookup(m, key, strlen(key));
		if (w == INFDIAG_NONE || L->stamp[w] != L->cur + 1)
			return fail(L, "%s is not an input of %s",
			    quote(q, key, strlen(key)), quote(q2,
			    m->vars[L->cur].name, strlen(m->vars[L->cur].name)));
		if (take_number(L, j, &x->partials[L->slot[w]]) != 0)
			return -1;
		path_pop(L, mark);
	}
	for (i = 0; i < n; i++) {
		w = L->in_idx[m->in_off[L->cur] + i];
		if (json_object_get(obj, m->vars[w].name) == NULL)
			return fail(L, "missing the partial for input %s",
			    quote(q, m->vars[w].name, strlen(m->vars[w].name)));
	}
	m->vars[L->cur].flags |= VAR_HAS_PARTIALS;
	return 0;
}

/* The most elements a shape may have: every index is exact in a double. */
#define SHAPE_MAX_SIZE	9007199254740992.0

/* Loads "shape": an array of positive integers. */
static int
load_shape(struct loader *L, struct var_extra *x, const json_t *arr)
{
	const json_t	*j;
	size_t		 i, mark;
	double		 size = 1;

	if (!json_is_array(arr))
		return fail_type(L, "an array of positive integers", arr);
	if (json_array_size(arr) > 32)
		return fail(L, "at most 32 dimensions");
	x->ndim = (uint32_t)json_array_size(arr);
	x->shape = pool_alloc(&L->m->pool, (x->ndim + 1) * sizeof(uint32_t));
	if (x->shape == NULL)
		return nomem(L);
	json_array_foreach(arr, i, j) {
		mark = path_push_index(L, i);
		if (!json_is_integer(j))
			return fail_type(L, "a positive integer", j);
		if (json_integer_value(j) < 1)
			return fail(L, "expected a positive integer, got %"
			    JSON_INTEGER_FORMAT, json_integer_value(j));
		if (json_integer_value(j) > UINT32_MAX)
			return fail(L, "expected a positive integer below "
			    "2^32, got %" JSON_INTEGER_FORMAT,
			    json_integer_value(j));
		x->shape[i] = (uint32_t)json_integer_value(j);
		size *= x->shape[i];
		if (size > SHAPE_MAX_SIZE)
			return fail(L, "the shape has more than 2^53 elements");
		path_pop(L, mark);
	}
	return 0;
}

/* Loads the strings a variable may carry for display. */
static int
load_texts(struct loader *L, struct var_extra *x, json_t *const *keys)
{
	static const int	 which[] = { K_FN, K_LATEX, K_LABEL,
				    K_DESCRIPTION };
	const char		**dest[4];
	size_t			 i, mark;
	char			 why[INFDIAG_ERROR_TEXT_LENGTH];

	dest[0] = &x->fn;
	dest[1] = &x->latex;
	dest[2] = &x->label;
	dest[3] = &x->description;
	for (i = 0; i < 4; i++) {
		if (keys[which[i]] == NULL)
			continue;
		mark = path_push_key(L, var_keys[which[i]]);
		if (take_string(L, keys[which[i]], dest[i]) != 0)
			return -1;
		if (which[i] == K_LATEX &&
		    note_latex_check(*dest[i], why, sizeof(why)) != 0)
			return fail(L, "%s", why);
		path_pop(L, mark);
	}
	return 0;
}

/* Loads the keys that need more than inputs, in an order where each can
 * check what it depends on: inputs, expr, value, partials, shape, texts. */
static int
load_extra(struct loader *L, json_t *const *keys)
{
	struct var		*v = &L->m->vars[L->cur];
	struct var_extra	*x;
	size_t			 mark;
	char			 q[QUOTE_SIZE];

	if (keys[K_EXPR] != NULL && keys[K_PARTIALS] != NULL)
		return fail(L, "give \"expr\" or \"partials\", not both: "
		    "partials are the local derivatives of a model without "
		    "expressions");
	if ((x = pool_alloc(&L->m->pool, sizeof(*x))) == NULL)
		return nomem(L);
	memset(x, 0, sizeof(*x));
	v->x = x;
	if (keys[K_EXPR] != NULL) {
		mark = path_push_key(L, "expr");
		if (load_expr(L, x, keys[K_EXPR]) != 0)
			return -1;
		path_pop(L, mark);
	}
	if (keys[K_VALUE] != NULL) {
		mark = path_push_key(L, "value");
		if (L->in_len > L->m->in_off[L->cur])
			return fail(L, "only an independent variable can have "
			    "a value, and %s has inputs",
			    quote(q, v->name, strlen(v->name)));
		if (take_number(L, keys[K_VALUE], &v->value) != 0)
			return -1;
		v->flags |= VAR_HAS_VALUE;
		path_pop(L, mark);
	}
	if (keys[K_PARTIALS] != NULL) {
		mark = path_push_key(L, "partials");
		if (load_partials(L, x, keys[K_PARTIALS]) != 0)
			return -1;
		path_pop(L, mark);
	}
	if (keys[K_SHAPE] != NULL) {
		mark = path_push_key(L, "shape");
		if (load_shape(L, x, keys[K_SHAPE]) != 0)
			return -1;
		path_pop(L, mark);
	}
	return load_texts(L, x, keys);
}

/* Loads a variable written as an object. */
static int
load_var_object(struct loader *L, json_t *obj)
{
	json_t		*keys[K_COUNT], *j;
	const char	*key;
	size_t		 mark;
	int		 k, extra = 0;

	memset(keys, 0, sizeof(keys));
	json_object_foreach(obj, key, j) {
		if ((k = key_index(key, var_keys)) < 0) {
			path_push_key(L, key);
			return fail_unknown_key(L, key, var_keys);
		}
		keys[k] = j;
		extra |= k != K_INPUTS;
	}
	if (keys[K_INPUTS] != NULL) {
		mark = path_push_key(L, "inputs");
		if (load_inputs(L, keys[K_INPUTS]) != 0)
			return -1;
		path_pop(L, mark);
	} else if (keys[K_EXPR] != NULL)
		L->m->vars[L->cur].flags |= VAR_INPUTS_INFERRED;
	return extra ? load_extra(L, keys) : 0;
}

/* Loads variable cur from its JSON value. */
static int
load_variable(struct loader *L, json_t *j)
{
	L->m->in_off[L->cur] = (uint32_t)L->in_len;
	if (json_is_array(j))
		return load_inputs(L, j);
	if (json_is_object(j))
		return load_var_object(L, j);
	return fail_type(L, "an array of inputs or an object", j);
}

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
			path_push_key(L, key);
			return fail(L, "bad name %s: a name starts with a "
			    "letter and has only letters, digits and '_'",
			    quote(q, key, len));
		}
		if ((m->vars[v].name = pool_strndup(&m->pool, key, len)) ==
		    NULL)
			return nomem(L);
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
		return fail(L, "the model has no variables");
	if (n >= UINT32_MAX)
		return fail(L, "too many variables (the limit is %u)",
		    UINT32_MAX - 1);
	m->nvars = (uint32_t)n;
	m->vars = mem_calloc(n, sizeof(*m->vars));
	m->in_off = mem_calloc(n + 1, sizeof(*m->in_off));
	L->stamp = mem_calloc(n, sizeof(*L->stamp));
	L->slot = mem_calloc(n, sizeof(*L->slot));
	if (m->vars == NULL || m->in_off == NULL || L->stamp == NULL ||
	    L->slot == NULL || model_hash_init(m, m->nvars) != 0)
		return nomem(L);
	if (load_names(L, vars) != 0)
		return -1;
	L->cur = 0;
	progress_begin(&meter, INFDIAG_STAGE_LOADING, n, PROGRESS_GRAIN);
	json_object_foreach(vars, key, j) {
		mark = path_push_key(L, key);
		if (load_variable(L, j) != 0)
			return -1;
		path_pop(L, mark);
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
		return nomem(L);
	m->in_idx = L->in_idx;
	L->in_idx = NULL;
	return build_consumers(m) == 0 ? 0 : nomem(L);
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
			mark = path_push_key(L, "variables");
			path_push_key(L, m->vars[v].name);
			path_push_key(L, keys[k]);
			fail(L, "numbers and expressions are for scalar "
			    "variables, and %s or one of its inputs has a "
			    "shape", quote(q, m->vars[v].name,
			    strlen(m->vars[v].name)));
			path_pop(L, mark);
			return -1;
		}
	}
	return 0;
}

/* Resolves one name of "of" or "wrt". */
static int
load_target(struct loader *L, const json_t *j, uint32_t *out)
{
	char	q[QUOTE_SIZE];

	if (!json_is_string(j))
		return fail_type(L, "a variable name (a string)", j);
	*out = model_lookup(L->m, json_string_value(j), json_string_length(j));
	if (*out == INFDIAG_NONE)
		return fail(L, "unknown variable %s", quote(q,
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
		return fail_type(L, "a variable name or an array of them", j);
	n = json_is_string(j) ? 1 : json_array_size(j);
	if (n == 0)
		return fail(L, "expected at least one variable name");
	if ((m->wrt = mem_calloc(n, sizeof(*m->wrt))) == NULL)
		return nomem(L);
	if (json_is_string(j)) {
		m->nwrt = 1;
		return load_target(L, j, &m->wrt[0]);
	}
	for (i = 0; i < n; i++) {
		mark = path_push_index(L, i);
		if (load_target(L, json_array_get(j, i), &m->wrt[i]) != 0)
			return -1;
		for (k = 0; k < i; k++) {
			if (m->wrt[k] == m->wrt[i])
				return fail(L, "%s is listed twice (first at "
				    "[%zu])", quote(q, m->vars[m->wrt[i]].name,
				    strlen(m->vars[m->wrt[i]].name)), k);
		}
		m->nwrt++;
		path_pop(L, mark);
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
		mark = path_push_key(L, key);
		if ((k = key_index(key, top_keys)) < 0)
			return fail_unknown_key(L, key, top_keys);
		keys[k] = j;
		if (k == 0 && !json_is_integer(j))
			return fail_type(L, "an integer", j);
		if (k == 0 && json_integer_value(j) != 1)
			return fail(L, "unsupported version %" JSON_INTEGER_FORMAT
			    " (this infdiag reads version 1)",
			    json_integer_value(j));
		if ((k == 1 && take_string(L, j, &L->m->title) != 0) ||
		    (k == 2 && take_string(L, j, &L->m->description) != 0))
			return -1;
		if (k == 3 && !json_is_object(j))
			return fail_type(L, "an object of variables", j);
		path_pop(L, mark);
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
		return fail(L, "the model must be a JSON object, not %s",
		    json_type_name(root));
	if (load_top_keys(L, root, keys) != 0)
		return -1;
	if (keys[3] == NULL)
		return fail(L, "missing the required key \"variables\"");
	mark = path_push_key(L, "variables");
	if (load_variables(L, keys[3]) != 0)
		return -1;
	path_pop(L, mark);
	if (check_scalars(L) != 0)
		return -1;
	if (keys[4] != NULL) {
		mark = path_push_key(L, "of");
		if (load_target(L, keys[4], &L->m->of) != 0)
			return -1;
		path_pop(L, mark);
	}
	if (keys[5] != NULL) {
		mark = path_push_key(L, "wrt");
		if (load_wrt(L, keys[5]) != 0)
			return -1;
		path_pop(L, mark);
	}
	return 0;
}

/* Builds a model from a parsed document and frees the document. */
static struct infdiag_model *
load_document(json_t *root, const char *source, struct infdiag_error *err)
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
		infdiag_model_free(m);
		return NULL;
	}
	return m;
}

/* Turns jansson's parse error into ours: its own words, except where they
 * name jansson's internals or read awkwardly.  jansson ends the text with
 * " near 'TOKEN'" when the token is short. */
static void
syntax_error(const json_error_t *jerr, struct infdiag_error *err)
{
	const char	*text = jerr->text, *near, *what = NULL;
	int		 line = jerr->line > 0 ? jerr->line : 1;
	int		 column = jerr->column > 0 ? jerr->column : 1;
	int		 len;

	/* jansson leaves the text empty when it cannot allocate its lexer,
	 * and reports some failed allocations as syntax errors. */
	if (text[0] == '\0' || mem_json_failed()) {
		error_nomem(err);
		return;
	}
	switch (json_error_code(jerr)) {
	case json_error_out_of_memory:
		error_nomem(err);
		return;
	case json_error_stack_overflow:
		/* jansson says "maximum parsing depth reached near '['". */
		error_set_at(err, line, column, "arrays and objects are nested "
		    "more than %d deep", JSON_PARSER_MAX_DEPTH);
		return;
	case json_error_duplicate_key:
		what = "duplicate key";
		break;
	case json_error_null_character:
		what = "\\u0000 is not allowed in a string";
		break;
	case json_error_null_byte_in_key:
		what = "\\u0000 is not allowed in a key";
		break;
	default:
		break;
	}
	/* An empty document, or one cut short where a value was due. */
	if (strcmp(text, "unexpected token near end of file") == 0)
		what = "unexpected end of file";
	if (what == NULL) {
		error_set_at(err, line, column, "%s", text);
		return;
	}
	if ((near = strstr(text, " near '")) == NULL) {
		error_set_at(err, line, column, "%s", what);
		return;
	}
	/* The duplicate key is shown as written, without " near '...'". */
	near += 7;
	len = (int)strlen(near);
	if (len > 0 && near[len - 1] == '\'')
		len--;
	if (json_error_code(jerr) == json_error_duplicate_key)
		error_set_at(err, line, column, "%s %.*s", what, len, near);
	else
		error_set_at(err, line, column, "%s near '%.*s'", what, len,
		    near);
}

/* The flags every model is parsed with.  Any JSON value is parsed, so
 * that a document that is not an object is told so in plain words. */
#define LOAD_FLAGS	(JSON_REJECT_DUPLICATES | JSON_DECODE_ANY)

/* Says whether jansson lost an allocation while building a document it
 * still returned (it can drop a byte of a string): then the document is
 * not the model, and is freed. */
static int
json_failed(json_t *root, struct infdiag_error *err)
{
	if (!mem_json_failed())
		return 0;
	mem_json_end(root);
	error_nomem(err);
	return 1;
}

/* UTF-8's byte-order mark, which some editors write at the start of a
 * file: not part of the JSON, so it is skipped. */
static const char utf8_bom[3] = { '\xef', '\xbb', '\xbf' };

/* Loads a model from len bytes in memory. */
struct infdiag_model *
infdiag_model_load_buffer(const char *buf, size_t len, const char *source,
    struct infdiag_error *err)
{
	json_error_t	 jerr;
	json_t		*root;

	error_init(err, source);
	if (len >= sizeof(utf8_bom) && memcmp(buf, utf8_bom,
	    sizeof(utf8_bom)) == 0) {
		buf += sizeof(utf8_bom);
		len -= sizeof(utf8_bom);
	}
	mem_json_begin();
	if ((root = json_loadb(buf, len, LOAD_FLAGS, &jerr)) == NULL) {
		mem_json_end(NULL);
		syntax_error(&jerr, err);
		return NULL;
	}
	if (json_failed(root, err))
		return NULL;
	return load_document(root, source, err);
}

/* What the streaming reader carries. */
struct reader {
	FILE		*fp;
	int		 error;		/* errno of a failed read, or 0 */
	int		 too_big;	/* more than max bytes */
	uint64_t	 bytes;		/* read so far */
	uint64_t	 max;
	char		 head[3];	/* the first bytes, when no BOM */
	size_t		 nhead;
	struct progress	 meter;
};

/* Feeds jansson from a stream, first the bytes read to look for a BOM;
 * remembers a read error, or that the stream is longer than allowed. */
static size_t
read_chunk(void *buf, size_t size, void *data)
{
	struct reader	*r = data;
	size_t		 n;

	if (r->nhead > 0) {
		n = r->nhead < size ? r->nhead : size;
		memcpy(buf, r->head, n);
		memmove(r->head, r->head + n, r->nhead - n);
		r->nhead -= n;
		return n;
	}
	n = fread(buf, 1, size, r->fp);
	if (n == 0 && ferror(r->fp)) {
		r->error = errno != 0 ? errno : EIO;
		return (size_t)-1;
	}
	r->bytes += n;
	if (r->bytes > r->max) {
		r->too_big = 1;
		return (size_t)-1;
	}
	progress_at(&r->meter, r->bytes);
	return n;
}

/* Reads the first bytes and keeps them for jansson unless they are a
 * byte-order mark; -1 on a read error. */
static int
skip_bom(struct reader *r)
{
	r->nhead = fread(r->head, 1, sizeof(r->head), r->fp);
	if (r->nhead < sizeof(r->head) && ferror(r->fp)) {
		r->error = errno != 0 ? errno : EIO;
		return -1;
	}
	r->bytes = r->nhead;
	if (r->nhead == sizeof(utf8_bom) && memcmp(r->head, utf8_bom,
	    sizeof(utf8_bom)) == 0)
		r->nhead = 0;
	return 0;
}

/* Sets the error of a model larger than max bytes. */
static void
fail_too_big(uint64_t max, struct infdiag_error *err)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB" };
	unsigned long long	 n = max;
	size_t			 u = 0;

	while (u + 1 < sizeof(units) / sizeof(units[0]) && n >= 1024 &&
	    n % 1024 == 0)
		n /= 1024, u++;
	error_set(err, INFDIAG_EIO, "", "cannot read: the model is larger "
	    "than %llu %s, the most infdiag reads", n, units[u]);
}

/* The bytes left to read in a regular file; 0 (unknown) for a pipe or a
 * terminal. */
static uint64_t
bytes_left(FILE *fp)
{
	struct stat	st;
	off_t		at;

	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (at = ftello(fp)) < 0 || at >= st.st_size)
		return 0;
	return (uint64_t)(st.st_size - at);
}

/* Parses a stream of at most max bytes; an unreadable stream, or a
 * longer one, is an I/O error. */
static struct infdiag_model *
load_stream(FILE *fp, const char *source, uint64_t max,
    struct infdiag_error *err)
{
	struct reader	 r;
	json_error_t	 jerr;
	json_t		*root = NULL;
	uint64_t	 left = bytes_left(fp);

	if (left > max) {
		fail_too_big(max, err);
		return NULL;
	}
	memset(&r, 0, sizeof(r));
	r.fp = fp;
	r.max = max;
	progress_begin(&r.meter, INFDIAG_STAGE_READING, left, PROGRESS_BYTES);
	errno = 0;
	mem_json_begin();
	if (skip_bom(&r) == 0)
		root = json_load_callback(read_chunk, &r, LOAD_FLAGS, &jerr);
	if (root != NULL && r.error == 0)
		progress_end(&r.meter, r.bytes);
	if (r.error != 0 || r.too_big) {
		mem_json_end(root);
		if (r.too_big)
			fail_too_big(max, err);
		else
			error_set(err, INFDIAG_EIO, "", "cannot read: %s",
			    strerror(r.error));
		return NULL;
	}
	if (root == NULL) {
		mem_json_end(NULL);
		syntax_error(&jerr, err);
		return NULL;
	}
	if (json_failed(root, err))
		return NULL;
	return load_document(root, source, err);
}

/* Loads a model from a file, or from standard input for "-". */
struct infdiag_model *
infdiag_model_load_file(const char *path, struct infdiag_error *err)
{
	return load_file_max(path, LOAD_INPUT_MAX, err);
}

/* Loads a model of at most max bytes from a file, or from standard input
 * for "-". */
struct infdiag_model *
load_file_max(const char *path, uint64_t max, struct infdiag_error *err)
{
	struct infdiag_model	*m;
	struct stat		 st;
	FILE			*fp;

	if (strcmp(path, "-") == 0) {
		error_init(err, "<stdin>");
		return load_stream(stdin, "<stdin>", max, err);
	}
	error_init(err, path);
	if ((fp = fopen(path, "rb")) == NULL) {
		error_set(err, INFDIAG_EIO, "", "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		error_set(err, INFDIAG_EIO, "", "cannot read: %s",
		    strerror(EISDIR));
		return NULL;
	}
	m = load_stream(fp, path, max, err);
	fclose(fp);
	return m;
}
