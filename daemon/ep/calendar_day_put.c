/* PUT /api/v1/calendar/days/{date}: an admin of a top-level body makes a day
 * a holiday or a make-up working day, or gives it back to the weekday rule
 * ({kind: holiday | workday | rule, name}).  In one transaction with the
 * change: its audit row and every open request's deadlines recomputed (a
 * deadline_recomputed event where a date moved); every ogid counts with it
 * at once (NOTIFY from the table's trigger). */
#include <stdio.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/calendar_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/calendar.h"
#include "lib/db/calendar_ops.h"

/* The body's kinds, in the order the API documents them, and what each is. */
static const char *const put_kinds[] = {"holiday", "workday", "rule", NULL};
static const enum ogi_day_kind put_kind[] = {OGI_DAY_HOLIDAY, OGI_DAY_WORKDAY, OGI_DAY_RULE};

struct day_put {
	ogi_date day;
	int kind; /* index of put_kinds */
	const char *name;
	char source[96];
	struct ogi_calendar_change ch;
	struct ogi_db *db; /* the connection the change committed on: the cache reloads from it */
};

/* The body: {kind, name}; a name is required but to go back to the rule. */
static bool day_put_parse(json_t *body, struct day_put *in, struct spec_errors *errs)
{
	bool has_name = false;
	struct spec spec[] = {
	    SPEC_ENUM("kind", put_kinds, &in->kind),
	    SPEC_OPT(&has_name, SPEC_F_STRING("name", &in->name, 60)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (put_kind[in->kind] != OGI_DAY_RULE && (!has_name || in->name[0] == '\0'))
		spec_error_add(errs, "name", "required", "请填写节日名称", "name the holiday");
	return errs->n == 0;
}

bool in_calendar_day_put(json_t *body, struct spec_errors *errs)
{
	struct day_put in = {.name = ""};
	return day_put_parse(body, &in, errs);
}

static int day_put_tx(struct ogi_db *db, void *cls)
{
	struct day_put *in = cls;
	in->db = db;
	return ogi_db_calendar_day_set(db, in->day, put_kind[in->kind], in->name, &in->ch);
}

enum MHD_Result h_calendar_day_put(struct ctx *c)
{
	enum MHD_Result result;
	if (!calendar_changer(c, &result))
		return result;
	struct day_put in = {.name = ""};
	struct spec_errors errs = {0};
	if (!ogi_date_parse(c->param, &in.day)) {
		spec_error_add(&errs, "date", "date", "不是有效日期（格式 YYYY-MM-DD）",
		               "not a valid date (YYYY-MM-DD)");
		return reply_invalid(c, &errs);
	}
	if (!calendar_year_ok(c, ogi_date_year(in.day), &result))
		return result;
	if (!day_put_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	snprintf(in.source, sizeof in.source, "edited by %s", c->auth.username);
	in.ch = (struct ogi_calendar_change){.actor = &actor, .source = in.source};
	if (!tx(c, "edit calendar day", day_put_tx, &in, &result))
		return result;
	calendar_reload(in.db);
	return reply_json(c, 200,
	                  json_pack("{s:s, s:s, s:i}", "date", c->param, "kind", put_kinds[in.kind],
	                            "requests_moved", in.ch.moved));
}
