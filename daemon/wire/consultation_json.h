/* A consultation as the API gives it (GET …/consultations): its record with
 * the party's window (条例 art. 32: 15 working days from its receipt). */
#ifndef OGI_WIRE_CONSULTATION_JSON_H
#define OGI_WIRE_CONSULTATION_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/calendar.h"
#include "lib/consultation.h"
#include "lib/date.h"

/* k's JSON, its window counted on cal; open only while the request is
 * (request_open) and k unanswered; window_ended as of today. */
json_t *wire_consultation(const struct ogi_consultation_record *k, const struct ogi_calendar *cal,
                          bool request_open, ogi_date today);

#endif
