/* The per-request deadline and the connection count (guard.c). */
#ifndef OGI_DAEMON_GUARD_H
#define OGI_DAEMON_GUARD_H

#include <microhttpd.h>

/* guard.c: the per-request deadline (see there).  guard_notify is
 * libmicrohttpd's connection callback; the access handler says when a
 * request has arrived whole, request_completed when it was answered. */
void guard_start(unsigned int request_timeout_seconds);
void guard_stop(void);
void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code);
void guard_request_received(struct MHD_Connection *conn);
void guard_request_done(struct MHD_Connection *conn);
long long guard_cut_total(void);        /* connections closed for missing the deadline */
long long guard_open_connections(void); /* HTTP connections open now */

#endif
