/*
 * fit.c - FIT decoder (see fit.h).
 *
 * A definition message is compiled into a short list of actions, one per
 * field runcare uses, each with its offset in the data message, its size,
 * its base type and its role. Decoding a data message then touches only
 * those fields, which keeps the decoder fast on long files. The CRC runs
 * over every byte as it is consumed.
 */
#include "import/fit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records up to this far outside a session's start and end still belong
 * to it. */
#define FIT_SESSION_SLACK_S 120.0

/* A date_time below this counts seconds since the device was switched
 * on, not since the FIT epoch (the protocol's rule). */
#define FIT_DATE_MIN 0x10000000u

/* Events 42 and 43: a front or rear gear change. Only bicycles have
 * gears, so a file that names no sport and has them is a ride. */
#define FIT_EVENT_FRONT_GEAR 42
#define FIT_EVENT_REAR_GEAR 43

/* Global message numbers used. */
enum {
	MESG_FILE_ID = 0,
	MESG_SPORT = 12,
	MESG_SESSION = 18,
	MESG_LAP = 19,
	MESG_RECORD = 20,
	MESG_EVENT = 21,
};

/* What a field means to runcare. */
enum fit_role {
	R_NONE,
	R_TIMESTAMP,
	R_LAT, R_LON, R_ALT, R_EALT, R_HR, R_DIST, R_SPEED, R_ESPEED,
	R_EVENT, R_EVENT_TYPE,
	R_SPORT,
	R_TOTAL_ELAPSED, R_TOTAL_TIMER, R_TOTAL_DIST,
	R_START_TIME, R_AVG_HR, R_ASCENT, R_DESCENT,
	R_FILE_TYPE,
};

/* Field roles by (global message, field number). Field 253 is the
 * timestamp of every message. */
static const struct {
	uint16_t mesg;
	uint8_t field;
	uint8_t role;
} field_roles[] = {
	{ MESG_FILE_ID, 0, R_FILE_TYPE },
	{ MESG_SPORT, 0, R_SPORT },
	{ MESG_SESSION, 2, R_START_TIME },
	{ MESG_SESSION, 5, R_SPORT },
	{ MESG_SESSION, 16, R_AVG_HR },
	{ MESG_SESSION, 22, R_ASCENT },
	{ MESG_SESSION, 23, R_DESCENT },
	{ MESG_SESSION, 7, R_TOTAL_ELAPSED },
	{ MESG_SESSION, 8, R_TOTAL_TIMER },
	{ MESG_SESSION, 9, R_TOTAL_DIST },
	{ MESG_LAP, 7, R_TOTAL_ELAPSED },
	{ MESG_LAP, 8, R_TOTAL_TIMER },
	{ MESG_LAP, 9, R_TOTAL_DIST },
	{ MESG_LAP, 25, R_SPORT },
	{ MESG_RECORD, 0, R_LAT },
	{ MESG_RECORD, 1, R_LON },
	{ MESG_RECORD, 2, R_ALT },
	{ MESG_RECORD, 3, R_HR },
	{ MESG_RECORD, 5, R_DIST },
	{ MESG_RECORD, 6, R_SPEED },
	{ MESG_RECORD, 73, R_ESPEED },
	{ MESG_RECORD, 78, R_EALT },
	{ MESG_EVENT, 0, R_EVENT },
	{ MESG_EVENT, 1, R_EVENT_TYPE },
};

