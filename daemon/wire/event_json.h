/* An event as the API takes it (POST /api/v1/requests/{id}/events) and
 * gives it (GET …/events). */
#ifndef OGI_WIRE_EVENT_JSON_H
#define OGI_WIRE_EVENT_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/date.h"
#include "lib/domain.h"
#include "lib/request.h"
#include "lib/spec.h"

/* A posted event, checked against its type's payload spec and rules. */
struct event_input {
	enum ogi_event_type type;
	ogi_date on;                 /* its legal date, not in the future */
	const char *override_reason; /* into a locked year: an admin's reason, or NULL (borrowed
	                                from the body) */
	json_t *payload;             /* owned: the body without type and on, as it will be stored
	                                once completed */
};

/* Parses body into in; false after adding every error to errs (no payload then). */
bool wire_event_parse(json_t *body, struct event_input *in, struct spec_errors *errs);

/* An event of the timeline: {id, type, on, payload, actor, recorded_at}. */
json_t *wire_event(const struct ogi_event *e);

#endif
