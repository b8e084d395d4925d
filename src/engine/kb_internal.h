/*
 * kb_internal.h - the layout of a loaded knowledge base, shared by kb.c
 * (which fills it) and rules.c (which reads it). Private to the engine;
 * everything outside the engine uses the accessors in engine.h.
 *
 * Invariant after kb_load: every item listed here has an id, a text and a
 * source; every pressure band satisfies 1 <= min <= max <= ceiling <= 7;
 * every area maps to exactly one condition.
 */
#ifndef RUNCARE_ENGINE_KB_INTERNAL_H
#define RUNCARE_ENGINE_KB_INTERNAL_H

#include "engine/engine.h"

#define KB_MAX_LIST RESULT_MAX_ITEMS

struct kb_band {
	int min, max;
};

enum kb_when_kind { KB_WHEN_ALWAYS, KB_WHEN_IRRITABLE, KB_WHEN_SYMPTOM };

/* A list entry with an optional condition ("when") on the intake. */
struct kb_entry {
	struct kb_item item;
	enum kb_when_kind when;
	enum symptom when_symptom;	/* for KB_WHEN_SYMPTOM */
};

struct kb_list {
	struct kb_entry entries[KB_MAX_LIST];
	size_t count;
};

struct kb_condition {
	enum area area;
	struct kb_item item;		/* id = condition name */
	struct kb_list targets, avoid, do_next;
};

struct kb {
	char **strings;			/* every string the kb owns */
	size_t n_strings, cap_strings;

	const char *version, *guide, *disclaimer;

	struct kb_item decisions[DECISION__COUNT];
	struct kb_item red_flags[RED_FLAG__COUNT];
	const char *red_flag_labels[RED_FLAG__COUNT];
	struct kb_symptom_text symptoms[SYMPTOM__COUNT];
	struct kb_item referral, get_assessed;
	/* Assess first: the neutral line shown instead of a condition, what
	 * to leave alone and what to do while waiting. */
	struct kb_item unassessed;
	struct kb_list assess_avoid, assess_meanwhile;
	struct kb_item rules[RULE__COUNT];
	struct kb_item run_rules[RUN_RULE__COUNT];
	struct kb_item run_verdicts[RUN_VERDICT__COUNT];
	struct kb_item massage_types[MASSAGE_TYPE__COUNT];
	struct kb_item light_sports;	/* sports massage kept light */
	struct kb_item goals[GOAL__COUNT];
	struct kb_list aftercare;
	struct kb_condition conditions[CONDITION__COUNT];
	enum condition by_area[AREA__COUNT];

	int ceiling;
	struct kb_band irritable, stable, self, self_caution;
	double flare_hours;
	int flare_reduction;
	const char *pressure_source;

	struct kb_band injury_block_days, maintenance_days;
	struct kb_item injury_frequency, maintenance_frequency;
};

#endif
