/* DELETE /api/v1/calendar/{year}: an admin of a top-level body unloads a
 * year (one loaded by mistake): its days go, it is counted by the weekday
 * rule again and every deadline reaching into it is provisional.  Audited
 * with the year as it was, every open request recomputed in the same
 * transaction; 404 when the year is not loaded. */
#include "daemon/core/calendar_cache.h"
#include "daemon/core/calendar_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/calendar_ops.h"

struct unload {
	struct ctx *c;
	int year;
	struct ogi_calendar_change ch;
	struct ogi_db *db; /* the connection the unload committed on: the cache reloads from it */
};

static int unload_tx(struct ogi_db *db, void *cls)
{
	struct unload *in = cls;
	in->db = db;
	int rc = ogi_db_calendar_unload(db, in->year, &in->ch);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(in->c, "the calendar of %d is not loaded", in->year);
	return rc;
}

enum MHD_Result h_calendar_delete(struct ctx *c)
{
	enum MHD_Result result;
	if (!calendar_changer(c, &result) || !calendar_year_ok(c, c->id, &result))
		return result;
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	struct unload in = {.c = c, .year = (int)c->id, .ch = {.actor = &actor}};
	if (!tx(c, "unload calendar year", unload_tx, &in, &result))
		return result;
	calendar_reload(in.db);
	return reply_json(c, 200,
	                  json_pack("{s:i, s:i, s:i}", "year", in.year, "days_removed", in.ch.days,
	                            "requests_moved", in.ch.moved));
}
