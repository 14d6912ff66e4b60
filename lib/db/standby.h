/* What ogid's replica monitor asks (daemon/core/replica.c): the primary's
 * WAL position, and how far a streaming standby has replayed it. */
#ifndef OGI_DB_STANDBY_H
#define OGI_DB_STANDBY_H

#include <stdbool.h>

#include "lib/db/db.h"

/* The primary's current WAL position in bytes (pg_current_wal_lsn): 0 or a status < 0. */
int ogi_db_wal_position(struct ogi_db *db, unsigned long long *lsn);

struct ogi_standby_state {
	bool in_recovery;              /* a standby (false: a primary, not to be read as one) */
	unsigned long long replay_lsn; /* WAL replayed so far, in bytes */
	bool replayed_any;             /* a transaction was replayed since the standby started */
	double since_replay;           /* seconds since the last replayed transaction committed */
};
/* The standby's replay: 0 or a status < 0. */
int ogi_db_standby_state(struct ogi_db *db, struct ogi_standby_state *st);

#endif
