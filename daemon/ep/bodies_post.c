/* POST /api/v1/bodies {parent_id, name, code?}: an administrator of the
 * parent adds a body under it (404 or 403 for another parent, as
 * require_body says; 409 when another body has the code).  Audited with
 * the body as the API returns it. */
#include <stdio.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/body_json.h"
#include "lib/db/bodies.h"

struct body_add {
	struct ctx *c;
	long long parent_id;
	const char *name, *code;
	long long id;
	json_t *out;
};

static bool body_add_parse(json_t *body, struct body_add *in, struct spec_errors *errs)
{
	bool has_code = false;
	struct spec spec[] = {
	    SPEC_INT("parent_id", &in->parent_id, 1, INT64_MAX),
	    SPEC_STRING("name", &in->name, 200),
	    /* bodies.code: NULL or 1 to 64 characters */
	    SPEC_OPT(&has_code, SPEC_F_STRING("code", &in->code, 64), SPEC_F_NONEMPTY),
	    SPEC_END,
	};
	bool ok = spec_parse(body, spec, errs);
	if (!has_code)
		in->code = NULL;
	return ok;
}

bool in_bodies_post(json_t *body, struct spec_errors *errs)
{
	struct body_add in = {0};
	return body_add_parse(body, &in, errs);
}

static int body_add_tx(struct ogi_db *db, void *cls)
{
	struct body_add *in = cls;
	struct ogi_body b;
	int rc = ogi_db_body_insert(db, in->parent_id, in->name, in->code, &b);
	if (rc == OGI_E_CONFLICT)
		ctx_detail(in->c, "a body with code %s exists", in->code);
	if (rc != 0)
		return rc;
	in->id = b.id;
	json_decref(in->out);
	in->out = wire_body(&b);
	return audit_record(db, &in->c->auth, "body", b.id, "create", NULL, in->out);
}

enum MHD_Result h_bodies_post(struct ctx *c)
{
	struct body_add in = {.c = c};
	struct spec_errors errs = {0};
	if (!body_add_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, in.parent_id, OGI_ROLE_ADMIN, &result))
		return result;
	if (!tx(c, "add body", body_add_tx, &in, &result)) {
		json_decref(in.out);
		return result;
	}
	char location[64];
	snprintf(location, sizeof location, "/api/v1/bodies/%lld", in.id);
	return reply_json_etag(c, 201, in.out, 0, location);
}
