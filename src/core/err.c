/*
 * err.c - fill and decorate struct err records (see err.h).
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(struct err *e)
{
	if (e == NULL)
		return;
	e->code = ERR_OK;
	e->msg[0] = '\0';
}

int err_set(struct err *e, enum err_code code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	char head[ERR_MSG_MAX];
	size_t hlen, olen;
	va_list ap;
	int n;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	hlen = strlen(head);
	if (hlen > sizeof e->msg - 1)
		hlen = sizeof e->msg - 1;
	olen = strlen(e->msg);
	if (hlen + olen > sizeof e->msg - 1)
		olen = sizeof e->msg - 1 - hlen;
	/* Shift the old message right, keeping what fits, then put the
	 * prefix in front of it. */
	memmove(e->msg + hlen, e->msg, olen);
	memcpy(e->msg, head, hlen);
	e->msg[hlen + olen] = '\0';
	return -1;
}
