/*
 * render_text.c - the text form of a triage result (see render_text.h).
 *
 * The layout is a list of sections, each a function that appends itself
 * to a strbuf and skips itself when it has nothing to say; the order of
 * the table is the order a runner reads: decision, danger, what to do,
 * what not to do, and the small print last. The warning signs nobody was
 * asked about come right under the decision, so nothing reassuring stands
 * * above them; an assess-first result has no massage sections at all. Long
 * lines are wrapped (term_wrap) at the width in render_opts, 78 columns
 * when none is given, with a hanging indent so that lists stay readable.
 */
#include "cli/render_text.h"

#include <ctype.h>
#include <string.h>

#include "cli/term.h"

#define WRAP_COLUMNS 78

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[1;31m"
#define ANSI_GREEN "\033[1;32m"
#define ANSI_YELLOW "\033[1;33m"
#define ANSI_DIM "\033[2m"
#define ANSI_OFF "\033[0m"

/* The sign and colour of each decision, with a headline of our own for a
 * knowledge base that has none. */
static const struct {
	const char *utf8, *ascii, *color, *fallback;
} decision_look[] = {
	[DECISION_MASSAGE_OK] = { "\u2705", "[OK]", ANSI_GREEN,
				  "massage is a good idea today" },
	[DECISION_WITH_LOAD_CHANGE] = { "\u26a0\ufe0f", "[!]", ANSI_YELLOW,
					"massage can help only with a change "
					"of load" },
	[DECISION_ASSESS_FIRST] = { "\u274c", "[X]", ANSI_RED,
				    "skip massage, get assessed first" },
};

static const struct {
	const char *utf8, *ascii;
} rule_mark[] = {
	[RULE_STATE_MET] = { "\u2713", "[ok]" },
	[RULE_STATE_NOT_MET] = { "\u2717", "[no]" },
	[RULE_STATE_UNKNOWN] = { "?", "[?]" },
};

static const char *const self_label[] = {
	[SELF_OK] = "fine",
	[SELF_CAUTION] = "only with care",
	[SELF_AVOID] = "not for now",
};

struct ctx {
	const struct result *r;
	const struct kb *kb;
	const struct render_opts *opts;
	struct strbuf *out;
};

const char *text_decision_sign(enum decision d, bool utf8)
{
	return utf8 ? decision_look[d].utf8 : decision_look[d].ascii;
}

const char *text_state_mark(enum rule_state s, bool utf8)
{
	return utf8 ? rule_mark[s].utf8 : rule_mark[s].ascii;
}

static void on(const struct ctx *c, const char *code)
{
	if (c->opts->color)
		strbuf_addstr(c->out, code);
}

static void off(const struct ctx *c)
{
	if (c->opts->color)
		strbuf_addstr(c->out, ANSI_OFF);
}

static const char *text_of(const struct kb_item *item, const char *fallback)
{
	return item != NULL && item->text != NULL && item->text[0] != '\0'
		       ? item->text
		       : fallback;
}

/* The fixed width of views that are not told the terminal's (status). */
void text_wrap(struct strbuf *out, size_t col, size_t indent,
	       const char *text)
{
	term_wrap(out, WRAP_COLUMNS, col, indent, text);
}

/* Display width of what the current last line of out already holds,
 * colour codes (ESC [ ... m) left out. */
static size_t line_width(const struct strbuf *out)
{
	size_t from = out->len, w = 0;

	while (from > 0 && out->buf[from - 1] != '\n')
		from--;
	for (size_t i = from; i < out->len; i++) {
		if (out->buf[i] == '\033') {
			while (i < out->len && out->buf[i] != 'm')
				i++;
			continue;
		}
		if (((unsigned char)out->buf[i] & 0xC0) != 0x80)
			w++;
	}
	return w;
}

/* Wrap text after what the line already holds, at the width the caller
 * asked for (opts->width, 0: 78), going on indented by indent. */
static void wrap(const struct ctx *c, size_t indent, const char *text)
{
	term_wrap(c->out, c->opts->width != 0 ? c->opts->width : WRAP_COLUMNS,
		  line_width(c->out), indent, text);
}

static void heading(const struct ctx *c, const char *title)
{
	strbuf_addch(c->out, '\n');
	on(c, ANSI_BOLD);
	strbuf_addstr(c->out, title);
	off(c);
	strbuf_addch(c->out, '\n');
}

/* "  - text" with a hanging indent, plus an optional suffix. */
static void bullet(const struct ctx *c, const char *text, const char *suffix)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addstr(&line, text);
	if (suffix != NULL && suffix[0] != '\0') {
		strbuf_addch(&line, ' ');
		strbuf_addstr(&line, suffix);
	}
	strbuf_addstr(c->out, "  - ");
	wrap(c, 4, line.buf);
	strbuf_release(&line);
}

