/* GET /api/v1/public/bodies: the bodies that take online applications
 * (accepts_online), for the public form's first step: their name and where
 * and when applicants reach them. */
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/online_apps.h"

static json_t *text_or_null(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

enum MHD_Result h_public_bodies_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_public_body_list l;
	int rc = ogi_db_public_bodies(db, &l);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_t *b =
		    json_pack("{s:I, s:s}", "id", (json_int_t)l.v[i].id, "name", l.v[i].name);
		json_object_set_new(b, "address", text_or_null(l.v[i].address));
		json_object_set_new(b, "phone", text_or_null(l.v[i].phone));
		json_object_set_new(b, "office_hours", text_or_null(l.v[i].office_hours));
		json_array_append_new(items, b);
	}
	ogi_public_body_list_free(&l);
	return reply_json(c, 200, json_pack("{s:o}", "items", items));
}
