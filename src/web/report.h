/*
 * report.h - what the status page and the therapist brief show about one
 * person: the triage the journal implies today, the week-on-week trend,
 * the return-to-run rules, the next massage, and the series behind the
 * charts (daily pain, weekly distance and climb with the acute:chronic
 * band, massage pressures with flare-ups marked).
 *
 * report_load() reads the journal once and judges it once, as `runcare
 * status` does (engine/assessment.h); the writers below turn that
 * judgement, and the series drawn from it, into HTML. No state outside
 * the struct.
 */
#ifndef RUNCARE_WEB_REPORT_H
#define RUNCARE_WEB_REPORT_H

#include <stdbool.h>

#include "core/strbuf.h"
#include "engine/assessment.h"
#include "engine/engine.h"
#include "store/store.h"

#define REPORT_DAYS 42		/* daily pain and massages: six weeks */
#define REPORT_WEEKS 12		/* weekly load: twelve weeks */
#define REPORT_BAND_LO 0.8	/* acute:chronic band drawn on the load */
#define REPORT_BAND_HI 1.3
#define REPORT_WARNINGS 8	/* load warnings shown at most */

struct report {
	struct store_person person;
	struct store_entries list;	/* owned */
	int32_t today;
	struct assessment *a;		/* owned; borrows list and the kb */
	double pain[3][REPORT_DAYS];	/* rest, run, morning; NAN: none */
	char day_label[REPORT_DAYS][8];
	double week_km[REPORT_WEEKS], week_climb[REPORT_WEEKS];
	double band_lo[REPORT_WEEKS], band_hi[REPORT_WEEKS];
	char week_label[REPORT_WEEKS][8];
	double massage[REPORT_DAYS];	/* pressure, NAN: none that day */
	bool flare[REPORT_DAYS];	/* flared > 24 h, bruised or limping */
};

/*
 * Read the person's journal (person must exist) and compute the report
 * as of today. Returns 0, or -1 with e set. r is always safe to release.
 */
int report_load(struct report *r, const struct kb *kb, struct store *st,
		const struct store_person *person, int32_t today,
		struct err *e);
void report_release(struct report *r);

/* Write the headline (the verdict, what stops running or massage, what is
 * open), the decision, the next massage, trend and run rules (h: heading
 * level, 2 or 3). */
void report_summary(struct strbuf *sb, const struct kb *kb,
		    const struct report *r, int h);
/* Parts of the summary: the headline alone; the trend as one paragraph;
 * the return-to-run rules with their evidence as a table. */
void report_headline(struct strbuf *sb, const struct kb *kb,
		     const struct report *r, int h);
void report_trend(struct strbuf *sb, const struct report *r);
void report_rules(struct strbuf *sb, const struct report *r);
/* Which charts report_charts writes. */
enum report_chart {
	REPORT_PAIN = 1 << 0,		/* daily pain */
	REPORT_LOAD = 1 << 1,		/* weekly distance and climb */
	REPORT_MASSAGE = 1 << 2,	/* massage pressures */
	REPORT_ALL = 7,
	REPORT_COMPACT = 1 << 3,	/* narrow boxes (the printed brief) */
	REPORT_CLIMB = 1 << 4,		/* show the weekly climb chart */
};
#define REPORT_COMPACT_W 360		/* viewBox of a compact chart */
#define REPORT_COMPACT_H 100
#define REPORT_COMPACT_WARNINGS 3	/* load warnings a compact page lists */
/* Write the charts named in which, each with its numbers as a table when
 * tables is set; the load's words and warnings come with its charts, and
 * the climb chart is there but hidden unless REPORT_CLIMB. */
void report_charts(struct strbuf *sb, const struct report *r, int h,
		   bool tables, unsigned which);
/* Write the last massages (at most max) as a table: date, type, regions
 * worked, pressure and how it felt afterwards. */
void report_massages(struct strbuf *sb, const struct report *r, size_t max);

/* Words for an area, a massage type and an after-massage feeling. */
extern const char *const report_area_words[AREA__COUNT];
/* A body-map region as a therapist names it ("soleus", "IT band"). */
extern const char *const report_region_words[REGION__COUNT];
extern const char *const report_type_words[MASSAGE_TYPE__COUNT];
extern const char *const report_feel_words[JOURNAL_FEEL__COUNT];
/* What an assessment concluded, for a journal line ("cleared for ..."). */
extern const char *const report_outcome_words[JOURNAL_OUTCOME__COUNT];

/* Every assessment in r's journal, newest first, as one paragraph. */
void report_assessments(struct strbuf *sb, const struct report *r);

/* One entry in a line of words ("Knee: at rest 2/10, running 5/10"). */
void report_entry_details(struct strbuf *sb, const struct journal_entry *en);

#endif
