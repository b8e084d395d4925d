/*
 * csv.c - an RFC 4180 CSV reader and the Strava activities.csv rows on top
 * of it (see import.h).
 *
 * The reader is a small state machine over the whole text: quoted fields
 * may hold commas, doubled quotes and line breaks; rows end with CRLF or
 * LF. A quote inside an unquoted field, text after a closing quote, or an
 * unterminated quote is an error naming the line.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "import/import.h"

int csv_read(const char *data, size_t len,
	     int (*field)(void *ud, size_t col, const char *s, size_t n,
			  bool end_of_row),
	     void *ud, struct err *e)
{
	struct strbuf fb = STRBUF_INIT;
	size_t i = 0, col = 0, line = 1;
	int rc = 0;

	/* A UTF-8 byte order mark is not part of the first field. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		strbuf_reset(&fb);
		if (data[i] == '"') {
			size_t start_line = line;
			i++;
			for (;;) {
				if (i >= len) {
					rc = err_set(e, ERR_DATA,
						"line %zu: quoted field never ends",
						start_line);
					goto done;
				}
				if (data[i] == '"') {
					if (i + 1 < len && data[i + 1] == '"') {
						strbuf_addch(&fb, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (data[i] == '\n')
					line++;
				strbuf_addch(&fb, data[i++]);
			}
			if (i < len && data[i] != ',' && data[i] != '\n' &&
			    !(data[i] == '\r' && i + 1 < len && data[i + 1] == '\n') &&
			    !(data[i] == '\r' && i + 1 == len)) {
				rc = err_set(e, ERR_DATA,
					"line %zu: text after a closing quote",
					line);
				goto done;
			}
		} else {
			size_t s = i;
			while (i < len && data[i] != ',' && data[i] != '\n' &&
			       data[i] != '\r') {
				if (data[i] == '"') {
					rc = err_set(e, ERR_DATA,
						"line %zu: quote inside an unquoted field",
						line);
					goto done;
				}
				i++;
			}
			if (i < len && data[i] == '\r' &&
			    !(i + 1 == len || data[i + 1] == '\n')) {
				rc = err_set(e, ERR_DATA,
					"line %zu: carriage return inside a field",
					line);
				goto done;
			}
			strbuf_add(&fb, data + s, i - s);
		}
		bool eor = true;
		if (i < len && data[i] == ',') {
			eor = false;
			i++;
			/* A comma at the very end still closes an empty field. */
			if (i == len) {
				if ((rc = field(ud, col, fb.buf, fb.len, false)) != 0)
					goto done;
				col++;
				strbuf_reset(&fb);
				eor = true;
			}
		} else {
			if (i < len && data[i] == '\r')
				i++;
			if (i < len && data[i] == '\n')
				i++;
			line++;
		}
		if ((rc = field(ud, col, fb.buf, fb.len, eor)) != 0)
			goto done;
		col = eor ? 0 : col + 1;
	}
done:
	strbuf_release(&fb);
	return rc;
}

enum { COL_ID, COL_NAME, COL_TYPE, COL_FILE, COL__COUNT };
static const char *const strava_cols[COL__COUNT] = {
	"Activity ID", "Activity Name", "Activity Type", "Filename",
};

struct strava_state {
	int (*row)(void *ud, const struct strava_row *r);
	void *ud;
	bool header_done;
	size_t rows;
	long index[COL__COUNT];	/* column number of each, -1 if absent */
	char *vals[COL__COUNT];
	struct err *e;
};

static int strava_field(void *ud, size_t col, const char *s, size_t n,
			bool eor)
{
	struct strava_state *st = ud;

	if (!st->header_done) {
		for (int c = 0; c < COL__COUNT; c++)
			if (st->index[c] < 0 && strlen(strava_cols[c]) == n &&
			    memcmp(strava_cols[c], s, n) == 0)
				st->index[c] = (long)col;
		if (eor) {
			st->header_done = true;
			for (int c = 0; c < COL__COUNT; c++)
				if (c != COL_NAME && c != COL_ID && st->index[c] < 0)
					return err_set(st->e, ERR_DATA,
						"activities.csv has no \"%s\" column",
						strava_cols[c]);
		}
		return 0;
	}
	for (int c = 0; c < COL__COUNT; c++)
		if (st->index[c] == (long)col && n > 0 && st->vals[c] == NULL)
			st->vals[c] = xstrndup(s, n);
	if (!eor)
		return 0;
	struct strava_row r = { st->vals[COL_ID], st->vals[COL_NAME],
				st->vals[COL_TYPE], st->vals[COL_FILE] };
	int rc = st->row(st->ud, &r);
	for (int c = 0; c < COL__COUNT; c++) {
		free(st->vals[c]);
		st->vals[c] = NULL;
	}
	st->rows++;
	return rc;
}

int strava_csv_read(const char *data, size_t len,
		    int (*row)(void *ud, const struct strava_row *r),
		    void *ud, struct err *e)
{
	struct strava_state st = { row, ud, false, 0, { -1, -1, -1, -1 },
				   { NULL, NULL, NULL, NULL }, e };
	int rc = csv_read(data, len, strava_field, &st, e);

	for (int c = 0; c < COL__COUNT; c++)
		free(st.vals[c]);
	if (rc == 0 && !st.header_done)
		return err_set(e, ERR_DATA, "activities.csv is empty");
	return rc;
}
