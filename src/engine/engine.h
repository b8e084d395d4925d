/*
 * engine.h - runcare's triage engine: the one public header of the rules
 * and the knowledge base.
 *
 * The engine turns an intake (what a runner reports about one overload
 * pain) into a result (massage today or not, where, how deep, which type,
 * self-massage, what to do next, aftercare, whether running is safe). The
 * wording and the per-condition data come from a knowledge base (struct kb),
 * loaded from JSON text; the decision logic, and above all the red flags, is
 * code here, so no knowledge-base edit can switch a red flag off.
 *
 * The engine does no I/O, prints nothing and keeps no global mutable state:
 * everything lives in a struct kb (immutable after loading) and in caller-
 * owned intake/result structs. The contract it implements is the triage
 * specification; docs/rules.md states every rule with its source.
 */
#ifndef RUNCARE_ENGINE_H
#define RUNCARE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/strbuf.h"

/* ---- Vocabulary: each enum and its names come from one X-macro list. ---- */

#define AREA_LIST(X)                                                          \
	X(AREA_HEEL, "heel")                                                  \
	X(AREA_KNEE, "knee")                                                  \
	X(AREA_SHIN, "shin")                                                  \
	X(AREA_ACHILLES, "achilles")                                          \
	X(AREA_HIP, "hip")                                                    \
	X(AREA_OTHER, "other")

/* Symptoms: id, name, is a red flag. Red flags come first. */
#define SYMPTOM_LIST(X)                                                       \
	X(SYM_PINPOINT_BONE_PAIN, "pinpoint_bone_pain", true)                 \
	X(SYM_NIGHT_PAIN, "night_pain", true)                                 \
	X(SYM_SWELLING_HEAT_REDNESS, "swelling_heat_redness", true)           \
	X(SYM_NERVE_SYMPTOMS, "nerve_symptoms", true)                         \
	X(SYM_SUDDEN_INJURY, "sudden_injury", true)                           \
	X(SYM_LOSS_OF_FUNCTION, "loss_of_function", true)                     \
	X(SYM_FOCAL_SHIN_PAIN, "focal_shin_pain", true)                       \
	X(SYM_TIGHT, "tight", false)                                          \
	X(SYM_IMPROVES_WITH_WARMUP, "improves_with_warmup", false)            \
	X(SYM_LOAD_PATTERN, "load_pattern", false)                            \
	X(SYM_TENDON_FLARE, "tendon_flare", false)                            \
	X(SYM_SHARP_MORNING_PAIN, "sharp_morning_pain", false)                \
	X(SYM_TRIGGER_POINTS, "trigger_points", false)                        \
	X(SYM_POST_TRAINING_SORENESS, "post_training_soreness", false)        \
	X(SYM_STRESS_POOR_SLEEP, "stress_poor_sleep", false)                  \
	X(SYM_HIP_BLOCKED, "hip_blocked", false)                              \
	X(SYM_STRIDE_CHANGE, "stride_change", false)                          \
	X(SYM_WORSE_NEXT_MORNING, "worse_next_morning", false)                \
	X(SYM_LIMP_AFTER, "limp_after", false)

/*
 * Red flags reported in a result: the seven reported symptoms, in the
 * order and under the names of the symptoms they come from (the third
 * column; names.c checks the order when compiling and test_names checks
 * the names), then the derived ones (SYMPTOM__COUNT: no symptom).
 */
#define RED_FLAG_LIST(X)                                                      \
	X(FLAG_PINPOINT_BONE_PAIN, "pinpoint_bone_pain", SYM_PINPOINT_BONE_PAIN) \
	X(FLAG_NIGHT_PAIN, "night_pain", SYM_NIGHT_PAIN)                      \
	X(FLAG_SWELLING_HEAT_REDNESS, "swelling_heat_redness",                \
	  SYM_SWELLING_HEAT_REDNESS)                                          \
	X(FLAG_NERVE_SYMPTOMS, "nerve_symptoms", SYM_NERVE_SYMPTOMS)          \
	X(FLAG_SUDDEN_INJURY, "sudden_injury", SYM_SUDDEN_INJURY)             \
	X(FLAG_LOSS_OF_FUNCTION, "loss_of_function", SYM_LOSS_OF_FUNCTION)    \
	X(FLAG_FOCAL_SHIN_PAIN, "focal_shin_pain", SYM_FOCAL_SHIN_PAIN)       \
	X(FLAG_SEVERE_WORSENING, "severe_worsening", SYMPTOM__COUNT)          \
	X(FLAG_REST_PAIN, "rest_pain", SYMPTOM__COUNT)

