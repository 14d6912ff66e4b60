/* The transaction runner of route files (Taler's TEH_DB_run_transaction):
 * one call wraps the thread's connection, lib/db's ogi_db_tx and the
 * mapping of its status to a reply. */
#ifndef OGI_DAEMON_TX_H
#define OGI_DAEMON_TX_H

#include "daemon/core/ctx.h"
#include "lib/db/db.h"

/* fn's contract is ogi_db_tx's (lib/db/db.h): 0 commits; OGI_DB_SOFT/HARD
 * roll back (soft ones rerun fn, so fn has no effect outside the database);
 * a positive enum ogi_error rolls back and is the answer.
 *
 * Returns true when fn's work committed; the route goes on to reply.
 * Otherwise tx has replied and *result is what the route returns:
 *   - the database unreachable, restarting or timed out: 503 with Retry-After;
 *   - a positive enum ogi_error: that problem, with c->detail (ctx_detail) as
 *     its detail, or for OGI_E_INVALID_INPUT the field errors in c->errs;
 *   - a hard failure of ours: 500, logged with what and the SQL state.
 * After it the connection holds no open transaction (checked: a route
 * that left one open is a bug, logged, and the connection rolled back). */
bool tx(struct ctx *c, const char *what, int (*fn)(struct ogi_db *db, void *cls), void *cls,
        enum MHD_Result *result);

/* The reply to a failed database call outside tx (a read without a
 * transaction): 503 for an outage, otherwise 500, logged. */
enum MHD_Result reply_db_error(struct ctx *c, struct ogi_db *db);
/* The reply to status rc of a call or a transaction that did not succeed (rc != 0): as tx's. */
enum MHD_Result reply_status(struct ctx *c, struct ogi_db *db, int rc);

#endif