/* Base types: number, size in bytes, signedness, invalid value. */
struct base_type {
	uint8_t id;
	uint8_t size;
	bool is_signed, is_float;
	uint64_t invalid;
};
static const struct base_type base_types[] = {
	{ 0x00, 1, false, false, 0xFF },		/* enum */
	{ 0x01, 1, true, false, 0x7F },			/* sint8 */
	{ 0x02, 1, false, false, 0xFF },		/* uint8 */
	{ 0x83, 2, true, false, 0x7FFF },		/* sint16 */
	{ 0x84, 2, false, false, 0xFFFF },		/* uint16 */
	{ 0x85, 4, true, false, 0x7FFFFFFF },		/* sint32 */
	{ 0x86, 4, false, false, 0xFFFFFFFF },		/* uint32 */
	{ 0x07, 1, false, false, 0x00 },		/* string */
	{ 0x88, 4, false, true, 0xFFFFFFFF },		/* float32 */
	{ 0x89, 8, false, true, 0xFFFFFFFFFFFFFFFFull },/* float64 */
	{ 0x0A, 1, false, false, 0x00 },		/* uint8z */
	{ 0x8B, 2, false, false, 0x0000 },		/* uint16z */
	{ 0x8C, 4, false, false, 0x00000000 },		/* uint32z */
	{ 0x0D, 1, false, false, 0xFF },		/* byte */
	{ 0x8E, 8, true, false, 0x7FFFFFFFFFFFFFFFull },/* sint64 */
	{ 0x8F, 8, false, false, 0xFFFFFFFFFFFFFFFFull },/* uint64 */
	{ 0x90, 8, false, false, 0x0000000000000000ull },/* uint64z */
};

/* The type number is the low five bits of the base-type byte; bit 7 only
 * says whether the type is wider than a byte.  A number the protocol does
 * not know is read as bytes (what Garmin's SDK does).  Returns a pointer
 * into the static table; never NULL. */
static const struct base_type *base_type_find(uint8_t id)
{
	for (size_t i = 0; i < sizeof(base_types) / sizeof(base_types[0]); i++)
		if ((base_types[i].id & 0x1F) == (id & 0x1F))
			return &base_types[i];
	return &base_types[13]; /* byte */
}

struct fit_action {
	uint16_t offset;
	uint8_t role;
	const struct base_type *bt;
};

struct fit_def {
	bool valid;
	bool big_endian;
	uint16_t mesg;
	uint32_t size;		/* bytes of one data message after its header */
	uint8_t n_actions;
	bool has_timestamp;
	uint16_t ts_offset;
	struct fit_action actions[16];
};

/* One session message: a leg of the file (several make a multisport
 * file, each summarised from its own totals). NAN: not given. */
struct fit_session {
	double start, end, dist, timer, elapsed, ascent, descent, hr, sport;
};

struct fit_state {
	struct ibuf *b;
	struct activity_sum *sum;
	fit_record_fn on_record;
	void *ud;
	uint16_t crc_table[256];
	uint16_t crc;
	uint64_t file_start;	/* stream offset of the current file */
	uint32_t last_ts;	/* for compressed timestamps */
	bool have_ts;
	int file_type;		/* -1 until file_id says */
	double sess_dist, sess_timer, sess_elapsed;
	double lap_dist, lap_timer, lap_elapsed;
	bool have_session;
	size_t n_sessions;	/* may exceed ACTIVITY_LEGS_MAX: refused */
	size_t sessions_closed;	/* that ended a leg of their records */
	bool sessions_apart;	/* a session not after its records */
	bool gear_changes;	/* gear change events seen */
	struct fit_session sessions[ACTIVITY_LEGS_MAX];
	struct fit_def defs[16];
};

uint16_t fit_crc16(uint16_t crc, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0xA001)
					: (uint16_t)(crc >> 1);
	}
	return crc;
}

static void crc_table_init(uint16_t t[256])
{
	for (unsigned i = 0; i < 256; i++) {
		unsigned char c = (unsigned char)i;
		t[i] = fit_crc16(0, &c, 1);
	}
}

static inline void crc_add(struct fit_state *f, const unsigned char *p,
			   size_t n)
{
	uint16_t crc = f->crc;

	for (size_t i = 0; i < n; i++)
		crc = (uint16_t)((crc >> 8) ^ f->crc_table[(crc ^ p[i]) & 0xFF]);
	f->crc = crc;
}

bool fit_sniff(const unsigned char *p, size_t n)
{
	return n >= 12 && (p[0] == 12 || p[0] == 14) &&
	       memcmp(p + 8, ".FIT", 4) == 0;
}

static int fail_at(struct fit_state *f, struct err *e, const char *what)
{
	return err_set(e, ERR_DATA, "byte %llu: %s",
		       (unsigned long long)ibuf_offset(f->b), what);
}

