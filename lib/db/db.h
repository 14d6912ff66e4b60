/* lib/db: PostgreSQL access through libpq.  Knows SQL, nothing about HTTP.
 *
 * One struct ogi_db wraps one connection.  Every statement is named and
 * prepared when the connection opens (a typo in SQL fails at start-up), and
 * values travel only as parameters.  Every call reports one status:
 *   OGI_DB_HARD  (< 0) the connection or the statement failed,
 *   OGI_DB_SOFT  (< 0) serialization failure or deadlock: retry the transaction,
 *   >= 0         the number of rows. */
#ifndef OGI_DB_H
#define OGI_DB_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

enum { OGI_DB_HARD = -2, OGI_DB_SOFT = -1 };

struct ogi_statement {
	const char *name;
	const char *sql;
};

struct ogi_db {
	PGconn *conn;
	char *conninfo;
	char *role;            /* SET ROLE on every (re)connection, or NULL */
	bool in_tx;
	char sqlstate[6];      /* of the last failed call */
	char message[512];     /* of the last failed call, one line */
};

/* Opens a connection and prepares every statement of every area.
 * Returns NULL only when out of memory; check ogi_db_ok. */
struct ogi_db *ogi_db_new(const char *conninfo);
/* Opens without preparing (for migrations, before the schema exists). */
struct ogi_db *ogi_db_new_unprepared(const char *conninfo);
/* For serving requests: like ogi_db_new, then takes the privileges of role
 * (SET ROLE) on this and every later reconnection, so statements run with
 * that role's privileges whatever the login (which must be a member of role,
 * or a superuser), and bounds every statement to 60 s (statement_timeout:
 * SQLSTATE 57014 when exceeded). */
struct ogi_db *ogi_db_new_as(const char *conninfo, const char *role);
/* Without preparing, with the role: checks before the schema is known to be current. */
struct ogi_db *ogi_db_new_unprepared_as(const char *conninfo, const char *role);
void ogi_db_free(struct ogi_db *db);

/* True when the connection is up; otherwise tries once to reconnect (and
 * re-prepare) and says whether that worked. */
bool ogi_db_ensure(struct ogi_db *db);
bool ogi_db_ok(const struct ogi_db *db);
/* For a connection kept between uses: true when it is up and the server has
 * not closed it meanwhile.  libpq only notices a server restart on the next
 * query, which would then fail; an idle connection that has something to
 * read is one the server is ending (a restart, pg_terminate_backend), so it
 * is closed here and false returned: reconnect with ogi_db_ensure. */
bool ogi_db_usable(struct ogi_db *db);

/* Runs a prepared statement with text parameters (NULL = SQL NULL).
 * On success returns the row count and sets *res (caller PQclear()s it; res
 * may be NULL to discard).  On failure returns OGI_DB_HARD/SOFT, *res NULL. */
int ogi_db_exec(struct ogi_db *db, const char *stmt, int nparams, const char *const *params,
		PGresult **res);
/* Runs literal SQL without parameters (for BEGIN/COMMIT and migrations). */
int ogi_db_sql(struct ogi_db *db, const char *sql);

/* The transaction runner: BEGIN, fn(db, cls), COMMIT.  fn returns 0 to
 * commit, OGI_DB_SOFT/HARD on a database failure, or a positive value (an
 * application error, e.g. an enum ogi_error) to roll back and return that
 * value.  Soft failures are retried up to 5 times with the whole fn rerun,
 * so fn must not have effects outside the database.  Always rolls back on
 * failure.  `what` names the transaction in log lines. */
int ogi_db_tx(struct ogi_db *db, const char *what, int (*fn)(struct ogi_db *, void *), void *cls);

/* Value helpers over a result. */
const char *ogi_db_str(PGresult *res, int row, int col); /* NULL when SQL NULL */
long long ogi_db_int(PGresult *res, int row, int col);   /* 0 when NULL */
bool ogi_db_bool(PGresult *res, int row, int col);

/* Statement tables of each area, ending with {NULL, NULL}; db.c lists them all. */
extern const struct ogi_statement ogi_db_statements_core[];
extern const struct ogi_statement ogi_db_statements_auth[];
extern const struct ogi_statement ogi_db_statements_requests[];
extern const struct ogi_statement ogi_db_statements_lists[];
extern const struct ogi_statement ogi_db_statements_calendar[];
/* the annual report (reports.c) */
extern const struct ogi_statement ogi_db_statements_reports[];
extern const struct ogi_statement ogi_db_statements_remedies[];

#endif
