/*
 * Reading a model's JSON text: from memory or a stream, a byte-order mark
 * skipped, a size limit kept, syntax errors placed at line:column.  The
 * document read is handed to load_document() to become a model.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "load.h"
#include "progress.h"
#include "read.h"
#include "strbuf.h"

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

/* Moves past a byte-order mark at the start of a buffer. */
static void
skip_buffer_bom(const char **buf, size_t *len)
{
	if (*len >= sizeof(utf8_bom) && memcmp(*buf, utf8_bom,
	    sizeof(utf8_bom)) == 0) {
		*buf += sizeof(utf8_bom);
		*len -= sizeof(utf8_bom);
	}
}

/* Builds the model from what jansson parsed since mem_json_begin(): the
 * syntax error when it parsed nothing, out of memory when it lost a part. */
static struct infdiag_model *
load_parsed(json_t *root, const json_error_t *jerr, const char *source,
    struct infdiag_error *err)
{
	if (root == NULL) {
		mem_json_end(NULL);
		syntax_error(jerr, err);
		return NULL;
	}
	if (json_failed(root, err))
		return NULL;
	return load_document(root, source, NULL, err);
}

/* Loads a model from len bytes in memory. */
struct infdiag_model *
infdiag_model_load_buffer(const char *buf, size_t len, const char *source,
    struct infdiag_error *err)
{
	json_error_t	 jerr;
	json_t		*root;

	error_init(err, source);
	skip_buffer_bom(&buf, &len);
	mem_json_begin();
	root = json_loadb(buf, len, LOAD_FLAGS, &jerr);
	return load_parsed(root, &jerr, source, err);
}

/* Loads a model in any format from len bytes in memory: the format in,
 * else the suffix of source's, else the content's. */
struct infdiag_model *
infdiag_model_load_buffer_as(const char *buf, size_t len, const char *source,
    enum infdiag_input in, struct infdiag_error *err)
{
	if (in == INFDIAG_INPUT_AUTO)
		in = read_format_by_name(source);
	if (in == INFDIAG_INPUT_AUTO)
		in = read_format_by_content(buf, len);
	if (in == INFDIAG_INPUT_JSON)
		return infdiag_model_load_buffer(buf, len, source, err);
	error_init(err, source);
	skip_buffer_bom(&buf, &len);
	return read_model(buf, len, source, in, err);
}

/* What the streaming reader carries. */
struct reader {
	FILE		*fp;
	int		 error;		/* errno of a failed read, or 0 */
	int		 too_big;	/* more than max bytes */
	uint64_t	 bytes;		/* read so far */
	uint64_t	 max;
	char		 head[512];	/* the first bytes, but a BOM: enough
					   to tell the format by */
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

/* Reads the first bytes and keeps them for the reader, but for a
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
	if (r->nhead >= sizeof(utf8_bom) && memcmp(r->head, utf8_bom,
	    sizeof(utf8_bom)) == 0) {
		r->nhead -= sizeof(utf8_bom);
		memmove(r->head, r->head + sizeof(utf8_bom), r->nhead);
	}
	return 0;
}

/* Reads the whole stream into sb for a reader of another format than
 * JSON; -1 on a read error, or a stream longer than allowed. */
static int
read_all(struct reader *r, struct strbuf *sb)
{
	char	chunk[65536];
	size_t	n;

	while ((n = read_chunk(chunk, sizeof(chunk), r)) != 0) {
		if (n == (size_t)-1)
			return -1;
		strbuf_addn(sb, chunk, n);
	}
	return 0;
}

/* Reads the rest of the stream and the model in it, in format in. */
static struct infdiag_model *
load_text(struct reader *r, const char *source, enum infdiag_input in,
    struct infdiag_error *err)
{
	struct infdiag_model	*m = NULL;
	struct strbuf		 sb = STRBUF_INIT;

	if (read_all(r, &sb) == 0 && r->error == 0 && !r->too_big) {
		progress_end(&r->meter, r->bytes);
		if (strbuf_failed(&sb))
			error_nomem(err);
		else
			m = read_model(sb.len > 0 ? sb.s : "", sb.len, source,
			    in, err);
	}
	strbuf_release(&sb);
	return m;
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
    enum infdiag_input in, struct infdiag_error *err)
{
	struct reader	 r;
	json_error_t	 jerr;
	json_t		*root = NULL;
	struct infdiag_model	*m;
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
	mem_json_reset();
	if (skip_bom(&r) == 0 && in == INFDIAG_INPUT_AUTO)
		in = read_format_by_content(r.head, r.nhead);
	if (r.error == 0 && in != INFDIAG_INPUT_JSON) {
		m = load_text(&r, source, in, err);
		if (m != NULL || error_is_set(err))
			return m;
	} else if (r.error == 0) {
		mem_json_begin();
		root = json_load_callback(read_chunk, &r, LOAD_FLAGS, &jerr);
	}
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
	return load_parsed(root, &jerr, source, err);
}

/* Loads a model from a file, or from standard input for "-". */
struct infdiag_model *
infdiag_model_load_file(const char *path, struct infdiag_error *err)
{
	return load_file_max(path, LOAD_INPUT_MAX, INFDIAG_INPUT_JSON, err);
}

/* Loads a model in any format from a file, or from standard input for
 * "-": the format in, else the suffix's, else the content's. */
struct infdiag_model *
infdiag_model_load_file_as(const char *path, enum infdiag_input in,
    struct infdiag_error *err)
{
	if (in == INFDIAG_INPUT_AUTO && strcmp(path, "-") != 0)
		in = read_format_by_name(path);
	return load_file_max(path, LOAD_INPUT_MAX, in, err);
}

/* Loads a model of at most max bytes in format in from a file, or from
 * standard input for "-". */
struct infdiag_model *
load_file_max(const char *path, uint64_t max, enum infdiag_input in,
    struct infdiag_error *err)
{
	struct infdiag_model	*m;
	struct stat		 st;
	FILE			*fp;

	if (strcmp(path, "-") == 0) {
		error_init(err, "<stdin>");
		return load_stream(stdin, "<stdin>", max, in, err);
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
	m = load_stream(fp, path, max, in, err);
	fclose(fp);
	return m;
}
