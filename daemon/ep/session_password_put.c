/* PUT /api/v1/session/password {current_password, new_password}: any user
 * changes their own password (lib/secret.h's rule; it must differ from the
 * current one).  The user's other sessions end, the one in use goes on.
 * Audited as "change password" (never the password). */
#include <string.h>

#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/user_json.h"
#include "lib/db/sessions.h"
#include "lib/db/users.h"
#include "lib/secret.h"

struct own_password {
	struct ctx *c;
	const char *current, *next;
	char hash[256];
	struct spec_errors errs;
};

static bool own_password_parse(json_t *body, struct own_password *in, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("current_password", &in->current, 1024),
	    SPEC_STRING("new_password", &in->next, 1024),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (wire_password_ok("new_password", in->next, errs) && strcmp(in->current, in->next) == 0)
		spec_error_add(errs, "new_password", "unchanged", "新密码不能与当前密码相同",
		               "the new password must differ from the current one");
	return errs->n == 0;
}

bool in_session_password_put(json_t *body, struct spec_errors *errs)
{
	struct own_password in = {0};
	return own_password_parse(body, &in, errs);
}

static int own_password_tx(struct ogi_db *db, void *cls)
{
	struct own_password *in = cls;
	const struct auth *a = &in->c->auth;
	char current[256];
	int rc = ogi_db_user_password_hash(db, a->user_id, current, sizeof current);
	if (rc < 0)
		return rc;
	if (rc != 0 || !ogi_password_verify(current, in->current)) {
		in->errs.n = 0;
		spec_error_add(&in->errs, "current_password", "wrong", "当前密码不正确",
		               "the current password is wrong");
		in->c->errs = &in->errs;
		return OGI_E_INVALID_INPUT;
	}
	struct ogi_user_change ch = {.active = -1, .password_hash = in->hash};
	if ((rc = ogi_db_user_update(db, a->user_id, &ch, NULL)) != 0)
		return rc;
	/* other sessions of the user end; the one in use goes on */
	rc = ogi_db_sessions_end_user(db, a->user_id, a->via_cookie ? a->session_id : 0);
	if (rc != 0)
		return rc;
	json_t *v = json_pack("{s:s}", "password", "changed");
	rc = audit_record(db, a, "user", a->user_id, "change password", NULL, v);
	json_decref(v);
	return rc;
}

enum MHD_Result h_session_password_put(struct ctx *c)
{
	struct own_password in = {.c = c};
	if (!own_password_parse(c->json, &in, &in.errs))
		return reply_invalid(c, &in.errs);
	if (!ogi_password_hash(in.next, in.hash, sizeof in.hash))
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	enum MHD_Result result;
	if (!tx(c, "change password", own_password_tx, &in, &result))
		return result;
	return reply_empty(c, 204);
}