/* Which leg (contract v2: echoed, changes no rule). */
#define SIDE_LIST(X)                                                          \
	X(SIDE_LEFT, "left")                                                  \
	X(SIDE_RIGHT, "right")                                                \
	X(SIDE_BOTH, "both")

#define TREND_LIST(X)                                                         \
	X(TREND_SAME, "same")                                                 \
	X(TREND_BETTER, "better")                                             \
	X(TREND_WORSE, "worse")

#define GOAL_LIST(X)                                                          \
	X(GOAL_RELIEF, "relief")                                              \
	X(GOAL_RECOVERY, "recovery")                                          \
	X(GOAL_MOBILITY, "mobility")

#define DECISION_LIST(X)                                                      \
	X(DECISION_MASSAGE_OK, "massage_ok")                                  \
	X(DECISION_WITH_LOAD_CHANGE, "massage_with_load_change")              \
	X(DECISION_ASSESS_FIRST, "assess_first")

#define CONDITION_LIST(X)                                                     \
	X(COND_PLANTAR_FASCIITIS, "plantar_fasciitis")                        \
	X(COND_KNEE_PAIN, "knee_pain")                                        \
	X(COND_SHIN_SPLINTS, "shin_splints")                                  \
	X(COND_ACHILLES_TENDINOPATHY, "achilles_tendinopathy")                \
	X(COND_HIP_DEEP_GLUTE, "hip_deep_glute")                              \
	X(COND_GENERAL_OVERLOAD, "general_overload")

#define MASSAGE_TYPE_LIST(X)                                                  \
	X(MTYPE_SPORTS, "sports")                                             \
	X(MTYPE_DEEP_TISSUE, "deep_tissue")                                   \
	X(MTYPE_RELAXATION, "relaxation")

#define SELF_VERDICT_LIST(X)                                                  \
	X(SELF_OK, "ok")                                                      \
	X(SELF_CAUTION, "caution")                                            \
	X(SELF_AVOID, "avoid")

#define RUN_VERDICT_LIST(X)                                                   \
	X(RUN_OK, "ok")                                                       \
	X(RUN_NOT_YET, "not_yet")                                             \
	X(RUN_NOT_UNTIL_ASSESSED, "not_until_assessed")                       \
	X(RUN_UNKNOWN, "unknown")

/* Body-map regions (also the ids of targets and of region avoid items). */
#define REGION_LIST(X)                                                        \
	X(REGION_CALF, "calf")                                                \
	X(REGION_SOLEUS, "soleus")                                            \
	X(REGION_FOOT_INTRINSICS, "foot_intrinsics")                          \
	X(REGION_QUADRICEPS, "quadriceps")                                    \
	X(REGION_HAMSTRINGS, "hamstrings")                                    \
	X(REGION_HIP_FLEXORS, "hip_flexors")                                  \
	X(REGION_ADDUCTORS, "adductors")                                      \
	X(REGION_GLUTES, "glutes")                                            \
	X(REGION_GLUTE_MED, "glute_med")                                      \
	X(REGION_GLUTE_MIN, "glute_min")                                      \
	X(REGION_DEEP_HIP_ROTATORS, "deep_hip_rotators")                      \
	X(REGION_TIBIALIS_ANTERIOR, "tibialis_anterior")                      \
	X(REGION_PERONEALS, "peroneals")                                      \
	X(REGION_HEEL_INSERTION, "heel_insertion")                            \
	X(REGION_IT_BAND, "it_band")                                          \
	X(REGION_PATELLAR_TENDON, "patellar_tendon")                          \
	X(REGION_SHIN_BONE_EDGE, "shin_bone_edge")                            \
	X(REGION_ACHILLES_TENDON, "achilles_tendon")

/*
 * Rules that can fire; each has a reason text and a source in the
 * knowledge base ("rules" section), keyed by its name.
 */
