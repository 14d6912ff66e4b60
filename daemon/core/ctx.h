/* The floor of ogid: one HTTP request's context, from libmicrohttpd's first
 * call to its completion, and who is calling.  Includes nothing else of the
 * daemon. */
#ifndef OGI_DAEMON_CTX_H
#define OGI_DAEMON_CTX_H

#include <jansson.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/account.h"
#include "lib/domain.h"
#include "lib/spec.h"

#define OGI_MAX_BODY   (1024 * 1024)
#define OGI_MAX_GRANTS OGI_SESSION_GRANTS_MAX

struct auth {
	long long user_id; /* 0: anonymous */
	char username[OGI_USERNAME_SIZE];
	bool via_cookie;
	long long session_id;
	int ngrants;
	struct ogi_grant grants[OGI_MAX_GRANTS];
};

struct route;

struct ctx {
	struct MHD_Connection *conn;
	const char *method;
	char path[512];
	const struct route *route;
	long long id;   /* the {id}-like integer of the path, if any */
	long long id2;  /* a second one (e.g. {year}/{body_id}) */
	long long id3;  /* a third (…/litigations/{id}/instances/{seq}) */
	char param[64]; /* a {date} or {token} segment */
	char *body;
	size_t body_len, body_cap;
	bool too_large;
	bool body_done;
	bool streaming; /* the body goes to the route's stream (ROUTE_STREAM), not to body */
	void *stream;   /* the streaming route's state, released by its release step */
	json_t *json;   /* the parsed body, when the route takes JSON */
	unsigned int status;
	int64_t start_us;
	struct auth auth;
	bool english;   /* Accept-Language prefers English */
	bool replayed;  /* the answer is a stored one (Idempotency-Key): say so in a header */
	bool path_utf8; /* the whole decoded path (path may be cut short) is valid UTF-8 */
	/* what libmicrohttpd's URI callback saw of the request line before decoding it
	   (http_check.c): its length, and whether it was seen at all */
	bool raw_uri_seen;
	size_t raw_uri_len, raw_path_len;
	int uri_control;  /* a control character in it, raw or %XX: 0 none, 1 the path, 2 the query
	                   */
	bool started;     /* the access handler has been called for this request */
	bool public_only; /* it came to the --public-listen address: the public channel only */
	bool close_after; /* answer with Connection: close (a request we cannot trust the framing
	                     of) */
	/* who sent it (peer.c): the client's address, the host it asked for and whether over
	   https — the peer's own, or what a trusted reverse proxy says */
	struct {
		char address[64];
		char host[256];
		bool https;
		bool proxied;
	} peer;
	/* what a transaction (tx.h) that refused says: the problem's detail, and for
	   OGI_E_INVALID_INPUT the field errors (the route points errs at its own) */
	char detail[512];
	struct spec_errors *errs;
	/* handed to a worker thread (workers.h): while deferred, queue_response keeps the
	   response here and the access handler queues it once the connection is resumed */
	bool handed_off, deferred;
	struct MHD_Response *response;
	struct ctx *next_job;
	int64_t queued_us;
	int read_replica; /* the standby read_db chose (replica.h), or -1: the primary */
};

const char *header(struct ctx *c, const char *name);
const char *query(struct ctx *c, const char *name);
/* The version an If-Match header names ("7" or W/"7"): 0 when there is no
 * If-Match; IF_MATCH_NO_VERSION for a well-formed tag that no
 * version has ("0"), which a caller refuses as stale (412) like any other old
 * version; -1 after adding the header's error to errs when it is no entity
 * tag of ogi's.  whose_zh / whose_en say whose ETag it must be ("请求",
 * "the request's"). */
#define IF_MATCH_NO_VERSION LLONG_MAX
long long if_match(struct ctx *c, struct spec_errors *errs, const char *whose_zh,
                   const char *whose_en);
/* Writes the detail a refusing transaction gives its problem (c->detail). */
void ctx_detail(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
