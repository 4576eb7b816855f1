/*
 * Every allocation in libinfdiag goes through these wrappers, so that a
 * caller (or a test that fails the N-th allocation) can replace them with
 * infdiag_set_alloc_funcs().  None of them aborts: each returns NULL on
 * failure and the caller reports INFDIAG_ENOMEM.
 */
#ifndef INFDIAG_ALLOC_H
#define INFDIAG_ALLOC_H

#include <stddef.h>

void	*mem_alloc(size_t);
void	*mem_calloc(size_t, size_t);
void	*mem_realloc(void *, size_t);
void	*mem_reallocarray(void *, size_t, size_t);
void	 mem_free(void *);
char	*mem_strdup(const char *);
char	*mem_strndup(const char *, size_t);
struct json_t;

/* Reading a document with jansson: begin, then end with the document (or
 * NULL), which frees it; in between the document lives in an arena of the
 * thread, and mem_json_failed() says whether an allocation of jansson's
 * failed.  A document built value by value (the readers of other formats)
 * starts with mem_json_reset() instead, and is freed by mem_json_end() or
 * json_decref() alike. */
void	 mem_json_begin(void);
void	 mem_json_reset(void);
void	 mem_json_end(struct json_t *);
int	 mem_json_failed(void);

#endif /* INFDIAG_ALLOC_H */
