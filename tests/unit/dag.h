/*
 * What the analysis tests share (test_analysis, test_paths, test_formula):
 * seeded random DAGs loaded as models, the JSON documents written of their
 * analyses, and brute force to check them against.
 */
#ifndef INFDIAG_TEST_DAG_H
#define INFDIAG_TEST_DAG_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "infdiag.h"
#include "notation.h"
#include "strbuf.h"

/* The largest random DAG, and the largest dense one. */
#define MAXV		24
#define DENSEV		12
/* A max_paths that lists every path of a random DAG. */
#define ALL_PATHS	1000000

/*
 * A random DAG, its variables numbered topologically 0..n-1 (inputs are
 * always earlier), declared in a shuffled order under names that do not
 * give the numbering away.
 */
struct dag {
	uint32_t	n;
	char		name[MAXV][8];
	uint32_t	nin[MAXV];
	uint32_t	in[MAXV][MAXV];		/* as the JSON lists them */
	uint8_t		arrow[MAXV][MAXV];	/* arrow[p][v]: p -> v */
	uint32_t	decl[MAXV];		/* decl[k]: k-th declared */
	double		local[MAXV][MAXV];	/* local[v][p]: dv/dp */
	uint32_t	id[MAXV];		/* the model's index */
};

/*
 * Brute force: every path from wrt to of by depth-first search over the
 * DAG's own arrows, sorted as SPEC §4 says: shortest first, ties by the
 * model's topological ranks from left to right.
 */
struct plist {
	size_t		 n;
	size_t		 cap;
	uint32_t	*len;
	uint32_t	(*v)[MAXV];
};


/* Example 3 of SPEC §1, without its "of" and "wrt". */
extern const char example3[];

/* A small deterministic generator (xorshift64*). */
uint64_t rnd(uint64_t *state);
/* A uniform integer in [0, n). */
uint32_t rnd_below(uint64_t *state, uint32_t n);
/* A uniform double in [0, 1). */
double	rnd_unit(uint64_t *state);
/* Shuffles n ids in place. */
void	shuffle(uint64_t *state, uint32_t *ids, uint32_t n);
/* Adds the arrow p -> v. */
void	dag_add(struct dag *d, uint32_t p, uint32_t v);
/* The number of v's consumers. */
uint32_t dag_nout(const struct dag *d, uint32_t v);
/* Makes a random DAG of n variables (2 <= n <= MAXV) in which each earlier
 * variable is an input with probability percent/100; no variable is
 * isolated. */
void	dag_random(struct dag *d, uint64_t *state, uint32_t n,
	    uint32_t percent);
/* The variable called name, or MAXV. */
uint32_t dag_find(const struct dag *d, const char *name);
/* Loads the DAG as a model, written in both of the variable forms. */
struct infdiag_model *dag_load(struct dag *d, uint64_t *state);
/* Loads a model from a NUL-terminated string. */
struct infdiag_model *load(const char *json);
/* Analyses m for of and the nwrt wrt (NULL and 0: the defaults). */
struct infdiag_analysis *analyze(const struct infdiag_model *m, const char *of,
	    const char *const *wrt, size_t nwrt, size_t max_paths);
/* Writes a part of the analysis as JSON and parses it back. */
json_t *write_doc(const struct infdiag_analysis *a, enum infdiag_part part,
	    unsigned flags);
/* The member key of obj, which must be there. */
json_t *jget(const json_t *obj, const char *key);
/* The string member key of obj. */
const char *jstr(const json_t *obj, const char *key);
/* The string at index i of arr. */
const char *jat(const json_t *arr, size_t i);
/* The text after "lhs = " in an equation; fails if lhs is not first. */
const char *rhs_of(const char *eq, const char *lhs);
/* Appends a path. */
void	plist_add(struct plist *pl, const uint32_t *path, uint32_t len);
/* Frees a list of paths. */
void	plist_free(struct plist *pl);
/* Every path from wrt to of, in the order of SPEC §4. */
void	brute_paths(const struct dag *d, const struct infdiag_model *m,
	    uint32_t wrt, uint32_t of, struct plist *out);
/* Marks the variables that reach of (of included): its ancestors. */
void	ancestors(const struct dag *d, uint32_t of, uint8_t *anc);
/* Appends a layered model: x, layers of width, y (and x -> y when
 * direct). */
void	layered_json(struct strbuf *sb, unsigned layers, unsigned width, int direct);
/* Loads a layered model. */
struct infdiag_model *load_layered(unsigned layers, unsigned width, int direct);

/* A form of the total derivative. */
enum form { EXPANDED, FACTORED };

/* Writes one form of the only derivative in a style; the caller frees
 * it. */
char	*form_text(const struct infdiag_analysis *a, enum form form,
	    enum style st);
/* Checks a form of a model's only derivative. */
void	assert_form_at(const char *json, enum form form, enum style st,
	    const char *want, const char *file, int line);
#define assert_form(json, form, st, want) \
	assert_form_at((json), (form), (st), (want), __FILE__, __LINE__)

#endif /* INFDIAG_TEST_DAG_H */
