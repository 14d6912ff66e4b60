/* Reconsideration and litigation (see remedies.h). */
#include "lib/remedies.h"

#include "lib/refuse.h"

#include <stdio.h>

const char *const ogi_remedy_result_names[] = {"upheld", "corrected", "other", "pending", NULL};
const char *const ogi_remedy_result_labels_zh[] = {"结果维持", "结果纠正", "其他结果", "尚未审结",
                                                   NULL};

const char *const ogi_rc_decision_names[] = {
    "维持",     "驳回请求", "变更", "撤销", "部分撤销", "确认违法", "责令履行",
    "确认无效", "驳回申请", "终止", "调解", "和解",     NULL};

const char *const ogi_judgment_names[] = {
    "驳回诉讼请求", "维持",     "撤销",     "部分撤销", "变更", "确认违法", "确认无效", "责令履行",
    "驳回起诉",     "不予立案", "准许撤诉", "终结",     "调解", "维持原判", "发回重审", NULL};

const char *const ogi_litigation_route_names[] = {"direct", "after_reconsideration", NULL};

const char *const ogi_procedure_names[] = {"ordinary", "simple", NULL};

const char *const ogi_instance_kind_names[] = {"first", "second", "retrial", NULL};
const char *const ogi_instance_kind_labels_zh[] = {"一审", "二审", "再审", NULL};

const char *const ogi_remedy_deadline_names[] = {"reconsideration_decision",
                                                 "suit_after_reconsideration",
                                                 "court_defence",
                                                 "court_hearing",
                                                 "court_decision",
                                                 "appeal",
                                                 "redo",
                                                 NULL};
const char *const ogi_remedy_deadline_labels_zh[] = {
    "复议机关作出复议决定期限",
    "申请人复议后起诉期限（收到复议决定后15日）",
    "本机关提交答辩状期限（收到起诉状副本后15日）",
    "开庭日期",
    "人民法院审理期限",
    "上诉期限（判决15日、裁定10日）",
    "本机关重新答复（履行）期限（复议决定或裁判所定）",
    NULL};
const char *const ogi_remedy_deadline_labels_en[] = {
    "reconsideration authority's decision due",
    "applicant's 15 days to sue after the reconsideration decision",
    "the body's defence due (15 days after service of the complaint)",
    "court hearing",
    "the court's period for its decision",
    "appeal window (15 days for a judgment, 10 for a ruling)",
    "the body's new reply (compliance) due, as the decision or judgment sets it",
    NULL};

bool ogi_rc_decision_orders_redo(int decision)
{
	return decision >= 0 && decision < OGI_RC_DECISION_COUNT && decision != OGI_RC_VARY &&
	       ogi_rc_decision_result((enum ogi_rc_decision)decision) == OGI_RESULT_CORRECTED;
}

bool ogi_judgment_orders_redo(int judgment, enum ogi_remedy_result result)
{
	return judgment >= 0 && judgment < OGI_JUDGMENT_COUNT && judgment != OGI_J_VARY &&
	       result == OGI_RESULT_CORRECTED;
}

enum ogi_remedy_result ogi_rc_decision_result(enum ogi_rc_decision d)
{
	switch (d) {
	case OGI_RC_UPHOLD:
	case OGI_RC_DISMISS_CLAIM:
		return OGI_RESULT_UPHELD;
	case OGI_RC_VARY:
	case OGI_RC_REVOKE:
	case OGI_RC_REVOKE_PART:
	case OGI_RC_DECLARE_ILLEGAL:
	case OGI_RC_ORDER_PERFORM:
	case OGI_RC_DECLARE_VOID:
		return OGI_RESULT_CORRECTED;
	case OGI_RC_REJECT:
	case OGI_RC_TERMINATE:
	case OGI_RC_MEDIATION:
	case OGI_RC_SETTLEMENT:
		return OGI_RESULT_OTHER;
	case OGI_RC_DECISION_COUNT:
		break;
	}
	return OGI_RESULT_PENDING;
}

enum ogi_remedy_result ogi_judgment_result(enum ogi_judgment j, enum ogi_remedy_result reviewed)
{
	switch (j) {
	case OGI_J_DISMISS_CLAIM:
	case OGI_J_UPHOLD:
		return OGI_RESULT_UPHELD;
	case OGI_J_REVOKE:
	case OGI_J_REVOKE_PART:
	case OGI_J_VARY:
	case OGI_J_DECLARE_ILLEGAL:
	case OGI_J_DECLARE_VOID:
	case OGI_J_ORDER_PERFORM:
		return OGI_RESULT_CORRECTED;
	case OGI_J_DISMISS_SUIT:
	case OGI_J_NOT_ACCEPTED:
	case OGI_J_WITHDRAWN:
	case OGI_J_ENDED:
	case OGI_J_MEDIATION:
		return OGI_RESULT_OTHER;
	case OGI_J_AFFIRM:
		return reviewed;
	case OGI_J_REMAND:
	case OGI_JUDGMENT_COUNT:
		break;
	}
	return OGI_RESULT_PENDING;
}

