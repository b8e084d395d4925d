/*
 * test_intake.c - reading intakes from JSON and checking hand-filled ones.
 *
 * Each case is JSON text and either the intake it must give (written in a
 * compact form, see show()) or the exact message it must fail with.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/strbuf.h"
#include "engine/engine.h"
#include "json_text.h"

/*
 * "<area> [<symptoms in enum order>] pain=<rest>/<run>/<morning>
 * <trend> <goal> last=<pressure>,<flare_hours>,<bruised>" with "-" for an
 * unset score and "last=-" when there was no last massage.
 */
static void show(struct strbuf *sb, const struct intake *in)
{
	const int pain[3] = { in->pain_rest, in->pain_run, in->pain_morning };

	strbuf_reset(sb);
	strbuf_addf(sb, "%s [", area_name(in->area));
	for (int s = 0, n = 0; s < SYMPTOM__COUNT; s++)
		if (in->symptoms & SYMPTOM_BIT(s))
			strbuf_addf(sb, "%s%s", n++ ? " " : "",
				    symptom_name((enum symptom)s));
	strbuf_addstr(sb, "] pain=");
	for (int i = 0; i < 3; i++) {
		if (i)
			strbuf_addch(sb, '/');
		if (pain[i] == PAIN_UNSET)
			strbuf_addch(sb, '-');
		else
			strbuf_addint(sb, pain[i]);
	}
	strbuf_addf(sb, " %s %s last=", trend_name(in->trend),
		    goal_name(in->goal));
	if (in->has_last_massage)
		strbuf_addf(sb, "%d,%g,%s", in->last_pressure, in->flare_hours,
			    in->bruised_or_limping ? "true" : "false");
	else
		strbuf_addch(sb, '-');
}

struct parse_case {
	const char *json;
	const char *want;	/* show() of the result, or the message */
	bool ok;
};

#define OK_(json, want) { json, want, true }
#define BAD_(json, msg) { json, msg, false }

