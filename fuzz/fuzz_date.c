/*
 * fuzz_date.c - libFuzzer harness for the date parsers (core/date.c).
 * Checks: a date that parses formats back to the same ten bytes, a UTC
 * time that parses formats back to a time that parses to the same value,
 * and a refusal always comes with a message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char buf[DATE_TIME_BUF];
	struct err e;
	int32_t day;
	int64_t t, back;

	err_clear(&e);
	if (date_parse(s, size, &day, &e) == 0) {
		if (size != 10 || memcmp(date_format(day, buf), s, 10) != 0)
			abort();
	} else if (e.msg[0] == '\0' || e.code != ERR_DATA) {
		abort();
	}
	err_clear(&e);
	if (date_parse_utc(s, size, &t, &e) == 0) {
		date_format_utc(t, buf);
		if (date_parse_utc(buf, strlen(buf), &back, NULL) != 0 ||
		    back != t)
			abort();
	} else if (e.msg[0] == '\0') {
		abort();
	}
	return 0;
}
