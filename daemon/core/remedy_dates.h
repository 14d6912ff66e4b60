/* Transitional (issue 12): the dates of a request's remedy records
 * (reconsiderations, litigations and their instances) as the deadline
 * explanation and the work queue show them.  remedy_dates_json is
 * daemon/ep/h_remedies.c's, over the raw rc_of / lit_of / inst_of results,
 * until the remedies area gives the records typed loads; the request
 * routes call only remedy_dates_of_request(s), which will keep their
 * signatures when it does, so they name no PGresult. */
#ifndef OGI_DAEMON_REMEDY_DATES_H
#define OGI_DAEMON_REMEDY_DATES_H

#include <jansson.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/db/db.h"

/* Fills subdeadlines (a JSON array) and steps (may be NULL) for the records
 * in the three result sets (rc_of / lit_of / inst_of rows of the
 * request(s)); with request_id > 0 only that request's. */
void remedy_dates_json(const struct ogi_calendar *cal, PGresult *rcs, PGresult *lits,
                       PGresult *insts, long long request_id, json_t *subdeadlines, json_t *steps);

/* Request id's remedy dates into subdeadlines and their explanation into
 * steps (GET …/deadline): 0, or a database status (< 0). */
int remedy_dates_of_request(struct ogi_db *db, const struct ogi_calendar *cal, long long id,
                            json_t *subdeadlines, json_t *steps);
/* The remedy dates of the n requests ids into dates, each entry naming its
 * request_id (the queue): 0, or a database status (< 0). */
int remedy_dates_of_requests(struct ogi_db *db, const struct ogi_calendar *cal,
                             const long long *ids, size_t n, json_t *dates);

#endif
