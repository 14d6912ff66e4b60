/* lib/db for the annual report: loading a report (the counts in one pass
 * over the requests, the mapping, staff inputs, the lock and what was
 * recorded into it), and the primitives of the year lock that every change
 * to a report's figures goes through (its policy is lib/yearlock.h's). */
#ifndef OGI_DB_REPORTS_H
#define OGI_DB_REPORTS_H

#include <stdbool.h>

#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/report.h"
#include "lib/yearlock.h"

/* Loads and finishes the report of body (alone or with its subtree) for
 * year in format f.  Outside a transaction it opens its own read-only
 * REPEATABLE READ one, so every figure comes from one snapshot.  Returns
 * NULL with *status OGI_DB_HARD/SOFT (err set) or 1 when the body does not
 * exist. */
struct ogi_report *ogi_db_report_load(struct ogi_db *db, long long body_id, int year,
				      enum ogi_report_format f, bool subtree, int *status,
				      char *err, size_t errlen);

/* In the caller's transaction: waits until no lock of body's year (or of an
 * ancestor's subtree) is being taken, then lists the locks covering a change
 * to body's figures of year — body's own, and its ancestors' subtree locks
 * unless self_only — with each locked body's path.  Returns how many (up to
 * max) or OGI_DB_HARD/SOFT. */
int ogi_db_locks_covering(struct ogi_db *db, long long body_id, int year, bool self_only,
			  struct ogi_lock_hit *out, int max);

/* In the caller's transaction: waits for every change to body's year in
 * flight, so that what the caller reads next is final until it commits. */
int ogi_db_lock_year_exclusive(struct ogi_db *db, long long body_id, int year);

/* Records an override into a locked year (report_amendments). */
int ogi_db_amendment_insert(struct ogi_db *db, long long locked_body, int year, long long request_id,
			    const char *subject, const char *detail, ogi_date on, const char *reason,
			    long long actor_id, const char *actor);

#endif
