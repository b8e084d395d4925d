/*
 * export.c - everything the journal holds about one person, as JSON or CSV
 * (see store_export in store.h), and the JSON form of one entry that
 * `log list --format json` shares.
 *
 * Both formats carry every field of every entry, so a person can take
 * their data elsewhere. The CSV has one column set for all kinds; a field
 * that does not apply to a row's kind is empty.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/store_priv.h"

#define NAME_ITEM_(id, name) [id] = name,
static const char *const export_names[] = { STORE_EXPORT_LIST(NAME_ITEM_) };

int store_export_format_parse(const char *s, enum store_export_format *out)
{
	for (int i = 0; i < STORE_EXPORT__COUNT; i++)
		if (strcmp(s, export_names[i]) == 0) {
			*out = (enum store_export_format)i;
			return 0;
		}
	return -1;
}

/* ---- JSON ---- */

static void json_real(struct strbuf *out, double v)
{
	if (v == JOURNAL_UNSET)
		strbuf_addstr(out, "null");
	else
		strbuf_addf(out, "%.10g", v);
}

static void json_int(struct strbuf *out, long long v, long long unset)
{
	if (v == unset)
		strbuf_addstr(out, "null");
	else
		strbuf_addint(out, v);
}

static void json_str(struct strbuf *out, const char *s)
{
	if (s == NULL || s[0] == '\0')
		strbuf_addstr(out, "null");
	else
		strbuf_add_json_str(out, s);
}

/* A bit set as a JSON array of names. */
static void json_set(struct strbuf *out, uint32_t bits, int count,
		     const char *(*name)(int))
{
	bool first = true;

	strbuf_addch(out, '[');
	for (int i = 0; i < count; i++) {
		if (!(bits & (UINT32_C(1) << i)))
			continue;
		if (!first)
			strbuf_addch(out, ',');
		strbuf_add_json_str(out, name(i));
		first = false;
	}
	strbuf_addch(out, ']');
}

static const char *symptom_i(int i)
{
	return symptom_name((enum symptom)i);
}

static const char *region_i(int i)
{
	return region_name((enum region)i);
}

static void pain_json(const struct journal_pain *p, struct strbuf *out)
{
	strbuf_addstr(out, ",\"area\":");
	strbuf_add_json_str(out, area_name(p->area));
	strbuf_addstr(out, ",\"pain\":{\"rest\":");
	json_int(out, p->rest, PAIN_UNSET);
	strbuf_addstr(out, ",\"run\":");
	json_int(out, p->run, PAIN_UNSET);
	strbuf_addstr(out, ",\"morning\":");
	json_int(out, p->morning, PAIN_UNSET);
	strbuf_addstr(out, "},\"symptoms\":");
	json_set(out, p->symptoms, SYMPTOM__COUNT, symptom_i);
	strbuf_addstr(out, ",\"denied\":");
	json_set(out, p->denied, SYMPTOM__COUNT, symptom_i);
	strbuf_addstr(out, ",\"side\":");
	json_str(out, (unsigned)p->side < SIDE__COUNT ? side_name(p->side)
						       : NULL);
}

static void assessment_json(const struct journal_assessment *a,
			    struct strbuf *out)
{
	strbuf_addstr(out, ",\"outcome\":");
	strbuf_add_json_str(out, journal_outcome_name(a->outcome));
	strbuf_addstr(out, ",\"by\":");
	json_str(out, a->by);
	strbuf_addstr(out, ",\"note\":");
	json_str(out, a->note);
}

static void massage_json(const struct journal_massage *m, struct strbuf *out)
{
	strbuf_addstr(out, ",\"pressure\":");
	json_int(out, m->pressure, 0);
	strbuf_addstr(out, ",\"flare_hours\":");
	json_real(out, m->flare_hours);
	strbuf_addf(out, ",\"bruised_or_limping\":%s",
		    m->bruised_or_limping ? "true" : "false");
	strbuf_addstr(out, ",\"type\":");
	json_str(out, m->has_type ? massage_type_name(m->type) : NULL);
	strbuf_addstr(out, ",\"regions\":");
	json_set(out, m->regions, REGION__COUNT, region_i);
	strbuf_addstr(out, ",\"felt\":");
	json_str(out, m->has_felt ? journal_feel_name(m->felt) : NULL);
	strbuf_addstr(out, ",\"marks\":{");
	for (int i = 0; i < JOURNAL_MARK__COUNT; i++) {
		unsigned bit = JOURNAL_MARK_BIT(i);
		strbuf_addf(out, "%s\"%s\":%s", i ? "," : "",
			    journal_mark_name((enum journal_mark)i),
			    !(m->marks_known & bit) ? "null"
			    : (m->marks & bit)      ? "true"
						    : "false");
	}
	strbuf_addch(out, '}');
}

