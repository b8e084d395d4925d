/*
 * journal.c - the vocabulary and the checks of a journal entry (see
 * journal.h). The store, the history rules and the front ends share these.
 */
#include "engine/journal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/name_table.h"

#include "core/date.h"
#include "core/xmalloc.h"

#define NAME_ITEM_(id, name) [id] = name,
static const char *const kind_names[] = { JOURNAL_KIND_LIST(NAME_ITEM_) };
static const char *const feel_names[] = { JOURNAL_FEEL_LIST(NAME_ITEM_) };
static const char *const mark_names[] = { JOURNAL_MARK_LIST(NAME_ITEM_) };
static const char *const outcome_names[] = { JOURNAL_OUTCOME_LIST(NAME_ITEM_) };
NAME_TABLE_NAME_FN(journal_kind_name, enum journal_kind, kind_names)
NAME_TABLE_NAME_FN(journal_feel_name, enum journal_feel, feel_names)
NAME_TABLE_NAME_FN(journal_mark_name, enum journal_mark, mark_names)
NAME_TABLE_PARSE_FN(journal_kind_parse, enum journal_kind, kind_names)
NAME_TABLE_PARSE_FN(journal_feel_parse, enum journal_feel, feel_names)
NAME_TABLE_PARSE_FN(journal_mark_parse, enum journal_mark, mark_names)
NAME_TABLE_NAME_FN(journal_outcome_name, enum journal_outcome, outcome_names)

static const char *const mark_words[] = {
	[MARK_SYMPTOMS_CHECKED] = "a quick check of the symptoms first",
	[MARK_PRESSURE_MATCHED] = "pressure matched to how sore it is",
	[MARK_BEYOND_PAINFUL_SPOT] = "work beyond the painful spot",
	[MARK_AFTERCARE_GIVEN] = "advice for the next day or two",
};
NAME_TABLE_NAME_FN(journal_mark_words, enum journal_mark, mark_words)
NAME_TABLE_PARSE_FN(journal_outcome_parse, enum journal_outcome, outcome_names)

static const char *run_sport(const struct journal_run *r)
{
	return r->sport != NULL && r->sport[0] != '\0' ? r->sport : "run";
}

bool journal_same_run(const struct journal_run *a, int32_t a_day,
		      const struct journal_run *b, int32_t b_day)
{
	double longer = fmax(a->distance_m, b->distance_m);

	/* Two runs typed by hand are two runs: a double day is common. */
	if (a->sha256[0] == '\0' && b->sha256[0] == '\0')
		return false;
	if (a->distance_m <= 0 || b->distance_m <= 0 ||
	    strcmp(run_sport(a), run_sport(b)) != 0 ||
	    fabs(a->distance_m - b->distance_m) >
		    JOURNAL_SAME_RUN_DISTANCE * longer)
		return false;
	if (a->start_utc == JOURNAL_UNSET || b->start_utc == JOURNAL_UNSET)
		return a_day == b_day;
	return llabs(a->start_utc - b->start_utc) <= JOURNAL_SAME_RUN_START_S;
}

void journal_entry_init(struct journal_entry *en, enum journal_kind k,
			int32_t day)
{
	memset(en, 0, sizeof *en);
	en->kind = k;
	en->day = day;
	en->pain.area = AREA_OTHER;
	en->pain.rest = en->pain.run = en->pain.morning = PAIN_UNSET;
	en->pain.side = SIDE__COUNT;
	en->massage.flare_hours = JOURNAL_UNSET;
	en->run.start_utc = JOURNAL_UNSET;
	en->run.distance_m = en->run.moving_s = en->run.elapsed_s =
		en->run.climb_m = en->run.descent_m = JOURNAL_UNSET;
	en->run.avg_hr = JOURNAL_UNSET;
}

void journal_entry_release(struct journal_entry *en)
{
	free(en->run.note);
	free(en->run.source);
	free(en->run.sport);
	free(en->assessment.by);
	free(en->assessment.note);
	journal_entry_init(en, en->kind, en->day);
}

static char *dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void journal_entry_copy(struct journal_entry *dst,
			const struct journal_entry *src)
{
	*dst = *src;
	dst->run.note = dup_or_null(src->run.note);
	dst->run.source = dup_or_null(src->run.source);
	dst->run.sport = dup_or_null(src->run.sport);
	dst->assessment.by = dup_or_null(src->assessment.by);
	dst->assessment.note = dup_or_null(src->assessment.note);
}

void journal_set_str(char **field, const char *s)
{
	free(*field);
	*field = dup_or_null(s);
}

/* A pain score is 0..10 or unset; the message is the contract's. */
static int check_score(int v, const char *name, struct err *e)
{
	if (v != PAIN_UNSET && (v < 0 || v > 10))
		return err_set(e, ERR_DATA,
			       "pain.%s: expected a whole number from 0 to 10, got %d",
			       name, v);
	return 0;
}

/* A real quantity of a run: unset, or finite, >= 0 and at most max. */
static int check_real(double v, double max, const char *name, struct err *e)
{
	if (v == JOURNAL_UNSET)
		return 0;
	if (!isfinite(v) || v < 0 || v > max)
		return err_set(e, ERR_DATA,
			       "run.%s: must be a number from 0 to %.0f", name,
			       max);
	return 0;
}

