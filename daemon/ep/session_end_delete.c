/* DELETE /api/v1/sessions/{id}: the caller ends one of its own sessions (a
 * browser left logged in elsewhere); any other id answers 404, as one that
 * does not exist.  Ending the session the request came with is logging out:
 * its cookie is cleared too. */
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/sessions.h"

enum MHD_Result h_session_end_delete(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc = ogi_db_session_end_of_user(db, c->id, c->auth.user_id);
	if (rc == OGI_E_NOT_FOUND)
		return reply_problem(c, OGI_E_NOT_FOUND, "no open session %lld of yours", c->id);
	if (rc != 0)
		return reply_status(c, db, rc);
	struct MHD_Response *r = response_from_buffer("", 0, NULL);
	if (c->auth.via_cookie && c->auth.session_id == c->id)
		MHD_add_response_header(
		    r, MHD_HTTP_HEADER_SET_COOKIE,
		    "ogi_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return queue_response(c, 204, r);
}
