/* Statements of reminder digests (see reminders.h). */
#include "lib/db/reminders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"
#include "lib/domain.h"

const struct ogi_statement ogi_db_statements_reminders[] = {
    {"reminders_enqueue", "INSERT INTO reminder_digests (user_id, day, email) "
                          "SELECT id, $1::date, email FROM users "
                          "WHERE active AND reminders AND email IS NOT NULL "
                          "ON CONFLICT (user_id, day) DO NOTHING"},
    {"reminders_claim", "SELECT id, user_id, day, attempts, email FROM reminder_digests "
                        "WHERE status = 'queued' AND next_at <= now() "
                        "ORDER BY next_at, id LIMIT $1::int FOR UPDATE SKIP LOCKED"},
    {"reminder_sent", "UPDATE reminder_digests SET status = 'sent', sent_at = now(), "
                      "attempts = attempts + 1, last_error = NULL "
                      "WHERE id = $1::bigint AND status = 'queued'"},
    /* a failed attempt: retried after base × 2^(attempts−1) seconds, at most an hour, until
       the last attempt or a permanent refusal ($4) makes it 'failed' */
    {"reminder_failed",
     "UPDATE reminder_digests SET attempts = attempts + 1, last_error = left($2, 1000), "
     "status = CASE WHEN $4::bool OR attempts + 1 >= $3::int THEN 'failed' ELSE 'queued' END, "
     "next_at = now() + least(interval '1 hour', "
     "                        interval '1 second' * $5::int * power(2, least(attempts, 12))) "
     "WHERE id = $1::bigint AND status = 'queued' RETURNING status"},
    {"reminder_skipped", "UPDATE reminder_digests SET status = 'skipped', last_error = NULL "
                         "WHERE id = $1::bigint AND status = 'queued'"},
    {"reminders_queued", "SELECT count(*) FROM reminder_digests WHERE status = 'queued'"},
    {"remind_user",
     "SELECT u.username, u.display_name, coalesce(u.email, '') AS email, u.active, "
     "       u.reminders, r.body_id, r.role "
     "FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = $1::bigint "
     "ORDER BY r.body_id"},
    /* the digests of the users holding a role in the bodies $1 or their subtrees */
    {"reminders_list",
     "SELECT d.id, d.user_id, u.username, u.display_name, d.email, d.day, d.status, "
     "       d.attempts, coalesce(d.last_error, '') AS last_error, "
     "       CASE WHEN d.status = 'queued' THEN d.next_at END AS next_at, d.sent_at "
     "FROM reminder_digests d JOIN users u ON u.id = d.user_id "
     "WHERE ($2::text IS NULL OR d.status = $2) "
     "  AND ($4::bool OR EXISTS (SELECT 1 FROM user_roles r JOIN bodies b ON b.id = r.body_id "
     "              WHERE r.user_id = d.user_id AND b.path && $1::bigint[])) "
     "ORDER BY d.day DESC, d.id DESC LIMIT $3::bigint"},
    {"reminder_retry",
     "UPDATE reminder_digests d SET status = 'queued', attempts = 0, next_at = now() "
     "FROM users u WHERE d.id = $1::bigint AND d.status = 'failed' AND u.id = d.user_id "
     "  AND EXISTS (SELECT 1 FROM user_roles r JOIN bodies b ON b.id = r.body_id "
     "              WHERE r.user_id = d.user_id AND b.path && $2::bigint[]) "
     "RETURNING d.id, d.user_id, u.username, u.display_name, d.email, d.day, d.status, "
     "          d.attempts, coalesce(d.last_error, '') AS last_error, d.next_at, d.sent_at"},
    {NULL, NULL},
};

int ogi_db_reminders_enqueue(struct ogi_db *db, ogi_date day)
{
	struct pq_params p = {0};
	pq_date(&p, day);
	return pq_run(db, "reminders_enqueue", &p, NULL);
}

int ogi_db_reminders_claim(struct ogi_db *db, struct ogi_db_digest *out, int max)
{
	struct pq_params p = {0};
	pq_int(&p, max);
	PGresult *res;
	int rows = pq_run(db, "reminders_claim", &p, &res);
	if (rows < 0)
		return rows;
	for (int i = 0; i < rows && i < max; i++) {
		out[i].id = pq_getint(res, i, "id");
		out[i].user_id = pq_getint(res, i, "user_id");
		out[i].day = pq_getdate(res, i, "day");
		out[i].attempts = (int)pq_getint(res, i, "attempts");
		pq_copy(res, i, "email", out[i].email, sizeof out[i].email);
	}
	PQclear(res);
	return rows;
}