static const struct parse_case parse_cases[] = {
	/* Defaults and every field. */
	OK_("{\"area\":\"heel\"}",
	    "heel [] pain=-/-/- same relief last=-"),
	OK_("{\"area\": \"heel\", \"symptoms\": [\"tight\", "
	    "\"improves_with_warmup\"], \"pain\": {\"rest\": 1, \"run\": 2, "
	    "\"morning\": 3}, \"trend\": \"same\"}",
	    "heel [tight improves_with_warmup] pain=1/2/3 same relief last=-"),
	OK_("{\"area\":\"knee\",\"trend\":\"worse\",\"goal\":\"recovery\"}",
	    "knee [] pain=-/-/- worse recovery last=-"),
	OK_("{\"goal\":\"mobility\",\"trend\":\"better\",\"area\":\"shin\"}",
	    "shin [] pain=-/-/- better mobility last=-"),
	OK_("{\"area\":\"achilles\"}",
	    "achilles [] pain=-/-/- same relief last=-"),
	OK_("{\"area\":\"hip\"}", "hip [] pain=-/-/- same relief last=-"),
	OK_("{\"area\":\"other\"}", "other [] pain=-/-/- same relief last=-"),
	OK_("{\"area\":\"hip\",\"symptoms\":[\"pinpoint_bone_pain\","
	    "\"night_pain\",\"swelling_heat_redness\",\"nerve_symptoms\","
	    "\"sudden_injury\",\"loss_of_function\",\"focal_shin_pain\"]}",
	    "hip [pinpoint_bone_pain night_pain swelling_heat_redness "
	    "nerve_symptoms sudden_injury loss_of_function focal_shin_pain] "
	    "pain=-/-/- same relief last=-"),
	OK_("{\"area\":\"hip\",\"symptoms\":[\"limp_after\",\"tight\","
	    "\"improves_with_warmup\",\"load_pattern\",\"tendon_flare\","
	    "\"sharp_morning_pain\",\"trigger_points\","
	    "\"post_training_soreness\",\"stress_poor_sleep\","
	    "\"hip_blocked\",\"stride_change\",\"worse_next_morning\"]}",
	    "hip [tight improves_with_warmup load_pattern tendon_flare "
	    "sharp_morning_pain trigger_points post_training_soreness "
	    "stress_poor_sleep hip_blocked stride_change worse_next_morning "
	    "limp_after] pain=-/-/- same relief last=-"),
	/* Symptoms may repeat. */
	OK_("{\"area\":\"heel\",\"symptoms\":[\"tight\",\"tight\"]}",
	    "heel [tight] pain=-/-/- same relief last=-"),
	OK_("{\"area\":\"heel\",\"symptoms\":[]}",
	    "heel [] pain=-/-/- same relief last=-"),
	/* Scores: the whole range, and whole numbers however written. */
	OK_("{\"area\":\"heel\",\"pain\":{\"rest\":0,\"run\":10}}",
	    "heel [] pain=0/10/- same relief last=-"),
	OK_("{\"area\":\"heel\",\"pain\":{\"morning\":4.0,\"run\":5e0,"
	    "\"rest\":-0}}",
	    "heel [] pain=0/5/4 same relief last=-"),
	OK_("{\"area\":\"heel\",\"pain\":{}}",
	    "heel [] pain=-/-/- same relief last=-"),
	/* null means "not given". */
	OK_("{\"area\":\"heel\",\"symptoms\":null,\"pain\":null,\"trend\":null,"
	    "\"goal\":null,\"last_massage\":null}",
	    "heel [] pain=-/-/- same relief last=-"),
	OK_("{\"area\":\"heel\",\"pain\":{\"rest\":null,\"run\":3,"
	    "\"morning\":null}}",
	    "heel [] pain=-/3/- same relief last=-"),
	/* Last massage. */
	OK_("{\"area\":\"heel\",\"last_massage\":{\"pressure\":8,"
	    "\"flare_hours\":36,\"bruised_or_limping\":true}}",
	    "heel [] pain=-/-/- same relief last=8,36,true"),
	OK_("{\"area\":\"heel\",\"last_massage\":{}}",
	    "heel [] pain=-/-/- same relief last=0,0,false"),
	OK_("{\"area\":\"heel\",\"last_massage\":{\"flare_hours\":0.5}}",
	    "heel [] pain=-/-/- same relief last=0,0.5,false"),
	OK_("{\"area\":\"heel\",\"last_massage\":{\"pressure\":null,"
	    "\"flare_hours\":null,\"bruised_or_limping\":null}}",
	    "heel [] pain=-/-/- same relief last=0,0,false"),
	OK_("{\"area\":\"heel\",\"last_massage\":{\"pressure\":1,"
	    "\"flare_hours\":-0,\"bruised_or_limping\":false}}",
	    "heel [] pain=-/-/- same relief last=1,0,false"),
	OK_("{\"area\":\"heel\",\"last_massage\":{\"pressure\":10,"
	    "\"flare_hours\":1e5}}",
	    "heel [] pain=-/-/- same relief last=10,100000,false"),
	OK_(" \n{ \"area\" : \"heel\" }\n ",
	    "heel [] pain=-/-/- same relief last=-"),

	/* Malformed JSON keeps the parser's position. */
	BAD_("", "line 1, column 1: expected a value, got end of input"),
	BAD_("{\"area\":\"heel\",}",
	     "line 1, column 16: expected a string key, got '}'"),
	BAD_("{\"area\":\n \"heel\"", "line 2, column 8: expected ',' or '}', "
				       "got end of input"),
	BAD_("{\"area\":\"he\xffl\"}", "line 1, column 12: expected valid "
				       "UTF-8 in string, got byte 0xff"),
	/* The top level. */
	BAD_("[]", "intake: expected an object, got array"),
	BAD_("\"heel\"", "intake: expected an object, got \"heel\""),
	BAD_("null", "intake: expected an object, got null"),
	BAD_("7", "intake: expected an object, got 7"),
	BAD_("{}", "area: missing (required)"),
	BAD_("{\"area\":null}", "area: missing (required)"),
	BAD_("{\"symptoms\":[\"tight\"]}", "area: missing (required)"),
	/* Unknown and repeated fields. */
	BAD_("{\"area\":\"heel\",\"foo\":1}", "foo: unknown field"),
	BAD_("{\"foo\":1,\"area\":\"heel\"}", "foo: unknown field"),
	BAD_("{\"area\":\"heel\",\"Area\":\"knee\"}", "Area: unknown field"),
	BAD_("{\"area\":\"heel\",\"symptom\":[\"night_pain\"]}",
	     "symptom: unknown field"),
	BAD_("{\"area\":\"heel\",\"a b\":1}", "\"a b\": unknown field"),
	BAD_("{\"area\":\"heel\",\"\":1}", "\"\": unknown field"),
	BAD_("{\"area\":\"heel\",\"x\\n\\\"y\":1}",
	     "\"x\\u000a\\\"y\": unknown field"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"foo\":1}}",
	     "pain.foo: unknown field"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"walk\":1}}",
	     "pain.walk: unknown field"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"foo\":1}}",
	     "last_massage.foo: unknown field"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"area\":\"knee\"}}",
	     "last_massage.area: unknown field"),
	BAD_("{\"area\":\"heel\",\"area\":\"heel\"}", "area: given twice"),
	BAD_("{\"area\":\"heel\",\"area\":null}", "area: given twice"),
	BAD_("{\"area\":\"heel\",\"symptoms\":[],\"symptoms\":"
	     "[\"night_pain\"]}", "symptoms: given twice"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":1,\"run\":9}}",
	     "pain.run: given twice"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"pressure\":1,"
	     "\"pressure\":2}}", "last_massage.pressure: given twice"),
	BAD_("{\"area\":\"heel\",\"pain\":{},\"pain\":{}}",
	     "pain: given twice"),
	/* area, trend, goal. */
	BAD_("{\"area\":\"foot\"}", "area: unknown area \"foot\" (achilles, "
				    "heel, hip, knee, other, shin)"),
	BAD_("{\"area\":\"Heel\"}", "area: unknown area \"Heel\" (achilles, "
				    "heel, hip, knee, other, shin)"),
	BAD_("{\"area\":\"\"}", "area: unknown area \"\" (achilles, heel, "
				"hip, knee, other, shin)"),
	BAD_("{\"area\":\"heel\\u0000\"}", "area: unknown area "
	     "\"heel\\u0000\" (achilles, heel, hip, knee, other, shin)"),
	BAD_("{\"area\":3}", "area: expected a string, got 3"),
	BAD_("{\"area\":[\"heel\"]}", "area: expected a string, got array"),
	BAD_("{\"area\":\"heel\",\"trend\":\"up\"}",
	     "trend: unknown trend \"up\" (better, same, worse)"),
	BAD_("{\"area\":\"heel\",\"trend\":true}",
	     "trend: expected a string, got true"),
	BAD_("{\"area\":\"heel\",\"goal\":\"speed\"}",
	     "goal: unknown goal \"speed\" (mobility, recovery, relief)"),
	BAD_("{\"area\":\"heel\",\"goal\":{}}",
	     "goal: expected a string, got object"),
	/* Symptoms. */
	BAD_("{\"area\":\"heel\",\"symptoms\":[\"tight\",\"night_pain\","
	     "\"tite\"]}", "symptoms[2]: unknown symptom \"tite\""),
	BAD_("{\"area\":\"heel\",\"symptoms\":[\"Tight\"]}",
	     "symptoms[0]: unknown symptom \"Tight\""),
	BAD_("{\"area\":\"heel\",\"symptoms\":[\"tight\",3]}",
	     "symptoms[1]: expected a symptom name, got 3"),
	BAD_("{\"area\":\"heel\",\"symptoms\":[null]}",
	     "symptoms[0]: expected a symptom name, got null"),
	BAD_("{\"area\":\"heel\",\"symptoms\":\"tight\"}",
	     "symptoms: expected an array of symptom names, got \"tight\""),
	BAD_("{\"area\":\"heel\",\"symptoms\":{}}",
	     "symptoms: expected an array of symptom names, got object"),
	BAD_("{\"area\":\"heel\",\"symptoms\":[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	     "aaaaaaaaaaaaaaaaaaaaaaaaa\"]}",
	     "symptoms[0]: unknown symptom \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	     "aaaaaaaaa...\""),
	BAD_("{\"area\":\"heel\",\"symptoms\":[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	     "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	     "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	     "\xa9\xc3\xa9\"]}",
	     "symptoms[0]: unknown symptom \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	     "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	     "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	     "...\""),
	/* Pain. */
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":11}}",
	     "pain.run: expected a whole number from 0 to 10, got 11"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"rest\":3.5}}",
	     "pain.rest: expected a whole number from 0 to 10, got 3.5"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"morning\":-1}}",
	     "pain.morning: expected a whole number from 0 to 10, got -1"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":10.000001}}",
	     "pain.run: expected a whole number from 0 to 10, got 10.000001"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":0.1}}",
	     "pain.run: expected a whole number from 0 to 10, got 0.1"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":1e300}}",
	     "pain.run: expected a whole number from 0 to 10, got 1e+300"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":\"3\"}}",
	     "pain.run: expected a whole number from 0 to 10, got \"3\""),
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":true}}",
	     "pain.run: expected a whole number from 0 to 10, got true"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":false}}",
	     "pain.run: expected a whole number from 0 to 10, got false"),
	BAD_("{\"area\":\"heel\",\"pain\":{\"run\":[3]}}",
	     "pain.run: expected a whole number from 0 to 10, got array"),
	BAD_("{\"area\":\"heel\",\"pain\":5}",
	     "pain: expected an object, got 5"),
	BAD_("{\"area\":\"heel\",\"pain\":[1,2,3]}",
	     "pain: expected an object, got array"),
	/* Last massage. */
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"pressure\":0}}",
	     "last_massage.pressure: expected a whole number from 1 to 10, "
	     "got 0"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"pressure\":11}}",
	     "last_massage.pressure: expected a whole number from 1 to 10, "
	     "got 11"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"pressure\":6.5}}",
	     "last_massage.pressure: expected a whole number from 1 to 10, "
	     "got 6.5"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"flare_hours\":-1}}",
	     "last_massage.flare_hours: expected a number of hours >= 0, "
	     "got -1"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"flare_hours\":\"12\"}}",
	     "last_massage.flare_hours: expected a number of hours >= 0, "
	     "got \"12\""),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"flare_hours\":-1e-300}}",
	     "last_massage.flare_hours: expected a number of hours >= 0, "
	     "got -1e-300"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"bruised_or_limping\":1}}",
	     "last_massage.bruised_or_limping: expected true or false, got 1"),
	BAD_("{\"area\":\"heel\",\"last_massage\":{\"bruised_or_limping\":"
	     "\"yes\"}}", "last_massage.bruised_or_limping: expected true or "
			  "false, got \"yes\""),
	BAD_("{\"area\":\"heel\",\"last_massage\":true}",
	     "last_massage: expected an object, got true"),
	BAD_("{\"area\":\"heel\",\"last_massage\":[]}",
	     "last_massage: expected an object, got array"),
	/* The first problem in input order is the one reported. */
	BAD_("{\"trend\":\"up\",\"goal\":\"x\"}",
	     "trend: unknown trend \"up\" (better, same, worse)"),
	BAD_("{\"pain\":{\"run\":11},\"foo\":1}",
	     "pain.run: expected a whole number from 0 to 10, got 11"),
};

