/*
 * name_table.h - the enum <-> name functions that each module builds from
 * its X-macro list (the engine's vocabulary, the journal's, the load
 * warnings, the import formats), so that every vocabulary gets the same
 * lookup. A table is indexed by the enum value.
 */
#ifndef RUNCARE_CORE_NAME_TABLE_H
#define RUNCARE_CORE_NAME_TABLE_H

#include <stddef.h>
#include <string.h>

#define NAME_TABLE_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Index of the name s[0..len) in table[0..n), or -1. */
static inline int name_table_find(const char *const *table, size_t n,
				  const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(table[i]) == len && memcmp(table[i], s, len) == 0)
			return (int)i;
	return -1;
}

/* const char *fn(type v): the name, or "?" for a value out of range. */
#define NAME_TABLE_NAME_FN(fn, type, table)                                   \
	const char *fn(type v)                                                \
	{                                                                     \
		return (unsigned)v < NAME_TABLE_COUNT(table) ? table[v] : "?"; \
	}

/* int fn(const char *s, size_t len, type *out): 0, or -1 when unknown. */
#define NAME_TABLE_PARSE_FN(fn, type, table)                                  \
	int fn(const char *s, size_t len, type *out)                          \
	{                                                                     \
		int i = name_table_find(table, NAME_TABLE_COUNT(table), s,    \
					len);                                 \
		if (i < 0)                                                    \
			return -1;                                            \
		*out = (type)i;                                               \
		return 0;                                                     \
	}

#endif
