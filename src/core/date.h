/*
 * date.h - calendar dates as whole days since 1970-01-01.
 *
 * The journal, the history rules and the web pages all count in days: a
 * pain score belongs to a date, a plan lasts 10-14 days, a massage is due
 * in one or two weeks. A day number is an int32_t (0 is 1970-01-01, the
 * proleptic Gregorian calendar, no time zone); DATE_NONE marks "no date".
 * Text is always "YYYY-MM-DD". Nothing here keeps state.
 */
#ifndef RUNCARE_CORE_DATE_H
#define RUNCARE_CORE_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define DATE_NONE INT32_MIN
/* Room for "YYYY-MM-DD" and its NUL. */
#define DATE_BUF 11
/* Room for "YYYY-MM-DDTHH:MM:SSZ" and its NUL. */
#define DATE_TIME_BUF 21

/* Day number of a valid calendar date (year 1..9999). */
int32_t date_from_ymd(int year, int month, int day);
/* Year, month (1-12) and day (1-31) of a day number. */
void date_to_ymd(int32_t day, int *year, int *month, int *mday);

/*
 * Parse exactly "YYYY-MM-DD" from s[0..len) (need not be NUL-terminated)
 * into *out. Returns 0, or -1 with e set (ERR_DATA): `"2026-02-30" is not
 * a date (use YYYY-MM-DD)`. Years 1900-9999 are accepted.
 */
int date_parse(const char *s, size_t len, int32_t *out, struct err *e);

/* Write day as "YYYY-MM-DD" into buf (at least DATE_BUF bytes); returns
 * buf. DATE_NONE is written as "". */
char *date_format(int32_t day, char *buf);

/* Day number of a Unix time (seconds, UTC). */
int32_t date_from_unix(int64_t t);
/* Write a Unix time as "YYYY-MM-DDTHH:MM:SSZ" (at least DATE_TIME_BUF
 * bytes); returns buf. */
char *date_format_utc(int64_t t, char *buf);
/*
 * Parse "YYYY-MM-DDTHH:MM:SSZ" (also "+00:00" for "Z" and an optional
 * fraction of a second, which is dropped) into a Unix time. Returns 0, or
 * -1 with e set (ERR_DATA).
 */
int date_parse_utc(const char *s, size_t len, int64_t *out, struct err *e);

/* Today's date in the local time zone (the only function here that reads
 * the clock). */
int32_t date_today(void);

/* Day of the week, 0 = Monday .. 6 = Sunday. */
int date_weekday(int32_t day);

#endif
