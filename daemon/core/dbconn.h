/* The calling worker thread's database connection (dbconn.c). */
#ifndef OGI_DAEMON_DBCONN_H
#define OGI_DAEMON_DBCONN_H

#include "daemon/core/ctx.h"
#include "lib/db/db.h"

/* Opened lazily, statements prepared on connect; NULL (and a 503 sent via
 * *result) when the database is unreachable. */
struct ogi_db *thread_db(struct ctx *c, enum MHD_Result *result);

#endif
