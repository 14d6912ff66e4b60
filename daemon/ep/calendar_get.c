/* GET /api/v1/calendar/{year}: the year as every ogid counts with it — its
 * days off and make-up working days, its working days, whether it is loaded
 * (and from what source) — and which years are.  Anyone signed in reads it. */
#include "daemon/core/calendar_cache.h"
#include "daemon/core/calendar_guard.h"
#include "daemon/core/reply.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/calendar_json.h"

enum MHD_Result h_calendar_get(struct ctx *c)
{
	enum MHD_Result result;
	if (!calendar_year_ok(c, c->id, &result))
		return result;
	struct calendar_ref ref = calendar_acquire();
	json_t *out = wire_calendar_year(ref.cal, (int)c->id);
	calendar_release(ref);
	return reply_json(c, 200, out);
}