static bool appealable(int judgment)
{
	return judgment != OGI_J_WITHDRAWN && judgment != OGI_J_ENDED &&
	       judgment != OGI_J_MEDIATION && judgment != OGI_J_REMAND;
}

enum ogi_error ogi_litigation_check(const struct ogi_instance *v, size_t n, char *detail,
                                    size_t len)
{
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	detail[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const struct ogi_instance *x = &v[i];
		const char *name = ogi_instance_kind_names[x->kind];
		if (x->decided_on != OGI_DATE_NONE && x->decided_on < x->filed_on)
			return ogi_refuse(
			    detail, len, OGI_E_DECISION_BEFORE_FILING,
			    "instance %zu (%s) is decided on %s, before it was filed on %s", i + 1,
			    name, ogi_date_format(x->decided_on, d1),
			    ogi_date_format(x->filed_on, d2));
		if ((x->judgment == OGI_J_AFFIRM || x->judgment == OGI_J_REMAND) &&
		    x->kind == OGI_INSTANCE_FIRST)
			return ogi_refuse(
			    detail, len, OGI_E_INSTANCE_ORDER,
			    "instance %zu: %s decides an appeal or a retrial, not a first instance",
			    i + 1, ogi_judgment_names[x->judgment]);
		if (i == 0) {
			if (x->kind != OGI_INSTANCE_FIRST)
				return ogi_refuse(
				    detail, len, OGI_E_INSTANCE_ORDER,
				    "a litigation begins with its first instance, not a %s", name);
			continue;
		}
		const struct ogi_instance *prev = &v[i - 1];
		if (prev->decided_on == OGI_DATE_NONE)
			return ogi_refuse(
			    detail, len, OGI_E_INSTANCE_ORDER,
			    "instance %zu (%s) is not decided yet; a %s follows a decision", i,
			    ogi_instance_kind_names[prev->kind], name);
		if (x->filed_on < prev->decided_on)
			return ogi_refuse(
			    detail, len, OGI_E_INSTANCE_ORDER,
			    "the %s is filed on %s, before the decision of %s it follows", name,
			    ogi_date_format(x->filed_on, d1),
			    ogi_date_format(prev->decided_on, d2));
		if (prev->judgment == OGI_J_REMAND && x->kind != OGI_INSTANCE_FIRST)
			return ogi_refuse(
			    detail, len, OGI_E_INSTANCE_ORDER,
			    "instance %zu sent the case back (发回重审): the court of "
			    "first instance "
			    "tries it again before anything else",
			    i);
		if (prev->judgment != OGI_J_REMAND && x->kind == OGI_INSTANCE_FIRST)
			return ogi_refuse(
			    detail, len, OGI_E_INSTANCE_ORDER,
			    "a first instance comes only at the start or after a remand "
			    "(发回重审)");
		if (x->kind == OGI_INSTANCE_SECOND) {
			if (prev->kind == OGI_INSTANCE_SECOND)
				return ogi_refuse(detail, len, OGI_E_INSTANCE_ORDER,
				                  "a second-instance judgment is final: no appeal "
				                  "follows it, only a retrial");
			if (!appealable(prev->judgment))
				return ogi_refuse(
				    detail, len, OGI_E_INSTANCE_ORDER,
				    "%s ends the suit without a decision that can be appealed",
				    ogi_judgment_names[prev->judgment]);
		}
	}
	return 0;
}

void ogi_litigation_results(struct ogi_instance *v, size_t n)
{
	enum ogi_remedy_result before = OGI_RESULT_PENDING;
	for (size_t i = 0; i < n; i++) {
		v[i].result = v[i].judgment >= 0 && v[i].decided_on != OGI_DATE_NONE
		                  ? ogi_judgment_result((enum ogi_judgment)v[i].judgment, before)
		                  : OGI_RESULT_PENDING;
		before = v[i].result;
	}
}

