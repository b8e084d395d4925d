/*
 * journal.h - what one journal entry holds: a pain score, a massage, a
 * run, or a clinician's assessment, on a date, for a person.
 *
 * These are plain structs shared by the store (which keeps them in SQLite),
 * the history rules (which read them, see history.h) and the front ends
 * (which fill them from flags or forms and print them). No I/O here. The
 * vocabulary of kinds, after-massage feelings and good-session marks comes
 * from X-macro lists, so each enum and its names stay in step.
 */
#ifndef RUNCARE_ENGINE_JOURNAL_H
#define RUNCARE_ENGINE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "engine/engine.h"

#define JOURNAL_KIND_LIST(X)                                                  \
	X(JOURNAL_PAIN, "pain")                                               \
	X(JOURNAL_MASSAGE, "massage")                                         \
	X(JOURNAL_RUN, "run")                                                 \
	X(JOURNAL_ASSESSMENT, "assessment")

/* How the body felt after a massage (guide: what "good" feels like). */
#define JOURNAL_FEEL_LIST(X)                                                  \
	X(FEEL_LIGHTER_SMOOTHER, "lighter_smoother")                          \
	X(FEEL_NO_CHANGE, "no_change")                                        \
	X(FEEL_BRUISED_OR_LIMPING, "bruised_or_limping")

/* The marks of a good session (guide: what to expect in a good session). */
#define JOURNAL_MARK_LIST(X)                                                  \
	X(MARK_SYMPTOMS_CHECKED, "symptoms_checked")                          \
	X(MARK_PRESSURE_MATCHED, "pressure_matched")                          \
	X(MARK_BEYOND_PAINFUL_SPOT, "beyond_painful_spot")                    \
	X(MARK_AFTERCARE_GIVEN, "aftercare_given")

/*
 * What a clinician's assessment concluded. Only "cleared" lifts the
 * warning signs logged before it: "refer" (sent on for tests or a
 * specialist) and "treat" (under a clinician's own treatment) leave the
 * decision to that clinician, so runcare keeps advising assessment first.
 */
#define JOURNAL_OUTCOME_LIST(X)                                               \
	X(OUTCOME_CLEARED, "cleared")                                         \
	X(OUTCOME_REFER, "refer")                                             \
	X(OUTCOME_TREAT, "treat")

#define JOURNAL_ENUM_ITEM_(id, ...) id,
enum journal_kind { JOURNAL_KIND_LIST(JOURNAL_ENUM_ITEM_) JOURNAL_KIND__COUNT };
enum journal_feel { JOURNAL_FEEL_LIST(JOURNAL_ENUM_ITEM_) JOURNAL_FEEL__COUNT };
enum journal_mark { JOURNAL_MARK_LIST(JOURNAL_ENUM_ITEM_) JOURNAL_MARK__COUNT };
enum journal_outcome {
	JOURNAL_OUTCOME_LIST(JOURNAL_ENUM_ITEM_) JOURNAL_OUTCOME__COUNT
};
#define JOURNAL_MARK_BIT(m) (1u << (m))

/* Name of a kind, feeling or mark (static; "?" for an invalid value). */
const char *journal_kind_name(enum journal_kind k);
const char *journal_feel_name(enum journal_feel f);
const char *journal_mark_name(enum journal_mark m);
const char *journal_outcome_name(enum journal_outcome o);
/* A mark of a good session in words ("a quick check of the symptoms"),
 * the one wording every view uses (static). */
const char *journal_mark_words(enum journal_mark m);
/* Parse s[0..len) into *out; 0, or -1 for an unknown name. */
int journal_kind_parse(const char *s, size_t len, enum journal_kind *out);
int journal_feel_parse(const char *s, size_t len, enum journal_feel *out);
int journal_mark_parse(const char *s, size_t len, enum journal_mark *out);
int journal_outcome_parse(const char *s, size_t len,
			  enum journal_outcome *out);

/* "Not recorded" for the integer and real fields below. */
#define JOURNAL_UNSET (-1)

