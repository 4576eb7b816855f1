/*
 * The hashes of libinfdiag's tables: every table indexes by the low bits
 * of a hash, so each hash ends with a finisher that spreads every input
 * bit over all of them.
 */
#ifndef INFDIAG_HASH_H
#define INFDIAG_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_SEED	14695981039346656037ULL	/* FNV-1a's offset basis */

/* MurmurHash3's 64-bit finisher: each bit of h moves every bit of the
 * result, the low ones included. */
static inline uint64_t
hash_finish(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* FNV-1a over len bytes of s, continuing from h (HASH_SEED to start);
 * unfinished, so that more can follow. */
static inline uint64_t
hash_bytes(uint64_t h, const void *s, size_t len)
{
	const unsigned char	*p = s;
	size_t			 i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

#endif
