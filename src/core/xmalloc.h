/*
 * xmalloc.h - allocation that cannot fail.
 *
 * runcare treats running out of memory as fatal: these wrappers abort with
 * a message instead of returning NULL, so no caller checks for NULL (as in
 * tmux and git). Every returned pointer is owned by the caller (free()).
 */
#ifndef RUNCARE_CORE_XMALLOC_H
#define RUNCARE_CORE_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Returns an owned copy of s (s must not be NULL). */
char *xstrdup(const char *s);
/* Returns an owned, NUL-terminated copy of the first n bytes of s. */
char *xstrndup(const char *s, size_t n);

#endif
