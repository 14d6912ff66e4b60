/* GET /api/v1/bodies/{id}: a body and what it says about itself on its
 * letters (its settings, the defaults filled in where it set none, and
 * which those are), for anyone holding a role on the body or above it;
 * another body answers 404 as if there were none.  ETag: the settings'
 * version (PUT's If-Match). */
#include <stdlib.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/body_settings_json.h"
#include "lib/db/bodies.h"

enum MHD_Result h_body_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, c->id, OGI_ROLE_AUDITOR, &result))
		return result;
	struct ogi_body_settings_row *row = malloc(sizeof *row);
	if (row == NULL)
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	int rc = ogi_db_body_settings_row(db, c->id, false, row);
	if (rc != 0) {
		free(row);
		return reply_status(c, db, rc);
	}
	json_t *out = wire_body_settings(
	    &row->body, &row->stored, row->has_parent ? row->parent_name : NULL, row->seal_bytes);
	long long version = row->stored.version;
	free(row);
	return reply_json_etag(c, 200, out, version, NULL);
}
