/* lib/db for the register imports an office admin starts from the web page
 * (issue 20; migration 0035): the uploaded file kept as a job, its dry runs'
 * reports, and the queue a worker thread of ogid takes runs from — claimed
 * FOR UPDATE SKIP LOCKED, so several ogid never run one job, with a lease
 * renewed as the run goes; a run whose daemon died is queued again when its
 * lease has run out (its import transaction rolled back with the
 * connection).  The import itself is lib/db/register_import.h's.  Every
 * function returns 0, the enum ogi_error (> 0) it names, or a status < 0
 * (db.h). */
#ifndef OGI_DB_REGISTER_JOBS_H
#define OGI_DB_REGISTER_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/db/db.h"
#include "lib/register_job.h"

/* How many times a run is started before a job whose daemon keeps dying is failed. */
#define OGI_REGISTER_JOB_ATTEMPTS 3

/* Frees what a job read here holds (its JSON texts). */
void ogi_register_job_free(struct ogi_register_job *j);

void ogi_register_job_list_free(struct ogi_register_job_list *l);

/* Stores an upload with its first dry run (status 'checked'); its id into *id. */
int ogi_db_register_job_insert(struct ogi_db *db, const struct ogi_register_job *in,
                               const void *data, size_t len, long long *id);
/* Job id (locked FOR UPDATE when lock) into out; OGI_E_NOT_FOUND when there is none. */
int ogi_db_register_job_get(struct ogi_db *db, long long id, bool lock,
                            struct ogi_register_job *out);
/* The file's bytes (malloc'd into *data); OGI_E_NOT_FOUND when gone (a finished job's). */
int ogi_db_register_job_data(struct ogi_db *db, long long id, unsigned char **data, size_t *len);
/* A new dry run of a 'checked' job: its mapping, table, report and counts;
 * OGI_E_CONFLICT when it is not 'checked'. */
int ogi_db_register_job_checked(struct ogi_db *db, long long id, const char *mapping,
                                const char *outcomes, const char *report, long long rows_total,
                                long long problems);
/* Queues a 'checked' job for its run with the mapping and table it runs with;
 * OGI_E_CONFLICT when it is not 'checked' (queued, running or finished already). */
int ogi_db_register_job_queue(struct ogi_db *db, long long id, const char *mapping,
                              const char *outcomes, bool skip_invalid, long long run_by,
                              const char *run_by_name);
/* The body's imports, newest first, at most 100. */
int ogi_db_register_jobs_list(struct ogi_db *db, long long body_id,
                              struct ogi_register_job_list *out);

/* For the worker, each in a transaction of its own (autocommit).  First a job whose lease
 * ran out goes back to the queue (or is failed after OGI_REGISTER_JOB_ATTEMPTS starts);
 * then the oldest queued job is taken: 'running', its lease lease_seconds from now,
 * rows_done 0, attempts counted.  1 with it in out, 0 when none waits. */
int ogi_db_register_job_claim(struct ogi_db *db, int lease_seconds, struct ogi_register_job *out);
/* The rows the run has gone through, and its lease renewed; only while the job is this
 * worker's (status running with these attempts): OGI_E_CONFLICT otherwise. */
int ogi_db_register_job_progress(struct ogi_db *db, long long id, long long attempts,
                                 long long rows_done, int lease_seconds);
/* Ends the run: status 'done' or 'failed' with its result JSON and the rows gone through;
 * the file's bytes are dropped once done.  Called in the import's transaction for 'done'
 * (the job is done exactly when the import committed).  OGI_E_CONFLICT when the job is no
 * longer this worker's run. */
int ogi_db_register_job_finish(struct ogi_db *db, long long id, long long attempts, bool done,
                               const char *result, long long rows_done);

#endif
