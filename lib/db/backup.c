/* What ogictl backup and restore ask the database (see backup.h): literal
 * SQL, as nothing is prepared on their connection. */
#include "lib/db/backup.h"

#include <string.h>

#include "lib/db/pq.h"

int ogi_db_summary(struct ogi_db *db, struct ogi_db_summary *out)
{
	memset(out, 0, sizeof *out);
	PGresult *res;
	int n = ogi_db_query(db,
	                     "SELECT (SELECT max(version) FROM schema_migrations) AS version, "
	                     "(SELECT count(*) FROM requests) AS requests, "
	                     "(SELECT count(*) FROM request_events) AS events",
	                     &res);
	if (n < 0)
		return n;
	out->schema_version = (int)pq_getint(res, 0, "version");
	out->requests = pq_getint(res, 0, "requests");
	out->events = pq_getint(res, 0, "events");
	PQclear(res);
	/* the case files' papers, in a database that holds them (0015 on) */
	if ((n = ogi_db_query(db, "SELECT to_regclass('public.attachments') IS NOT NULL AS held",
	                      &res)) < 0)
		return n;
	bool held = pq_getbool(res, 0, "held");
	PQclear(res);
	if (!held)
		return 0;
	if ((n = ogi_db_query(
	         db, "SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM attachments",
	         &res)) < 0)
		return n;
	out->attachments = pq_getint(res, 0, "n");
	out->attachment_bytes = pq_getint(res, 0, "bytes");
	PQclear(res);
	return 0;
}

int ogi_db_restore_target(struct ogi_db *db, bool *holds_ogi, long long *daemons)
{
	PGresult *res;
	int n =
	    ogi_db_query(db,
	                 "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS holds_ogi, "
	                 "(SELECT count(*) FROM pg_stat_activity "
	                 "  WHERE datname = current_database() AND application_name = 'ogid' "
	                 "    AND pid <> pg_backend_pid()) AS daemons",
	                 &res);
	if (n < 0)
		return n;
	*holds_ogi = pq_getbool(res, 0, "holds_ogi");
	*daemons = pq_getint(res, 0, "daemons");
	PQclear(res);
	return 0;
}
