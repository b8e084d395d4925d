/*
 * interactive.c - runcare check's questions on a terminal (see
 * interactive.h).
 *
 * Each question is a small function built on one loop: print the
 * question, read a line, parse it with a table, and on an answer it cannot
 * read print a hint and ask again. Ctrl-C or Ctrl-D at any question ends
 * the whole run (the caller prints "cancelled"). The questions of the red
 * flags come from the knowledge base; the menus' labels are ours. Every
 * line goes through term_wrap at the terminal's width (term_width), so a
 * narrow window never cuts a word. A yes / no / not sure answer lands in
 * the intake's symptoms (yes, not sure) or denied (no): nothing that was
 * not asked is ever taken for "no".
 */
#include "cli/interactive.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli/term.h"
#include "core/strbuf.h"

#define ANSWER_MAX 256
/* Columns kept free after a question for the answer typed on its line
 * (term_width is never below TERM_MIN_WIDTH, so this leaves room). */
#define ANSWER_ROOM 6

enum answer { ANS_NO, ANS_YES, ANS_UNSURE };

/* Words accepted for yes / no / not sure (compared in lower case, with
 * runs of blanks squeezed to one space). */
static const struct {
	const char *word;
	enum answer answer;
} answer_words[] = {
	{ "y", ANS_YES },	{ "yes", ANS_YES },
	{ "yeah", ANS_YES },	{ "yep", ANS_YES },
	{ "n", ANS_NO },	{ "no", ANS_NO },
	{ "nope", ANS_NO },	{ "?", ANS_UNSURE },
	{ "not sure", ANS_UNSURE }, { "unsure", ANS_UNSURE },
	{ "ns", ANS_UNSURE },	{ "maybe", ANS_UNSURE },
	{ "dont know", ANS_UNSURE }, { "don't know", ANS_UNSURE },
	{ "do not know", ANS_UNSURE },
};

static const char *const area_label[] = {
	[AREA_HEEL] = "heel or arch of the foot",
	[AREA_KNEE] = "knee",
	[AREA_SHIN] = "shin",
	[AREA_ACHILLES] = "Achilles tendon (back of the ankle)",
	[AREA_HIP] = "hip or deep in the buttock",
	[AREA_OTHER] = "somewhere else",
};

static const char *const trend_label[] = {
	[TREND_BETTER] = "better than last week",
	[TREND_SAME] = "about the same",
	[TREND_WORSE] = "worse than last week",
};

/* Menu order of the trend: better, same, worse. */
static const enum trend trend_menu[] = { TREND_BETTER, TREND_SAME,
					 TREND_WORSE };

static const char *const goal_label[] = {
	[GOAL_RELIEF] = "ease the pain",
	[GOAL_RECOVERY] = "recover from hard training",
	[GOAL_MOBILITY] = "move more freely",
};

#define COUNT_(a) (sizeof(a) / sizeof((a)[0]))

struct asker {
	struct term term;
	enum term_status status;	/* why the last question failed */
	const struct kb *kb;
	FILE *out;
	bool utf8;
	size_t width;		/* columns questions are wrapped at */
	char buf[ANSWER_MAX];
};

/* Print text wrapped at the terminal's width, indented by indent on the
 * lines after the first; ends with a newline unless open_end, which
 * leaves the cursor after the text and one space (for an answer). */
static void say(struct asker *a, size_t indent, const char *text,
		bool open_end)
{
	struct strbuf sb = STRBUF_INIT;

	/* A question leaves room on its last line for a short answer. */
	term_wrap(&sb, open_end ? a->width - ANSWER_ROOM : a->width, 0, indent,
		  text);
	if (open_end && sb.len > 0)
		sb.buf[sb.len - 1] = ' ';	/* the newline term_wrap ends with */
	fputs(sb.buf, a->out);
	strbuf_release(&sb);
}

/* Read one answer; false when the person stopped (status says how). */
static bool ask(struct asker *a, const char *prompt)
{
	say(a, 2, prompt, true);
	a->status = term_ask(&a->term, "", a->buf, sizeof a->buf);
	return a->status == TERM_OK;
}

static void hint(struct asker *a, const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "  %s ", a->utf8 ? "\u2192" : "->");
	term_wrap(&sb, a->width, a->utf8 ? 4 : 5, 4, text);
	fputs(sb.buf, a->out);
	strbuf_release(&sb);
}

/* Lower-case s in place and squeeze blanks to single spaces. */
static void normalise(char *s)
{
	char *w = s;
	bool space = false;

	for (char *r = s; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = false;
		*w++ = (char)tolower((unsigned char)*r);
	}
	*w = '\0';
}

