/*
 * intake.c - read an intake from JSON and check one filled in by hand.
 *
 * intake_parse_json() walks the tree json_parse() builds, one member at a
 * time, through a table of fields per object (the top level, "pain" and
 * "last_massage"). Each field has a reader that checks the type and range
 * and stores the value; names come from the engine's X-macro tables via
 * area_parse() and friends. Every problem becomes one line
 * "<field path>: <problem>", and anything the table does not know is an
 * error, so a typo can never silently drop a red flag.
 *
 * intake_validate() checks the same ranges on a struct intake set field by
 * field (CLI flags, interactive answers) and words its messages the same
 * way. The CLI's check command and the web form are the callers.
 */
#include "engine/engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

/* How deep an intake may nest; a valid one never goes past 2. */
#define INTAKE_MAX_DEPTH 16

/* Longest piece of a user's text quoted back in a message, in bytes. */
#define QUOTE_MAX 40

void intake_init(struct intake *in)
{
	in->area = AREA_OTHER;
	in->symptoms = 0;
	in->denied = 0;
	in->pain_rest = PAIN_UNSET;
	in->pain_run = PAIN_UNSET;
	in->pain_morning = PAIN_UNSET;
	in->trend = TREND_SAME;
	in->has_trend = false;
	in->goal = GOAL_RELIEF;
	in->side = SIDE__COUNT;
	in->has_last_massage = false;
	in->last_pressure = 0;
	in->flare_hours = 0;
	in->bruised_or_limping = false;
	in->carried_flags = 0;
}

/* ---- Wording ---- */

/*
 * Quote s[0..len) for a message: in double quotes, with '"', '\\' and
 * control characters escaped so the message stays on one line, and cut
 * after QUOTE_MAX bytes (on a character boundary) with "...".
 */
static const char *quote(char *buf, size_t size, const char *s, size_t len)
{
	size_t o = 0, i;

	buf[o++] = '"';
	/* Room for one escaped byte (6) and the tail "...\"" and NUL (5). */
	for (i = 0; i < len && o + 11 <= size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= QUOTE_MAX && (c & 0xc0) != 0x80)
			break;
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			o += (size_t)snprintf(buf + o, size - o, "\\u%04x", c);
		} else {
			buf[o++] = (char)c;
		}
	}
	if (i < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

/* The shortest decimal form of d that reads back as d. */
static const char *number_text(char *buf, size_t size, double d)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return buf;
}

/* What a value was, for "got ...": its text when short, else its type. */
static const char *describe(char *buf, size_t size,
			    const struct json_value *v)
{
	switch (v->type) {
	case JSON_NUMBER:
		return number_text(buf, size, v->u.number.num);
	case JSON_STRING:
		return quote(buf, size, v->u.string.s, v->u.string.len);
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return json_type_name(v->type);
	}
}

#define GOT_MAX (QUOTE_MAX * 6 + 16)

/* "<path>: expected <what>, got <v>" */
static int fail_type(struct err *e, const char *path, const char *what,
		     const struct json_value *v)
{
	char got[GOT_MAX];

	return err_set(e, ERR_DATA, "%s: expected %s, got %s", path, what,
		       describe(got, sizeof got, v));
}

/*
 * A vocabulary the intake names (area, trend, goal), seen through unsigned
 * so one reader and one checker serve them all.
 */
struct vocab {
	const char *noun;
	unsigned count;
	const char *(*name)(unsigned i);
	int (*parse)(const char *s, size_t len, unsigned *out);
};

