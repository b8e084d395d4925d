/*
 * result_json.c - write a triage result as one JSON object.
 *
 * result_to_json() is on the hot path of batch triage, so it never escapes
 * knowledge-base text at run time: kb_load() keeps every item both as a
 * quoted JSON string (text_json) and as the whole object a result uses
 * (json), and this file copies those fragments verbatim. Only names from
 * the engine's X-macro tables (plain lower-case words), numbers, and the
 * two strings the kb keeps raw (a run rule's source and the disclaimer)
 * are written here. The CLI's check command and the web layer call it.
 *
 * Keys appear in the order of the triage contract; see engine.h.
 */
#include "engine/engine.h"

#include <string.h>

/*
 * Append n bytes. result_to_json grows the buffer once up front, so this
 * is nearly always a bare memcpy; it leaves buf[len] unset, and
 * result_to_json puts the NUL back at the end.
 */
static inline void put(struct strbuf *sb, const void *data, size_t n)
{
	if (sb->alloc - sb->len <= n)
		strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
}

static inline void put_ch(struct strbuf *sb, char c)
{
	if (sb->alloc - sb->len <= 1)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
}

/* Append a string literal; its length is known when compiling. */
#define ADD_LIT(sb, lit) put((sb), (lit), sizeof(lit) - 1)

/* A name from the vocabulary tables needs no escaping, only quotes. */
static void add_name(struct strbuf *sb, const char *name)
{
	size_t n = strlen(name);

	if (sb->alloc - sb->len <= n + 2)
		strbuf_grow(sb, n + 2);
	sb->buf[sb->len++] = '"';
	memcpy(sb->buf + sb->len, name, n);
	sb->len += n;
	sb->buf[sb->len++] = '"';
}

static void add_bool(struct strbuf *sb, bool b)
{
	if (b)
		ADD_LIT(sb, "true");
	else
		ADD_LIT(sb, "false");
}

/* The item's text as a JSON string, or null. */
static void add_text(struct strbuf *sb, const struct kb_item *it)
{
	if (it != NULL)
		put(sb, it->text_json, it->text_json_len);
	else
		ADD_LIT(sb, "null");
}

/* The item's pre-serialised object, or null. */
static void add_json(struct strbuf *sb, const struct kb_item *it)
{
	if (it != NULL)
		put(sb, it->json, it->json_len);
	else
		ADD_LIT(sb, "null");
}

static void add_items(struct strbuf *sb, const struct kb_item *const *items,
		      size_t n)
{
	put_ch(sb, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			put_ch(sb, ',');
		add_json(sb, items[i]);
	}
	put_ch(sb, ']');
}

/* {"min":lo,"max":hi (the caller closes the object) */
static void add_range(struct strbuf *sb, int lo, int hi)
{
	ADD_LIT(sb, "{\"min\":");
	strbuf_addint(sb, lo);
	ADD_LIT(sb, ",\"max\":");
	strbuf_addint(sb, hi);
}

static const char *red_flag_name_at(int i)
{
	return red_flag_name((enum red_flag)i);
}

static const char *symptom_name_at(int i)
{
	return symptom_name((enum symptom)i);
}

static void add_reasons(struct strbuf *sb, const struct result *r)
{
	put_ch(sb, '[');
	for (size_t i = 0; i < r->n_reasons; i++) {
		if (i)
			put_ch(sb, ',');
		add_json(sb, r->reasons[i].item);
	}
	put_ch(sb, ']');
}

static void add_self_massage(struct strbuf *sb, const struct result *r)
{
	ADD_LIT(sb, "{\"verdict\":");
	add_name(sb, self_verdict_name(r->self_massage));
	ADD_LIT(sb, ",\"pressure\":");
	if (r->has_self_pressure) {
		add_range(sb, r->self_pressure_min, r->self_pressure_max);
		put_ch(sb, '}');
	} else {
		ADD_LIT(sb, "null");
	}
	ADD_LIT(sb, ",\"why\":");
	add_text(sb, r->self_massage_why);
	put_ch(sb, '}');
}

/*
 * A run rule's item->json is {"rule":"<name>","text":...,"source":...}
 * (engine.h), already escaped. When it has that shape, return the length
 * of its {"rule":"<name>" head, so the state can be spliced in after it
 * and nothing needs escaping here; otherwise 0.
 */
static size_t rule_head_len(const struct kb_item *it, const char *name)
{
	static const char open[] = "{\"rule\":\"";
	static const char next[] = ",\"text\":";
	size_t n = strlen(name), head = sizeof open - 1 + n + 1;

	if (it == NULL || it->json == NULL ||
	    it->json_len < head + sizeof next - 1 + 1 ||
	    memcmp(it->json, open, sizeof open - 1) != 0 ||
	    memcmp(it->json + sizeof open - 1, name, n) != 0 ||
	    it->json[head - 1] != '"' ||
	    memcmp(it->json + head, next, sizeof next - 1) != 0 ||
	    it->json[it->json_len - 1] != '}')
		return 0;
	return head;
}

