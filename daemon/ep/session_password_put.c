/* PUT /api/v1/session/password {current_password, new_password}: any user
 * changes their own password (lib/password.h's rule, with their username;
 * it must differ from the current one).  Guessing the current password is
 * throttled as logins are (lib/account.h: each attempt counted for the
 * username at the caller's address before it is checked; 429 with
 * Retry-After).  The user's other sessions end and their API tokens are
 * revoked (each audited), the session or token in use goes on.  Audited as
 * "change password" (never the password). */
#include <string.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/sessions.h"
#include "lib/db/throttles.h"
#include "lib/db/users.h"
#include "lib/password.h"
#include "lib/secret.h"

struct own_password {
	struct ctx *c;
	const char *current, *next;
	char verified[256]; /* the hash the current password was checked against */
	char hash[256];
	long long wait;
	struct spec_errors errs;
};

static bool own_password_parse(json_t *body, struct own_password *in, const char *username,
                               struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("current_password", &in->current, 1024),
	    SPEC_STRING("new_password", &in->next, 1024),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (ogi_password_ok("new_password", in->next, username, errs) &&
	    strcmp(in->current, in->next) == 0)
		spec_error_add(errs, "new_password", "unchanged", "新密码不能与当前密码相同",
		               "the new password must differ from the current one");
	return errs->n == 0;
}

bool in_session_password_put(json_t *body, struct spec_errors *errs)
{
	struct own_password in = {0};
	return own_password_parse(body, &in, NULL, errs);
}

static int claim_tx(struct ogi_db *db, void *cls)
{
	struct own_password *in = cls;
	return ogi_db_login_claim(db, in->c->auth.username, in->c->peer.address, &in->wait);
}

static enum MHD_Result wrong_current(struct own_password *in)
{
	in->errs.n = 0;
	spec_error_add(&in->errs, "current_password", "wrong", "当前密码不正确",
	               "the current password is wrong");
	return reply_invalid(in->c, &in->errs);
}

static int own_password_tx(struct ogi_db *db, void *cls)
{
	struct own_password *in = cls;
	const struct auth *a = &in->c->auth;
	char now[256];
	int rc = ogi_db_user_password_hash(db, a->user_id, now, sizeof now);
	if (rc < 0)
		return rc;
	if (rc != 0 || strcmp(now, in->verified) != 0) {
		/* changed (or the account closed) since it was checked: check again */
		ctx_detail(in->c, "the password was changed meanwhile");
		return OGI_E_PRECONDITION_FAILED;
	}
	struct ogi_user_change ch = {.active = -1, .password_hash = in->hash};
	if ((rc = ogi_db_user_update(db, a->user_id, &ch, NULL)) != 0)
		return rc;
	/* other sessions and tokens of the user end; the one in use goes on */
	rc = ogi_db_sessions_end_user(db, a->user_id, a->via_cookie ? a->session_id : 0);
	struct ogi_actor actor = {a->user_id, a->username};
	int revoked;
	if (rc == 0)
		rc = ogi_db_tokens_revoke_user(db, &actor, a->user_id,
		                               a->via_cookie ? 0 : a->session_id,
		                               "password changed", &revoked);
	if (rc != 0)
		return rc;
	json_t *v = json_pack("{s:s, s:i}", "password", "changed", "tokens_revoked", revoked);
	rc = audit_record(db, a, "user", a->user_id, "change password", NULL, v);
	json_decref(v);
	return rc;
}

enum MHD_Result h_session_password_put(struct ctx *c)
{
	struct own_password in = {.c = c};
	if (!own_password_parse(c->json, &in, c->auth.username, &in.errs))
		return reply_invalid(c, &in.errs);
	enum MHD_Result result;
	if (!tx(c, "claim password check", claim_tx, &in, &result))
		return result;
	if (in.wait > 0)
		return reply_retry_after(c, OGI_E_LOGIN_THROTTLED, in.wait);
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc = ogi_db_user_password_hash(db, c->auth.user_id, in.verified, sizeof in.verified);
	if (rc < 0)
		return reply_status(c, db, rc);
	if (rc != 0 || !ogi_password_verify(in.verified, in.current))
		return wrong_current(&in);
	(void)ogi_db_login_succeeded(db, c->auth.username, c->peer.address);
	if (!ogi_password_hash(in.next, in.hash, sizeof in.hash))
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	if (!tx(c, "change password", own_password_tx, &in, &result))
		return result;
	return reply_empty(c, 204);
}
