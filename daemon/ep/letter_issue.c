/* POST /api/v1/requests/{id}/letters/{letter_id}/issue: an approver (a
 * clerk for a receipt, which decides nothing) issues a draft.  In one
 * transaction: the draft is refused while it holds a 【待填写 blank (409);
 * the 文号 takes the next serial of the body's series (its kind's code) in
 * the year of the letter's date, gap-free; the letter is rendered as HTML,
 * PDF and DOCX with the body's seal and stored with their SHA-256, frozen
 * (the database refuses any later change but voiding); a letter_issued
 * event goes on the timeline.  The year lock is asked as for every event
 * (lib/yearlock.c: a letter alters no figure of a report).  If-Match is
 * optional.  200 with the letter. */
#include <stdlib.h>

#include "daemon/core/letter_case.h"
#include "daemon/core/lock_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/letter_json.h"
#include "lib/db/bodies.h"
#include "lib/db/letters.h"
#include "lib/roles.h"
#include "lib/yearlock.h"

struct issue {
	struct ctx *c;
	long long if_match;
	struct ogi_letter_record out;
};

/* The three renderings of d into r (their bytes malloc'd: free r->data[]). */
static int render_all(struct ctx *c, const struct ogi_letter_doc *d, const unsigned char *seal,
                      size_t seal_len, struct ogi_letter_renderings *r)
{
	for (int f = 0; f < OGI_LETTER_FORMAT_COUNT; f++) {
		unsigned char *bytes;
		size_t len;
		int rc =
		    letter_render(c, d, (enum ogi_letter_format)f, seal, seal_len, &bytes, &len);
		if (rc != 0)
			return rc;
		r->data[f] = bytes;
		r->len[f] = len;
		ogi_sha256_hex(bytes, len, r->sha256[f]);
	}
	return 0;
}

/* The 文号 of l, its renderings, and the frozen row. */
static int freeze(struct ogi_db *db, struct issue *w, struct letter_case *lc,
                  struct ogi_letter_record *l)
{
	struct ctx *c = w->c;
	const char *code = lc->settings.kind_code[l->kind];
	int year, month, day, serial = 0;
	ogi_date_to_ymd(l->letter_date, &year, &month, &day);
	int rc = ogi_db_letter_serial_next(db, lc->req.body_id, year, code, &serial);
	if (rc != 0)
		return rc;
	struct ogi_letter_doc doc;
	if (!ogi_letter_record_doc(l, &doc))
		return OGI_DB_HARD;
	ogi_letter_ref_format(&lc->settings, l->kind, year, serial, doc.ref);
	unsigned char *seal = NULL;
	size_t seal_len = 0;
	if (lc->settings.has_seal &&
	    (rc = ogi_db_body_seal_get(db, lc->req.body_id, &seal, &seal_len)) == OGI_E_NOT_FOUND)
		rc = 0; /* removed meanwhile: no seal */
	struct ogi_letter_renderings r = {0};
	if (rc == 0)
		rc = render_all(c, &doc, seal, seal_len, &r);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	ogi_letter_record_free(&w->out);
	if (rc == 0)
		rc = ogi_db_letter_issue(db, l->id, doc.ref, code, year, serial, &r, &actor,
		                         &w->out);
	for (int f = 0; f < OGI_LETTER_FORMAT_COUNT; f++)
		free((void *)r.data[f]);
	free(seal);
	ogi_letter_doc_free(&doc);
	return rc;
}

static int issue_attempt(struct ogi_db *db, struct issue *w, struct letter_case *lc,
                         struct ogi_letter_record *l)
{
	struct ctx *c = w->c;
	int rc = letter_case_load(db, c, true, true, lc);
	if (rc != 0)
		return rc;
	rc = ogi_db_letter_get(db, c->id, c->id2, true, l);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no letter %lld of request %lld", c->id2, c->id);
	if (rc != 0)
		return rc;
	if ((rc = letter_case_allows(c, lc, ogi_letter_issue_role(l->kind), "issuing this letter")))
		return rc;
	if (l->status != OGI_LETTER_STATUS_DRAFT) {
		ctx_detail(c, "letter %lld is %s already", l->id,
		           ogi_letter_status_names[l->status]);
		return OGI_E_LETTER_NOT_DRAFT;
	}
	if (w->if_match > 0 && w->if_match != l->version) {
		ctx_detail(c, "you had version %lld; the letter is now at version %lld",
		           w->if_match, l->version);
		return OGI_E_PRECONDITION_FAILED;
	}
	if (ogi_letter_record_has_blanks(l)) {
		ctx_detail(c, "fill in every 【待填写：…】 of the letter first");
		return OGI_E_LETTER_HAS_BLANKS;
	}
	ogi_date today = ogi_today();
	if (ogi_event_alters_report(OGI_EV_LETTER_ISSUED)) {
		struct lock_change ch = {.body_id = lc->req.body_id,
		                         .on = today,
		                         .request_id = c->id,
		                         .subject = "letter",
		                         .detail = lc->req.tracking_no};
		if ((rc = lock_guard(db, c, &ch, c->detail, sizeof c->detail)) != 0)
			return rc;
	}
	if ((rc = freeze(db, w, lc, l)) != 0)
		return rc;
	json_t *payload = json_pack("{s:I, s:s, s:s}", "letter_id", (json_int_t)l->id, "kind",
	                            ogi_letter_kind_names[l->kind], "ref", w->out.ref);
	if (payload == NULL)
		return OGI_DB_HARD;
	rc = letter_case_event(db, c, lc, OGI_EV_LETTER_ISSUED, today, payload);
	json_decref(payload);
	return rc;
}

static int issue_tx(struct ogi_db *db, void *cls)
{
	struct issue *w = cls;
	struct letter_case lc;
	struct ogi_letter_record l = {0};
	int rc = issue_attempt(db, w, &lc, &l);
	ogi_letter_record_free(&l);
	letter_case_free(&lc);
	return rc;
}

enum MHD_Result h_letter_issue(struct ctx *c)
{
	struct spec_errors errs = {0};
	struct issue w = {.c = c};
	if ((w.if_match = if_match(c, &errs, "文书", "the letter's")) < 0)
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	if (!tx(c, "issue letter", issue_tx, &w, &result)) {
		ogi_letter_record_free(&w.out);
		return result;
	}
	struct ogi_delivery_list none = {0};
	json_t *out = wire_letter(&w.out, &none);
	long long version = w.out.version;
	ogi_letter_record_free(&w.out);
	return reply_json_etag(c, 200, out, version, NULL);
}
