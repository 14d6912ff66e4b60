/* lib/db for LISTEN/NOTIFY: a connection that waits to be told a table
 * changed (the calendar's triggers NOTIFY; every ogid listens).  libpq's
 * socket and notification queue stay inside lib/db. */
#ifndef OGI_DB_NOTIFY_H
#define OGI_DB_NOTIFY_H

#include "lib/db/db.h"

/* LISTENs on channel (an identifier, quoted here) on this connection.
 * 0, or a status < 0. */
int ogi_db_listen(struct ogi_db *db, const char *channel);

/* Waits up to timeout_ms for notifications on the channels this connection
 * listens on.  Returns how many arrived (all of them are taken: each wait
 * reports only new ones), 0 when none did in time (or the wait was
 * interrupted), or OGI_DB_HARD when the connection broke: open a new one and
 * listen again, as anything may have changed meanwhile. */
int ogi_db_wait_notify(struct ogi_db *db, int timeout_ms);

#endif
