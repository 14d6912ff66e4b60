/* Statements of login throttling; the typed functions of throttles.h. */
#include "lib/db/throttles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"

/* Room for the text of a bigint[] of a caller's bodies (one id per grant at most). */
#define ROOTS_TEXT (OGI_SESSION_GRANTS_MAX * 24 + 2)

/* The counters an administrator sees: those of users holding a role in the bodies $1 or
   below, and, $2 (of a top-level body), those of nobody's (an address's budget, a username
   nobody has) — never a user's of another tree (the authorization matrix found a top-level
   admin reading and clearing them: tests/api/test_authz_matrix.py) */
#define THROTTLE_VISIBLE                                                                           \
	"(CASE WHEN u.id IS NULL THEN $2::bool ELSE EXISTS (SELECT 1 FROM user_roles r "           \
	"   JOIN bodies b ON b.id = r.body_id WHERE r.user_id = u.id AND b.path && $1::bigint[]) " \
	"END)"
#define THROTTLE_COLUMNS                                                                           \
	"t.id, t.username, t.address, t.attempts, t.last_at::text AS last_at, u.id AS user_id, "   \
	"extract(epoch FROM now() - t.last_at)::bigint AS since_last, "                            \
	"extract(epoch FROM now() - t.first_at)::bigint AS since_first "

const struct ogi_statement ogi_db_statements_throttles[] = {
    /* counters quiet for longer than $1 seconds count no more: a few of them go with each
       attempt, so guesses at many usernames do not pile up rows (never waiting for a row
       another attempt holds) */
    {"login_throttles_prune",
     "DELETE FROM login_throttles WHERE id IN (SELECT id FROM login_throttles "
     "  WHERE last_at < now() - make_interval(secs => $1::int) "
     "  ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)"},
    /* the counters of the pair ($1, $2) and of the address ($2), made when missing */
    {"login_throttle_make",
     "INSERT INTO login_throttles (username, address) VALUES ('', $2), ($1, $2) "
     "ON CONFLICT (username, address) DO NOTHING"},
    /* locked in one order (the address's first) so that two attempts never deadlock */
    {"login_throttle_lock",
     "SELECT username, attempts, extract(epoch FROM now() - last_at)::bigint AS since_last, "
     "       extract(epoch FROM now() - first_at)::bigint AS since_first "
     "FROM login_throttles WHERE address = $2 AND username IN ('', $1) "
     "ORDER BY username FOR UPDATE"},
    {"login_throttle_write", "UPDATE login_throttles SET attempts = $3::int, last_at = now(), "
                             "  first_at = CASE WHEN $4::bool THEN now() ELSE first_at END "
                             "WHERE username = $1 AND address = $2"},
    {"login_throttle_forget", "DELETE FROM login_throttles WHERE username = $1 AND address = $2"},
    {"login_throttle_give_back", "UPDATE login_throttles SET attempts = greatest(attempts - 1, 0) "
                                 "WHERE username = '' AND address = $1"},
    {"throttles_list",
     "SELECT " THROTTLE_COLUMNS
     "FROM login_throttles t LEFT JOIN users u ON u.username = t.username AND t.username <> '' "
     "WHERE t.attempts > 0 AND t.last_at > now() - make_interval(secs => $3::int) "
     "  AND " THROTTLE_VISIBLE " "
     "ORDER BY t.last_at DESC, t.id DESC LIMIT 500"},
    {"throttle_clear",
     "WITH gone AS (DELETE FROM login_throttles t USING login_throttles v "
     "  LEFT JOIN users u ON u.username = v.username AND v.username <> '' "
     "  WHERE t.id = $3::bigint AND v.id = t.id AND " THROTTLE_VISIBLE " RETURNING t.*) "
     "SELECT " THROTTLE_COLUMNS
     "FROM gone t LEFT JOIN users u ON u.username = t.username AND t.username <> ''"},
    {NULL, NULL},
};

