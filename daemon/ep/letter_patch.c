/* PATCH /api/v1/requests/{id}/letters/{letter_id} (If-Match required): a
 * handler edits a draft — its paragraphs (plain text: markup in them is
 * printed literally), title, addressee, date, facts — or composes it anew
 * from the record and the facts (regenerate: true, or ?regenerate=1); the
 * text as composed stays in generated to compare.  An issued or void letter
 * is never edited (409); a stale If-Match is 412, a missing one 428. */
#include <stdlib.h>
#include <string.h>

#include "daemon/core/letter_case.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/letter_json.h"
#include "lib/db/letters.h"

struct edit {
	struct ctx *c;
	struct letter_patch_input in;
	struct spec_errors errs;
	long long if_match;
	struct ogi_letter_record out;
};

bool in_letter_patch(json_t *body, struct spec_errors *errs)
{
	struct letter_patch_input in;
	return letter_patch_parse(body, &in, errs);
}

static char *dup_or_keep(const char *given, char *was)
{
	if (given == NULL)
		return was;
	free(was);
	return strdup(given);
}

/* What the body gives, applied to the draft l; composed anew when asked. */
static int apply(struct edit *w, struct letter_case *lc, struct ogi_letter_record *l)
{
	const struct letter_patch_input *in = &w->in;
	if (in->has_date) {
		if (in->letter_date < lc->req.received_on) {
			spec_error_add(&w->errs, "letter_date", "range",
			               "文书日期不能早于收到申请之日",
			               "the letter's date cannot be before the request's receipt");
			return OGI_E_INVALID_INPUT;
		}
		l->letter_date = in->letter_date;
	}
	if (in->has_facts) {
		if (!ogi_letter_facts_check(l->kind, in->facts, &w->errs))
			return OGI_E_INVALID_INPUT;
		json_decref(l->facts);
		l->facts = json_incref(in->facts);
	}
	if (in->regenerate) {
		struct ogi_letter_doc doc;
		int rc = letter_case_compose(w->c, lc, l->kind, l->facts, l->letter_date, &doc);
		if (rc != 0)
			return rc;
		bool ok = ogi_letter_record_set_doc(l, &doc);
		ogi_letter_doc_free(&doc);
		return ok ? 0 : OGI_DB_HARD;
	}
	if (in->has_paragraphs) {
		json_decref(l->paragraphs);
		l->paragraphs = json_incref(in->paragraphs);
	}
	l->title = dup_or_keep(in->title, l->title);
	l->addressee = dup_or_keep(in->addressee, l->addressee);
	return l->title && l->addressee ? 0 : OGI_DB_HARD;
}

static int edit_attempt(struct ogi_db *db, struct edit *w, struct letter_case *lc,
                        struct ogi_letter_record *l)
{
	struct ctx *c = w->c;
	int rc = letter_case_load(db, c, true, w->in.regenerate, lc);
	if (rc != 0)
		return rc;
	if ((rc = letter_case_allows(c, lc, OGI_ROLE_HANDLER, "editing a letter")) != 0)
		return rc;
	rc = ogi_db_letter_get(db, c->id, c->id2, true, l);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no letter %lld of request %lld", c->id2, c->id);
	if (rc != 0)
		return rc;
	if (l->status != OGI_LETTER_STATUS_DRAFT) {
		ctx_detail(c, "letter %lld is %s: void it and issue a new one", l->id,
		           ogi_letter_status_names[l->status]);
		return OGI_E_LETTER_NOT_DRAFT;
	}
	if (w->if_match != l->version) {
		ctx_detail(c, "you had version %lld; the letter is now at version %lld",
		           w->if_match, l->version);
		return OGI_E_PRECONDITION_FAILED;
	}
	if ((rc = apply(w, lc, l)) != 0)
		return rc;
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	ogi_letter_record_free(&w->out);
	return ogi_db_letter_update(db, l, &actor, &w->out);
}

static int edit_tx(struct ogi_db *db, void *cls)
{
	struct edit *w = cls;
	w->errs.n = 0;
	struct letter_case lc;
	struct ogi_letter_record l = {0};
	int rc = edit_attempt(db, w, &lc, &l);
	ogi_letter_record_free(&l);
	letter_case_free(&lc);
	return rc;
}

enum MHD_Result h_letter_patch(struct ctx *c)
{
	struct edit w = {.c = c};
	const char *q = query(c, "regenerate");
	if (q != NULL && strcmp(q, "1") != 0 && strcmp(q, "true") != 0 && strcmp(q, "0") != 0 &&
	    strcmp(q, "false") != 0)
		spec_error_add(&w.errs, "regenerate", "type", "应为 1 或 0", "must be 1 or 0");
	bool regenerate = q != NULL && (strcmp(q, "1") == 0 || strcmp(q, "true") == 0);
	if (w.errs.n > 0 || !letter_patch_parse(c->json, &w.in, &w.errs) ||
	    (w.if_match = if_match(c, &w.errs, "文书", "the letter's")) < 0)
		return reply_invalid(c, &w.errs);
	if (!regenerate && !w.in.regenerate && json_object_size(c->json) == 0) {
		spec_error_add(&w.errs, "", "empty", "没有要修改的内容", "nothing to change");
		return reply_invalid(c, &w.errs);
	}
	if (regenerate) {
		if (w.in.has_paragraphs || w.in.has_title || w.in.has_addressee) {
			spec_error_add(&w.errs, "regenerate", "conflict",
			               "重新生成会替换正文、标题和称谓，请不要同时修改它们",
			               "regenerate replaces the paragraphs, title and addressee");
			return reply_invalid(c, &w.errs);
		}
		w.in.regenerate = true;
	}
	if (w.if_match == 0)
		return reply_problem(c, OGI_E_PRECONDITION_REQUIRED,
		                     "send If-Match with the letter's ETag (its version)");
	c->errs = &w.errs;
	enum MHD_Result result;
	if (!tx(c, "edit letter", edit_tx, &w, &result)) {
		ogi_letter_record_free(&w.out);
		return result;
	}
	struct ogi_delivery_list none = {0};
	json_t *out = wire_letter(&w.out, &none);
	long long version = w.out.version;
	ogi_letter_record_free(&w.out);
	return reply_json_etag(c, 200, out, version, NULL);
}
