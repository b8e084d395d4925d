/*
 * load.c - the load figures and warnings of load.h.
 *
 * Runs are first binned into a dense array of days (km, seconds, climb)
 * from the start of the EWMA warm-up to as_of; every figure is then a sum
 * or a pass over that array, so the cost is linear in days plus runs.
 * Formulas and thresholds: docs/load.md.
 */
#include "engine/load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/name_table.h"
#include "core/xmalloc.h"

/* How far back the EWMA starts (its weight on older days is tiny). */
#define LOAD_EWMA_WARMUP_DAYS 365

#define LOAD_NAME_ITEM_(id, name) [id] = name,
static const char *const warning_names[] = {
	LOAD_WARNING_LIST(LOAD_NAME_ITEM_)
};

NAME_TABLE_NAME_FN(load_warning_name, enum load_warning_kind, warning_names)

/* Where a warning comes from when no section of the runner's own is
 * given: the guide's run rules (one variable at a time; pain worse week
 * on week points at load). */
static const char SRC_RUN_RULES[] =
	"When Is It Safe to Run Again? (Simple Pain Rules)";

static bool run_ok(const struct load_run *r, int32_t as_of)
{
	return r->day != INT32_MIN && r->day <= as_of &&
	       isfinite(r->distance_m) && r->distance_m >= 0 &&
	       isfinite(r->moving_s) && r->moving_s >= 0;
}

double load_daily_km(const struct load_input *in, int32_t day)
{
	double km = 0;

	for (size_t i = 0; i < in->n_runs; i++)
		if (in->runs[i].day == day && run_ok(&in->runs[i], in->as_of))
			km += in->runs[i].distance_m / 1000.0;
	return km;
}

struct days {
	int32_t first;		/* day of index 0 */
	int32_t start;		/* the journal's first run; INT32_MAX: none */
	int n;
	double *km, *secs, *climb, *climb_km;
	int *runs;
};