static int parse_answer(const char *s, enum answer *out)
{
	for (size_t i = 0; i < COUNT_(answer_words); i++)
		if (strcmp(s, answer_words[i].word) == 0) {
			*out = answer_words[i].answer;
			return 0;
		}
	return -1;
}

/* A whole number lo..hi, all of s. */
static int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* yes / no / not sure; when allow_unsure is false "not sure" is refused.
 * empty_is_no: Enter alone means no. */
static bool ask_yes_no(struct asker *a, const char *question,
		       bool allow_unsure, bool empty_is_no, enum answer *out)
{
	char prompt[1024], problem[160];

	snprintf(prompt, sizeof prompt, "%s [%s%s]:", question,
		 empty_is_no ? "y/N" : "y/n", allow_unsure ? "/?" : "");
	for (;;) {
		if (!ask(a, prompt))
			return false;
		normalise(a->buf);
		if (a->buf[0] == '\0' && empty_is_no) {
			*out = ANS_NO;
			return true;
		}
		if (parse_answer(a->buf, out) == 0 &&
		    (allow_unsure || *out != ANS_UNSURE))
			return true;
		snprintf(problem, sizeof problem, "%s%.40s%s please answer %s",
			 a->buf[0] == '\0' ? "" : "\"", a->buf,
			 a->buf[0] == '\0' ? "an answer is needed:"
					    : "\" is not an answer:",
			 allow_unsure ? "y (yes), n (no) or ? (not sure)"
				      : "y (yes) or n (no)");
		hint(a, problem);
	}
}

/* A numbered menu of n labels; Enter picks dflt (or is refused when dflt
 * is negative). Names in names[] are accepted too. */
static bool ask_menu(struct asker *a, const char *question,
		     const char *const *labels, const char *const *names,
		     size_t n, int dflt, int *out)
{
	char prompt[128], problem[128];

	say(a, 0, question, false);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "  %zu) ", i + 1);
		term_wrap(&sb, a->width, sb.len, sb.len, labels[i]);
		fputs(sb.buf, a->out);
		strbuf_release(&sb);
	}
	if (dflt >= 0)
		snprintf(prompt, sizeof prompt, "Number [Enter: %d]:",
			 dflt + 1);
	else
		snprintf(prompt, sizeof prompt, "Number:");
	for (;;) {
		int v;

		if (!ask(a, prompt))
			return false;
		normalise(a->buf);
		if (a->buf[0] == '\0' && dflt >= 0) {
			*out = dflt;
			return true;
		}
		if (parse_int(a->buf, 1, (int)n, &v) == 0) {
			*out = v - 1;
			return true;
		}
		for (size_t i = 0; names != NULL && i < n; i++)
			if (names[i] != NULL && strcmp(a->buf, names[i]) == 0) {
				*out = (int)i;
				return true;
			}
		snprintf(problem, sizeof problem,
			 a->buf[0] == '\0'
				 ? "an answer is needed: type a number from 1 "
				   "to %zu"
				 : "that is not one of the choices: type a "
				   "number from 1 to %zu",
			 n);
		hint(a, problem);
	}
}

/* A score lo..hi or Enter to skip (*out = skip_value). */
static bool ask_score(struct asker *a, const char *question, int lo, int hi,
		      int skip_value, int *out)
{
	char prompt[256], problem[160];

	snprintf(prompt, sizeof prompt, "%s, %d-%d [Enter: skip]:", question,
		 lo, hi);
	for (;;) {
		if (!ask(a, prompt))
			return false;
		if (a->buf[0] == '\0') {
			*out = skip_value;
			return true;
		}
		if (parse_int(a->buf, lo, hi, out) == 0)
			return true;
		snprintf(problem, sizeof problem,
			 "\"%.40s\" is not a score: type a whole number from "
			 "%d to %d, or press Enter to skip",
			 a->buf, lo, hi);
		hint(a, problem);
	}
}

/* One yes / no / not sure question about symptom s, numbered; the answer
 * goes into in->symptoms (yes, not sure) or in->denied (no). */
static bool ask_symptom(struct asker *a, int s, int nth, int of,
			struct intake *in)
{
	const struct kb_symptom_text *t = kb_symptom(a->kb, s);
	const char *q = t != NULL && t->question != NULL
				? t->question
				: symptom_name((enum symptom)s);
	char numbered[512];
	enum answer ans;

