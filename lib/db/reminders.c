/* Statements of reminder digests (see reminders.h). */
#include "lib/db/reminders.h"

#include <stdio.h>

#include "lib/db/pq.h"

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
    {"reminder_failed",
     "UPDATE reminder_digests SET attempts = attempts + 1, last_error = left($2, 1000), "
     "status = CASE WHEN attempts + 1 >= $3::int THEN 'failed' ELSE 'queued' END, "
     "next_at = now() + least(interval '1 hour', "
     "                        interval '1 minute' * power(2, least(attempts, 10))) "
     "WHERE id = $1::bigint AND status = 'queued'"},
    {"reminders_queued", "SELECT count(*) FROM reminder_digests WHERE status = 'queued'"},
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

int ogi_db_reminder_failed(struct ogi_db *db, long long id, const char *error)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, error != NULL ? error : "");
	pq_int(&p, OGI_REMIND_MAX_ATTEMPTS);
	return pq_run(db, "reminder_failed", &p, NULL);
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
