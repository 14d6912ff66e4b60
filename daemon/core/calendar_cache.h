/* The calendar every worker thread counts with: loaded from PostgreSQL at
 * start, replaced when a LISTEN/NOTIFY says it changed (in any ogid), and
 * reference-counted so a replacement never frees one in use. */
#ifndef OGI_DAEMON_CALENDAR_CACHE_H
#define OGI_DAEMON_CALENDAR_CACHE_H

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

/* Replaces the current calendar with one loaded now from db
 * (ogi_db_calendar_load: as the connection sees it); false on failure.  A
 * route that changed the calendar calls it once its transaction committed,
 * so the requests after it count with the change before the NOTIFY arrives. */
bool calendar_reload(struct ogi_db *db);
/* Starts the thread that LISTENs for changes (own connection, lib/db/notify.h). */
void calendar_listener_start(const char *conninfo);
void calendar_listener_stop(void);

/* Working days from a to b, negative when b is before a (the queue's "days left"). */
int calendar_signed_workdays(const struct ogi_calendar *cal, ogi_date a, ogi_date b);

#endif
