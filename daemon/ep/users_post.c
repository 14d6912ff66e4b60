/* POST /api/v1/users {username, display_name?, password, roles: [{body_id,
 * role}, …]}: an administrator adds a user holding roles on bodies it
 * administers (404 or 403 for another body, as require_body says).  The
 * user and each grant are audited; 409 username_taken. */
#include <stdio.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/user_json.h"
#include "lib/db/users.h"
#include "lib/password.h"
#include "lib/secret.h"

#define MAX_NEW_ROLES 16

struct user_add {
	struct ctx *c;
	const char *username, *display_name, *password;
	int nroles;
	struct ogi_grant roles[MAX_NEW_ROLES];
	char hash[256];
	long long user_id;
};

/* Reads [{body_id, role}, …] into in; false after adding field errors. */
static bool parse_roles(json_t *roles, struct user_add *in, struct spec_errors *errs)
{
	if (!json_is_array(roles) || json_array_size(roles) == 0 ||
	    json_array_size(roles) > MAX_NEW_ROLES) {
		spec_error_add(errs, "roles", "type", "应为 1 至 16 个 {body_id, role} 的数组",
		               "must be an array of 1 to 16 {body_id, role}");
		return false;
	}
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r)
	{
		int role = 0;
		struct spec one[] = {
		    SPEC_INT("body_id", &in->roles[i].body_id, 1, INT64_MAX),
		    SPEC_ENUM("role", ogi_role_names, &role),
		    SPEC_END,
		};
		struct spec_errors sub = {0};
		if (!spec_parse(r, one, &sub)) {
			for (int k = 0; k < sub.n; k++) {
				char field[96];
				snprintf(field, sizeof field, "roles[%zu].%s", i, sub.e[k].field);
				spec_error_add(errs, field, sub.e[k].code, sub.e[k].message_zh,
				               sub.e[k].message_en);
			}
			return false;
		}
		in->roles[i].role = (enum ogi_role)role;
	}
	in->nroles = (int)json_array_size(roles);
	return true;
}

static bool user_add_parse(json_t *body, struct user_add *in, struct spec_errors *errs)
{
	json_t *roles = NULL;
	bool has_display = false;
	struct spec spec[] = {
	    SPEC_STRING("username", &in->username, 64),
	    SPEC_OPT(&has_display, SPEC_F_STRING("display_name", &in->display_name, 100)),
	    SPEC_STRING("password", &in->password, 1024),
	    SPEC_JSON("roles", &roles),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	ogi_password_ok("password", in->password, in->username, errs);
	parse_roles(roles, in, errs);
	return errs->n == 0;
}

bool in_users_post(json_t *body, struct spec_errors *errs)
{
	struct user_add in = {0};
	return user_add_parse(body, &in, errs);
}

static int user_add_tx(struct ogi_db *db, void *cls)
{
	struct user_add *in = cls;
	struct ogi_actor actor = {in->c->auth.user_id, in->c->auth.username};
	int rc = ogi_db_user_create(db, &actor, in->username, in->display_name, in->hash, in->roles,
	                            in->nroles, &in->user_id);
	if (rc == OGI_E_USERNAME_TAKEN)
		ctx_detail(in->c, "%s", in->username);
	return rc;
}

enum MHD_Result h_users_post(struct ctx *c)
{
	struct user_add in = {.c = c};
	struct spec_errors errs = {0};
	if (!user_add_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	for (int i = 0; i < in.nroles; i++)
		if (!require_body(c, db, in.roles[i].body_id, OGI_ROLE_ADMIN, &result))
			return result;
	if (!ogi_password_hash(in.password, in.hash, sizeof in.hash))
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	if (!tx(c, "add user", user_add_tx, &in, &result))
		return result;
	return reply_json(
	    c, 201, json_pack("{s:I, s:s}", "id", (json_int_t)in.user_id, "username", in.username));
}
