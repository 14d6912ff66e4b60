/* lib/db for the working-day calendar, shared by ogid and ogictl: loading
 * it into lib/calendar, listing a year as stored, and the three changes (a
 * day edited, a file imported, a year unloaded).  A change runs in the
 * caller's transaction with its consequences: the audit row and every open
 * request's deadlines recomputed, so they commit together.  The tables'
 * triggers NOTIFY OGI_DB_CALENDAR_CHANNEL on every change (lib/db/notify.h).
 * Every function returns 0, a positive enum ogi_error where it says, or a
 * status < 0 (db.h). */
#ifndef OGI_DB_CALENDAR_OPS_H
#define OGI_DB_CALENDAR_OPS_H

#include "lib/calendar.h"
#include "lib/calendar_import.h"
#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/domain.h"

/* The channel the calendar's triggers notify (migrations/0002-calendar.sql). */
#define OGI_DB_CALENDAR_CHANNEL "ogi_calendar"

/* The calendar as this connection (this transaction) sees it; NULL on a
 * database failure or out of memory.  The caller frees it. */
struct ogi_calendar *ogi_db_calendar_load(struct ogi_db *db);

/* Year as stored into out (free it with ogi_stored_year_free): a year not
 * loaded is no error (out->loaded false; it may still have days edited). */
int ogi_db_calendar_year_get(struct ogi_db *db, int year, struct ogi_stored_year *out);

/* Who makes a change and what it did. */
struct ogi_calendar_change {
	const struct ogi_actor *actor; /* in: of the audit row and the deadline_recomputed events */
	const char *source;            /* in: the origin stored with the days (not for unload) */
	int days;                      /* out: the days stored (import) or removed (unload) */
	int moved;                     /* out: the open requests whose dates moved */
};

/* Day becomes a holiday or a make-up workday named name, or with
 * OGI_DAY_RULE goes back to the weekday rule (its stored exception, if any,
 * deleted).  Audited as "edit day" of the day's year with the day as it was. */
int ogi_db_calendar_day_set(struct ogi_db *db, ogi_date day, enum ogi_day_kind kind,
                            const char *name, struct ogi_calendar_change *ch);

/* Replaces each year of imp by the file's days (only the exceptions to the
 * weekday rule are stored) and marks it loaded.  Audited as "import" of the
 * first year with the years and the days stored. */
int ogi_db_calendar_import(struct ogi_db *db, const struct ogi_import *imp,
                           struct ogi_calendar_change *ch);

/* Unloads year: its stored days and its row of loaded years go, so it is
 * counted by the weekday rule again and every deadline reaching into it is
 * provisional.  Audited as "unload" with the year as it was ({year, source,
 * days: [{day, kind, name}]}).  OGI_E_NOT_FOUND when the year is not loaded
 * (nothing changed). */
int ogi_db_calendar_unload(struct ogi_db *db, int year, struct ogi_calendar_change *ch);

/* Recomputes every open request with the calendar as this transaction sees
 * it.  A request whose projection changed is stored again (version + 1):
 * where one of its dates moved, with a deadline_recomputed event by actor
 * saying from what to what.  *moved: the requests whose dates moved. */
int ogi_db_recompute_open(struct ogi_db *db, const struct ogi_actor *actor, int *moved);

#endif
