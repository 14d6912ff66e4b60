/* PUT /api/v1/bodies/{id}: an administrator of the body replaces what it
 * says about itself on its letters — its full name (the first-start body
 * 「本机关」 gets its real one here), its code, the 机关代字 and the code of
 * each kind of letter in a 文号, its address, postcode, phone and office
 * hours, the body that reviews its decisions and its address, the court,
 * and whether 信息不存在 / 非本机关 / 无法提供 take the review-first remedy
 * sentence.  A setting left out, null or "" is none: the letters take the
 * default.  Each field is checked (400 naming it); another body's code is
 * 409 body_code_taken; If-Match guards the settings' version (412).
 * Audited with what changed, before and after.  Answered as GET. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/body_tx.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/body_settings_json.h"
#include "lib/body_settings_check.h"
#include "lib/db/bodies.h"

struct settings_put {
	struct ctx *c;
	struct ogi_body_settings s;
	long long if_match;
	struct ogi_body_settings_row row;
	json_t *out;
	long long version;
	bool online_given; /* accepts_online was in the body */
};

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src) ? (src) : "")

static bool settings_parse(json_t *body, struct ogi_body_settings *s, bool *online_given,
                           struct spec_errors *errs)
{
	const char *name = NULL, *code = NULL, *prefix = NULL, *address = NULL, *postcode = NULL,
	           *phone = NULL, *hours = NULL, *review_body = NULL, *review_address = NULL,
	           *court = NULL, *kind_code[OGI_LETTER_KIND_COUNT] = {0};
	bool given[16] = {0}, kind_given[OGI_LETTER_KIND_COUNT] = {0};
	struct spec kinds[OGI_LETTER_KIND_COUNT + 1];
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++)
		kinds[k] = (struct spec){.name = ogi_letter_kind_names[k],
		                         .kind = SPEC_K_STRING,
		                         .out = &kind_code[k],
		                         .max_len = 12,
		                         .optional = true,
		                         .present = &kind_given[k]};
	kinds[OGI_LETTER_KIND_COUNT] = (struct spec)SPEC_END;
	struct spec spec[] = {
	    SPEC_STRING("name", &name, 200),
	    /* bodies.code: NULL or 1 to 64 characters */
	    SPEC_OPT(&given[0], SPEC_F_STRING("code", &code, 64), SPEC_F_NONEMPTY),
	    SPEC_OPT(&given[1], SPEC_F_STRING("letter_prefix", &prefix, 20)),
	    SPEC_OPT(&given[2], SPEC_F_OBJECT("kind_codes", kinds)),
	    SPEC_OPT(&given[3], SPEC_F_STRING("address", &address, 200)),
	    SPEC_OPT(&given[4], SPEC_F_STRING("postcode", &postcode, 50)),
	    SPEC_OPT(&given[5], SPEC_F_STRING("phone", &phone, 50)),
	    SPEC_OPT(&given[6], SPEC_F_STRING("office_hours", &hours, 50)),
	    SPEC_OPT(&given[7], SPEC_F_STRING("reconsideration_body", &review_body, 200)),
	    SPEC_OPT(&given[8], SPEC_F_STRING("reconsideration_address", &review_address, 200)),
	    SPEC_OPT(&given[9], SPEC_F_STRING("court", &court, 200)),
	    SPEC_OPT(&given[10], SPEC_F_BOOL("review_first_not_held", &s->review_first_not_held)),
	    /* absent: as it is (a client that does not know the setting keeps it) */
	    SPEC_OPT(&given[11], SPEC_F_BOOL("accepts_online", &s->accepts_online)),
	    SPEC_END,
	};
	memset(s, 0, sizeof *s);
	if (!spec_parse(body, spec, errs))
		return false;
	*online_given = given[11];
	/* no NUL inside a string: the JSON reader refuses \u0000 (dispatch.c) */
	COPY(s->name, name);
	COPY(s->code, given[0] ? code : NULL);
	COPY(s->letter_prefix, prefix);
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++)
		COPY(s->kind_code[k], kind_given[k] ? kind_code[k] : NULL);
	COPY(s->address, address);
	COPY(s->postcode, postcode);
	COPY(s->phone, phone);
	COPY(s->office_hours, hours);
	COPY(s->reconsideration_body, review_body);
	COPY(s->reconsideration_address, review_address);
	COPY(s->court, court);
	return ogi_body_settings_put_check(s, errs);
}

bool in_body_put(json_t *body, struct spec_errors *errs)
{
	struct ogi_body_settings *s = malloc(sizeof *s);
	if (s == NULL)
		return false;
	bool online_given;
	bool ok = settings_parse(body, s, &online_given, errs);
	free(s);
	return ok;
}

/* The settings as the audit log keeps them: what GET shows of the body's own
 * (a copy: shown stays the caller's). */
static json_t *audited(const json_t *shown)
{
	json_t *a = json_deep_copy(shown);
	for (const char *const *k = (const char *const[]){"id", "parent_id", "path", "defaults",
	                                                  "defaulted", "seal_bytes", NULL};
	     *k != NULL; k++)
		json_object_del(a, *k);
	return a;
}

static json_t *row_json(const struct ogi_body_settings_row *row)
{
	return wire_body_settings(&row->body, &row->stored,
	                          row->has_parent ? row->parent_name : NULL, row->seal_bytes);
}

static int put_tx(struct ogi_db *db, void *cls)
{
	struct settings_put *w = cls;
	struct ctx *c = w->c;
	int rc = body_row_open(db, c, w->if_match, &w->row);
	if (rc != 0)
		return rc;
	json_t *shown = row_json(&w->row);
	json_t *before = audited(shown);
	json_decref(shown);
	w->s.body_id = c->id;
	if (!w->online_given)
		w->s.accepts_online = w->row.stored.accepts_online;
	rc = ogi_db_body_settings_put(db, &w->s, &w->version);
	if (rc == OGI_E_BODY_CODE_TAKEN)
		ctx_detail(c, "another body has the code %s", w->s.code);
	if (rc == 0)
		rc = ogi_db_body_settings_row(db, c->id, false, &w->row);
	if (rc == 0) {
		json_decref(w->out);
		w->out = row_json(&w->row);
		json_t *after = audited(w->out);
		rc = body_audit(db, c, "update", before, after);
		json_decref(after);
	}
	json_decref(before);
	return rc;
}

enum MHD_Result h_body_put(struct ctx *c)
{
	struct settings_put *w = calloc(1, sizeof *w);
	if (w == NULL)
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	w->c = c;
	struct spec_errors errs = {0};
	enum MHD_Result result;
	struct ogi_db *db;
	if (!settings_parse(c->json, &w->s, &w->online_given, &errs) ||
	    (w->if_match = if_match(c, &errs, "机关设置", "the body's")) < 0)
		result = reply_invalid(c, &errs);
	else if ((db = thread_db(c, &result)) != NULL &&
	         require_body(c, db, c->id, OGI_ROLE_ADMIN, &result) &&
	         tx(c, "change body settings", put_tx, w, &result)) {
		result = reply_json_etag(c, 200, w->out, w->version, NULL);
		w->out = NULL;
	}
	json_decref(w->out);
	free(w);
	return result;
}
