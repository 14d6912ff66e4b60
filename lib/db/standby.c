/* The replica monitor's questions (see standby.h). */
#include "lib/db/standby.h"

#include <stdlib.h>

#include "lib/db/pq.h"

int ogi_db_wal_position(struct ogi_db *db, unsigned long long *lsn)
{
	PGresult *res;
	int rc = ogi_db_query(db, "SELECT (pg_current_wal_lsn() - '0/0')::text", &res);
	if (rc < 0)
		return rc;
	*lsn = strtoull(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

int ogi_db_standby_state(struct ogi_db *db, struct ogi_standby_state *st)
{
	PGresult *res;
	int rc = ogi_db_query(
	    db,
	    "SELECT pg_is_in_recovery(), coalesce((pg_last_wal_replay_lsn() - '0/0')::text, '0'), "
	    "extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8",
	    &res);
	if (rc < 0)
		return rc;
	st->in_recovery = PQgetvalue(res, 0, 0)[0] == 't';
	st->replay_lsn = strtoull(PQgetvalue(res, 0, 1), NULL, 10);
	st->replayed_any = !PQgetisnull(res, 0, 2);
	st->since_replay = st->replayed_any ? strtod(PQgetvalue(res, 0, 2), NULL) : 0;
	PQclear(res);
	return 0;
}