static int idx(const struct days *d, int32_t day)
{
	int64_t i = (int64_t)day - d->first;
	return i >= 0 && i < d->n ? (int)i : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median pace (s/km) of runs with distance in from..to; NAN if none. */
static double median_pace(const struct load_input *in, int32_t from,
			  int32_t to)
{
	double *v = xmalloc((in->n_runs ? in->n_runs : 1) * sizeof(*v));
	size_t n = 0;
	double m = NAN;

	for (size_t i = 0; i < in->n_runs; i++) {
		const struct load_run *r = &in->runs[i];
		if (run_ok(r, in->as_of) && r->day >= from && r->day <= to &&
		    r->distance_m > 0 && r->moving_s > 0)
			v[n++] = r->moving_s / (r->distance_m / 1000.0);
	}
	if (n > 0) {
		qsort(v, n, sizeof(*v), cmp_double);
		m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	}
	free(v);
	return m;
}

/*
 * Foster's monotony of a week from the sum and the sum of squares of its
 * 7 daily loads: mean / population SD. A rest week is 0; an SD of 0 (or
 * one so small that the ratio passes it) gives LOAD_MONOTONY_MAX. Pure,
 * nothing owned.
 */
static double monotony(double sum, double sq)
{
	double mean = sum / 7.0, var = sq / 7.0 - mean * mean;

	if (sum <= 0)
		return 0;
	if (var <= 0 || mean >= LOAD_MONOTONY_MAX * sqrt(var))
		return LOAD_MONOTONY_MAX;
	return mean / sqrt(var);
}

static void week_figures(const struct load_input *in, const struct days *d,
			 int32_t to, struct load_week *w)
{
	double sum = 0, sq = 0, km_climb = 0;

	memset(w, 0, sizeof(*w));
	w->to = to;
	w->from = to - 6;
	for (int32_t day = w->from; day <= to; day++) {
		int i = idx(d, day);
		double km = i >= 0 ? d->km[i] : 0;
		sum += km;
		sq += km * km;
		if (i >= 0) {
			w->runs += d->runs[i];
			w->moving_s += d->secs[i];
			w->climb_m += d->climb[i];
			km_climb += d->climb_km[i];
		}
	}
	w->distance_m = sum * 1000.0;
	w->covered = w->from >= d->start;
	w->monotony = w->covered ? monotony(sum, sq) : NAN;
	w->strain = w->covered ? sum * w->monotony : NAN;
	w->hilliness = km_climb > 0 ? w->climb_m / km_climb : NAN;
	w->pace_s_per_km = sum > 0 && w->moving_s > 0 ? w->moving_s / sum : NAN;
	double med = median_pace(in, w->from - LOAD_MEDIAN_DAYS, w->from - 1);
	w->intensity = isnan(med) || isnan(w->pace_s_per_km) ? NAN :
		med / w->pace_s_per_km;
	w->change = NAN;
}

static struct load_warning *add_warning(struct load_report *r,
					enum load_warning_kind k, int32_t day,
					const char *source)
{
	struct load_warning *w;

	if (r->n_warnings >= LOAD_WARNINGS_MAX)
		return NULL;
	w = &r->warnings[r->n_warnings++];
	memset(w, 0, sizeof(*w));
	w->kind = k;
	w->day = day;
	w->source = source;
	return w;
}

static void spike_warning(const struct load_input *in, struct load_report *r)
{
	const struct load_week *w0 = &r->weeks[0];
	const char *src = in->condition_source != NULL ? in->condition_source
						       : SRC_RUN_RULES;
	struct load_warning *w;

	/* The EWMA ratio is shown but not warned on: with a few runs a week
	 * it jumps after every run (docs/load.md). A journal younger than
	 * the chronic window has no usual week to compare with, so no spike
	 * of either kind is judged before it covers the window (the
	 * history note says so). */
	if (r->acute_km < LOAD_SPIKE_MIN_KM ||
	    r->history_days < LOAD_CHRONIC_DAYS)
		return;
	if (r->acwr_rolling > LOAD_SPIKE_ACWR) {
		w = add_warning(r, LOAD_WARN_SPIKE, r->as_of, src);
		if (w != NULL)
			snprintf(w->text, sizeof(w->text),
				 "The last 7 days (%.1f km) are %.1f times the "
				 "average week of the last 28 days (%.1f km): "
				 "a load spike.", r->acute_km, r->acwr_rolling,
				 r->chronic_km);
	} else if (r->n_weeks > 1 && w0->change > LOAD_SPIKE_WOW) {
		w = add_warning(r, LOAD_WARN_SPIKE, r->as_of, src);
		if (w != NULL)
			snprintf(w->text, sizeof(w->text),
				 "This week's distance rose %.0f%% on last "
				 "week's (%.1f km after %.1f km): a load spike.",
				 w0->change * 100, w0->distance_m / 1000,
				 r->weeks[1].distance_m / 1000);
	}
}

static void several_warning(struct load_report *r)
{
	const struct load_week *a = &r->weeks[0], *b = &r->weeks[1];
	const char *raised[3];
	int n = 0;
	struct load_warning *w;

	if (r->n_weeks < 2 || a->runs == 0 || b->runs == 0)
		return;
	if (a->change > LOAD_RAISE_DISTANCE)	/* NAN unless comparable */
		raised[n++] = "distance";
	if (!isnan(a->pace_s_per_km) && !isnan(b->pace_s_per_km) &&
	    a->pace_s_per_km < b->pace_s_per_km * (1 - LOAD_RAISE_SPEED))
		raised[n++] = "speed";
	if (!isnan(a->hilliness) && !isnan(b->hilliness) &&
	    a->hilliness > b->hilliness * (1 + LOAD_RAISE_HILLS) &&
	    a->hilliness - b->hilliness >= LOAD_RAISE_HILLS_MIN)
		raised[n++] = "hills";
	if (n < 2)
		return;
	w = add_warning(r, LOAD_WARN_SEVERAL_RAISED, r->as_of, SRC_RUN_RULES);
	if (w != NULL)
		w->climb = strcmp(raised[n - 1], "hills") == 0;
	if (w != NULL)
		snprintf(w->text, sizeof(w->text),
			 "This week raised %s%s%s%s%s against last week; raise "
			 "only one of distance, speed or hills at a time.",
			 raised[0], n == 3 ? ", " : " and ", raised[1],
			 n == 3 ? " and " : "", n == 3 ? raised[2] : "");
}

enum plan_check { CHECK_HILLS = 1, CHECK_SPEED = 2 };

static const struct {
	const char *id;
	unsigned checks;
} plan_checks[] = {
	{ "reduce_hills", CHECK_HILLS },
	{ "flat_easy_runs", CHECK_HILLS | CHECK_SPEED },
	{ "reduce_speed", CHECK_SPEED },
};

static void plan_warnings(const struct load_input *in, struct load_report *r)
{
	char day_s[DATE_BUF], to_s[DATE_BUF];

	for (size_t p = 0; p < in->n_plans; p++) {
		const struct load_plan *pl = &in->plans[p];
		unsigned checks = 0;
		for (size_t k = 0; k < sizeof(plan_checks) / sizeof(plan_checks[0]); k++)
			if (pl->id != NULL && strcmp(pl->id, plan_checks[k].id) == 0)
				checks = plan_checks[k].checks;
		if (checks == 0)
			continue;
		double med = median_pace(in, pl->from - LOAD_MEDIAN_DAYS,
					 pl->from - 1);
		for (size_t i = 0; i < in->n_runs; i++) {
			const struct load_run *run = &in->runs[i];
			if (!run_ok(run, in->as_of) || run->day < pl->from ||
			    run->day > pl->to || run->distance_m <= 0)
				continue;
			double km = run->distance_m / 1000.0;
			double hill = run->climb_m >= 0 ? run->climb_m / km : NAN;
			double pace = run->moving_s > 0 ? run->moving_s / km : NAN;
			char what[120] = "";
			bool climbed = (checks & CHECK_HILLS) &&
				       hill > LOAD_HILLY_M_PER_KM;
			if (climbed)
				snprintf(what, sizeof(what),
					 "climbed %.0f m per km", hill);
			else if ((checks & CHECK_SPEED) && !isnan(med) &&
				 pace < med * (1 - LOAD_HARD_PACE))
				snprintf(what, sizeof(what),
					 "ran at %d:%02d per km, faster than "
					 "the usual %d:%02d", (int)pace / 60,
					 (int)pace % 60, (int)med / 60,
					 (int)med % 60);
			if (what[0] == '\0')
				continue;
			struct load_warning *w = add_warning(
				r, LOAD_WARN_BREAKS_PLAN, run->day,
				pl->source ? pl->source : SRC_RUN_RULES);
			if (w == NULL)
				return;
			w->plan_id = pl->id;
			w->climb = climbed;
			snprintf(w->text, sizeof(w->text),
				 "The run of %s %s, while the plan until %s "
				 "is: %s", date_format(run->day, day_s), what,
				 date_format(pl->to, to_s),
				 pl->text != NULL ? pl->text : pl->id);
		}
	}
}

int load_compute(const struct load_input *in, struct load_report *out)
{
	struct days d;
	int32_t first = in->as_of;

	memset(out, 0, sizeof(*out));
	out->as_of = in->as_of;
	if (in->weeks < 1 || in->weeks > LOAD_WEEKS_MAX)
		return -1;
	bool any_run = false;
	for (size_t i = 0; i < in->n_runs; i++) {
		if (!run_ok(&in->runs[i], in->as_of))
			continue;
		any_run = true;
		if (in->runs[i].day < first)
			first = in->runs[i].day;
	}
	out->history_days = any_run ? in->as_of - first + 1 : 0;
	d.start = any_run ? first : INT32_MAX;
	out->chronic_days = out->history_days < LOAD_CHRONIC_DAYS
				    ? out->history_days : LOAD_CHRONIC_DAYS;
	if (any_run && out->history_days < LOAD_CHRONIC_DAYS)
		snprintf(out->history_note, sizeof(out->history_note),
			 "Runs are logged for %d day%s only: the usual week "
			 "is the mean of %s, and no load spike is judged "
			 "until %d days are logged.", out->history_days,
			 out->history_days == 1 ? "" : "s",
			 out->history_days == 1 ? "that day" : "those days",
			 LOAD_CHRONIC_DAYS);
	/* The array reaches back far enough for the weeks shown (plus one
	 * to compare with), the 28-day median before them and the warm-up. */
	int32_t need = in->as_of - 7 * (in->weeks + 1) - LOAD_MEDIAN_DAYS -
		       LOAD_CHRONIC_DAYS;
	if (first > need)
		first = need;
	if (first < in->as_of - LOAD_EWMA_WARMUP_DAYS - 7 * (in->weeks + 1))
		first = in->as_of - LOAD_EWMA_WARMUP_DAYS - 7 * (in->weeks + 1);
	d.first = first;
	d.n = in->as_of - first + 1;
	d.km = xcalloc((size_t)d.n, sizeof(double));
	d.secs = xcalloc((size_t)d.n, sizeof(double));
	d.climb = xcalloc((size_t)d.n, sizeof(double));
	d.climb_km = xcalloc((size_t)d.n, sizeof(double));
	d.runs = xcalloc((size_t)d.n, sizeof(int));
	for (size_t i = 0; i < in->n_runs; i++) {
		const struct load_run *r = &in->runs[i];
		int k = run_ok(r, in->as_of) ? idx(&d, r->day) : -1;
		if (k < 0)
			continue;
		d.km[k] += r->distance_m / 1000.0;
		d.secs[k] += r->moving_s;
		d.runs[k]++;
		if (r->climb_m >= 0) {
			d.climb[k] += r->climb_m;
			d.climb_km[k] += r->distance_m / 1000.0;
		}
	}

	/* Rolling ratio: rest days are zeros in the sums; the chronic week
	 * is the mean over the days the journal covers, at most 28, so the
	 * days before the first run do not count as rest. */
	for (int k = 0; k < LOAD_CHRONIC_DAYS; k++) {
		double km = d.km[d.n - 1 - k];
		if (k < LOAD_ACUTE_DAYS)
			out->acute_km += km;
		out->chronic_km += km;
	}
	if (out->chronic_days > 0)
		out->chronic_km *= (double)LOAD_ACUTE_DAYS / out->chronic_days;
	out->acwr_rolling = out->chronic_km > 0 ? out->acute_km / out->chronic_km
						: NAN;
	/* EWMA (Williams et al. 2017): lambda = 2 / (N + 1). */
	const double la = 2.0 / (LOAD_ACUTE_DAYS + 1);
	const double lc = 2.0 / (LOAD_CHRONIC_DAYS + 1);
	double ea = 0, ec = 0;
	for (int k = 0; k < d.n; k++) {
		ea = la * d.km[k] + (1 - la) * ea;
		ec = lc * d.km[k] + (1 - lc) * ec;
	}
	out->ewma_acute = ea;
	out->ewma_chronic = ec;
	out->acwr_ewma = ec > 1e-12 ? ea / ec : NAN;

	out->n_weeks = in->weeks;
	struct load_week prev;
	for (int w = 0; w < in->weeks; w++)
		week_figures(in, &d, in->as_of - 7 * w, &out->weeks[w]);
	for (int w = 0; w < in->weeks; w++) {
		const struct load_week *b = w + 1 < in->weeks ? &out->weeks[w + 1]
							    : NULL;
		if (b == NULL) {
			week_figures(in, &d, in->as_of - 7 * (w + 1), &prev);
			b = &prev;
		}
		/* Only comparable weeks: both wholly inside the journal. */
		if (out->weeks[w].covered && b->covered && b->distance_m > 0)
			out->weeks[w].change = out->weeks[w].distance_m /
				b->distance_m - 1;
	}
	out->median_pace_s_per_km = median_pace(in,
		out->weeks[0].from - LOAD_MEDIAN_DAYS, out->weeks[0].from - 1);

	spike_warning(in, out);
	if (in->weeks >= 2)
		several_warning(out);
	plan_warnings(in, out);

	free(d.km);
	free(d.secs);
	free(d.climb);
	free(d.climb_km);
	free(d.runs);
	return 0;
}

static void num(struct strbuf *out, const char *key, double v, int decimals)
{
	strbuf_addf(out, ",\"%s\":", key);
	if (isfinite(v))
		strbuf_addf(out, "%.*f", decimals, v);
	else
		strbuf_addstr(out, "null");
}

void load_report_json(const struct load_report *r, struct strbuf *out)
{
	char a[DATE_BUF], b[DATE_BUF];

	strbuf_addf(out, "{\"as_of\":\"%s\"", date_format(r->as_of, a));
	num(out, "acute_km", r->acute_km, 2);
	num(out, "chronic_km", r->chronic_km, 2);
	num(out, "acwr_rolling", r->acwr_rolling, 2);
	num(out, "ewma_acute_km", r->ewma_acute, 3);
	num(out, "ewma_chronic_km", r->ewma_chronic, 3);
	num(out, "acwr_ewma", r->acwr_ewma, 2);
	num(out, "median_pace_s_per_km", r->median_pace_s_per_km, 0);
	strbuf_addf(out, ",\"history_days\":%d,\"chronic_days\":%d",
		    r->history_days, r->chronic_days);
	strbuf_addstr(out, ",\"weeks\":[");
	for (int i = 0; i < r->n_weeks; i++) {
		const struct load_week *w = &r->weeks[i];
		strbuf_addf(out, "%s{\"from\":\"%s\",\"to\":\"%s\","
			    "\"covered\":%s,\"runs\":%d", i ? "," : "",
			    date_format(w->from, a), date_format(w->to, b),
			    w->covered ? "true" : "false", w->runs);
		num(out, "distance_m", w->distance_m, 0);
		num(out, "moving_s", w->moving_s, 0);
		num(out, "climb_m", w->climb_m, 0);
		num(out, "change", w->change, 3);
		num(out, "monotony", w->monotony, 2);
		num(out, "strain", w->strain, 1);
		num(out, "hilliness_m_per_km", w->hilliness, 1);
		num(out, "pace_s_per_km", w->pace_s_per_km, 0);
		num(out, "intensity", w->intensity, 3);
		strbuf_addch(out, '}');
	}
	strbuf_addstr(out, "],\"warnings\":[");
	for (int i = 0; i < r->n_warnings; i++) {
		const struct load_warning *w = &r->warnings[i];
		strbuf_addf(out, "%s{\"kind\":\"%s\",\"day\":\"%s\"", i ? "," : "",
			    load_warning_name(w->kind), date_format(w->day, a));
		if (w->plan_id != NULL) {
			strbuf_addstr(out, ",\"plan\":");
			strbuf_add_json_str(out, w->plan_id);
		}
		strbuf_addstr(out, ",\"text\":");
		strbuf_add_json_str(out, w->text);
		strbuf_addstr(out, ",\"source\":");
		strbuf_add_json_str(out, w->source);
		strbuf_addch(out, '}');
	}
	strbuf_addstr(out, "]}");
}
