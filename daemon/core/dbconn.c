/* One libpq connection per worker thread, opened lazily, statements
 * prepared on connect, running as the role ogi_app (ogid.db_role), and
 * re-opened after the server restarts: a connection the server closed while
 * it sat idle is noticed before it is used, so the first request after the
 * database comes back is served, not failed.  While the database is
 * unreachable requests get 503 problem+json at once (at most ten
 * reconnection attempts a second per thread). */
#include <pthread.h>
#include <stdlib.h>

#include "daemon/core/config.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/log.h"
#include "daemon/core/reply.h"

static __thread struct ogi_db *thread_conn;
static __thread int64_t last_attempt_us;
static pthread_key_t conn_key;
static pthread_once_t conn_once = PTHREAD_ONCE_INIT;

/* A worker thread's connection is closed when the thread ends. */
static void conn_destroy(void *db)
{
	ogi_db_free(db);
}

static void conn_key_create(void)
{
	pthread_key_create(&conn_key, conn_destroy);
}

struct ogi_db *thread_db(struct ctx *c, enum MHD_Result *result)
{
	if (thread_conn == NULL) {
		thread_conn = ogi_db_new_as(ogid.conninfo, ogid.db_role);
		pthread_once(&conn_once, conn_key_create);
		pthread_setspecific(conn_key, thread_conn);
		if (thread_conn == NULL) {
			*result = reply_problem(c, OGI_E_INTERNAL, "out of memory");
			return NULL;
		}
		last_attempt_us = now_us();
		if (ogi_db_ok(thread_conn))
			return thread_conn;
	} else if (ogi_db_usable(thread_conn)) {
		return thread_conn;
	} else if (now_us() - last_attempt_us > 100000) {
		/* at most ten reconnection attempts a second per thread */
		last_attempt_us = now_us();
		if (ogi_db_ensure(thread_conn))
			return thread_conn;
	}
	/* up, but the statements do not prepare on its schema (a migration ogid cannot work with):
	   tried again like an outage, so ogid serves by itself once the schema is compatible */
	*result = reply_problem(c,
	                        ogi_db_schema_changed(thread_conn) ? OGI_E_SCHEMA_INCOMPATIBLE
	                                                           : OGI_E_DATABASE_UNAVAILABLE,
	                        NULL);
	return NULL;
}
