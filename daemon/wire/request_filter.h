/* The query of a list of requests, shared by GET /api/v1/requests and
 * GET /api/v1/requests.csv: its filters and page as a struct
 * ogi_request_filter (lib/request.h). */
#ifndef OGI_WIRE_REQUEST_FILTER_H
#define OGI_WIRE_REQUEST_FILTER_H

#include <stdbool.h>

#include "daemon/core/ctx.h"
#include "lib/request.h"

#define REQUESTS_LIMIT_DEFAULT 50
#define REQUESTS_LIMIT_MAX     500

/* Reads body_id, subtree, status, overdue, due_before, received_from,
 * received_to, outcome, assignee, unit, supervised, q, after and limit (1..500, default 50) into f,
 * which the caller has zeroed and given its roots; as of today.  False
 * after adding each malformed parameter's error to errs. */
bool wire_request_filter(struct ctx *c, struct ogi_request_filter *f, struct spec_errors *errs);

/* Reads whose requests (issue 16): assignee (me: the caller, none: nobody's,
 * or a user id), unit (a unit's name) and supervised (true: only those with an
 * open 督办, false: only those without); the list and the queue both take them. */
bool wire_request_who_filter(struct ctx *c, struct ogi_request_filter *f, struct spec_errors *errs);

#endif
