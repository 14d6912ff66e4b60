/* Connections, prepared statements and the transaction runner (see db.h). */
#include "lib/db/pq.h"
#include "lib/redact.h"

#include <ctype.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void (*logger)(const char *line);

void ogi_db_set_logger(void (*fn)(const char *line))
{
	logger = fn;
}

void ogi_db_log(const char *fmt, ...)
{
	if (logger == NULL)
		return;
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	logger(buf);
}

static const struct ogi_statement *const areas[] = {
    ogi_db_statements_bodies,
    ogi_db_statements_users,
    ogi_db_statements_sessions,
    ogi_db_statements_throttles,
    ogi_db_statements_audit,
    ogi_db_statements_requests,
    ogi_db_statements_idempotency,
    ogi_db_statements_lists,
    ogi_db_statements_calendar,
    ogi_db_statements_reports,
    ogi_db_statements_fees,
    ogi_db_statements_consultations,
    ogi_db_statements_reconsiderations,
    ogi_db_statements_litigations,
    ogi_db_statements_remedy_reads,
    ogi_db_statements_letters,
    ogi_db_statements_attachments,
    ogi_db_statements_applicants,
    ogi_db_statements_casefile,
    ogi_db_statements_online,
    ogi_db_statements_assignment,
    ogi_db_statements_reminders,
    ogi_db_statements_pii,
    ogi_db_statements_dashboard,
    ogi_db_statements_register,
    ogi_db_statements_register_jobs,
    NULL,
};

enum { PLAN_UNKNOWN = -1, PLAN_CUSTOM = 0, PLAN_AUTO = 1 };

static void statements_each(void (*fn)(const struct ogi_statement *st, void *cls), void *cls)
{
	for (size_t a = 0; areas[a] != NULL; a++)
		for (const struct ogi_statement *st = areas[a]; st->name != NULL; st++)
			fn(st, cls);
}

/* "$12" or "$12::text" or "$1::bigint[]" ending at s[*end]. */
static bool param_at(const char *s, size_t *end)
{
	size_t i = 0;
	if (s[i++] != '$' || !isdigit((unsigned char)s[i]))
		return false;
	while (isdigit((unsigned char)s[i]))
		i++;
	if (s[i] == ':' && s[i + 1] == ':') {
		i += 2;
		while (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '[' || s[i] == ']')
			i++;
	}
	*end = i;
	return true;
}

bool ogi_db_sql_param_dependent(const char *sql)
{
	for (const char *p = strchr(sql, '$'); p != NULL; p = strchr(p + 1, '$')) {
		size_t end;
		if (!param_at(p, &end))
			continue;
		if (strncmp(p + end, " IS NULL OR", 11) == 0 &&
		    !isalnum((unsigned char)p[end + 11]) && p[end + 11] != '_')
			return true;
		if (p - sql >= 5 && strncmp(p - 5, "WHEN ", 5) == 0)
			return true;
	}
	return false;
}

/* The names of the generic statements, sorted, found once. */
static const char **generic_names;
static size_t generic_count;
static const char *generic_refused;
static pthread_once_t generic_once = PTHREAD_ONCE_INIT;

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void count_generic(const struct ogi_statement *st, void *cls)
{
	if (st->generic && ogi_db_sql_param_dependent(st->sql)) {
		if (generic_refused == NULL)
			generic_refused = st->name;
	} else if (st->generic) {
		if (generic_names != NULL)
			generic_names[generic_count] = st->name;
		generic_count++;
	}
	(void)cls;
}

static void find_generic(void)
{
	statements_each(count_generic, NULL);
	size_t n = generic_count;
	generic_refused = NULL;
	generic_names = calloc(n > 0 ? n : 1, sizeof *generic_names);
	generic_count = 0;
	if (generic_names == NULL)
		return; /* then every statement is planned afresh: slower, still right */
	statements_each(count_generic, NULL);
	qsort(generic_names, generic_count, sizeof *generic_names, name_cmp);
}

size_t ogi_db_generic_statements(const char **refused)
{
	pthread_once(&generic_once, find_generic);
	if (refused != NULL)
		*refused = generic_refused;
	return generic_names != NULL ? generic_count : 0;
}

bool ogi_db_statement_generic(const char *stmt)
{
	pthread_once(&generic_once, find_generic);
	return generic_names != NULL && bsearch(&stmt, generic_names, generic_count,
	                                        sizeof *generic_names, name_cmp) != NULL;
}

