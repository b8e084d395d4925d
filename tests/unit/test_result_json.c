/*
 * test_result_json.c - the result writer: its output parses back with
 * json_parse, has every key of the contract in order, and says exactly
 * what the struct result says.
 *
 * Results come from the real knowledge base and rules (a table of intakes
 * and a deterministic sweep of many more), and from a hand-built result
 * whose texts need escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/strbuf.h"
#include "engine/engine.h"

static const char *const result_keys[] = {
	"decision", "red_flags", "unanswered", "reasons", "condition",
	"condition_text", "targets", "avoid", "pressure", "massage_type",
	"massage_type_text", "self_massage", "do_next", "aftercare", "run",
	"referral", "side", "goal", "goal_text", "irritable", "severe",
	"disclaimer",
};
#define N_KEYS (sizeof result_keys / sizeof result_keys[0])

/* ---- Checking one output against its result ---- */

static const struct json_value *get(const struct json_value *obj,
				    const char *key)
{
	const struct json_value *v;

	assert_int_equal(obj->type, JSON_OBJECT);
	v = json_object_get(obj, key);
	if (v == NULL)
		fail_msg("no key \"%s\"", key);
	return v;
}

static void expect_str(const struct json_value *v, const char *want)
{
	if (want == NULL) {
		assert_int_equal(v->type, JSON_NULL);
		return;
	}
	assert_int_equal(v->type, JSON_STRING);
	assert_string_equal(v->u.string.s, want);
	assert_int_equal(v->u.string.len, strlen(want));
}

static void expect_int(const struct json_value *v, long long want)
{
	assert_int_equal(v->type, JSON_NUMBER);
	assert_true(v->u.number.is_int);
	assert_int_equal(v->u.number.integer, want);
}

static void expect_bool(const struct json_value *v, bool want)
{
	assert_int_equal(v->type, want ? JSON_TRUE : JSON_FALSE);
}

static void expect_range(const struct json_value *v, int lo, int hi)
{
	assert_int_equal(v->type, JSON_OBJECT);
	assert_int_equal(v->u.object.count, 2);
	expect_int(get(v, "min"), lo);
	expect_int(get(v, "max"), hi);
}

/* The item's text as a JSON string, or null without an item. */
static void expect_text(const struct json_value *v, const struct kb_item *it)
{
	expect_str(v, it ? it->text : NULL);
}

/* An item object: its id (or rule) names it, and text and source match. */
static void expect_item(const struct json_value *v, const struct kb_item *it,
			const char *rule)
{
	assert_non_null(it);
	assert_int_equal(v->type, JSON_OBJECT);
	if (rule != NULL)
		expect_str(get(v, "rule"), rule);
	else
		expect_str(get(v, "id"), it->id);
	expect_text(get(v, "text"), it);
	expect_str(get(v, "source"), it->source);
}

static void expect_items(const struct json_value *v,
			 const struct kb_item *const *items, size_t n)
{
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->u.array.count, n);
	for (size_t i = 0; i < n; i++)
		expect_item(v->u.array.items[i], items[i], NULL);
}

static void check_run(const struct json_value *run, const struct result *r)
{
	static const char *const states[] = { "met", "not_met", "unknown" };
	const struct json_value *reasons = get(run, "reasons");

	expect_str(get(run, "verdict"), run_verdict_name(r->run));
	assert_int_equal(reasons->type, JSON_ARRAY);
	assert_int_equal(reasons->u.array.count, r->n_run_reasons);
	for (size_t i = 0; i < r->n_run_reasons; i++) {
		const struct json_value *rr = reasons->u.array.items[i];
		const struct run_reason *want = &r->run_reasons[i];

		assert_int_equal(rr->u.object.count, 4);
		expect_str(get(rr, "rule"), run_rule_name(want->rule));
		expect_str(get(rr, "state"), states[want->state]);
		expect_text(get(rr, "text"), want->item);
		expect_str(get(rr, "source"), want->item->source);
	}
	assert_int_equal(run->u.object.count, 3);
	if (r->run_advice != NULL)
		expect_item(get(run, "advice"), r->run_advice,
			    run_rule_name(RUNRULE_ONE_VARIABLE));
	else
		assert_int_equal(get(run, "advice")->type, JSON_NULL);
}

/*
 * Parse text (one result object) and check it against r: every key in the
 * contract's order, and every value as r has it.
 */
