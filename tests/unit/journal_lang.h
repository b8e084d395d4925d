/*
 * journal_lang.h - dated journals for the tests, written as lines of a tiny
 * language, one entry a line:
 *   "2026-11-03 pain heel rest=2 run=4 morning=3 +tight -limp_after side=left"
 *   "2026-11-03 run km=10 climb=150 min=50"
 *   "2026-11-03 massage p=6 flare=30 bruised felt=no_change
 *    yes=symptoms_checked no=aftercare_given"
 *   "2026-11-20 assessment outcome=cleared by=GP"
 * (+symptom reported, -symptom asked and denied), so each table row shows
 * the history it judges. Entries get ids 1, 2, ... in line order, person 1.
 * Used by test_history and test_assessment; a test includes it once.
 */
#ifndef RUNCARE_TEST_JOURNAL_LANG_H
#define RUNCARE_TEST_JOURNAL_LANG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "engine/journal.h"

#define MAX_LINES 24

static inline int32_t day_of(const char *s)
{
	int32_t d;

	if (date_parse(s, strlen(s), &d, NULL) < 0)
		fail_msg("bad date %s", s);
	return d;
}

static inline void parse_word(struct journal_entry *en, const char *w)
{
	double v = 0;
	const char *eq = strchr(w, '=');
	size_t key = eq ? (size_t)(eq - w) : strlen(w);

	if (eq != NULL)
		v = atof(eq + 1);
#define KEY_(k) (key == strlen(k) && strncmp(w, k, key) == 0)
	if (w[0] == '+' || w[0] == '-') {
		enum symptom s;
		if (symptom_parse(w + 1, strlen(w + 1), &s) < 0)
			fail_msg("bad symptom %s", w);
		if (w[0] == '+')
			en->pain.symptoms |= SYMPTOM_BIT(s);
		else
			en->pain.denied |= SYMPTOM_BIT(s);
	} else if (KEY_("side")) {
		if (side_parse(eq + 1, strlen(eq + 1), &en->pain.side) < 0)
			fail_msg("bad side %s", w);
	} else if (KEY_("outcome")) {
		if (journal_outcome_parse(eq + 1, strlen(eq + 1),
					  &en->assessment.outcome) < 0)
			fail_msg("bad outcome %s", w);
	} else if (KEY_("by")) {
		journal_set_str(&en->assessment.by, eq + 1);
	} else if (KEY_("rest")) {
		en->pain.rest = (int)v;
	} else if (KEY_("run")) {
		en->pain.run = (int)v;
	} else if (KEY_("morning")) {
		en->pain.morning = (int)v;
	} else if (KEY_("km")) {
		en->run.distance_m = v * 1000;
	} else if (KEY_("climb")) {
		en->run.climb_m = v;
	} else if (KEY_("min")) {
		en->run.moving_s = v * 60;
	} else if (KEY_("p")) {
		en->massage.pressure = (int)v;
	} else if (KEY_("flare")) {
		en->massage.flare_hours = v;
	} else if (KEY_("bruised")) {
		en->massage.bruised_or_limping = true;
	} else if (KEY_("felt")) {
		en->massage.has_felt = true;
		if (journal_feel_parse(eq + 1, strlen(eq + 1),
				       &en->massage.felt) < 0)
			fail_msg("bad feeling %s", w);
	} else if (KEY_("yes") || KEY_("no")) {
		enum journal_mark m;
		if (journal_mark_parse(eq + 1, strlen(eq + 1), &m) < 0)
			fail_msg("bad mark %s", w);
		en->massage.marks_known |= JOURNAL_MARK_BIT(m);
		if (KEY_("yes"))
			en->massage.marks |= JOURNAL_MARK_BIT(m);
	} else {
		enum area a;
		if (area_parse(w, strlen(w), &a) < 0)
			fail_msg("bad word %s", w);
		en->pain.area = a;
	}
#undef KEY_
}

/* Build the entries of a journal written in the language above. */
static inline size_t journal_lang_build(const char *const *lines, struct journal_entry *out)
{
	size_t n = 0;

	for (; n < MAX_LINES && lines[n] != NULL; n++) {
		char buf[256], *save = NULL, *w;
		enum journal_kind k;

		snprintf(buf, sizeof buf, "%s", lines[n]);
		char *date = strtok_r(buf, " ", &save);
		char *kind = strtok_r(NULL, " ", &save);
		if (journal_kind_parse(kind, strlen(kind), &k) < 0)
			fail_msg("bad kind in %s", lines[n]);
		journal_entry_init(&out[n], k, day_of(date));
		out[n].id = (int64_t)n + 1;
		out[n].person_id = 1;
		while ((w = strtok_r(NULL, " ", &save)) != NULL)
			parse_word(&out[n], w);
	}
	return n;
}


/* Free the strings the entries of a built journal own. */
static inline void journal_lang_release(struct journal_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		journal_entry_release(&v[i]);
}

#endif
