/* GET /api/v1/workdays/add?from=YYYY-MM-DD&days=N: the desk calculator — the
 * N-th working day after from by the shared calendar, whether it is
 * provisional (a day counted in a year not loaded), and the days skipped and
 * make-up days counted on the way. */
#include <stdlib.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/reply.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/calendar_json.h"
#include "lib/calendar.h"

enum MHD_Result h_workdays_add(struct ctx *c)
{
	struct spec_errors errs = {0};
	const char *from_text = query(c, "from"), *days_text = query(c, "days");
	ogi_date from = 0;
	long days = -1;
	if (from_text == NULL || !ogi_date_parse(from_text, &from))
		spec_error_add(&errs, "from", "date", "不是有效日期（格式 YYYY-MM-DD）",
		               "not a valid date (YYYY-MM-DD)");
	else if (!ogi_date_in_range(from))
		spec_date_range_error(&errs, "from");
	char *end = NULL;
	if (days_text != NULL)
		days = strtol(days_text, &end, 10);
	if (days_text == NULL || *days_text == '\0' || *end != '\0' || days < 0 || days > 10000)
		spec_error_add(&errs, "days", "range", "工作日数须为 0 至 10000 的整数",
		               "days must be an integer from 0 to 10000");
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	struct calendar_ref ref = calendar_acquire();
	bool provisional = false;
	ogi_date date = ogi_add_workdays(ref.cal, from, (int)days, &provisional);
	json_t *out = wire_workdays(ref.cal, from, (int)days, date, provisional);
	calendar_release(ref);
	return reply_json(c, 200, out);
}
