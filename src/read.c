/*
 * What the readers of DAGitty, DOT and equations share: the choice of a
 * reader by name or content, the hand-over of the document to the one
 * validator, and its errors placed at the line:column their parts came
 * from (noted by read_place.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "load.h"
#include "read.h"
#include "strbuf.h"

/* Replaces the error with "out of memory": what was made of the model
 * after an allocation failed is not to be reported. */
static void
set_nomem(struct infdiag_error *err)
{
	if (err == NULL)
		return;
	err->status = INFDIAG_OK;
	err->line = err->column = 0;
	error_nomem(err);
}

/* The cycle's first variable, for the validator's "cycle: a -> b -> a",
 * which is placed at the variables as a whole: a file's reader can say
 * where that variable is.  1 with its path in sb, 0 for another error,
 * -1 when out of memory. */
static int
cycle_path(const struct infdiag_error *err, struct strbuf *sb)
{
	char	name[INFDIAG_ERROR_TEXT_LENGTH];
	size_t	n;

	if (strcmp(err->path, "variables") != 0 ||
	    strncmp(err->text, "cycle: ", 7) != 0)
		return 0;
	n = strcspn(err->text + 7, " ");
	memcpy(name, err->text + 7, n);
	name[n] = '\0';
	return read_path(sb, name, NULL, -1)[0] != '\0' ? 1 : -1;
}

/* Moves "column N: " of an error in an expression or a LaTeX symbol
 * into the error's column. */
static void
expr_column(struct infdiag_error *err)
{
	char	*end, text[INFDIAG_ERROR_TEXT_LENGTH];
	long	 n;

	if (strncmp(err->text, "column ", 7) != 0)
		return;
	n = strtol(err->text + 7, &end, 10);
	if (n < 1 || strncmp(end, ": ", 2) != 0)
		return;
	err->column += (int)n - 1;
	memcpy(text, end + 2, sizeof(text) - (size_t)(end + 2 - err->text));
	memcpy(err->text, text, sizeof(err->text) -
	    (size_t)(end + 2 - err->text));
}

/* Places an error of the validator at the line:column its path (or the
 * nearest part above it) came from. */
void
read_place_error(const struct read_places *p, struct infdiag_error *err)
{
	const struct read_place	*at;
	struct strbuf		 sb = STRBUF_INIT;
	const char		*path = err->path;
	size_t			 len;

	if (err->status != INFDIAG_EMODEL || err->line > 0)
		return;
	switch (cycle_path(err, &sb)) {
	case -1:
		set_nomem(err);
		strbuf_release(&sb);
		return;
	case 1:
		path = strbuf_str(&sb);
		break;
	}
	at = read_places_nearest(p, path);
	err->line = at != NULL ? at->line : 1;
	err->column = at != NULL ? at->column : 1;
	len = strlen(err->path);
	if (at != NULL && strcmp(at->path, err->path) == 0 && ((len >= 5 &&
	    strcmp(err->path + len - 5, ".expr") == 0) || (len >= 6 &&
	    strcmp(err->path + len - 6, ".latex") == 0)))
		expr_column(err);
	strbuf_release(&sb);
}

/* Says whether all len bytes are UTF-8 without NUL; else sets err at the
 * first that is not. */
int
read_check_utf8(const char *s, size_t len, struct infdiag_error *err)
{
	size_t		i = 0, n;
	uint32_t	cp;
	int		line = 1, column = 1;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (s[i] == '\0' || (n == 1 && cp == 0xfffd)) {
			error_set_at(err, line, column, s[i] == '\0' ?
			    "a NUL byte is not allowed" :
			    "unable to decode byte 0x%x",
			    (unsigned)(unsigned char)s[i]);
			return -1;
		}
		if (s[i] == '\n')
			line++, column = 0;
		column++;
		i += n;
	}
	return 0;
}

static const struct {
	const char		*name;
	enum infdiag_input	 in;
} input_names[] = {
	{ "json", INFDIAG_INPUT_JSON },
	{ "dagitty", INFDIAG_INPUT_DAGITTY },
	{ "dot", INFDIAG_INPUT_DOT },
	{ "eq", INFDIAG_INPUT_EQ },
};
#define NINPUTS	(sizeof(input_names) / sizeof(input_names[0]))