#define VOCAB_ADAPTERS_(kind)                                                 \
	static const char *kind##_name_at(unsigned i)                         \
	{                                                                     \
		return kind##_name((enum kind)i);                             \
	}                                                                     \
	static int kind##_parse_to(const char *s, size_t len, unsigned *out)  \
	{                                                                     \
		enum kind k;                                                  \
		if (kind##_parse(s, len, &k) < 0)                             \
			return -1;                                            \
		*out = (unsigned)k;                                           \
		return 0;                                                     \
	}

VOCAB_ADAPTERS_(area)
VOCAB_ADAPTERS_(trend)
VOCAB_ADAPTERS_(goal)
VOCAB_ADAPTERS_(side)

static const struct vocab area_vocab = {
	"area", AREA__COUNT, area_name_at, area_parse_to
};
static const struct vocab trend_vocab = {
	"trend", TREND__COUNT, trend_name_at, trend_parse_to
};
static const struct vocab goal_vocab = {
	"goal", GOAL__COUNT, goal_name_at, goal_parse_to
};
static const struct vocab side_vocab = {
	"side", SIDE__COUNT, side_name_at, side_parse_to
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The vocabulary's names in alphabetical order: "better, same, worse". */
static const char *vocab_list(char *buf, size_t size, const struct vocab *vc)
{
	const char *names[32];
	unsigned n = vc->count < 32 ? vc->count : 32;
	size_t o = 0;

	for (unsigned i = 0; i < n; i++)
		names[i] = vc->name(i);
	qsort(names, n, sizeof names[0], by_name);
	buf[0] = '\0';
	for (unsigned i = 0; i < n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s",
				      i ? ", " : "", names[i]);
	return buf;
}

/* "<path>: unknown <noun> <what> (<names>)" */
static int fail_vocab(struct err *e, const char *path, const struct vocab *vc,
		      const char *what)
{
	char list[256];

	return err_set(e, ERR_DATA, "%s: unknown %s %s (%s)", path, vc->noun,
		       what, vocab_list(list, sizeof list, vc));
}

static int fail_score(struct err *e, const char *path, int lo, int hi,
		      const char *got)
{
	return err_set(e, ERR_DATA,
		       "%s: expected a whole number from %d to %d, got %s",
		       path, lo, hi, got);
}

static int fail_hours(struct err *e, const char *path, const char *got)
{
	return err_set(e, ERR_DATA,
		       "%s: expected a number of hours >= 0, got %s", path,
		       got);
}

/* ---- Fields ---- */

/*
 * One member an intake object may have. read() checks v and stores it in
 * in; v is never JSON null (null means "not given" and is skipped).
 */
struct field {
	const char *name;	/* key in its object */
	size_t name_len;
	const char *path;	/* for messages: "pain.run" */
	int (*read)(const struct field *f, const struct json_value *v,
		    struct intake *in, struct err *e);
	size_t offset;		/* int member of struct intake, for scores */
	int lo, hi;		/* range of a score */
	const struct vocab *vocab;
	const struct field *sub;	/* members of an object field */
	size_t n_sub;
};

static int read_members(const struct field *fields, size_t n,
			const char *prefix, const struct json_value *obj,
			struct intake *in, unsigned *seen_out, struct err *e);

static int read_word(const struct field *f, const struct json_value *v,
		     unsigned *out, struct err *e)
{
	char got[GOT_MAX];

	if (v->type != JSON_STRING)
		return fail_type(e, f->path, "a string", v);
	if (f->vocab->parse(v->u.string.s, v->u.string.len, out) < 0)
		return fail_vocab(e, f->path, f->vocab,
				  quote(got, sizeof got, v->u.string.s,
					v->u.string.len));
	return 0;
}

/* read_area, read_goal, read_side: a name of the field's vocabulary. */
#define READ_WORD_(kind)                                                      \
	static int read_##kind(const struct field *f,                         \
			       const struct json_value *v, struct intake *in, \
			       struct err *e)                                 \
	{                                                                     \
		unsigned u;                                                   \
		if (read_word(f, v, &u, e) < 0)                               \
			return -1;                                            \
		in->kind = (enum kind)u;                                      \
		return 0;                                                     \
	}

READ_WORD_(area)
READ_WORD_(goal)
READ_WORD_(side)

/* A trend that was given (the run rule on deterioration needs to know). */
static int read_trend(const struct field *f, const struct json_value *v,
		      struct intake *in, struct err *e)
{
	unsigned u;

	if (read_word(f, v, &u, e) < 0)
		return -1;
	in->trend = (enum trend)u;
	in->has_trend = true;
	return 0;
}

/* Symptoms (and denied ones) may repeat: they form a set, the member of
 * struct intake at f->offset. */
static int read_symptoms(const struct field *f, const struct json_value *v,
			 struct intake *in, struct err *e)
{
	uint32_t *set = (uint32_t *)((char *)in + f->offset);
	char got[GOT_MAX];

	if (v->type != JSON_ARRAY)
		return fail_type(e, f->path, "an array of symptom names", v);
	for (size_t i = 0; i < v->u.array.count; i++) {
		const struct json_value *s = v->u.array.items[i];
		enum symptom sym;

		if (s->type != JSON_STRING)
			return err_set(e, ERR_DATA,
				       "%s[%zu]: expected a symptom name, "
				       "got %s", f->path, i,
				       describe(got, sizeof got, s));
		if (symptom_parse(s->u.string.s, s->u.string.len, &sym) < 0)
			return err_set(e, ERR_DATA,
				       "%s[%zu]: unknown symptom %s", f->path,
				       i, quote(got, sizeof got, s->u.string.s,
						s->u.string.len));
		*set |= SYMPTOM_BIT(sym);
	}
	return 0;
}

/* A whole number in [lo, hi]; 3.0 counts as whole, 3.5 does not. */
static int read_score(const struct field *f, const struct json_value *v,
		      struct intake *in, struct err *e)
{
	char got[GOT_MAX];
	double d;

	if (v->type != JSON_NUMBER)
		return fail_score(e, f->path, f->lo, f->hi,
				  describe(got, sizeof got, v));
	d = v->u.number.num;
	if (!(d >= f->lo && d <= f->hi) || d != floor(d))
		return fail_score(e, f->path, f->lo, f->hi,
				  describe(got, sizeof got, v));
	*(int *)((char *)in + f->offset) = (int)d;
	return 0;
}

static int read_hours(const struct field *f, const struct json_value *v,
		      struct intake *in, struct err *e)
{
	char got[GOT_MAX];

	if (v->type != JSON_NUMBER || !(v->u.number.num >= 0))
		return fail_hours(e, f->path, describe(got, sizeof got, v));
	/* + 0.0 turns -0 into 0. */
	in->flare_hours = v->u.number.num + 0.0;
	return 0;
}

static int read_bruised(const struct field *f, const struct json_value *v,
			struct intake *in, struct err *e)
{
	if (v->type != JSON_TRUE && v->type != JSON_FALSE)
		return fail_type(e, f->path, "true or false", v);
	in->bruised_or_limping = v->type == JSON_TRUE;
	return 0;
}

static int read_object(const struct field *f, const struct json_value *v,
		       struct intake *in, struct err *e)
{
	if (v->type != JSON_OBJECT)
		return fail_type(e, f->path, "an object", v);
	return read_members(f->sub, f->n_sub, f->path, v, in, NULL, e);
}

static int read_last_massage(const struct field *f,
			     const struct json_value *v, struct intake *in,
			     struct err *e)
{
	in->has_last_massage = true;
	return read_object(f, v, in, e);
}

/* A field's key and its length, for lookups without strlen. */
#define NAME_(key) .name = key, .name_len = sizeof(key) - 1

#define SCORE_(key, path_, member, min, max)                                  \
	{ NAME_(key), .path = path_, .read = read_score,                     \
	  .offset = offsetof(struct intake, member), .lo = min, .hi = max }

static const struct field pain_fields[] = {
	SCORE_("rest", "pain.rest", pain_rest, 0, 10),
	SCORE_("run", "pain.run", pain_run, 0, 10),
	SCORE_("morning", "pain.morning", pain_morning, 0, 10),
};

#define LAST_PRESSURE_MIN 1
#define LAST_PRESSURE_MAX 10

static const struct field last_massage_fields[] = {
	SCORE_("pressure", "last_massage.pressure", last_pressure,
	       LAST_PRESSURE_MIN, LAST_PRESSURE_MAX),
	{ NAME_("flare_hours"), .path = "last_massage.flare_hours",
	  .read = read_hours },
	{ NAME_("bruised_or_limping"),
	  .path = "last_massage.bruised_or_limping", .read = read_bruised },
};
#define FIELD_PRESSURE (&last_massage_fields[0])
#define FIELD_FLARE (&last_massage_fields[1])

#define COUNT_(a) (sizeof(a) / sizeof((a)[0]))

static const struct field intake_fields[] = {
	{ NAME_("area"), .path = "area", .read = read_area,
	  .vocab = &area_vocab },
	{ NAME_("symptoms"), .path = "symptoms", .read = read_symptoms,
	  .offset = offsetof(struct intake, symptoms) },
	{ NAME_("denied"), .path = "denied", .read = read_symptoms,
	  .offset = offsetof(struct intake, denied) },
	{ NAME_("pain"), .path = "pain", .read = read_object,
	  .sub = pain_fields, .n_sub = COUNT_(pain_fields) },
	{ NAME_("trend"), .path = "trend", .read = read_trend,
	  .vocab = &trend_vocab },
	{ NAME_("goal"), .path = "goal", .read = read_goal,
	  .vocab = &goal_vocab },
	{ NAME_("last_massage"), .path = "last_massage",
	  .read = read_last_massage, .sub = last_massage_fields,
	  .n_sub = COUNT_(last_massage_fields) },
	{ NAME_("side"), .path = "side", .read = read_side,
	  .vocab = &side_vocab },
};

/* Index of area in intake_fields: the one required field. */
#define FIELD_AREA 0

/* A key as the message shows it: bare when it is a plain word. */
static const char *key_text(char *buf, size_t size,
			    const struct json_member *m)
{
	bool plain = m->key_len > 0 && m->key_len <= QUOTE_MAX;

	for (size_t i = 0; plain && i < m->key_len; i++) {
		char c = m->key[i];

		plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '_' || c == '-';
	}
	if (plain)
		return m->key;
	return quote(buf, size, m->key, m->key_len);
}

/*
 * Read every member of obj through the table fields[0..n). prefix is the
 * path of obj ("" at the top level). When seen_out is not NULL it receives
 * the fields present, as bits by index in fields.
 */
static int read_members(const struct field *fields, size_t n,
			const char *prefix, const struct json_value *obj,
			struct intake *in, unsigned *seen_out, struct err *e)
{
	unsigned seen = 0;

	for (size_t i = 0; i < obj->u.object.count; i++) {
		const struct json_member *m = &obj->u.object.members[i];
		const struct field *f = NULL;
		size_t k;

		for (k = 0; k < n; k++)
			if (fields[k].name_len == m->key_len &&
			    memcmp(fields[k].name, m->key, m->key_len) == 0) {
				f = &fields[k];
				break;
			}
		if (f == NULL) {
			char key[GOT_MAX];

			return err_set(e, ERR_DATA, "%s%s%s: unknown field",
				       prefix, *prefix ? "." : "",
				       key_text(key, sizeof key, m));
		}
		/* A second copy could hide a red flag the first one shows. */
		if (seen & (1u << k))
			return err_set(e, ERR_DATA, "%s: given twice", f->path);
		seen |= 1u << k;
		if (m->value->type == JSON_NULL)
			continue;
		if (f->read(f, m->value, in, e) < 0)
			return -1;
	}
	if (seen_out != NULL)
		*seen_out = seen;
	return 0;
}

/*
 * A symptom both reported and denied is a contradiction the person has to
 * resolve: refuse it, naming the symptom (and, from JSON, its place in
 * "denied"). Returns 0, or -1 with e set.
 */
static int check_denied(const struct intake *in, const struct json_value *root,
			struct err *e)
{
	uint32_t both = in->symptoms & in->denied;
	const struct json_value *arr;
	unsigned bit = 0;

	if (both == 0)
		return 0;
	while (!(both & SYMPTOM_BIT(bit)))
		bit++;
	arr = root != NULL ? json_object_get(root, "denied") : NULL;
	for (size_t i = 0; arr != NULL && arr->type == JSON_ARRAY &&
			   i < arr->u.array.count;
	     i++) {
		const struct json_value *s = arr->u.array.items[i];
		enum symptom sym;

		if (symptom_parse(s->u.string.s, s->u.string.len, &sym) == 0 &&
		    sym == (enum symptom)bit)
			return err_set(e, ERR_DATA,
				       "denied[%zu]: \"%s\" is also in symptoms; "
				       "a symptom is either reported or denied",
				       i, symptom_name(sym));
	}
	return err_set(e, ERR_DATA,
		       "denied: \"%s\" is also in symptoms; a symptom is "
		       "either reported or denied",
		       symptom_name((enum symptom)bit));
}

int intake_parse_json(struct intake *out, const char *text, size_t len,
		      struct json_doc *scratch, struct err *e)
{
	static const struct json_limits limits = { INTAKE_MAX_BYTES,
						    INTAKE_MAX_DEPTH };
	struct json_doc local;
	struct json_doc *doc = scratch ? scratch : &local;
	const struct json_value *root;
	struct intake in;
	unsigned seen = 0;
	int rc = -1;

	if (len > INTAKE_MAX_BYTES)
		return err_set(e, ERR_DATA, "intake: larger than the limit of "
			       "%d bytes", INTAKE_MAX_BYTES);
	if (scratch == NULL)
		json_doc_init(&local);
	if (json_parse(doc, text, len, &limits, e) < 0)
		goto done;
	root = doc->root;
	if (root->type != JSON_OBJECT) {
		fail_type(e, "intake", "an object", root);
		goto done;
	}
	intake_init(&in);
	if (read_members(intake_fields, COUNT_(intake_fields), "", root, &in,
			 &seen, e) < 0)
		goto done;
	/* "area": null is seen but not given. */
	if (!(seen & (1u << FIELD_AREA)) ||
	    json_object_get(root, "area")->type == JSON_NULL) {
		err_set(e, ERR_DATA, "area: missing (required)");
		goto done;
	}
	if (check_denied(&in, root, e) < 0)
		goto done;
	*out = in;
	rc = 0;
done:
	if (scratch == NULL)
		json_doc_release(&local);
	return rc;
}

/* ---- Checking a struct filled in by hand ---- */

static int check_vocab(const struct vocab *vc, unsigned value,
		       struct err *e)
{
	char what[24];

	if (value < vc->count)
		return 0;
	snprintf(what, sizeof what, "%u", value);
	return fail_vocab(e, vc->noun, vc, what);
}

static int check_score(const struct field *f, const struct intake *in,
		       int unset, struct err *e)
{
	int v = *(const int *)((const char *)in + f->offset);
	char got[24];

	if (v == unset || (v >= f->lo && v <= f->hi))
		return 0;
	snprintf(got, sizeof got, "%d", v);
	return fail_score(e, f->path, f->lo, f->hi, got);
}

int intake_validate(const struct intake *in, struct err *e)
{
	uint32_t extra = (in->symptoms | in->denied) &
			 ~(uint32_t)(SYMPTOM_BIT(SYMPTOM__COUNT) - 1);

	if (check_vocab(&area_vocab, (unsigned)in->area, e) < 0)
		return -1;
	if (in->carried_flags >> RED_FLAG__COUNT)
		return err_set(e, ERR_DATA, "carried warning signs: unknown "
			       "red flag");
	if (extra != 0) {
		unsigned bit = 0;

		while (!(extra & SYMPTOM_BIT(bit)))
			bit++;
		return err_set(e, ERR_DATA, "symptoms: unknown symptom %u",
			       bit);
	}
	for (size_t i = 0; i < COUNT_(pain_fields); i++)
		if (check_score(&pain_fields[i], in, PAIN_UNSET, e) < 0)
			return -1;
	if (check_vocab(&trend_vocab, (unsigned)in->trend, e) < 0 ||
	    check_vocab(&goal_vocab, (unsigned)in->goal, e) < 0 ||
	    ((unsigned)in->side != SIDE__COUNT &&
	     check_vocab(&side_vocab, (unsigned)in->side, e) < 0) ||
	    check_denied(in, NULL, e) < 0)
		return -1;
	if (!in->has_last_massage)
		return 0;
	/* 0 means the pressure was not given. */
	if (check_score(FIELD_PRESSURE, in, 0, e) < 0)
		return -1;
	if (!(isfinite(in->flare_hours) && in->flare_hours >= 0)) {
		char got[32];

		return fail_hours(e, FIELD_FLARE->path,
				  number_text(got, sizeof got,
					      in->flare_hours));
	}
	return 0;
}
