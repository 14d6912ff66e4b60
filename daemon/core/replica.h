/* Read replicas (replica.c): streaming standbys that lag-tolerant reads go to
 * (reports, exports, CSV, the audit log, lists), while their replay lag is
 * under --replica-max-lag; writes, and reads by a user within
 * OGID_OWN_WRITE_US of their own write, go to the primary. */
#ifndef OGI_DAEMON_REPLICA_H
#define OGI_DAEMON_REPLICA_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon/core/ctx.h"
#include "lib/db/db.h"

#define OGID_REPLICAS_MAX 8
/* a user's reads this long after one of their writes go to the primary */
#define OGID_OWN_WRITE_US (5 * 1000000LL)

/* Before serving: the standbys' URLs (conninfo) and the lag allowed, in seconds.
 * Starts the monitor thread that measures each one's lag (5 times a second). */
void replica_start(int n, const char *const *conninfo, double max_lag_seconds);
void replica_stop(void);
/* The connection a lag-tolerant read of c runs on: a usable standby's (this
 * worker's own connection to it) or, failing that, the primary's (thread_db:
 * NULL and a 503 in *result when it is unreachable). */
struct ogi_db *read_db(struct ctx *c, enum MHD_Result *result);
/* After a read on *db failed: when *db was a standby and the failure an
 * outage, marks that standby down and points *db at the primary: true, read
 * again there.  Otherwise false (answer the failure). */
bool read_db_again(struct ctx *c, struct ogi_db **db);
/* A request of user_id that may have written has been answered (dispatch.c). */
void replica_note_write(long long user_id);
/* For /readyz: a JSON array of each standby's state (NULL without standbys). */
json_t *replica_states(void);
/* For /metrics: each standby's state, lag and reads; the length written. */
size_t replica_metrics_text(char *buf, size_t len);

#endif
