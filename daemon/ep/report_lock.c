/* The year lock guard (see report_lock.h). */
#include <stdio.h>
#include <string.h>

#include "lib/fees.h"
#include "daemon/ep/ep.h"
#include "lib/projection.h"
#include "daemon/ep/report_lock.h"
#include "lib/db/reports.h"

#define MAX_HITS 16

static bool admin_of(struct ogi_db *db, const struct ctx *c, long long body_id, int *status)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", body_id);
	const char *p[] = {id};
	PGresult *res;
	int n = ogi_db_exec(db, "body_path", 1, p, &res);
	if (n < 0) {
		*status = n;
		return false;
	}
	long long path[64];
	int npath = n == 1 ? parse_id_array(ogi_db_str(res, 0, 0), path, 64) : 0;
	PQclear(res);
	return auth_allows(&c->auth, path, npath, OGI_ROLE_ADMIN);
}

static bool blank(const char *s)
{
	return s == NULL || strspn(s, " \t\r\n") == strlen(s);
}

int lock_guard(struct ogi_db *db, const struct ctx *c, const struct lock_change *ch, char *detail,
	       size_t len)
{
	struct ogi_lock_hit hits[MAX_HITS];
	int year = ogi_date_year(ch->on);
	int n = ogi_db_locks_covering(db, ch->body_id, year, ch->self_only, hits, MAX_HITS);
	if (n <= 0)
		return n;
	if (ch->override_reason == NULL) {
		snprintf(detail, len,
			 "the %d report of %s was locked on %s by %s; an admin may record this with an "
			 "override_reason",
			 year, hits[0].body_name, hits[0].locked_on, hits[0].locked_by);
		return OGI_E_YEAR_LOCKED;
	}
	if (blank(ch->override_reason)) {
		snprintf(detail, len, "the %d report of %s is locked: say why in override_reason",
			 year, hits[0].body_name);
		return OGI_E_OVERRIDE_REASON_REQUIRED;
	}
	for (int i = 0; i < n; i++) {
		int status = 0;
		bool admin = admin_of(db, c, hits[i].body_id, &status);
		if (status < 0)
			return status;
		if (!admin) {
			snprintf(detail, len,
				 "the %d report of %s is locked: only an admin of that body may record "
				 "into it",
				 year, hits[i].body_name);
			return OGI_E_FORBIDDEN;
		}
	}
	for (int i = 0; i < n; i++) {
		int rc = ogi_db_amendment_insert(db, hits[i].body_id, year, ch->request_id, ch->subject,
						 ch->detail, ch->on, ch->override_reason,
						 c->auth.user_id, c->auth.username);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static const char *event_label_zh(enum ogi_event_type t)
{
	switch (t) {
	case OGI_EV_REGISTERED:
		return "登记申请";
	case OGI_EV_REPLIED:
		return "答复";
	case OGI_EV_WITHDRAWN:
		return "申请人撤回申请";
	case OGI_EV_CORRECTION_LAPSED:
		return "申请人逾期不补正";
	case OGI_EV_FEE_LAPSED:
		return "申请人逾期未缴费";
	case OGI_EV_FEE_NOTICE_ISSUED:
		return "发出收费通知";
	case OGI_EV_FEE_PAID:
		return "缴纳费用";
	case OGI_EV_FEE_WAIVED:
		return "减免费用";
	default:
		return ogi_event_type_names[t];
	}
}

void event_detail(const char *tracking_no, const struct ogi_event *ev, char *out, size_t len)
{
	char on[OGI_DATE_STRLEN];
	ogi_date_format(ev->on, on);
	json_t *outcome = json_object_get(ev->payload, "outcome");
	int o = json_is_string(outcome) ? ogi_enum_parse(ogi_outcome_names, json_string_value(outcome))
					: -1;
	json_t *amount = json_object_get(ev->payload, "amount");
	int w = ogi_enum_parse(ogi_waiver_reason_names,
			       json_string_value(json_object_get(ev->payload, "reason")));
	long long fen;
	char yuan[32];
	if (o >= 0)
		snprintf(out, len, "申请%s：%s（%s，%s）", tracking_no, event_label_zh(ev->type), on,
			 ogi_outcome_labels_zh[o]);
	else if ((ev->type == OGI_EV_FEE_NOTICE_ISSUED || ev->type == OGI_EV_FEE_PAID) &&
		 json_is_number(amount) && ogi_money_from_yuan(json_number_value(amount), &fen)) {
		ogi_report_yuan(fen, yuan, sizeof yuan);
		snprintf(out, len, "申请%s：%s（%s，%s元）", tracking_no, event_label_zh(ev->type), on, yuan);
	} else if (ev->type == OGI_EV_FEE_WAIVED && w >= 0)
		snprintf(out, len, "申请%s：%s（%s，%s）", tracking_no, event_label_zh(ev->type), on,
			 ogi_waiver_reason_labels_zh[w]);
	else
		snprintf(out, len, "申请%s：%s（%s）", tracking_no, event_label_zh(ev->type), on);
}
