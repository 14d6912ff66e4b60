/* GET /api/v1/bodies/{id}/seal: the seal the body's letters print, as the
 * PNG it stored (image/png), for anyone holding a role on the body or above
 * it; 404 when it has none (or the body is another's). */
#include <stdlib.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/bodies.h"

enum MHD_Result h_body_seal_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, c->id, OGI_ROLE_AUDITOR, &result))
		return result;
	unsigned char *png;
	size_t len;
	int rc = ogi_db_body_seal_get(db, c->id, &png, &len);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "body %lld has no seal", c->id);
	if (rc != 0)
		return reply_status(c, db, rc);
	/* private: a seal is not for shared caches; revalidated like the settings */
	result = reply_bytes(c, 200, "image/png", png, len, "private, no-cache");
	free(png);
	return result;
}
