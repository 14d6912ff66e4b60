/* The glue of the body settings routes (see body_tx.h). */
#include "daemon/core/body_tx.h"

#include "daemon/core/audit_record.h"
#include "lib/refuse.h"

int body_row_open(struct ogi_db *db, struct ctx *c, long long if_match,
                  struct ogi_body_settings_row *row)
{
	int rc = ogi_db_body_settings_row(db, c->id, true, row);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no body %lld", c->id);
	if (rc != 0)
		return rc;
	if (if_match <= 0 || if_match == row->stored.version)
		return 0;
	return ogi_refuse(c->detail, sizeof c->detail, OGI_E_PRECONDITION_FAILED,
	                  "you had version %lld; the body's settings are at version %lld", if_match,
	                  row->stored.version);
}

int body_audit(struct ogi_db *db, struct ctx *c, const char *action, json_t *before, json_t *after)
{
	json_t *old_v = json_object(), *new_v = json_object();
	const char *key;
	json_t *value;
	json_object_foreach(after, key, value)
	{
		json_t *was = json_object_get(before, key);
		if (was == NULL || !json_equal(was, value)) {
			json_object_set(old_v, key, was ? was : json_null());
			json_object_set(new_v, key, value);
		}
	}
	json_object_foreach(before, key, value)
	{
		if (json_object_get(after, key) == NULL) {
			json_object_set(old_v, key, value);
			json_object_set_new(new_v, key, json_null());
		}
	}
	int rc = 0;
	if (json_object_size(new_v) > 0)
		rc = audit_record(db, &c->auth, "body", c->id, action, old_v, new_v);
	json_decref(old_v);
	json_decref(new_v);
	return rc;
}
