/* The remedy records' dates of one request or several (see remedy_dates.h). */
#include "daemon/core/remedy_dates.h"

#include "daemon/wire/remedy_json.h"
#include "lib/db/remedy_reads.h"

int remedy_dates_of_request(struct ogi_db *db, const struct ogi_calendar *cal, long long id,
                            json_t *subdeadlines, json_t *steps)
{
	struct ogi_remedy_records records = {0};
	int rc = ogi_db_remedy_records_of_request(db, id, &records);
	if (rc == 0 && !wire_remedy_dates(cal, &records, id, subdeadlines, steps))
		rc = OGI_DB_HARD;
	ogi_remedy_records_free(&records);
	return rc;
}

int remedy_dates_of_requests(struct ogi_db *db, const struct ogi_calendar *cal,
                             const long long *ids, size_t n, json_t *dates)
{
	struct ogi_remedy_records records = {0};
	int rc = ogi_db_remedy_records_of_requests(db, ids, n, &records);
	if (rc == 0 && !wire_remedy_dates(cal, &records, 0, dates, NULL))
		rc = OGI_DB_HARD;
	ogi_remedy_records_free(&records);
	return rc;
}