/* Make n bytes available; a short stream is a truncated file. */
static int need(struct fit_state *f, size_t n, struct err *e)
{
	ssize_t got = ibuf_fill(f->b, n, e);

	if (got < 0)
		return -1;
	if ((size_t)got < n)
		return fail_at(f, e, "the file is truncated");
	return 0;
}

/* Consume n available bytes into the CRC. */
static inline const unsigned char *take(struct fit_state *f, size_t n)
{
	const unsigned char *p = f->b->buf + f->b->pos;

	crc_add(f, p, n);
	f->b->pos += n;
	return p;
}

static inline uint64_t read_uint(const unsigned char *p, unsigned size,
				 bool be)
{
	uint64_t v = 0;

	if (be)
		for (unsigned i = 0; i < size; i++)
			v = (v << 8) | p[i];
	else
		for (unsigned i = size; i-- > 0;)
			v = (v << 8) | p[i];
	return v;
}

/* The value of an action's field as a double; NAN when invalid. */
static double field_value(const struct fit_action *a, const unsigned char *msg,
			  bool be)
{
	const struct base_type *bt = a->bt;
	uint64_t raw = read_uint(msg + a->offset, bt->size, be);

	if (raw == bt->invalid)
		return NAN;
	if (bt->is_float) {
		if (bt->size == 4) {
			float fv;
			uint32_t u = (uint32_t)raw;
			memcpy(&fv, &u, 4);
			return isfinite(fv) ? (double)fv : NAN;
		}
		double dv;
		memcpy(&dv, &raw, 8);
		return isfinite(dv) ? dv : NAN;
	}
	if (bt->is_signed) {
		unsigned bits = bt->size * 8u;
		if (bits < 64 && (raw >> (bits - 1)) & 1)
			return (double)(int64_t)(raw | (~0ull << bits));
		return (double)(int64_t)raw;
	}
	return (double)raw;
}

static int role_of(uint16_t mesg, uint8_t field)
{
	for (size_t i = 0; i < sizeof(field_roles) / sizeof(field_roles[0]); i++)
		if (field_roles[i].mesg == mesg && field_roles[i].field == field)
			return field_roles[i].role;
	return R_NONE;
}

static int read_definition(struct fit_state *f, unsigned local, bool dev,
			   struct err *e)
{
	struct fit_def *d = &f->defs[local];
	const unsigned char *h;
	unsigned n, ndev = 0;
	uint32_t off = 0;
	char msg[120];

	if (need(f, 5, e) < 0)
		return -1;
	h = f->b->buf + f->b->pos;
	if (h[1] > 1) {
		snprintf(msg, sizeof(msg), "architecture %u is neither 0 nor 1",
			 h[1]);
		return fail_at(f, e, msg);
	}
	n = h[4];
	if (need(f, 5 + 3 * (size_t)n + (dev ? 1 : 0), e) < 0)
		return -1;
	h = f->b->buf + f->b->pos;
	if (dev) {
		ndev = h[5 + 3 * n];
		if (need(f, 6 + 3 * (size_t)n + 3 * (size_t)ndev, e) < 0)
			return -1;
		h = f->b->buf + f->b->pos;
	}
	memset(d, 0, sizeof(*d));
	d->big_endian = h[1] == 1;
	d->mesg = (uint16_t)read_uint(h + 2, 2, d->big_endian);
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *fd = h + 5 + 3 * i;
		uint8_t num = fd[0], size = fd[1], type = fd[2];
		const struct base_type *bt = base_type_find(type);
		/* A size that is not a multiple of the type's size is read
		 * as bytes and skipped, as the SDK does. */
		if (size % bt->size != 0)
			bt = &base_types[13];
		int role = num == 253 ? R_TIMESTAMP : role_of(d->mesg, num);
		if (role != R_NONE && size == bt->size && d->n_actions < 16 &&
		    !(bt->id == 0x07)) {
			if (role == R_TIMESTAMP && bt->size == 4 && !bt->is_float) {
				d->has_timestamp = true;
				d->ts_offset = (uint16_t)off;
			} else if (role != R_TIMESTAMP) {
				d->actions[d->n_actions++] = (struct fit_action){
					(uint16_t)off, (uint8_t)role, bt };
			}
		}
		off += size;
	}
	for (unsigned i = 0; i < ndev; i++)
		off += h[6 + 3 * n + 3 * i + 1];
	d->size = off;
	d->valid = true;
	take(f, 5 + 3 * (size_t)n + (dev ? 1 + 3 * (size_t)ndev : 0));
	return 0;
}

