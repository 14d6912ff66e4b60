/* The database connections of uploads (upload_db.c).  A file streams in over
 * many calls of libmicrohttpd's access handler, inside one transaction that
 * stays open meanwhile; a worker thread serves other connections between
 * those calls, and its own connection (dbconn.h) must stay free for them.  So
 * each upload holds a connection of its own, from a pool of at most
 * --max-uploads (ogid.max_uploads), kept open between uploads. */
#ifndef OGI_DAEMON_UPLOAD_DB_H
#define OGI_DAEMON_UPLOAD_DB_H

#include "daemon/core/ctx.h"
#include "lib/db/db.h"

/* A connection for one upload, up and with no transaction open; NULL after
 * replying 503 (uploads_busy with Retry-After when all are taken,
 * database_unavailable when the server is down) into *result. */
struct ogi_db *upload_db_take(struct ctx *c, enum MHD_Result *result);
/* Back to the pool after the upload (rolled back first if a transaction
 * is still open; closed if the server went away). */
void upload_db_give(struct ogi_db *db);

#endif