static void test_parse(void **state)
{
	struct json_doc doc;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	json_doc_init(&doc);
	for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0];
	     i++) {
		const struct parse_case *c = &parse_cases[i];
		struct intake in, before;
		struct err e;
		int rc;

		/* A failed parse must leave the struct as it was. */
		intake_init(&in);
		in.area = AREA_KNEE;
		in.pain_run = 9;
		before = in;
		err_clear(&e);
		rc = intake_parse_json(&in, c->json, strlen(c->json), &doc, &e);
		if (c->ok) {
			if (rc != 0)
				fail_msg("case %zu (%s): %s", i, c->json,
					 e.msg);
			show(&sb, &in);
			if (strcmp(sb.buf, c->want) != 0)
				fail_msg("case %zu:\n got  %s\n want %s", i,
					 sb.buf, c->want);
			if (intake_validate(&in, &e) != 0)
				fail_msg("case %zu: parsed but invalid: %s", i,
					 e.msg);
		} else {
			if (rc != -1)
				fail_msg("case %zu (%s): parsed", i, c->json);
			assert_int_equal(e.code, ERR_DATA);
			if (strcmp(e.msg, c->want) != 0)
				fail_msg("case %zu:\n got  %s\n want %s", i,
					 e.msg, c->want);
			assert_memory_equal(&in, &before, sizeof in);
		}
	}
	strbuf_release(&sb);
	json_doc_release(&doc);
}

