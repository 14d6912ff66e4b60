/* POST /api/v1/requests/{id}/supervisions/{supervision_id}/answer {answer}:
 * the supervised body reports (a clerk or above of the request's body): the
 * supervision is answered today with the report's text and leaves the
 * queues.  Once (409 supervision_answered).  Only the body's own staff
 * answer (lib/assign_rules.h's ogi_may_answer_supervision: 403
 * supervision_not_own_body for the staff of a body above).  Recorded as a
 * `supervision_answered` event on the timeline and in the audit log.  200
 * with the request. */
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/request_json.h"
#include "lib/assign_rules.h"
#include "lib/db/assignment.h"
#include "lib/db/events.h"
#include "lib/db/requests.h"
#include "lib/refuse.h"

struct answer {
	struct ctx *c;
	const char *text;
	json_t *out;
};

static bool parse(json_t *body, struct answer *a, struct spec_errors *errs)
{
	struct spec spec[] = {SPEC_STRING("answer", &a->text, 2000), SPEC_END};
	if (!spec_parse(body, spec, errs))
		return false;
	if (a->text[0] == '\0')
		spec_error_add(errs, "answer", "required", "请填写报告内容",
		               "say what the body reports");
	return errs->n == 0;
}

bool in_supervision_answer(json_t *body, struct spec_errors *errs)
{
	struct answer a = {0};
	return parse(body, &a, errs);
}

/* The timeline's `supervision_answered` event and the audit row. */
static int record(struct ogi_db *db, struct answer *a, const struct ogi_request *r)
{
	struct ctx *c = a->c;
	/* the supervision answered was the open one the request showed */
	json_t *payload = json_pack("{sI ss ss}", "supervision_id", (json_int_t)c->id2,
	                            "by_body_name", r->supervision_by, "answer", a->text);
	if (payload == NULL)
		return OGI_DB_HARD;
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	int rc = ogi_db_event_insert(db, r->id, r->body_id, OGI_EV_SUPERVISION_ANSWERED,
	                             ogi_today(), payload, &actor, NULL);
	if (rc == OGI_E_HISTORY_FULL)
		ctx_detail(c, "request %lld already has %d events", r->id, OGI_EVENTS_MAX);
	if (rc == 0) {
		json_object_set_new(payload, "request_id", json_integer(r->id));
		json_object_set_new(payload, "answered", json_true());
		rc = audit_record(db, &c->auth, "supervision", c->id2, "answer", NULL, payload);
	}
	json_decref(payload);
	return rc;
}

static int answer_tx(struct ogi_db *db, void *cls)
{
	struct answer *a = cls;
	struct ctx *c = a->c;
	struct ogi_request r;
	int rc = request_for(c, db, c->id, true, OGI_ROLE_CLERK, &r);
	if (rc != 0)
		return rc;
	if (!ogi_may_answer_supervision(c->auth.grants, (size_t)c->auth.ngrants, r.body_id)) {
		rc = ogi_refuse(c->detail, sizeof c->detail, OGI_E_SUPERVISION_NOT_OWN_BODY,
		                "you are no clerk or above of body %lld, the supervised body",
		                r.body_id);
		ogi_request_free(&r);
		return rc;
	}
	rc = ogi_db_supervision_answer(db, c->id2, c->id, ogi_today(), a->text, c->auth.user_id);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "request %lld has no supervision %lld", c->id, c->id2);
	if (rc == 0)
		rc = record(db, a, &r);
	ogi_request_free(&r);
	if (rc == 0 && (rc = ogi_db_request_get(db, c->id, false, &r)) == 0) {
		json_decref(a->out);
		a->out = wire_request(&r, request_shows_full_id(c, &r));
		ogi_request_free(&r);
	}
	return rc;
}

enum MHD_Result h_supervision_answer(struct ctx *c)
{
	struct spec_errors errs = {0};
	struct answer a = {.c = c};
	if (!parse(c->json, &a, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	if (!tx(c, "answer supervision", answer_tx, &a, &result)) {
		json_decref(a.out);
		return result;
	}
	return reply_json(c, 200, a.out);
}