static void finish_record(struct fit_state *f, struct fit_record *r)
{
	struct activity_point p;

	if (isnan(r->t))
		return;
	if (f->on_record != NULL)
		f->on_record(f->ud, r);
	if (r->t < FIT_EPOCH_UNIX + FIT_DATE_MIN) {
		activity_sum_refuse(f->sum, "record times count seconds from when "
				    "the device was switched on, not dates (its "
				    "clock was not set)");
		return;
	}
	p.t = r->t;
	p.lat = r->lat;
	p.lon = r->lon;
	if (isnan(p.lat) || isnan(p.lon))
		p.lat = p.lon = NAN;
	p.ele = r->alt;
	p.dist = r->dist;
	p.speed = r->speed;
	p.hr = r->hr;
	activity_sum_point(f->sum, &p);
}

/* An enum-like field as an int; -1 when it is out of 0..65535 (fields can
 * be declared with any base type, so the value may be anything). */
static int small_int(double v)
{
	return v >= 0 && v <= 65535 ? (int)v : -1;
}

/* The protocol's sport numbers runcare names; any other number is
 * another sport, named by its number. */
static const struct {
	uint8_t num;
	enum activity_sport sport;
	const char *word;
} fit_sports[] = {
	{ 0, ACTIVITY_SPORT_UNKNOWN, "generic" },
	{ 1, ACTIVITY_SPORT_RUN, "running" },
	{ 2, ACTIVITY_SPORT_OTHER, "cycling" },
	{ 3, ACTIVITY_SPORT_OTHER, "transition" },
	{ 4, ACTIVITY_SPORT_OTHER, "fitness equipment" },
	{ 5, ACTIVITY_SPORT_OTHER, "swimming" },
	{ 10, ACTIVITY_SPORT_OTHER, "training" },
	{ 11, ACTIVITY_SPORT_WALK, "walking" },
	{ 12, ACTIVITY_SPORT_OTHER, "cross-country skiing" },
	{ 15, ACTIVITY_SPORT_OTHER, "rowing" },
	{ 17, ACTIVITY_SPORT_WALK, "hiking" },
	{ 18, ACTIVITY_SPORT_OTHER, "multisport" },
	{ 19, ACTIVITY_SPORT_OTHER, "paddling" },
	{ 37, ACTIVITY_SPORT_OTHER, "stand-up paddleboarding" },
};

/* Set the summary's sport (and its word) from a FIT sport number. */
static void fit_sport_set(struct activity_sum *s, double v)
{
	int n = small_int(v);
	char word[24];

	if (n < 0)
		return;
	for (size_t i = 0; i < sizeof(fit_sports) / sizeof(fit_sports[0]); i++)
		if (fit_sports[i].num == n) {
			activity_sum_sport(s, fit_sports[i].sport);
			if (fit_sports[i].sport != ACTIVITY_SPORT_UNKNOWN)
				activity_sum_sport_word(s, fit_sports[i].word,
					strlen(fit_sports[i].word));
			return;
		}
	snprintf(word, sizeof(word), "sport %d", n);
	activity_sum_sport(s, ACTIVITY_SPORT_OTHER);
	activity_sum_sport_word(s, word, strlen(word));
}

static void add_nan(double *total, double v)
{
	if (!isnan(v))
		*total = isnan(*total) ? v : *total + v;
}

/*
 * A session message after its own records (the usual order) ends the
 * current leg with the session's totals. Sessions written all together,
 * at the start or the end of the file, cover records they do not follow:
 * then f->sessions_apart is set and parse end decides (sessions_to_legs).
 * A session matches the records before it when they start within
 * FIT_SESSION_SLACK_S of its start and end no later than that after its
 * end (or it does not give them).
 */