/* Without a scratch doc the parser uses (and frees) its own. */
static void test_no_scratch(void **state)
{
	static const char ok[] = "{\"area\":\"shin\",\"pain\":{\"run\":4}}";
	struct intake in;
	struct err e;

	(void)state;
	assert_int_equal(intake_parse_json(&in, ok, strlen(ok), NULL, &e), 0);
	assert_int_equal(in.area, AREA_SHIN);
	assert_int_equal(in.pain_run, 4);
	assert_int_equal(intake_parse_json(&in, "{", 1, NULL, &e), -1);
	assert_string_equal(e.msg, "line 1, column 2: expected a string key, "
				   "got end of input");
}

/* Input longer than INTAKE_MAX_BYTES is refused, naming the limit. */
static void test_size_limit(void **state)
{
	static const char head[] = "{\"area\":\"heel\"}";
	struct json_doc doc;
	struct intake in;
	struct err e;
	char *text = malloc(INTAKE_MAX_BYTES + 2);
	char want[80];

	(void)state;
	assert_non_null(text);
	memset(text, ' ', INTAKE_MAX_BYTES + 1);
	memcpy(text, head, strlen(head));
	json_doc_init(&doc);
	assert_int_equal(intake_parse_json(&in, text, INTAKE_MAX_BYTES, &doc,
					   &e), 0);
	assert_int_equal(intake_parse_json(&in, text, INTAKE_MAX_BYTES + 1,
					   &doc, &e), -1);
	assert_int_equal(e.code, ERR_DATA);
	snprintf(want, sizeof want,
		 "intake: larger than the limit of %d bytes", INTAKE_MAX_BYTES);
	assert_string_equal(e.msg, want);
	json_doc_release(&doc);
	free(text);
}