static void run_json(const struct journal_run *r, struct strbuf *out)
{
	char buf[DATE_TIME_BUF];

	strbuf_addstr(out, ",\"start\":");
	json_str(out, r->start_utc != JOURNAL_UNSET
			      ? date_format_utc(r->start_utc, buf)
			      : NULL);
	strbuf_addstr(out, ",\"distance_m\":");
	json_real(out, r->distance_m);
	strbuf_addstr(out, ",\"moving_s\":");
	json_real(out, r->moving_s);
	strbuf_addstr(out, ",\"elapsed_s\":");
	json_real(out, r->elapsed_s);
	strbuf_addstr(out, ",\"climb_m\":");
	json_real(out, r->climb_m);
	strbuf_addstr(out, ",\"descent_m\":");
	json_real(out, r->descent_m);
	strbuf_addstr(out, ",\"avg_hr\":");
	json_int(out, r->avg_hr, JOURNAL_UNSET);
	strbuf_addstr(out, ",\"note\":");
	json_str(out, r->note);
	strbuf_addstr(out, ",\"source\":");
	json_str(out, r->source);
	strbuf_addstr(out, ",\"sha256\":");
	json_str(out, r->sha256);
	strbuf_addstr(out, ",\"sport\":");
	json_str(out, r->sport);
}

void store_entry_to_json(const struct journal_entry *en, struct strbuf *out)
{
	strbuf_addf(out, "{\"id\":%lld,\"kind\":\"%s\",\"date\":",
		    (long long)en->id, journal_kind_name(en->kind));
	date_add_json(out, en->day);
	if (en->kind == JOURNAL_PAIN)
		pain_json(&en->pain, out);
	else if (en->kind == JOURNAL_MASSAGE)
		massage_json(&en->massage, out);
	else if (en->kind == JOURNAL_ASSESSMENT)
		assessment_json(&en->assessment, out);
	else
		run_json(&en->run, out);
	strbuf_addch(out, '}');
}

static void episode_json(const struct store_episode *ep, struct strbuf *out)
{
	strbuf_addf(out, "{\"id\":%lld,\"area\":", (long long)ep->id);
	strbuf_add_json_str(out, area_name(ep->area));
	strbuf_addstr(out, ",\"start\":");
	date_add_json(out, ep->start);
	strbuf_addstr(out, ",\"end\":");
	date_add_json(out, ep->end);
	strbuf_addch(out, '}');
}

static void export_json(const struct store_person *p,
			const struct store_episode *eps, size_t n_eps,
			const struct store_entries *list, struct strbuf *out)
{
	strbuf_addstr(out, "{\"format\":\"runcare-export\",\"version\":1,"
			   "\"person\":{\"id\":");
	strbuf_addint(out, p->id);
	strbuf_addstr(out, ",\"name\":");
	strbuf_add_json_str(out, p->name);
	strbuf_addstr(out, "},\"episodes\":[");
	for (size_t i = 0; i < n_eps; i++) {
		if (i)
			strbuf_addch(out, ',');
		episode_json(&eps[i], out);
	}
	strbuf_addstr(out, "],\"entries\":[");
	for (size_t i = 0; i < list->n; i++) {
		strbuf_addstr(out, i ? ",\n" : "\n");
		store_entry_to_json(&list->v[i], out);
	}
	strbuf_addstr(out, "]}\n");
}

/* ---- CSV (RFC 4180) ---- */

static const char csv_header[] =
	"person,kind,id,date,end_date,area,rest,run,morning,symptoms,"
	"pressure,flare_hours,bruised_or_limping,type,regions,felt,"
	"symptoms_checked,pressure_matched,beyond_painful_spot,"
	"aftercare_given,start,distance_m,moving_s,elapsed_s,climb_m,"
	"descent_m,avg_hr,note,source,sha256,sport,denied,side,outcome,"
	"assessed_by\r\n";
/* Columns after "area" that a row may leave empty, and the last four
 * (denied, side, outcome, assessed_by) among them. */
#define CSV_AFTER_AREA 29
#define CSV_TAIL 4

/* A field, quoted when it holds a comma, a quote or a line break. */
static void csv_field(struct strbuf *out, const char *s)
{
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, *s);
	}
	strbuf_addch(out, '"');
}

static void csv_int(struct strbuf *out, long long v, long long unset)
{
	strbuf_addch(out, ',');
	if (v != unset)
		strbuf_addint(out, v);
}

static void csv_real(struct strbuf *out, double v)
{
	strbuf_addch(out, ',');
	if (v != JOURNAL_UNSET)
		strbuf_addf(out, "%.10g", v);
}

static void csv_str(struct strbuf *out, const char *s)
{
	strbuf_addch(out, ',');
	csv_field(out, s);
}

/* A bit set as names joined by spaces. */
static void csv_set(struct strbuf *out, uint32_t bits, int count,
		    const char *(*name)(int))
{
	bool first = true;

	strbuf_addch(out, ',');
	for (int i = 0; i < count; i++) {
		if (!(bits & (UINT32_C(1) << i)))
			continue;
		if (!first)
			strbuf_addch(out, ' ');
		strbuf_addstr(out, name(i));
		first = false;
	}
}

static void csv_empty(struct strbuf *out, int n)
{
	for (int i = 0; i < n; i++)
		strbuf_addch(out, ',');
}

