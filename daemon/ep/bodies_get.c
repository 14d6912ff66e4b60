/* GET /api/v1/bodies: the bodies (机关) of the tree the caller holds any
 * role in, each with its subtree, in the order of their paths. */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/body_json.h"
#include "lib/db/bodies.h"

enum MHD_Result h_bodies_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_body_list bodies;
	int rc = ogi_db_bodies_all(db, &bodies);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	for (size_t i = 0; i < bodies.n; i++)
		if (auth_allows(&c->auth, bodies.b[i].path, bodies.b[i].npath, OGI_ROLE_AUDITOR))
			json_array_append_new(list, wire_body(&bodies.b[i]));
	ogi_body_list_free(&bodies);
	return reply_json(c, 200, json_pack("{s:o}", "bodies", list));
}
