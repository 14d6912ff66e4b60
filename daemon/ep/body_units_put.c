/* PUT /api/v1/bodies/{id}/units {units: [name, …]}: an administrator of the
 * body replaces its list of units (科室 / 社区), in the order given.  Each
 * name 1 to 100 characters without spaces around it, none twice, at most 50
 * (lib/assign_rules.h; 400 naming the item).  A request assigned to a unit
 * that goes keeps its unit's name: its history is not rewritten.  Audited:
 * the list before and after.  Answers the list stored. */
#include <stdio.h>

#include "daemon/core/auth.h"
#include "daemon/core/body_tx.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/assign_rules.h"
#include "lib/db/assignment.h"

struct units_put {
	struct ctx *c;
	const char *names[OGI_UNITS_MAX];
	size_t n;
	struct ogi_body_settings_row row;
};

/* The names of body into names (borrowed from body); false after the errors. */
static bool units_parse(json_t *body, const char **names, size_t *n, struct spec_errors *errs)
{
	json_t *list = json_is_object(body) ? json_object_get(body, "units") : NULL;
	if (!json_is_array(list) || json_object_size(body) != 1) {
		spec_error_add(errs, "units", "type", "请提供科室（社区）名称的列表",
		               "give {\"units\": [name, …]} and nothing else");
		return false;
	}
	size_t count = json_array_size(list);
	const char *all[OGI_UNITS_MAX + 1];
	size_t k;
	json_t *v;
	json_array_foreach(list, k, v)
	{
		char field[32];
		snprintf(field, sizeof field, "units[%zu]", k);
		if (!json_is_string(v)) {
			spec_error_add(errs, field, "type", "应为文字", "must be a string");
			return false;
		}
		if (k <= OGI_UNITS_MAX)
			all[k] = json_string_value(v);
	}
	const char *zh, *en;
	int bad = ogi_units_check(all, count > OGI_UNITS_MAX ? OGI_UNITS_MAX + 1 : count, &zh, &en);
	if (bad >= 0) {
		char field[32];
		if (bad > OGI_UNITS_MAX - 1 && count > OGI_UNITS_MAX)
			snprintf(field, sizeof field, "units");
		else
			snprintf(field, sizeof field, "units[%d]", bad);
		spec_error_add(errs, field, "invalid", zh, en);
		return false;
	}
	for (size_t i = 0; i < count; i++)
		names[i] = all[i];
	*n = count;
	return true;
}

bool in_body_units_put(json_t *body, struct spec_errors *errs)
{
	const char *names[OGI_UNITS_MAX];
	size_t n;
	return units_parse(body, names, &n, errs);
}

static int units_tx(struct ogi_db *db, void *cls)
{
	struct units_put *w = cls;
	json_t *before = NULL;
	int rc = body_row_open(db, w->c, 0, &w->row);
	if (rc == 0)
		rc = ogi_db_units_get(db, w->c->id, &before);
	if (rc == 0)
		rc = ogi_db_units_put(db, w->c->id, w->names, w->n);
	if (rc == 0) {
		json_t *b = json_pack("{s:O}", "units", before),
		       *a = json_pack("{s:O}", "units", json_object_get(w->c->json, "units"));
		rc = body_audit(db, w->c, "update units", b, a);
		json_decref(b);
		json_decref(a);
	}
	json_decref(before);
	return rc;
}

enum MHD_Result h_body_units_put(struct ctx *c)
{
	struct spec_errors errs = {0};
	struct units_put w = {.c = c};
	if (!units_parse(c->json, w.names, &w.n, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db != NULL && require_body(c, db, c->id, OGI_ROLE_ADMIN, &result) &&
	    tx(c, "change units", units_tx, &w, &result))
		result = reply_json(c, 200,
		                    json_pack("{s:O}", "units", json_object_get(c->json, "units")));
	return result;
}
