/* The JSON the remedy records share (reconsideration_json.h,
 * litigation_json.h): the dates a record sets, how the annual report counts
 * it, its history, what a POST or PATCH body gives for a field, and the
 * records' dates in a request's deadline explanation and in the queue. */
#ifndef OGI_WIRE_REMEDY_JSON_H
#define OGI_WIRE_REMEDY_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/remedies.h"

/* Dates a record sets, each with whether it still asks for attention on today. */
json_t *wire_remedy_deadlines(const struct ogi_remedy_deadline *dl, int n, ogi_date today);

/* What a record's JSON says besides its stored fields: first where it
 * belongs and until when it could be filed (window, or OGI_DATE_NONE) … */
void wire_remedy_ids(json_t *o, long long id, long long request_id, long long body_id,
                     ogi_date window);
/* … last its state today, how the annual report counts it and its version. */
void wire_remedy_state(json_t *o, enum ogi_remedy_result now, const struct ogi_remedy_count *k,
                       long long version, const char *created_at);

/* A record's history: its audit rows, oldest first. */
json_t *wire_remedy_history(const struct ogi_remedy_history *h);

/* The dates of records (only request_id's when > 0) as the deadline
 * explanation and the queue show them: appends to subdeadlines (an array)
 * each date with the request and the record (and instance) it is of, and to
 * steps (an array, or NULL) the sentences of what happened.  False when out
 * of memory. */
bool wire_remedy_dates(const struct ogi_calendar *cal, const struct ogi_remedy_records *records,
                       long long request_id, json_t *subdeadlines, json_t *steps);

/* What a POST or PATCH body gives for a field: absent, null (cleared) or a
 * value; the setters apply a given value (or a clearing) to a record's field. */
bool wire_given(json_t *body, const char *name);
bool wire_cleared(json_t *body, const char *name);
void wire_set_date(json_t *body, const char *name, ogi_date value, ogi_date *field);
void wire_set_text(json_t *body, const char *name, const char *value, char *field, size_t len,
                   bool *has);
/* An int field that cannot be cleared (an enum, a count): set when given a value. */
void wire_set_int(json_t *body, const char *name, int value, int *field);
/* Copies src (NULL: empty, *has false) into field; has may be NULL. */
void wire_copy_text(char *field, size_t len, bool *has, const char *src);

#endif