#define RULE_LIST(X)                                                          \
	X(RULE_RED_FLAG, "red_flag")                                          \
	X(RULE_RED_FLAGS_UNANSWERED, "red_flags_unanswered")                  \
	X(RULE_MASSAGE_OK, "massage_ok")                                      \
	X(RULE_LOAD_PATTERN, "load_pattern")                                  \
	X(RULE_TENDON_FLARE, "tendon_flare")                                  \
	X(RULE_WORSENING, "worsening")                                        \
	X(RULE_SEVERE_PAIN, "severe_pain")                                    \
	X(RULE_PAIN_AT_REST, "pain_at_rest")                                  \
	X(RULE_NOT_CLEARLY_MASSAGE_OK, "not_clearly_massage_ok")              \
	X(RULE_IRRITABLE, "irritable")                                        \
	X(RULE_STABLE_PRESSURE, "stable_pressure")                            \
	X(RULE_FLARE_AFTER_MASSAGE, "flare_after_massage")                    \
	X(RULE_TYPE_IRRITABLE, "type_irritable")                              \
	X(RULE_TYPE_TRIGGER_POINTS, "type_trigger_points")                    \
	X(RULE_TYPE_LIGHT_AFTER_FLARE, "type_light_after_flare")              \
	X(RULE_TYPE_RELAXATION, "type_relaxation")                            \
	X(RULE_TYPE_SPORTS, "type_sports")                                    \
	X(RULE_SELF_AVOID, "self_avoid")                                      \
	X(RULE_SELF_CAUTION, "self_caution")                                  \
	X(RULE_SELF_CAUTION_RUN_SIGNS, "self_caution_run_signs")              \
	X(RULE_SELF_CAUTION_PATTERN, "self_caution_pattern")                  \
	X(RULE_SELF_OK, "self_ok")

/* Run rules (guide: when is it safe to run again). */
#define RUN_RULE_LIST(X)                                                      \
	X(RUNRULE_PAIN_AT_MOST_3, "pain_at_most_3")                           \
	X(RUNRULE_NO_STRIDE_CHANGE, "no_stride_change")                       \
	X(RUNRULE_NOT_WORSE_NEXT_MORNING, "not_worse_next_morning")           \
	X(RUNRULE_NO_LIMP, "no_limp")                                         \
	X(RUNRULE_NOT_DETERIORATING, "not_deteriorating")                     \
	X(RUNRULE_ASSESSED_FIRST, "assessed_first")                           \
	X(RUNRULE_ONE_VARIABLE, "one_variable_at_a_time")

/* The five rules that decide whether running is safe again come first. */
#define RUN_RULE_CHECK_COUNT 5

/*
 * The guide's section titles, the one list of them: every `source` in a
 * knowledge base must be one of these (kb.c), and code that cites a
 * section names it by its enum (guide_section_title).
 */
#define GUIDE_SECTION_LIST(X)                                                 \
	X(GUIDE_TLDR, "Quick Answer / TL;DR")                                 \
	X(GUIDE_TARGETS, "What Helps Fast: Massage Targets (and What to Avoid)") \
	X(GUIDE_DECISION,                                                     \
	  "Should You Get Massage for This Pain? (60-Second Decision)")       \
	X(GUIDE_SAFE_TO_RUN, "When Is It Safe to Run Again? (Simple Pain Rules)") \
	X(GUIDE_CAN_AND_CANT,                                                 \
	  "What Massage Can (and Can\u2019t) Do for Overuse Pain")            \
	X(GUIDE_PRESSURE, "How Deep Should Massage Be? (A Simple Pressure Scale)") \
	X(GUIDE_INJURY_SPECIFIC,                                              \
	  "Injury-Specific Guidance (Quick, Runner-Focused)")                 \
	X(GUIDE_PLANTAR_FASCIITIS, "Plantar Fasciitis (Heel / Arch Pain)")    \
	X(GUIDE_KNEE,                                                         \
	  "Knee Pain (Runner\u2019s Knee / ITB Pain / Patellar Tendon)")      \
	X(GUIDE_SHIN_SPLINTS, "Shin Splints (Medial Tibial Stress Syndrome)") \
	X(GUIDE_ACHILLES, "Achilles Tendinopathy / Achilles Irritation")      \
	X(GUIDE_HIP,                                                          \
	  "Hip Pain / Deep Glute Pain (Often Called \u201cPiriformis\u201d)")  \
	X(GUIDE_MASSAGE_TYPE, "What Type of Massage Is Best for Runners?")    \
	X(GUIDE_GOOD_SESSION,                                                 \
	  "What to Expect in a Good Session (So You Don\u2019t Waste Your Money)") \
	X(GUIDE_SELF_MASSAGE,                                                 \
	  "Self-Massage vs Professional Massage (Ball, Foam Roller, Massage Gun)") \
	X(GUIDE_PLAN, "What a Good Massage Plan Looks Like (If You\u2019re "   \
		      "Actually Trying to Fix the Problem)")                  \
	X(GUIDE_RED_FLAGS, "When Massage Is a Bad Idea (Red Flags)")          \
	X(GUIDE_FAQ, "Frequently Asked Questions")                            \
	X(GUIDE_SUMMARY, "Summary")

