/* DELETE /api/v1/bodies/{id}/seal: an administrator of the body removes its
 * seal (letters print none); 404 when it has none.  If-Match guards the
 * settings' version.  Audited.  204 with the new ETag. */
#include <stdio.h>
#include <stdlib.h>

#include "daemon/core/auth.h"
#include "daemon/core/body_tx.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/bodies.h"

struct seal_delete {
	struct ctx *c;
	long long if_match, version;
	struct ogi_body_settings_row row;
};

static int seal_delete_tx(struct ogi_db *db, void *cls)
{
	struct seal_delete *w = cls;
	int rc = body_row_open(db, w->c, w->if_match, &w->row);
	if (rc == 0 && (rc = ogi_db_body_seal_delete(db, w->c->id, &w->version)) == OGI_E_NOT_FOUND)
		ctx_detail(w->c, "body %lld has no seal", w->c->id);
	if (rc != 0)
		return rc;
	json_t *before =
	    json_pack("{s:b, s:I}", "has_seal", 1, "seal_bytes", (json_int_t)w->row.seal_bytes);
	json_t *after = json_pack("{s:b, s:I}", "has_seal", 0, "seal_bytes", (json_int_t)0);
	rc = body_audit(db, w->c, "remove seal", before, after);
	json_decref(before);
	json_decref(after);
	return rc;
}

enum MHD_Result h_body_seal_delete(struct ctx *c)
{
	struct seal_delete *w = calloc(1, sizeof *w);
	if (w == NULL)
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	w->c = c;
	struct spec_errors errs = {0};
	enum MHD_Result result;
	struct ogi_db *db;
	if ((w->if_match = if_match(c, &errs, "机关设置", "the body's")) < 0)
		result = reply_invalid(c, &errs);
	else if ((db = thread_db(c, &result)) != NULL &&
	         require_body(c, db, c->id, OGI_ROLE_ADMIN, &result) &&
	         tx(c, "remove seal", seal_delete_tx, w, &result)) {
		struct MHD_Response *r = response_from_buffer("", 0, NULL);
		char etag[32];
		snprintf(etag, sizeof etag, "\"%lld\"", w->version);
		if (r != NULL)
			MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
		result = queue_response(c, 204, r);
	}
	free(w);
	return result;
}