static void items(const struct ctx *c, const char *title,
		  const struct kb_item *const *list, size_t n)
{
	if (n == 0)
		return;
	heading(c, title);
	for (size_t i = 0; i < n; i++)
		bullet(c, text_of(list[i], list[i] ? list[i]->id : "?"), NULL);
}

/* "N-M" or "N" when both ends are the same. */
static void add_range(struct strbuf *out, int lo, int hi)
{
	if (lo == hi)
		strbuf_addf(out, "%d", lo);
	else
		strbuf_addf(out, "%d-%d", lo, hi);
}

static void sec_decision(const struct ctx *c)
{
	enum decision d = c->r->decision;

	on(c, decision_look[d].color);
	strbuf_addstr(c->out, c->opts->utf8 ? decision_look[d].utf8
					    : decision_look[d].ascii);
	strbuf_addch(c->out, ' ');
	wrap(c, 0, text_of(kb_decision(c->kb, d), decision_look[d].fallback));
	off(c);
	if (c->r->unanswered != 0) {
		on(c, ANSI_YELLOW);
		wrap(c, 0,
			    "Only if none of these warning signs applies; "
			    "nobody asked about them. If one does, skip "
			    "massage and get it assessed first:");
		off(c);
		for (int s = 0; s < SYMPTOM_RED_FLAG_COUNT; s++)
			if (c->r->unanswered & SYMPTOM_BIT(s))
				bullet(c, kb_red_flag_label(c->kb,
							    (enum red_flag)s),
				       NULL);
	}
	if (c->r->has_condition && c->r->condition_item != NULL) {
		strbuf_addstr(c->out, "Advice for: ");
		wrap(c, 4,
			    text_of(c->r->condition_item,
				    condition_name(c->r->condition)));
	}
}

static void sec_red_flags(const struct ctx *c)
{
	if (c->r->red_flags == 0)
		return;
	on(c, ANSI_RED);
	heading(c, "Warning signs");
	off(c);
	for (int f = 0; f < RED_FLAG__COUNT; f++)
		if (c->r->red_flags & (UINT32_C(1) << f))
			bullet(c, text_of(kb_red_flag(c->kb, (enum red_flag)f),
					  red_flag_name((enum red_flag)f)),
			       NULL);
	if (c->r->referral != NULL) {
		heading(c, "Where to get assessed");
		strbuf_addstr(c->out, "  ");
		wrap(c, 2, text_of(c->r->referral, ""));
	}
}

static bool is_type_rule(enum rule rule)
{
	return rule == RULE_TYPE_IRRITABLE || rule == RULE_TYPE_TRIGGER_POINTS ||
	       rule == RULE_TYPE_RELAXATION || rule == RULE_TYPE_SPORTS;
}

/* The reason the engine gave for the massage type, or NULL. */
static const struct kb_item *type_reason(const struct result *r)
{
	for (size_t i = 0; i < r->n_reasons; i++)
		if (is_type_rule(r->reasons[i].rule))
			return r->reasons[i].item;
	return NULL;
}

static void sec_why(const struct ctx *c)
{
	bool any = false;

	for (size_t i = 0; i < c->r->n_reasons; i++) {
		const struct reason *rs = &c->r->reasons[i];

		/* Red flags (reported or not asked), pressure, type and
		 * self-massage reasons are shown in their own sections. */
		if (rs->item == NULL || rs->rule == RULE_RED_FLAG ||
		    rs->rule == RULE_RED_FLAGS_UNANSWERED ||
		    rs->item == c->r->pressure_why ||
		    rs->item == c->r->self_massage_why || is_type_rule(rs->rule))
			continue;
		if (!any)
			heading(c, "Why");
		any = true;
		bullet(c, text_of(rs->item, rule_name(rs->rule)), NULL);
	}
}

static void sec_where(const struct ctx *c)
{
	items(c, "Where to massage", c->r->targets, c->r->n_targets);
	items(c, c->r->decision == DECISION_ASSESS_FIRST
			 ? "Until then, leave alone"
			 : "Avoid",
	      c->r->avoid, c->r->n_avoid);
}

static void sec_how(const struct ctx *c)
{
	const struct result *r = c->r;

	if (r->has_pressure) {
		heading(c, "Pressure");
		strbuf_addstr(c->out, "  ");
		add_range(c->out, r->pressure_min, r->pressure_max);
		strbuf_addstr(c->out, " out of 10");
		if (r->pressure_why != NULL) {
			strbuf_addstr(c->out, ": ");
			wrap(c, 4, text_of(r->pressure_why, ""));
		} else {
			strbuf_addch(c->out, '\n');
		}
	}
	if (r->has_massage_type) {
		heading(c, "Massage type");
		strbuf_addstr(c->out, "  ");
		wrap(c, 4,
			    text_of(r->massage_type_item,
				    massage_type_name(r->massage_type)));
		if (type_reason(r) != NULL) {
			strbuf_addstr(c->out, "  ");
			wrap(c, 4, text_of(type_reason(r), ""));
		}
	}
	if (r->goal_item != NULL && r->decision != DECISION_ASSESS_FIRST) {
		heading(c, "Session goal");
		strbuf_addstr(c->out, "  ");
		wrap(c, 4,
			    text_of(r->goal_item, goal_name(r->goal)));
	}
}