static void note_error(struct ogi_db *db, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (msg == NULL)
		msg = PQerrorMessage(db->conn);
	snprintf(db->sqlstate, sizeof db->sqlstate, "%s", state ? state : "08000");
	snprintf(db->message, sizeof db->message, "%s", msg ? msg : "unknown error");
	char *nl = strchr(db->message, '\n');
	if (nl != NULL)
		*nl = '\0';
}

static int status_of_error(struct ogi_db *db)
{
	/* 40001 serialization_failure, 40P01 deadlock_detected: retry. */
	if (strcmp(db->sqlstate, "40001") == 0 || strcmp(db->sqlstate, "40P01") == 0)
		return OGI_DB_SOFT;
	return OGI_DB_HARD;
}

static bool prepare_all(struct ogi_db *db)
{
	for (size_t a = 0; areas[a] != NULL; a++) {
		for (const struct ogi_statement *st = areas[a]; st->name != NULL; st++) {
			PGresult *res = PQprepare(db->conn, st->name, st->sql, 0, NULL);
			if (PQresultStatus(res) != PGRES_COMMAND_OK) {
				note_error(db, res);
				ogi_db_log("ogi: error: preparing statement %s: %s", st->name,
				           db->message);
				PQclear(res);
				return false;
			}
			PQclear(res);
		}
	}
	return true;
}

static bool connect_db(struct ogi_db *db, bool prepare)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->in_tx = false;
	/* Over TCP a server that vanished without a word (a host down, a firewall) would
	 * leave a query waiting for hours: keepalives and a send timeout notice it within
	 * about half a minute.  The conninfo (a URL or key=value) comes last, so what the
	 * operator wrote there wins; Unix sockets ignore these. */
	const char *const keys[] = {"keepalives_idle",  "keepalives_interval",
	                            "keepalives_count", "tcp_user_timeout",
	                            "dbname",           NULL};
	const char *const values[] = {"10", "5", "3", "25000", db->conninfo, NULL};
	db->conn = PQconnectdbParams(keys, values, 1);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		note_error(db, NULL);
		return false;
	}
	/* custom plans: the optional filters (NULL = none) then fold away */
	PGresult *res = PQexec(db->conn, "SET TIME ZONE 'Asia/Shanghai'; "
	                                 "SET plan_cache_mode = force_custom_plan");
	PQclear(res);
	db->plan_mode = PLAN_CUSTOM;
	if (db->role != NULL) {
		/* a connection that serves requests: its role's privileges, and no statement
		 * (a runaway query) keeps a request waiting past a minute, nor a lock held
		 * elsewhere (a migration altering a table) past 15 s — longer than any wait of
		 * ogid's own (a letter's serial is held while it renders): 503, and the client
		 * retries */
		const char *params[] = {db->role};
		res = PQexecParams(db->conn,
		                   "SELECT set_config('role', $1, false), "
		                   "set_config('statement_timeout', '60s', false), "
		                   "set_config('lock_timeout', '15s', false)",
		                   1, NULL, params, NULL, NULL, 0);
		bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
		if (!ok)
			note_error(db, res);
		PQclear(res);
		if (!ok) {
			PQfinish(db->conn);
			db->conn = NULL;
			return false;
		}
	}
	if (prepare && !prepare_all(db)) {
		PQfinish(db->conn);
		db->conn = NULL;
		return false;
	}
	return true;
}

static struct ogi_db *db_open(const char *conninfo, const char *role, bool prepare)
{
	struct ogi_db *db = calloc(1, sizeof *db);
	if (db == NULL)
		return NULL;
	db->conninfo = strdup(conninfo ? conninfo : "");
	db->role = role ? strdup(role) : NULL;
	if (db->conninfo == NULL || (role != NULL && db->role == NULL)) {
		free(db->conninfo);
		free(db->role);
		free(db);
		return NULL;
	}
	connect_db(db, prepare);
	return db;
}

struct ogi_db *ogi_db_new(const char *conninfo)
{
	return db_open(conninfo, NULL, true);
}

struct ogi_db *ogi_db_new_unprepared(const char *conninfo)
{
	return db_open(conninfo, NULL, false);
}

struct ogi_db *ogi_db_new_as(const char *conninfo, const char *role)
{
	return db_open(conninfo, role, true);
}

