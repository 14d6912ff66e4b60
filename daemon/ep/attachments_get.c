/* GET /api/v1/requests/{id}/attachments: the papers of the case file, oldest
 * first, voided ones too (marked, with the reason): metadata only, each
 * with the href of its bytes, and the limits of size.  Any role on the request's body; another
 * body's request is 404. */
#include "daemon/core/config.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/attachment_json.h"
#include "lib/db/attachments.h"

enum MHD_Result h_attachments_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request req = {0};
	int rc = request_for(c, db, c->id, false, OGI_ROLE_AUDITOR, &req);
	if (rc != 0)
		return reply_status(c, db, rc);
	struct ogi_attachment_list list = {0};
	rc = ogi_db_attachments_of(db, req.body_id, req.id, &list);
	ogi_request_free(&req);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *out = wire_attachments(&list);
	ogi_attachment_list_free(&list);
	/* the limits, so that a client says so before sending a file ogid refuses */
	json_object_set_new(out, "max_file_bytes", json_integer(ogid.max_attachment));
	json_object_set_new(out, "max_total_bytes", json_integer(ogid.max_attachments_total));
	return reply_json(c, 200, out);
}
