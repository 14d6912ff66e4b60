/* GET /api/v1/online-applications[?state=pending|confirmed|declined][&body_id=]:
 * the online applications of the caller's bodies (every role reads),
 * oldest first — the pending ones are the queue's band 「网上申请待确认」.
 * The identity number is masked, as in every list; each carries the applicant's
 * files (their metadata: GET …/{id}/files/{file_id} has the bytes). */
#include <stdlib.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/online_json.h"
#include "lib/db/online_apps.h"

static const char *const state_names[] = {"pending", "confirmed", "declined", NULL};

enum MHD_Result h_online_applications_get(struct ctx *c)
{
	long long roots[OGI_MAX_GRANTS];
	int nroots = auth_root_ids(&c->auth, (1u << OGI_ROLE_COUNT) - 1, roots, OGI_MAX_GRANTS);
	struct spec_errors errs = {0};
	int state = 0;
	long long body_id = 0, limit = 200;
	bool given;
	param_enum(c, &errs, "state", state_names, &state, &given);
	param_id(c, &errs, "body_id", &body_id, &given);
	param_int(c, &errs, "limit", 1000, &limit, &given);
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_online_list l;
	int rc = ogi_db_online_list(db, roots, nroots, body_id, state_names[state], (int)limit, &l);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		json_t *item = wire_online_application(&l.v[i], false);
		struct ogi_online_file *f = NULL;
		size_t nf = 0;
		if ((rc = ogi_db_online_files_of(db, l.v[i].id, 0, &f, &nf)) == 0)
			json_object_set_new(item, "files", wire_online_files(f, nf));
		free(f);
		json_array_append_new(items, item);
	}
	ogi_online_list_free(&l);
	if (rc != 0) {
		json_decref(items);
		return reply_status(c, db, rc);
	}
	return reply_json(c, 200, json_pack("{s:o}", "items", items));
}
