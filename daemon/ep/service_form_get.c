/* GET /api/v1/requests/{id}/letters/{letter_id}/service-form[?type=html|pdf]:
 * the printable 送达回证 of an issued letter served in person — the letter's
 * title and 文号, the addressee, the places for the signature and the date
 * (lib/letter.h's ogi_letter_service_form) — with the body's seal.  Made
 * anew on each call, never stored (the signed paper is the record; its date
 * goes into the delivery). */
#include <stdlib.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/letter_case.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/bodies.h"
#include "lib/db/letters.h"

static int form_render(struct ctx *c, struct ogi_db *db, const struct letter_case *lc,
                       const struct ogi_letter_record *l, enum ogi_letter_format f,
                       unsigned char **data, size_t *len)
{
	struct ogi_letter_doc letter, form;
	if (!ogi_letter_record_doc(l, &letter))
		return OGI_DB_HARD;
	ogi_letter_service_form(&letter, &lc->req, &lc->settings, &form);
	ogi_letter_doc_free(&letter);
	unsigned char *seal = NULL;
	size_t seal_len = 0;
	int rc = 0;
	if (lc->settings.has_seal &&
	    (rc = ogi_db_body_seal_get(db, lc->req.body_id, &seal, &seal_len)) == OGI_E_NOT_FOUND)
		rc = 0;
	if (rc == 0)
		rc = letter_render(c, &form, f, seal, seal_len, data, len);
	free(seal);
	ogi_letter_doc_free(&form);
	return rc;
}

enum MHD_Result h_service_form_get(struct ctx *c)
{
	enum MHD_Result result;
	int format;
	if (!letter_format_query(c, (1u << OGI_LETTER_HTML) | (1u << OGI_LETTER_PDF), &format,
	                         &result))
		return result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct letter_case lc;
	int rc = letter_case_load(db, c, false, true, &lc);
	if (rc != 0)
		return reply_status(c, db, rc);
	struct ogi_letter_record l = {0};
	rc = ogi_db_letter_get(db, c->id, c->id2, false, &l);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no letter %lld of request %lld", c->id2, c->id);
	if (rc == 0 && l.status != OGI_LETTER_STATUS_ISSUED) {
		ctx_detail(c, "letter %lld is %s: a 送达回证 goes with an issued letter", l.id,
		           ogi_letter_status_names[l.status]);
		rc = OGI_E_LETTER_NOT_ISSUED;
	}
	unsigned char *data = NULL;
	size_t len = 0;
	enum ogi_letter_format f = format < 0 ? OGI_LETTER_HTML : (enum ogi_letter_format)format;
	if (rc == 0)
		rc = form_render(c, db, &lc, &l, f, &data, &len);
	result = rc == 0 ? reply_letter_bytes(c, &l, "service-form", f, data, len)
	                 : reply_status(c, db, rc);
	free(data);
	ogi_letter_record_free(&l);
	letter_case_free(&lc);
	return result;
}
