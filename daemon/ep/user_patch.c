/* PATCH /api/v1/users/{id} {display_name?, active?, password?, email?, reminders?}: an
 * administrator changes a user it may manage (user_lock_manageable: any
 * other answers 404 as no such user) — its display name, its e-mail address
 * (null or "" removes it) and whether it gets the reminder digests (issue 16
 * item 4: sent only to an address), deactivating or
 * reactivating it, resetting its password (lib/password.h's rule, with the
 * user's username).  A reset password or a deactivated account ends the
 * user's sessions and revokes its API tokens (each audited), so neither a
 * reset nor a reactivation brings an old one back; the last active
 * administrator of a top-level body cannot be deactivated (409 last_admin).
 * Audited, before and after (a password only as "reset"). */
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/user_json.h"
#include "lib/db/sessions.h"
#include "lib/db/users.h"
#include "lib/password.h"
#include "lib/secret.h"

struct user_patch {
	struct ctx *c;
	const char *display_name, *password, *email;
	bool active, reminders;
	bool has_display, has_active, has_password, has_email, has_reminders, clear_email;
	char hash[256];
	json_t *out;
	struct spec_errors errs;
};

/* An address a digest can go to: local@domain, printable ASCII, no spaces or brackets. */
static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || strlen(s) < 3)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("<>()[]\\,;:\"", *p) != NULL)
			return false;
	return true;
}

static bool user_patch_parse(json_t *body, struct user_patch *in, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_OPT(&in->has_display, SPEC_F_STRING("display_name", &in->display_name, 100)),
	    SPEC_OPT(&in->has_active, SPEC_F_BOOL("active", &in->active)),
	    SPEC_OPT(&in->has_password, SPEC_F_STRING("password", &in->password, 1024)),
	    SPEC_OPT(&in->has_email, SPEC_F_STRING("email", &in->email, 254)),
	    SPEC_OPT(&in->has_reminders, SPEC_F_BOOL("reminders", &in->reminders)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	in->clear_email =
	    json_is_null(json_object_get(body, "email")) || (in->has_email && in->email[0] == '\0');
	if (in->has_email && !in->clear_email && !email_ok(in->email))
		spec_error_add(errs, "email", "invalid", "应为电子邮件地址，如 name@example.org",
		               "must be an e-mail address, such as name@example.org");
	if (in->has_password)
		ogi_password_ok("password", in->password, NULL, errs);
	if (!in->has_display && !in->has_active && !in->has_password && !in->has_email &&
	    !in->clear_email && !in->has_reminders)
		spec_error_add(
		    errs, "", "empty",
		    "请至少给出 display_name、active、password、email 或 reminders 之一",
		    "give at least one of display_name, active, password, email, reminders");
	return errs->n == 0;
}

bool in_user_patch(json_t *body, struct spec_errors *errs)
{
	struct user_patch in = {0};
	return user_patch_parse(body, &in, errs);
}

static int patch_attempt(struct ogi_db *db, struct user_patch *in, json_t **before)
{
	struct ctx *c = in->c;
	struct ogi_user old, now;
	int rc = user_lock_manageable(db, c, c->id, &old);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no user %lld", c->id);
	if (rc != 0)
		return rc;
	*before = wire_user(&old);
	/* the rule's username part: the user's name is known only now */
	if (in->has_password &&
	    !ogi_password_ok("password", in->password, old.username, &in->errs)) {
		c->errs = &in->errs;
		return OGI_E_INVALID_INPUT;
	}
	bool deactivates = in->has_active && !in->active;
	if (deactivates && old.active && (rc = ogi_db_admin_remains(db, c->id, NULL)) != 0) {
		ctx_detail(c, "user %lld is the last active administrator of a top-level body",
		           c->id);
		return rc;
	}
	struct ogi_user_change ch = {.display_name = in->has_display ? in->display_name : NULL,
	                             .active = in->has_active ? in->active : -1,
	                             .password_hash = in->has_password ? in->hash : NULL,
	                             .email = in->clear_email ? ""
	                                      : in->has_email ? in->email
	                                                      : NULL,
	                             .reminders = in->has_reminders ? in->reminders : -1};
	if ((rc = ogi_db_user_update(db, c->id, &ch, &now)) != 0)
		return rc;
	json_decref(in->out);
	in->out = wire_user(&now);
	/* a reset password or a deactivated account ends the user's sessions and tokens */
	int revoked = 0;
	if (in->has_password || deactivates) {
		struct ogi_actor actor = {c->auth.user_id, c->auth.username};
		if ((rc = ogi_db_sessions_end_user(db, c->id, 0)) != 0 ||
		    (rc = ogi_db_tokens_revoke_user(
		         db, &actor, c->id, 0, in->has_password ? "password reset" : "deactivated",
		         &revoked)) != 0)
			return rc;
	}
	json_t *after = json_deep_copy(in->out);
	if (in->has_password)
		json_object_set_new(after, "password", json_string("reset"));
	if (in->has_password || deactivates)
		json_object_set_new(after, "tokens_revoked", json_integer(revoked));
	rc = audit_record(db, &c->auth, "user", c->id, "update", *before, after);
	json_decref(after);
	return rc;
}

static int user_patch_tx(struct ogi_db *db, void *cls)
{
	json_t *before = NULL;
	int rc = patch_attempt(db, cls, &before);
	json_decref(before);
	return rc;
}

enum MHD_Result h_user_patch(struct ctx *c)
{
	struct user_patch in = {.c = c};
	struct spec_errors errs = {0};
	if (!user_patch_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	if (in.has_password && !ogi_password_hash(in.password, in.hash, sizeof in.hash))
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	enum MHD_Result result;
	if (!tx(c, "update user", user_patch_tx, &in, &result)) {
		json_decref(in.out);
		return result;
	}
	return reply_json(c, 200, in.out);
}
