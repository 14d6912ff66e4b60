/* lib/db for requests: reading one, registering one (its tracking number,
 * row and first event in the caller's transaction), storing its
 * projection, the lists and the work queue.  Every function returns 0,
 * OGI_E_NOT_FOUND (> 0) where it says, or a status < 0 (db.h); a filled
 * struct ogi_request is freed with ogi_request_free, a list with
 * ogi_request_list_free. */
#ifndef OGI_DB_REQUESTS_H
#define OGI_DB_REQUESTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

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
/* The same with registered_extra's members (a JSON object, or NULL) added to the
 * registered event's payload: a register's import marks its requests so
 * (lib/db/register_import.h).  An actor of user id 0 (ogictl) leaves created_by empty. */
int ogi_db_request_insert_with(struct ogi_db *db, const struct ogi_intake *in,
                               const struct ogi_projection *pr, const struct ogi_actor *actor,
                               json_t *registered_extra, struct ogi_request *out);

/* Stores pr as request id's projection (its version goes up by one) and
 * reads the row after it into out. */
int ogi_db_request_store_projection(struct ogi_db *db, long long id,
                                    const struct ogi_projection *pr, struct ogi_request *out);

/* In the caller's transaction, request id of body_id locked: a correction
 * of its registration (lib/correction.h) — the record after it (the
 * corrected columns and the regime of its receipt date; the year, sequence
 * and tracking number stay what intake gave) and the projection pr over the
 * history with the correction stored, its version up by one — and the
 * record_corrected event with payload (personal numbers masked by the
 * caller), dated on, by actor; the row after it into out.  OGI_E_HISTORY_FULL
 * once the request has OGI_EVENTS_MAX events. */
int ogi_db_request_correct(struct ogi_db *db, long long id, long long body_id,
                           const struct ogi_intake *after, const struct ogi_projection *pr,
                           ogi_date on, json_t *payload, const struct ogi_actor *actor,
                           struct ogi_request *out);

/* The requests of f (every filter of struct ogi_request_filter), newest
 * first, at most f->limit, into out. */
int ogi_db_requests_list(struct ogi_db *db, const struct ogi_request_filter *f,
                         struct ogi_request_list *out);
/* The same one at a time, for lists too long to hold (the CSV): fn gets
 * each request (it may take what the request owns) and returns 0 to go
 * on, or a status that stops the list and is returned. */
int ogi_db_requests_each(struct ogi_db *db, const struct ogi_request_filter *f,
                         int (*fn)(struct ogi_request *r, void *cls), void *cls);
/* The requests of the n ids that exist, in no order, into out. */
int ogi_db_requests_by_ids(struct ogi_db *db, const long long *ids, size_t n,
                           struct ogi_request_list *out);

/* The work queue's first pass: a few columns of every request in scope,
 * so that a district's tens of thousands are counted without reading them
 * whole. */
struct ogi_queue_item {
	long long id;
	int status;           /* enum ogi_status */
	ogi_date due_on;      /* OGI_DATE_NONE when none */
	json_t *subdeadlines; /* owned: the clock's subdeadlines as stored, or NULL */
};
struct ogi_queue_items {
	size_t n;
	struct ogi_queue_item *v;
};
void ogi_queue_items_free(struct ogi_queue_items *l);
/* Every open request in f's scope (f->roots, f->body_id with its subtree,
 * f->q; f->status: one open status, or -1), in no order. */
int ogi_db_queue_open(struct ogi_db *db, const struct ogi_request_filter *f,
                      struct ogi_queue_items *out);
/* The closed requests in f's scope (roots, body_id with its subtree, q)
 * that may have a remedy date pending on f->today: a remedy record
 * undecided, decided lately (the suit and appeal windows) or with a new
 * reply still owed.  Which dates are pending is the caller's to compute. */
int ogi_db_queue_closed(struct ogi_db *db, const struct ogi_request_filter *f,
                        struct ogi_queue_items *out);

#endif
