/* The assignment and transfer side of recording an event (see assign_tx.h). */
#include "daemon/core/assign_tx.h"

#include <stdio.h>

#include "api/errors.h"
#include "lib/assign_rules.h"
#include "lib/db/assignment.h"
#include "lib/refuse.h"

#define GRANTS_MAX 64

static int check_assigned(struct ogi_db *db, struct ctx *c, struct assign_target *t,
                          json_t *payload)
{
	json_t *who = json_object_get(payload, "assignee");
	json_t *unit = json_object_get(payload, "unit");
	if (json_is_integer(who)) {
		long long id = json_integer_value(who);
		struct ogi_grant grants[GRANTS_MAX];
		size_t n;
		bool active;
		char name[404];
		int rc =
		    ogi_db_user_grants(db, id, &active, name, sizeof name, grants, GRANTS_MAX, &n);
		if (rc < 0)
			return rc;
		if (rc != 0 || !ogi_assignee_eligible(active, grants, n, t->path, t->npath))
			return ogi_refuse(c->detail, sizeof c->detail, OGI_E_ASSIGNEE_NOT_OF_BODY,
			                  "user %lld %s", id,
			                  rc != 0 ? "does not exist"
			                          : "holds no role that records events on the "
			                            "request's body or a body above it, or is "
			                            "deactivated");
		json_object_set_new(payload, "assignee_name", json_string(name));
	} else {
		json_object_set_new(payload, "assignee", json_null());
	}
	if (json_is_string(unit)) {
		bool exists;
		int rc = ogi_db_unit_exists(db, t->body_id, json_string_value(unit), &exists);
		if (rc != 0)
			return rc;
		if (!exists)
			return ogi_refuse(c->detail, sizeof c->detail, OGI_E_UNIT_UNKNOWN,
			                  "body %lld has no unit of this name", t->body_id);
	} else {
		json_object_set_new(payload, "unit", json_null());
	}
	return 0;
}

static int check_transferred(struct ogi_db *db, struct ctx *c, struct assign_target *t,
                             json_t *payload)
{
	long long to = json_integer_value(json_object_get(payload, "to_body_id"));
	char to_name[256], from_name[256];
	long long to_path[OGI_BODY_DEPTH_MAX], from_path[OGI_BODY_DEPTH_MAX];
	int nto = 0, nfrom = 0;
	int rc = ogi_db_body_name_path(db, to, to_name, sizeof to_name, to_path, &nto);
	if (rc == OGI_E_NOT_FOUND)
		return ogi_refuse(c->detail, sizeof c->detail, OGI_E_TRANSFER_BODY_UNKNOWN,
		                  "no body %lld", to);
	if (rc == 0)
		rc = ogi_db_body_name_path(db, t->body_id, from_name, sizeof from_name, from_path,
		                           &nfrom);
	if (rc != 0)
		return rc;
	enum ogi_transfer_dir dir = ogi_transfer_direction(t->path, t->npath, to_path, nto);
	if (dir == OGI_TRANSFER_REFUSED)
		return ogi_refuse(c->detail, sizeof c->detail, OGI_E_TRANSFER_NOT_IN_TREE,
		                  "body %lld is neither below body %lld nor its parent", to,
		                  t->body_id);
	t->to_body_id = to;
	json_object_set_new(payload, "from_body_id", json_integer(t->body_id));
	json_object_set_new(payload, "from_body_name", json_string(from_name));
	json_object_set_new(payload, "to_body_name", json_string(to_name));
	json_object_set_new(payload, "direction", json_string(ogi_transfer_dir_names[dir]));
	return 0;
}

int assign_check(struct ogi_db *db, struct ctx *c, struct assign_target *t,
                 enum ogi_event_type type, json_t *payload)
{
	if (type == OGI_EV_ASSIGNED)
		return check_assigned(db, c, t, payload);
	if (type == OGI_EV_TRANSFERRED)
		return check_transferred(db, c, t, payload);
	return 0;
}

int assign_apply(struct ogi_db *db, const struct assign_target *t, enum ogi_event_type type,
                 json_t *payload, long long event_id, ogi_date on)
{
	if (type == OGI_EV_ASSIGNED) {
		json_t *who = json_object_get(payload, "assignee");
		return ogi_db_request_assign(db, t->request_id,
		                             json_is_integer(who) ? json_integer_value(who) : 0,
		                             json_string_value(json_object_get(payload, "unit")));
	}
	if (type == OGI_EV_TRANSFERRED)
		return ogi_db_request_transfer(db, t->request_id, event_id, t->body_id,
		                               t->to_body_id, on);
	return 0;
}
