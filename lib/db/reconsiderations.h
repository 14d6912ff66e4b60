/* lib/db for reconsiderations (行政复议) of a request: reading one or all,
 * filing one and storing a change, in the caller's transaction.  Every
 * function returns 0, OGI_E_NOT_FOUND (> 0) where it says, or a status < 0
 * (db.h). */
#ifndef OGI_DB_RECONSIDERATIONS_H
#define OGI_DB_RECONSIDERATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/db/db.h"
#include "lib/remedies.h"

/* Reconsideration id of request request_id into out, locked FOR UPDATE when
 * lock; OGI_E_NOT_FOUND when the request has none of that id. */
int ogi_db_reconsideration_get(struct ogi_db *db, long long request_id, long long id, bool lock,
                               struct ogi_reconsideration *out);

/* The request's reconsiderations in the order filed (by id) into out (free
 * it with ogi_reconsideration_list_free). */
int ogi_db_reconsiderations_of(struct ogi_db *db, long long request_id,
                               struct ogi_reconsideration_list *out);
/* The same for several requests at once (ids[0..n)), all in one list by id. */
int ogi_db_reconsiderations_of_requests(struct ogi_db *db, const long long *ids, size_t n,
                                        struct ogi_reconsideration_list *out);

/* Files r (its request_id, body_id and stored fields) by user user_id and
 * reads the new row (id, version, created_at) back into r. */
int ogi_db_reconsideration_insert(struct ogi_db *db, struct ogi_reconsideration *r,
                                  long long user_id);
/* Stores r's fields as reconsideration r->id of r->request_id, its version
 * one up, and reads the row back into r; OGI_E_NOT_FOUND when there is none. */
int ogi_db_reconsideration_update(struct ogi_db *db, struct ogi_reconsideration *r);

#endif
