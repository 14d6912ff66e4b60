/* ogid's register import worker (issue 20): the real runs of the imports
 * started on the web page (POST /register-imports/{id}/run queues them) are
 * done here, not in the HTTP request, on a database connection of its own
 * for the import's one transaction and a second one (autocommit) for the
 * progress the page polls (rows done, written every REGISTER_PROGRESS_EVERY
 * rows) and the job's lease.  Several ogid may run it on one database: a job
 * is claimed FOR UPDATE SKIP LOCKED, so one of them runs it; a job whose
 * daemon died mid-run (its lease ran out) is queued again and run anew — its
 * import transaction rolled back with the connection, so nothing is doubled. */
#ifndef OGI_DAEMON_REGISTER_THREAD_H
#define OGI_DAEMON_REGISTER_THREAD_H

#include <stdbool.h>

/* Seconds a running job is held without news (renewed with each progress report). */
#define REGISTER_LEASE_SECONDS 120

/* Starts the thread; false, said on stderr, when it cannot start. */
bool register_thread_start(void);
/* Stops the thread and waits for it: a run in progress ends (commits or rolls back) first. */
void register_thread_stop(void);
/* Looks at the queue now rather than at the next poll (a run was just queued). */
void register_thread_wake(void);

#endif
