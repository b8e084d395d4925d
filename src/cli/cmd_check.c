/*
 * cmd_check.c - `runcare check`: triage one intake, or a stream of them.
 *
 * Four ways in, one way through the engine:
 *   --input FILE|-          one intake object (JSON)
 *   --batch [--input FILE]  JSON Lines in, JSON Lines out, same order
 *   --area/--symptom/...    an intake built from flags
 *   nothing                 questions on a terminal, or JSON on stdin
 * Every intake is validated with the same rules and messages
 * (intake_parse_json / intake_validate), triaged by engine_triage and
 * written as JSON (result_to_json) or as text (render_text). With no
 * --format the output is text on a terminal and JSON otherwise.
 *
 * Batch is the fast path: one json_doc arena, one output strbuf and one
 * big input buffer (core/lines.h) serve the whole run, so the steady state
 * allocates nothing and makes one read and one write per megabyte.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/flags.h"
#include "cli/input.h"
#include "cli/interactive.h"
#include "cli/term.h"
#include "cli/render_text.h"
#include "core/json.h"
#include "core/lines.h"
#include "core/strbuf.h"
#include "engine/engine.h"

/* Batch output is written whenever this much has piled up. */
#define BATCH_FLUSH_BYTES (1u << 20)

enum check_opt {
	OPT_INPUT = 256,
	OPT_FORMAT,
	OPT_BATCH,
	OPT_AREA,
	OPT_SYMPTOM,
	OPT_DENIED,
	OPT_SIDE,
	OPT_PAIN_REST,
	OPT_PAIN_RUN,
	OPT_PAIN_MORNING,
	OPT_TREND,
	OPT_GOAL,
	OPT_LAST_PRESSURE,
	OPT_FLARE_HOURS,
	OPT_BRUISED,
	OPT_HELP,
};

