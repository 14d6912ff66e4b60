/* The transaction runner and the replies to database failures (see tx.h). */
#include "daemon/core/tx.h"

#include <string.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/log.h"
#include "daemon/core/reply.h"
#include "lib/redact.h"

/* A statement failed because the schema changed under it (a migration applied while ogid
 * runs): the connection goes, and a new one prepares the statements again at once.  False
 * when they cannot be prepared on the new schema: an incompatible one. */
static bool reprepare(struct ctx *c, struct ogi_db *db)
{
	char message[512];
	ogi_redact(ogi_db_message(db), message, sizeof message);
	log_line("ogid: warning: %s: the database's schema changed under a prepared statement "
	         "(%s: %s); reconnecting",
	         c->method, ogi_db_sqlstate(db), message);
	ogi_db_drop(db);
	return ogi_db_ensure(db);
}

enum MHD_Result reply_db_error(struct ctx *c, struct ogi_db *db)
{
	if (ogi_db_schema_changed(db)) {
		if (reprepare(c, db))
			return reply_problem(c, OGI_E_SCHEMA_CHANGED, NULL);
		return reply_problem(c, OGI_E_SCHEMA_INCOMPATIBLE, NULL);
	}
	if (ogi_db_full(db))
		return reply_problem(c, OGI_E_DATABASE_FULL, NULL);
	if (ogi_db_outage(db))
		return reply_problem(c, OGI_E_DATABASE_UNAVAILABLE, NULL);
	char path[sizeof c->path], message[512];
	ogi_redact(c->path, path, sizeof path);
	ogi_redact(ogi_db_message(db), message, sizeof message);
	log_line("ogid: error: %s %s: database: %s (%s)", c->method, path, message,
	         ogi_db_sqlstate(db));
	return reply_problem(c, OGI_E_INTERNAL, NULL);
}

enum MHD_Result reply_status(struct ctx *c, struct ogi_db *db, int rc)
{
	if (rc < 0)
		return reply_db_error(c, db);
	if (rc == OGI_E_INVALID_INPUT && c->errs != NULL && c->errs->n > 0)
		return reply_invalid(c, c->errs);
	if (ogi_error_info((enum ogi_error)rc)->code != (enum ogi_error)rc) {
		log_bug("%s: status %d is no error code", c->method, rc);
		return reply_problem(c, OGI_E_INTERNAL, NULL);
	}
	return reply_problem(c, (enum ogi_error)rc, "%s", c->detail);
}

bool tx(struct ctx *c, const char *what, int (*fn)(struct ogi_db *db, void *cls), void *cls,
        enum MHD_Result *result)
{
	struct ogi_db *db = thread_db(c, result);
	if (db == NULL)
		return false;
	c->detail[0] = '\0';
	int rc = ogi_db_tx(db, what, fn, cls);
	if (ogi_db_in_tx(db)) {
		log_bug("transaction \"%s\" left open", what);
		ogi_db_rollback(db);
	}
	if (rc < 0 && ogi_db_schema_changed(db)) {
		/* the transaction was rolled back: once more on a connection prepared anew, so a
		   compatible migration goes unnoticed by the client */
		if (!reprepare(c, db)) {
			*result = reply_problem(c, OGI_E_SCHEMA_INCOMPATIBLE, NULL);
			return false;
		}
		c->detail[0] = '\0';
		rc = ogi_db_tx(db, what, fn, cls);
		if (ogi_db_in_tx(db))
			ogi_db_rollback(db);
	}
	if (rc == 0)
		return true;
	*result = reply_status(c, db, rc);
	return false;
}
