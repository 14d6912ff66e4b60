/* lib/db for the annual report: loading a report (the counts in one pass
 * over the requests, the mapping, staff inputs, the lock and what was
 * recorded into it), storing staff inputs and a lock, and the primitives of
 * the year lock that every change to a report's figures goes through (its
 * policy is lib/yearlock.h's).  Functions returning int give 0,
 * OGI_E_NOT_FOUND (> 0) where they say, or a status < 0 (db.h). */
#ifndef OGI_DB_REPORTS_H
#define OGI_DB_REPORTS_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/domain.h"
#include "lib/report.h"
#include "lib/yearlock.h"

/* Loads and finishes the report of body (alone or with its subtree) for
 * year in format f.  Outside a transaction it opens its own read-only
 * REPEATABLE READ one, so every figure comes from one snapshot.  Returns
 * NULL with *status OGI_DB_HARD/SOFT (err set to the database's message) or
 * OGI_E_NOT_FOUND (err "no body …") when the body does not exist. */
struct ogi_report *ogi_db_report_load(struct ogi_db *db, long long body_id, int year,
                                      enum ogi_report_format f, bool subtree, int *status,
                                      char *err, size_t errlen);

/* How many requests the subtree report of body for year reads, counted
 * plainly (the benchmark's baseline: bench/bench_report.c). */
int ogi_db_report_rows_count(struct ogi_db *db, long long body_id, int year, long long *rows);

/* In the caller's transaction: locks the staff inputs of body and year
 * (FOR UPDATE) and gives their stored form in *stored (the caller
 * json_decrefs it), NULL when none were saved. */
int ogi_db_report_inputs_lock(struct ogi_db *db, long long body_id, int year, json_t **stored);
/* Stores inputs (ogi_report_inputs_json's form) as body's of year, saved by
 * by; *version is the row's version after it (1 for the first save). */
int ogi_db_report_inputs_put(struct ogi_db *db, long long body_id, int year, json_t *inputs,
                             const struct ogi_actor *by, long long *version);

/* Body's lock of year (without its snapshot) into out; OGI_E_NOT_FOUND when
 * the year is not locked. */
int ogi_db_report_lock_get(struct ogi_db *db, long long body_id, int year,
                           struct ogi_report_lock *out);
/* Locks lock->body_id's report of lock->year (its subtree and format as in
 * lock) with snapshot, the report's JSON (lib/report_render.h), by by; sets
 * lock->locked_at and locked_by.  A lock already there is kept and
 * locked_at left empty (the caller holds ogi_db_lock_year_exclusive and
 * has looked). */
int ogi_db_report_lock_insert(struct ogi_db *db, struct ogi_report_lock *lock, json_t *snapshot,
                              const struct ogi_actor *by);

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
int ogi_db_amendment_insert(struct ogi_db *db, long long locked_body, int year,
                            long long request_id, const char *subject, const char *detail,
                            ogi_date on, const char *reason, long long actor_id, const char *actor);

#endif
