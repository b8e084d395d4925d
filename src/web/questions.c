/*
 * questions.c - the symptom questions as form controls, written the same
 * way on the intake and in the journal's pain form.
 *
 * The warning signs and the three questions about the last run are asked
 * three ways (radios named q-ID, with no answer chosen in advance, so an
 * open question is never read as a no); every other symptom is a checkbox
 * named s. The question texts come from the knowledge base.
 */
#include <stdio.h>

#include "web/html.h"
#include "web/web.h"

const char *const web_side_words[SIDE__COUNT] = {
	[SIDE_LEFT] = "Left", [SIDE_RIGHT] = "Right", [SIDE_BOTH] = "Both",
};

bool web_asked_three_way(enum symptom s)
{
	return s < SYMPTOM_RED_FLAG_COUNT || s == SYM_STRIDE_CHANGE ||
	       s == SYM_WORSE_NEXT_MORNING || s == SYM_LIMP_AFTER;
}

void web_checkbox(struct strbuf *sb, const char *name, const char *value,
		  const char *id, bool checked, const char *words)
{
	strbuf_addf(sb, "<div class=\"check\"><input type=\"checkbox\" "
		    "id=\"%s\" name=\"%s\" value=\"%s\"%s><label for=\"%s\">",
		    id, name, value, checked ? " checked" : "", id);
	html_text(sb, words);
	strbuf_addstr(sb, "</label></div>");
}

void web_question(struct strbuf *sb, const struct kb *kb, enum symptom s,
		  const struct web_answers *a, int given, bool required,
		  const char *error)
{
	const char *name = symptom_name(s);

	strbuf_addf(sb, "<fieldset class=\"q3\" id=\"q-%s\"", name);
	if (error != NULL)
		strbuf_addf(sb, " aria-invalid=\"true\" aria-describedby="
			    "\"err-q-%s\"", name);
	strbuf_addstr(sb, "><legend>");
	html_text(sb, kb_symptom(kb, s)->question);
	if (s == SYM_FOCAL_SHIN_PAIN)
		strbuf_addstr(sb, " (only for shin pain)");
	strbuf_addstr(sb, "</legend>");
	if (error != NULL) {
		strbuf_addf(sb, "<p class=\"field-error\" id=\"err-q-%s\">",
			    name);
		html_text(sb, error);
		strbuf_addstr(sb, "</p>");
	}
	strbuf_addstr(sb, "<div class=\"row\">");
	for (int i = 0; i < 3; i++)
		strbuf_addf(sb, "<div class=\"check\"><input type=\"radio\" "
			    "id=\"q-%s-%s\" name=\"q-%s\" value=\"%s\"%s%s>"
			    "<label for=\"q-%s-%s\">%s</label></div>", name,
			    a->value[i], name, a->value[i],
			    given == i ? " checked" : "",
			    i == 0 && required ? " required" : "", name,
			    a->value[i], a->words[i]);
	strbuf_addstr(sb, "</div></fieldset>");
}
