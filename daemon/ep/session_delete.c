/* DELETE /api/v1/session: logging out.  Ends the cookie's session (a
 * bearer token stays valid: DELETE /api/v1/tokens/{id} revokes it) and
 * clears the cookie. */
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/sessions.h"

enum MHD_Result h_session_delete(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc;
	if (c->auth.via_cookie && (rc = ogi_db_session_end(db, c->auth.session_id)) != 0)
		return reply_status(c, db, rc);
	struct MHD_Response *r = response_from_buffer("", 0, NULL);
	MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE,
	                        "ogi_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return queue_response(c, 204, r);
}
