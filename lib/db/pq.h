/* Private to lib/db: the connection's inside, raw prepared statements,
 * parameters and columns read by name.  Nothing outside lib/db includes it
 * (tests/layout checks).  An area file (requests.c, users.c, …) defines its
 * statement table and typed functions over it with these. */
#ifndef OGI_DB_PQ_H
#define OGI_DB_PQ_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"
#include "lib/db/db.h"

/* A statement of an area.  Connections plan every execution afresh
 * (plan_cache_mode = force_custom_plan), so that the optional filters of the
 * lists ("$n IS NULL OR …") fold away for the parameters given.  A statement
 * marked generic — a lookup by key on the hot path (a session, a token, a
 * request, its events), whose best plan is the same for every parameter —
 * runs under plan_cache_mode = auto instead: after five executions the
 * connection keeps its generic plan and stops planning it.  The mode is
 * switched (one SET) only when the next statement needs the other one.  A
 * statement with an optional filter or a parameter-chosen branch
 * (ogi_db_sql_param_dependent, db.h) is never run generic, marked or not
 * (tests/unit/test_db_plans). */
struct ogi_statement {
	const char *name;
	const char *sql;
	bool generic;
};

struct ogi_db {
	PGconn *conn;
	char *conninfo;
	char *role; /* SET ROLE on every (re)connection, or NULL */
	bool in_tx;
	int plan_mode;     /* the connection's plan_cache_mode: 0 custom, 1 auto, -1 not known */
	char sqlstate[6];  /* of the last failed call */
	char message[512]; /* of the last failed call, one line */
};

/* A line for the logger set with ogi_db_set_logger (printf-like). */
void ogi_db_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs a prepared statement with text parameters (NULL = SQL NULL).
 * On success returns the row count and sets *res (caller PQclear()s it; res
 * may be NULL to discard).  On failure returns OGI_DB_HARD/SOFT, *res NULL. */
int ogi_db_exec(struct ogi_db *db, const char *stmt, int nparams, const char *const *params,
                PGresult **res);
/* The same with parameters in libpq's binary or text format (formats[i] 1 or 0,
 * lengths[i] the binary ones' bytes) and, when binary_result, the columns in
 * binary: for bytes (bytea) that would double as text. */
int ogi_db_exec_bin(struct ogi_db *db, const char *stmt, int nparams, const char *const *params,
                    const int *lengths, const int *formats, bool binary_result, PGresult **res);
/* Runs literal SQL without parameters (for BEGIN/COMMIT and migrations). */
int ogi_db_sql(struct ogi_db *db, const char *sql);
/* The same with its rows, for what runs before statements are prepared (a
 * database that may not hold ogi's schema yet): as ogi_db_exec. */
int ogi_db_query(struct ogi_db *db, const char *sql, PGresult **res);

/* The parameters of one statement in libpq's text format.  Numbers and
 * dates are formatted into the struct; strings are not copied and must
 * outlive the call. */
#define PQ_PARAMS_MAX 40
struct pq_params {
	int n;
	const char *v[PQ_PARAMS_MAX];
	char text[PQ_PARAMS_MAX][24];
};
void pq_int(struct pq_params *p, long long v);
void pq_str(struct pq_params *p, const char *s); /* NULL: SQL NULL */
void pq_bool(struct pq_params *p, bool v);
void pq_date(struct pq_params *p, ogi_date d); /* OGI_DATE_NONE: SQL NULL */
void pq_null(struct pq_params *p);
/* An integer, or SQL NULL when absent. */
void pq_int_opt(struct pq_params *p, bool present, long long v);
/* A bigint[] of n ids ("{1,5}"), formatted into buf (which must outlive the
 * call; 24 bytes an id is enough). */
void pq_ids(struct pq_params *p, const long long *ids, int n, char *buf, size_t len);
/* Runs stmt with p (NULL: none); as ogi_db_exec. */
int pq_run(struct ogi_db *db, const char *stmt, const struct pq_params *p, PGresult **res);

/* Columns by name.  A name the statement does not return is our bug: it is
 * logged and reads as NULL. */
bool pq_isnull(const PGresult *res, int row, const char *col);
const char *pq_get(const PGresult *res, int row, const char *col);  /* NULL when SQL NULL */
long long pq_getint(const PGresult *res, int row, const char *col); /* 0 when NULL */
bool pq_getbool(const PGresult *res, int row, const char *col);     /* false when NULL */
ogi_date pq_getdate(const PGresult *res, int row, const char *col); /* OGI_DATE_NONE when NULL */
/* A numeric column of yuan as fen (12.5 → 1250); 0 when NULL. */
long long pq_getfen(const PGresult *res, int row, const char *col);
/* Copies a text column into out (empty when NULL). */
void pq_copy(const PGresult *res, int row, const char *col, char *out, size_t len);
/* A timestamptz column into out in RFC 3339 (lib/timestamp.h; empty when NULL):
 * every time ogi gives comes through here. */
void pq_copy_time(const PGresult *res, int row, const char *col, char *out, size_t len);
/* A bigint[] column ("{1,5}") into out (up to max ids); the count (0 when NULL). */
int pq_getids(const PGresult *res, int row, const char *col, long long *out, int max);

/* Value helpers by column number (older area files). */
const char *ogi_db_str(PGresult *res, int row, int col); /* NULL when SQL NULL */
long long ogi_db_int(PGresult *res, int row, int col);   /* 0 when NULL */
bool ogi_db_bool(PGresult *res, int row, int col);

/* Statement tables of each area, ending with {NULL, NULL}; db.c lists them all. */
extern const struct ogi_statement ogi_db_statements_bodies[];
extern const struct ogi_statement ogi_db_statements_users[];
extern const struct ogi_statement ogi_db_statements_sessions[];
extern const struct ogi_statement ogi_db_statements_throttles[];
extern const struct ogi_statement ogi_db_statements_audit[];
extern const struct ogi_statement ogi_db_statements_requests[];
extern const struct ogi_statement ogi_db_statements_idempotency[];
extern const struct ogi_statement ogi_db_statements_lists[];
extern const struct ogi_statement ogi_db_statements_calendar[];
extern const struct ogi_statement ogi_db_statements_reports[];
extern const struct ogi_statement ogi_db_statements_fees[];
extern const struct ogi_statement ogi_db_statements_consultations[];
extern const struct ogi_statement ogi_db_statements_reconsiderations[];
extern const struct ogi_statement ogi_db_statements_litigations[];
extern const struct ogi_statement ogi_db_statements_remedy_reads[];
extern const struct ogi_statement ogi_db_statements_letters[];
extern const struct ogi_statement ogi_db_statements_attachments[];
extern const struct ogi_statement ogi_db_statements_applicants[];
extern const struct ogi_statement ogi_db_statements_casefile[];
extern const struct ogi_statement ogi_db_statements_online[];
extern const struct ogi_statement ogi_db_statements_assignment[];
extern const struct ogi_statement ogi_db_statements_reminders[];
extern const struct ogi_statement ogi_db_statements_pii[];
extern const struct ogi_statement ogi_db_statements_dashboard[];
extern const struct ogi_statement ogi_db_statements_register[];
extern const struct ogi_statement ogi_db_statements_register_jobs[];

#endif
