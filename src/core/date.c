/*
 * date.c - day numbers <-> calendar dates (see date.h).
 *
 * The conversions are the well-known "days from civil" arithmetic on a
 * calendar whose years start in March, so leap days fall at the end of a
 * year and need no special case.
 */
#include "core/date.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int32_t date_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int mp = (month + 9) % 12;
	int doy = (153 * mp + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void date_to_ymd(int32_t z, int *year, int *month, int *mday)
{
	int64_t zz = (int64_t)z + 719468;
	int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
	int64_t doe = zz - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*mday = (int)d;
}

static int days_in_month(int year, int month)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				   30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : dim[month - 1];
}

/* Read n decimal digits from s into *out; -1 when one is not a digit. */
static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Parse "YYYY-MM-DD" at s (10 bytes available); -1 when not a date. */
static int parse_ymd(const char *s, int32_t *out)
{
	int y, m, d;

	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

int date_parse(const char *s, size_t len, int32_t *out, struct err *e)
{
	if (len != 10 || parse_ymd(s, out) < 0)
		return err_set(e, ERR_DATA, "\"%.*s\" is not a date (use YYYY-MM-DD)",
			       (int)(len > 40 ? 40 : len), s);
	return 0;
}

/* Write v (0 <= v < 10^n after reduction) as n digits at buf. */
static void put_digits(char *buf, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		buf[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void put_ymd(char *buf, int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	put_digits(buf, ((y % 10000) + 10000) % 10000, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = '\0';
}

char *date_format(int32_t day, char *buf)
{
	if (day == DATE_NONE)
		buf[0] = '\0';
	else
		put_ymd(buf, day);
	return buf;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int32_t date_from_unix(int64_t t)
{
	return (int32_t)floor_div(t, 86400);
}

char *date_format_utc(int64_t t, char *buf)
{
	int64_t day = floor_div(t, 86400);
	int64_t sec = t - day * 86400;

	put_ymd(buf, (int32_t)day);
	buf[10] = 'T';
	put_digits(buf + 11, (int)(sec / 3600), 2);
	buf[13] = ':';
	put_digits(buf + 14, (int)(sec / 60 % 60), 2);
	buf[16] = ':';
	put_digits(buf + 17, (int)(sec % 60), 2);
	buf[19] = 'Z';
	buf[20] = '\0';
	return buf;
}

int date_parse_utc(const char *s, size_t len, int64_t *out, struct err *e)
{
	int32_t day;
	int hh, mm, ss;
	size_t i = 19;

	if (len < 20 || parse_ymd(s, &day) < 0 || s[10] != 'T' ||
	    digits(s + 11, 2, &hh) || s[13] != ':' || digits(s + 14, 2, &mm) ||
	    s[16] != ':' || digits(s + 17, 2, &ss) || hh > 23 || mm > 59 ||
	    ss > 60)
		goto bad;
	if (s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
	}
	if (!((len - i == 1 && s[i] == 'Z') ||
	      (len - i == 6 && memcmp(s + i, "+00:00", 6) == 0)))
		goto bad;
	*out = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
bad:
	return err_set(e, ERR_DATA,
		       "\"%.*s\" is not a UTC time (use YYYY-MM-DDTHH:MM:SSZ)",
		       (int)(len > 40 ? 40 : len), s);
}

int32_t date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int date_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	return (int)(((int64_t)day % 7 + 7 + 3) % 7);
}
