/*
 * utf8.h - the one UTF-8 validator of runcare, shared by the JSON reader,
 * the JSON and HTML escapers and the store's name check.
 */
#ifndef RUNCARE_CORE_UTF8_H
#define RUNCARE_CORE_UTF8_H

#include <stddef.h>

/*
 * Length (1-4) of the valid UTF-8 sequence at s, which has avail > 0 bytes,
 * or 0 when it is not valid: a stray continuation byte, a truncated
 * sequence, an overlong form, a surrogate or a value past U+10FFFF.
 */
size_t utf8_seq_len(const unsigned char *s, size_t avail);

#endif