static const struct cmd_option check_options[] = {
	{ "input", 'i', true, OPT_INPUT, "FILE",
	  "read the intake (JSON) from FILE (- for stdin)" },
	{ "format", 'f', true, OPT_FORMAT, "FMT",
	  "json or text (default: text on a terminal)" },
	{ "batch", 0, false, OPT_BATCH, NULL,
	  "JSON Lines in, a result or error line out each" },
	{ "area", 0, true, OPT_AREA, "AREA",
	  "heel, knee, shin, achilles, hip or other" },
	{ "symptom", 0, true, OPT_SYMPTOM, "ID",
	  "a symptom id (repeat for more), e.g. tight" },
	{ "denied", 0, true, OPT_DENIED, "ID",
	  "a symptom asked about and answered no (repeat for more)" },
	{ "side", 0, true, OPT_SIDE, "SIDE", "left, right or both" },
	{ "pain-rest", 0, true, OPT_PAIN_REST, "N", "pain at rest, 0-10" },
	{ "pain-run", 0, true, OPT_PAIN_RUN, "N", "pain while running, 0-10" },
	{ "pain-morning", 0, true, OPT_PAIN_MORNING, "N",
	  "pain in the morning, 0-10" },
	{ "trend", 0, true, OPT_TREND, "T",
	  "week on week: better, same or worse" },
	{ "goal", 0, true, OPT_GOAL, "G", "relief, recovery or mobility" },
	{ "last-pressure", 0, true, OPT_LAST_PRESSURE, "N",
	  "pressure of the last massage, 1-10" },
	{ "flare-hours", 0, true, OPT_FLARE_HOURS, "H",
	  "hours symptoms flared after the last massage" },
	{ "bruised-or-limping", 0, false, OPT_BRUISED, NULL,
	  "the last massage left bruising or a limp" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static int check_run(struct app *app, int argc, char **argv);

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.run = check_run,
	.usage = "check [--input FILE|-] [--format json|text] [--batch]\n"
		 "       [--area AREA] [--symptom ID]... [--denied ID]... "
		 "[--side SIDE]\n"
		 "       [--pain-rest N] "
		 "[--pain-run N]\n"
		 "       [--pain-morning N] [--trend T] [--goal G] "
		 "[--last-pressure N]\n"
		 "       [--flare-hours H] [--bruised-or-limping]",
	.summary = "triage one pain: massage today or not, where, how deep, "
		   "what next",
	.flags = CMD_NEEDS_KB,
};

enum format { FORMAT_AUTO, FORMAT_JSON, FORMAT_TEXT };

static const struct {
	const char *name;
	enum format format;
} format_names[] = {
	{ "json", FORMAT_JSON },
	{ "text", FORMAT_TEXT },
};

struct check_opts {
	const char *input;	/* --input, or NULL */
	enum format format;
	bool batch;
	bool has_flags;		/* an intake flag was given */
	unsigned n_symptoms;	/* --symptom flags so far */
	unsigned n_denied;	/* --denied flags so far */
	struct intake flags;	/* the intake the flags build */
};

/* ---- Intake flags ---- */

#define NAME_AT_(kind)                                                        \
	static const char *kind##_name_at(int i)                              \
	{                                                                     \
		return kind##_name((enum kind)i);                             \
	}
NAME_AT_(area)
NAME_AT_(trend)
NAME_AT_(goal)
NAME_AT_(side)

/* Apply one intake flag to o->flags; -1 with e set for a bad value. */
static int apply_flag(struct check_opts *o, int id, const char *arg,
		      struct err *e)
{
	struct intake *in = &o->flags;
	char field[32], q[FLAG_QUOTED_SIZE];
	enum symptom s;
	char *end;
	int v;

	o->has_flags = true;
	switch (id) {
	case OPT_AREA:
		if (flag_name("area", "area", arg, area_name_at, AREA__COUNT, &v, e) < 0)
			return -1;
		in->area = (enum area)v;
		return 0;
	case OPT_SYMPTOM:
		snprintf(field, sizeof field, "symptoms[%u]", o->n_symptoms++);
		if (symptom_parse(arg, strlen(arg), &s) < 0)
			return err_set(e, ERR_DATA, "%s: unknown symptom %s",
				       field, flag_quote(q, sizeof q, arg));
		in->symptoms |= SYMPTOM_BIT(s);
		return 0;
	case OPT_DENIED:
		snprintf(field, sizeof field, "denied[%u]", o->n_denied++);
		if (symptom_parse(arg, strlen(arg), &s) < 0)
			return err_set(e, ERR_DATA, "%s: unknown symptom %s",
				       field, flag_quote(q, sizeof q, arg));
		in->denied |= SYMPTOM_BIT(s);
		return 0;
	case OPT_SIDE:
		if (flag_name("side", "side", arg, side_name_at, SIDE__COUNT, &v, e) < 0)
			return -1;
		in->side = (enum side)v;
		return 0;
	case OPT_PAIN_REST:
		return flag_int("pain.rest", arg, 0, 10, &in->pain_rest, e);
	case OPT_PAIN_RUN:
		return flag_int("pain.run", arg, 0, 10, &in->pain_run, e);
	case OPT_PAIN_MORNING:
		return flag_int("pain.morning", arg, 0, 10, &in->pain_morning,
				e);
	case OPT_TREND:
		if (flag_name("trend", "trend", arg, trend_name_at, TREND__COUNT, &v, e) < 0)
			return -1;
		in->trend = (enum trend)v;
		in->has_trend = true;
		return 0;
	case OPT_GOAL:
		if (flag_name("goal", "goal", arg, goal_name_at, GOAL__COUNT, &v, e) < 0)
			return -1;
		in->goal = (enum goal)v;
		return 0;
	case OPT_LAST_PRESSURE:
		in->has_last_massage = true;
		if (flag_int("last_massage.pressure", arg, 1, 10,
			     &in->last_pressure, e) < 0)
			return -1;
		/* 0 means "not given" inside struct intake; as a flag it is
		 * a value out of range. */
		if (in->last_pressure == 0)
			return err_set(e, ERR_DATA,
				       "last_massage.pressure: expected a whole "
				       "number from 1 to 10, got 0");
		return 0;
	case OPT_FLARE_HOURS:
		in->has_last_massage = true;
		errno = 0;
		in->flare_hours = strtod(arg, &end);
		if (end == arg || *end != '\0' || !isfinite(in->flare_hours))
			return err_set(e, ERR_DATA,
				       "last_massage.flare_hours: expected a "
				       "number of hours >= 0, got %s",
				       flag_quote(q, sizeof q, arg));
		return 0;
	case OPT_BRUISED:
		in->has_last_massage = true;
		in->bruised_or_limping = true;
		return 0;
	}
	return 0;
}

/* ---- Output ---- */

static int write_all(int fd, const char *p, size_t len, struct err *e)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_set(e, ERR_IO, "cannot write the output: %s",
				       strerror(errno));
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static enum format resolve_format(enum format f)
{
	if (f != FORMAT_AUTO)
		return f;
	return isatty(STDOUT_FILENO) ? FORMAT_TEXT : FORMAT_JSON;
}

/* Triage one valid intake and write the result in format. */
static int emit_result(struct app *app, const struct kb *kb,
		       const struct intake *in, enum format format,
		       struct err *e)
{
	struct strbuf out = STRBUF_INIT;
	struct result r;
	int rc;

	engine_triage(kb, in, &r);
	if (resolve_format(format) == FORMAT_TEXT) {
		struct render_opts ro = { app->color_out, app->utf8,
					  isatty(STDOUT_FILENO)
						  ? term_width(STDOUT_FILENO)
						  : 0 };
		render_text(&r, kb, &ro, &out);
	} else {
		result_to_json(&r, kb, &out);
		strbuf_addch(&out, '\n');
	}
	fflush(stdout);
	rc = write_all(STDOUT_FILENO, out.buf, out.len, e);
	strbuf_release(&out);
	return rc;
}

/* ---- The four ways in ---- */

static int check_single(struct app *app, const struct kb *kb,
			const char *path, enum format format, struct err *e)
{
	struct strbuf text = STRBUF_INIT;
	struct json_doc doc;
	struct intake in;
	int rc = -1;

	json_doc_init(&doc);
	if (input_read_file(path, INTAKE_MAX_BYTES, &text, e) < 0) {
		if (e->code == ERR_DATA)	/* too big: say it as the reader does */
			err_set(e, ERR_DATA, "intake: larger than the limit of "
				"%d bytes", INTAKE_MAX_BYTES);
		goto fail;
	}
	if (intake_parse_json(&in, text.buf, text.len, &doc, e) < 0)
		goto fail;
	rc = emit_result(app, kb, &in, format, e);
fail:
	json_doc_release(&doc);
	strbuf_release(&text);
	return rc;
}

/* {"line": N, "error": "..."}: "line 1, " is dropped from a parser
 * message, since every batch line is line 1 of its own document. */
static void batch_error(struct strbuf *out, unsigned long long lineno,
			const char *msg)
{
	if (strncmp(msg, "line 1, ", 8) == 0)
		msg += 8;
	strbuf_addstr(out, "{\"line\": ");
	strbuf_addint(out, (long long)lineno);
	strbuf_addstr(out, ", \"error\": ");
	strbuf_add_json_str(out, msg);
	strbuf_addch(out, '}');
}

static bool is_blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static int check_batch(const struct kb *kb, const char *path, struct err *e)
{
	struct strbuf out = STRBUF_INIT;
	struct json_doc doc;
	struct lines lr;
	struct intake in;
	struct result r;
	struct err le;
	const char *line;
	size_t len;
	enum lines_status st;
	char limit_msg[96];
	int fd, rc = 0;

	fd = input_open(path, e);
	if (fd < 0)
		return -1;
	snprintf(limit_msg, sizeof limit_msg,
		 "intake: larger than the limit of %d bytes", INTAKE_MAX_BYTES);
	json_doc_init(&doc);
	strbuf_init(&out, BATCH_FLUSH_BYTES + 65536);
	lines_init(&lr, lines_read_fd, (void *)(intptr_t)fd, INTAKE_MAX_BYTES);
	while ((st = lines_next(&lr, &line, &len, e)) != LINES_EOF) {
		if (st == LINES_ERROR) {
			rc = -1;
			break;
		}
		if (st == LINES_TOO_LONG)
			batch_error(&out, lr.lineno, limit_msg);
		else if (is_blank_line(line, len))
			batch_error(&out, lr.lineno,
				    "blank line: expected an intake object");
		else if (intake_parse_json(&in, line, len, &doc, &le) < 0)
			batch_error(&out, lr.lineno, le.msg);
		else {
			engine_triage(kb, &in, &r);
			result_to_json(&r, kb, &out);
		}
		strbuf_addch(&out, '\n');
		if (out.len >= BATCH_FLUSH_BYTES) {
			if (write_all(STDOUT_FILENO, out.buf, out.len, e) < 0) {
				rc = -1;
				break;
			}
			strbuf_reset(&out);
		}
	}
	if (rc == 0)
		rc = write_all(STDOUT_FILENO, out.buf, out.len, e);
	lines_release(&lr);
	json_doc_release(&doc);
	strbuf_release(&out);
	if (fd != 0)
		close(fd);
	return rc;
}

static int check_flags(struct app *app, const struct kb *kb,
		       const struct check_opts *o, struct err *e)
{
	if (intake_validate(&o->flags, e) < 0)
		return -1;
	return emit_result(app, kb, &o->flags, o->format, e);
}

static int check_interactive(struct app *app, const struct kb *kb,
			     enum format format, struct err *e)
{
	/* Questions go to the terminal even when the result is redirected. */
	FILE *tty = isatty(STDOUT_FILENO) ? stdout : stderr;
	struct intake in;

	switch (interactive_intake(kb, STDIN_FILENO, tty, app->utf8, &in)) {
	case INTERACTIVE_DONE:
		break;
	case INTERACTIVE_CANCELLED:
		fprintf(stderr, "%s: check: cancelled\n", app->prog);
		return EXIT_CANCELLED;
	case INTERACTIVE_ERROR:
		err_set(e, ERR_IO, "cannot read from the terminal");
		return -1;
	}
	if (intake_validate(&in, e) < 0)
		return -1;
	return emit_result(app, kb, &in, format, e);
}

/* ---- Options ---- */

static int parse_format(const char *arg, enum format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0];
	     i++)
		if (strcmp(arg, format_names[i].name) == 0) {
			*out = format_names[i].format;
			return 0;
		}
	return -1;
}

