/* GET /api/v1/requests/{id}: one request as the caller may see it (the
 * applicant's identity number whole to administrators only, masked for
 * everyone else: request_shows_full_id), its version as ETag; 304 for an
 * If-None-Match naming it. */
#include <stdio.h>
#include <string.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/request_json.h"

enum MHD_Result h_request_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request r;
	int rc = request_for(c, db, c->id, false, OGI_ROLE_AUDITOR, &r);
	if (rc != 0)
		return reply_status(c, db, rc);
	long long version = r.version;
	json_t *out = wire_request(&r, request_shows_full_id(c, &r));
	ogi_request_free(&r);
	const char *inm = header(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
	char etag[40];
	snprintf(etag, sizeof etag, "\"%lld\"", version);
	if (inm != NULL && strcmp(inm, etag) == 0) {
		json_decref(out);
		struct MHD_Response *resp = response_from_buffer("", 0, NULL);
		MHD_add_response_header(resp, "ETag", etag);
		return queue_response(c, 304, resp);
	}
	return reply_json_etag(c, 200, out, version, NULL);
}
