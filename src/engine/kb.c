/*
 * kb.c - load and validate a knowledge base (struct kb, kb_internal.h).
 *
 * The knowledge base is JSON text: the built-in copy of data/guide.json or a
 * clinic's edited file given with --kb. It holds wording, per-condition
 * lists and the numbers of the pressure scale; the decision logic stays in
 * rules.c. Loading is strict so that an edit can never silently weaken the
 * advice: every field is checked, unknown keys are refused, every red flag,
 * rule and symptom must have wording, every `source` must name a section of
 * the guide, and pressure bands may not exceed the guide's ceiling of 7.
 * Errors read "NAME:LINE: PATH: what is wrong".
 *
 * All strings are copied into memory owned by the kb, and each item is
 * pre-serialised as JSON once here so that results can be written fast.
 */
#include "engine/kb_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/xmalloc.h"

extern const char kb_builtin_json[];
extern const size_t kb_builtin_json_len;

/* Largest knowledge-base file accepted (a real one is about 25 KB). */
#define KB_MAX_BYTES (1024 * 1024)

/* Which keys an item may or must have. */
enum item_key {
	KEY_ID = 1 << 0,
	KEY_TEXT = 1 << 1,
	KEY_SOURCE = 1 << 2,
	KEY_DAYS = 1 << 3,
	KEY_PER_WEEK = 1 << 4,
	KEY_WHEN = 1 << 5,
	KEY_QUESTION = 1 << 6,
	KEY_LABEL = 1 << 7,
};

static const struct {
	const char *name;
	enum item_key key;
} item_keys[] = {
	{ "id", KEY_ID },	  { "text", KEY_TEXT },
	{ "source", KEY_SOURCE }, { "days", KEY_DAYS },
	{ "per_week", KEY_PER_WEEK }, { "when", KEY_WHEN },
	{ "question", KEY_QUESTION }, { "label", KEY_LABEL },
};

/* How an item is written out in results (kb_item.json). */
enum item_shape { SHAPE_ITEM, SHAPE_PLAN, SHAPE_RULE, SHAPE_FLAG };

struct loader {
	struct kb *kb;
	const char *name;
	struct err *e;
};

