/* GET /api/v1/bodies/{id}/letter-templates: the body's own wording of its
 * letters' templates, overrides {template key: text} ({} when it uses the
 * defaults), and keys, every template with its default text and the
 * fields it offers (what an editor of the wording needs), for anyone
 * holding a role on the body or above it.  ETag: the settings' version
 * (PUT's If-Match). */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/body_settings_json.h"
#include "lib/db/bodies.h"

enum MHD_Result h_body_templates_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, c->id, OGI_ROLE_AUDITOR, &result))
		return result;
	struct ogi_body_settings s;
	json_t *templates;
	int rc = ogi_db_body_settings_get(db, c->id, &s);
	if (rc == 0)
		rc = ogi_db_body_templates_get(db, c->id, &templates);
	if (rc != 0)
		return reply_status(c, db, rc);
	return reply_json_etag(c, 200, wire_letter_templates(templates), s.version, NULL);
}