#define ENGINE_ENUM_ITEM_(id, ...) id,
enum area { AREA_LIST(ENGINE_ENUM_ITEM_) AREA__COUNT };
enum symptom { SYMPTOM_LIST(ENGINE_ENUM_ITEM_) SYMPTOM__COUNT };
enum red_flag { RED_FLAG_LIST(ENGINE_ENUM_ITEM_) RED_FLAG__COUNT };
enum side { SIDE_LIST(ENGINE_ENUM_ITEM_) SIDE__COUNT };
enum trend { TREND_LIST(ENGINE_ENUM_ITEM_) TREND__COUNT };
enum goal { GOAL_LIST(ENGINE_ENUM_ITEM_) GOAL__COUNT };
enum decision { DECISION_LIST(ENGINE_ENUM_ITEM_) DECISION__COUNT };
enum condition { CONDITION_LIST(ENGINE_ENUM_ITEM_) CONDITION__COUNT };
enum massage_type { MASSAGE_TYPE_LIST(ENGINE_ENUM_ITEM_) MASSAGE_TYPE__COUNT };
enum self_verdict { SELF_VERDICT_LIST(ENGINE_ENUM_ITEM_) SELF_VERDICT__COUNT };
enum run_verdict { RUN_VERDICT_LIST(ENGINE_ENUM_ITEM_) RUN_VERDICT__COUNT };
enum region { REGION_LIST(ENGINE_ENUM_ITEM_) REGION__COUNT };
enum rule { RULE_LIST(ENGINE_ENUM_ITEM_) RULE__COUNT };
enum run_rule { RUN_RULE_LIST(ENGINE_ENUM_ITEM_) RUN_RULE__COUNT };
enum guide_section { GUIDE_SECTION_LIST(ENGINE_ENUM_ITEM_) GUIDE_SECTION__COUNT };

/* The seven red-flag symptoms are the first entries of enum symptom. */
#define SYMPTOM_RED_FLAG_COUNT 7
#define SYMPTOM_BIT(s) (UINT32_C(1) << (s))
#define SYMPTOM_RED_FLAG_MASK (SYMPTOM_BIT(SYMPTOM_RED_FLAG_COUNT) - 1)

/*
 * Name <-> enum conversions, all backed by the lists above. *_name returns
 * a static string (never NULL for a valid value); *_parse returns 0 and
 * sets *out, or -1 for an unknown name (len-bounded, need not be NUL-ended).
 */
const char *area_name(enum area a);
const char *symptom_name(enum symptom s);
bool symptom_is_red_flag(enum symptom s);
const char *red_flag_name(enum red_flag f);
const char *trend_name(enum trend t);
const char *goal_name(enum goal g);
const char *decision_name(enum decision d);
const char *condition_name(enum condition c);
const char *massage_type_name(enum massage_type m);
const char *self_verdict_name(enum self_verdict v);
const char *run_verdict_name(enum run_verdict v);
const char *region_name(enum region r);
const char *rule_name(enum rule r);
const char *run_rule_name(enum run_rule r);
const char *side_name(enum side s);
/* The section's title as the guide writes it (static, UTF-8). */
const char *guide_section_title(enum guide_section s);
int area_parse(const char *s, size_t len, enum area *out);
int symptom_parse(const char *s, size_t len, enum symptom *out);
int trend_parse(const char *s, size_t len, enum trend *out);
int goal_parse(const char *s, size_t len, enum goal *out);
int region_parse(const char *s, size_t len, enum region *out);
int side_parse(const char *s, size_t len, enum side *out);
/* The section whose title is s[0..len); 0, or -1 when none is. */
int guide_section_parse(const char *s, size_t len, enum guide_section *out);

/* ---- Intake ---- */

#define PAIN_UNSET (-1)

