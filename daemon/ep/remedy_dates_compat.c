/* Transitional (issue 12): remedy_dates_json, the remedy records' dates over
 * the rows of rc_of / lit_of / inst_of_request (or their _requests forms),
 * for the requests area's deadline and queue routes until they load the
 * records typed (ogi_db_remedy_records_of_request(s), lib/db/remedy_reads.h)
 * and call wire_remedy_dates (daemon/wire/remedy_json.h).  Delete it then. */
#include "daemon/ep/fees_remedies.h"
#include "daemon/wire/remedy_json.h"
#include "lib/db/remedy_reads.h"

void remedy_dates_json(const struct ogi_calendar *cal, PGresult *rcs, PGresult *lits,
                       PGresult *insts, long long request_id, json_t *subdeadlines, json_t *steps)
{
	struct ogi_remedy_records records = {0};
	if (ogi_db_remedy_records_from(rcs, lits, insts, &records) == 0)
		wire_remedy_dates(cal, &records, request_id, subdeadlines, steps);
	ogi_remedy_records_free(&records);
}
