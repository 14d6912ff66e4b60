/* POST /api/v1/requests/{id}/supervisions/{supervision_id}/answer {answer}:
 * the supervised body reports (a clerk or above of the request's body): the
 * supervision is answered today with the report's text and leaves the
 * queues.  Once (409 supervision_answered).  200 with the request. */
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/request_json.h"
#include "lib/db/assignment.h"
#include "lib/db/requests.h"

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

static int answer_tx(struct ogi_db *db, void *cls)
{
	struct answer *a = cls;
	struct ctx *c = a->c;
	struct ogi_request r;
	int rc = request_for(c, db, c->id, true, OGI_ROLE_CLERK, &r);
	if (rc != 0)
		return rc;
	ogi_request_free(&r);
	rc = ogi_db_supervision_answer(db, c->id2, c->id, ogi_today(), a->text, c->auth.user_id);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "request %lld has no supervision %lld", c->id, c->id2);
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