/* parse_options: go on with the run. */
#define CHECK_GO_ON (-1)

/*
 * Parse argv into o. Returns CHECK_GO_ON, or the exit code when the run is
 * over (0 after --help; 64 or 65 after reporting a bad option or value).
 */
static int parse_options(struct app *app, int argc, char **argv,
			 struct check_opts *o)
{
	struct cmd_getopt g;
	const char *arg;
	struct err e;
	int id;

	cmd_getopt_init(&g, check_options, false);
	while ((id = cmd_getopt_next(&g, app, "check", argc, argv, &arg)) > 0) {
		switch (id) {
		case OPT_HELP:
			cmd_print_help(stdout, app, &cmd_check_entry,
				       check_options);
			fputs("\nWith no --input, no --batch and no intake flags, "
			      "check asks its questions\non a terminal, or reads "
			      "one intake (JSON) from standard input.\n"
			      "--batch writes one line per input line, blank "
			      "lines included: a result, or\n"
			      "{\"line\": N, \"error\": \"...\"} for a line "
			      "that is not a valid intake.\n\n",
			      stdout);
			cmd_print_exit_codes(stdout);
			return EXIT_OK_;
		case OPT_INPUT:
			o->input = arg;
			break;
		case OPT_FORMAT:
			if (parse_format(arg, &o->format) < 0)
				return cmd_usage_error(
					app, "check",
					"unknown format '%s' (json or text)",
					arg);
			break;
		case OPT_BATCH:
			o->batch = true;
			break;
		default:
			if (apply_flag(o, id, arg, &e) < 0)
				return cmd_fail(app, "check", &e);
		}
	}
	if (id < 0)
		return EXIT_USAGE;
	if (optind < argc)
		return cmd_usage_error(app, "check", "unexpected argument '%s'",
				       argv[optind]);
	if (o->has_flags && (o->batch || o->input != NULL))
		return cmd_usage_error(app, "check",
				       "intake flags (--area, --symptom, ...) "
				       "cannot be combined with %s",
				       o->batch ? "--batch" : "--input");
	if (o->batch && o->format == FORMAT_TEXT)
		return cmd_usage_error(app, "check",
				       "--batch writes JSON Lines; "
				       "--format text does not apply");
	return CHECK_GO_ON;
}

static int check_run(struct app *app, int argc, char **argv)
{
	struct check_opts o = { .format = FORMAT_AUTO };
	const struct kb *kb;
	struct err e;
	int rc;

	err_clear(&e);
	intake_init(&o.flags);
	rc = parse_options(app, argc, argv, &o);
	if (rc != CHECK_GO_ON)
		return rc;
	kb = app_kb(app, &e);
	if (kb == NULL)
		return cmd_fail(app, "check", &e);

	if (o.batch)
		rc = check_batch(kb, o.input != NULL ? o.input : "-", &e);
	else if (o.has_flags)
		rc = check_flags(app, kb, &o, &e);
	else if (o.input != NULL)
		rc = check_single(app, kb, o.input, o.format, &e);
	else if (isatty(STDIN_FILENO))
		rc = check_interactive(app, kb, o.format, &e);
	else
		rc = check_single(app, kb, "-", o.format, &e);
	if (rc < 0)
		return cmd_fail(app, "check", &e);
	return rc;
}