static void check_output(const char *text, size_t len,
			 const struct result *r, const char *disclaimer)
{
	struct json_doc doc;
	struct err e;
	const struct json_value *o, *v;
	size_t n_flags = 0;

	json_doc_init(&doc);
	if (json_parse(&doc, text, len, NULL, &e) != 0)
		fail_msg("output does not parse: %s\n%.*s", e.msg, (int)len,
			 text);
	o = doc.root;
	assert_int_equal(o->type, JSON_OBJECT);
	assert_int_equal(o->u.object.count, N_KEYS);
	for (size_t i = 0; i < N_KEYS; i++)
		assert_string_equal(o->u.object.members[i].key,
				    result_keys[i]);

	expect_str(get(o, "decision"), decision_name(r->decision));
	v = get(o, "red_flags");
	assert_int_equal(v->type, JSON_ARRAY);
	for (int f = 0; f < RED_FLAG__COUNT; f++) {
		if (!(r->red_flags & (UINT32_C(1) << f)))
			continue;
		assert_true(n_flags < v->u.array.count);
		expect_str(v->u.array.items[n_flags++],
			   red_flag_name((enum red_flag)f));
	}
	assert_int_equal(v->u.array.count, n_flags);

	v = get(o, "unanswered");
	assert_int_equal(v->type, JSON_ARRAY);
	n_flags = 0;
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		if (!(r->unanswered & SYMPTOM_BIT(s)))
			continue;
		assert_true(n_flags < v->u.array.count);
		expect_str(v->u.array.items[n_flags++],
			   symptom_name((enum symptom)s));
	}
	assert_int_equal(v->u.array.count, n_flags);

	v = get(o, "reasons");
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->u.array.count, r->n_reasons);
	for (size_t i = 0; i < r->n_reasons; i++) {
		const struct json_value *item = v->u.array.items[i];

		/* A fragment from the kb, copied verbatim. */
		assert_int_equal(item->type, JSON_OBJECT);
		expect_str(get(item, "rule"), rule_name(r->reasons[i].rule));
		expect_text(get(item, "text"), r->reasons[i].item);
		expect_str(get(item, "source"), r->reasons[i].item->source);
	}

	expect_str(get(o, "condition"),
		   r->has_condition ? condition_name(r->condition) : NULL);
	expect_text(get(o, "condition_text"), r->condition_item);
	expect_items(get(o, "targets"), r->targets, r->n_targets);
	expect_items(get(o, "avoid"), r->avoid, r->n_avoid);

	v = get(o, "pressure");
	if (r->has_pressure) {
		assert_int_equal(v->u.object.count, 3);
		expect_int(get(v, "min"), r->pressure_min);
		expect_int(get(v, "max"), r->pressure_max);
		expect_text(get(v, "why"), r->pressure_why);
	} else {
		assert_int_equal(v->type, JSON_NULL);
	}
	if (r->has_massage_type) {
		expect_str(get(o, "massage_type"),
			   massage_type_name(r->massage_type));
		expect_text(get(o, "massage_type_text"), r->massage_type_item);
	} else {
		assert_int_equal(get(o, "massage_type")->type, JSON_NULL);
		assert_int_equal(get(o, "massage_type_text")->type, JSON_NULL);
	}

	v = get(o, "self_massage");
	assert_int_equal(v->u.object.count, 3);
	expect_str(get(v, "verdict"), self_verdict_name(r->self_massage));
	if (r->has_self_pressure)
		expect_range(get(v, "pressure"), r->self_pressure_min,
			     r->self_pressure_max);
	else
		assert_int_equal(get(v, "pressure")->type, JSON_NULL);
	expect_text(get(v, "why"), r->self_massage_why);

	expect_items(get(o, "do_next"), r->do_next, r->n_do_next);
	expect_items(get(o, "aftercare"), r->aftercare, r->n_aftercare);
	check_run(get(o, "run"), r);
	expect_text(get(o, "referral"), r->referral);
	expect_str(get(o, "side"), (unsigned)r->side < SIDE__COUNT
					   ? side_name(r->side)
					   : NULL);
	expect_str(get(o, "goal"), goal_name(r->goal));
	expect_text(get(o, "goal_text"), r->goal_item);
	expect_bool(get(o, "irritable"), r->irritable);
	expect_bool(get(o, "severe"), r->severe);
	expect_str(get(o, "disclaimer"), disclaimer);
	json_doc_release(&doc);
}