static void session_closes(struct fit_state *f, double start, double end,
			   double dist, double timer, double elapsed)
{
	const struct activity_sum *s = f->sum;

	if (s->points == 0 ||
	    (!isnan(start) && fabs(s->first_t - start) > FIT_SESSION_SLACK_S) ||
	    (!isnan(end) && s->last_t > end + FIT_SESSION_SLACK_S)) {
		f->sessions_apart = true;
		return;
	}
	f->sessions_closed++;
	activity_sum_add_totals(f->sum, dist, timer, elapsed);
	activity_sum_end_leg(f->sum);
}

static void read_data(struct fit_state *f, const struct fit_def *d,
		      const unsigned char *msg, double ts)
{
	const bool be = d->big_endian;
	struct fit_record r = { ts, NAN, NAN, NAN, NAN, NAN, NAN };
	double ev = NAN, ev_type = NAN, sport = NAN, file_type = NAN;
	double tot_el = NAN, tot_tim = NAN, tot_dist = NAN;
	double start = NAN, avg_hr = NAN, ascent = NAN, descent = NAN;
	double ealt = NAN, espeed = NAN;
	const double semi = 180.0 / 2147483648.0;

	for (unsigned i = 0; i < d->n_actions; i++) {
		const struct fit_action *a = &d->actions[i];
		double v = field_value(a, msg, be);
		switch (a->role) {
		case R_LAT: r.lat = v * semi; break;
		case R_LON: r.lon = v * semi; break;
		case R_ALT: r.alt = v / 5.0 - 500.0; break;
		case R_EALT: ealt = v / 5.0 - 500.0; break;
		case R_HR: r.hr = v; break;
		case R_DIST: r.dist = v / 100.0; break;
		case R_SPEED: r.speed = v / 1000.0; break;
		case R_ESPEED: espeed = v / 1000.0; break;
		case R_EVENT: ev = v; break;
		case R_EVENT_TYPE: ev_type = v; break;
		case R_SPORT: sport = v; break;
		case R_TOTAL_ELAPSED: tot_el = v / 1000.0; break;
		case R_TOTAL_TIMER: tot_tim = v / 1000.0; break;
		case R_TOTAL_DIST: tot_dist = v / 100.0; break;
		case R_FILE_TYPE: file_type = v; break;
		case R_START_TIME: start = FIT_EPOCH_UNIX + v; break;
		case R_AVG_HR: avg_hr = v; break;
		case R_ASCENT: ascent = v; break;
		case R_DESCENT: descent = v; break;
		default: break;
		}
	}
	switch (d->mesg) {
	case MESG_RECORD:
		if (!isnan(ealt))
			r.alt = ealt;
		if (!isnan(espeed))
			r.speed = espeed;
		finish_record(f, &r);
		break;
	case MESG_EVENT:
		if (ev == FIT_EVENT_FRONT_GEAR || ev == FIT_EVENT_REAR_GEAR)
			f->gear_changes = true;
		/* event 0 is the timer; types 0 start, 1 stop, 4 stop_all,
		 * 8 stop_disable, 9 stop_disable_all. */
		if (ev == 0 && !isnan(ev_type)) {
			int t = small_int(ev_type);
			if (t == 0)
				activity_sum_timer(f->sum, false, ts);
			else if (t == 1 || t == 4 || t == 8 || t == 9)
				activity_sum_timer(f->sum, true, ts);
		}
		break;
	case MESG_SESSION:
		f->have_session = true;
		add_nan(&f->sess_dist, tot_dist);
		add_nan(&f->sess_timer, tot_tim);
		add_nan(&f->sess_elapsed, tot_el);
		if (!isnan(sport))
			fit_sport_set(f->sum, sport);
		if (f->n_sessions < ACTIVITY_LEGS_MAX)
			f->sessions[f->n_sessions] = (struct fit_session){
				start, ts, tot_dist, tot_tim, tot_el, ascent,
				descent, avg_hr, sport };
		f->n_sessions++;
		session_closes(f, start, ts, tot_dist, tot_tim, tot_el);
		break;
	case MESG_LAP:
		add_nan(&f->lap_dist, tot_dist);
		add_nan(&f->lap_timer, tot_tim);
		add_nan(&f->lap_elapsed, tot_el);
		if (!isnan(sport))
			fit_sport_set(f->sum, sport);
		break;
	case MESG_SPORT:
		if (!isnan(sport))
			fit_sport_set(f->sum, sport);
		break;
	case MESG_FILE_ID:
		if (!isnan(file_type) && f->file_type < 0 &&
		    small_int(file_type) >= 0)
			f->file_type = small_int(file_type);
		break;
	default:
		break;
	}
}

