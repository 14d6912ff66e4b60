/* libmicrohttpd's callbacks: the access handler (body accumulation with a
 * hard cap, dispatch through the route table) and request completion (the
 * access log line). */
#ifndef OGI_DAEMON_DISPATCH_H
#define OGI_DAEMON_DISPATCH_H

#include <microhttpd.h>

/* The access handler's cls for the --public-listen daemon (any other: the staff one). */
extern const int ogid_public_listener;
#include "daemon/core/ctx.h"

enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *upload_data,
                               size_t *upload_data_size, void **con_cls);
/* The route's part of a request, after its checks (authentication, the role, the
 * handler): what a worker runs (workers.h). */
enum MHD_Result dispatch_route(struct ctx *c);
void request_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                       enum MHD_RequestTerminationCode toe);

#endif