enum ogi_remedy_result
ogi_reconsideration_result_as_of(ogi_date decided_on, enum ogi_remedy_result result, ogi_date as_of)
{
	if (decided_on == OGI_DATE_NONE || decided_on > as_of)
		return OGI_RESULT_PENDING;
	return result;
}

const struct ogi_instance *ogi_litigation_instance_as_of(const struct ogi_instance *v, size_t n,
                                                         ogi_date as_of)
{
	const struct ogi_instance *latest = NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].filed_on <= as_of && (latest == NULL || v[i].filed_on >= latest->filed_on))
			latest = &v[i];
	return latest;
}

enum ogi_remedy_result ogi_litigation_result_as_of(const struct ogi_instance *v, size_t n,
                                                   ogi_date as_of)
{
	const struct ogi_instance *latest = ogi_litigation_instance_as_of(v, n, as_of);
	if (latest == NULL || latest->decided_on == OGI_DATE_NONE || latest->decided_on > as_of)
		return OGI_RESULT_PENDING;
	return latest->result;
}

ogi_date ogi_remedy_report_as_of(ogi_date filed_on)
{
	return ogi_date_from_ymd(ogi_date_year(filed_on), 12, 31);
}

enum ogi_remedy_result ogi_reconsideration_report_result(ogi_date filed_on, ogi_date decided_on,
                                                         int decision)
{
	enum ogi_remedy_result result = decision >= 0 && decision < OGI_RC_DECISION_COUNT
	                                    ? ogi_rc_decision_result((enum ogi_rc_decision)decision)
	                                    : OGI_RESULT_PENDING;
	return ogi_reconsideration_result_as_of(decided_on, result,
	                                        ogi_remedy_report_as_of(filed_on));
}

enum ogi_remedy_result ogi_litigation_report_result(ogi_date filed_on, struct ogi_instance *v,
                                                    size_t n)
{
	ogi_litigation_results(v, n);
	return ogi_litigation_result_as_of(v, n, ogi_remedy_report_as_of(filed_on));
}

bool ogi_litigation_needs_reconsideration(bool direct, ogi_date filed_on, int outcome)
{
	return direct && filed_on >= ogi_date_from_ymd(2024, 1, 1) &&
	       ogi_outcome_is_withheld((enum ogi_outcome)outcome);
}

bool ogi_reconsideration_simple_allowed(ogi_date filed_on)
{
	return filed_on >= ogi_date_from_ymd(2024, 1, 1);
}

ogi_date ogi_period_days(const struct ogi_calendar *cal, ogi_date d, int days, bool *provisional)
{
	ogi_date end = ogi_next_workday_on_or_after(cal, d + days);
	if (provisional)
		*provisional = !ogi_calendar_covers(cal, d, end);
	return end;
}

ogi_date ogi_period_months(const struct ogi_calendar *cal, ogi_date d, int months,
                           bool *provisional)
{
	ogi_date end = ogi_next_workday_on_or_after(cal, ogi_date_add_months(d, months));
	if (provisional)
		*provisional = !ogi_calendar_covers(cal, d, end);
	return end;
}

ogi_date ogi_reconsideration_accepted(const struct ogi_calendar *cal,
                                      const struct ogi_reconsideration_dates *r, bool *estimated)
{
	if (estimated)
		*estimated = r->accepted_on == OGI_DATE_NONE;
	if (r->accepted_on != OGI_DATE_NONE)
		return r->accepted_on;
	/* arts. 30 and 88 (2017: arts. 17 and 40): 5 working days to decide on acceptance,
	   deemed accepted when they pass */
	return ogi_add_workdays(cal, r->filed_on, 5, NULL);
}

ogi_date ogi_reconsideration_decision_due(const struct ogi_calendar *cal,
                                          const struct ogi_reconsideration_dates *r,
                                          bool *provisional)
{
	ogi_date accepted = ogi_reconsideration_accepted(cal, r, NULL);
	int days = (r->simple ? 30 : 60) + (r->simple ? 0 : r->extension_days);
	bool prov = false;
	ogi_date due = ogi_period_days(cal, accepted, days, &prov);
	if (provisional)
		*provisional = prov || !ogi_calendar_covers(cal, r->filed_on, accepted);
	return due;
}

ogi_date ogi_suit_after_reconsideration_due(const struct ogi_calendar *cal,
                                            const struct ogi_reconsideration_dates *r,
                                            bool *estimated)
{
	ogi_date from;
	bool est = false;
	if (r->decided_on != OGI_DATE_NONE) {
		from = r->served_on != OGI_DATE_NONE ? r->served_on : r->decided_on;
		est = r->served_on == OGI_DATE_NONE;
	} else {
		from = ogi_reconsideration_decision_due(cal, r, NULL);
	}
	if (estimated)
		*estimated = est;
	return ogi_period_days(cal, from, 15, NULL);
}

