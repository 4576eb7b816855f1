/*
 * genmodel: writes large models for the scale tests and benchmarks.
 *
 *   genmodel chain N              v0 -> v1 -> ... -> v(N-1)
 *   genmodel sparse N K SEED      each variable takes up to K distinct
 *                                 inputs among the earlier ones
 *   genmodel layered L W          L layers of W, each variable fed by every
 *                                 variable of the layer before; one input
 *                                 x and one output y
 *   genmodel perceptron I H1 H2   the backpropagation model of SPEC §1
 *                                 with expressions and values
 *   genmodel sum N                y = x0 + ... + x(N-1), one expr with
 *                                 values
 *   genmodel layer N              y = w0*x0 + ... + w(N-1)*x(N-1): a
 *                                 linear layer of N weights, with values
 *   genmodel fanin N              y fed by N independent variables,
 *                                 without expressions
 *   genmodel shared N             v_i = (i+1)*x for N variables sharing
 *                                 the one input x, and y their sum
 *   genmodel random N SEED        N variables, three of them independent
 *                                 with values, each other one an expr of
 *                                 up to two earlier ones drawn from every
 *                                 function of the language (kept inside
 *                                 its domain); of is the last
 *
 * Output is deterministic for given arguments.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small deterministic generator (xorshift64*). */
static uint64_t
next_random(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ULL;
}

/* Writes a chain of n variables. */
static void
chain(unsigned long n)
{
	unsigned long	i;

	printf("{\"title\": \"chain of %lu\", \"variables\": {\n", n);
	for (i = 0; i < n; i++) {
		if (i == 0)
			printf("\"v0\": {}");
		else
			printf(",\n\"v%lu\": [\"v%lu\"]", i, i - 1);
	}
	printf("\n}}\n");
}

/* Writes n variables, each with up to k distinct earlier inputs. */
static void
sparse(unsigned long n, unsigned long k, uint64_t seed)
{
	unsigned long	i, j, m, pick[64];
	uint64_t	state = seed * 2654435761ULL + 1;

	if (k > 64)
		k = 64;
	printf("{\"title\": \"sparse %lu x %lu\", \"variables\": {\n", n, k);
	for (i = 0; i < n; i++) {
		printf("%s\"v%lu\": [", i == 0 ? "" : ",\n", i);
		m = i < k ? i : k;
		for (j = 0; j < m; j++) {
			unsigned long	c, t;
again:
			c = (unsigned long)(next_random(&state) % i);
			for (t = 0; t < j; t++) {
				if (pick[t] == c)
					goto again;
			}
			pick[j] = c;
			printf("%s\"v%lu\"", j == 0 ? "" : ", ", c);
		}
		printf("]");
	}
	printf("\n}}\n");
}

/* Writes a layered graph: x, L layers of W, y. */
static void
layered(unsigned long layers, unsigned long width)
{
	unsigned long	l, i, j;

	printf("{\"title\": \"%lu layers of %lu\", \"variables\": {\n"
	    "\"x\": {}", layers, width);
	for (l = 0; l < layers; l++) {
		for (i = 0; i < width; i++) {
			printf(",\n\"l%lu_%lu\": [", l, i);
			if (l == 0)
				printf("\"x\"");
			for (j = 0; l > 0 && j < width; j++)
				printf("%s\"l%lu_%lu\"", j ? ", " : "",
				    l - 1, j);
			printf("]");
		}
	}
	printf(",\n\"y\": [");
	for (j = 0; j < width; j++)
		printf("%s\"l%lu_%lu\"", j ? ", " : "", layers - 1, j);
	printf("]\n}, \"of\": \"y\", \"wrt\": \"x\"}\n");
}

