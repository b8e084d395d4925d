/*
 * names.c - enum <-> name conversions for the engine's vocabulary.
 *
 * Every table here is generated from the X-macro lists in engine.h, so an
 * enum and its names cannot drift apart.
 */
#include "engine/engine.h"

#include <string.h>

#include "core/name_table.h"

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
static const char *const side_names[] = { SIDE_LIST(NAME_ITEM_) };
static const char *const guide_titles[] = { GUIDE_SECTION_LIST(NAME_ITEM_) };

/*
 * The reported red flags are the first symptoms and the first red flags,
 * in the same order: rules.c copies one bit set into the other. Each red
 * flag names its symptom, so the compiler checks the order; the names
 * themselves are compared by test_names.
 */
#define RF_IN_STEP_(flag, name, sym)                                          \
	_Static_assert((sym) == SYMPTOM__COUNT || (int)(sym) == (int)(flag),  \
		       "red flag " name " is out of step with its symptom");
RED_FLAG_LIST(RF_IN_STEP_)
#define RF_FIRST_(id, name, is_flag)                                          \
	_Static_assert(!(is_flag) || (id) < SYMPTOM_RED_FLAG_COUNT,           \
		       "red-flag symptom " name " must come first");          \
	_Static_assert((is_flag) || (id) >= SYMPTOM_RED_FLAG_COUNT,           \
		       "symptom " name " must come after the red flags");
SYMPTOM_LIST(RF_FIRST_)
#define RF_REPORTED_(flag, name, sym) +((sym) != SYMPTOM__COUNT)
_Static_assert(0 RED_FLAG_LIST(RF_REPORTED_) == SYMPTOM_RED_FLAG_COUNT,
	       "every red-flag symptom is a red flag of a result");

NAME_TABLE_NAME_FN(area_name, enum area, area_names)
NAME_TABLE_NAME_FN(symptom_name, enum symptom, symptom_names)
NAME_TABLE_NAME_FN(red_flag_name, enum red_flag, red_flag_names)
NAME_TABLE_NAME_FN(trend_name, enum trend, trend_names)
NAME_TABLE_NAME_FN(goal_name, enum goal, goal_names)
NAME_TABLE_NAME_FN(decision_name, enum decision, decision_names)
NAME_TABLE_NAME_FN(condition_name, enum condition, condition_names)
NAME_TABLE_NAME_FN(massage_type_name, enum massage_type, mtype_names)
NAME_TABLE_NAME_FN(self_verdict_name, enum self_verdict, self_names)
NAME_TABLE_NAME_FN(run_verdict_name, enum run_verdict, run_names)
NAME_TABLE_NAME_FN(region_name, enum region, region_names)
NAME_TABLE_NAME_FN(rule_name, enum rule, rule_names)
NAME_TABLE_NAME_FN(run_rule_name, enum run_rule, run_rule_names)
NAME_TABLE_NAME_FN(side_name, enum side, side_names)
NAME_TABLE_NAME_FN(guide_section_title, enum guide_section, guide_titles)

bool symptom_is_red_flag(enum symptom s)
{
	return (unsigned)s < NAME_TABLE_COUNT(symptom_flags) && symptom_flags[s];
}

NAME_TABLE_PARSE_FN(area_parse, enum area, area_names)
NAME_TABLE_PARSE_FN(symptom_parse, enum symptom, symptom_names)
NAME_TABLE_PARSE_FN(trend_parse, enum trend, trend_names)
NAME_TABLE_PARSE_FN(goal_parse, enum goal, goal_names)
NAME_TABLE_PARSE_FN(region_parse, enum region, region_names)
NAME_TABLE_PARSE_FN(side_parse, enum side, side_names)
NAME_TABLE_PARSE_FN(guide_section_parse, enum guide_section, guide_titles)