/* Deep nesting in an intake stops at the parser's limit, cleanly. */
static void test_deep(void **state)
{
	char text[256];
	struct intake in;
	struct err e;
	int n;

	(void)state;
	n = snprintf(text, sizeof text, "{\"area\":\"heel\",\"x\":");
	for (int i = 0; i < 40; i++)
		text[n++] = '[';
	text[n] = '\0';
	assert_int_equal(intake_parse_json(&in, text, (size_t)n, NULL, &e),
			 -1);
	assert_string_equal(e.msg, "line 1, column 35: nesting deeper than "
				   "16 levels");
}

/* Every intake of the specification's worked cases is accepted. */
static void test_spec_examples(void **state)
{
	FILE *f = fopen(TEST_DATA_DIR "/spec_examples.jsonl", "r");
	struct json_doc lines, scratch;
	struct strbuf sb = STRBUF_INIT;
	char line[8192];
	size_t n = 0;

	(void)state;
	assert_non_null(f);
	json_doc_init(&lines);
	json_doc_init(&scratch);
	while (fgets(line, sizeof line, f) != NULL) {
		const struct json_value *intake;
		struct intake in;
		struct err e;

		if (json_parse(&lines, line, strlen(line), NULL, &e) != 0)
			fail_msg("spec example %zu: %s", n + 1, e.msg);
		intake = json_object_get(lines.root, "intake");
		assert_non_null(intake);
		strbuf_reset(&sb);
		json_text(&sb, intake);
		if (intake_parse_json(&in, sb.buf, sb.len, &scratch, &e) != 0)
			fail_msg("spec example %zu: %s", n + 1, e.msg);
		assert_int_equal(intake_validate(&in, &e), 0);
		n++;
	}
	fclose(f);
	assert_true(n >= 8);
	strbuf_release(&sb);
	json_doc_release(&lines);
	json_doc_release(&scratch);
}

/* ---- intake_validate ---- */

enum set_field { SET_NONE, SET_AREA, SET_SYMPTOMS, SET_REST, SET_RUN,
		 SET_MORNING, SET_TREND, SET_GOAL, SET_LAST, SET_PRESSURE,
		 SET_FLARE };

struct validate_case {
	enum set_field field;
	double value;
	bool has_last;
	const char *msg;	/* NULL: valid */
};