/* Writes the two-hidden-layer perceptron with its error. */
static void
perceptron(unsigned long ni, unsigned long h1, unsigned long h2)
{
	unsigned long	i, j, k;
	uint64_t	state = 12345;

#define VAL()	((double)(next_random(&state) % 2001) / 1000.0 - 1.0)
	printf("{\"title\": \"perceptron %lu-%lu-%lu\", \"variables\": {\n",
	    ni, h1, h2);
	for (i = 0; i < ni; i++)
		printf("\"x%lu\": {\"value\": %g},\n", i + 1, VAL());
	printf("\"t\": {\"value\": %g},\n", VAL());
	for (i = 0; i < ni; i++)
		for (j = 0; j < h1; j++)
			printf("\"w%lu_%lu\": {\"value\": %g},\n", i + 1,
			    j + 1, VAL());
	for (j = 0; j < h1; j++)
		for (k = 0; k < h2; k++)
			printf("\"u%lu_%lu\": {\"value\": %g},\n", j + 1,
			    k + 1, VAL());
	for (k = 0; k < h2; k++)
		printf("\"c%lu\": {\"value\": %g},\n", k + 1, VAL());
	for (j = 0; j < h1; j++) {
		printf("\"a%lu\": {\"expr\": \"sigmoid(", j + 1);
		for (i = 0; i < ni; i++)
			printf("%sw%lu_%lu*x%lu", i ? " + " : "", i + 1,
			    j + 1, i + 1);
		printf(")\"},\n");
	}
	for (k = 0; k < h2; k++) {
		printf("\"b%lu\": {\"expr\": \"sigmoid(", k + 1);
		for (j = 0; j < h1; j++)
			printf("%su%lu_%lu*a%lu", j ? " + " : "", j + 1,
			    k + 1, j + 1);
		printf(")\"},\n");
	}
	printf("\"f\": {\"expr\": \"");
	for (k = 0; k < h2; k++)
		printf("%sc%lu*b%lu", k ? " + " : "", k + 1, k + 1);
	printf("\"},\n\"E\": {\"expr\": \"(f - t)^2/2\"}\n}, \"of\": \"E\"}\n");
#undef VAL
}

/* Writes y = x0 + ... + x(n-1) with the x_i's values. */
static void
sum(unsigned long n)
{
	unsigned long	i;

	printf("{\"title\": \"a sum of %lu\", \"variables\": {\n", n);
	for (i = 0; i < n; i++)
		printf("\"x%lu\": {\"value\": %g},\n", i,
		    (double)(i % 7) / 4 - 0.5);
	printf("\"y\": {\"expr\": \"");
	for (i = 0; i < n; i++)
		printf("%sx%lu", i ? " + " : "", i);
	printf("\"}\n}}\n");
}

/* Writes y = w0*x0 + ... + w(n-1)*x(n-1) with every value. */
static void
layer(unsigned long n)
{
	unsigned long	i;

	printf("{\"title\": \"a linear layer of %lu\", \"variables\": {\n",
	    n);
	for (i = 0; i < n; i++)
		printf("\"x%lu\": {\"value\": %g},\n\"w%lu\": {\"value\": "
		    "%g},\n", i, (double)(i % 5) / 2 - 1, i,
		    (double)(i % 3) / 4 + 0.25);
	printf("\"y\": {\"expr\": \"");
	for (i = 0; i < n; i++)
		printf("%sw%lu*x%lu", i ? " + " : "", i, i);
	printf("\"}\n}}\n");
}

/* Writes y fed by n independent variables. */
static void
fanin(unsigned long n)
{
	unsigned long	i;

	printf("{\"title\": \"a fan-in of %lu\", \"variables\": {\n", n);
	for (i = 0; i < n; i++)
		printf("\"x%lu\": {},\n", i);
	printf("\"y\": [");
	for (i = 0; i < n; i++)
		printf("%s\"x%lu\"", i ? ", " : "", i);
	printf("]\n}}\n");
}

/* Writes v_i = (i+1)*x for n variables and y their sum. */
static void
shared(unsigned long n)
{
	unsigned long	i;

	printf("{\"title\": \"a sum of %lu sharing x\", \"variables\": {\n"
	    "\"x\": {\"value\": 0.5},\n", n);
	for (i = 0; i < n; i++)
		printf("\"v%lu\": {\"expr\": \"%lu*x\"},\n", i, i + 1);
	printf("\"y\": {\"expr\": \"");
	for (i = 0; i < n; i++)
		printf("%sv%lu", i ? " + " : "", i);
	printf("\"}\n}}\n");
}

