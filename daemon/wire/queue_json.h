/* The work queue as the API returns it (GET /api/v1/queue): three bands of
 * requests by their attention date, each request with that date, its kind
 * and the working days left, and the counts of the whole scope. */
#ifndef OGI_WIRE_QUEUE_JSON_H
#define OGI_WIRE_QUEUE_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/date.h"
#include "lib/request.h"

enum { QUEUE_OVERDUE, QUEUE_DUE_SOON, QUEUE_LATER, QUEUE_BANDS };

/* One request of a band: wire_request's JSON (full_id as there) with
 * attention_on, attention_kind and workdays_left (null without an
 * attention date: on = OGI_DATE_NONE) and, when remedy_dates is not NULL,
 * remedy_deadlines. */
json_t *wire_queue_entry(const struct ogi_request *r, bool full_id, ogi_date on, const char *kind,
                         int workdays_left, json_t *remedy_dates);

/* What the queue counted: every row in scope by band, how many of each the
 * bands list, and the closed requests among them. */
struct queue_counts {
	int band[QUEUE_BANDS], listed[QUEUE_BANDS];
	int total, closed_with_remedy_dates;
};

/* The answer: the bands (stolen) with counts, more (counted but not
 * listed), limit and today. */
json_t *wire_queue(json_t *bands[QUEUE_BANDS], const struct queue_counts *n, long long limit,
                   ogi_date today);

#endif
