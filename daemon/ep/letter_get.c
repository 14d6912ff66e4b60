/* GET /api/v1/requests/{id}/letters/{letter_id}[?type=html|pdf|docx]: a
 * letter as JSON (its texts as they print and as composed, its state, 文号,
 * the renderings' SHA-256 and its deliveries), or printed.  An issued (or
 * voided) letter answers with the bytes stored when it was issued, exactly;
 * a draft is rendered now, its 文号 slot saying 「（草稿）」 and without the
 * seal.  The file is named after the 文号 (RFC 5987). */
#include <stdlib.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/letter_case.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/letter_json.h"
#include "lib/db/letters.h"

static enum MHD_Result reply_printed(struct ctx *c, struct ogi_db *db,
                                     const struct ogi_letter_record *l, enum ogi_letter_format f)
{
	unsigned char *data = NULL;
	size_t len = 0;
	int rc;
	if (l->status == OGI_LETTER_STATUS_DRAFT) {
		struct ogi_letter_doc doc;
		if (!ogi_letter_record_doc(l, &doc))
			return reply_problem(c, OGI_E_INTERNAL, "out of memory");
		rc = letter_render(c, &doc, f, NULL, 0, &data, &len);
		ogi_letter_doc_free(&doc);
		if (rc != 0)
			return reply_problem(c, (enum ogi_error)rc, "%s", c->detail);
	} else {
		rc = ogi_db_letter_rendering(db, l->id, f, &data, &len);
		if (rc == OGI_E_NOT_FOUND) /* the table's check keeps every issued letter's */
			return reply_problem(c, OGI_E_INTERNAL, "letter %lld has no stored %s",
			                     l->id, ogi_letter_format_names[f]);
		if (rc != 0)
			return reply_status(c, db, rc);
	}
	enum MHD_Result result = reply_letter_bytes(c, l, "letter", f, data, len);
	free(data);
	return result;
}

enum MHD_Result h_letter_get(struct ctx *c)
{
	enum MHD_Result result;
	int format;
	if (!letter_format_query(c, 7u, &format, &result))
		return result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request req;
	int rc = request_for(c, db, c->id, false, OGI_ROLE_AUDITOR, &req);
	if (rc != 0)
		return reply_status(c, db, rc);
	ogi_request_free(&req);
	struct ogi_letter_record l;
	rc = ogi_db_letter_get(db, c->id, c->id2, false, &l);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no letter %lld of request %lld", c->id2, c->id);
	if (rc != 0)
		return reply_status(c, db, rc);
	if (format >= 0) {
		result = reply_printed(c, db, &l, (enum ogi_letter_format)format);
		ogi_letter_record_free(&l);
		return result;
	}
	struct ogi_delivery_list deliveries = {0};
	rc = ogi_db_deliveries_of(db, l.id, &deliveries);
	if (rc != 0) {
		ogi_letter_record_free(&l);
		return reply_status(c, db, rc);
	}
	json_t *out = wire_letter(&l, &deliveries);
	long long version = l.version;
	ogi_delivery_list_free(&deliveries);
	ogi_letter_record_free(&l);
	return reply_json_etag(c, 200, out, version, NULL);
}
