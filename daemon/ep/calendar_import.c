/* POST /api/v1/calendar/import: an admin of a top-level body loads the
 * State Council's arrangement of one or more years from a file (holiday-cn
 * JSON or iCalendar, lib/calendar_import.h) that must look like one (its
 * Spring Festival, National Day and the law's days off).  Each year's days
 * are replaced; in the same transaction the import is audited and every
 * open request's deadlines recomputed, and every ogid counts with it at
 * once (NOTIFY from the tables' triggers). */
#include <stdio.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/calendar_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/calendar_import.h"
#include "lib/db/calendar_ops.h"

struct import {
	struct ogi_import imp;
	struct ogi_calendar_change ch;
	struct ogi_db *db; /* the connection the import committed on: the cache reloads from it */
};

/* The file as a year's arrangement, or false with the field errors of "file". */
static bool import_read(struct ctx *c, struct ogi_import *imp, struct spec_errors *errs)
{
	if (!ogi_calendar_import_parse(c->body ? c->body : "", c->body_len, imp)) {
		spec_error_add(errs, "file", "calendar_import_invalid", imp->error_zh, imp->error);
		return false;
	}
	/* a well-formed file that is no year's arrangement (an empty days array) would mark the
	   year loaded and every deadline into it certain */
	struct ogi_import_check check;
	if (!ogi_calendar_import_plausible(imp, &check)) {
		for (int i = 0; i < check.nmessages; i++)
			spec_error_add(errs, "file", "calendar_import_implausible",
			               check.message[i].zh, check.message[i].en);
		ogi_import_free(imp);
		return false;
	}
	return true;
}

static int import_tx(struct ogi_db *db, void *cls)
{
	struct import *in = cls;
	in->db = db;
	return ogi_db_calendar_import(db, &in->imp, &in->ch);
}

enum MHD_Result h_calendar_import(struct ctx *c)
{
	enum MHD_Result result;
	if (!calendar_changer(c, &result))
		return result;
	struct import in = {0};
	struct spec_errors errs = {0};
	if (!import_read(c, &in.imp, &errs))
		return reply_invalid(c, &errs);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	char source[160];
	snprintf(source, sizeof source, "imported by %s", c->auth.username);
	in.ch = (struct ogi_calendar_change){.actor = &actor, .source = source};
	bool done = tx(c, "import calendar", import_tx, &in, &result);
	json_t *years = json_array();
	for (int y = 0; done && y < in.imp.nyears; y++)
		json_array_append_new(years, json_integer(in.imp.years[y]));
	ogi_import_free(&in.imp);
	if (!done) {
		json_decref(years);
		return result;
	}
	calendar_reload(in.db);
	return reply_json(c, 200,
	                  json_pack("{s:o, s:i, s:i}", "years", years, "days_stored", in.ch.days,
	                            "requests_moved", in.ch.moved));
}
