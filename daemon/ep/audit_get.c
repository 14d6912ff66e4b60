/* GET /api/v1/audit: the audit log of administrative changes (users, roles,
 * bodies, tokens, the calendar, report inputs and locks, remedy records),
 * newest first, for the roles that read it (lib/audit_log.h: auditor or
 * admin).  A caller reads the rows of the bodies where it holds such a role
 * and of those bodies' subtrees; rows of no body (the calendar) only with
 * such a role on a top-level body.  Filters: entity, entity_id, actor,
 * from, to; keyset paging by id (before, limit; next names the page after). */
#include <stdio.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/params.h"
#include "daemon/core/replica.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/audit_json.h"
#include "lib/audit_log.h"
#include "lib/db/audit.h"

#define AUDIT_LIMIT_DEFAULT 50
#define AUDIT_LIMIT_MAX     200

static void entity_error(struct spec_errors *errs)
{
	char list[200] = "", zh[256], en[256];
	size_t used = 0;
	for (int i = 0; ogi_audit_entity_names[i] != NULL; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
		                         ogi_audit_entity_names[i]);
	snprintf(zh, sizeof zh, "取值无效，可选：%s", list);
	snprintf(en, sizeof en, "must be one of: %s", list);
	spec_error_add(errs, "entity", "enum", zh, en);
}

/* Reads the filters and the page into q; false after adding each bad parameter's error. */
static bool audit_query_parse(struct ctx *c, struct ogi_audit_query *q, struct spec_errors *errs)
{
	const char *v;
	bool has_from, has_to;
	if ((v = query(c, "entity")) != NULL) {
		if (ogi_enum_parse(ogi_audit_entity_names, v) < 0)
			entity_error(errs);
		q->entity = v;
	}
	if ((v = query(c, "entity_id")) != NULL && !positive_int(v, INT64_MAX / 2, &q->entity_id))
		spec_error_add(errs, "entity_id", "invalid", "应为正整数",
		               "must be a positive integer");
	if ((v = query(c, "actor")) != NULL) {
		if (*v == '\0' || strlen(v) > 64)
			spec_error_add(errs, "actor", "invalid", "应为 1 至 64 个字符的用户名",
			               "must be a username of 1 to 64 characters");
		q->actor = v;
	}
	bool dates_ok = param_date(c, errs, "from", &q->from, &has_from);
	dates_ok = param_date(c, errs, "to", &q->to, &has_to) && dates_ok;
	if (dates_ok && has_from && has_to && q->from > q->to)
		spec_error_add(errs, "to", "before_from", "不能早于 from",
		               "must not be before from");
	if ((v = query(c, "before")) != NULL && !positive_int(v, INT64_MAX / 2, &q->before))
		spec_error_add(errs, "before", "invalid", "应为正整数（上一页的 next）",
		               "must be a positive integer (the previous page's next)");
	q->limit = AUDIT_LIMIT_DEFAULT;
	if ((v = query(c, "limit")) != NULL && !positive_int(v, AUDIT_LIMIT_MAX, &q->limit))
		spec_error_add(errs, "limit", "range", "应为 1 至 200",
		               "must be between 1 and 200");
	return errs->n == 0;
}

enum MHD_Result h_audit_get(struct ctx *c)
{
	struct ogi_audit_query q = {.from = OGI_DATE_NONE, .to = OGI_DATE_NONE};
	q.nroots = auth_root_ids(&c->auth, ogi_audit_reader_roles(), q.roots, OGI_AUDIT_ROOTS_MAX);
	if (q.nroots == 0)
		return reply_problem(c, OGI_E_FORBIDDEN, "needs the auditor or admin role");
	struct spec_errors errs = {0};
	if (!audit_query_parse(c, &q, &errs))
		return reply_invalid(c, &errs);
	long long shown = q.limit;
	q.limit++; /* one row more than shown says whether there is a next page */
	enum MHD_Result result;
	struct ogi_db *db = read_db(c, &result); /* a standby will do (replica.h) */
	if (db == NULL)
		return result;
	struct ogi_audit_list rows;
	int rc = ogi_db_audit_list(db, &q, &rows);
	if (rc < 0 && read_db_again(c, &db))
		rc = ogi_db_audit_list(db, &q, &rows);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *entries = json_array();
	for (size_t i = 0; i < rows.n && (long long)i < shown; i++)
		json_array_append_new(entries, wire_audit_entry(&rows.e[i]));
	json_t *next = (long long)rows.n > shown ? json_integer(rows.e[shown - 1].id) : json_null();
	ogi_audit_list_free(&rows);
	return reply_json(c, 200, json_pack("{s:o, s:o}", "entries", entries, "next", next));
}
