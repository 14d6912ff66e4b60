/* The calendar every worker thread counts with: loaded from PostgreSQL at
 * start, replaced when a LISTEN/NOTIFY says it changed (in any ogid), and
 * reference-counted so a replacement never frees one in use. */
#ifndef OGID_CALENDAR_CACHE_H
#define OGID_CALENDAR_CACHE_H

#include <stdbool.h>

#include "lib/calendar.h"
#include "lib/db/db.h"

struct calendar_holder;
struct calendar_ref {
	const struct ogi_calendar *cal;
	struct calendar_holder *holder;
};

struct calendar_ref calendar_acquire(void);
void calendar_release(struct calendar_ref ref);

/* Builds a calendar from the database as the connection sees it (inside a
 * transaction: with its uncommitted changes).  NULL on a database error. */
struct ogi_calendar *calendar_load(struct ogi_db *db);
/* Replaces the current calendar with one loaded now; false on failure. */
bool calendar_reload(struct ogi_db *db);
/* Starts the thread that LISTENs for changes (own connection). */
void calendar_listener_start(const char *conninfo);
void calendar_listener_stop(void);

/* Working days from a to b, negative when b is before a (the queue's "days left"). */
int calendar_signed_workdays(const struct ogi_calendar *cal, ogi_date a, ogi_date b);

#endif
