/* GET /api/v1/tokens: the caller's API tokens, revoked ones too (never the tokens themselves). */
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/session_json.h"
#include "lib/db/sessions.h"

enum MHD_Result h_tokens_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_token_list tokens;
	int rc = ogi_db_token_list(db, c->auth.user_id, &tokens);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	for (size_t i = 0; i < tokens.n; i++)
		json_array_append_new(list, wire_token(&tokens.t[i]));
	ogi_token_list_free(&tokens);
	return reply_json(c, 200, json_pack("{s:o}", "tokens", list));
}
