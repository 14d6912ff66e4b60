/* Statements of the audit log; the typed functions of audit.h. */
#include "lib/db/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"

const struct ogi_statement ogi_db_statements_audit[] = {
    /* body_id: the body the row belongs to, by one rule for every writer (migration 0009) */
    {"audit_insert",
     "INSERT INTO audit_log (actor_id, actor, entity, entity_id, action, old_value, new_value, "
     "                       body_id) "
     "VALUES ($1::bigint, $2, $3, $4, $5, $6::jsonb, $7::jsonb, "
     "        audit_body_of($3, $4, $6::jsonb, $7::jsonb))"},
    /* the audit log, newest first, as the bodies $1 (where the caller is auditor or admin)
       may read it: rows of those bodies and their subtrees, and rows of no body when one of
       $1 is a top-level body ($1 NULL: every row, for ogictl, the operator's tool); filters
       $2 entity, $3 entity_id, $4 actor, $5..$6 the days of at (Asia/Shanghai, the
       session's time zone), both included; keyset: ids below $7; $8 rows */
    {"audit_list", "SELECT a.id, a.at, a.actor_id, "
                   "       a.actor, coalesce(nullif(u.display_name, ''), a.actor) AS actor_name, "
                   "       a.entity, a.entity_id, a.body_id, b.name AS body_name, a.action, "
                   "       a.old_value::text AS old_value, a.new_value::text AS new_value "
                   "FROM audit_log a LEFT JOIN bodies b ON b.id = a.body_id "
                   "     LEFT JOIN users u ON u.id = a.actor_id "
                   "WHERE ($1::bigint[] IS NULL OR b.path && $1::bigint[] "
                   "       OR (a.body_id IS NULL AND EXISTS (SELECT FROM bodies t "
                   "           WHERE t.id = ANY($1::bigint[]) AND t.parent_id IS NULL))) "
                   "  AND ($2::text IS NULL OR a.entity = $2) "
                   "  AND ($3::text IS NULL OR a.entity_id = $3) "
                   "  AND ($4::text IS NULL OR a.actor = $4) "
                   "  AND ($5::date IS NULL OR a.at >= $5::date::timestamptz) "
                   "  AND ($6::date IS NULL OR a.at < ($6::date + 1)::timestamptz) "
                   "  AND ($7::bigint IS NULL OR a.id < $7::bigint) "
                   "ORDER BY a.id DESC LIMIT $8::int"},
    {NULL, NULL},
};

int ogi_db_audit_insert(struct ogi_db *db, const struct ogi_actor *actor, const char *entity,
                        long long entity_id, const char *action, json_t *old_value,
                        json_t *new_value)
{
	char *old_text = old_value ? json_dumps(old_value, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	char *new_text = new_value ? json_dumps(new_value, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	int rc = OGI_DB_HARD;
	if ((old_value == NULL || old_text != NULL) && (new_value == NULL || new_text != NULL)) {
		struct pq_params p = {0};
		pq_int_opt(&p, actor->user_id > 0, actor->user_id);
		pq_str(&p, actor->name);
		pq_str(&p, entity);
		pq_int(&p, entity_id);
		pq_str(&p, action);
		pq_str(&p, old_text);
		pq_str(&p, new_text);
		rc = pq_run(db, "audit_insert", &p, NULL);
	}
	free(old_text);
	free(new_text);
	return rc < 0 ? rc : 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

int ogi_db_audit_list(struct ogi_db *db, const struct ogi_audit_query *q,
                      struct ogi_audit_list *out)
{
	memset(out, 0, sizeof *out);
	char roots[OGI_AUDIT_ROOTS_MAX * 24 + 2];
	struct pq_params p = {0};
	if (q->all)
		pq_null(&p);
	else
		pq_ids(&p, q->roots, q->nroots, roots, sizeof roots);
	pq_str(&p, q->entity);
	pq_int_opt(&p, q->entity_id > 0, q->entity_id);
	pq_str(&p, q->actor);
	pq_date(&p, q->from);
	pq_date(&p, q->to);
	pq_int_opt(&p, q->before > 0, q->before);
	pq_int(&p, q->limit);
	PGresult *res;
	int n = pq_run(db, "audit_list", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->e = calloc((size_t)n, sizeof *out->e)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_audit_entry *e = &out->e[out->n++];
		e->id = pq_getint(res, i, "id");
		pq_copy_time(res, i, "at", e->at, sizeof e->at);
		e->actor_id = pq_getint(res, i, "actor_id");
		e->actor = dup_or_null(pq_get(res, i, "actor"));
		e->actor_name = dup_or_null(pq_get(res, i, "actor_name"));
		e->entity = dup_or_null(pq_get(res, i, "entity"));
		e->entity_id = dup_or_null(pq_get(res, i, "entity_id"));
		e->body_id = pq_getint(res, i, "body_id");
		e->body_name = dup_or_null(pq_get(res, i, "body_name"));
		e->action = dup_or_null(pq_get(res, i, "action"));
		e->old_value = dup_or_null(pq_get(res, i, "old_value"));
		e->new_value = dup_or_null(pq_get(res, i, "new_value"));
	}
	PQclear(res);
	return 0;
}
