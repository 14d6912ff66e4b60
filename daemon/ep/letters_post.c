/* POST /api/v1/requests/{id}/letters {kind, facts?, letter_date?}: a draft
 * of a letter, composed from the record (lib/letter.h) with the body's
 * settings and its own wording of the templates, dated letter_date (today
 * when absent).  A clerk drafts every kind but the reply, which a handler
 * prepares.  A letter that makes no sense now is refused with 409 naming
 * the rule (a reply before an outcome, an extension notice without an
 * extension, a fee notice without a fee notice event…).  201 with the draft
 * (its generated paragraphs), its version as ETag. */
#include <stdio.h>

#include "daemon/core/letter_case.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/letter_json.h"
#include "lib/db/letters.h"
#include "lib/roles.h"

struct draft {
	struct ctx *c;
	struct letter_post_input in;
	struct spec_errors errs;
	struct ogi_letter_record out;
};

bool in_letters_post(json_t *body, struct spec_errors *errs)
{
	struct letter_post_input in;
	return letter_post_parse(body, &in, errs);
}

static int draft_attempt(struct ogi_db *db, struct draft *w, struct letter_case *lc)
{
	struct ctx *c = w->c;
	enum ogi_letter_kind kind = (enum ogi_letter_kind)w->in.kind;
	int rc = letter_case_load(db, c, true, true, lc);
	if (rc != 0)
		return rc;
	if ((rc = letter_case_allows(c, lc, ogi_letter_draft_role(kind), "drafting this letter")))
		return rc;
	int count = 0;
	if ((rc = ogi_db_letters_count(db, c->id, &count)) != 0)
		return rc;
	if (count >= OGI_LETTERS_PER_REQUEST_MAX) {
		ctx_detail(c, "request %lld already keeps %d letters", c->id, count);
		return OGI_E_LETTERS_FULL;
	}
	ogi_date date = w->in.has_date ? w->in.letter_date : ogi_today();
	if (date < lc->req.received_on) {
		spec_error_add(&w->errs, "letter_date", "range", "文书日期不能早于收到申请之日",
		               "the letter's date cannot be before the request's receipt");
		return OGI_E_INVALID_INPUT;
	}
	struct ogi_letter_doc doc;
	if ((rc = letter_case_compose(c, lc, kind, w->in.facts, date, &doc)) != 0)
		return rc;
	struct ogi_letter_record l = {
	    .request_id = c->id, .body_id = lc->req.body_id, .facts = json_incref(w->in.facts)};
	bool ok = ogi_letter_record_set_doc(&l, &doc);
	ogi_letter_doc_free(&doc);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	ogi_letter_record_free(&w->out);
	rc = ok ? ogi_db_letter_insert(db, &l, &actor, &w->out) : OGI_DB_HARD;
	ogi_letter_record_free(&l);
	return rc;
}

static int draft_tx(struct ogi_db *db, void *cls)
{
	struct draft *w = cls;
	w->errs.n = 0;
	struct letter_case lc;
	int rc = draft_attempt(db, w, &lc);
	letter_case_free(&lc);
	return rc;
}

enum MHD_Result h_letters_post(struct ctx *c)
{
	struct draft w = {.c = c};
	if (!letter_post_parse(c->json, &w.in, &w.errs))
		return reply_invalid(c, &w.errs);
	c->errs = &w.errs;
	enum MHD_Result result;
	if (!tx(c, "draft letter", draft_tx, &w, &result)) {
		ogi_letter_record_free(&w.out);
		return result;
	}
	struct ogi_delivery_list none = {0};
	json_t *out = wire_letter(&w.out, &none);
	char location[96];
	snprintf(location, sizeof location, "/api/v1/requests/%lld/letters/%lld", c->id, w.out.id);
	long long version = w.out.version;
	ogi_letter_record_free(&w.out);
	return reply_json_etag(c, 201, out, version, location);
}
