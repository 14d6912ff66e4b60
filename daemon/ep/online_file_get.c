/* GET /api/v1/online-applications/{id}/files/{file_id}: the bytes of a file
 * the applicant sent with an online application (its identity copy) or with
 * an online correction answer, for staff to look at before they confirm it.  Every role of the
 * application's body reads it (404 for another body's, as for one that does not exist); served as
 * an attachment download with its stored type, never inline, and nosniff, so a file cannot run as a
 * page of ogi's origin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/attachment.h"
#include "lib/db/online_apps.h"

enum MHD_Result h_online_file_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_online_row *row = calloc(1, sizeof *row);
	if (row == NULL)
		return MHD_NO;
	int rc = ogi_db_online_get(db, c->id, false, row);
	if (rc == 0 && !auth_allows(&c->auth, row->path, row->npath, OGI_ROLE_AUDITOR))
		rc = OGI_E_NOT_FOUND;
	free(row);
	struct ogi_online_file *f = NULL, *hit = NULL;
	size_t nf = 0;
	if (rc == 0)
		rc = ogi_db_online_files_of(db, c->id, -1, &f, &nf);
	for (size_t i = 0; rc == 0 && i < nf; i++)
		if (f[i].id == c->id2)
			hit = &f[i];
	if (rc == 0 && hit == NULL)
		rc = OGI_E_NOT_FOUND;
	unsigned char *data = NULL;
	size_t len = 0;
	if (rc == 0)
		rc = ogi_db_online_file_data(db, c->id, c->id2, &data, &len);
	if (rc != 0) {
		free(f);
		if (rc == OGI_E_NOT_FOUND)
			ctx_detail(c, "no file %lld of online application %lld", c->id2, c->id);
		return reply_status(c, db, rc);
	}
	struct MHD_Response *r = response_from_buffer((const char *)data, len, hit->content_type);
	free(data);
	if (r != NULL) {
		char disposition[64];
		snprintf(disposition, sizeof disposition, "attachment; filename=\"file-%lld%s\"",
		         hit->id, ogi_filetype_ext[ogi_filetype_of_media(hit->content_type)]);
		MHD_add_response_header(r, "Content-Disposition", disposition);
		MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
		MHD_add_response_header(r, "Cache-Control", "private, no-store");
	}
	free(f);
	return queue_response(c, 200, r);
}
