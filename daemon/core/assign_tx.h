/* What recording an `assigned` or `transferred` event does besides appending
 * it (POST /api/v1/requests/{id}/events), in the event's transaction: the
 * payload checked against the facts (lib/assign_rules.h's rules: the assignee a
 * user of the request's body, the unit one of its units, the receiving body
 * below it or its parent) and completed with the names the history shows;
 * after the insert, the request row's assignee, unit or body changed. */
#ifndef OGI_DAEMON_ASSIGN_TX_H
#define OGI_DAEMON_ASSIGN_TX_H

#include <jansson.h>

#include "daemon/core/ctx.h"
#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/request.h"

struct assign_target {
	long long request_id, body_id;
	const long long *path; /* the request's body's, root first */
	int npath;
	/* filled by assign_check for a transfer */
	long long to_body_id;
};

/* Before the insert: 0, a database status, or an error code with c->detail
 * (409 assignee_not_of_body, unit_unknown, transfer_not_in_tree,
 * transfer_body_unknown).  Completes payload.  Other event types: 0. */
int assign_check(struct ogi_db *db, struct ctx *c, struct assign_target *t,
                 enum ogi_event_type type, json_t *payload);
/* After the insert of event event_id dated on: the row changed. */
int assign_apply(struct ogi_db *db, const struct assign_target *t, enum ogi_event_type type,
                 json_t *payload, long long event_id, ogi_date on);

#endif
