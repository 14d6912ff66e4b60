/* The pool of upload connections (see upload_db.h). */
#include "daemon/core/upload_db.h"

#include <pthread.h>
#include <stdlib.h>

#include "daemon/core/config.h"
#include "daemon/core/reply.h"

#define POOL_MAX 1000 /* --max-uploads at most */

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ogi_db *idle[POOL_MAX];
static int nidle, nout;

struct ogi_db *upload_db_take(struct ctx *c, enum MHD_Result *result)
{
	struct ogi_db *db = NULL;
	bool room = false;
	pthread_mutex_lock(&pool_lock);
	if (nidle > 0)
		db = idle[--nidle];
	room = db != NULL || nout + nidle < ogid.max_uploads;
	if (room)
		nout++;
	pthread_mutex_unlock(&pool_lock);
	if (!room) {
		*result = reply_retry_after(c, OGI_E_UPLOADS_BUSY, 5);
		return NULL;
	}
	if (db == NULL)
		db = ogi_db_new_as(ogid.conninfo, ogid.db_role);
	if (db != NULL && (ogi_db_usable(db) || ogi_db_ensure(db)))
		return db;
	upload_db_give(db);
	*result = reply_problem(c, db ? OGI_E_DATABASE_UNAVAILABLE : OGI_E_INTERNAL, NULL);
	return NULL;
}

void upload_db_give(struct ogi_db *db)
{
	if (db != NULL && ogi_db_in_tx(db))
		ogi_db_rollback(db);
	pthread_mutex_lock(&pool_lock);
	nout--;
	if (db != NULL && ogi_db_ok(db) && nidle < POOL_MAX) {
		idle[nidle++] = db;
		db = NULL;
	}
	pthread_mutex_unlock(&pool_lock);
	ogi_db_free(db); /* a connection the server closed: a new one next time */
}
