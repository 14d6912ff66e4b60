/* POST /api/v1/requests/{id}/letters/{letter_id}/void {reason}: a wrong
 * letter is withdrawn, never edited: it stays visible, marked void with the
 * reason, who and when, and a new one is drafted and issued.  An issued
 * letter is voided by whoever may issue it (an approver; a clerk for a
 * receipt), with a letter_voided event on the timeline; a draft no one
 * wants by whoever may draft it.  200 with the letter. */
#include "daemon/core/dbconn.h"
#include "daemon/core/letter_case.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/letter_json.h"
#include "lib/db/letters.h"
#include "lib/roles.h"

struct voiding {
	struct ctx *c;
	const char *reason;
	struct ogi_letter_record out;
};

bool in_letter_void(json_t *body, struct spec_errors *errs)
{
	const char *reason;
	return letter_void_parse(body, &reason, errs);
}

static int void_attempt(struct ogi_db *db, struct voiding *w, struct letter_case *lc,
                        struct ogi_letter_record *l)
{
	struct ctx *c = w->c;
	int rc = letter_case_load(db, c, true, false, lc);
	if (rc != 0)
		return rc;
	rc = ogi_db_letter_get(db, c->id, c->id2, true, l);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no letter %lld of request %lld", c->id2, c->id);
	if (rc != 0)
		return rc;
	bool issued = l->status == OGI_LETTER_STATUS_ISSUED;
	enum ogi_role role =
	    issued ? ogi_letter_issue_role(l->kind) : ogi_letter_draft_role(l->kind);
	if ((rc = letter_case_allows(c, lc, role, "voiding this letter")) != 0)
		return rc;
	if (l->status == OGI_LETTER_STATUS_VOID) {
		ctx_detail(c, "letter %lld was voided at %s", l->id, l->voided_at);
		return OGI_E_LETTER_ALREADY_VOID;
	}
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	ogi_letter_record_free(&w->out);
	if ((rc = ogi_db_letter_void(db, l->id, w->reason, &actor, &w->out)) != 0 || !issued)
		return rc;
	json_t *payload =
	    json_pack("{s:I, s:s, s:s, s:s}", "letter_id", (json_int_t)l->id, "kind",
	              ogi_letter_kind_names[l->kind], "ref", l->ref, "reason", w->reason);
	if (payload == NULL)
		return OGI_DB_HARD;
	rc = letter_case_event(db, c, lc, OGI_EV_LETTER_VOIDED, ogi_today(), payload);
	json_decref(payload);
	return rc;
}

static int void_tx(struct ogi_db *db, void *cls)
{
	struct voiding *w = cls;
	struct letter_case lc;
	struct ogi_letter_record l = {0};
	int rc = void_attempt(db, w, &lc, &l);
	ogi_letter_record_free(&l);
	letter_case_free(&lc);
	return rc;
}

enum MHD_Result h_letter_void(struct ctx *c)
{
	struct spec_errors errs = {0};
	struct voiding w = {.c = c};
	if (!letter_void_parse(c->json, &w.reason, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	if (!tx(c, "void letter", void_tx, &w, &result)) {
		ogi_letter_record_free(&w.out);
		return result;
	}
	/* the letter as GET shows it, with the deliveries it may have had */
	struct ogi_delivery_list deliveries = {0};
	struct ogi_db *db = thread_db(c, &result);
	int rc = db ? ogi_db_deliveries_of(db, w.out.id, &deliveries) : OGI_DB_HARD;
	if (rc != 0) {
		ogi_letter_record_free(&w.out);
		return db ? reply_status(c, db, rc) : result;
	}
	json_t *out = wire_letter(&w.out, &deliveries);
	ogi_delivery_list_free(&deliveries);
	long long version = w.out.version;
	ogi_letter_record_free(&w.out);
	return reply_json_etag(c, 200, out, version, NULL);
}
