/* GET /readyz: ready to serve — the database answers (503 when not) and
 * its schema is current (503 schema_not_current: run ogictl migrate). */
#include "daemon/core/dbconn.h"
#include "daemon/core/replica.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/migrate.h"

enum MHD_Result h_readyz(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc = ogi_db_ping(db);
	if (rc != 0)
		return reply_status(c, db, rc);
	if (!ogi_schema_current(db))
		return reply_problem(c, OGI_E_SCHEMA_NOT_CURRENT, "run ogictl migrate");
	json_t *ready = json_pack("{s:s}", "status", "ready");
	json_t *replicas = replica_states(); /* each standby's state, when there are any */
	if (replicas != NULL)
		json_object_set_new(ready, "replicas", replicas);
	return reply_json(c, 200, ready);
}