static const struct validate_case validate_cases[] = {
	{ SET_NONE, 0, false, NULL },
	{ SET_AREA, AREA_HIP, false, NULL },
	{ SET_AREA, AREA__COUNT, false, "area: unknown area 6 (achilles, "
					"heel, hip, knee, other, shin)" },
	{ SET_AREA, -1, false, "area: unknown area 4294967295 (achilles, "
			       "heel, hip, knee, other, shin)" },
	{ SET_SYMPTOMS, (1u << SYMPTOM__COUNT) - 1, false, NULL },
	{ SET_SYMPTOMS, 1u << SYMPTOM__COUNT, false,
	  "symptoms: unknown symptom 19" },
	{ SET_SYMPTOMS, 2147483648.0 + 1, false,
	  "symptoms: unknown symptom 31" },
	{ SET_REST, PAIN_UNSET, false, NULL },
	{ SET_REST, 0, false, NULL },
	{ SET_REST, 10, false, NULL },
	{ SET_REST, 11, false,
	  "pain.rest: expected a whole number from 0 to 10, got 11" },
	{ SET_RUN, -2, false,
	  "pain.run: expected a whole number from 0 to 10, got -2" },
	{ SET_MORNING, 99, false,
	  "pain.morning: expected a whole number from 0 to 10, got 99" },
	{ SET_TREND, TREND_WORSE, false, NULL },
	{ SET_TREND, TREND__COUNT, false,
	  "trend: unknown trend 3 (better, same, worse)" },
	{ SET_GOAL, GOAL_MOBILITY, false, NULL },
	{ SET_GOAL, 7, false,
	  "goal: unknown goal 7 (mobility, recovery, relief)" },
	/* Last-massage fields count only when there was one. */
	{ SET_PRESSURE, 0, true, NULL },
	{ SET_PRESSURE, 1, true, NULL },
	{ SET_PRESSURE, 10, true, NULL },
	{ SET_PRESSURE, 11, false, NULL },
	{ SET_PRESSURE, 11, true, "last_massage.pressure: expected a whole "
				  "number from 1 to 10, got 11" },
	{ SET_PRESSURE, -1, true, "last_massage.pressure: expected a whole "
				  "number from 1 to 10, got -1" },
	{ SET_FLARE, 0, true, NULL },
	{ SET_FLARE, 72.5, true, NULL },
	{ SET_FLARE, -1, false, NULL },
	{ SET_FLARE, -1, true, "last_massage.flare_hours: expected a number "
			       "of hours >= 0, got -1" },
	{ SET_FLARE, NAN, true, "last_massage.flare_hours: expected a number "
				"of hours >= 0, got nan" },
	{ SET_FLARE, INFINITY, true, "last_massage.flare_hours: expected a "
				     "number of hours >= 0, got inf" },
};

static void test_validate(void **state)
{
	(void)state;
	for (size_t i = 0;
	     i < sizeof validate_cases / sizeof validate_cases[0]; i++) {
		const struct validate_case *c = &validate_cases[i];
		struct intake in;
		struct err e;
		int rc;

		intake_init(&in);
		in.has_last_massage = c->has_last;
		switch (c->field) {
		case SET_NONE: break;
		case SET_AREA: in.area = (enum area)(int)c->value; break;
		case SET_SYMPTOMS: in.symptoms = (uint32_t)c->value; break;
		case SET_REST: in.pain_rest = (int)c->value; break;
		case SET_RUN: in.pain_run = (int)c->value; break;
		case SET_MORNING: in.pain_morning = (int)c->value; break;
		case SET_TREND: in.trend = (enum trend)(int)c->value; break;
		case SET_GOAL: in.goal = (enum goal)(int)c->value; break;
		case SET_LAST: break;
		case SET_PRESSURE: in.last_pressure = (int)c->value; break;
		case SET_FLARE: in.flare_hours = c->value; break;
		}
		err_clear(&e);
		rc = intake_validate(&in, &e);
		if (c->msg == NULL) {
			if (rc != 0)
				fail_msg("case %zu: %s", i, e.msg);
		} else {
			if (rc != -1)
				fail_msg("case %zu: accepted", i);
			assert_int_equal(e.code, ERR_DATA);
			if (strcmp(e.msg, c->msg) != 0)
				fail_msg("case %zu:\n got  %s\n want %s", i,
					 e.msg, c->msg);
		}
	}
}

/* The defaults of the contract. */
static void test_init(void **state)
{
	struct intake in;
	struct strbuf sb = STRBUF_INIT;
	struct err e;

	(void)state;
	memset(&in, 0x5a, sizeof in);
	intake_init(&in);
	show(&sb, &in);
	assert_string_equal(sb.buf, "other [] pain=-/-/- same relief last=-");
	assert_int_equal(in.last_pressure, 0);
	assert_true(in.flare_hours == 0);
	assert_false(in.bruised_or_limping);
	assert_int_equal(intake_validate(&in, &e), 0);
	strbuf_release(&sb);
}