struct ogi_db *ogi_db_new_unprepared_as(const char *conninfo, const char *role)
{
	return db_open(conninfo, role, false);
}

void ogi_db_free(struct ogi_db *db)
{
	if (db == NULL)
		return;
	if (db->conn != NULL)
		PQfinish(db->conn);
	free(db->conninfo);
	free(db->role);
	free(db);
}

bool ogi_db_ok(const struct ogi_db *db)
{
	return db != NULL && db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK;
}

bool ogi_db_ensure(struct ogi_db *db)
{
	if (db == NULL)
		return false;
	if (ogi_db_ok(db))
		return true;
	return connect_db(db, true);
}

bool ogi_db_usable(struct ogi_db *db)
{
	if (!ogi_db_ok(db))
		return false;
	struct pollfd pfd = {.fd = PQsocket(db->conn), .events = POLLIN};
	if (pfd.fd < 0)
		return false;
	if (poll(&pfd, 1, 0) <= 0)
		return true; /* nothing to read (or we cannot tell): the query will show */
	/* readable, hung up or in error while idle: the server is ending this session */
	PQfinish(db->conn);
	db->conn = NULL;
	db->in_tx = false;
	snprintf(db->sqlstate, sizeof db->sqlstate, "08006");
	snprintf(db->message, sizeof db->message, "the server closed the connection");
	return false;
}

static int result_status(struct ogi_db *db, PGresult *res, PGresult **out)
{
	ExecStatusType st = PQresultStatus(res);
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		int n = st == PGRES_TUPLES_OK ? PQntuples(res) : atoi(PQcmdTuples(res));
		if (out != NULL)
			*out = res;
		else
			PQclear(res);
		return n;
	}
	note_error(db, res);
	PQclear(res);
	if (out != NULL)
		*out = NULL;
	return status_of_error(db);
}

/* The plan mode stmt needs set on the connection (see struct ogi_statement). */
static int plan_for(struct ogi_db *db, const char *stmt)
{
	int want = ogi_db_statement_generic(stmt) ? PLAN_AUTO : PLAN_CUSTOM;
	if (db->plan_mode == want)
		return 0;
	int rc = result_status(db,
	                       PQexec(db->conn, want == PLAN_AUTO
	                                            ? "SET plan_cache_mode = auto"
	                                            : "SET plan_cache_mode = force_custom_plan"),
	                       NULL);
	if (rc < 0)
		return rc;
	db->plan_mode = want;
	return 0;
}

int ogi_db_exec(struct ogi_db *db, const char *stmt, int nparams, const char *const *params,
                PGresult **res)
{
	if (res != NULL)
		*res = NULL;
	if (!ogi_db_ok(db)) {
		snprintf(db->sqlstate, sizeof db->sqlstate, "08000");
		snprintf(db->message, sizeof db->message, "no connection");
		return OGI_DB_HARD;
	}
	int rc = plan_for(db, stmt);
	if (rc < 0)
		return rc;
	PGresult *r = PQexecPrepared(db->conn, stmt, nparams, params, NULL, NULL, 0);
	return result_status(db, r, res);
}

int ogi_db_exec_bin(struct ogi_db *db, const char *stmt, int nparams, const char *const *params,
                    const int *lengths, const int *formats, bool binary_result, PGresult **res)
{
	if (res != NULL)
		*res = NULL;
	if (!ogi_db_ok(db)) {
		snprintf(db->sqlstate, sizeof db->sqlstate, "08000");
		snprintf(db->message, sizeof db->message, "no connection");
		return OGI_DB_HARD;
	}
	int rc = plan_for(db, stmt);
	if (rc < 0)
		return rc;
	PGresult *r = PQexecPrepared(db->conn, stmt, nparams, params, lengths, formats,
	                             binary_result ? 1 : 0);
	return result_status(db, r, res);
}

int ogi_db_sql(struct ogi_db *db, const char *sql)
{
	if (!ogi_db_ok(db))
		return OGI_DB_HARD;
	if (strncmp(sql, "ROLLBACK", 8) == 0)
		db->plan_mode = PLAN_UNKNOWN; /* a SET in the transaction is undone */
	return result_status(db, PQexec(db->conn, sql), NULL);
}

