/* lib/db for requests: reading one, registering one (its tracking number,
 * row and first event in the caller's transaction) and storing its
 * projection.  Every function returns 0, OGI_E_NOT_FOUND (> 0) where it
 * says, or a status < 0 (db.h); a filled struct ogi_request is freed with
 * ogi_request_free. */
#ifndef OGI_DB_REQUESTS_H
#define OGI_DB_REQUESTS_H

#include <stdbool.h>

#include "lib/db/db.h"
#include "lib/domain.h"
#include "lib/intake.h"
#include "lib/projection.h"
#include "lib/request.h"

/* Request id into out, locked FOR UPDATE (in the caller's transaction) when
 * lock; OGI_E_NOT_FOUND when there is none. */
int ogi_db_request_get(struct ogi_db *db, long long id, bool lock, struct ogi_request *out);

/* In the caller's transaction: takes the next tracking number of in's body
 * and year (gap-free: the counter row is locked until commit), inserts the
 * request with projection pr and its `registered` event by actor, and reads
 * the new row into out. */
int ogi_db_request_insert(struct ogi_db *db, const struct ogi_intake *in,
			  const struct ogi_projection *pr, const struct ogi_actor *actor,
			  struct ogi_request *out);

/* Stores pr as request id's projection (its version goes up by one) and
 * reads the row after it into out. */
int ogi_db_request_store_projection(struct ogi_db *db, long long id, const struct ogi_projection *pr,
				    struct ogi_request *out);

#endif