static int fail_at(struct loader *ld, const struct json_value *v,
		   const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail_at(struct loader *ld, const struct json_value *v,
		   const char *path, const char *fmt, ...)
{
	char what[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return err_set(ld->e, ERR_CONFIG, "%s:%u: %s%s%s", ld->name,
		       v ? v->line : 1, path, *path ? ": " : "", what);
}

/* Keep s (len bytes) in the kb's string pool; returns the owned copy. */
static const char *kb_keep(struct kb *kb, const char *s, size_t len)
{
	char *copy = xstrndup(s, len);

	if (kb->n_strings == kb->cap_strings) {
		kb->cap_strings = kb->cap_strings ? kb->cap_strings * 2 : 256;
		kb->strings = xrealloc(kb->strings,
				       kb->cap_strings * sizeof *kb->strings);
	}
	kb->strings[kb->n_strings++] = copy;
	return copy;
}

static const char *keep_strbuf(struct kb *kb, struct strbuf *sb,
			       size_t *len)
{
	*len = sb->len;
	return kb_keep(kb, sb->buf, sb->len);
}

static const char *type_name(const struct json_value *v)
{
	return json_type_name(v->type);
}

/* "path.key" (or "key" at the top) into buf; built only when reporting an
 * error, since loading the built-in kb on every start must stay cheap. */
static const char *join(char *buf, size_t n, const char *path,
			const char *key)
{
	snprintf(buf, n, "%s%s%s", path, *path ? "." : "", key);
	return buf;
}

/* Member key of obj that must be an object; NULL (with e set) if not. */
static const struct json_value *need(struct loader *ld,
				     const struct json_value *obj,
				     const char *path, const char *key,
				     enum json_type type)
{
	const struct json_value *v = json_object_get(obj, key);
	char sub[256];

	if (v == NULL) {
		fail_at(ld, obj, join(sub, sizeof sub, path, key), "missing");
		return NULL;
	}
	if (v->type != type && !(type == JSON_TRUE && v->type == JSON_FALSE)) {
		fail_at(ld, v, join(sub, sizeof sub, path, key),
			"expected %s, got %s",
			json_type_name(type), type_name(v));
		return NULL;
	}
	return v;
}

/* Refuse keys of obj not in allowed[] (a typo must not go unnoticed) and
 * keys given twice. */
static int check_keys(struct loader *ld, const struct json_value *obj,
		      const char *path, const char *const *allowed, size_t n)
{
	for (size_t i = 0; i < obj->u.object.count; i++) {
		const struct json_member *m = &obj->u.object.members[i];
		bool ok = false;

		for (size_t j = 0; j < n && !ok; j++)
			ok = strcmp(m->key, allowed[j]) == 0;
		for (size_t j = 0; j < i && ok; j++)
			if (strcmp(obj->u.object.members[j].key, m->key) == 0)
				return fail_at(ld, m->value, path,
					       "\"%s\" given twice", m->key);
		if (!ok)
			return fail_at(ld, m->value, path,
				       "unknown key \"%s\"", m->key);
	}
	return 0;
}

static bool is_identifier(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

static bool known_section(const char *s)
{
	enum guide_section g;

	return guide_section_parse(s, strlen(s), &g) == 0;
}

/* A non-empty string member, copied into the kb. */
static int get_text(struct loader *ld, const struct json_value *obj,
		    const char *path, const char *key, const char **out)
{
	const struct json_value *v = need(ld, obj, path, key, JSON_STRING);
	char sub[256];

	if (v == NULL)
		return -1;
	if (v->u.string.len == 0 || strlen(v->u.string.s) != v->u.string.len)
		return fail_at(ld, v, join(sub, sizeof sub, path, key),
			       "must be a non-empty string");
	if (strcmp(key, "source") == 0 && !known_section(v->u.string.s))
		return fail_at(ld, v, join(sub, sizeof sub, path, key),
			       "\"%s\" is not a section title of the guide",
			       v->u.string.s);
	*out = kb_keep(ld->kb, v->u.string.s, v->u.string.len);
	return 0;
}

/* An integer member within [lo, hi]. */
static int get_int(struct loader *ld, const struct json_value *obj,
		   const char *path, const char *key, int lo, int hi, int *out)
{
	const struct json_value *v = need(ld, obj, path, key, JSON_NUMBER);
	char sub[256];

	if (v == NULL)
		return -1;
	if (!v->u.number.is_int || v->u.number.integer < lo ||
	    v->u.number.integer > hi)
		return fail_at(ld, v, join(sub, sizeof sub, path, key),
			       "expected a whole number from %d to %d", lo,
			       hi);
	*out = (int)v->u.number.integer;
	return 0;
}

/* A [min, max] pair of whole numbers within [lo, hi]. */
static int get_range(struct loader *ld, const struct json_value *obj,
		     const char *path, const char *key, int lo, int hi,
		     int out[2])
{
	const struct json_value *v = need(ld, obj, path, key, JSON_ARRAY);
	char sub[256];

	if (v == NULL)
		return -1;
	join(sub, sizeof sub, path, key);
	if (v->u.array.count != 2)
		return fail_at(ld, v, sub, "expected [min, max]");
	for (int i = 0; i < 2; i++) {
		const struct json_value *n = v->u.array.items[i];

		if (n->type != JSON_NUMBER || !n->u.number.is_int ||
		    n->u.number.integer < lo || n->u.number.integer > hi)
			return fail_at(ld, n, sub,
				       "expected whole numbers from %d to %d",
				       lo, hi);
		out[i] = (int)n->u.number.integer;
	}
	if (out[0] > out[1])
		return fail_at(ld, v, sub, "min is larger than max");
	return 0;
}

static int get_band(struct loader *ld, const struct json_value *obj,
		    const char *path, const char *key, int ceiling,
		    struct kb_band *out)
{
	const struct json_value *v = need(ld, obj, path, key, JSON_OBJECT);
	static const char *const keys[] = { "min", "max" };
	char sub[256];

	if (v == NULL)
		return -1;
	snprintf(sub, sizeof sub, "%s.%s", path, key);
	if (check_keys(ld, v, sub, keys, 2) < 0 ||
	    get_int(ld, v, sub, "min", 1, ceiling, &out->min) < 0 ||
	    get_int(ld, v, sub, "max", 1, ceiling, &out->max) < 0)
		return -1;
	if (out->min > out->max)
		return fail_at(ld, v, sub, "min is larger than max");
	return 0;
}

/* Write item->json in the shape results use for it. */
static void serialise_item(struct kb *kb, struct kb_item *it,
			   enum item_shape shape, const char *rule)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add_json_str(&sb, it->text);
	it->text_json = keep_strbuf(kb, &sb, &it->text_json_len);
	strbuf_reset(&sb);

	strbuf_addch(&sb, '{');
	if (shape == SHAPE_RULE || shape == SHAPE_FLAG) {
		strbuf_addstr(&sb, "\"rule\":");
		strbuf_add_json_str(&sb, rule);
		if (shape == SHAPE_FLAG) {
			strbuf_addstr(&sb, ",\"flag\":");
			strbuf_add_json_str(&sb, it->id);
		}
	} else {
		strbuf_addstr(&sb, "\"id\":");
		strbuf_add_json_str(&sb, it->id);
	}
	strbuf_addstr(&sb, ",\"text\":");
	strbuf_add(&sb, it->text_json, it->text_json_len);
	if (shape == SHAPE_PLAN) {
		for (int k = 0; k < 2; k++) {
			const int *r = k == 0 ? it->days : it->per_week;

			strbuf_addstr(&sb, k == 0 ? ",\"days\":"
						  : ",\"per_week\":");
			if (r[1] == 0)
				strbuf_addstr(&sb, "null");
			else
				strbuf_addf(&sb, "[%d,%d]", r[0], r[1]);
		}
	}
	strbuf_addstr(&sb, ",\"source\":");
	strbuf_add_json_str(&sb, it->source);
	strbuf_addch(&sb, '}');
	it->json = keep_strbuf(kb, &sb, &it->json_len);
	strbuf_release(&sb);
}

/*
 * Read one item object at v into it. id is the item's id when the id comes
 * from the enclosing key (NULL when the item carries an "id" member).
 * allowed lists the optional keys beyond text and source.
 */
static int read_item(struct loader *ld, const struct json_value *v,
		     const char *path, const char *id, unsigned allowed,
		     struct kb_item *it)
{
	const char *names[8];
	size_t n = 0;

	if (v->type != JSON_OBJECT)
		return fail_at(ld, v, path, "expected object, got %s",
			       type_name(v));
	for (size_t i = 0; i < sizeof item_keys / sizeof *item_keys; i++)
		if ((allowed | KEY_TEXT | KEY_SOURCE | (id ? 0 : KEY_ID)) &
		    item_keys[i].key)
			names[n++] = item_keys[i].name;
	if (check_keys(ld, v, path, names, n) < 0)
		return -1;
	memset(it, 0, sizeof *it);
	if (id != NULL) {
		it->id = kb_keep(ld->kb, id, strlen(id));
	} else {
		if (get_text(ld, v, path, "id", &it->id) < 0)
			return -1;
		if (!is_identifier(it->id))
			return fail_at(ld, json_object_get(v, "id"), path,
				       "id \"%s\" must be lower-case letters, "
				       "digits and _", it->id);
	}
	if (get_text(ld, v, path, "text", &it->text) < 0 ||
	    get_text(ld, v, path, "source", &it->source) < 0)
		return -1;
	if ((allowed & KEY_DAYS) && json_object_get(v, "days") &&
	    get_range(ld, v, path, "days", 1, 365, it->days) < 0)
		return -1;
	if ((allowed & KEY_PER_WEEK) && json_object_get(v, "per_week") &&
	    get_range(ld, v, path, "per_week", 1, 14, it->per_week) < 0)
		return -1;
	{
		enum region r;

		if (region_parse(it->id, strlen(it->id), &r) == 0) {
			it->has_region = true;
			it->region = r;
		}
	}
	return 0;
}

/*
 * Read an object keyed by the names of an enum (names[i] for i < n) into
 * items[i]; every name must be present and no other key.
 */
static int read_keyed(struct loader *ld, const struct json_value *root,
		      const char *key, const char *const *names, size_t n,
		      unsigned allowed, enum item_shape shape,
		      const char *rule, struct kb_item *items)
{
	const struct json_value *obj = need(ld, root, "", key, JSON_OBJECT);
	char path[256];

	if (obj == NULL || check_keys(ld, obj, key, names, n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct json_value *v = json_object_get(obj, names[i]);

		snprintf(path, sizeof path, "%s.%s", key, names[i]);
		if (v == NULL)
			return fail_at(ld, obj, path, "missing");
		if (read_item(ld, v, path, names[i], allowed, &items[i]) < 0)
			return -1;
		serialise_item(ld->kb, &items[i], shape,
			       rule ? rule : names[i]);
	}
	return 0;
}

/* Parse a "when" value: "always", "irritable" or a symptom id. */
static int read_when(struct loader *ld, const struct json_value *v,
		     const char *path, struct kb_entry *en)
{
	const struct json_value *w = json_object_get(v, "when");

	en->when = KB_WHEN_ALWAYS;
	if (w == NULL)
		return 0;
	if (w->type != JSON_STRING)
		return fail_at(ld, w, path, "when: expected string, got %s",
			       type_name(w));
	if (strcmp(w->u.string.s, "always") == 0)
		return 0;
	if (strcmp(w->u.string.s, "irritable") == 0) {
		en->when = KB_WHEN_IRRITABLE;
		return 0;
	}
	if (symptom_parse(w->u.string.s, w->u.string.len, &en->when_symptom) ==
		    0 &&
	    !symptom_is_red_flag(en->when_symptom)) {
		en->when = KB_WHEN_SYMPTOM;
		return 0;
	}
	return fail_at(ld, w, path,
		       "when: \"%s\" is not \"always\", \"irritable\" or a "
		       "symptom id that is not a red flag",
		       w->u.string.s);
}

/* A list of items under key in obj. need_region: ids must be regions. */
static int read_list(struct loader *ld, const struct json_value *obj,
		     const char *path, const char *key, unsigned allowed,
		     bool need_region, enum item_shape shape,
		     struct kb_list *list)
{
	const struct json_value *arr = need(ld, obj, path, key, JSON_ARRAY);
	char sub[256];

	if (arr == NULL)
		return -1;
	if (arr->u.array.count > KB_MAX_LIST) {
		snprintf(sub, sizeof sub, "%s.%s", path, key);
		return fail_at(ld, arr, sub, "more than %d items",
			       KB_MAX_LIST);
	}
	list->count = 0;
	for (size_t i = 0; i < arr->u.array.count; i++) {
		const struct json_value *v = arr->u.array.items[i];
		struct kb_entry *en = &list->entries[list->count];

		snprintf(sub, sizeof sub, "%s.%s[%zu]", path, key, i);
		if (read_item(ld, v, sub, NULL, allowed, &en->item) < 0 ||
		    ((allowed & KEY_WHEN) && read_when(ld, v, sub, en) < 0))
			return -1;
		if (need_region && !en->item.has_region)
			return fail_at(ld, json_object_get(v, "id"), sub,
				       "\"%s\" is not a body-map region",
				       en->item.id);
		for (size_t j = 0; j < list->count; j++)
			if (strcmp(list->entries[j].item.id, en->item.id) ==
				    0 &&
			    list->entries[j].when == en->when)
				return fail_at(ld, v, sub,
					       "\"%s\" is listed twice",
					       en->item.id);
		serialise_item(ld->kb, &en->item, shape, NULL);
		list->count++;
	}
	return 0;
}

#define NAMES_(id, name, ...) name,
static const char *const decision_keys[] = { DECISION_LIST(NAMES_) };
static const char *const red_flag_keys[] = { RED_FLAG_LIST(NAMES_) };
static const char *const rule_keys[] = { RULE_LIST(NAMES_) };
static const char *const run_rule_keys[] = { RUN_RULE_LIST(NAMES_) };
static const char *const run_verdict_keys[] = { RUN_VERDICT_LIST(NAMES_) };
static const char *const mtype_keys[] = { MASSAGE_TYPE_LIST(NAMES_) };
static const char *const goal_keys[] = { GOAL_LIST(NAMES_) };
static const char *const condition_keys[] = { CONDITION_LIST(NAMES_) };
static const char *const symptom_keys[] = { SYMPTOM_LIST(NAMES_) };
#define N_(a) (sizeof(a) / sizeof((a)[0]))

static int read_symptoms(struct loader *ld, const struct json_value *root)
{
	const struct json_value *obj;
	static const char *const keys[] = { "question", "label" };
	char path[256];
	struct kb *kb = ld->kb;

	/* Red-flag wording lives with the red flags; the rest here. */
	obj = need(ld, root, "", "symptoms", JSON_OBJECT);
	if (obj == NULL ||
	    check_keys(ld, obj, "symptoms", symptom_keys + SYMPTOM_RED_FLAG_COUNT,
		       SYMPTOM__COUNT - SYMPTOM_RED_FLAG_COUNT) < 0)
		return -1;
	for (int s = SYMPTOM_RED_FLAG_COUNT; s < SYMPTOM__COUNT; s++) {
		const struct json_value *v =
			json_object_get(obj, symptom_keys[s]);

		snprintf(path, sizeof path, "symptoms.%s", symptom_keys[s]);
		if (v == NULL)
			return fail_at(ld, obj, path, "missing");
		if (v->type != JSON_OBJECT)
			return fail_at(ld, v, path, "expected object, got %s",
				       type_name(v));
		if (check_keys(ld, v, path, keys, 2) < 0 ||
		    get_text(ld, v, path, "question",
			     &kb->symptoms[s].question) < 0 ||
		    get_text(ld, v, path, "label", &kb->symptoms[s].label) < 0)
			return -1;
		kb->symptoms[s].source = NULL;
	}
	return 0;
}

static int read_red_flags(struct loader *ld, const struct json_value *root)
{
	const struct json_value *obj;
	struct kb *kb = ld->kb;
	char path[256];

	if (read_keyed(ld, root, "red_flags", red_flag_keys, RED_FLAG__COUNT,
		       KEY_QUESTION | KEY_LABEL, SHAPE_FLAG, "red_flag",
		       kb->red_flags) < 0)
		return -1;
	obj = json_object_get(root, "red_flags");
	/* The seven reported red flags need a question; derived ones do not
	 * (they are computed from scores, never asked). */
	for (int f = 0; f < RED_FLAG__COUNT; f++) {
		const struct json_value *v =
			json_object_get(obj, red_flag_keys[f]);

		snprintf(path, sizeof path, "red_flags.%s", red_flag_keys[f]);
		if (get_text(ld, v, path, "label", &kb->red_flag_labels[f]) < 0)
			return -1;
		if (f < SYMPTOM_RED_FLAG_COUNT) {
			struct kb_symptom_text *t = &kb->symptoms[f];

			if (get_text(ld, v, path, "question", &t->question) < 0)
				return -1;
			t->label = kb->red_flag_labels[f];
			t->source = kb->red_flags[f].source;
		}
	}
	return 0;
}

static int read_pressure(struct loader *ld, const struct json_value *root)
{
	static const char *const keys[] = { "ceiling", "irritable", "stable",
					    "self", "self_caution",
					    "flare_hours", "flare_reduction",
					    "source" };
	const struct json_value *obj =
		need(ld, root, "", "pressure", JSON_OBJECT);
	const struct json_value *h;
	struct kb *kb = ld->kb;

	if (obj == NULL || check_keys(ld, obj, "pressure", keys, N_(keys)) < 0)
		return -1;
	/* The guide: 8-10/10 is rarely needed and risks flare-ups, so no
	 * knowledge base may set a band above 7. */
	if (get_int(ld, obj, "pressure", "ceiling", 1, 7, &kb->ceiling) < 0 ||
	    get_band(ld, obj, "pressure", "irritable", kb->ceiling,
		     &kb->irritable) < 0 ||
	    get_band(ld, obj, "pressure", "stable", kb->ceiling, &kb->stable) <
		    0 ||
	    get_band(ld, obj, "pressure", "self", kb->ceiling, &kb->self) < 0 ||
	    get_band(ld, obj, "pressure", "self_caution", kb->ceiling,
		     &kb->self_caution) < 0 ||
	    get_int(ld, obj, "pressure", "flare_reduction", 1, 9,
		    &kb->flare_reduction) < 0 ||
	    get_text(ld, obj, "pressure", "source", &kb->pressure_source) < 0)
		return -1;
	if (kb->irritable.max > kb->stable.max)
		return fail_at(ld, json_object_get(obj, "irritable"),
			       "pressure.irritable",
			       "an irritable area may not get more pressure "
			       "than a stable one");
	if (kb->self_caution.max > kb->self.max)
		return fail_at(ld, json_object_get(obj, "self_caution"),
			       "pressure.self_caution",
			       "cautious self-massage may not be firmer than "
			       "ordinary self-massage");
	h = need(ld, obj, "pressure", "flare_hours", JSON_NUMBER);
	if (h == NULL)
		return -1;
	if (!(h->u.number.num > 0 && h->u.number.num <= 168))
		return fail_at(ld, h, "pressure.flare_hours",
			       "expected hours from 1 to 168");
	kb->flare_hours = h->u.number.num;
	return 0;
}

static int read_frequency(struct loader *ld, const struct json_value *root)
{
	static const char *const keys[] = { "injury_block_days",
					    "maintenance_days", "injury_text",
					    "maintenance_text", "source" };
	const struct json_value *obj =
		need(ld, root, "", "frequency", JSON_OBJECT);
	struct kb *kb = ld->kb;
	int r[2];

	if (obj == NULL ||
	    check_keys(ld, obj, "frequency", keys, N_(keys)) < 0 ||
	    get_range(ld, obj, "frequency", "injury_block_days", 1, 365, r) < 0)
		return -1;
	kb->injury_block_days = (struct kb_band){ r[0], r[1] };
	if (get_range(ld, obj, "frequency", "maintenance_days", 1, 365, r) < 0)
		return -1;
	kb->maintenance_days = (struct kb_band){ r[0], r[1] };
	kb->injury_frequency.id = "injury_block";
	kb->maintenance_frequency.id = "maintenance";
	if (get_text(ld, obj, "frequency", "injury_text",
		     &kb->injury_frequency.text) < 0 ||
	    get_text(ld, obj, "frequency", "maintenance_text",
		     &kb->maintenance_frequency.text) < 0 ||
	    get_text(ld, obj, "frequency", "source",
		     &kb->injury_frequency.source) < 0)
		return -1;
	kb->maintenance_frequency.source = kb->injury_frequency.source;
	serialise_item(kb, &kb->injury_frequency, SHAPE_ITEM, NULL);
	serialise_item(kb, &kb->maintenance_frequency, SHAPE_ITEM, NULL);
	return 0;
}

static int read_conditions(struct loader *ld, const struct json_value *root)
{
	const struct json_value *obj =
		need(ld, root, "", "conditions", JSON_OBJECT);
	static const char *const keys[] = { "area", "text", "source",
					    "targets", "avoid", "do_next" };
	struct kb *kb = ld->kb;
	bool seen[AREA__COUNT] = { false };
	char path[256];

	if (obj == NULL || check_keys(ld, obj, "conditions", condition_keys,
				      CONDITION__COUNT) < 0)
		return -1;
	for (int c = 0; c < CONDITION__COUNT; c++) {
		const struct json_value *v =
			json_object_get(obj, condition_keys[c]);
		struct kb_condition *cond = &kb->conditions[c];
		const struct json_value *a;

		snprintf(path, sizeof path, "conditions.%s",
			 condition_keys[c]);
		if (v == NULL)
			return fail_at(ld, obj, path, "missing");
		if (v->type != JSON_OBJECT)
			return fail_at(ld, v, path, "expected object, got %s",
				       type_name(v));
		if (check_keys(ld, v, path, keys, N_(keys)) < 0)
			return -1;
		a = need(ld, v, path, "area", JSON_STRING);
		if (a == NULL)
			return -1;
		if (area_parse(a->u.string.s, a->u.string.len, &cond->area) <
		    0)
			return fail_at(ld, a, path, "unknown area \"%s\"",
				       a->u.string.s);
		if (seen[cond->area])
			return fail_at(ld, a, path,
				       "area \"%s\" belongs to two conditions",
				       a->u.string.s);
		seen[cond->area] = true;
		kb->by_area[cond->area] = (enum condition)c;
		memset(&cond->item, 0, sizeof cond->item);
		cond->item.id = condition_keys[c];
		if (get_text(ld, v, path, "text", &cond->item.text) < 0 ||
		    get_text(ld, v, path, "source", &cond->item.source) < 0)
			return -1;
		serialise_item(kb, &cond->item, SHAPE_ITEM, NULL);
		if (read_list(ld, v, path, "targets", KEY_WHEN, true,
			      SHAPE_ITEM, &cond->targets) < 0 ||
		    read_list(ld, v, path, "avoid", 0, false, SHAPE_ITEM,
			      &cond->avoid) < 0 ||
		    read_list(ld, v, path, "do_next", KEY_DAYS | KEY_PER_WEEK,
			      false, SHAPE_PLAN, &cond->do_next) < 0)
			return -1;
	}
	for (int a = 0; a < AREA__COUNT; a++)
		if (!seen[a])
			return fail_at(ld, obj, "conditions",
				       "no condition for area \"%s\"",
				       area_name((enum area)a));
	return 0;
}

/*
 * What an assess-first result shows instead of massage advice: a neutral
 * line in place of the condition, what to leave alone and what to do while
 * waiting. Both lists must say something: a person told to wait deserves
 * to know how.
 */
static int read_assess_first(struct loader *ld, const struct json_value *root)
{
	static const char *const keys[] = { "condition", "avoid", "meanwhile" };
	const struct json_value *obj =
		need(ld, root, "", "assess_first", JSON_OBJECT);
	const struct json_value *v;
	struct kb *kb = ld->kb;

	if (obj == NULL ||
	    check_keys(ld, obj, "assess_first", keys, N_(keys)) < 0)
		return -1;
	v = need(ld, obj, "assess_first", "condition", JSON_OBJECT);
	if (v == NULL || read_item(ld, v, "assess_first.condition",
				   "unassessed", 0, &kb->unassessed) < 0)
		return -1;
	serialise_item(kb, &kb->unassessed, SHAPE_ITEM, NULL);
	if (read_list(ld, obj, "assess_first", "avoid", 0, false, SHAPE_ITEM,
		      &kb->assess_avoid) < 0 ||
	    read_list(ld, obj, "assess_first", "meanwhile", 0, false,
		      SHAPE_PLAN, &kb->assess_meanwhile) < 0)
		return -1;
	if (kb->assess_avoid.count == 0 || kb->assess_meanwhile.count == 0)
		return fail_at(ld, obj, "assess_first",
			       "avoid and meanwhile need at least one item each");
	return 0;
}

static int read_kb(struct loader *ld, const struct json_value *root)
{
	static const char *const top_keys[] = {
		"version", "guide", "disclaimer", "decisions", "red_flags",
		"referral", "symptoms", "rules", "pressure", "massage_types",
		"goals", "aftercare", "frequency", "get_assessed",
		"assess_first", "light_sports", "run_verdicts", "run_rules",
		"conditions"
	};
	struct kb *kb = ld->kb;
	const struct json_value *v;

	if (root->type != JSON_OBJECT)
		return fail_at(ld, root, "", "expected object, got %s",
			       type_name(root));
	if (check_keys(ld, root, "", top_keys, N_(top_keys)) < 0 ||
	    get_text(ld, root, "", "version", &kb->version) < 0 ||
	    get_text(ld, root, "", "guide", &kb->guide) < 0 ||
	    get_text(ld, root, "", "disclaimer", &kb->disclaimer) < 0)
		return -1;
	if (read_keyed(ld, root, "decisions", decision_keys, DECISION__COUNT,
		       0, SHAPE_ITEM, NULL, kb->decisions) < 0 ||
	    read_red_flags(ld, root) < 0 || read_symptoms(ld, root) < 0 ||
	    read_keyed(ld, root, "rules", rule_keys, RULE__COUNT, 0,
		       SHAPE_RULE, NULL, kb->rules) < 0 ||
	    read_keyed(ld, root, "run_rules", run_rule_keys, RUN_RULE__COUNT,
		       0, SHAPE_RULE, NULL, kb->run_rules) < 0 ||
	    read_keyed(ld, root, "run_verdicts", run_verdict_keys,
		       RUN_VERDICT__COUNT, 0, SHAPE_ITEM, NULL,
		       kb->run_verdicts) < 0 ||
	    read_keyed(ld, root, "massage_types", mtype_keys,
		       MASSAGE_TYPE__COUNT, 0, SHAPE_ITEM, NULL,
		       kb->massage_types) < 0 ||
	    read_keyed(ld, root, "goals", goal_keys, GOAL__COUNT, 0,
		       SHAPE_ITEM, NULL, kb->goals) < 0 ||
	    read_pressure(ld, root) < 0 || read_frequency(ld, root) < 0 ||
	    read_conditions(ld, root) < 0)
		return -1;

	v = need(ld, root, "", "referral", JSON_OBJECT);
	if (v == NULL || read_item(ld, v, "referral", "referral", 0,
				   &kb->referral) < 0)
		return -1;
	serialise_item(kb, &kb->referral, SHAPE_ITEM, NULL);
	v = need(ld, root, "", "get_assessed", JSON_OBJECT);
	if (v == NULL ||
	    read_item(ld, v, "get_assessed", NULL, 0, &kb->get_assessed) < 0)
		return -1;
	serialise_item(kb, &kb->get_assessed, SHAPE_PLAN, NULL);
	v = need(ld, root, "", "light_sports", JSON_OBJECT);
	if (v == NULL || read_item(ld, v, "light_sports", "sports", 0,
				   &kb->light_sports) < 0)
		return -1;
	serialise_item(kb, &kb->light_sports, SHAPE_ITEM, NULL);
	if (read_assess_first(ld, root) < 0)
		return -1;
	return read_list(ld, root, "", "aftercare", KEY_WHEN, false,
			 SHAPE_ITEM, &kb->aftercare);
}

struct kb *kb_load(const char *text, size_t len, const char *name,
		   struct err *e)
{
	struct json_limits limits = { KB_MAX_BYTES, 16 };
	struct json_doc doc;
	struct loader ld;
	struct kb *kb = xcalloc(1, sizeof *kb);

	ld.kb = kb;
	ld.name = name ? name : "knowledge base";
	ld.e = e;
	json_doc_init(&doc);
	if (json_parse(&doc, text, len, &limits, e) < 0) {
		err_prefix(e, "%s: ", ld.name);
		e->code = ERR_CONFIG;
		goto fail;
	}
	if (read_kb(&ld, doc.root) < 0)
		goto fail;
	json_doc_release(&doc);
	return kb;
fail:
	json_doc_release(&doc);
	kb_free(kb);
	return NULL;
}

const char *kb_builtin_text(size_t *len)
{
	if (len)
		*len = kb_builtin_json_len;
	return kb_builtin_json;
}

struct kb *kb_load_builtin(struct err *e)
{
	return kb_load(kb_builtin_json, kb_builtin_json_len, "guide.json", e);
}

void kb_free(struct kb *kb)
{
	if (kb == NULL)
		return;
	for (size_t i = 0; i < kb->n_strings; i++)
		free(kb->strings[i]);
	free(kb->strings);
	free(kb);
}

const struct kb_symptom_text *kb_symptom(const struct kb *kb, enum symptom s)
{
	return &kb->symptoms[s];
}

const struct kb_item *kb_red_flag(const struct kb *kb, enum red_flag f)
{
	return &kb->red_flags[f];
}

const char *kb_red_flag_label(const struct kb *kb, enum red_flag f)
{
	return kb->red_flag_labels[f];
}

const struct kb_item *kb_decision(const struct kb *kb, enum decision d)
{
	return &kb->decisions[d];
}

const struct kb_item *kb_run_verdict(const struct kb *kb, enum run_verdict v)
{
	return &kb->run_verdicts[v];
}

const struct kb_item *kb_massage_type(const struct kb *kb,
				      enum massage_type m)
{
	return &kb->massage_types[m];
}

const struct kb_item *kb_goal(const struct kb *kb, enum goal g)
{
	return &kb->goals[g];
}

enum condition kb_condition_for(const struct kb *kb, enum area a)
{
	return kb->by_area[a];
}

const struct kb_item *kb_condition(const struct kb *kb, enum condition c)
{
	return &kb->conditions[c].item;
}

const char *kb_disclaimer(const struct kb *kb)
{
	return kb->disclaimer;
}

const char *kb_version(const struct kb *kb)
{
	return kb->version;
}

void kb_frequency(const struct kb *kb, struct kb_frequency *out)
{
	out->injury_block_days[0] = kb->injury_block_days.min;
	out->injury_block_days[1] = kb->injury_block_days.max;
	out->maintenance_days[0] = kb->maintenance_days.min;
	out->maintenance_days[1] = kb->maintenance_days.max;
	out->injury = &kb->injury_frequency;
	out->maintenance = &kb->maintenance_frequency;
}