	snprintf(numbered, sizeof numbered, "%d/%d  %s", nth, of, q);
	if (!ask_yes_no(a, numbered, true, false, &ans))
		return false;
	if (ans == ANS_UNSURE)
		hint(a, "not sure counts as yes: when in doubt, it is safer "
			"to have it checked");
	if (ans == ANS_NO)
		in->denied |= SYMPTOM_BIT(s);
	else
		in->symptoms |= SYMPTOM_BIT(s);
	return true;
}

/* The precise-spot shin-bone sign means something only for the shin. */
static bool red_flag_applies(int s, enum area area)
{
	return s != SYM_FOCAL_SHIN_PAIN || area == AREA_SHIN;
}

static bool ask_red_flags(struct asker *a, struct intake *in)
{
	int of = 0, nth = 0;

	for (int s = 0; s < SYMPTOM_RED_FLAG_COUNT; s++)
		of += red_flag_applies(s, in->area);
	fputc('\n', a->out);
	say(a, 0, "Warning signs first. Answer y (yes), n (no) or ? (not "
		  "sure).", false);
	for (int s = 0; s < SYMPTOM_RED_FLAG_COUNT; s++)
		if (red_flag_applies(s, in->area) &&
		    !ask_symptom(a, s, ++nth, of, in))
			return false;
	if (in->symptoms & SYMPTOM_RED_FLAG_MASK) {
		fputc('\n', a->out);
		say(a, 0, "That is a warning sign: the advice will be to get "
			  "it assessed before any massage, so there is "
			  "nothing more to ask.", false);
	}
	return true;
}

static bool ask_area(struct asker *a, struct intake *in)
{
	const char *names[AREA__COUNT];
	int v;

	for (int i = 0; i < AREA__COUNT; i++)
		names[i] = area_name((enum area)i);
	fputc('\n', a->out);
	if (!ask_menu(a, "Where is the pain?", area_label, names, AREA__COUNT,
		      -1, &v))
		return false;
	in->area = (enum area)v;
	return true;
}

/* Which side: left, right, both, or Enter to skip (no side). */
static bool ask_side(struct asker *a, struct intake *in)
{
	static const char *const labels[] = { "left", "right", "both",
					      "skip" };
	const char *names[COUNT_(labels)] = { NULL };
	int v;

	for (int i = 0; i < SIDE__COUNT; i++)
		names[i] = side_name((enum side)i);
	fputc('\n', a->out);
	if (!ask_menu(a, "Which side?", labels, names, COUNT_(labels),
		      SIDE__COUNT, &v))
		return false;
	if (v < SIDE__COUNT)
		in->side = (enum side)v;
	return true;
}

/* The questions asked one by one, so they are left out of the list. */
static bool asked_alone(int s)
{
	return s == SYM_STRIDE_CHANGE || s == SYM_WORSE_NEXT_MORNING ||
	       s == SYM_LIMP_AFTER;
}

/* The other symptoms as one numbered list: "1 4 7", or Enter for none. */
static bool ask_other_symptoms(struct asker *a, struct intake *in)
{
	int sym[SYMPTOM__COUNT], n = 0;
	char problem[128];

	for (int s = SYMPTOM_RED_FLAG_COUNT; s < SYMPTOM__COUNT; s++)
		if (!asked_alone(s))
			sym[n++] = s;
	fputc('\n', a->out);
	say(a, 0, "Which of these fit? Type their numbers (for example 1 3), "
		  "or press Enter for none.", false);
	for (int i = 0; i < n; i++) {
		const struct kb_symptom_text *t = kb_symptom(a->kb, sym[i]);
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "  %2d) ", i + 1);
		term_wrap(&sb, a->width, sb.len, sb.len,
			  t != NULL && t->label != NULL
				  ? t->label
				  : symptom_name((enum symptom)sym[i]));
		fputs(sb.buf, a->out);
		strbuf_release(&sb);
	}
	for (;;) {
		uint32_t picked = 0;
		bool ok = true;
		char *save = NULL;

		if (!ask(a, "Numbers:"))
			return false;
		for (char *tok = strtok_r(a->buf, " ,;\t", &save); tok != NULL;
		     tok = strtok_r(NULL, " ,;\t", &save)) {
			int v;

			if (parse_int(tok, 1, n, &v) < 0) {
				ok = false;
				snprintf(problem, sizeof problem,
					 "\"%.20s\" is not on the list: type "
					 "numbers from 1 to %d separated by "
					 "spaces, or Enter for none", tok, n);
				break;
			}
			picked |= SYMPTOM_BIT(sym[v - 1]);
		}
		if (ok) {
			in->symptoms |= picked;
			return true;
		}
		hint(a, problem);
	}
}

