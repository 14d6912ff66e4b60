/* POST /api/v1/public/correction {number, code, text}: the applicant's answer
 * to a correction notice (补正) on the status page (issue 15 item 6).  The
 * number and 查询码 are checked exactly as the status lookup checks them
 * (public_lookup: the same per-address count, the same 404 for a wrong code as
 * for no such number, the same lock after 10 wrong codes).  An answer is taken
 * only while a correction is asked — the request's public status is 待补正 and
 * its correction period runs (today at most its due date, when the notice set
 * one: correction_due) — else 409
 * correction_not_asked.  It waits in online_corrections, received today (the
 * legal date the clock restarts from once staff confirm it); while one waits a
 * second one is refused (409 correction_answer_pending) rather than replacing
 * it, so the staff member reading it never sees it change.  Nothing here acts
 * with staff rights: the route is public and reads no session. */
#include <stdlib.h>
#include <string.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/public_channel.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/events.h"
#include "lib/db/online_apps.h"
#include "lib/db/requests.h"
#include "lib/online.h"

#define ANSWER_MAX_CHARS 5000

struct answer {
	struct ctx *c;
	const char *number, *code, *text;
	unsigned char key[OGI_POW_KEY_BYTES];
	long long retry_after;
	bool found;
	int refusal; /* 0, OGI_E_CORRECTION_NOT_ASKED or OGI_E_CORRECTION_ANSWER_PENDING */
	long long id;
	ogi_date received_on;
};

static bool answer_parse(json_t *body, struct answer *a, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("number", &a->number, 32),
	    SPEC_STRING("code", &a->code, 32),
	    SPEC_STRING("text", &a->text, ANSWER_MAX_CHARS),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (strspn(a->text, " \t\r\n") == strlen(a->text)) {
		spec_error_add(errs, "text", "required", "请填写补正的内容", "the answer is empty");
		return false;
	}
	return true;
}

bool in_public_correction_post(json_t *body, struct spec_errors *errs)
{
	struct answer a = {0};
	return answer_parse(body, &a, errs);
}

/* Whether request_id is asking a correction whose period runs on today. */
static int correction_asked(struct ogi_db *db, long long request_id, ogi_date today, bool *asked)
{
	*asked = false;
	struct ogi_request r = {0};
	int rc = ogi_db_request_get(db, request_id, false, &r);
	if (rc != 0)
		return rc;
	struct ogi_event_list ev = {0};
	if ((rc = ogi_db_events_load(db, request_id, &ev)) != 0) {
		ogi_request_free(&r);
		return rc;
	}
	bool any = false, extended = false;
	for (size_t i = 0; i < ev.n; i++) {
		const struct ogi_event *e = &ev.e[i];
		if (e->type == OGI_EV_REGISTERED || e->type == OGI_EV_DEADLINE_RECOMPUTED ||
		    e->type == OGI_EV_NOTE)
			continue;
		any = true;
		if (e->type == OGI_EV_EXTENSION_APPROVED || e->type == OGI_EV_DELAY_SET)
			extended = true;
	}
	if (ogi_public_status_of(r.status, r.outcome, extended, any) == OGI_PUBLIC_CORRECTION) {
		/* a notice without a period (no correction_due) runs until staff record more */
		*asked = true;
		size_t k;
		json_t *sub;
		json_array_foreach(json_object_get(r.clock, "subdeadlines"), k, sub)
		{
			const char *kind = json_string_value(json_object_get(sub, "kind"));
			const char *due = json_string_value(json_object_get(sub, "due_on"));
			ogi_date d;
			if (kind && due && strcmp(kind, "correction_period") == 0 &&
			    ogi_date_parse(due, &d) && today > d)
				*asked = false;
		}
	}
	ogi_event_list_free(&ev);
	ogi_request_free(&r);
	return 0;
}

static int answer_tx(struct ogi_db *db, void *cls)
{
	struct answer *a = cls;
	a->found = false;
	a->refusal = 0;
	struct ogi_online_row *row = calloc(1, sizeof *row);
	if (row == NULL)
		return OGI_DB_HARD;
	int rc =
	    public_lookup(db, a->c, a->key, a->number, a->code, row, &a->found, &a->retry_after);
	if (rc != 0 || !a->found) {
		free(row);
		return rc;
	}
	a->received_on = ogi_today();
	bool asked = false;
	if (strcmp(row->state, "confirmed") == 0)
		rc = correction_asked(db, row->request_id, a->received_on, &asked);
	if (rc == 0 && !asked)
		a->refusal = OGI_E_CORRECTION_NOT_ASKED;
	if (rc == 0 && asked) {
		struct ogi_request r = {0};
		rc = ogi_db_request_get(db, row->request_id, false, &r);
		long long body_id = r.body_id;
		ogi_request_free(&r);
		if (rc == 0)
			rc = ogi_db_online_correction_add(db, row->id, body_id, row->request_id,
			                                  a->text, a->received_on, &a->id);
		if (rc == OGI_E_CORRECTION_ANSWER_PENDING) {
			a->refusal = rc;
			rc = 0;
		}
	}
	free(row);
	return rc;
}

enum MHD_Result h_public_correction_post(struct ctx *c)
{
	struct answer a = {.c = c};
	struct spec_errors errs = {0};
	if (!answer_parse(c->json, &a, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL || !public_key(c, db, a.key, &result) ||
	    public_refused_early(c, a.key, "status_address", OGI_E_STATUS_THROTTLED, &result))
		return result;
	if (!tx(c, "correction answer", answer_tx, &a, &result))
		return result;
	if (a.retry_after > 0)
		return reply_retry_after(c, OGI_E_STATUS_THROTTLED, a.retry_after);
	if (!a.found)
		return reply_problem(c, OGI_E_STATUS_NOT_FOUND, NULL);
	if (a.refusal)
		return reply_problem(c, a.refusal, NULL);
	char on[OGI_DATE_STRLEN];
	return reply_json(c, 201,
	                  json_pack("{s:I, s:s, s:s}", "id", (json_int_t)a.id, "state", "pending",
	                            "received_on", ogi_date_format(a.received_on, on)));
}