/* Contract v2: denied answers, the side, and whether a trend was given. */
struct v2_case {
	const char *json;
	const char *msg;	/* NULL: valid */
	uint32_t symptoms, denied;
	bool has_trend;
	enum side side;
};

static const struct v2_case v2_cases[] = {
	{ "{\"area\":\"heel\",\"denied\":[\"night_pain\",\"limp_after\","
	  "\"night_pain\"]}", NULL, 0,
	  SYMPTOM_BIT(SYM_NIGHT_PAIN) | SYMPTOM_BIT(SYM_LIMP_AFTER), false,
	  SIDE__COUNT },
	{ "{\"area\":\"heel\",\"denied\":[],\"trend\":\"same\"}", NULL, 0, 0,
	  true, SIDE__COUNT },
	{ "{\"area\":\"heel\",\"trend\":null}", NULL, 0, 0, false,
	  SIDE__COUNT },
	{ "{\"area\":\"knee\",\"side\":\"left\"}", NULL, 0, 0, false,
	  SIDE_LEFT },
	{ "{\"area\":\"knee\",\"side\":\"both\",\"symptoms\":[\"tight\"],"
	  "\"denied\":[\"stride_change\"]}", NULL, SYMPTOM_BIT(SYM_TIGHT),
	  SYMPTOM_BIT(SYM_STRIDE_CHANGE), false, SIDE_BOTH },
	{ "{\"area\":\"knee\",\"side\":\"middle\"}",
	  "side: unknown side \"middle\" (both, left, right)" },
	{ "{\"area\":\"knee\",\"denied\":[\"tite\"]}",
	  "denied[0]: unknown symptom \"tite\"" },
	{ "{\"area\":\"knee\",\"denied\":\"tight\"}",
	  "denied: expected an array of symptom names, got \"tight\"" },
	{ "{\"area\":\"knee\",\"symptoms\":[\"tight\",\"limp_after\"],"
	  "\"denied\":[\"night_pain\",\"limp_after\"]}",
	  "denied[1]: \"limp_after\" is also in symptoms; a symptom is "
	  "either reported or denied" },
	/* The order of the fields does not matter. */
	{ "{\"denied\":[\"night_pain\"],\"area\":\"knee\","
	  "\"symptoms\":[\"night_pain\"]}",
	  "denied[0]: \"night_pain\" is also in symptoms; a symptom is "
	  "either reported or denied" },
};

static void test_v2_fields(void **state)
{
	struct intake in, hand;
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof v2_cases / sizeof *v2_cases; i++) {
		const struct v2_case *c = &v2_cases[i];
		int rc = intake_parse_json(&in, c->json, strlen(c->json), NULL,
					   &e);

		if (c->msg != NULL) {
			assert_int_equal(rc, -1);
			assert_int_equal(e.code, ERR_DATA);
			assert_string_equal(e.msg, c->msg);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", c->json, e.msg);
		assert_int_equal(in.symptoms, c->symptoms);
		assert_int_equal(in.denied, c->denied);
		assert_int_equal(in.has_trend, c->has_trend);
		assert_int_equal(in.side, c->side);
	}
	/* The same checks on an intake filled in by hand. */
	intake_init(&hand);
	assert_int_equal(hand.denied, 0);
	assert_false(hand.has_trend);
	assert_int_equal(hand.side, SIDE__COUNT);
	hand.symptoms = SYMPTOM_BIT(SYM_LIMP_AFTER);
	hand.denied = SYMPTOM_BIT(SYM_LIMP_AFTER);
	assert_int_equal(intake_validate(&hand, &e), -1);
	assert_string_equal(e.msg, "denied: \"limp_after\" is also in "
			    "symptoms; a symptom is either reported or denied");
	hand.denied = SYMPTOM_BIT(SYMPTOM__COUNT);
	assert_int_equal(intake_validate(&hand, &e), -1);
	assert_string_equal(e.msg, "symptoms: unknown symptom 19");
	hand.denied = 0;
	hand.side = (enum side)7;
	assert_int_equal(intake_validate(&hand, &e), -1);
	assert_string_equal(e.msg, "side: unknown side 7 (both, left, right)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_v2_fields),
		cmocka_unit_test(test_no_scratch),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_spec_examples),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_init),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