static void csv_start(struct strbuf *out, const struct store_person *p,
		      const char *kind, int64_t id, int32_t day, int32_t end)
{
	char buf[DATE_BUF];

	csv_field(out, p->name);
	strbuf_addf(out, ",%s,%lld,", kind, (long long)id);
	strbuf_addstr(out, date_format(day, buf));
	strbuf_addch(out, ',');
	strbuf_addstr(out, date_format(end, buf));
}

static void csv_entry(const struct store_person *p,
		      const struct journal_entry *en, struct strbuf *out)
{
	const struct journal_massage *m = &en->massage;
	const struct journal_run *r = &en->run;
	char buf[DATE_TIME_BUF];

	csv_start(out, p, journal_kind_name(en->kind), en->id, en->day,
		  DATE_NONE);
	if (en->kind == JOURNAL_PAIN) {
		csv_str(out, area_name(en->pain.area));
		csv_int(out, en->pain.rest, PAIN_UNSET);
		csv_int(out, en->pain.run, PAIN_UNSET);
		csv_int(out, en->pain.morning, PAIN_UNSET);
		csv_set(out, en->pain.symptoms, SYMPTOM__COUNT, symptom_i);
		csv_empty(out, CSV_AFTER_AREA - 4 - CSV_TAIL);
		csv_set(out, en->pain.denied, SYMPTOM__COUNT, symptom_i);
		csv_str(out, (unsigned)en->pain.side < SIDE__COUNT
				     ? side_name(en->pain.side)
				     : NULL);
		csv_empty(out, 2);
	} else if (en->kind == JOURNAL_MASSAGE) {
		csv_empty(out, 5);
		csv_int(out, m->pressure, 0);
		csv_real(out, m->flare_hours);
		csv_str(out, m->bruised_or_limping ? "true" : "false");
		csv_str(out, m->has_type ? massage_type_name(m->type) : NULL);
		csv_set(out, m->regions, REGION__COUNT, region_i);
		csv_str(out, m->has_felt ? journal_feel_name(m->felt) : NULL);
		for (int i = 0; i < JOURNAL_MARK__COUNT; i++) {
			unsigned bit = JOURNAL_MARK_BIT(i);
			csv_str(out, !(m->marks_known & bit) ? NULL
				     : (m->marks & bit)     ? "true"
							    : "false");
		}
		csv_empty(out, 11 + CSV_TAIL);
	} else if (en->kind == JOURNAL_ASSESSMENT) {
		/* Only the note column is shared, with runs. */
		csv_empty(out, 15 + 7);
		csv_str(out, en->assessment.note);
		csv_empty(out, 3 + 2);
		csv_str(out, journal_outcome_name(en->assessment.outcome));
		csv_str(out, en->assessment.by);
	} else {
		csv_empty(out, 15);
		csv_str(out, r->start_utc != JOURNAL_UNSET
				     ? date_format_utc(r->start_utc, buf)
				     : NULL);
		csv_real(out, r->distance_m);
		csv_real(out, r->moving_s);
		csv_real(out, r->elapsed_s);
		csv_real(out, r->climb_m);
		csv_real(out, r->descent_m);
		csv_int(out, r->avg_hr, JOURNAL_UNSET);
		csv_str(out, r->note);
		csv_str(out, r->source);
		csv_str(out, r->sha256);
		csv_str(out, r->sport);
		csv_empty(out, CSV_TAIL);
	}
	strbuf_addstr(out, "\r\n");
}

static void export_csv(const struct store_person *p,
		       const struct store_episode *eps, size_t n_eps,
		       const struct store_entries *list, struct strbuf *out)
{
	strbuf_addstr(out, csv_header);
	for (size_t i = 0; i < n_eps; i++) {
		csv_start(out, p, "episode", eps[i].id, eps[i].start,
			  eps[i].end);
		csv_str(out, area_name(eps[i].area));
		csv_empty(out, CSV_AFTER_AREA);
		strbuf_addstr(out, "\r\n");
	}
	for (size_t i = 0; i < list->n; i++)
		csv_entry(p, &list->v[i], out);
}

int store_export(struct store *st, int64_t person_id,
		 enum store_export_format fmt, struct strbuf *out,
		 struct err *e)
{
	struct store_query q = STORE_QUERY_INIT(person_id);
	struct store_entries list;
	struct store_episode *eps = NULL;
	struct store_person p;
	size_t n_eps = 0;
	int ret = -1;

	store_entries_init(&list);
	if (store_read_begin(st, e) < 0)
		return -1;
	if (store_person_get(st, person_id, &p, e) < 0 ||
	    store_episode_list(st, person_id, &eps, &n_eps, e) < 0 ||
	    store_entry_list(st, &q, &list, e) < 0)
		goto done;
	if (fmt == STORE_EXPORT_CSV)
		export_csv(&p, eps, n_eps, &list, out);
	else
		export_json(&p, eps, n_eps, &list, out);
	ret = 0;
done:
	store_read_end(st);
	free(eps);
	store_entries_release(&list);
	return ret;
}