/* Parses an input format's name. */
int
infdiag_input_parse(const char *name, enum infdiag_input *out)
{
	size_t	i;

	for (i = 0; i < NINPUTS; i++) {
		if (strcmp(name, input_names[i].name) == 0) {
			*out = input_names[i].in;
			return 0;
		}
	}
	return -1;
}

/* The format by the file's suffix. */
enum infdiag_input
read_format_by_name(const char *path)
{
	const char	*dot = strrchr(path, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return INFDIAG_INPUT_AUTO;
	if (strcmp(dot, ".json") == 0)
		return INFDIAG_INPUT_JSON;
	if (strcmp(dot, ".dagitty") == 0)
		return INFDIAG_INPUT_DAGITTY;
	if (strcmp(dot, ".dot") == 0 || strcmp(dot, ".gv") == 0)
		return INFDIAG_INPUT_DOT;
	if (strcmp(dot, ".eq") == 0)
		return INFDIAG_INPUT_EQ;
	return INFDIAG_INPUT_AUTO;
}

/* Says whether c can be in a word. */
static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* The format by the first word: "dag" is DAGitty, "digraph", "graph" or
 * "strict" (or a C comment) DOT, a name followed by "=" or ":" or alone
 * on its line (or a "#" comment) equations; anything else is JSON, whose
 * reader then says what is wrong. */
enum infdiag_input
read_format_by_content(const char *s, size_t len)
{
	size_t	i = 0, w;

	while (i < len && strchr(" \t\r\n", s[i]) != NULL)
		i++;
	if (i < len && s[i] == '#')
		return INFDIAG_INPUT_EQ;
	if (i + 1 < len && s[i] == '/' && (s[i + 1] == '/' || s[i + 1] == '*'))
		return INFDIAG_INPUT_DOT;
	if (i == len || !((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= 'A' && s[i] <= 'Z')))
		return INFDIAG_INPUT_JSON;
	for (w = i; w < len && is_word(s[w]); w++)
		;
	if (w - i == 3 && strncmp(s + i, "dag", 3) == 0)
		return INFDIAG_INPUT_DAGITTY;
	if ((w - i == 7 && strncasecmp(s + i, "digraph", 7) == 0) ||
	    (w - i == 5 && strncasecmp(s + i, "graph", 5) == 0) ||
	    (w - i == 6 && strncasecmp(s + i, "strict", 6) == 0))
		return INFDIAG_INPUT_DOT;
	while (w < len && (s[w] == ' ' || s[w] == '\t'))
		w++;
	if (w == len || strchr("=:\r\n#", s[w]) != NULL)
		return INFDIAG_INPUT_EQ;
	return INFDIAG_INPUT_JSON;
}

/* Reads text in another format than JSON and validates it as a model,
 * which keeps the places its parts came from. */
struct infdiag_model *
read_model(const char *buf, size_t len, const char *source,
    enum infdiag_input in, struct infdiag_error *err)
{
	struct read_places	*places;
	struct infdiag_model	*m;
	json_t			*doc;
	read_fn			 reader = in == INFDIAG_INPUT_DAGITTY ?
				    read_dagitty : in == INFDIAG_INPUT_DOT ?
				    read_dot : read_eq;

	if (read_check_utf8(buf, len, err) != 0)
		return NULL;
	if ((places = mem_calloc(1, sizeof(*places))) == NULL) {
		error_nomem(err);
		return NULL;
	}
	mem_json_reset();
	doc = reader(buf, len, places, err);
	/* A reader whose document could not be made, or lost a part of it
	 * to a failed allocation, has not read the model. */
	if (places->nomem || mem_json_failed() || (doc == NULL &&
	    !error_is_set(err)) || (doc != NULL &&
	    read_places_index(places) != 0)) {
		json_decref(doc);
		doc = NULL;
		/* Not what the reader then made of a part that was lost. */
		set_nomem(err);
	}
	if (doc == NULL) {
		read_places_free(places);
		return NULL;
	}
	if ((m = load_document(doc, source, places, err)) == NULL) {
		read_place_error(places, err);
		read_places_free(places);
	}
	return m;
}