static void add_run(struct strbuf *sb, const struct result *r)
{
	static const char *const state_names[] = {
		[RULE_STATE_MET] = "met",
		[RULE_STATE_NOT_MET] = "not_met",
		[RULE_STATE_UNKNOWN] = "unknown",
	};

	ADD_LIT(sb, "{\"verdict\":");
	add_name(sb, run_verdict_name(r->run));
	ADD_LIT(sb, ",\"reasons\":[");
	for (size_t i = 0; i < r->n_run_reasons; i++) {
		const struct run_reason *rr = &r->run_reasons[i];
		const char *name = run_rule_name(rr->rule);
		const char *state = (unsigned)rr->state < 3
					    ? state_names[rr->state]
					    : "unknown";
		size_t head;

		if (i)
			put_ch(sb, ',');
		head = rule_head_len(rr->item, name);
		if (head != 0) {
			/* {"rule":"x" + ,"state":"y" + ,"text":...} */
			put(sb, rr->item->json, head);
			ADD_LIT(sb, ",\"state\":");
			add_name(sb, state);
			put(sb, rr->item->json + head,
			    rr->item->json_len - head);
			continue;
		}
		ADD_LIT(sb, "{\"rule\":");
		add_name(sb, name);
		ADD_LIT(sb, ",\"state\":");
		add_name(sb, state);
		ADD_LIT(sb, ",\"text\":");
		add_text(sb, rr->item);
		ADD_LIT(sb, ",\"source\":");
		if (rr->item != NULL)
			strbuf_add_json_str(sb, rr->item->source);
		else
			ADD_LIT(sb, "null");
		put_ch(sb, '}');
	}
	/* Whatever the verdict: change one thing at a time. */
	ADD_LIT(sb, "],\"advice\":");
	add_json(sb, r->run_advice);
	put_ch(sb, '}');
}

/* Rough size of the output, so the buffer grows once at most. */
static size_t estimate(const struct result *r)
{
	size_t n = 1024;

	for (size_t i = 0; i < r->n_reasons; i++)
		n += r->reasons[i].item ? r->reasons[i].item->json_len : 4;
	for (size_t i = 0; i < r->n_targets; i++)
		n += r->targets[i] ? r->targets[i]->json_len : 4;
	for (size_t i = 0; i < r->n_avoid; i++)
		n += r->avoid[i] ? r->avoid[i]->json_len : 4;
	for (size_t i = 0; i < r->n_do_next; i++)
		n += r->do_next[i] ? r->do_next[i]->json_len : 4;
	for (size_t i = 0; i < r->n_aftercare; i++)
		n += r->aftercare[i] ? r->aftercare[i]->json_len : 4;
	for (size_t i = 0; i < r->n_run_reasons; i++)
		n += r->run_reasons[i].item
			     ? 2 * r->run_reasons[i].item->json_len : 4;
	return n;
}

void result_to_json(const struct result *r, const struct kb *kb,
		    struct strbuf *out)
{
	const char *disclaimer = kb != NULL ? kb_disclaimer(kb) : NULL;

	strbuf_grow(out, estimate(r));
	ADD_LIT(out, "{\"decision\":");
	add_name(out, decision_name(r->decision));
	ADD_LIT(out, ",\"red_flags\":");
	strbuf_add_json_names(out, r->red_flags, RED_FLAG__COUNT, red_flag_name_at);
	ADD_LIT(out, ",\"unanswered\":");
	strbuf_add_json_names(out, r->unanswered, SYMPTOM__COUNT, symptom_name_at);
	ADD_LIT(out, ",\"reasons\":");
	add_reasons(out, r);
	ADD_LIT(out, ",\"condition\":");
	if (r->has_condition)
		add_name(out, condition_name(r->condition));
	else
		ADD_LIT(out, "null");
	ADD_LIT(out, ",\"condition_text\":");
	add_text(out, r->condition_item);
	ADD_LIT(out, ",\"targets\":");
	add_items(out, r->targets, r->n_targets);
	ADD_LIT(out, ",\"avoid\":");
	add_items(out, r->avoid, r->n_avoid);

	ADD_LIT(out, ",\"pressure\":");
	if (r->has_pressure) {
		add_range(out, r->pressure_min, r->pressure_max);
		ADD_LIT(out, ",\"why\":");
		add_text(out, r->pressure_why);
		put_ch(out, '}');
	} else {
		ADD_LIT(out, "null");
	}
	ADD_LIT(out, ",\"massage_type\":");
	if (r->has_massage_type) {
		add_name(out, massage_type_name(r->massage_type));
		ADD_LIT(out, ",\"massage_type_text\":");
		add_text(out, r->massage_type_item);
	} else {
		ADD_LIT(out, "null,\"massage_type_text\":null");
	}

	ADD_LIT(out, ",\"self_massage\":");
	add_self_massage(out, r);
	ADD_LIT(out, ",\"do_next\":");
	add_items(out, r->do_next, r->n_do_next);
	ADD_LIT(out, ",\"aftercare\":");
	add_items(out, r->aftercare, r->n_aftercare);
	ADD_LIT(out, ",\"run\":");
	add_run(out, r);
	ADD_LIT(out, ",\"referral\":");
	add_text(out, r->referral);
	ADD_LIT(out, ",\"side\":");
	if ((unsigned)r->side < SIDE__COUNT)
		add_name(out, side_name(r->side));
	else
		ADD_LIT(out, "null");
	ADD_LIT(out, ",\"goal\":");
	add_name(out, goal_name(r->goal));
	ADD_LIT(out, ",\"goal_text\":");
	add_text(out, r->goal_item);
	ADD_LIT(out, ",\"irritable\":");
	add_bool(out, r->irritable);
	ADD_LIT(out, ",\"severe\":");
	add_bool(out, r->severe);
	ADD_LIT(out, ",\"disclaimer\":");
	if (disclaimer != NULL)
		strbuf_add_json_str(out, disclaimer);
	else
		ADD_LIT(out, "null");
	put_ch(out, '}');
	out->buf[out->len] = '\0';
}
