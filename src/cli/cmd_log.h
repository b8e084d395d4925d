/*
 * cmd_log.h - what the journal commands (log, status, export, erase)
 * share: opening the journal, choosing the person, reading a date flag and
 * asking before something is removed. Defined in cmd_log.c.
 */
#ifndef RUNCARE_CLI_CMD_LOG_H
#define RUNCARE_CLI_CMD_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cmd.h"
#include "store/store.h"

/*
 * Open the journal the app names (--db, RUNCARE_DB or the default) and
 * find the person (--person, or the only one; created when create is
 * true). Returns an owned store (store_close) or NULL with e set.
 */
struct store *journal_open(const struct app *app, const char *person,
			   bool create, struct store_person *who,
			   struct err *e);

/*
 * Parse a date flag: "YYYY-MM-DD", or "today" / "yesterday". field names
 * it in messages ("date"). Dates after today are refused unless
 * allow_future. Returns 0, or -1 with e set (ERR_DATA).
 */
int journal_parse_day(const char *field, const char *arg, bool allow_future,
		      int32_t *out, struct err *e);

/*
 * Ask question on stderr and read a line from stdin. Returns 1 for a yes
 * ("y" or "yes"), 0 for anything else, -1 at the end of input.
 */
int journal_confirm(const char *question);

#endif
