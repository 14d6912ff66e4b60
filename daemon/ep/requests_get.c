/* GET /api/v1/requests: the requests of the caller's bodies, newest first,
 * with the filters of wire/request_filter.h and keyset paging (next_after:
 * the id to pass as after for the next page, or null on the last). */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/replica.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/request_filter.h"
#include "daemon/wire/request_json.h"
#include "lib/db/requests.h"

enum MHD_Result h_requests_get(struct ctx *c)
{
	long long roots[OGI_MAX_GRANTS];
	struct ogi_request_filter f = {.roots = roots};
	/* every role reads: the auditor's too */
	f.nroots = auth_root_ids(&c->auth, (1u << OGI_ROLE_COUNT) - 1, roots, OGI_MAX_GRANTS);
	struct spec_errors errs = {0};
	if (!wire_request_filter(c, &f, &errs))
		return reply_invalid(c, &errs);
	long long shown = f.limit;
	f.limit++; /* one row more than shown says whether there is a next page */
	enum MHD_Result result;
	struct ogi_db *db = read_db(c, &result); /* a standby will do (replica.h) */
	if (db == NULL)
		return result;
	struct ogi_request_list list;
	int rc = ogi_db_requests_list(db, &f, &list);
	if (rc < 0 && read_db_again(c, &db))
		rc = ogi_db_requests_list(db, &f, &list);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *items = json_array();
	for (size_t i = 0; i < list.n && (long long)i < shown; i++)
		json_array_append_new(
		    items, wire_request(&list.r[i], request_shows_full_id(c, &list.r[i])));
	json_t *next = (long long)list.n > shown ? json_integer(list.r[shown - 1].id) : json_null();
	ogi_request_list_free(&list);
	return reply_json(c, 200, json_pack("{s:o, s:o}", "requests", items, "next_after", next));
}
