/* GET /api/v1/requests/{id}/letters: the request's letters, oldest first
 * (each with its kind, state, 文号 and count of deliveries), and the kinds
 * of letter it may have now that the caller may draft (possible: the web
 * client's menu), from lib/letter.h's rules. */
#include "daemon/core/dbconn.h"
#include "daemon/core/letter_case.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/letter_json.h"
#include "lib/db/letters.h"
#include "lib/roles.h"

enum MHD_Result h_letters_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct letter_case lc;
	int rc = letter_case_load(db, c, false, false, &lc);
	if (rc != 0)
		return reply_status(c, db, rc);
	struct ogi_letter_list letters = {0};
	rc = ogi_db_letters_of(db, c->id, &letters);
	if (rc != 0) {
		letter_case_free(&lc);
		return reply_status(c, db, rc);
	}
	json_t *list = json_array();
	for (size_t i = 0; i < letters.n; i++)
		json_array_append_new(list, wire_letter_summary(&letters.v[i]));
	unsigned kinds = ogi_letter_kinds_possible(&lc.req, &lc.events);
	json_t *possible = json_array();
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++)
		if ((kinds & (1u << k)) &&
		    request_allows(c, &lc.req, ogi_letter_draft_role((enum ogi_letter_kind)k)))
			json_array_append_new(possible, json_string(ogi_letter_kind_names[k]));
	json_t *out = json_pack("{s:I, s:o, s:o}", "request_id", (json_int_t)c->id, "letters", list,
	                        "possible", possible);
	ogi_letter_list_free(&letters);
	letter_case_free(&lc);
	return reply_json(c, 200, out);
}