/* Free text: at most max bytes, no control characters but tab and line
 * breaks. name is the field as messages show it ("run.note"). */
static int check_text(const char *s, size_t max, const char *name,
		      struct err *e)
{
	if (s == NULL)
		return 0;
	if (strlen(s) > max)
		return err_set(e, ERR_DATA, "%s: longer than %zu bytes",
			       name, max);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !strchr("\t\n\r", *p)) || *p == 0x7f)
			return err_set(e, ERR_DATA,
				       "%s: holds a control character",
				       name);
	return 0;
}

static int validate_pain(const struct journal_pain *p, struct err *e)
{
	if ((unsigned)p->area >= AREA__COUNT)
		return err_set(e, ERR_DATA, "area: unknown area");
	if (check_score(p->rest, "rest", e) || check_score(p->run, "run", e) ||
	    check_score(p->morning, "morning", e))
		return -1;
	if (p->symptoms >> SYMPTOM__COUNT)
		return err_set(e, ERR_DATA, "symptoms: unknown symptom");
	if (p->denied >> SYMPTOM__COUNT)
		return err_set(e, ERR_DATA, "denied: unknown symptom");
	if (p->symptoms & p->denied) {
		int s = 0;

		while (!(p->symptoms & p->denied & SYMPTOM_BIT(s)))
			s++;
		return err_set(e, ERR_DATA,
			       "denied: \"%s\" is also in symptoms; a symptom "
			       "is either reported or denied",
			       symptom_name((enum symptom)s));
	}
	if ((unsigned)p->side > SIDE__COUNT)
		return err_set(e, ERR_DATA, "side: unknown side");
	return 0;
}

static int validate_massage(const struct journal_massage *m, struct err *e)
{
	if (m->pressure != 0 && (m->pressure < 1 || m->pressure > 10))
		return err_set(e, ERR_DATA,
			       "last_massage.pressure: expected a whole number from 1 to 10, got %d",
			       m->pressure);
	if (m->flare_hours != JOURNAL_UNSET &&
	    (!isfinite(m->flare_hours) || m->flare_hours < 0 ||
	     m->flare_hours > 24 * 365))
		return err_set(e, ERR_DATA,
			       "last_massage.flare_hours: expected a number of hours >= 0, got %g",
			       m->flare_hours);
	if (m->has_type && (unsigned)m->type >= MASSAGE_TYPE__COUNT)
		return err_set(e, ERR_DATA, "massage.type: unknown type");
	if (m->has_felt && (unsigned)m->felt >= JOURNAL_FEEL__COUNT)
		return err_set(e, ERR_DATA, "massage.felt: unknown feeling");
	if (m->regions >> REGION__COUNT)
		return err_set(e, ERR_DATA, "massage.regions: unknown region");
	if ((m->marks | m->marks_known) >> JOURNAL_MARK__COUNT ||
	    (m->marks & ~m->marks_known))
		return err_set(e, ERR_DATA, "massage.marks: unknown mark");
	return 0;
}

static int validate_run(const struct journal_run *r, struct err *e)
{
	if (check_real(r->distance_m, 1e6, "distance_m", e) ||
	    check_real(r->moving_s, 14 * 86400.0, "moving_s", e) ||
	    check_real(r->elapsed_s, 14 * 86400.0, "elapsed_s", e) ||
	    check_real(r->climb_m, 1e5, "climb_m", e) ||
	    check_real(r->descent_m, 1e5, "descent_m", e))
		return -1;
	if (r->avg_hr != JOURNAL_UNSET && (r->avg_hr < 20 || r->avg_hr > 260))
		return err_set(e, ERR_DATA,
			       "run.avg_hr: must be from 20 to 260 beats per minute");
	if (check_text(r->note, 2000, "run.note", e) ||
	    check_text(r->source, 1000, "run.source", e) ||
	    check_text(r->sport, 40, "run.sport", e))
		return -1;
	size_t n = strlen(r->sha256);
	if (n != 0 && n != JOURNAL_SHA256_HEX)
		return err_set(e, ERR_DATA, "run.sha256: must be 64 hex digits");
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", r->sha256[i]))
			return err_set(e, ERR_DATA,
				       "run.sha256: must be 64 lower-case hex digits");
	return 0;
}

static int validate_assessment(const struct journal_assessment *a,
			       struct err *e)
{
	if ((unsigned)a->outcome >= JOURNAL_OUTCOME__COUNT)
		return err_set(e, ERR_DATA,
			       "assessment.outcome: expected cleared, refer "
			       "or treat");
	return check_text(a->by, 200, "assessment.by", e) ||
			       check_text(a->note, 2000, "assessment.note", e)
		       ? -1
		       : 0;
}

int journal_entry_validate(const struct journal_entry *en, struct err *e)
{
	/* Day numbers of 1900-01-01 and 9999-12-31. */
	if (en->day < -25567 || en->day > 2932896)
		return err_set(e, ERR_DATA, "date: out of range");
	switch (en->kind) {
	case JOURNAL_PAIN:
		return validate_pain(&en->pain, e);
	case JOURNAL_MASSAGE:
		return validate_massage(&en->massage, e);
	case JOURNAL_RUN:
		return validate_run(&en->run, e);
	case JOURNAL_ASSESSMENT:
		return validate_assessment(&en->assessment, e);
	default:
		return err_set(e, ERR_DATA, "kind: unknown entry kind");
	}
}
