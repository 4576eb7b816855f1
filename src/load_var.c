/*
 * Loading one variable of the model: its inputs, its expression, its
 * numbers and its texts, each rejection placed by its JSON path.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "expr.h"
#include "load.h"
#include "load_impl.h"
#include "model.h"
#include "notation.h"
#include "strbuf.h"

enum var_key {
	K_INPUTS, K_EXPR, K_VALUE, K_PARTIALS, K_SHAPE, K_FN, K_LATEX,
	K_LABEL, K_DESCRIPTION, K_COUNT
};

static const char *const var_keys[] = {
	"inputs", "expr", "value", "partials", "shape", "fn", "latex",
	"label", "description", NULL
};


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
		return load_fail(L, "%s cannot be its own input",
		    quote(q, m->vars[w].name, strlen(m->vars[w].name)));
	if (L->stamp[w] == L->cur + 1)
		return load_fail(L, "input %s is listed twice (first at [%u])",
		    quote(q, m->vars[w].name, strlen(m->vars[w].name)),
		    L->slot[w]);
	if (L->in_len == UINT32_MAX - 1)
		return load_fail(L, "too many influences (the limit is %u)",
		    UINT32_MAX - 1);
	if (L->in_len == L->in_cap) {
		cap = L->in_cap < 1024 ? 1024 : L->in_cap * 2;
		if ((grown = mem_reallocarray(L->in_idx, cap,
		    sizeof(*grown))) == NULL)
			return load_nomem(L);
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
		return load_fail_type(L, "an array of variable names", arr);
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
		mark = load_path_push_index(L, i);
		if (!json_is_string(j))
			return load_fail_type(L, "a variable name (a string)", j);
		if (w == INFDIAG_NONE)
			return load_fail(L, "unknown variable %s", quote(q,
			    json_string_value(j), json_string_length(j)));
		if (add_input(L, w) != 0)
			return -1;
		load_path_pop(L, mark);
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

	if (load_take_string(L, j, &x->expr_src) != 0)
		return -1;
	memset(&xerr, 0, sizeof(xerr));
	x->expr = expr_parse(x->expr_src, json_string_length(j), resolve_name,
	    L, &xerr);
	if (x->expr == NULL) {
		if (xerr.nomem)
			return load_nomem(L);
		if (xerr.column > 0)
			return load_fail(L, "column %zu: %s", xerr.column,
			    xerr.text);
		return load_fail(L, "%s", xerr.text);
	}
	n = (uint32_t)(L->in_len - m->in_off[L->cur]);
	if ((used = mem_calloc(n > 0 ? n : 1, 1)) == NULL)
		return load_nomem(L);
	expr_mark_used(x->expr, used);
	for (i = 0; i < n; i++) {
		if (used[i])
			continue;
		name = m->vars[L->in_idx[m->in_off[L->cur] + i]].name;
		if (load_warn(L, "input %s is not used, so its local derivative "
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
		return load_fail_type(L, "an object of input name to number", obj);
	if (n == 0)
		return load_fail(L, "only a variable with inputs has partials: "
		    "%s has none", quote(q, m->vars[L->cur].name,
		    strlen(m->vars[L->cur].name)));
	if ((x->partials = pool_alloc(&m->pool, n * sizeof(double))) == NULL)
		return load_nomem(L);
	json_object_foreach((json_t *)obj, key, j) {
		mark = load_path_push_key(L, key);
		w = model_lookup(m, key, strlen(key));
		if (w == INFDIAG_NONE || L->stamp[w] != L->cur + 1)
			return load_fail(L, "%s is not an input of %s",
			    quote(q, key, strlen(key)), quote(q2,
			    m->vars[L->cur].name, strlen(m->vars[L->cur].name)));
		if (load_take_number(L, j, &x->partials[L->slot[w]]) != 0)
			return -1;
		load_path_pop(L, mark);
	}
	for (i = 0; i < n; i++) {
		w = L->in_idx[m->in_off[L->cur] + i];
		if (json_object_get(obj, m->vars[w].name) == NULL)
			return load_fail(L, "missing the partial for input %s",
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
		return load_fail_type(L, "an array of positive integers", arr);
	if (json_array_size(arr) > 32)
		return load_fail(L, "at most 32 dimensions");
	x->ndim = (uint32_t)json_array_size(arr);
	x->shape = pool_alloc(&L->m->pool, (x->ndim + 1) * sizeof(uint32_t));
	if (x->shape == NULL)
		return load_nomem(L);
	json_array_foreach(arr, i, j) {
		mark = load_path_push_index(L, i);
		if (!json_is_integer(j))
			return load_fail_type(L, "a positive integer", j);
		if (json_integer_value(j) < 1)
			return load_fail(L, "expected a positive integer, got %"
			    JSON_INTEGER_FORMAT, json_integer_value(j));
		if (json_integer_value(j) > UINT32_MAX)
			return load_fail(L, "expected a positive integer below "
			    "2^32, got %" JSON_INTEGER_FORMAT,
			    json_integer_value(j));
		x->shape[i] = (uint32_t)json_integer_value(j);
		size *= x->shape[i];
		if (size > SHAPE_MAX_SIZE)
			return load_fail(L, "the shape has more than 2^53 elements");
		load_path_pop(L, mark);
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
		mark = load_path_push_key(L, var_keys[which[i]]);
		if (load_take_string(L, keys[which[i]], dest[i]) != 0)
			return -1;
		if (which[i] == K_LATEX &&
		    note_latex_check(*dest[i], why, sizeof(why)) != 0)
			return load_fail(L, "%s", why);
		load_path_pop(L, mark);
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
		return load_fail(L, "give \"expr\" or \"partials\", not both: "
		    "partials are the local derivatives of a model without "
		    "expressions");
	if ((x = pool_alloc(&L->m->pool, sizeof(*x))) == NULL)
		return load_nomem(L);
	memset(x, 0, sizeof(*x));
	v->x = x;
	if (keys[K_EXPR] != NULL) {
		mark = load_path_push_key(L, "expr");
		if (load_expr(L, x, keys[K_EXPR]) != 0)
			return -1;
		load_path_pop(L, mark);
	}
	if (keys[K_VALUE] != NULL) {
		mark = load_path_push_key(L, "value");
		if (L->in_len > L->m->in_off[L->cur])
			return load_fail(L, "only an independent variable can have "
			    "a value, and %s has inputs",
			    quote(q, v->name, strlen(v->name)));
		if (load_take_number(L, keys[K_VALUE], &v->value) != 0)
			return -1;
		v->flags |= VAR_HAS_VALUE;
		load_path_pop(L, mark);
	}
	if (keys[K_PARTIALS] != NULL) {
		mark = load_path_push_key(L, "partials");
		if (load_partials(L, x, keys[K_PARTIALS]) != 0)
			return -1;
		load_path_pop(L, mark);
	}
	if (keys[K_SHAPE] != NULL) {
		mark = load_path_push_key(L, "shape");
		if (load_shape(L, x, keys[K_SHAPE]) != 0)
			return -1;
		load_path_pop(L, mark);
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
		if ((k = load_key_index(key, var_keys)) < 0) {
			load_path_push_key(L, key);
			return load_fail_unknown_key(L, key, var_keys);
		}
		keys[k] = j;
		extra |= k != K_INPUTS;
	}
	if (keys[K_INPUTS] != NULL) {
		mark = load_path_push_key(L, "inputs");
		if (load_inputs(L, keys[K_INPUTS]) != 0)
			return -1;
		load_path_pop(L, mark);
	} else if (keys[K_EXPR] != NULL)
		L->m->vars[L->cur].flags |= VAR_INPUTS_INFERRED;
	return extra ? load_extra(L, keys) : 0;
}

/* Loads variable cur from its JSON value. */
int
load_variable(struct loader *L, json_t *j)
{
	L->m->in_off[L->cur] = (uint32_t)L->in_len;
	if (json_is_array(j))
		return load_inputs(L, j);
	if (json_is_object(j))
		return load_var_object(L, j);
	return load_fail_type(L, "an array of inputs or an object", j);
}
