/* lib/db for litigations (行政诉讼) of a request and their instances:
 * reading one with its instances or all of a request's, filing one and
 * storing a change, in the caller's transaction.  Every function returns 0,
 * OGI_E_NOT_FOUND (> 0) where it says, or a status < 0 (db.h). */
#ifndef OGI_DB_LITIGATIONS_H
#define OGI_DB_LITIGATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/db/db.h"
#include "lib/remedies.h"

/* Litigation id of request request_id with its instances into out, the
 * litigation locked FOR UPDATE when lock; OGI_E_NOT_FOUND when the request
 * has none of that id. */
int ogi_db_litigation_get(struct ogi_db *db, long long request_id, long long id, bool lock,
                          struct ogi_litigation *out);

/* The request's litigations by id, each with its instances, into out (free
 * it with ogi_litigation_list_free). */
int ogi_db_litigations_of(struct ogi_db *db, long long request_id, struct ogi_litigation_list *out);
/* The same for several requests at once (ids[0..n)), all in one list by id. */
int ogi_db_litigations_of_requests(struct ogi_db *db, const long long *ids, size_t n,
                                   struct ogi_litigation_list *out);

/* The litigation's own row (not its instances): files l by user user_id,
 * stores l's fields as litigation l->id of l->request_id, or only counts a
 * change of its instances (touch); each with the version one up, and reads
 * the row (id, version, created_at) back into l. */
int ogi_db_litigation_insert(struct ogi_db *db, struct ogi_litigation *l, long long user_id);
int ogi_db_litigation_update(struct ogi_db *db, struct ogi_litigation *l);
int ogi_db_litigation_touch(struct ogi_db *db, struct ogi_litigation *l);

/* Instance x of litigation l: files it, or stores its fields under its seq;
 * x->id is then the stored row's. */
int ogi_db_instance_insert(struct ogi_db *db, const struct ogi_litigation *l,
                           struct ogi_litigation_instance *x);
int ogi_db_instance_update(struct ogi_db *db, const struct ogi_litigation *l,
                           struct ogi_litigation_instance *x);

#endif
