/*
 * The readers of models written in another format than JSON: each builds
 * the JSON document the model would be (so that the one validator,
 * load_document(), checks every format by the same rules) and notes
 * where in its text each part of that document came from, so that an
 * error placed by its JSON path can be placed at line:column instead.
 */
#ifndef INFDIAG_READ_H
#define INFDIAG_READ_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "infdiag.h"
#include "pool.h"
#include "strbuf.h"

/* Where a part of the document came from. */
struct read_place {
	const char	*path;	/* its JSON path, as the loader spells it */
	int		 line;
	int		 column;
};

/* The places noted while reading, and once read_places_index() has run
 * a table of them by path.  The model read keeps them (model.h), so that
 * the messages about it after loading name the file's places too. */
struct read_places {
	struct read_place	*v;
	size_t			 n;
	size_t			 cap;
	int			 nomem;
	struct pool		 paths;
	uint32_t		*slot;	/* index + 1 of a place, 0: empty */
	size_t			 mask;
};

/* Notes that the part at path came from line:column; "variables.NAME"
 * and "variables.NAME.KEY" are spelt by read_path(). */
void	read_place(struct read_places *, const char *path, int line,
	    int column);
/* Writes the JSON path of variable name's key (NULL: the variable's own)
 * into sb, emptied first; index >= 0 adds "[index]". */
const char *read_path(struct strbuf *, const char *name, const char *key,
	    long index);
/* Makes the table of the places by path, the first noted of a path
 * winning; -1 when out of memory. */
int	read_places_index(struct read_places *);
/* The place noted for the first len bytes of path, or NULL; the table
 * must have been made. */
const struct read_place *read_places_find(const struct read_places *,
	    const char *path, size_t len);
/* The place noted for path or, failing that, for the nearest part above
 * it ("variables.y" for "variables.y.latex"); NULL when none was. */
const struct read_place *read_places_nearest(const struct read_places *,
	    const char *path);
/* Places an error of the validator at the line:column its path came
 * from (1:1 when nothing above it was noted either); an error in an
 * expression at the character it names. */
void	read_place_error(const struct read_places *, struct infdiag_error *);
/* Places an error about a model already loaded (its analysis, its
 * numbers, a warning) at the line:column its path or the nearest part
 * above it came from; one whose path names nothing noted, such as
 * "--of", keeps its path. */
void	read_place_later(const struct read_places *, struct infdiag_error *);
/* Frees places allocated with mem_calloc(); NULL is a no-op. */
void	read_places_free(struct read_places *);

/* A reader: the document of len bytes of text, or NULL with err set
 * (syntax errors at line:column). */
typedef json_t	*(*read_fn)(const char *, size_t, struct read_places *,
		    struct infdiag_error *);

json_t	*read_dagitty(const char *, size_t, struct read_places *,
	    struct infdiag_error *);
json_t	*read_dot(const char *, size_t, struct read_places *,
	    struct infdiag_error *);
json_t	*read_eq(const char *, size_t, struct read_places *,
	    struct infdiag_error *);

/* Sets obj's key to value and returns value, or NULL when that failed:
 * jansson then has freed value (and mem_json_failed() says why), so a
 * reader adds no more to it. */
json_t	*read_set_new(json_t *obj, const char *key, json_t *value);

/* The format of a file by its name's suffix, else INFDIAG_INPUT_AUTO. */
enum infdiag_input read_format_by_name(const char *);
/* The format of a model by its first bytes (a byte-order mark already
 * skipped): JSON unless they look like another format. */
enum infdiag_input read_format_by_content(const char *, size_t);

/* Reads text in a format other than JSON into a model. */
struct infdiag_model *read_model(const char *, size_t, const char *source,
	    enum infdiag_input, struct infdiag_error *);

/* Sets err to "not UTF-8" at the first byte of s that is not, and
 * returns -1; 0 when all len bytes are UTF-8. */
int	read_check_utf8(const char *, size_t, struct infdiag_error *);

#endif /* INFDIAG_READ_H */
