/*
 * names.c - enum <-> name conversions for the engine's vocabulary.
 *
 * Every table here is generated from the X-macro lists in engine.h, so an
 * enum and its names cannot drift apart.
 */
#include "engine/engine.h"

#include <string.h>

#define NAME_ITEM_(id, name, ...) [id] = name,
#define FLAG_ITEM_(id, name, flag) [id] = flag,

static const char *const area_names[] = { AREA_LIST(NAME_ITEM_) };
static const char *const symptom_names[] = { SYMPTOM_LIST(NAME_ITEM_) };
static const bool symptom_flags[] = { SYMPTOM_LIST(FLAG_ITEM_) };
static const char *const red_flag_names[] = { RED_FLAG_LIST(NAME_ITEM_) };
static const char *const trend_names[] = { TREND_LIST(NAME_ITEM_) };
static const char *const goal_names[] = { GOAL_LIST(NAME_ITEM_) };
static const char *const decision_names[] = { DECISION_LIST(NAME_ITEM_) };
static const char *const condition_names[] = { CONDITION_LIST(NAME_ITEM_) };
static const char *const mtype_names[] = { MASSAGE_TYPE_LIST(NAME_ITEM_) };
static const char *const self_names[] = { SELF_VERDICT_LIST(NAME_ITEM_) };
static const char *const run_names[] = { RUN_VERDICT_LIST(NAME_ITEM_) };
static const char *const region_names[] = { REGION_LIST(NAME_ITEM_) };
static const char *const rule_names[] = { RULE_LIST(NAME_ITEM_) };
static const char *const run_rule_names[] = { RUN_RULE_LIST(NAME_ITEM_) };

#define COUNT_(a) (sizeof(a) / sizeof((a)[0]))

/* Index of the name s[0..len) in table, or -1. */
static int lookup(const char *const *table, size_t n, const char *s,
		  size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(table[i]) == len && memcmp(table[i], s, len) == 0)
			return (int)i;
	return -1;
}

#define NAME_FN_(fn, type, table)                                             \
	const char *fn(type v)                                                \
	{                                                                     \
		return (unsigned)v < COUNT_(table) ? table[v] : "?";          \
	}

NAME_FN_(area_name, enum area, area_names)
NAME_FN_(symptom_name, enum symptom, symptom_names)
NAME_FN_(red_flag_name, enum red_flag, red_flag_names)
NAME_FN_(trend_name, enum trend, trend_names)
NAME_FN_(goal_name, enum goal, goal_names)
NAME_FN_(decision_name, enum decision, decision_names)
NAME_FN_(condition_name, enum condition, condition_names)
NAME_FN_(massage_type_name, enum massage_type, mtype_names)
NAME_FN_(self_verdict_name, enum self_verdict, self_names)
NAME_FN_(run_verdict_name, enum run_verdict, run_names)
NAME_FN_(region_name, enum region, region_names)
NAME_FN_(rule_name, enum rule, rule_names)
NAME_FN_(run_rule_name, enum run_rule, run_rule_names)

bool symptom_is_red_flag(enum symptom s)
{
	return (unsigned)s < COUNT_(symptom_flags) && symptom_flags[s];
}

#define PARSE_FN_(fn, type, table)                                            \
	int fn(const char *s, size_t len, type *out)                          \
	{                                                                     \
		int i = lookup(table, COUNT_(table), s, len);                 \
		if (i < 0)                                                    \
			return -1;                                            \
		*out = (type)i;                                               \
		return 0;                                                     \
	}

PARSE_FN_(area_parse, enum area, area_names)
PARSE_FN_(symptom_parse, enum symptom, symptom_names)
PARSE_FN_(trend_parse, enum trend, trend_names)
PARSE_FN_(goal_parse, enum goal, goal_names)
PARSE_FN_(region_parse, enum region, region_names)