static void put(struct ogi_remedy_deadline *out, int max, int *n, struct ogi_remedy_deadline d)
{
	if (*n < max)
		out[(*n)++] = d;
}

int ogi_reconsideration_deadlines(const struct ogi_calendar *cal,
                                  const struct ogi_reconsideration_dates *r,
                                  struct ogi_remedy_deadline *out, int max)
{
	int n = 0;
	bool prov = false, est = false;
	ogi_date due = ogi_reconsideration_decision_due(cal, r, &prov);
	ogi_reconsideration_accepted(cal, r, &est);
	put(out, max, &n,
	    (struct ogi_remedy_deadline){OGI_RD_RC_DECISION, due, prov, est,
	                                 r->decided_on != OGI_DATE_NONE});
	/* the suit window opens with the decision, or when the authority lets its period
	   pass (until then it is an estimate from the decision due date) */
	ogi_date suit = ogi_suit_after_reconsideration_due(cal, r, &est);
	put(out, max, &n,
	    (struct ogi_remedy_deadline){OGI_RD_SUIT_AFTER_RC, suit,
	                                 !ogi_calendar_covers(cal, r->filed_on, suit),
	                                 est || r->decided_on == OGI_DATE_NONE, false});
	if (r->redo_due != OGI_DATE_NONE)
		put(out, max, &n,
		    (struct ogi_remedy_deadline){OGI_RD_REDO, r->redo_due, false, false,
		                                 r->redone_on != OGI_DATE_NONE});
	return n;
}

int ogi_instance_deadlines(const struct ogi_calendar *cal, const struct ogi_instance *x,
                           struct ogi_remedy_deadline *out, int max)
{
	int n = 0;
	bool prov = false;
	bool decided = x->decided_on != OGI_DATE_NONE;
	if (x->served_on != OGI_DATE_NONE) {
		/* 行政诉讼法 art. 67: the defendant answers within 15 days of receiving the
		 * complaint */
		ogi_date due = ogi_period_days(cal, x->served_on, 15, &prov);
		put(out, max, &n,
		    (struct ogi_remedy_deadline){OGI_RD_DEFENCE, due, prov, false, decided});
	}
	if (x->hearing_on != OGI_DATE_NONE)
		put(out, max, &n,
		    (struct ogi_remedy_deadline){OGI_RD_HEARING, x->hearing_on, false, false,
		                                 decided});
	if (x->kind != OGI_INSTANCE_RETRIAL) {
		/* arts. 81, 83, 88: first instance 6 months (simple procedure 45 days), appeal 3
		 * months */
		ogi_date due = x->kind == OGI_INSTANCE_SECOND
		                   ? ogi_period_months(cal, x->filed_on, 3, &prov)
		               : x->simple ? ogi_period_days(cal, x->filed_on, 45, &prov)
		                           : ogi_period_months(cal, x->filed_on, 6, &prov);
		put(out, max, &n,
		    (struct ogi_remedy_deadline){OGI_RD_COURT_DECISION, due, prov, false, decided});
	}
	if (decided && x->kind == OGI_INSTANCE_FIRST && appealable(x->judgment)) {
		/* art. 85: 15 days from service of a judgment, 10 of a ruling */
		int days = x->judgment == OGI_J_DISMISS_SUIT || x->judgment == OGI_J_NOT_ACCEPTED
		               ? 10
		               : 15;
		bool est = x->judgment_served_on == OGI_DATE_NONE;
		ogi_date from = est ? x->decided_on : x->judgment_served_on;
		ogi_date due = ogi_period_days(cal, from, days, &prov);
		put(out, max, &n,
		    (struct ogi_remedy_deadline){OGI_RD_APPEAL, due, prov, est, false});
	}
	if (x->redo_due != OGI_DATE_NONE)
		put(out, max, &n,
		    (struct ogi_remedy_deadline){OGI_RD_REDO, x->redo_due, false, false,
		                                 x->redone_on != OGI_DATE_NONE || x->superseded});
	return n;
}

bool ogi_remedy_deadline_pending(const struct ogi_remedy_deadline *d, ogi_date today)
{
	if (d->done)
		return false;
	if (d->kind == OGI_RD_RC_DECISION || d->kind == OGI_RD_COURT_DECISION ||
	    d->kind == OGI_RD_REDO)
		return true;
	return d->due_on >= today;
}