static bool ask_scores(struct asker *a, struct intake *in)
{
	fputc('\n', a->out);
	say(a, 0, "Pain from 0 (none) to 10 (worst imaginable).", false);
	return ask_score(a, "At rest", 0, 10, PAIN_UNSET, &in->pain_rest) &&
	       ask_score(a, "While running", 0, 10, PAIN_UNSET,
			 &in->pain_run) &&
	       ask_score(a, "First thing in the morning", 0, 10, PAIN_UNSET,
			 &in->pain_morning);
}

/* The run questions with a yes / no / not sure answer each. */
static bool ask_run_questions(struct asker *a, struct intake *in)
{
	static const int run_sym[] = { SYM_STRIDE_CHANGE,
				       SYM_WORSE_NEXT_MORNING,
				       SYM_LIMP_AFTER };

	fputc('\n', a->out);
	say(a, 0, "About your runs. Answer y (yes), n (no) or ? (not sure).",
	    false);
	for (size_t i = 0; i < COUNT_(run_sym); i++)
		if (!ask_symptom(a, run_sym[i], (int)i + 1,
				 (int)COUNT_(run_sym), in))
			return false;
	return true;
}

static bool ask_trend_goal(struct asker *a, struct intake *in)
{
	const char *labels[COUNT_(trend_menu) + 1];
	const char *names[COUNT_(trend_menu) + 1];
	const char *gnames[GOAL__COUNT];
	int v;

	for (size_t i = 0; i < COUNT_(trend_menu); i++) {
		labels[i] = trend_label[trend_menu[i]];
		names[i] = trend_name(trend_menu[i]);
	}
	labels[COUNT_(trend_menu)] = "skip (not sure)";
	names[COUNT_(trend_menu)] = NULL;
	fputc('\n', a->out);
	if (!ask_menu(a, "Compared with last week, it is:", labels, names,
		      COUNT_(labels), (int)COUNT_(trend_menu), &v))
		return false;
	in->has_trend = v < (int)COUNT_(trend_menu);
	if (in->has_trend)
		in->trend = trend_menu[v];
	for (int g = 0; g < GOAL__COUNT; g++)
		gnames[g] = goal_name((enum goal)g);
	fputc('\n', a->out);
	if (!ask_menu(a, "What do you want from a massage most?", goal_label,
		      gnames, GOAL__COUNT, GOAL_RELIEF, &v))
		return false;
	in->goal = (enum goal)v;
	return true;
}

static bool ask_last_massage(struct asker *a, struct intake *in)
{
	enum answer ans;
	int hours;

	fputc('\n', a->out);
	if (!ask_yes_no(a, "Have you had a massage for this pain recently?",
			false, true, &ans))
		return false;
	if (ans == ANS_NO)
		return true;
	in->has_last_massage = true;
	if (!ask_score(a, "How deep was it", 1, 10, 0, &in->last_pressure) ||
	    !ask_score(a, "For how many hours did it feel worse afterwards", 0,
		       1000, 0, &hours))
		return false;
	in->flare_hours = hours;
	if (!ask_yes_no(a, "Were you bruised or limping afterwards?", false,
			true, &ans))
		return false;
	in->bruised_or_limping = ans == ANS_YES;
	return true;
}

enum interactive_status interactive_intake(const struct kb *kb, int in_fd,
					   FILE *out, bool utf8,
					   struct intake *in)
{
	struct asker a = { .kb = kb, .out = out, .utf8 = utf8,
			   .width = term_width(fileno(out)) };
	bool done;

	intake_init(in);
	term_open(&a.term, in_fd, out);
	say(&a, 0, "runcare check: a few questions about one pain. Press "
		   "Ctrl-C or Ctrl-D at any time to stop.", false);
	done = ask_area(&a, in) && ask_red_flags(&a, in);
	if (done && (in->symptoms & SYMPTOM_RED_FLAG_MASK) == 0)
		done = ask_side(&a, in) && ask_scores(&a, in) &&
		       ask_run_questions(&a, in) &&
		       ask_other_symptoms(&a, in) && ask_trend_goal(&a, in) &&
		       ask_last_massage(&a, in);
	term_close(&a.term);
	if (done) {
		fputc('\n', out);
		fflush(out);
		return INTERACTIVE_DONE;
	}
	/* Leave the cursor at the start of a fresh line. */
	fputc('\n', out);
	fflush(out);
	return a.status == TERM_ERROR ? INTERACTIVE_ERROR
				      : INTERACTIVE_CANCELLED;
}