int ogi_db_reminder_sent(struct ogi_db *db, long long id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	return pq_run(db, "reminder_sent", &p, NULL);
}

int ogi_db_reminder_failed(struct ogi_db *db, long long id, const char *error, bool permanent,
                           int base_seconds, bool *gave_up)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, error != NULL ? error : "");
	pq_int(&p, OGI_REMIND_MAX_ATTEMPTS);
	pq_bool(&p, permanent);
	pq_int(&p, base_seconds > 0 ? base_seconds : 60);
	PGresult *res;
	int rows = pq_run(db, "reminder_failed", &p, &res);
	if (rows < 0)
		return rows;
	*gave_up = rows == 1 && strcmp(pq_get(res, 0, "status"), "failed") == 0;
	PQclear(res);
	return rows;
}

long long ogi_db_reminders_queued(struct ogi_db *db)
{
	PGresult *res;
	int rows = pq_run(db, "reminders_queued", &(struct pq_params){0}, &res);
	if (rows < 0)
		return rows;
	long long n = ogi_db_int(res, 0, 0);
	PQclear(res);
	return n;
}

int ogi_db_reminder_skipped(struct ogi_db *db, long long id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	return pq_run(db, "reminder_skipped", &p, NULL);
}

int ogi_db_remind_user(struct ogi_db *db, long long id, struct ogi_db_remind_user *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int rows = pq_run(db, "remind_user", &p, &res);
	if (rows < 0)
		return rows;
	if (rows == 0) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	pq_copy(res, 0, "username", out->username, sizeof out->username);
	pq_copy(res, 0, "display_name", out->display_name, sizeof out->display_name);
	pq_copy(res, 0, "email", out->email, sizeof out->email);
	out->active = pq_getbool(res, 0, "active");
	out->reminders = pq_getbool(res, 0, "reminders");
	for (int i = 0; i < rows; i++) {
		if (pq_isnull(res, i, "body_id"))
			continue;
		long long body = pq_getint(res, i, "body_id");
		int role = ogi_enum_parse(ogi_role_names, pq_get(res, i, "role"));
		out->bodies |= role == OGI_ROLE_APPROVER || role == OGI_ROLE_ADMIN;
		bool have = false;
		for (int k = 0; k < out->nroots; k++)
			have |= out->roots[k] == body;
		if (!have && out->nroots < OGI_REMIND_ROOTS_MAX)
			out->roots[out->nroots++] = body;
	}
	PQclear(res);
	return 0;
}

static void row_read(const PGresult *res, int i, struct ogi_digest_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = pq_getint(res, i, "id");
	r->user_id = pq_getint(res, i, "user_id");
	pq_copy(res, i, "username", r->username, sizeof r->username);
	pq_copy(res, i, "display_name", r->display_name, sizeof r->display_name);
	pq_copy(res, i, "email", r->email, sizeof r->email);
	r->day = pq_getdate(res, i, "day");
	pq_copy(res, i, "status", r->status, sizeof r->status);
	r->attempts = (int)pq_getint(res, i, "attempts");
	pq_copy(res, i, "last_error", r->last_error, sizeof r->last_error);
	pq_copy_time(res, i, "next_at", r->next_at, sizeof r->next_at);
	pq_copy_time(res, i, "sent_at", r->sent_at, sizeof r->sent_at);
}

int ogi_db_reminders_list(struct ogi_db *db, const long long *roots, int nroots, bool all,
                          const char *status, long long limit, struct ogi_digest_rows *out)
{
	memset(out, 0, sizeof *out);
	char buf[OGI_REMIND_ROOTS_MAX * 24 + 8];
	struct pq_params p = {0};
	pq_ids(&p, roots, nroots, buf, sizeof buf);
	pq_str(&p, status);
	pq_int(&p, limit);
	pq_bool(&p, all);
	PGresult *res;
	int rows = pq_run(db, "reminders_list", &p, &res);
	if (rows < 0)
		return rows;
	if (rows > 0 && (out->v = calloc((size_t)rows, sizeof *out->v)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < rows; i++)
		row_read(res, i, &out->v[out->n++]);
	PQclear(res);
	return 0;
}

int ogi_db_reminder_retry(struct ogi_db *db, long long id, const long long *roots, int nroots,
                          struct ogi_digest_row *out)
{
	char buf[OGI_REMIND_ROOTS_MAX * 24 + 8];
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_ids(&p, roots, nroots, buf, sizeof buf);
	PGresult *res;
	int rows = pq_run(db, "reminder_retry", &p, &res);
	if (rows < 0)
		return rows;
	if (rows == 1)
		row_read(res, 0, out);
	PQclear(res);
	return rows == 1 ? 0 : OGI_E_NOT_FOUND;
}