/* Decode one file of a chain: header, records, CRC. */
static int parse_one(struct fit_state *f, struct err *e)
{
	const unsigned char *h;
	unsigned hs;
	uint32_t data_size;
	uint64_t data_end;
	char msg[120];

	f->crc = 0;
	f->file_start = ibuf_offset(f->b);
	if (need(f, 12, e) < 0)
		return -1;
	h = f->b->buf + f->b->pos;
	hs = h[0];
	if (hs != 12 && hs != 14) {
		snprintf(msg, sizeof(msg), "header size %u is neither 12 nor 14",
			 hs);
		return fail_at(f, e, msg);
	}
	if (memcmp(h + 8, ".FIT", 4) != 0)
		return fail_at(f, e, "no \".FIT\" signature in the header");
	if (need(f, hs, e) < 0)
		return -1;
	h = f->b->buf + f->b->pos;
	data_size = (uint32_t)read_uint(h + 4, 4, false);
	if (hs == 14) {
		uint16_t hcrc = (uint16_t)read_uint(h + 12, 2, false);
		if (hcrc != 0 && hcrc != fit_crc16(0, h, 12))
			return fail_at(f, e, "header CRC does not match");
	}
	if (data_size > 0x7FFFFFFF)
		return fail_at(f, e, "data size is absurd");
	take(f, hs);
	data_end = ibuf_offset(f->b) + data_size;
	memset(f->defs, 0, sizeof(f->defs));
	while (ibuf_offset(f->b) < data_end) {
		uint8_t rh;
		unsigned local;
		double ts = NAN;
		if (need(f, 1, e) < 0)
			return -1;
		rh = *take(f, 1);
		if (rh & 0x80) {
			/* Compressed timestamp: 5-bit offset from the last
			 * full timestamp, rolling over every 32 s. */
			uint32_t off = rh & 0x1F;
			local = (rh >> 5) & 0x03;
			if (!f->have_ts)
				return fail_at(f, e,
					"compressed timestamp before any full timestamp");
			uint32_t t = (f->last_ts & ~0x1Fu) + off;
			if (off < (f->last_ts & 0x1F))
				t += 0x20;
			f->last_ts = t;
			ts = FIT_EPOCH_UNIX + t;
		} else if (rh & 0x40) {
			if (read_definition(f, rh & 0x0F, (rh & 0x20) != 0, e) < 0)
				return -1;
			goto next;
		} else {
			local = rh & 0x0F;
		}
		const struct fit_def *d = &f->defs[local];
		if (!d->valid) {
			snprintf(msg, sizeof(msg),
				 "data message for undefined local type %u", local);
			return fail_at(f, e, msg);
		}
		if (need(f, d->size, e) < 0)
			return -1;
		const unsigned char *m = take(f, d->size);
		if (d->has_timestamp) {
			uint32_t t = (uint32_t)read_uint(m + d->ts_offset, 4,
							d->big_endian);
			if (t != 0xFFFFFFFFu) {
				f->last_ts = t;
				f->have_ts = true;
				ts = FIT_EPOCH_UNIX + t;
			}
		}
		read_data(f, d, m, ts);
next:
		if (ibuf_offset(f->b) > data_end)
			return fail_at(f, e,
				"a message runs past the data size in the header (wrong size)");
	}
	if (need(f, 2, e) < 0)
		return -1;
	uint16_t want = f->crc;
	const unsigned char *c = f->b->buf + f->b->pos;
	uint16_t got = (uint16_t)(c[0] | c[1] << 8);
	take(f, 2);
	if (got != want) {
		snprintf(msg, sizeof(msg),
			 "CRC is 0x%04x but the data gives 0x%04x (corrupt file)",
			 got, want);
		return fail_at(f, e, msg);
	}
	return 0;
}

