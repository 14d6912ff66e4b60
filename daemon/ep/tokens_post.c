/* POST /api/v1/tokens {label?}: an API token for scripts, of the caller.
 * The token is shown this once (only its hash is stored); its creation is
 * audited under the owner's body. */
#include <string.h>

#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/sessions.h"
#include "lib/secret.h"

struct token_add {
	struct ctx *c;
	const char *label;
	bool has_label;
	char hash[OGI_TOKEN_HASH_HEX];
	struct ogi_token out;
};

static bool token_parse(json_t *body, struct token_add *in, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_OPT(&in->has_label, SPEC_F_STRING("label", &in->label, 200)),
	    SPEC_END,
	};
	return spec_parse(body, spec, errs);
}

bool in_tokens_post(json_t *body, struct spec_errors *errs)
{
	struct token_add in = {0};
	return token_parse(body, &in, errs);
}

static int token_add_tx(struct ogi_db *db, void *cls)
{
	struct token_add *in = cls;
	struct ogi_actor actor = {in->c->auth.user_id, in->c->auth.username};
	return ogi_db_token_create(db, &actor, in->hash, in->c->auth.user_id,
	                           in->has_label ? in->label : "", &in->out);
}

enum MHD_Result h_tokens_post(struct ctx *c)
{
	struct token_add in = {.c = c};
	struct spec_errors errs = {0};
	if (!token_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	char token[OGI_TOKEN_LEN + 1];
	ogi_token_new(token);
	ogi_token_hash(token, strlen(token), in.hash);
	enum MHD_Result result;
	if (!tx(c, "create token", token_add_tx, &in, &result))
		return result;
	return reply_json(c, 201,
	                  json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)in.out.id, "token",
	                            token, "label", in.out.label, "created_at", in.out.created_at));
}
