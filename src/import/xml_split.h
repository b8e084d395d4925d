/*
 * xml_split.h - one large GPX or TCX file read on several threads
 * (internal to src/import).
 *
 * A 24-hour recording is tens of megabytes; expat reads it at one byte
 * stream per thread. The file is cut into windows of about `window` bytes,
 * each starting at a track point's start tag. Every window gets its own
 * expat parser, which first reads the file's start up to the first track
 * point (so it knows the open elements and namespaces), then the window,
 * then the end tags that close what the start left open. The windows'
 * events are replayed into the summariser in file order, so the result is
 * the one a sequential read gives; memory stays at a few windows whatever
 * the file's size.
 *
 * Anything unusual (no track point near the start, a window that is not
 * well-formed on its own, more than 4 x window + 4 MiB without a track
 * point, a refused value, a read error) makes it give up
 * and the caller reads the file sequentially, which finds the same result
 * or the error with its line number.
 */
#ifndef RUNCARE_IMPORT_XML_SPLIT_H
#define RUNCARE_IMPORT_XML_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "import/activity.h"
#include "import/xml_track.h"

/* Files at least this large are worth splitting. */
#define XML_SPLIT_MIN_BYTES (4u << 20)
/* The window size the importer uses. */
#define XML_SPLIT_WINDOW (1u << 20)

/*
 * Read the plain (not compressed) file fd of size bytes as fmt, on
 * `threads` worker threads, in windows of about `window` bytes, feeding s
 * (initialised by the caller). fd is borrowed and read with pread only.
 * Returns 0 when s holds the whole file; -1 when the caller must start
 * again with a new s and a sequential read.
 */
int xml_split_parse(const struct xml_format *fmt, int fd, uint64_t size,
		    size_t window, int threads, struct activity_sum *s);

#endif
