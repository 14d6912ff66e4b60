/* The dates of requests' remedy records (reconsiderations, litigations and
 * their instances) as the deadline explanation and the work queue show
 * them: the typed load of lib/db/remedy_reads.h, the dates of
 * lib/remedies.h, the JSON of daemon/wire/remedy_json.h. */
#ifndef OGI_DAEMON_REMEDY_DATES_H
#define OGI_DAEMON_REMEDY_DATES_H

#include <jansson.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/db/db.h"

/* Request id's remedy dates into subdeadlines and their explanation into
 * steps (GET …/deadline): 0, or a database status (< 0). */
int remedy_dates_of_request(struct ogi_db *db, const struct ogi_calendar *cal, long long id,
                            json_t *subdeadlines, json_t *steps);
/* The remedy dates of the n requests ids into dates, each entry naming its
 * request_id (the queue): 0, or a database status (< 0). */
int remedy_dates_of_requests(struct ogi_db *db, const struct ogi_calendar *cal,
                             const long long *ids, size_t n, json_t *dates);

#endif
