/* A reminder digest as the administrators' list shows it (GET /api/v1/reminders). */
#ifndef OGI_WIRE_REMINDER_JSON_H
#define OGI_WIRE_REMINDER_JSON_H

#include <jansson.h>

#include "lib/reminder.h"

json_t *wire_digest(const struct ogi_digest_row *r);

#endif