/*
 * What a person reports. Invariants after intake_init/intake_parse_json:
 * pain scores are PAIN_UNSET or 0..10; symptoms and denied are disjoint
 * bit sets over enum symptom (denied: asked and answered no; a symptom in
 * neither set was not asked, and is unknown); has_trend says whether the
 * trend was given (trend then holds it; when not given trend is the
 * contract's default, same, and the run rule on deterioration is
 * unknown); side is SIDE__COUNT when not given; when has_last_massage,
 * last_pressure is 0 (not given) or 1..10 and flare_hours is finite and
 * >= 0 (0 when not given). carried_flags (a bit set over enum red_flag)
 * holds warning signs the journal still holds from earlier days, such as
 * a rest pain of 8 a week ago that nobody has assessed since; JSON never
 * sets it, and each carried flag counts as a red flag.
 */
struct intake {
	enum area area;
	uint32_t symptoms;
	uint32_t denied;
	int pain_rest, pain_run, pain_morning;
	enum trend trend;
	bool has_trend;
	enum goal goal;
	enum side side;
	bool has_last_massage;
	int last_pressure;	/* 1..10, or 0 when not given */
	double flare_hours;
	bool bruised_or_limping;
	uint32_t carried_flags;
};

/* Defaults of the contract: area other, no symptoms and nothing denied,
 * no scores, trend same (not given), goal relief, no side, no last
 * massage. */
void intake_init(struct intake *in);

/* Largest input intake_parse_json accepts, in bytes (documented limit). */
#define INTAKE_MAX_BYTES (64 * 1024)

/*
 * Parse one intake object from JSON text[0..len). Returns 0, or -1 with e
 * set: ERR_DATA with "line L, column C: ..." for malformed JSON, or
 * "<field>: <problem>" (for example `symptoms[2]: unknown symptom "tite"`)
 * for a well-formed but invalid intake. Unknown fields are errors.
 * scratch is reused between calls to avoid allocation (json_doc arena);
 * callers pass the same one for a run of intakes and release it at the end.
 */
struct json_doc;
int intake_parse_json(struct intake *out, const char *text, size_t len,
		      struct json_doc *scratch, struct err *e);

/* Validate fields set by hand (flags, interactive answers): same messages. */
int intake_validate(const struct intake *in, struct err *e);

/* ---- Knowledge base ---- */

struct kb;

/*
 * Load and validate a knowledge base from JSON text[0..len). name is used
 * in messages ("guide.json:12: targets[0].id: unknown region \"calve\"").
 * Returns an owned kb (kb_free) or NULL with e set (ERR_CONFIG).
 */
struct kb *kb_load(const char *text, size_t len, const char *name,
		   struct err *e);
/* The knowledge base built into the binary (data/guide.json). Owned. */
struct kb *kb_load_builtin(struct err *e);
void kb_free(struct kb *kb);

/* Text of the built-in knowledge base (static, NUL-terminated). */
const char *kb_builtin_text(size_t *len);

/*
 * One piece of guidance from the knowledge base. All strings are borrowed
 * from the kb and valid until kb_free. So that results can be written out
 * fast, kb_load also keeps each item pre-serialised as JSON:
 *   text_json  the text as a quoted, escaped JSON string
 *   json       the item as the object the result uses for it:
 *              targets/avoid/aftercare {"id","text","source"},
 *              do_next {"id","text","days","per_week","source"},
 *              rules and red flags {"rule","text","source"}
 *              (red flags also carry "flag")
 */
struct kb_item {
	const char *id;
	const char *text;
	const char *source;	/* the guide's section behind it */
	int days[2];		/* {0,0} when not given */
	int per_week[2];	/* {0,0} when not given */
	bool has_region;	/* id names a body-map region */
	enum region region;
	const char *text_json;
	size_t text_json_len;
	const char *json;
	size_t json_len;
};

/* Wording of a symptom for people: the question asked interactively,
 * a short label, and (red flags) the source. Borrowed from kb. */
struct kb_symptom_text {
	const char *question;
	const char *label;
	const char *source;
};
const struct kb_symptom_text *kb_symptom(const struct kb *kb,
					 enum symptom s);
/* Text and source of a red flag (including derived ones). */
const struct kb_item *kb_red_flag(const struct kb *kb, enum red_flag f);
/* Short label of a red flag ("swelling, heat or redness"). Borrowed. */
const char *kb_red_flag_label(const struct kb *kb, enum red_flag f);

/* How often massage helps (guide FAQ): an injury block and maintenance,
 * as ranges of days between sessions. Items borrowed from the kb. */
