/* The glue between stored events and lib/clock: a request's projection
 * (status, due dates, flags, outcome) as the request row stores it, the
 * rule check before an event is appended, and the deadline explanation. */
#ifndef OGID_PROJECTION_H
#define OGID_PROJECTION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "domain.h"
#include "calendar.h"
#include "errors.h"

struct stored_event {
	enum ogi_event_type type;
	ogi_date on;
	json_t *payload; /* borrowed */
	long long id;
};

struct projection {
	enum ogi_status status;
	ogi_date due_on; /* OGI_DATE_NONE while the clock is stopped for a correction */
	bool provisional;
	ogi_date closed_on;
	int outcome; /* enum ogi_outcome, or -1 while open */
	bool replied_late, extension_used, correction_notice_late;
	ogi_date correction_notice_due, next_subdeadline;
	json_t *clock; /* {subdeadlines: [...], ...}: stored on the row */
	char text[4][OGI_DATE_STRLEN]; /* backing store for the parameters */
	char *clock_text;
};

/* Computes the projection of a request received on received_on with its
 * events in order (as of today). */
void projection_compute(const struct ogi_calendar *cal, ogi_date received_on, const struct stored_event *events, size_t n,
			struct projection *out);
/* Fills the six parameters status, due_on, provisional, correction_notice_due,
 * next_subdeadline, clock (intake's order) pointing into pr. */
void projection_params(struct projection *pr, const char **p);
/* Fills the eleven parameters of request_update_projection ($2..$12). */
void projection_update_params(struct projection *pr, const char **p);
void projection_free(struct projection *pr);

/* 0 when the event may be appended now, else the rule it breaks, with a
 * detail sentence in detail. */
enum ogi_error projection_check(const struct ogi_calendar *cal, ogi_date received_on, const struct stored_event *events, size_t n,
				const struct stored_event *next, char *detail, size_t len);

/* The event types lib/clock's rules accept next, on some legal date from
 * the last event's up to today: bit (1u << type) for each (the types ogi
 * records itself are never set). */
unsigned projection_allowed(const struct ogi_calendar *cal, ogi_date received_on,
			    const struct stored_event *events, size_t n);

/* GET …/deadline: the due date with every step, the days skipped and why. */
json_t *projection_explain(const struct ogi_calendar *cal, ogi_date received_on, const struct stored_event *events, size_t n);

/* Parses a stored payload row set (events_of) into stored_event array
 * (payloads owned by *json_out, an array to decref). */
size_t stored_events_load(void *pgresult, struct stored_event *out, size_t max, json_t **json_out);

#endif
