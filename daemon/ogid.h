/* ogid's shared declarations: the request context, replies, routing and
 * the per-thread database connection. */
#ifndef OGID_H
#define OGID_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "domain.h"
#include "errors.h"
#include "spec.h"

#define OGI_MAX_BODY (1024 * 1024)
#define OGI_MAX_GRANTS 64

struct grant {
	long long body_id;
	enum ogi_role role;
	bool top_level; /* body_id has no parent */
};

struct auth {
	long long user_id; /* 0: anonymous */
	char username[72];
	bool via_cookie;
	long long session_id;
	int ngrants;
	struct grant grants[OGI_MAX_GRANTS];
};

struct route;

/* One HTTP request, from libmicrohttpd's first call to its completion. */
struct ctx {
	struct MHD_Connection *conn;
	const char *method;
	char path[512];
	const struct route *route;
	long long id;       /* the {id}-like integer of the path, if any */
	long long id2;      /* a second one (e.g. {year}/{body_id}) */
	long long id3;      /* a third (…/litigations/{id}/instances/{seq}) */
	char param[32];     /* a {date} segment */
	char *body;
	size_t body_len, body_cap;
	bool too_large;
	bool body_done;
	json_t *json; /* the parsed body, when the handler asked for it */
	unsigned int status;
	int64_t start_us;
	struct auth auth;
	bool english; /* Accept-Language prefers English */
	bool replayed; /* the answer is a stored one (Idempotency-Key): say so in a header */
	bool path_utf8; /* the whole decoded path (path may be cut short) is valid UTF-8 */
};

typedef enum MHD_Result (*handler_fn)(struct ctx *c);
/* Checks a JSON body as the endpoint's handler does before it touches the
 * database: the declarative spec and the rules beyond it.  The handler calls
 * the same code; the route table names it so that the fuzzer
 * (tests/fuzz/fuzz_specs.c) reaches every endpoint's input. */
typedef bool (*input_fn)(json_t *body, struct spec_errors *errs);

enum route_flags {
	ROUTE_PUBLIC = 1,   /* no session needed */
	ROUTE_JSON = 2,     /* the body is a JSON object: parse it before the handler */
	ROUTE_RAW_BODY = 4, /* the body is read but not parsed (imports) */
	ROUTE_ANY_ROLE = 8, /* signed in is enough, even without a role (own session, password) */
};

struct route {
	const char *method;
	const char *pattern; /* segments; {id} an integer > 0, {date} a date, {year} 1990–2100 */
	handler_fn handler;
	enum ogi_role role; /* the least role the caller must hold on some body */
	int flags;
	input_fn input; /* ROUTE_JSON: the body's checks (required for those) */
};

/* The route table, for the fuzzers and the check that every JSON route names its input. */
extern const struct route ogi_routes[];
extern const size_t ogi_nroutes;

/* http.c: replies.  Each returns what the MHD access handler returns. */
enum MHD_Result reply_json(struct ctx *c, unsigned int status, json_t *steal);
enum MHD_Result reply_json_etag(struct ctx *c, unsigned int status, json_t *steal, long long version,
				const char *location);
enum MHD_Result reply_problem(struct ctx *c, enum ogi_error code, const char *detail_fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum MHD_Result reply_invalid(struct ctx *c, const struct spec_errors *errs);
/* The problem document reply_invalid sends: titles, detail and one entry of
 * errors per field error (the fuzzer checks none is lost). */
json_t *invalid_json(const struct spec_errors *errs, bool english);
enum MHD_Result reply_bytes(struct ctx *c, unsigned int status, const char *content_type,
			    const void *data, size_t len, const char *cache_control);
enum MHD_Result reply_db_error(struct ctx *c, struct ogi_db *db);
enum MHD_Result reply_empty(struct ctx *c, unsigned int status);
/* A response for handlers that need extra headers; then queue_response, which adds
 * the common headers (security, no-store unless Cache-Control was set) to every response. */
struct MHD_Response *response_from_buffer(const void *data, size_t len, const char *content_type);
enum MHD_Result queue_response(struct ctx *c, unsigned int status, struct MHD_Response *r);

/* Parses c->body as a JSON object against spec; on failure replies (400) and
 * returns false, so the handler returns *result. */
bool parse_body(struct ctx *c, const struct spec *spec, enum MHD_Result *result);

const char *header(struct ctx *c, const char *name);
const char *query(struct ctx *c, const char *name);
/* The version an If-Match header names ("7" or W/"7"): 0 when there is no
 * If-Match; -1 after adding the header's error to errs when it names no
 * version.  whose_zh / whose_en say whose ETag it must be ("请求",
 * "the request's"). */
long long if_match(struct ctx *c, struct spec_errors *errs, const char *whose_zh,
		   const char *whose_en);

/* db_thread.c: the calling worker thread's connection, opened lazily;
 * NULL (and a 503 sent via *result) when the database is unreachable. */
struct ogi_db *thread_db(struct ctx *c, enum MHD_Result *result);
void thread_db_close(void);

/* auth.c */
bool auth_load(struct ctx *c, struct ogi_db *db, enum MHD_Result *result);
/* True when the caller holds at least role on body_id (or an ancestor). The path
 * is the body's ancestors from the root, as stored in bodies.path. */
bool auth_allows(const struct auth *a, const long long *path, int npath, enum ogi_role role);
/* Checks the caller's role on a body by id, loading its path.  On refusal
 * replies 404 (existence is not leaked) and returns false. */
bool require_body(struct ctx *c, struct ogi_db *db, long long body_id, enum ogi_role role,
		  enum MHD_Result *result);
/* The ids of bodies where the caller holds at least role, as a PostgreSQL
 * array literal "{1,5}" for subtree filters (path && $n). */
void auth_roots(const struct auth *a, enum ogi_role role, char *out, size_t len);
/* The same for the grants of exactly the roles in a mask of (1u << role) bits: the auditor
 * role is read-only and outside the clerk < … < admin order ("auditor or admin"). */
void auth_roots_holding(const struct auth *a, unsigned roles, char *out, size_t len);
bool auth_has_role(const struct auth *a, enum ogi_role role);
/* Adds the grants of a session_lookup / token_lookup result to a. */
void auth_grants_read(struct auth *a, PGresult *res);
/* Whether the caller may change the working-day calendar: it is one for the whole
 * deployment, so only an admin of a top-level body may (not a street office's). */
bool auth_calendar_admin(const struct auth *a);
/* The Origin check of state-changing requests (see auth.c); required for cookies. */
bool origin_ok(struct ctx *c, bool required);

/* routes.c */
const struct route *route_match(const char *method, const char *path, struct ctx *c,
				char *allow, size_t allow_len, bool *path_known);

/* conn_guard.c: the per-request deadline (see there).  guard_notify is
 * libmicrohttpd's connection callback; the access handler says when a
 * request has arrived whole, request_completed when it was answered. */
void guard_start(unsigned int request_timeout_seconds);
void guard_stop(void);
void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
		  enum MHD_ConnectionNotificationCode code);
void guard_request_received(struct MHD_Connection *conn);
void guard_request_done(struct MHD_Connection *conn);
long long guard_cut_total(void);       /* connections closed for missing the deadline */
long long guard_open_connections(void); /* HTTP connections open now */

/* globals set by main.c (defined in http.c) */
struct ogid_config {
	const char *conninfo;
	const char *db_role; /* the database role requests run as: "ogi_app" */
	const char *data_dir;
	bool embedded;
	int session_idle_seconds;
	volatile int shutting_down;
};
extern struct ogid_config ogid;

int64_t now_us(void);
void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
