/* The year lock guard and the amendment line of an event (see lock_guard.h). */
#include "daemon/core/lock_guard.h"

#include <stdio.h>

#include "daemon/core/auth.h"
#include "lib/db/reports.h"
#include "lib/fees.h"
#include "lib/report.h"

#define MAX_HITS 16

int lock_guard(struct ogi_db *db, const struct ctx *c, const struct lock_change *ch, char *detail,
               size_t len)
{
	struct ogi_lock_hit hits[MAX_HITS];
	int year = ogi_date_year(ch->on);
	int n = ogi_db_locks_covering(db, ch->body_id, year, ch->self_only, hits, MAX_HITS);
	if (n <= 0)
		return n;
	bool admin[MAX_HITS];
	for (int i = 0; i < n; i++)
		admin[i] = auth_allows(&c->auth, hits[i].path, hits[i].npath, OGI_ROLE_ADMIN);
	int rc = ogi_yearlock_decide(year, hits, n, admin, ch->override_reason, detail, len);
	if (rc != 0)
		return rc;
	for (int i = 0; i < n; i++) {
		rc = ogi_db_amendment_insert(db, hits[i].body_id, year, ch->request_id, ch->subject,
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
	case OGI_EV_RECORD_CORRECTED:
		return "更正登记";
	default:
		return ogi_event_type_names[t];
	}
}

void event_detail(const char *tracking_no, const struct ogi_event *ev, char *out, size_t len)
{
	char on[OGI_DATE_STRLEN];
	ogi_date_format(ev->on, on);
	json_t *outcome = json_object_get(ev->payload, "outcome");
	int o = json_is_string(outcome)
	            ? ogi_enum_parse(ogi_outcome_names, json_string_value(outcome))
	            : -1;
	json_t *amount = json_object_get(ev->payload, "amount");
	int w = ogi_enum_parse(ogi_waiver_reason_names,
	                       json_string_value(json_object_get(ev->payload, "reason")));
	long long fen;
	char yuan[32];
	if (o >= 0)
		snprintf(out, len, "申请%s：%s（%s，%s）", tracking_no, event_label_zh(ev->type),
		         on, ogi_outcome_labels_zh[o]);
	else if ((ev->type == OGI_EV_FEE_NOTICE_ISSUED || ev->type == OGI_EV_FEE_PAID) &&
	         json_is_number(amount) && ogi_money_from_yuan(json_number_value(amount), &fen)) {
		ogi_report_yuan(fen, yuan, sizeof yuan);
		snprintf(out, len, "申请%s：%s（%s，%s元）", tracking_no, event_label_zh(ev->type),
		         on, yuan);
	} else if (ev->type == OGI_EV_FEE_WAIVED && w >= 0)
		snprintf(out, len, "申请%s：%s（%s，%s）", tracking_no, event_label_zh(ev->type),
		         on, ogi_waiver_reason_labels_zh[w]);
	else
		snprintf(out, len, "申请%s：%s（%s）", tracking_no, event_label_zh(ev->type), on);
}