int ogi_db_query(struct ogi_db *db, const char *sql, PGresult **res)
{
	*res = NULL;
	if (!ogi_db_ok(db)) {
		snprintf(db->sqlstate, sizeof db->sqlstate, "08000");
		snprintf(db->message, sizeof db->message, "no connection");
		return OGI_DB_HARD;
	}
	return result_status(db, PQexec(db->conn, sql), res);
}

int ogi_db_begin(struct ogi_db *db)
{
	int rc = ogi_db_sql(db, "BEGIN ISOLATION LEVEL READ COMMITTED");
	if (rc >= 0)
		db->in_tx = true;
	return rc < 0 ? rc : 0;
}

int ogi_db_commit(struct ogi_db *db)
{
	int rc = ogi_db_sql(db, "COMMIT");
	db->in_tx = false;
	return rc < 0 ? rc : 0;
}

int ogi_db_tx(struct ogi_db *db, const char *what, int (*fn)(struct ogi_db *, void *), void *cls)
{
	int rc = OGI_DB_HARD;
	for (int attempt = 0; attempt < 5; attempt++) {
		if (ogi_db_sql(db, "BEGIN ISOLATION LEVEL READ COMMITTED") < 0)
			return OGI_DB_HARD;
		db->in_tx = true;
		rc = fn(db, cls);
		if (rc == 0) {
			rc = ogi_db_sql(db, "COMMIT");
			db->in_tx = false;
			if (rc >= 0)
				return 0;
		} else {
			/* keep the error of fn, not of the rollback */
			char state[6], msg[512];
			memcpy(state, db->sqlstate, sizeof state);
			memcpy(msg, db->message, sizeof msg);
			ogi_db_sql(db, "ROLLBACK");
			memcpy(db->sqlstate, state, sizeof state);
			memcpy(db->message, msg, sizeof msg);
			db->in_tx = false;
		}
		if (rc != OGI_DB_SOFT)
			break;
		usleep((useconds_t)(1000 * (attempt + 1)));
	}
	if (rc == OGI_DB_HARD) {
		char message[sizeof db->message];
		ogi_redact(db->message, message, sizeof message); /* it may quote a value */
		ogi_db_log("ogi: error: transaction \"%s\" failed: %s (%s)", what, message,
		           db->sqlstate);
	}
	return rc;
}

const char *ogi_db_str(PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return NULL;
	return PQgetvalue(res, row, col);
}

long long ogi_db_int(PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return 0;
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

bool ogi_db_bool(PGresult *res, int row, int col)
{
	return !PQgetisnull(res, row, col) && PQgetvalue(res, row, col)[0] == 't';
}

const char *ogi_db_sqlstate(const struct ogi_db *db)
{
	return db != NULL ? db->sqlstate : "08000";
}

const char *ogi_db_message(const struct ogi_db *db)
{
	return db != NULL ? db->message : "out of memory";
}

bool ogi_db_outage(const struct ogi_db *db)
{
	return !ogi_db_ok(db) || strncmp(db->sqlstate, "08", 2) == 0 ||
	       strncmp(db->sqlstate, "57P", 3) == 0 || strcmp(db->sqlstate, "57014") == 0 ||
	       strcmp(db->sqlstate, "55P03") == 0 || strncmp(db->sqlstate, "53", 2) == 0;
}

bool ogi_db_full(const struct ogi_db *db)
{
	return db != NULL && strcmp(db->sqlstate, "53100") == 0;
}

bool ogi_db_schema_changed(const struct ogi_db *db)
{
	static const char *const states[] = {"42703", "42P01", "42883", "42P10", "0A000", "26000"};
	if (db == NULL)
		return false;
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		if (strcmp(db->sqlstate, states[i]) == 0)
			return true;
	return false;
}

void ogi_db_drop(struct ogi_db *db)
{
	if (db == NULL || db->conn == NULL)
		return;
	PQfinish(db->conn);
	db->conn = NULL;
	db->in_tx = false;
}

bool ogi_db_in_tx(const struct ogi_db *db)
{
	return db->in_tx || (db->conn != NULL && PQtransactionStatus(db->conn) != PQTRANS_IDLE &&
	                     PQtransactionStatus(db->conn) != PQTRANS_UNKNOWN);
}

void ogi_db_rollback(struct ogi_db *db)
{
	ogi_db_sql(db, "ROLLBACK");
	db->in_tx = false;
}

int ogi_db_ping(struct ogi_db *db)
{
	int n = ogi_db_sql(db, "SELECT 1");
	return n < 0 ? n : 0;
}
