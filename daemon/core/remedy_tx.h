/* The glue of the remedy routes (reconsideration*.c, litigation*.c,
 * instance*.c), needing a request context and a connection: the request a
 * record belongs to, the If-Match check, and inside a transaction saving a
 * record after a change — its rules (lib/remedies.h), the year lock, the
 * row and its audit rows.  Each
 * returns 0, a positive enum ogi_error with c->detail (or for
 * OGI_E_INVALID_INPUT the field errors in c->errs), or a status < 0. */
#ifndef OGI_DAEMON_REMEDY_TX_H
#define OGI_DAEMON_REMEDY_TX_H

#include <stdbool.h>

#include "daemon/core/ctx.h"
#include "lib/db/db.h"
#include "lib/remedies.h"

/* Request c->id for a caller who needs role on its body, locked until the
 * transaction ends when lock: OGI_E_NOT_FOUND, OGI_E_FORBIDDEN or 0 with
 * what the records' rules read of it in *out. */
int remedy_owner_load(struct ogi_db *db, struct ctx *c, bool lock, enum ogi_role role,
                      struct ogi_remedy_owner *out);

/* 412 when the client's If-Match (if_match > 0) names another version. */
int remedy_stale(struct ctx *c, long long if_match, long long version);

/* Who changes a record of which request, and the reasons the body gave. */
struct remedy_change {
	struct ctx *c;
	const struct ogi_remedy_owner *owner;
	const char *correction_reason; /* a reason to change a recorded decision, or NULL */
	const char *override_reason;   /* an admin's reason to record into a locked year, or NULL */
};

/* Saves reconsideration r after a change from before (as stored; NULL for a
 * new one, then inserted): checks it, writes nothing when nothing changed,
 * else passes the year lock, writes it and its audit row.  r is then the
 * stored row. */
int reconsideration_save(struct ogi_db *db, const struct remedy_change *ch,
                         const struct ogi_reconsideration *before, struct ogi_reconsideration *r);

/* Litigation c->id2 of request c->id with its instances into out, locked
 * until the transaction ends: OGI_E_NOT_FOUND, 412 when the client's
 * If-Match names another version, or 0. */
int litigation_open(struct ogi_db *db, struct ctx *c, long long if_match,
                    struct ogi_litigation *out);

/* What a change of a litigation was. */
enum litigation_op {
	LIT_FILE,        /* a new litigation with its first instance */
	LIT_CHANGE,      /* the litigation's own fields */
	INSTANCE_FILE,   /* a new instance (the last of l) */
	INSTANCE_CHANGE, /* instance `changed` */
};

/* Saves litigation l after op changed it from before (as stored; NULL for
 * LIT_FILE); changed: the index of the instance filed or changed (−1 for
 * none).  Checks the whole litigation against the request's
 * reconsiderations, writes nothing when a change changed nothing, else
 * passes the year lock and writes the litigation and every instance that is
 * new or changed, each with its audit row.  l is then as stored. */
int litigation_save(struct ogi_db *db, const struct remedy_change *ch, enum litigation_op op,
                    const struct ogi_litigation *before, struct ogi_litigation *l, int changed);

/* Internal to remedy_tx.c and litigation_tx.c: the audit row of a change
 * (the fields that differ, old and new; before NULL for a new record) and
 * the year lock over what it does to table 四 (before NULL for a new record). */
int remedy_audit(struct ogi_db *db, struct ctx *c, const char *entity, long long id, json_t *before,
                 json_t *after, const char *reason);
int remedy_guard(struct ogi_db *db, const struct remedy_change *ch, const char *subject,
                 const struct ogi_remedy_count *before, ogi_date before_filed,
                 const struct ogi_remedy_count *after, ogi_date after_filed);

#endif
