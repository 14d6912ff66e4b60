/* lib/db: PostgreSQL access.  Knows SQL, nothing about HTTP.  This header
 * is what the rest of ogi sees of a connection: an opaque handle, one status
 * for every call, the transaction runner and where lib/db's own log lines go.
 * Each area's header (requests.h, users.h, …) adds typed functions over lib
 * structs; libpq and PGresult stay inside lib/db (pq.h).
 *
 * Every call reports one status:
 *   OGI_DB_HARD  (< 0) the connection or the statement failed,
 *   OGI_DB_SOFT  (< 0) serialization failure or deadlock: retry the transaction,
 *   >= 0         success: the number of rows, or 0 for a call that returns a struct;
 *   > 0 for a call that says so: an enum ogi_error (api/errors.h) naming why a
 *                rule of the database refused (OGI_E_NOT_FOUND, OGI_E_CONFLICT…). */
#ifndef OGI_DB_H
#define OGI_DB_H

#include <stdbool.h>
#include <stddef.h>

enum { OGI_DB_HARD = -2, OGI_DB_SOFT = -1 };

struct ogi_db;

/* Opens a connection and prepares every statement of every area.
 * Returns NULL only when out of memory; check ogi_db_ok. */
struct ogi_db *ogi_db_new(const char *conninfo);
/* Opens without preparing (for migrations, before the schema exists). */
struct ogi_db *ogi_db_new_unprepared(const char *conninfo);
/* For serving requests: like ogi_db_new, then takes the privileges of role
 * (SET ROLE) on this and every later reconnection, so statements run with
 * that role's privileges whatever the login (which must be a member of role,
 * or a superuser), and bounds every statement to 60 s (statement_timeout:
 * SQLSTATE 57014 when exceeded) and every wait for a lock to 15 s
 * (lock_timeout: 55P03). */
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

/* The last failure: its SQLSTATE ("08006") and its message (one line; it may
 * quote a value, so redact it before logging).  Valid until the next call. */
const char *ogi_db_sqlstate(const struct ogi_db *db);
const char *ogi_db_message(const struct ogi_db *db);
/* True when the last failure is an outage, not a bug: no connection, a
 * connection exception (08xxx), a server shutting down (57P0x), a statement
 * past statement_timeout (57014) or a lock waited for past lock_timeout
 * (55P03: a migration holding a table), or the server short of a resource
 * (53xxx: its disk full, out of memory, too many connections). */
bool ogi_db_outage(const struct ogi_db *db);
/* True when the last failure is the server's disk full (53100): nothing
 * more can be written until space is freed; reads still work. */
bool ogi_db_full(const struct ogi_db *db);
/* True when the last failure says the schema changed under the prepared
 * statements — a migration applied while ogid runs: a column, table or
 * function they name is gone (42703, 42P01, 42883, 42P10), a cached plan's
 * result type changed (0A000) or a statement is no longer prepared (26000).
 * Statements are prepared on connect, so our own SQL cannot fail so later.
 * Drop the connection (ogi_db_drop): the next one prepares them again, and
 * serves if the new schema is compatible. */
bool ogi_db_schema_changed(const struct ogi_db *db);
/* Closes the connection, keeping the last failure; ogi_db_ensure opens a new one. */
void ogi_db_drop(struct ogi_db *db);

/* The transaction runner: BEGIN, fn(db, cls), COMMIT.  fn returns 0 to
 * commit, OGI_DB_SOFT/HARD on a database failure, or a positive value (an
 * application error, e.g. an enum ogi_error) to roll back and return that
 * value.  Soft failures are retried up to 5 times with the whole fn rerun,
 * so fn must not have effects outside the database.  Always rolls back on
 * failure.  `what` names the transaction in log lines. */
int ogi_db_tx(struct ogi_db *db, const char *what, int (*fn)(struct ogi_db *, void *), void *cls);
/* A transaction that spans several calls of the caller, for what cannot be
 * rerun (a file streaming in: ogid's upload): BEGIN (read committed) and
 * COMMIT; 0 or a status < 0.  Never retried; ogi_db_rollback ends it on
 * failure.  ogi_db_tx is the runner for everything else. */
int ogi_db_begin(struct ogi_db *db);
int ogi_db_commit(struct ogi_db *db);
/* Whether a transaction is open on the connection (tx() checks none is left). */
bool ogi_db_in_tx(const struct ogi_db *db);
/* Rolls back whatever is open (for a caller that found one left open). */
void ogi_db_rollback(struct ogi_db *db);
/* Sends "SELECT 1": 0 when the server answers, else a status < 0. */
int ogi_db_ping(struct ogi_db *db);

/* Where lib/db's own lines go (a statement that failed to prepare, a
 * transaction that failed): lib/db never writes to stderr itself.  NULL
 * (the default) drops them.  Set once, before connections are used. */
void ogi_db_set_logger(void (*fn)(const char *line));

/* Plan modes (struct ogi_statement in lib/db/pq.h).  True when sql has a
 * filter a parameter switches on or off ("$3::text IS NULL OR …") or a
 * branch a parameter chooses ("CASE WHEN $2::bool …"): its best plan depends
 * on the parameters, so it is planned at each execution. */
bool ogi_db_sql_param_dependent(const char *sql);
/* How many statements run on cached generic plans; *refused (when not NULL)
 * the first statement marked generic that is refused because it is
 * parameter-dependent, or NULL. */
size_t ogi_db_generic_statements(const char **refused);
/* Whether statement name runs on a cached generic plan. */
bool ogi_db_statement_generic(const char *name);

#endif