/* ---- Results from the real knowledge base ---- */

static int setup_kb(void **state)
{
	struct err e;

	*state = kb_load_builtin(&e);
	if (*state == NULL) {
		fprintf(stderr, "built-in kb: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown_kb(void **state)
{
	kb_free(*state);
	return 0;
}

struct triage_case {
	const char *intake;
	const char *decision;
	const char *first_red_flag;	/* NULL: none */
	bool pressure_null;
};

static const struct triage_case triage_cases[] = {
	{ "{\"area\":\"heel\",\"symptoms\":[\"tight\",\"improves_with_warmup\"],"
	  "\"pain\":{\"rest\":1,\"run\":2,\"morning\":3}}",
	  "massage_ok", NULL, false },
	{ "{\"area\":\"knee\",\"symptoms\":[\"load_pattern\"],"
	  "\"pain\":{\"run\":5}}", "massage_with_load_change", NULL, false },
	{ "{\"area\":\"shin\",\"symptoms\":[\"night_pain\",\"tight\"]}",
	  "assess_first", "night_pain", true },
	{ "{\"area\":\"achilles\",\"symptoms\":[\"tendon_flare\"],"
	  "\"pain\":{\"rest\":2,\"run\":3}}",
	  "massage_with_load_change", NULL, false },
	{ "{\"area\":\"hip\",\"symptoms\":[\"tight\",\"improves_with_warmup\","
	  "\"hip_blocked\",\"trigger_points\"]}", "massage_ok", NULL, false },
	{ "{\"area\":\"other\",\"trend\":\"worse\",\"pain\":{\"run\":8}}",
	  "assess_first", "severe_worsening", true },
	{ "{\"area\":\"knee\",\"symptoms\":[\"nerve_symptoms\","
	  "\"pinpoint_bone_pain\"],\"trend\":\"worse\",\"pain\":{\"rest\":9}}",
	  "assess_first", "pinpoint_bone_pain", true },
	{ "{\"area\":\"heel\",\"symptoms\":[\"stress_poor_sleep\"],"
	  "\"goal\":\"recovery\",\"last_massage\":{\"pressure\":6,"
	  "\"flare_hours\":48,\"bruised_or_limping\":true}}",
	  "massage_ok", NULL, false },
	{ "{\"area\":\"shin\",\"symptoms\":[\"post_training_soreness\","
	  "\"stride_change\",\"limp_after\",\"worse_next_morning\"],"
	  "\"pain\":{\"run\":2},\"goal\":\"mobility\"}",
	  "massage_ok", NULL, false },
};

static void test_triage_cases(void **state)
{
	const struct kb *kb = *state;
	struct json_doc scratch, doc;
	struct strbuf out = STRBUF_INIT;

	json_doc_init(&scratch);
	json_doc_init(&doc);
	for (size_t i = 0; i < sizeof triage_cases / sizeof triage_cases[0];
	     i++) {
		const struct triage_case *c = &triage_cases[i];
		struct intake in;
		struct result r;
		struct err e;
		const struct json_value *flags;

		if (intake_parse_json(&in, c->intake, strlen(c->intake),
				      &scratch, &e) != 0)
			fail_msg("case %zu: %s", i, e.msg);
		engine_triage(kb, &in, &r);
		strbuf_reset(&out);
		result_to_json(&r, kb, &out);
		assert_int_equal(strlen(out.buf), out.len);
		assert_null(memchr(out.buf, '\n', out.len));
		check_output(out.buf, out.len, &r, kb_disclaimer(kb));

		/* And what the case itself says about the decision. */
		assert_int_equal(json_parse(&doc, out.buf, out.len, NULL, &e),
				 0);
		expect_str(json_object_get(doc.root, "decision"), c->decision);
		flags = json_object_get(doc.root, "red_flags");
		if (c->first_red_flag == NULL) {
			assert_int_equal(flags->u.array.count, 0);
		} else {
			assert_true(flags->u.array.count > 0);
			expect_str(flags->u.array.items[0], c->first_red_flag);
		}
		assert_int_equal(json_object_get(doc.root, "pressure")->type ==
					 JSON_NULL, c->pressure_null);
	}
	strbuf_release(&out);
	json_doc_release(&scratch);
	json_doc_release(&doc);
}

/* Many intakes, chosen by a fixed pseudo-random sequence, all give
 * well-formed, faithful output. */
static void test_sweep(void **state)
{
	const struct kb *kb = *state;
	struct strbuf out = STRBUF_INIT;
	uint64_t x = 0x2545f4914f6cdd1du;

	for (int i = 0; i < 3000; i++) {
		struct intake in;
		struct result r;
		struct err e;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		intake_init(&in);
		in.area = (enum area)(x % AREA__COUNT);
		in.symptoms = (uint32_t)(x >> 8) &
			      (uint32_t)(SYMPTOM_BIT(SYMPTOM__COUNT) - 1);
		/* Red flags in one intake of four, so every path shows. */
		if ((x >> 40) % 4)
			in.symptoms &= ~(uint32_t)SYMPTOM_RED_FLAG_MASK;
		in.pain_rest = (int)((x >> 28) % 12) - 1;
		in.pain_run = (int)((x >> 32) % 12) - 1;
		in.pain_morning = (int)((x >> 36) % 12) - 1;
		in.trend = (enum trend)((x >> 42) % TREND__COUNT);
		in.goal = (enum goal)((x >> 44) % GOAL__COUNT);
		in.has_last_massage = (x >> 46) & 1;
		if (in.has_last_massage) {
			in.last_pressure = (int)((x >> 47) % 11);
			in.flare_hours = (double)((x >> 51) % 72);
			in.bruised_or_limping = (x >> 58) & 1;
		}
		assert_int_equal(intake_validate(&in, &e), 0);
		engine_triage(kb, &in, &r);
		strbuf_reset(&out);
		result_to_json(&r, kb, &out);
		check_output(out.buf, out.len, &r, kb_disclaimer(kb));
	}
	strbuf_release(&out);
}

/* The result is appended: what the buffer held stays in front. */
static void test_appends(void **state)
{
	const struct kb *kb = *state;
	struct strbuf out = STRBUF_INIT;
	struct intake in;
	struct result r;

	intake_init(&in);
	in.area = AREA_KNEE;
	engine_triage(kb, &in, &r);
	strbuf_addstr(&out, "[1,");
	result_to_json(&r, kb, &out);
	assert_memory_equal(out.buf, "[1,{\"decision\":", 15);
	check_output(out.buf + 3, out.len - 3, &r, kb_disclaimer(kb));
	strbuf_release(&out);
}

/* ---- A hand-built result whose texts need escaping ---- */

struct hand_item {
	struct kb_item item;
	struct strbuf text_json, json;
};

static void hand_item(struct hand_item *h, const char *id, const char *text,
		      const char *source, const char *rule)
{
	memset(&h->item, 0, sizeof h->item);
	h->item.id = id;
	h->item.text = text;
	h->item.source = source;
	strbuf_init(&h->text_json, 0);
	strbuf_init(&h->json, 0);
	strbuf_add_json_str(&h->text_json, text);
	strbuf_addstr(&h->json, rule ? "{\"rule\":" : "{\"id\":");
	strbuf_add_json_str(&h->json, rule ? rule : id);
	strbuf_addstr(&h->json, ",\"text\":");
	strbuf_add(&h->json, h->text_json.buf, h->text_json.len);
	strbuf_addstr(&h->json, ",\"source\":");
	strbuf_add_json_str(&h->json, source);
	strbuf_addch(&h->json, '}');
	h->item.text_json = h->text_json.buf;
	h->item.text_json_len = h->text_json.len;
	h->item.json = h->json.buf;
	h->item.json_len = h->json.len;
}

static void hand_release(struct hand_item *h)
{
	strbuf_release(&h->text_json);
	strbuf_release(&h->json);
}

static void test_hand_built(void **state)
{
	const struct kb *kb = *state;
	enum { CALF, SHIN, RULE, WHY, RUNR, COND, GOAL, TYPE, N };
	struct hand_item h[N];
	struct result r;
	struct strbuf out = STRBUF_INIT;

	hand_item(&h[CALF], "calf", "say \"calf\" \\ <b>&amp;</b>\tthen\n"
		  "rest", "Section \"A\" <1>", NULL);
	hand_item(&h[SHIN], "shin_bone_edge", "caf\xc3\xa9 \xe2\x80\x94 ok",
		  "S\xc3\xa9\x01", NULL);
	hand_item(&h[RULE], "massage_ok", "\x7f control \x1f", "src",
		  "massage_ok");
	hand_item(&h[WHY], "why", "", "", NULL);
	hand_item(&h[RUNR], "pain_at_most_3", "run </script> text",
		  "When \"safe\" & <sound>", "pain_at_most_3");
	hand_item(&h[COND], "knee_pain", "knee", "Knee", NULL);
	hand_item(&h[GOAL], "relief", "relief", "Goal", NULL);
	hand_item(&h[TYPE], "sports", "sports", "Type", NULL);

	memset(&r, 0, sizeof r);
	r.decision = DECISION_MASSAGE_OK;
	r.red_flags = (UINT32_C(1) << FLAG_NIGHT_PAIN) |
		      (UINT32_C(1) << FLAG_SEVERE_WORSENING);
	r.condition = COND_KNEE_PAIN;
	r.condition_item = &h[COND].item;
	r.reasons[0].rule = RULE_MASSAGE_OK;
	r.reasons[0].item = &h[RULE].item;
	r.n_reasons = 1;
	r.targets[0] = &h[CALF].item;
	r.targets[1] = &h[SHIN].item;
	r.n_targets = 2;
	r.avoid[0] = &h[SHIN].item;
	r.n_avoid = 1;
	r.has_pressure = true;
	r.pressure_min = 5;
	r.pressure_max = 7;
	r.pressure_why = &h[WHY].item;
	r.has_massage_type = true;
	r.massage_type = MTYPE_SPORTS;
	r.massage_type_item = &h[TYPE].item;
	r.self_massage = SELF_CAUTION;
	r.has_self_pressure = true;
	r.self_pressure_min = 4;
	r.self_pressure_max = 6;
	r.self_massage_why = &h[WHY].item;
	r.aftercare[0] = &h[CALF].item;
	r.n_aftercare = 1;
	r.run = RUN_NOT_YET;
	r.run_reasons[0].rule = RUNRULE_PAIN_AT_MOST_3;
	r.run_reasons[0].state = RULE_STATE_NOT_MET;
	r.run_reasons[0].item = &h[RUNR].item;
	r.run_reasons[1].rule = RUNRULE_NO_LIMP;
	r.run_reasons[1].state = RULE_STATE_UNKNOWN;
	r.run_reasons[1].item = &h[CALF].item;
	r.n_run_reasons = 2;
	r.referral = NULL;
	r.goal = GOAL_RELIEF;
	r.goal_item = &h[GOAL].item;
	r.irritable = true;

	result_to_json(&r, kb, &out);
	/* No raw control character, and nothing that could end a script
	 * block in a page. */
	for (size_t i = 0; i < out.len; i++)
		assert_true((unsigned char)out.buf[i] >= 0x20);
	assert_null(strchr(out.buf, '<'));
	assert_null(strchr(out.buf, '>'));
	assert_null(strchr(out.buf, '&'));
	/* The run rule's source is escaped here, and an invalid byte in it
	 * would become U+FFFD; this one is valid and kept. */
	assert_non_null(strstr(out.buf, "\"source\":\"When \\\"safe\\\" "
					"\\u0026 \\u003csound\\u003e\""));
	check_output(out.buf, out.len, &r, kb_disclaimer(kb));
	assert_non_null(strstr(out.buf, "\"red_flags\":[\"night_pain\","
					"\"severe_worsening\"]"));
	assert_non_null(strstr(out.buf, "\"self_massage\":{\"verdict\":"
					"\"caution\",\"pressure\":{\"min\":4,"
					"\"max\":6},\"why\":\"\"}"));
	assert_non_null(strstr(out.buf, "\"referral\":null"));
	assert_non_null(strstr(out.buf, "\"irritable\":true,\"severe\":"
					"false,\"disclaimer\":"));

	/* Without pressure or type both are null, and so is their text. */
	r.has_pressure = false;
	r.has_massage_type = false;
	r.has_self_pressure = false;
	r.self_massage = SELF_AVOID;
	strbuf_reset(&out);
	result_to_json(&r, kb, &out);
	check_output(out.buf, out.len, &r, kb_disclaimer(kb));
	assert_non_null(strstr(out.buf, "\"pressure\":null,\"massage_type\":"
					"null,\"massage_type_text\":null,"));
	strbuf_release(&out);
	for (int i = 0; i < N; i++)
		hand_release(&h[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_triage_cases),
		cmocka_unit_test(test_sweep),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_hand_built),
	};

	return cmocka_run_group_tests(tests, setup_kb, teardown_kb);
}
