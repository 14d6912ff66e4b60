/* PATCH /api/v1/session/profile {display_name?, email?, reminders?}: any
 * user changes their own account's display name (the 经办人 a receipt
 * shows), the e-mail address the reminder digests go to (null or ""
 * removes it) and whether they get them (issue 16 item 4) — what an
 * administrator sets with PATCH /api/v1/users/{id}, without the rights
 * that needs.  Answers the user JSON after the change.  Audited on the user
 * as "update", before and after. */
#include "daemon/core/auth.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/user_json.h"
#include "lib/account.h"
#include "lib/db/users.h"

struct own_profile {
	struct ctx *c;
	const char *display_name, *email;
	bool reminders;
	bool has_display, has_email, has_reminders, clear_email;
	json_t *out;
};

static bool own_profile_parse(json_t *body, struct own_profile *in, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_OPT(&in->has_display, SPEC_F_STRING("display_name", &in->display_name, 100)),
	    SPEC_OPT(&in->has_email, SPEC_F_STRING("email", &in->email, 254)),
	    SPEC_OPT(&in->has_reminders, SPEC_F_BOOL("reminders", &in->reminders)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	in->clear_email =
	    json_is_null(json_object_get(body, "email")) || (in->has_email && in->email[0] == '\0');
	if (in->has_email && !in->clear_email && !ogi_account_email_ok(in->email))
		spec_error_add(errs, "email", "invalid", "应为电子邮件地址，如 name@example.org",
		               "must be an e-mail address, such as name@example.org");
	if (!in->has_display && !in->has_email && !in->clear_email && !in->has_reminders)
		spec_error_add(errs, "", "empty",
		               "请至少给出 display_name、email 或 reminders 之一",
		               "give at least one of display_name, email, reminders");
	return errs->n == 0;
}

bool in_session_profile_patch(json_t *body, struct spec_errors *errs)
{
	struct own_profile in = {0};
	return own_profile_parse(body, &in, errs);
}

static int own_profile_tx(struct ogi_db *db, void *cls)
{
	struct own_profile *in = cls;
	struct ctx *c = in->c;
	struct ogi_user old, now;
	int rc = user_lock_manageable(db, c, c->auth.user_id, &old); /* oneself: always */
	if (rc != 0)
		return rc;
	struct ogi_user_change ch = {.display_name = in->has_display ? in->display_name : NULL,
	                             .active = -1,
	                             .email = in->clear_email ? ""
	                                      : in->has_email ? in->email
	                                                      : NULL,
	                             .reminders = in->has_reminders ? in->reminders : -1};
	if ((rc = ogi_db_user_update(db, c->auth.user_id, &ch, &now)) != 0)
		return rc;
	json_decref(in->out);
	in->out = wire_user(&now);
	json_t *before = wire_user(&old);
	rc = audit_record(db, &c->auth, "user", c->auth.user_id, "update", before, in->out);
	json_decref(before);
	return rc;
}

enum MHD_Result h_session_profile_patch(struct ctx *c)
{
	struct own_profile in = {.c = c};
	struct spec_errors errs = {0};
	if (!own_profile_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	if (!tx(c, "update own profile", own_profile_tx, &in, &result)) {
		json_decref(in.out);
		return result;
	}
	return reply_json(c, 200, in.out);
}
