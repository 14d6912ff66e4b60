/* PUT /api/v1/bodies/{id}/letter-templates {template key: text}: an
 * administrator of the body replaces its own wording of its letters'
 * templates (a key left out takes the default text again).  Each key must
 * be a template the letter engine has and each text 1 to 5000 characters
 * using only the {fields} its key offers (400 naming the key).  If-Match
 * guards the settings' version.  Audited: the keys that changed, before
 * and after.  Answers the templates stored, with the new ETag. */
#include <stdlib.h>

#include "daemon/core/auth.h"
#include "daemon/core/body_tx.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/body_settings_check.h"
#include "lib/db/bodies.h"

struct templates_put {
	struct ctx *c;
	json_t *templates;
	long long if_match, version;
	struct ogi_body_settings_row row;
};

bool in_body_templates_put(json_t *body, struct spec_errors *errs)
{
	return ogi_body_templates_check(body, errs);
}

static int templates_tx(struct ogi_db *db, void *cls)
{
	struct templates_put *w = cls;
	json_t *before = NULL;
	int rc = body_row_open(db, w->c, w->if_match, &w->row);
	if (rc == 0)
		rc = ogi_db_body_templates_get(db, w->c->id, &before);
	if (rc == 0)
		rc = ogi_db_body_templates_put(db, w->c->id, w->templates, &w->version);
	if (rc == 0)
		rc = body_audit(db, w->c, "update letter templates", before, w->templates);
	json_decref(before);
	return rc;
}

enum MHD_Result h_body_templates_put(struct ctx *c)
{
	struct spec_errors errs = {0};
	if (!in_body_templates_put(c->json, &errs))
		return reply_invalid(c, &errs);
	struct templates_put *w = calloc(1, sizeof *w);
	if (w == NULL)
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	*w = (struct templates_put){.c = c, .templates = c->json};
	enum MHD_Result result;
	struct ogi_db *db;
	if ((w->if_match = if_match(c, &errs, "机关设置", "the body's")) < 0)
		result = reply_invalid(c, &errs);
	else if ((db = thread_db(c, &result)) != NULL &&
	         require_body(c, db, c->id, OGI_ROLE_ADMIN, &result) &&
	         tx(c, "change letter templates", templates_tx, w, &result))
		result = reply_json_etag(c, 200, json_incref(c->json), w->version, NULL);
	free(w);
	return result;
}
