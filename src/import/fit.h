/*
 * fit.h - a streaming decoder of Garmin FIT activity files (internal to
 * src/import), written from the published FIT protocol description.
 *
 * Handled: file headers of 12 and 14 bytes (the header CRC checked when not
 * zero), normal and compressed-timestamp record headers, definition
 * messages in either byte order, developer fields (skipped), every base
 * type with its invalid value, the file CRC, and chained files (one file
 * after another in the same stream). Used: file_id (type), session and lap
 * (sport and totals), sport, record (timestamp, position, distance,
 * altitude/enhanced_altitude, speed/enhanced_speed, heart rate) and event
 * (timer start/stop, gear changes). Each record is handed to the
 * summariser at once; no record is kept. Each session is an activity of
 * its own (a multisport or chained file gives several): a session after
 * its records ends an activity of them; sessions written apart from their
 * records give activities from their own totals.
 */
#ifndef RUNCARE_IMPORT_FIT_H
#define RUNCARE_IMPORT_FIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "import/activity.h"
#include "import/stream.h"

#define FIT_EPOCH_UNIX 631065600.0	/* 1989-12-31T00:00:00Z */
#define FIT_BUF_BYTES (256 * 1024)	/* holds the largest FIT message */

/* One decoded record message, as the decoder and the SDK comparison see
 * it. Unknown fields are NAN. */
struct fit_record {
	double t, lat, lon, alt, dist, speed, hr;
};

/* Optional observer of every record (tests compare against the SDK). */
typedef void (*fit_record_fn)(void *ud, const struct fit_record *r);

/* True when the first bytes look like a FIT header (n >= 12). */
bool fit_sniff(const unsigned char *p, size_t n);

/*
 * Decode the FIT stream in b into s; on_record (may be NULL) sees every
 * record. Returns 0, or -1 with e set (ERR_DATA: "byte N: ..." for a bad
 * header, a wrong size, an undefined local message, a CRC mismatch or a
 * truncated file; or the stream's own error).
 */
int fit_parse(struct ibuf *b, struct activity_sum *s, fit_record_fn on_record,
	      void *ud, struct err *e);

/* CRC-16 of the FIT protocol (polynomial 0x8005, reflected, as in
 * CRC-16/ARC) over p[0..n), continuing from crc. */
uint16_t fit_crc16(uint16_t crc, const unsigned char *p, size_t n);

#endif
