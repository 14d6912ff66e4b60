/* The caller's calendar feeds (issue 16 item 5): POST /api/v1/feeds {scope?, label?}
 * makes one and answers its secret URL this once (only the token's hash is stored);
 * GET /api/v1/feeds lists them (never the URL); DELETE /api/v1/feeds/{id} revokes one of
 * the caller's own — anyone else's answers 404 as one that does not exist.  Creations and
 * revocations are audited. */
#include <stdio.h>
#include <string.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/session_json.h"
#include "lib/db/sessions.h"
#include "lib/secret.h"

struct feed_add {
	struct ctx *c;
	int scope;
	bool has_scope, has_label;
	const char *label;
	char hash[OGI_TOKEN_HASH_HEX];
	struct ogi_feed out;
};

static bool feed_parse(json_t *body, struct feed_add *in, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_OPT(&in->has_scope, SPEC_F_ENUM("scope", ogi_feed_scope_names, &in->scope)),
	    SPEC_OPT(&in->has_label, SPEC_F_STRING("label", &in->label, 200)),
	    SPEC_END,
	};
	return spec_parse(body, spec, errs);
}

bool in_feeds_post(json_t *body, struct spec_errors *errs)
{
	struct feed_add in = {0};
	return feed_parse(body, &in, errs);
}

static int feed_add_tx(struct ogi_db *db, void *cls)
{
	struct feed_add *in = cls;
	struct ogi_actor actor = {in->c->auth.user_id, in->c->auth.username};
	return ogi_db_feed_create(db, &actor, in->hash, in->c->auth.user_id,
	                          in->has_scope ? (enum ogi_feed_scope)in->scope
	                                        : OGI_FEED_ASSIGNED,
	                          in->has_label ? in->label : "", &in->out);
}

enum MHD_Result h_feeds_post(struct ctx *c)
{
	struct feed_add in = {.c = c};
	struct spec_errors errs = {0};
	if (!feed_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	char token[OGI_TOKEN_LEN + 1];
	ogi_token_new(token);
	ogi_token_hash(token, strlen(token), in.hash);
	enum MHD_Result result;
	if (!tx(c, "create calendar feed", feed_add_tx, &in, &result))
		return result;
	/* the address the caller reached ogid at: a calendar on the same network reaches it too */
	char url[512], webcal[512];
	snprintf(url, sizeof url, "%s://%s/api/v1/feeds/%s.ics", c->peer.https ? "https" : "http",
	         c->peer.host[0] ? c->peer.host : "localhost", token);
	snprintf(webcal, sizeof webcal, "webcal://%s", strstr(url, "://") + 3);
	json_t *out = wire_feed(&in.out);
	json_object_set_new(out, "url", json_string(url));
	json_object_set_new(out, "webcal_url", json_string(webcal));
	return reply_json(c, 201, out);
}

enum MHD_Result h_feeds_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_feed_list feeds;
	int rc = ogi_db_feed_list(db, c->auth.user_id, &feeds);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	for (size_t i = 0; i < feeds.n; i++)
		json_array_append_new(list, wire_feed(&feeds.f[i]));
	ogi_feed_list_free(&feeds);
	return reply_json(c, 200, json_pack("{s:o}", "feeds", list));
}

static int feed_revoke_tx(struct ogi_db *db, void *cls)
{
	struct ctx *c = cls;
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	struct ogi_feed f;
	int rc = ogi_db_feed_revoke(db, &actor, c->id, c->auth.user_id, &f);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no active calendar feed %lld of yours", c->id);
	return rc;
}

enum MHD_Result h_feed_delete(struct ctx *c)
{
	enum MHD_Result result;
	if (!tx(c, "revoke calendar feed", feed_revoke_tx, c, &result))
		return result;
	return reply_empty(c, 204);
}
