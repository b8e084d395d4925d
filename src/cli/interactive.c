/*
 * interactive.c - runcare check's questions on a terminal (see
 * interactive.h).
 *
 * Each question is a small function built on one loop: print the
 * question, read a line, parse it with a table, and on an answer it cannot
 * read print a hint and ask again. Ctrl-C or Ctrl-D at any question ends
 * the whole run (the caller prints "cancelled"). The questions of the red
 * flags come from the knowledge base; the menus' labels are ours.
 */
#include "cli/interactive.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli/term.h"

#define ANSWER_MAX 256

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
	char buf[ANSWER_MAX];
};

/* Read one answer; false when the person stopped (status says how). */
static bool ask(struct asker *a, const char *prompt)
{
	a->status = term_ask(&a->term, prompt, a->buf, sizeof a->buf);
	return a->status == TERM_OK;
}

static void hint(struct asker *a, const char *text)
{
	fprintf(a->out, "  %s %s\n", a->utf8 ? "\u2192" : "->", text);
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
	char prompt[1024];

	snprintf(prompt, sizeof prompt, "%s [%s%s]: ", question,
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
		hint(a, allow_unsure
				? "please answer y (yes), n (no) or ? (not sure)"
				: "please answer y (yes) or n (no)");
	}
}

/* A numbered menu of n labels; Enter picks dflt (or is refused when dflt
 * is negative). Names in names[] are accepted too. */
static bool ask_menu(struct asker *a, const char *question,
		     const char *const *labels, const char *const *names,
		     size_t n, int dflt, int *out)
{
	char prompt[128];

	fprintf(a->out, "%s\n", question);
	for (size_t i = 0; i < n; i++)
		fprintf(a->out, "  %zu) %s\n", i + 1, labels[i]);
	if (dflt >= 0)
		snprintf(prompt, sizeof prompt, "Number [Enter: %d]: ",
			 dflt + 1);
	else
		snprintf(prompt, sizeof prompt, "Number: ");
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
			if (strcmp(a->buf, names[i]) == 0) {
				*out = (int)i;
				return true;
			}
		fprintf(a->out, "  %s type a number from 1 to %zu\n",
			a->utf8 ? "\u2192" : "->", n);
	}
}

/* A score lo..hi or Enter to skip (*out = skip_value). */
static bool ask_score(struct asker *a, const char *question, int lo, int hi,
		      int skip_value, int *out)
{
	char prompt[256];

	snprintf(prompt, sizeof prompt, "%s, %d-%d [Enter: skip]: ", question,
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
		fprintf(a->out, "  %s type a whole number from %d to %d, or "
			"press Enter to skip\n", a->utf8 ? "\u2192" : "->", lo,
			hi);
	}
}

static bool ask_red_flags(struct asker *a, struct intake *in)
{
	fputs("\nFirst, warning signs. Answer y (yes), n (no) or ? (not sure)."
	      "\n", a->out);
	for (int s = 0; s < SYMPTOM_RED_FLAG_COUNT; s++) {
		const struct kb_symptom_text *t = kb_symptom(a->kb, s);
		const char *q = t != NULL && t->question != NULL
					? t->question
					: symptom_name((enum symptom)s);
		char numbered[512];
		enum answer ans;

		snprintf(numbered, sizeof numbered, "%d/%d  %s", s + 1,
			 SYMPTOM_RED_FLAG_COUNT, q);
		if (!ask_yes_no(a, numbered, true, false, &ans))
			return false;
		if (ans == ANS_UNSURE)
			hint(a, "not sure counts as yes: when in doubt, it is "
				"safer to have it checked");
		if (ans != ANS_NO)
			in->symptoms |= SYMPTOM_BIT(s);
	}
	if (in->symptoms & SYMPTOM_RED_FLAG_MASK)
		fputs("\nThat is a warning sign: the advice will be to get it "
		      "assessed before any\nmassage. One more question.\n",
		      a->out);
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

/* The other symptoms as one numbered list: "1 4 7", or Enter for none. */
static bool ask_other_symptoms(struct asker *a, struct intake *in)
{
	const int first = SYMPTOM_RED_FLAG_COUNT;
	const int n = SYMPTOM__COUNT - first;

	fputs("\nWhich of these fit? Type their numbers (for example 1 3), or "
	      "press Enter for none.\n", a->out);
	for (int i = 0; i < n; i++) {
		const struct kb_symptom_text *t = kb_symptom(a->kb, first + i);

		fprintf(a->out, "  %2d) %s\n", i + 1,
			t != NULL && t->label != NULL
				? t->label
				: symptom_name((enum symptom)(first + i)));
	}
	for (;;) {
		uint32_t picked = 0;
		bool ok = true;
		char *save = NULL;

		if (!ask(a, "Numbers: "))
			return false;
		for (char *tok = strtok_r(a->buf, " ,;\t", &save); tok != NULL;
		     tok = strtok_r(NULL, " ,;\t", &save)) {
			int v;

			if (parse_int(tok, 1, n, &v) < 0) {
				ok = false;
				break;
			}
			picked |= SYMPTOM_BIT(first + v - 1);
		}
		if (ok) {
			in->symptoms |= picked;
			return true;
		}
		fprintf(a->out, "  %s numbers from 1 to %d separated by "
			"spaces, or Enter for none\n",
			a->utf8 ? "\u2192" : "->", n);
	}
}

static bool ask_scores(struct asker *a, struct intake *in)
{
	fputs("\nPain from 0 (none) to 10 (worst imaginable).\n", a->out);
	return ask_score(a, "At rest", 0, 10, PAIN_UNSET, &in->pain_rest) &&
	       ask_score(a, "While running", 0, 10, PAIN_UNSET,
			 &in->pain_run) &&
	       ask_score(a, "First thing in the morning", 0, 10, PAIN_UNSET,
			 &in->pain_morning);
}

static bool ask_trend_goal(struct asker *a, struct intake *in)
{
	const char *labels[COUNT_(trend_menu)], *names[COUNT_(trend_menu)];
	const char *gnames[GOAL__COUNT];
	int v;

	for (size_t i = 0; i < COUNT_(trend_menu); i++) {
		labels[i] = trend_label[trend_menu[i]];
		names[i] = trend_name(trend_menu[i]);
	}
	fputc('\n', a->out);
	if (!ask_menu(a, "Compared with last week, it is:", labels, names,
		      COUNT_(trend_menu), 1, &v))
		return false;
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
	struct asker a = { .kb = kb, .out = out, .utf8 = utf8 };
	bool done;

	intake_init(in);
	term_open(&a.term, in_fd, out);
	fputs("runcare check: a few questions about one pain.\n"
	      "Press Ctrl-C or Ctrl-D at any time to stop.\n", out);
	done = ask_red_flags(&a, in) && ask_area(&a, in);
	if (done && (in->symptoms & SYMPTOM_RED_FLAG_MASK) == 0)
		done = ask_other_symptoms(&a, in) && ask_scores(&a, in) &&
		       ask_trend_goal(&a, in) && ask_last_massage(&a, in);
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