static void sec_self(const struct ctx *c)
{
	const struct result *r = c->r;
	struct strbuf line = STRBUF_INIT;

	heading(c, "Self-massage");
	strbuf_addstr(&line, self_label[r->self_massage]);
	if (r->has_self_pressure) {
		strbuf_addstr(&line, ", at ");
		add_range(&line, r->self_pressure_min, r->self_pressure_max);
		strbuf_addstr(&line, " out of 10");
	}
	if (r->self_massage_why != NULL) {
		strbuf_addstr(&line, ": ");
		strbuf_addstr(&line, text_of(r->self_massage_why, ""));
	}
	strbuf_addstr(c->out, "  ");
	wrap(c, 4, line.buf);
	strbuf_release(&line);
}

static void sec_next(const struct ctx *c)
{
	struct strbuf when = STRBUF_INIT;

	if (c->r->n_do_next == 0)
		return;
	heading(c, c->r->decision == DECISION_ASSESS_FIRST ? "While you wait"
							   : "Do next");
	for (size_t i = 0; i < c->r->n_do_next; i++) {
		const struct kb_item *it = c->r->do_next[i];

		/* "For 10-14 days, 2-3 times a week." */
		strbuf_reset(&when);
		if (it->days[1] > 0) {
			strbuf_addstr(&when, "For ");
			add_range(&when, it->days[0], it->days[1]);
			strbuf_addstr(&when, " days");
		}
		if (it->per_week[1] > 0) {
			if (when.len)
				strbuf_addstr(&when, ", ");
			add_range(&when, it->per_week[0], it->per_week[1]);
			strbuf_addstr(&when, it->per_week[1] == 1
						     ? " time a week"
						     : " times a week");
		}
		if (when.len) {
			when.buf[0] = (char)toupper((unsigned char)when.buf[0]);
			strbuf_addch(&when, '.');
		}
		bullet(c, text_of(it, it->id), when.buf);
	}
	strbuf_release(&when);
}

static void sec_aftercare(const struct ctx *c)
{
	items(c, "Aftercare", c->r->aftercare, c->r->n_aftercare);
}

static void sec_run(const struct ctx *c)
{
	const struct result *r = c->r;

	heading(c, "Running");
	strbuf_addstr(c->out, "  ");
	wrap(c, 4, text_of(kb_run_verdict(c->kb, r->run),
					  run_verdict_name(r->run)));
	for (size_t i = 0; i < r->n_run_reasons; i++) {
		const struct run_reason *rr = &r->run_reasons[i];
		const char *mark = c->opts->utf8 ? rule_mark[rr->state].utf8
						 : rule_mark[rr->state].ascii;

		size_t w = term_text_width(mark, strlen(mark));

		/* Pad the ASCII marks ("[?]", "[ok]") to one width. */
		struct strbuf line = STRBUF_INIT;

		strbuf_addstr(&line, text_of(rr->item, run_rule_name(rr->rule)));
		/* A rule nobody answered is said to be open, never ticked. */
		if (rr->state == RULE_STATE_UNKNOWN)
			strbuf_addstr(&line, " (not answered)");
		strbuf_addf(c->out, "    %s%*s", mark, c->opts->utf8 ? 1 : 5 - (int)w,
			    "");
		wrap(c, c->opts->utf8 ? 6 : 9,
			    line.buf);
		strbuf_release(&line);
	}
	if (r->run_advice != NULL && r->decision != DECISION_ASSESS_FIRST) {
		strbuf_addstr(c->out, "  ");
		wrap(c, 2, text_of(r->run_advice, ""));
	}
}

static void sec_disclaimer(const struct ctx *c)
{
	const char *d = kb_disclaimer(c->kb);

	strbuf_addch(c->out, '\n');
	on(c, ANSI_DIM);
	wrap(c, 0,
		    d != NULL && d[0] != '\0'
			    ? d
			    : "This is guidance, not a diagnosis.");
	off(c);
}

/* The sections in reading order. */
static void (*const sections[])(const struct ctx *) = {
	sec_decision, sec_red_flags, sec_why,	    sec_where,
	sec_how,      sec_self,	     sec_next,	    sec_aftercare,
	sec_run,      sec_disclaimer,
};

void render_text(const struct result *r, const struct kb *kb,
		 const struct render_opts *opts, struct strbuf *out)
{
	struct ctx c = { r, kb, opts, out };

	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		sections[i](&c);
}
