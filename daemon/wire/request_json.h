/* A request as the API returns it (DESIGN.md §3). */
#ifndef OGI_WIRE_REQUEST_JSON_H
#define OGI_WIRE_REQUEST_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/request.h"

/* The request's JSON; the applicant's identity number whole when full_id
 * (the intake's own answer, an administrator: request_shows_full_id),
 * masked otherwise. */
json_t *wire_request(const struct ogi_request *r, bool full_id);

/* Adds whose the request is to o: assignee {id, name} or null, unit, and its
 * open supervision {id, report_by, note, by_body_name} or null. */
void wire_request_who(json_t *o, const struct ogi_request *r);

/* A date as JSON: "2024-05-06", or null for OGI_DATE_NONE. */
json_t *wire_date(ogi_date d);
/* A string as JSON, or null for NULL. */
json_t *wire_str(const char *s);
/* A name of a names table as JSON, or null for -1. */
json_t *wire_name(const char *const names[], int v);

#endif