/*
 * Pain scores of one area on one day; scores are 0..10 or PAIN_UNSET.
 * symptoms were reported, denied were asked about and answered no (two
 * disjoint bit sets over enum symptom); a symptom in neither was not
 * asked. side is SIDE__COUNT when not recorded.
 */
struct journal_pain {
	enum area area;
	int rest, run, morning;
	uint32_t symptoms;	/* bit set over enum symptom (SYMPTOM_BIT) */
	uint32_t denied;
	enum side side;
};

/* A clinician's assessment. by and note are owned by the entry (NULL when
 * absent; free with journal_entry_release). */
struct journal_assessment {
	enum journal_outcome outcome;
	char *by;		/* who assessed it: "GP", "Dr Rao, physio" */
	char *note;
};

/*
 * A massage session and how it went. pressure is 1..10 or 0 (not given);
 * flare_hours >= 0 or JOURNAL_UNSET; regions a bit set over enum region;
 * marks_known says which of the four marks were answered and marks which
 * of those were yes (bit sets over enum journal_mark).
 */
struct journal_massage {
	int pressure;
	double flare_hours;
	bool bruised_or_limping;
	bool has_type;
	enum massage_type type;
	uint32_t regions;
	bool has_felt;
	enum journal_feel felt;
	unsigned marks;
	unsigned marks_known;
};

#define JOURNAL_SHA256_HEX 64

/*
 * A run (or walk). Every number is JOURNAL_UNSET when unknown; start_utc is
 * Unix seconds or JOURNAL_UNSET; avg_hr is beats per minute. note, source
 * and sport are owned by the entry (NULL when absent; free with
 * journal_entry_release). sha256 is the lower-case hex digest of the file
 * the run came from, or "" for a run typed by hand; the store keeps it
 * unique per person, so importing the same file twice adds nothing.
 */
struct journal_run {
	int64_t start_utc;
	double distance_m;
	double moving_s;
	double elapsed_s;
	double climb_m;
	double descent_m;
	int avg_hr;
	char *note;
	char *source;
	char *sport;
	char sha256[JOURNAL_SHA256_HEX + 1];
};

/*
 * One entry. id is 0 until stored; person_id names its person; day is a
 * day number (core/date.h). Only the member matching kind is meaningful,
 * but all three are always initialised, so journal_entry_release is safe
 * whatever the kind.
 */
struct journal_entry {
	int64_t id;
	int64_t person_id;
	int32_t day;
	enum journal_kind kind;
	struct journal_pain pain;
	struct journal_massage massage;
	struct journal_run run;
	struct journal_assessment assessment;
};

/* Set every field to "not recorded" for an entry of kind k on day. */
void journal_entry_init(struct journal_entry *en, enum journal_kind k,
			int32_t day);
/* Free the entry's strings and reinitialise en as an empty entry of the
 * same kind. */
void journal_entry_release(struct journal_entry *en);
/* Deep copy of src into dst (dst must not hold owned strings). */
void journal_entry_copy(struct journal_entry *dst,
			const struct journal_entry *src);
/* Replace an owned string field (a run's note, source, sport; an
 * assessment's by and note) with a copy of s (s may be NULL). */
void journal_set_str(char **field, const char *s);

/*
 * One activity recorded twice (the same run as .fit and .gpx, or imported
 * and also logged by hand): two runs of the same sport whose distances are
 * within JOURNAL_SAME_RUN_DISTANCE of the longer and that start within
 * JOURNAL_SAME_RUN_START_S of each other, or, when either has no start
 * time, fall on the same day. Runs without a distance never match.
 */
#define JOURNAL_SAME_RUN_START_S 120
#define JOURNAL_SAME_RUN_DISTANCE 0.03
bool journal_same_run(const struct journal_run *a, int32_t a_day,
		      const struct journal_run *b, int32_t b_day);

/*
 * Check an entry's values. Pain and massage fields use the names and the
 * wording of `check` ("pain.rest: expected a whole number from 0 to 10,
 * got 11", "last_massage.pressure: ..."), so a flag given to `log` gets the
 * same message as the same value given to `check`. Returns 0, or -1 with e
 * set (ERR_DATA).
 */
int journal_entry_validate(const struct journal_entry *en, struct err *e);

#endif
