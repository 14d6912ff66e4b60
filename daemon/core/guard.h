/* The per-request deadline and the connection count (guard.c). */
#ifndef OGI_DAEMON_GUARD_H
#define OGI_DAEMON_GUARD_H

#include <microhttpd.h>
#include <stdbool.h>

/* guard.c: the per-request deadline (see there).  guard_notify is
 * libmicrohttpd's connection callback; the access handler says when a
 * request has arrived whole, request_completed when it was answered. */
/* max_connections and max_per_address (0: none) are ogid's limits: a
 * connection opened past either is kept only to answer its request 503
 * overloaded with Retry-After and Connection: close (libmicrohttpd's own,
 * higher limits (half as high again) close a
 * connection without a word). */
void guard_start(unsigned int request_timeout_seconds, unsigned int max_connections,
                 unsigned int max_per_address);
void guard_stop(void);
void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code);
void guard_request_received(struct MHD_Connection *conn);
void guard_request_done(struct MHD_Connection *conn);
/* Whether conn was opened past a limit (counted once per request asked). */
bool guard_over_limit(struct MHD_Connection *conn);
/* A connection past the limits that sends no request within this is closed. */
#define OGID_OVER_LIMIT_GRACE_US 1000000
long long guard_over_total(void);       /* requests answered 503 for it */
long long guard_cut_total(void);        /* connections closed for missing the deadline */
long long guard_open_connections(void); /* HTTP connections open now */

#endif