int ogi_db_login_claim(struct ogi_db *db, const char *username, const char *address,
                       long long *wait)
{
	*wait = 0;
	struct pq_params old = {0};
	pq_int(&old, OGI_LOGIN_FORGET_SECONDS);
	int n = pq_run(db, "login_throttles_prune", &old, NULL);
	if (n < 0)
		return n;
	struct pq_params p = {0};
	pq_str(&p, username);
	pq_str(&p, address);
	n = pq_run(db, "login_throttle_make", &p, NULL);
	if (n < 0)
		return n;
	PGresult *res;
	if ((n = pq_run(db, "login_throttle_lock", &p, &res)) < 0)
		return n;
	struct ogi_login_counts c = {0};
	for (int i = 0; i < n; i++) {
		if (pq_get(res, i, "username")[0] == '\0') {
			c.budget_attempts = pq_getint(res, i, "attempts");
			c.since_window = pq_getint(res, i, "since_first");
		} else {
			c.attempts = pq_getint(res, i, "attempts");
			c.since_last = pq_getint(res, i, "since_last");
		}
	}
	PQclear(res);
	if ((*wait = ogi_login_claim(&c)) > 0)
		return 0;
	struct pq_params pair = {0}, budget = {0};
	pq_str(&pair, username);
	pq_str(&pair, address);
	pq_int(&pair, c.attempts);
	pq_bool(&pair, false);
	pq_str(&budget, "");
	pq_str(&budget, address);
	pq_int(&budget, c.budget_attempts);
	pq_bool(&budget, c.since_window == 0);
	if ((n = pq_run(db, "login_throttle_write", &pair, NULL)) < 0 ||
	    (n = pq_run(db, "login_throttle_write", &budget, NULL)) < 0)
		return n;
	return 0;
}

int ogi_db_login_succeeded(struct ogi_db *db, const char *username, const char *address)
{
	struct pq_params pair = {0}, budget = {0};
	pq_str(&pair, username);
	pq_str(&pair, address);
	pq_str(&budget, address);
	int n = pq_run(db, "login_throttle_forget", &pair, NULL);
	if (n >= 0)
		n = pq_run(db, "login_throttle_give_back", &budget, NULL);
	return n < 0 ? n : 0;
}

static void throttle_read(const PGresult *res, int row, struct ogi_throttle *t)
{
	memset(t, 0, sizeof *t);
	t->id = pq_getint(res, row, "id");
	pq_copy(res, row, "username", t->username, sizeof t->username);
	pq_copy(res, row, "address", t->address, sizeof t->address);
	t->user_id = pq_getint(res, row, "user_id");
	t->attempts = pq_getint(res, row, "attempts");
	pq_copy_time(res, row, "last_at", t->last_at, sizeof t->last_at);
	long long since_last = pq_getint(res, row, "since_last");
	if (t->username[0] != '\0') {
		t->wait_seconds = ogi_login_backoff_wait(t->attempts, since_last);
	} else {
		/* the address's budget: what ogi_login_claim would answer an attempt now */
		struct ogi_login_counts c = {.budget_attempts = t->attempts,
		                             .since_window = pq_getint(res, row, "since_first")};
		t->wait_seconds = ogi_login_claim(&c);
	}
}

int ogi_db_throttles_list(struct ogi_db *db, const long long *admin_roots, int nroots,
                          bool top_level, struct ogi_throttle_list *out)
{
	memset(out, 0, sizeof *out);
	char roots[ROOTS_TEXT];
	struct pq_params p = {0};
	pq_ids(&p, admin_roots, nroots, roots, sizeof roots);
	pq_bool(&p, top_level);
	pq_int(&p, OGI_LOGIN_FORGET_SECONDS);
	PGresult *res;
	int n = pq_run(db, "throttles_list", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->t = calloc((size_t)n, sizeof *out->t)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++)
		throttle_read(res, i, &out->t[out->n++]);
	PQclear(res);
	return 0;
}

int ogi_db_throttle_clear(struct ogi_db *db, long long id, const long long *admin_roots, int nroots,
                          bool top_level, struct ogi_throttle *out)
{
	char roots[ROOTS_TEXT];
	struct pq_params p = {0};
	pq_ids(&p, admin_roots, nroots, roots, sizeof roots);
	pq_bool(&p, top_level);
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "throttle_clear", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		throttle_read(res, 0, out);
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}