/* A file of several sessions written apart from their records: one leg
 * per session from the session's own totals (the records are not split
 * between them, and the legs already ended are dropped). */
static void sessions_to_legs(struct fit_state *f)
{
	activity_sum_init(f->sum);
	for (size_t i = 0; i < f->n_sessions; i++) {
		const struct fit_session *ss = &f->sessions[i];
		struct activity a;
		struct activity_sum one;
		memset(&a, 0, sizeof(a));
		activity_sum_init(&one);
		if (!isnan(ss->sport))
			fit_sport_set(&one, ss->sport);
		a.sport = one.sport;
		memcpy(a.sport_word, one.sport_word, sizeof(a.sport_word));
		a.elapsed_s = isnan(ss->elapsed) ? 0 : ss->elapsed;
		a.moving_s = isnan(ss->timer) ? a.elapsed_s : ss->timer;
		a.distance_m = isnan(ss->dist) ? 0 : ss->dist;
		double start = !isnan(ss->start) ? ss->start :
			ss->end - a.elapsed_s;
		a.start_utc = isnan(start) ? 0 : (int64_t)floor(start);
		a.climb_m = isnan(ss->ascent) ? 0 : ss->ascent;
		a.descent_m = isnan(ss->descent) ? 0 : ss->descent;
		a.avg_hr = isnan(ss->hr) ? -1.0 : ss->hr;
		a.avg_pace_s_per_km = a.distance_m > 0 ?
			a.moving_s / (a.distance_m / 1000.0) : -1.0;
		activity_sum_add_leg(f->sum, &a);
	}
}

int fit_parse(struct ibuf *b, struct activity_sum *s, fit_record_fn on_record,
	      void *ud, struct err *e)
{
	struct fit_state *f = calloc(1, sizeof(*f));
	int rc = -1;
	int files = 0;

	if (f == NULL)
		return err_set(e, ERR_SOFTWARE, "out of memory");
	f->b = b;
	f->sum = s;
	f->on_record = on_record;
	f->ud = ud;
	f->file_type = -1;
	f->sess_dist = f->sess_timer = f->sess_elapsed = NAN;
	f->lap_dist = f->lap_timer = f->lap_elapsed = NAN;
	crc_table_init(f->crc_table);
	for (;;) {
		ssize_t avail = ibuf_fill(b, 1, e);
		if (avail < 0)
			goto done;
		if (avail == 0 && files > 0)
			break;
		if (parse_one(f, e) < 0)
			goto done;
		files++;
	}
	if (f->file_type >= 0 && f->file_type != 4) {
		err_set(e, ERR_DATA, "a FIT file of type %d, not an activity",
			f->file_type);
		goto done;
	}
	if (f->n_sessions > ACTIVITY_LEGS_MAX) {
		err_set(e, ERR_DATA, "more than %d sessions in one file",
			ACTIVITY_LEGS_MAX);
		goto done;
	}
	if (f->n_sessions > 1 && f->sessions_apart)
		sessions_to_legs(f);
	/* One session for records a clock step split in two: the session's
	 * totals cover both, so each keeps the figures of its records. */
	else if (f->n_sessions == 1 && f->sessions_apart && s->n_legs == 0)
		activity_sum_add_totals(s, f->sess_dist, f->sess_timer,
					f->sess_elapsed);
	else if (!f->have_session && f->gear_changes &&
		 s->sport == ACTIVITY_SPORT_UNKNOWN) {
		activity_sum_sport(s, ACTIVITY_SPORT_OTHER);
		activity_sum_sport_word(s, "cycling (gear changes)",
				       strlen("cycling (gear changes)"));
	}
	if (!f->have_session)
		activity_sum_add_totals(s, f->lap_dist, f->lap_timer,
					f->lap_elapsed);
	rc = 0;
done:
	free(f);
	return rc;
}
