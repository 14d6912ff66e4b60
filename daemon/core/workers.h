/* The request workers (workers.c): the threads that run route handlers, each
 * holding one database connection (dbconn.c), so the database pool is sized
 * apart from libmicrohttpd's HTTP threads. */
#ifndef OGI_DAEMON_WORKERS_H
#define OGI_DAEMON_WORKERS_H

#include <stdbool.h>

#include "daemon/core/ctx.h"

/* A request that waited this long for a worker is answered 503 overloaded
 * (with Retry-After) instead of being run. */
#define OGID_QUEUE_WAIT_MAX_US (10 * 1000000LL)

/* Starts n workers that run run(c) for each request handed to them. */
bool workers_start(int n, enum MHD_Result (*run)(struct ctx *c));
/* From the access handler: suspends c's connection and queues c for a worker,
 * which runs it, keeps its response in c (queue_response sees c->deferred)
 * and resumes the connection; libmicrohttpd then calls the access handler
 * again, which queues that response (dispatch.c).  False when the workers
 * have stopped (answer at once). */
bool workers_submit(struct ctx *c);
/* Runs what is queued, then ends the workers (before MHD_stop_daemon: every
 * suspended connection is resumed by then). */
void workers_stop(void);
/* For /metrics: the workers, how many run a request now, how many wait, how
 * many requests waited too long (503) since the start. */
void workers_stats(long long *workers, long long *busy, long long *queued, long long *expired);

#endif