struct kb_frequency {
	int injury_block_days[2];
	int maintenance_days[2];
	const struct kb_item *injury;
	const struct kb_item *maintenance;
};
void kb_frequency(const struct kb *kb, struct kb_frequency *out);

/* Short disclaimer: runcare gives guidance, not a diagnosis. Borrowed. */
const char *kb_disclaimer(const struct kb *kb);
/* Headline of a decision ("massage is a good idea today"), of a run
 * verdict, and of a massage type or goal, with sources. Borrowed. */
const struct kb_item *kb_decision(const struct kb *kb, enum decision d);
const struct kb_item *kb_run_verdict(const struct kb *kb, enum run_verdict v);
const struct kb_item *kb_massage_type(const struct kb *kb, enum massage_type m);
const struct kb_item *kb_goal(const struct kb *kb, enum goal g);
/* The condition an area maps to, with its name and source. Borrowed. */
enum condition kb_condition_for(const struct kb *kb, enum area a);
const struct kb_item *kb_condition(const struct kb *kb, enum condition c);
/* Version string of the knowledge base. Borrowed. */
const char *kb_version(const struct kb *kb);

/* ---- Result ---- */

#define RESULT_MAX_ITEMS 16

/* A rule that fired; item->json is its {"rule","text","source"} object. */
struct reason {
	enum rule rule;
	const struct kb_item *item;	/* borrowed from kb */
};

/* One of the guide's run rules and whether it holds for this intake. */
enum rule_state { RULE_STATE_MET, RULE_STATE_NOT_MET, RULE_STATE_UNKNOWN };
struct run_reason {
	enum run_rule rule;
	enum rule_state state;
	const struct kb_item *item;	/* text and source, borrowed */
};

/*
 * The engine's answer. Every pointer is borrowed from the kb it was computed
 * with and is valid until kb_free. When decision is assess_first there are
 * no massage sections: has_pressure, has_massage_type and has_condition
 * are false, targets and aftercare are empty, goal_item is NULL, avoid
 * and do_next hold what to leave alone and do while waiting.
 */
struct result {
	enum decision decision;
	uint32_t red_flags;		/* bit set over enum red_flag */
	/* Red-flag symptoms nobody answered (bit set over enum symptom;
	 * focal_shin_pain only for the shin); 0 when assess_first. */
	uint32_t unanswered;
	/* has_condition is false when assess_first: a warning sign puts the
	 * usual overload label in doubt, so condition_item then holds a
	 * neutral line and condition is only the area's usual mapping. */
	bool has_condition;
	enum condition condition;
	const struct kb_item *condition_item;	/* name and source */
	enum side side;			/* echoed; SIDE__COUNT: not given */

	struct reason reasons[RULE__COUNT + RED_FLAG__COUNT];
	size_t n_reasons;

	const struct kb_item *targets[RESULT_MAX_ITEMS];
	size_t n_targets;
	const struct kb_item *avoid[RESULT_MAX_ITEMS];
	size_t n_avoid;

	bool has_pressure;
	int pressure_min, pressure_max;
	const struct kb_item *pressure_why;

	bool has_massage_type;
	enum massage_type massage_type;
	const struct kb_item *massage_type_item;

	enum self_verdict self_massage;
	bool has_self_pressure;
	int self_pressure_min, self_pressure_max;
	const struct kb_item *self_massage_why;

	const struct kb_item *do_next[RESULT_MAX_ITEMS];
	size_t n_do_next;
	const struct kb_item *aftercare[RESULT_MAX_ITEMS];
	size_t n_aftercare;

	enum run_verdict run;
	struct run_reason run_reasons[RUN_RULE__COUNT];
	size_t n_run_reasons;
	const struct kb_item *run_advice;	/* one variable at a time */

	const struct kb_item *referral;	/* NULL unless assess_first */
	enum goal goal;
	const struct kb_item *goal_item;	/* what the goal changes */

	bool irritable;			/* derived facts, for display */
	bool severe;
};

/*
 * Apply the triage rules to a valid intake. Never fails for an intake that
 * passed intake_validate; the result borrows from kb.
 */
void engine_triage(const struct kb *kb, const struct intake *in,
		   struct result *out);

/*
 * Append the result as one JSON object (no trailing newline) with every key
 * of the contract, plus "disclaimer". Keys appear in a fixed order.
 */
void result_to_json(const struct result *r, const struct kb *kb,
		    struct strbuf *out);

#endif
