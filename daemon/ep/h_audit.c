/* GET /api/v1/audit: the audit log of administrative changes (users, roles,
 * bodies, the calendar, report inputs and locks, remedy records), newest
 * first, for the roles that read it (lib/audit_log.h: auditor or admin).  A
 * caller reads the rows of the bodies where they hold such a role and of
 * those bodies' subtrees; rows of no body (the calendar) only with such a
 * role on a top-level body.  Filters: entity, entity_id, actor, from, to;
 * keyset paging by id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/ep/ep.h"
#include "lib/audit_log.h"

#define AUDIT_LIMIT_DEFAULT 50
#define AUDIT_LIMIT_MAX 200

struct audit_query {
	const char *p[8];
	char roots[2048], entity_id[24], before[24], limit[12];
	char from[OGI_DATE_STRLEN], to[OGI_DATE_STRLEN];
	long long limit_n;
};

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

/* Reads the query; false after adding each bad parameter's error to errs. */
static bool audit_query_parse(struct ctx *c, struct audit_query *q, struct spec_errors *errs)
{
	const char *v;
	long long n = 0;
	q->p[0] = q->roots;
	if ((v = query(c, "entity")) != NULL) {
		if (ogi_enum_parse(ogi_audit_entity_names, v) < 0)
			entity_error(errs);
		q->p[1] = v;
	}
	if ((v = query(c, "entity_id")) != NULL) {
		if (!positive_int(v, INT64_MAX / 2, &n))
			spec_error_add(errs, "entity_id", "invalid", "应为正整数",
				       "must be a positive integer");
		snprintf(q->entity_id, sizeof q->entity_id, "%lld", n);
		q->p[2] = q->entity_id;
	}
	if ((v = query(c, "actor")) != NULL) {
		if (*v == '\0' || strlen(v) > 64)
			spec_error_add(errs, "actor", "invalid", "应为 1 至 64 个字符的用户名",
				       "must be a username of 1 to 64 characters");
		q->p[3] = v;
	}
	parse_date_param(c, errs, "from", q->from, &q->p[4]);
	parse_date_param(c, errs, "to", q->to, &q->p[5]);
	if (q->p[4] != NULL && q->p[5] != NULL && strcmp(q->from, q->to) > 0)
		spec_error_add(errs, "to", "before_from", "不能早于 from", "must not be before from");
	if ((v = query(c, "before")) != NULL) {
		if (!positive_int(v, INT64_MAX / 2, &n))
			spec_error_add(errs, "before", "invalid", "应为正整数（上一页的 next）",
				       "must be a positive integer (the previous page's next)");
		snprintf(q->before, sizeof q->before, "%lld", n);
		q->p[6] = q->before;
	}
	q->limit_n = AUDIT_LIMIT_DEFAULT;
	if ((v = query(c, "limit")) != NULL && !positive_int(v, AUDIT_LIMIT_MAX, &q->limit_n))
		spec_error_add(errs, "limit", "range", "应为 1 至 200", "must be between 1 and 200");
	/* one row more than shown says whether there is a next page */
	snprintf(q->limit, sizeof q->limit, "%lld", q->limit_n + 1);
	q->p[7] = q->limit;
	return errs->n == 0;
}

/* A stored jsonb value as JSON (null for SQL NULL). */
static json_t *stored_json(const char *text)
{
	json_t *v = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
	return v ? v : json_null();
}

static json_t *entry_json(PGresult *res, int i)
{
	json_t *e = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)ogi_db_int(res, i, 0),
			      "at", ogi_db_str(res, i, 1), "actor", ogi_db_str(res, i, 3), "entity",
			      ogi_db_str(res, i, 4), "entity_id", ogi_db_str(res, i, 5), "action",
			      ogi_db_str(res, i, 8));
	json_object_set_new(e, "actor_id",
			    ogi_db_str(res, i, 2) ? json_integer(ogi_db_int(res, i, 2)) : json_null());
	json_object_set_new(e, "body_id",
			    ogi_db_str(res, i, 6) ? json_integer(ogi_db_int(res, i, 6)) : json_null());
	json_object_set_new(e, "body_name",
			    ogi_db_str(res, i, 7) ? json_string(ogi_db_str(res, i, 7)) : json_null());
	json_object_set_new(e, "old_value", stored_json(ogi_db_str(res, i, 9)));
	json_object_set_new(e, "new_value", stored_json(ogi_db_str(res, i, 10)));
	return e;
}

enum MHD_Result h_audit_get(struct ctx *c)
{
	struct audit_query q = {0};
	auth_roots_holding(&c->auth, ogi_audit_reader_roles(), q.roots, sizeof q.roots);
	if (strcmp(q.roots, "{}") == 0)
		return reply_problem(c, OGI_E_FORBIDDEN, "needs the auditor or admin role");
	struct spec_errors errs = {0};
	if (!audit_query_parse(c, &q, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	PGresult *res;
	int n = ogi_db_exec(db, "audit_list", 8, q.p, &res);
	if (n < 0)
		return reply_db_error(c, db);
	int shown = n > q.limit_n ? (int)q.limit_n : n;
	json_t *entries = json_array();
	for (int i = 0; i < shown; i++)
		json_array_append_new(entries, entry_json(res, i));
	json_t *next = n > q.limit_n ? json_integer(ogi_db_int(res, shown - 1, 0)) : json_null();
	PQclear(res);
	return reply_json(c, 200, json_pack("{s:o, s:o}", "entries", entries, "next", next));
}
