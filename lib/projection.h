/* A request's projection: its stored events run through lib/clock into what
 * the request row stores (status, due dates, flags, outcome), the rule check
 * before an event is appended, the events allowed now, and the deadline
 * explanation.  Pure: lib/db stores what this computes. */
#ifndef OGI_PROJECTION_H
#define OGI_PROJECTION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/calendar.h"
#include "lib/date.h"
#include "lib/domain.h"
#include "lib/request.h"

struct ogi_projection {
	enum ogi_status status;
	ogi_date due_on; /* OGI_DATE_NONE while the clock is stopped for a correction */
	bool provisional;
	ogi_date closed_on;
	int outcome; /* enum ogi_outcome, or -1 while open */
	bool replied_late, extension_used, correction_notice_late;
	ogi_date correction_notice_due, next_subdeadline;
	json_t *clock; /* owned: {subdeadlines: [...], paused, pause_since}, stored on the row */
};

/* Computes the projection of a request received on received_on with its
 * events in order, as stored (independent of today: an open pause counts as
 * ending on its first day). */
void ogi_projection_compute(const struct ogi_calendar *cal, ogi_date received_on,
                            const struct ogi_event *events, size_t n, struct ogi_projection *out);
void ogi_projection_free(struct ogi_projection *pr);

/* 0 when next may be appended now, else the rule it breaks, with a detail
 * sentence in detail. */
enum ogi_error ogi_projection_check(const struct ogi_calendar *cal, ogi_date received_on,
                                    const struct ogi_event *events, size_t n,
                                    const struct ogi_event *next, char *detail, size_t len);

/* Whether a request's history still holds with received_on as its receipt
 * date (a correction of the registration, lib/correction.h): each event a
 * person recorded is checked against those before it as when it was
 * recorded (the events ogi records itself — registered,
 * deadline_recomputed, record_corrected — are not).  0, or the rule the
 * first event that no longer holds breaks, its index in *at and a detail
 * sentence naming it. */
enum ogi_error ogi_projection_recheck(const struct ogi_calendar *cal, ogi_date received_on,
                                      const struct ogi_event *events, size_t n, size_t *at,
                                      char *detail, size_t len);

/* The event types lib/clock's rules accept next, on some legal date from
 * the last event's up to today: bit (1u << type) for each (the types ogi
 * records itself are never set). */
unsigned ogi_projection_allowed(const struct ogi_calendar *cal, ogi_date received_on,
                                const struct ogi_event *events, size_t n);

/* GET …/deadline: the due date with every step, the days skipped and why, as of today. */
json_t *ogi_projection_explain(const struct ogi_calendar *cal, ogi_date received_on,
                               const struct ogi_event *events, size_t n);

#endif