/* The expressions of a random model's variables, of two inputs u and v:
 * every function, each kept inside its domain. */
static const char *const random_forms[] = {
	"abs(u) + v", "relu(u - v)", "softplus(u*v)", "atan(u)*v",
	"asin(sigmoid(u) - 0.5)", "acos(tanh(u)/2) + v", "sinh(tanh(u))*v",
	"cosh(atan(u - v))", "max(u, v)", "min(u, 2*v)",
	"exp(-u^2) + log(1 + v^2)", "sqrt(1 + u^2)*sin(v)", "u*v/(1 + v^2)",
	"tanh(u + v)", "sigmoid(u)*cos(v)", "tan(atan(u)/2) - v",
};

/* Writes a random model of n variables (at least 4) with expressions. */
static void
random_model(unsigned long n, uint64_t seed)
{
	uint64_t	state = seed * 2654435761ULL + 1;
	unsigned long	i, u, v;
	const char	*f, *c;

	printf("{\"title\": \"random model %lu\", \"variables\": {\n",
	    (unsigned long)seed);
	for (i = 0; i < 3; i++)
		printf("\"v%lu\": {\"value\": %.2f},\n", i,
		    (double)((next_random(&state) >> 40) % 400) / 100 - 2);
	for (i = 3; i < n; i++) {
		u = i - 1;
		v = (unsigned long)(next_random(&state) >> 33) % (i - 1);
		f = random_forms[(next_random(&state) >> 33) %
		    (sizeof(random_forms) / sizeof(random_forms[0]))];
		printf("\"v%lu\": {\"expr\": \"", i);
		for (c = f; *c != '\0'; c++) {
			if (*c == 'u' && (c == f || c[-1] < 'a' || c[-1] > 'z') &&
			    (c[1] < 'a' || c[1] > 'z'))
				printf("v%lu", u);
			else if (*c == 'v' && (c == f || c[-1] < 'a' ||
			    c[-1] > 'z') && (c[1] < 'a' || c[1] > 'z'))
				printf("v%lu", v);
			else
				putchar(*c);
		}
		printf("\"}%s\n", i + 1 < n ? "," : "");
	}
	printf("}, \"of\": \"v%lu\"}\n", n - 1);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "chain") == 0)
		chain(strtoul(argv[2], NULL, 10));
	else if (argc == 5 && strcmp(argv[1], "sparse") == 0)
		sparse(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10),
		    strtoull(argv[4], NULL, 10));
	else if (argc == 4 && strcmp(argv[1], "layered") == 0)
		layered(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10));
	else if (argc == 5 && strcmp(argv[1], "perceptron") == 0)
		perceptron(strtoul(argv[2], NULL, 10),
		    strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10));
	else if (argc == 3 && strcmp(argv[1], "sum") == 0)
		sum(strtoul(argv[2], NULL, 10));
	else if (argc == 3 && strcmp(argv[1], "layer") == 0)
		layer(strtoul(argv[2], NULL, 10));
	else if (argc == 3 && strcmp(argv[1], "fanin") == 0)
		fanin(strtoul(argv[2], NULL, 10));
	else if (argc == 3 && strcmp(argv[1], "shared") == 0)
		shared(strtoul(argv[2], NULL, 10));
	else if (argc == 4 && strcmp(argv[1], "random") == 0 &&
	    strtoul(argv[2], NULL, 10) >= 4)
		random_model(strtoul(argv[2], NULL, 10),
		    strtoull(argv[3], NULL, 10));
	else {
		fprintf(stderr, "usage: genmodel chain N | sparse N K SEED | "
		    "layered L W | perceptron I H1 H2 | sum N | layer N | "
		    "fanin N | shared N | random N SEED (N >= 4)\n");
		return 2;
	}
	return ferror(stdout) ? 1 : 0;
}
