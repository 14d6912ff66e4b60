/* lib/db for a request's event history: the one load, and appending. */
#ifndef OGI_DB_EVENTS_H
#define OGI_DB_EVENTS_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/domain.h"
#include "lib/request.h"

/* Every event of request_id in order into out (which it empties first; free
 * it with ogi_event_list_free).  Never truncated. */
int ogi_db_events_load(struct ogi_db *db, long long request_id, struct ogi_event_list *out);

/* Appends an event by actor (payload as given: a JSON object) to request_id
 * of body_id; its id into *id_out when not NULL.  Refused with
 * OGI_E_HISTORY_FULL once the request has OGI_EVENTS_MAX events, but for
 * those ogi records itself (deadline_recomputed) and a new request's first
 * (registered), which never are. */
int ogi_db_event_insert(struct ogi_db *db, long long request_id, long long body_id,
                        enum ogi_event_type type, ogi_date on, json_t *payload,
                        const struct ogi_actor *actor, long long *id_out);

#endif
