/* The calendar as the database holds it, shared by ogid and ogictl: loading
 * it into lib/calendar, storing an imported file, and bringing every open
 * request's deadlines up to date after a change — all inside the caller's
 * transaction, so a change and its consequences commit together. */
#ifndef OGI_DB_CALENDAR_OPS_H
#define OGI_DB_CALENDAR_OPS_H

#include <jansson.h>

#include "lib/calendar.h"
#include "lib/calendar_import.h"
#include "lib/db/db.h"

/* The calendar as this connection (this transaction) sees it; NULL on a
 * database failure or out of memory.  The caller frees it. */
struct ogi_calendar *ogi_db_calendar_load(struct ogi_db *db);

/* Replaces each year of imp by the file's days (only the exceptions to the
 * weekday rule are stored), with source as their origin.  Returns 0 (and
 * *stored, the days stored) or an OGI_DB_* status. */
int ogi_db_calendar_store(struct ogi_db *db, const struct ogi_import *imp, const char *source,
			  int *stored);

/* Unloads year: its stored days and its row of loaded years go, so it is counted
 * by the weekday rule again and every deadline reaching into it is provisional
 * (ogi_db_recompute_open after it says so).  Returns 0 with *old, the year as it
 * was for the audit log ({year, source, days: [{day, kind, name}]}; the caller
 * decrefs it) and *removed, its days removed; OGI_DB_CALENDAR_NOT_LOADED when
 * the year is not loaded (nothing changed); or an OGI_DB_* status. */
enum { OGI_DB_CALENDAR_NOT_LOADED = 1 };
int ogi_db_calendar_unload(struct ogi_db *db, int year, json_t **old, int *removed);

/* Recomputes every open request with the calendar as this transaction sees
 * it.  A request whose projection changed is stored again (version + 1):
 * where one of its dates moved, with a deadline_recomputed event by actor
 * (actor_id may be NULL) saying from what to what.  Returns 0 (and *moved,
 * the requests whose dates moved) or an OGI_DB_* status. */
int ogi_db_recompute_open(struct ogi_db *db, const char *actor_id, const char *actor, int *moved);

#endif
